import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareIds, daysFromCivil, formatIsoInstant, parseIsoFast, parseUtcIsoFast } from "../../src/core/fastIso.js";

const DAY = 86_400_000;
/** First instant of year 100 and last instant of year 9999: the range the fast parser reads. */
const YEAR_100 = -59_011_459_200_000;
const YEAR_9999_END = 253_402_300_799_999;

/** The instant of a civil date-time by `Date` (no two-digit-year mapping), or NaN when a field overflows. */
function civilInstant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  const exact =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s &&
    date.getUTCMilliseconds() === ms;
  return exact ? date.getTime() : Number.NaN;
}

const pad = (v: number, n: number): string => String(v).padStart(n, "0");

describe("parseUtcIsoFast", () => {
  it("reads a date as midnight UTC", () => {
    expect(parseUtcIsoFast("1970-01-01")).toBe(0);
    expect(parseUtcIsoFast("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtcIsoFast("1969-12-31")).toBe(-DAY);
    expect(parseUtcIsoFast("0100-01-01")).toBe(YEAR_100);
    expect(parseUtcIsoFast("9999-12-31")).toBe(YEAR_9999_END + 1 - DAY);
  });

  it("reads date-times with T or a space, with or without seconds' fraction and Z or z, as UTC", () => {
    const t = Date.UTC(2024, 5, 1, 12, 30, 45);
    expect(parseUtcIsoFast("2024-06-01T12:30:45")).toBe(t);
    expect(parseUtcIsoFast("2024-06-01 12:30:45")).toBe(t);
    expect(parseUtcIsoFast("2024-06-01T12:30:45Z")).toBe(t);
    expect(parseUtcIsoFast("2024-06-01T12:30:45z")).toBe(t);
    expect(parseUtcIsoFast("2024-06-01T12:30:45.123")).toBe(t + 123);
    expect(parseUtcIsoFast("2024-06-01 12:30:45.007Z")).toBe(t + 7);
    expect(parseUtcIsoFast("2024-06-01T12:30:45.999z")).toBe(t + 999);
    expect(parseUtcIsoFast("2024-06-01T00:00:00.000Z")).toBe(Date.UTC(2024, 5, 1));
    expect(parseUtcIsoFast("2024-06-01T23:59:59.999Z")).toBe(Date.UTC(2024, 5, 2) - 1);
    expect(parseUtcIsoFast("1969-12-31T23:59:59.999Z")).toBe(-1);
  });

  it("knows the length of every month and the Gregorian leap years", () => {
    const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    monthDays.forEach((days, k) => {
      const m = pad(k + 1, 2);
      expect(parseUtcIsoFast(`2023-${m}-${days}`)).toBe(Date.UTC(2023, k, days));
      expect(parseUtcIsoFast(`2023-${m}-${days + 1}`)).toBeNaN();
      expect(parseUtcIsoFast(`2023-${m}-28`)).toBe(Date.UTC(2023, k, 28));
      expect(parseUtcIsoFast(`2023-${m}-01`)).toBe(Date.UTC(2023, k, 1));
      expect(parseUtcIsoFast(`2023-${m}-00`)).toBeNaN();
    });
    for (const leap of [1600, 2000, 2004, 2024, 2400]) expect(parseUtcIsoFast(`${leap}-02-29`)).toBe(civilInstant(leap, 2, 29));
    for (const common of [1700, 1800, 1900, 2023, 2100, 2200, 2300]) expect(parseUtcIsoFast(`${common}-02-29`)).toBeNaN();
    for (const y of [2000, 2023]) expect(parseUtcIsoFast(`${y}-02-30`)).toBeNaN();
    expect(parseUtcIsoFast("2024-04-30")).toBe(Date.UTC(2024, 3, 30));
    expect(parseUtcIsoFast("2024-04-29")).toBe(Date.UTC(2024, 3, 29));
  });

  it("rejects months and days out of range, and clock fields out of range", () => {
    for (const s of ["2024-00-10", "2024-13-01", "2024-99-01", "2024-01-32", "2024-01-99"]) expect(parseUtcIsoFast(s)).toBeNaN();
    for (const s of ["2024-06-01T24:00:00", "2024-06-01T23:60:00", "2024-06-01T23:59:60", "2024-06-01T99:00:00"]) {
      expect(parseUtcIsoFast(s)).toBeNaN();
    }
    expect(parseUtcIsoFast("2024-06-01T23:59:59")).toBe(Date.UTC(2024, 5, 1, 23, 59, 59));
    expect(parseUtcIsoFast("2024-12-01")).toBe(Date.UTC(2024, 11, 1));
  });

  it("returns NaN for years before 100, which the full parser reads", () => {
    expect(parseUtcIsoFast("0099-12-31")).toBeNaN();
    expect(parseUtcIsoFast("0000-01-01")).toBeNaN();
    expect(parseUtcIsoFast("0099-12-31T23:59:59Z")).toBeNaN();
  });

  it("returns NaN for every other form: offsets, short or long fractions, missing parts, other characters", () => {
    const others = [
      "",
      "2024-06-0",
      "2024-6-1",
      "20240601",
      "2024/06/01",
      "2024-06/01",
      "2024_06-01",
      "+02024-06-01",
      "2O24-06-01",
      "2024-06-0/",
      "2024-06-0:",
      "2024-0a-01",
      "2024-06-01T",
      "2024-06-01Z",
      "2024-06-01X12:30:45",
      "2024-06-01T12:30",
      "2024-06-01T12:30:4",
      "2024-06-01T12-30:45",
      "2024-06-01T12:30-45",
      "2024-06-01T1a:30:45",
      "2024-06-01T12:3a:45",
      "2024-06-01T12:30:4a",
      "2024-06-01T12:30:45.",
      "2024-06-01T12:30:45.1",
      "2024-06-01T12:30:45.12",
      "2024-06-01T12:30:45.1Z",
      "2024-06-01T12:30:45.12Z",
      "2024-06-01T12:30:45.12a",
      "2024-06-01T12:30:45.1234",
      "2024-06-01T12:30:45.1234Z",
      "2024-06-01T12:30:45,123Z",
      "2024-06-01T12:30:45+02:00",
      "2024-06-01T12:30:45.000+00:00",
      "2024-06-01T12:30:45ZZ",
      "2024-06-01T12:30:45Z ",
      "2024-06-01T12:30:45 ",
      "2024-06-01T12:30:45X",
      "2024-06-01 ",
      // characters just below "0" must not count as digits with a negative value
      "20/4-06-01",
      "2024-1/-01",
      "2024-06-1/",
      "2024-06-01T1/:30:45",
      "2024-06-01T12:3/:45",
      "2024-06-01T12:30:4/",
      "2024-06-01T12:30:45.1/0Z",
    ];
    for (const s of others) expect([s, parseUtcIsoFast(s)]).toEqual([s, Number.NaN]);
  });

  it("agrees with Date for every date-time in years 100 to 9999, in each accepted form (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: YEAR_100, max: YEAR_9999_END }), (ms) => {
        const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
        const seconds = Date.parse(`${iso.slice(0, 19)}Z`);
        const midnight = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
        expect(parseUtcIsoFast(iso)).toBe(ms);
        expect(parseUtcIsoFast(iso.slice(0, 23))).toBe(ms);
        expect(parseUtcIsoFast(`${iso.slice(0, 10)} ${iso.slice(11)}`)).toBe(ms);
        expect(parseUtcIsoFast(iso.replace("Z", "z"))).toBe(ms);
        expect(parseUtcIsoFast(iso.slice(0, 19))).toBe(seconds);
        expect(parseUtcIsoFast(`${iso.slice(0, 19)}Z`)).toBe(seconds);
        expect(parseUtcIsoFast(iso.slice(0, 10))).toBe(midnight);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("reads each written field combination as Date does, and rejects exactly the impossible ones (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          const text = `${date}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
          expect(parseUtcIsoFast(text)).toBe(civilInstant(y, mo, d, h, mi, s, ms));
          expect(parseUtcIsoFast(date)).toBe(civilInstant(y, mo, d));
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe("parseIsoFast", () => {
  it("reads every fast form when the zone is UTC", () => {
    expect(parseIsoFast("2024-06-01", true)).toBe(Date.UTC(2024, 5, 1));
    expect(parseIsoFast("2024-06-01 08:00:00", true)).toBe(Date.UTC(2024, 5, 1, 8));
    expect(parseIsoFast("2024-06-01T08:00:00.250Z", true)).toBe(Date.UTC(2024, 5, 1, 8, 0, 0, 250));
    expect(parseIsoFast("2024-06-31", true)).toBeNaN();
  });

  it("reads only instants ending in Z or z in another zone, since local forms depend on the zone", () => {
    expect(parseIsoFast("2024-06-01T08:00:00Z", false)).toBe(Date.UTC(2024, 5, 1, 8));
    expect(parseIsoFast("2024-06-01T08:00:00.500z", false)).toBe(Date.UTC(2024, 5, 1, 8, 0, 0, 500));
    expect(parseIsoFast("2024-06-01T08:00:00", false)).toBeNaN();
    expect(parseIsoFast("2024-06-01", false)).toBeNaN();
    expect(parseIsoFast("2024-06-01T08:00:00+02:00", false)).toBeNaN();
    expect(parseIsoFast("2024-06-31T08:00:00Z", false)).toBeNaN();
    expect(parseIsoFast("", false)).toBeNaN();
    expect(parseIsoFast("Z", false)).toBeNaN();
  });
});

describe("formatIsoInstant", () => {
  it("writes instants as Date#toISOString does", () => {
    expect(formatIsoInstant(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(formatIsoInstant(-0)).toBe("1970-01-01T00:00:00.000Z");
    expect(formatIsoInstant(-1)).toBe("1969-12-31T23:59:59.999Z");
    expect(formatIsoInstant(Date.UTC(2024, 1, 29, 7, 5, 3, 9))).toBe("2024-02-29T07:05:03.009Z");
    expect(formatIsoInstant(Date.UTC(2000, 2, 1))).toBe("2000-03-01T00:00:00.000Z");
    expect(formatIsoInstant(Date.UTC(1900, 1, 28, 23, 59, 59, 999))).toBe("1900-02-28T23:59:59.999Z");
    expect(formatIsoInstant(Date.UTC(2100, 11, 31, 10, 20, 30, 40))).toBe("2100-12-31T10:20:30.040Z");
    expect(formatIsoInstant(civilInstant(1600, 2, 29, 1, 2, 3, 4))).toBe("1600-02-29T01:02:03.004Z");
  });

  it("writes the days around the boundaries of Hinnant's 400-year eras, centuries and 4-year cycles", () => {
    // An era starts on 1 March of a year divisible by 400 (day of era 0); day 1460 ends the
    // first 4-year cycle, day 36524 the first century and day 146096 (29 February) the era.
    expect(formatIsoInstant(Date.UTC(2000, 2, 2, 6))).toBe("2000-03-02T06:00:00.000Z");
    expect(formatIsoInstant(Date.UTC(2000, 1, 29, 23, 59, 59, 999))).toBe("2000-02-29T23:59:59.999Z");
    expect(formatIsoInstant(Date.UTC(2004, 1, 29))).toBe("2004-02-29T00:00:00.000Z");
    expect(formatIsoInstant(Date.UTC(2100, 1, 28))).toBe("2100-02-28T00:00:00.000Z");
    expect(formatIsoInstant(Date.UTC(2100, 2, 1))).toBe("2100-03-01T00:00:00.000Z");
    expect(formatIsoInstant(civilInstant(0, 3, 2, 12))).toBe("0000-03-02T12:00:00.000Z");
    for (const start of [Date.UTC(1999, 11, 1), Date.UTC(2003, 11, 1), Date.UTC(2099, 11, 1), Date.UTC(2399, 11, 1), civilInstant(1600, 1, 1), civilInstant(0, 1, 1)]) {
      for (let day = 0; day < 500; day++) {
        const ms = start + day * DAY + 3_723_004;
        expect(formatIsoInstant(ms)).toBe(new Date(ms).toISOString());
      }
    }
  });

  it("writes years 0000 and 9999 itself, and hands other years and fractional milliseconds to Date", () => {
    expect(formatIsoInstant(-62_167_219_200_000)).toBe("0000-01-01T00:00:00.000Z");
    expect(formatIsoInstant(-62_167_219_200_001)).toBe("-000001-12-31T23:59:59.999Z");
    expect(formatIsoInstant(civilInstant(50, 3, 1, 12))).toBe("0050-03-01T12:00:00.000Z");
    expect(formatIsoInstant(YEAR_9999_END)).toBe("9999-12-31T23:59:59.999Z");
    expect(formatIsoInstant(YEAR_9999_END + 1)).toBe("+010000-01-01T00:00:00.000Z");
    expect(formatIsoInstant(8.64e15)).toBe("+275760-09-13T00:00:00.000Z");
    expect(formatIsoInstant(-8.64e15)).toBe("-271821-04-20T00:00:00.000Z");
    expect(formatIsoInstant(1.5)).toBe("1970-01-01T00:00:00.001Z");
    expect(formatIsoInstant(-0.5)).toBe(new Date(-0.5).toISOString());
  });

  it("agrees with Date#toISOString for every valid instant (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -8.64e15, max: 8.64e15 }),
          fc.integer({ min: -62_167_219_200_000 - DAY, max: YEAR_9999_END + DAY }),
          fc.integer({ min: -5_000_000_000_000, max: 5_000_000_000_000 }),
        ),
        (ms) => {
          expect(formatIsoInstant(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("round-trips through parseUtcIsoFast for years 100 to 9999, leap days included (property)", () => {
    const leapDay = fc
      .record({ y: fc.integer({ min: 25, max: 2499 }).map((k) => 4 * k), ms: fc.integer({ min: 0, max: DAY - 1 }) })
      .filter(({ y }) => y % 100 !== 0 || y % 400 === 0)
      .map(({ y, ms }) => civilInstant(y, 2, 29) + ms);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: YEAR_100, max: YEAR_9999_END }), leapDay), (ms) => {
        const iso = formatIsoInstant(ms);
        expect(parseUtcIsoFast(iso)).toBe(ms);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe("daysFromCivil", () => {
  it("counts days from 1970-01-01 in the proleptic Gregorian calendar", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(1970, 3, 1)).toBe(59);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    expect(daysFromCivil(2024, 2, 29)).toBe(19_782);
    expect(daysFromCivil(0, 3, 1)).toBe(-719_468);
    expect(daysFromCivil(0, 1, 1)).toBe(-719_528);
  });

  it("agrees with Date for any date from year -10000 to 10000 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        expect(daysFromCivil(y, m, d) * DAY).toBe(civilInstant(y, m, d));
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe("compareIds", () => {
  it("orders by UTF-16 code units, not by locale", () => {
    expect(compareIds("a", "b")).toBe(-1);
    expect(compareIds("b", "a")).toBe(1);
    expect(compareIds("a", "a")).toBe(0);
    expect(compareIds("", "a")).toBe(-1);
    expect(compareIds("Z", "a")).toBe(-1);
    expect(compareIds("é", "z")).toBe(1);
    expect(compareIds("10", "9")).toBe(-1);
    expect(compareIds("\uFFFF", "\u{1F600}")).toBe(1);
    expect(["b", "B", "a", "ä", "10", "9"].sort(compareIds)).toEqual(["10", "9", "B", "a", "b", "ä"]);
  });

  it("is antisymmetric and agrees with the < operator (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), (a, b) => {
        const c = compareIds(a, b);
        expect(c).toBe(a < b ? -1 : a === b ? 0 : 1);
        expect(compareIds(b, a)).toBe(c === 0 ? 0 : -c);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
