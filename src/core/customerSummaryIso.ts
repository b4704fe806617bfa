// ISO-8601 instants for result rows (customerSummary, rfmScores), made as flat strings.

const DAY = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the four-digit years. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

/**
 * A formatter equal to `new Date(ms).toISOString()` that builds each string in one
 * allocation: the date part comes from a per-day cache (filled by `toISOString`), the time
 * part from arithmetic, and `String.fromCharCode` writes the 24 characters into one flat
 * string. Strings assembled by concatenation stay trees of parts that every garbage
 * collection has to copy while the rows live, and `toISOString` itself allocates a `Date`;
 * on 100k rows with two instants each this is several times faster. Milliseconds that are
 * not whole, or outside years 0000-9999, go through `Date`. @internal
 */
export function createIsoInstantFormatter(): (ms: number) => string {
  const dates = new Map<number, string>();
  return (ms: number): string => {
    if (!Number.isInteger(ms) || ms < MIN_MS || ms > MAX_MS) return new Date(ms).toISOString();
    const day = Math.floor(ms / DAY);
    let date = dates.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString();
      if (dates.size < 100_000) dates.set(day, date);
    }
    let rest = ms - day * DAY;
    const hh = Math.floor(rest / 3_600_000);
    rest -= hh * 3_600_000;
    const mm = Math.floor(rest / 60_000);
    rest -= mm * 60_000;
    const ss = Math.floor(rest / 1000);
    const milli = rest - ss * 1000;
    return String.fromCharCode(
      date.charCodeAt(0),
      date.charCodeAt(1),
      date.charCodeAt(2),
      date.charCodeAt(3),
      45,
      date.charCodeAt(5),
      date.charCodeAt(6),
      45,
      date.charCodeAt(8),
      date.charCodeAt(9),
      84,
      48 + Math.floor(hh / 10),
      48 + (hh % 10),
      58,
      48 + Math.floor(mm / 10),
      48 + (mm % 10),
      58,
      48 + Math.floor(ss / 10),
      48 + (ss % 10),
      46,
      48 + Math.floor(milli / 100),
      48 + (Math.floor(milli / 10) % 10),
      48 + (milli % 10),
      90,
    );
  };
}
