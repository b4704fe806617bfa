// Fast paths for the ISO-8601 forms that CRM exports use most, for the per-record hot
// loops: parsing by character codes and formatting by arithmetic, both exact and both
// checked against the general parser and `Date#toISOString` by property tests.

const DAY = 86_400_000;
const PAD2: readonly string[] = /* @__PURE__ */ Array.from({ length: 100 }, (_, k) => String(k).padStart(2, "0"));
const PAD3: readonly string[] = /* @__PURE__ */ Array.from({ length: 1000 }, (_, k) => String(k).padStart(3, "0"));

/** What {@link isoDays} returns for a string that is not one of its forms (no day number is this low). */
const NOT_ISO = -1_073_741_824;
/** Milliseconds into the day of the string that {@link isoDays} read last. */
const TIME_OF_DAY = /* @__PURE__ */ new Int32Array(1);

/**
 * Epoch ms of `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss[.sss]` (or a space for `T`), each with or
 * without a trailing `Z`, reading forms without `Z` as UTC; `NaN` for anything else (and for
 * years before 100), which callers hand to the full parser. The parsing is done by
 * {@link isoDays}, whose two results are small integers: a function that returns a
 * millisecond instant without being inlined returns it in a new heap number, a garbage
 * object for every record of a million-row call. This one is small enough to be inlined.
 * @internal
 */
export function parseUtcIsoFast(s: string): number {
  const days = isoDays(s);
  return days === NOT_ISO ? Number.NaN : days * DAY + TIME_OF_DAY[0]!;
}

/** The day number of a string that {@link parseUtcIsoFast} reads (its time of day in `TIME_OF_DAY[0]`), else `NOT_ISO`. */
function isoDays(s: string): number {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NOT_ISO;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28 + (day > 28 ? monthExtra(year, month) : 0)) {
    return NOT_ISO;
  }
  const days = daysFromCivil(year, month, day);
  if (len === 10) {
    TIME_OF_DAY[0] = 0;
    return days;
  }
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || len < 19 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NOT_ISO;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NOT_ISO;
  let pos = 19;
  let ms = 0;
  if (pos < len && s.charCodeAt(pos) === 46) {
    if (pos + 4 > len) return NOT_ISO;
    ms = digits(s, pos + 1, 3);
    if (ms < 0) return NOT_ISO;
    pos += 4;
  }
  if (pos < len && (s.charCodeAt(pos) === 90 || s.charCodeAt(pos) === 122)) pos++;
  if (pos !== len) return NOT_ISO;
  TIME_OF_DAY[0] = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return days;
}

/**
 * {@link parseUtcIsoFast} when the strings are read in UTC; in another zone only the forms
 * that end in `Z` (instants whatever the zone), else `NaN`. @internal
 */
export function parseIsoFast(s: string, utc: boolean): number {
  if (utc) return parseUtcIsoFast(s);
  const last = s.charCodeAt(s.length - 1);
  return last === 90 || last === 122 ? parseUtcIsoFast(s) : Number.NaN;
}

/**
 * `new Date(ms).toISOString()` without a `Date`: the civil date from the day number
 * (H. Hinnant's algorithm) and lookup tables for the two- and three-digit parts. Whole
 * milliseconds in years 0000-9999 only; others go through `Date`. @internal
 */
export function formatIsoInstant(ms: number): string {
  const days = Math.floor(ms / DAY);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999 || !Number.isInteger(ms)) return new Date(ms).toISOString();
  let rest = ms - days * DAY;
  const hh = Math.floor(rest / 3_600_000);
  rest -= hh * 3_600_000;
  const mm = Math.floor(rest / 60_000);
  rest -= mm * 60_000;
  const ss = Math.floor(rest / 1000);
  const milli = rest - ss * 1000;
  return `${PAD2[Math.floor(y / 100)]}${PAD2[y % 100]}-${PAD2[m]}-${PAD2[d]}T${PAD2[hh]}:${PAD2[mm]}:${PAD2[ss]}.${PAD3[milli]}Z`;
}

/** Compare ids by UTF-16 code units (a stable order that does not depend on the locale). @internal */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). @internal */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The decimal number in `s[from, from + count)`, or -1 when a character is not a digit. */
function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days a month has beyond 28. */
function monthExtra(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 1 : 0;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 2 : 3;
}
