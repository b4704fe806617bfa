import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/core/errors.js";
import {
  addDuration,
  addPeriods,
  createPeriodBucketer,
  isValidTimeZone,
  parseTimestamp,
  periodLabel,
  periodsBetween,
  periodStart,
  resolveDuration,
  resolvePeriod,
  resolveTimeZone,
  resolveWeekStartsOn,
  toTimestamp,
  toTimestampOption,
  zoneOffsetMinutes,
} from "../../src/core/time.js";
import { caughtError } from "../support/errors.js";

const iso = (ms: number): string => new Date(ms).toISOString();

describe("parseTimestamp", () => {
  it("reads ISO dates, date-times, offsets, Date objects and epoch ms", () => {
    expect(parseTimestamp("2024-03-05")).toBe(Date.UTC(2024, 2, 5));
    expect(parseTimestamp("2024-03-05T10:20:30Z")).toBe(Date.UTC(2024, 2, 5, 10, 20, 30));
    expect(parseTimestamp("2024-03-05T10:20:30.123Z")).toBe(Date.UTC(2024, 2, 5, 10, 20, 30, 123));
    expect(parseTimestamp("2024-03-05T10:20:30+02:00")).toBe(Date.UTC(2024, 2, 5, 8, 20, 30));
    expect(parseTimestamp("2024-03-05T10:20-0530")).toBe(Date.UTC(2024, 2, 5, 15, 50));
    expect(parseTimestamp("2024-03-05 10:20")).toBe(Date.UTC(2024, 2, 5, 10, 20));
    expect(parseTimestamp("2024-03-05T24:00:00Z")).toBe(Date.UTC(2024, 2, 6));
    expect(parseTimestamp(new Date(5))).toBe(5);
    expect(parseTimestamp(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(parseTimestamp("1969-07-20T20:17:00Z")).toBe(Date.UTC(1969, 6, 20, 20, 17));
    // years 0-99 are not 1900-1999, and year 0 is a leap year (proleptic Gregorian)
    expect(new Date(parseTimestamp("0050-01-01")).toISOString()).toBe("0050-01-01T00:00:00.000Z");
    expect(new Date(parseTimestamp("0000-02-29T12:00:00Z")).toISOString()).toBe("0000-02-29T12:00:00.000Z");
    expect(Number.isNaN(parseTimestamp("1900-02-29"))).toBe(true);
    expect(new Date(parseTimestamp("9999-12-31T23:59:59.999Z")).toISOString()).toBe("9999-12-31T23:59:59.999Z");
  });

  it("reads local date-times in the given zone", () => {
    expect(iso(parseTimestamp("2024-01-15", "America/New_York"))).toBe("2024-01-15T05:00:00.000Z");
    expect(iso(parseTimestamp("2024-07-15T12:00", "Europe/Berlin"))).toBe("2024-07-15T10:00:00.000Z");
    // an explicit offset wins over the zone
    expect(iso(parseTimestamp("2024-07-15T12:00Z", "Europe/Berlin"))).toBe("2024-07-15T12:00:00.000Z");
  });

  it("moves a wall time in a DST gap forward and takes the earlier instant in an overlap", () => {
    // 2024-03-10 02:30 does not exist in New York
    expect(iso(parseTimestamp("2024-03-10T02:30", "America/New_York"))).toBe("2024-03-10T07:30:00.000Z");
    // 2024-11-03 01:30 happens twice in New York: EDT first
    expect(iso(parseTimestamp("2024-11-03T01:30", "America/New_York"))).toBe("2024-11-03T05:30:00.000Z");
    // 2024-10-27 02:30 happens twice in Berlin: CEST first
    expect(iso(parseTimestamp("2024-10-27T02:30", "Europe/Berlin"))).toBe("2024-10-27T00:30:00.000Z");
  });

  it("rejects invalid dates as NaN", () => {
    for (const bad of ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-1", "01/02/2024", "", "yesterday", "2024-03-05T25:00", "2024-03-05T10:60", "2024-03-05T10:00+25:00", new Date(Number.NaN), Number.NaN, Number.POSITIVE_INFINITY, 9e15, null, undefined, {}, true]) {
      expect(Number.isNaN(parseTimestamp(bad))).toBe(true);
    }
    expect(parseTimestamp("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
  });

  it("throws INVALID_INPUT and INVALID_OPTION with the path", () => {
    expect(() => toTimestamp("f", "transactions[2].occurredAt", "nope")).toThrow(
      'f: transactions[2].occurredAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "nope"',
    );
    try {
      toTimestampOption("f", "asOf", "nope");
    } catch (e) {
      expect((e as CrmMetricsError).code).toBe("INVALID_OPTION");
      expect((e as CrmMetricsError).path).toBe("options.asOf");
    }
    expect(toTimestamp("f", "x", "2024-01-01")).toBe(Date.UTC(2024, 0, 1));
    expect(toTimestampOption("f", "x", 3)).toBe(3);
  });
});

describe("periods", () => {
  it("buckets UTC timestamps into calendar periods", () => {
    const t = Date.UTC(2024, 4, 15, 13, 45); // Wednesday 15 May 2024
    expect(iso(periodStart(t, "day", "UTC"))).toBe("2024-05-15T00:00:00.000Z");
    expect(iso(periodStart(t, "week", "UTC"))).toBe("2024-05-13T00:00:00.000Z");
    expect(iso(periodStart(t, "week", "UTC", 0))).toBe("2024-05-12T00:00:00.000Z");
    expect(iso(periodStart(t, "month", "UTC"))).toBe("2024-05-01T00:00:00.000Z");
    expect(iso(periodStart(t, "quarter", "UTC"))).toBe("2024-04-01T00:00:00.000Z");
    expect(iso(periodStart(t, "year", "UTC"))).toBe("2024-01-01T00:00:00.000Z");
  });

  it("buckets in a time zone across daylight-saving changes", () => {
    const ny = "America/New_York";
    // 2024-03-10 is 23 hours long in New York
    expect(iso(periodStart(Date.UTC(2024, 2, 10, 12), "day", ny))).toBe("2024-03-10T05:00:00.000Z");
    expect(iso(periodStart(Date.UTC(2024, 2, 11, 3), "day", ny))).toBe("2024-03-10T05:00:00.000Z");
    expect(iso(periodStart(Date.UTC(2024, 2, 11, 4), "day", ny))).toBe("2024-03-11T04:00:00.000Z");
    expect(iso(addPeriods(Date.UTC(2024, 2, 10, 5), "day", 1, ny))).toBe("2024-03-11T04:00:00.000Z");
    // a purchase at 23:30 UTC on Jan 31 is February in Tokyo
    expect(periodLabel(periodStart(Date.UTC(2024, 0, 31, 23, 30), "month", "Asia/Tokyo"), "month", "Asia/Tokyo")).toBe("2024-02");
    const berlin = "Europe/Berlin";
    expect(iso(periodStart(Date.UTC(2024, 9, 27, 12), "day", berlin))).toBe("2024-10-26T22:00:00.000Z");
    expect(iso(addPeriods(Date.UTC(2024, 9, 26, 22), "day", 1, berlin))).toBe("2024-10-27T23:00:00.000Z");
  });

  it("has a bucketer that agrees with date-fns in every zone and unit", () => {
    const zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham"];
    const units = ["day", "week", "month", "quarter", "year"] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        fc.constantFrom(...units),
        fc.integer({ min: 0, max: 6 }),
        (t, zone, unit, ws) => {
          const b = createPeriodBucketer(unit, { timeZone: zone, weekStartsOn: ws as 0 });
          expect(b(t)).toBe(periodStart(t, unit, zone, ws as 0));
          expect(b(t)).toBeLessThanOrEqual(t);
          expect(addPeriods(b(t), unit, 1, zone)).toBeGreaterThan(t);
        },
      ),
      { seed: 99, numRuns: 400 },
    );
  });

  it("counts whole periods between period starts and labels them", () => {
    expect(periodsBetween(Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 1), "month", "UTC")).toBe(11);
    expect(periodsBetween(Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1), "quarter", "UTC")).toBe(4);
    expect(periodsBetween(Date.UTC(2024, 0, 1), Date.UTC(2026, 0, 1), "year", "UTC")).toBe(2);
    expect(periodsBetween(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 15), "week", "UTC")).toBe(2);
    const ny = "America/New_York";
    const a = periodStart(Date.UTC(2024, 2, 9, 12), "day", ny);
    const b = periodStart(Date.UTC(2024, 2, 12, 12), "day", ny);
    expect(periodsBetween(a, b, "day", ny)).toBe(3);
    expect(periodLabel(Date.UTC(2024, 6, 1), "quarter", "UTC")).toBe("2024-Q3");
    expect(periodLabel(Date.UTC(2024, 6, 1), "year", "UTC")).toBe("2024");
    expect(periodLabel(Date.UTC(2024, 6, 1), "day", "UTC")).toBe("2024-07-01");
    expect(periodLabel(Date.UTC(2024, 6, 1), "week", "Europe/Berlin")).toBe("2024-07-01");
  });

  it("knows time zones and offsets", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(zoneOffsetMinutes(Date.UTC(2024, 6, 1), "Europe/Berlin")).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2024, 0, 1), "Asia/Kolkata")).toBe(330);
    expect(zoneOffsetMinutes(Date.UTC(2024, 0, 1), "UTC")).toBe(0);
  });
});

describe("option resolvers", () => {
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return `${(e as CrmMetricsError).code} ${(e as CrmMetricsError).path}`;
    }
    return "none";
  };
  it("validate time zones, periods and week starts", () => {
    expect(resolveTimeZone("f", undefined)).toBe("UTC");
    expect(resolveTimeZone("f", "Etc/UTC")).toBe("UTC");
    expect(resolveTimeZone("f", "Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(code(() => resolveTimeZone("f", "Nowhere/Land"))).toBe("INVALID_OPTION options.timeZone");
    expect(code(() => resolveTimeZone("f", 5))).toBe("INVALID_OPTION options.timeZone");
    expect(resolvePeriod("f", undefined)).toBe("month");
    expect(resolvePeriod("f", undefined, "day")).toBe("day");
    expect(code(() => resolvePeriod("f", "decade"))).toBe("INVALID_OPTION options.period");
    expect(resolveWeekStartsOn("f", undefined)).toBe(1);
    expect(resolveWeekStartsOn("f", 0)).toBe(0);
    expect(code(() => resolveWeekStartsOn("f", 7))).toBe("INVALID_OPTION options.weekStartsOn");
  });

  it("validate durations and add them in a zone", () => {
    expect(resolveDuration("f", "window", undefined, { days: 14 })).toEqual({ days: 14 });
    expect(resolveDuration("f", "window", { hours: 2 }, { days: 1 })).toEqual({ hours: 2 });
    expect(code(() => resolveDuration("f", "window", { fortnights: 1 }, { days: 1 }))).toBe("INVALID_OPTION options.window.fortnights");
    expect(code(() => resolveDuration("f", "window", { days: -1 }, { days: 1 }))).toBe("INVALID_OPTION options.window.days");
    expect(code(() => resolveDuration("f", "window", {}, { days: 1 }))).toBe("INVALID_OPTION options.window");
    expect(code(() => resolveDuration("f", "window", 14, { days: 1 }))).toBe("INVALID_OPTION options.window");
    // one calendar day across the spring-forward change is 23 hours
    const t = Date.UTC(2024, 2, 10, 5);
    expect(addDuration(t, { days: 1 }, "America/New_York") - t).toBe(23 * 3600_000);
    expect(addDuration(t, { hours: 24 }, "America/New_York") - t).toBe(24 * 3600_000);
    expect(addDuration(t, { days: 1 }, "UTC") - t).toBe(24 * 3600_000);
  });
});

describe("parseTimestamp: the edges of each field", () => {
  const nan = (s: string, zone?: string): boolean => Number.isNaN(parseTimestamp(s, zone));

  it("keeps epoch milliseconds at the ends of the Date range", () => {
    expect(parseTimestamp(8.64e15)).toBe(8.64e15);
    expect(parseTimestamp(-8.64e15)).toBe(-8.64e15);
    expect(Number.isNaN(parseTimestamp(8.64e15 + 1))).toBe(true);
  });

  it("rejects month 0, day 0 and second 60", () => {
    expect(nan("2024-00-10")).toBe(true);
    expect(nan("2024-01-00")).toBe(true);
    expect(nan("2024-01-01T10:00:60Z")).toBe(true);
    expect(parseTimestamp("2024-01-01T10:00:59Z")).toBe(Date.UTC(2024, 0, 1, 10, 0, 59));
  });

  it("gives April, June, September and November 30 days and the rest 31", () => {
    for (const month of ["04", "06", "09", "11"]) {
      expect(nan(`2024-${month}-31`)).toBe(true);
      expect(parseTimestamp(`2024-${month}-30`)).toBe(Date.UTC(2024, Number(month) - 1, 30));
    }
    for (const month of ["01", "03", "05", "07", "08", "10", "12"]) {
      expect(parseTimestamp(`2024-${month}-31`)).toBe(Date.UTC(2024, Number(month) - 1, 31));
    }
  });

  it("makes years divisible by 400 leap years although they are divisible by 100", () => {
    expect(parseTimestamp("2000-02-29")).toBe(Date.UTC(2000, 1, 29));
    expect(nan("2100-02-29")).toBe(true);
  });

  it("accepts 24:00 only as the end of the day, with no minutes, seconds or fraction", () => {
    expect(parseTimestamp("2024-03-05T24:00Z")).toBe(Date.UTC(2024, 2, 6));
    expect(parseTimestamp("2024-03-05T24:00:00.000Z")).toBe(Date.UTC(2024, 2, 6));
    for (const bad of ["2024-03-05T24:30Z", "2024-03-05T24:01:00Z", "2024-03-05T24:00:01Z", "2024-03-05T24:00:00.5Z"]) {
      expect(nan(bad)).toBe(true);
    }
  });

  it("reads offsets up to +23:59 and rejects minutes past 59", () => {
    expect(parseTimestamp("2024-03-05T23:00+23:00")).toBe(Date.UTC(2024, 2, 5));
    expect(parseTimestamp("2024-03-05T10:59+05:59")).toBe(Date.UTC(2024, 2, 5, 5, 0));
    expect(parseTimestamp("2024-03-05T10:00-0000")).toBe(Date.UTC(2024, 2, 5, 10, 0));
    expect(nan("2024-03-05T10:00+05:60")).toBe(true);
    expect(nan("2024-03-05T10:00+24:00")).toBe(true);
  });

  it("reads a wall time on a fall-back day after the change with the new offset", () => {
    // New York is on EST (UTC-5) from 2024-11-03 02:00 local on: noon is 17:00 UTC
    expect(iso(parseTimestamp("2024-11-03T12:00", "America/New_York"))).toBe("2024-11-03T17:00:00.000Z");
    // and on EDT (UTC-4) from 2024-03-10 03:00 local on: noon is 16:00 UTC
    expect(iso(parseTimestamp("2024-03-10T12:00", "America/New_York"))).toBe("2024-03-10T16:00:00.000Z");
  });

  it("reads wall times in the zone names that mean UTC as UTC", () => {
    // "Z" is no IANA name (the runtime rejects it), but it is UTC wherever it is passed
    for (const zone of ["UTC", "Etc/UTC", "Z", "Etc/GMT", "GMT"]) {
      expect(parseTimestamp("2024-07-15T12:00", zone)).toBe(Date.UTC(2024, 6, 15, 12));
    }
  });
});

describe("toTimestamp and toTimestampOption", () => {

  it("read an option in UTC by default, and in the zone given", () => {
    expect(toTimestampOption("f", "asOf", "2024-01-01")).toBe(Date.UTC(2024, 0, 1));
    expect(toTimestampOption("f", "asOf", "2024-01-01", "Asia/Tokyo")).toBe(Date.UTC(2023, 11, 31, 15));
    expect(toTimestamp("f", "x", "2024-01-01", "Asia/Tokyo")).toBe(Date.UTC(2023, 11, 31, 15));
  });

  it("throw INVALID_OPTION naming the option, in the house format", () => {
    const e = caughtError(() => toTimestampOption("f", "asOf", "nope"));
    expect(e).toBeInstanceOf(CrmMetricsError);
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.path).toBe("options.asOf");
    expect(e.message).toBe('f: options.asOf must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "nope"');
  });
});

describe("periods: counts and labels", () => {
  it("counts months and quarters across a year boundary", () => {
    expect(periodsBetween(Date.UTC(2023, 10, 1), Date.UTC(2024, 1, 1), "month", "UTC")).toBe(3);
    expect(periodsBetween(Date.UTC(2024, 3, 1), Date.UTC(2024, 8, 1), "month", "UTC")).toBe(5);
    expect(periodsBetween(Date.UTC(2024, 3, 1), Date.UTC(2025, 0, 1), "quarter", "UTC")).toBe(3);
    expect(periodsBetween(Date.UTC(2023, 9, 1), Date.UTC(2024, 3, 1), "quarter", "UTC")).toBe(2);
  });

  it("labels quarters by the month they start in", () => {
    const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((m) => periodLabel(Date.UTC(2024, m, 1), "quarter", "UTC"));
    expect(labels).toEqual(["2024-Q1", "2024-Q1", "2024-Q1", "2024-Q2", "2024-Q2", "2024-Q2", "2024-Q3", "2024-Q3", "2024-Q3", "2024-Q4", "2024-Q4", "2024-Q4"]);
  });

  it("pads years before 1000 to four digits", () => {
    const t = parseTimestamp("0050-03-01");
    expect(periodLabel(t, "year", "UTC")).toBe("0050");
    expect(periodLabel(t, "month", "UTC")).toBe("0050-03");
    expect(periodLabel(t, "day", "UTC")).toBe("0050-03-01");
  });
});

describe("option resolvers: values and messages", () => {
  const message = (f: () => unknown): string => caughtError(f).message;

  it("answer false for a time zone name the runtime does not know, the first time it is asked too", () => {
    // The answer is cached per name: a name never asked before in this process tests the
    // uncached path (a counter on globalThis survives module reloads in one process).
    const g = globalThis as { crmMetricsTimeTestZone?: number };
    g.crmMetricsTimeTestZone = (g.crmMetricsTimeTestZone ?? 0) + 1;
    const name = `Mars/Olympus_${g.crmMetricsTimeTestZone}`;
    expect(isValidTimeZone(name)).toBe(false);
    expect(isValidTimeZone(name)).toBe(false);
  });

  it("map the zone names that mean UTC to UTC and reject a String object", () => {
    expect(resolveTimeZone("f", "GMT")).toBe("UTC");
    expect(resolveTimeZone("f", "Etc/GMT")).toBe("UTC");
    // every IANA link to UTC
    for (const zone of ["UCT", "Etc/UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal", "GMT0", "Etc/GMT0", "GMT+0", "GMT-0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich"]) {
      expect(resolveTimeZone("f", zone)).toBe("UTC");
    }
    expect(resolveTimeZone("f", "Etc/GMT+1")).toBe("Etc/GMT+1");
    expect(resolveTimeZone("f", "UTC")).toBe("UTC");
    expect(resolveTimeZone("f", "Europe/Berlin")).toBe("Europe/Berlin");
    const e = caughtError(() => resolveTimeZone("f", new String("Europe/Berlin")));
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toBe('f: options.timeZone must be an IANA time zone name such as "Europe/Berlin", got an object');
    expect(message(() => resolveTimeZone("f", ""))).toBe('f: options.timeZone must be an IANA time zone name such as "Europe/Berlin", got ""');
  });

  it("name the allowed periods", () => {
    expect(message(() => resolvePeriod("f", "decade"))).toBe('f: options.period must be one of "day", "week", "month", "quarter", "year", got "decade"');
    expect(resolvePeriod("f", "quarter")).toBe("quarter");
  });

  it("accept week starts 0 to 6 and reject fractions, negatives and strings", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => resolveWeekStartsOn("f", d))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const rule = "must be an integer from 0 (Sunday) to 6 (Saturday)";
    expect(message(() => resolveWeekStartsOn("f", 1.5))).toBe(`f: options.weekStartsOn ${rule}, got 1.5`);
    expect(message(() => resolveWeekStartsOn("f", -1))).toBe(`f: options.weekStartsOn ${rule}, got -1`);
    expect(message(() => resolveWeekStartsOn("f", 7))).toBe(`f: options.weekStartsOn ${rule}, got 7`);
    expect(message(() => resolveWeekStartsOn("f", "1"))).toBe(`f: options.weekStartsOn ${rule}, got "1"`);
  });

  it("reject durations that are not plain objects, each with its message", () => {
    const rule = "must be a Duration such as { days: 14 }";
    expect(message(() => resolveDuration("f", "window", 14, { days: 1 }))).toBe(`f: options.window ${rule}, got 14`);
    expect(message(() => resolveDuration("f", "window", "14 days", { days: 1 }))).toBe(`f: options.window ${rule}, got "14 days"`);
    expect(message(() => resolveDuration("f", "window", null, { days: 1 }))).toBe(`f: options.window ${rule}, got null`);
    expect(message(() => resolveDuration("f", "window", [], { days: 1 }))).toBe(`f: options.window ${rule}, got an array`);
    expect(message(() => resolveDuration("f", "window", [{ days: 1 }], { days: 1 }))).toBe(`f: options.window ${rule}, got an array`);
    expect(caughtError(() => resolveDuration("f", "window", null, { days: 1 })).path).toBe("options.window");
  });

  it("reject unknown, negative, infinite and non-numeric duration fields, and empty durations", () => {
    const fields = "years, months, weeks, days, hours, minutes, seconds";
    expect(message(() => resolveDuration("f", "window", { fortnights: 1 }, { days: 1 }))).toBe(
      `f: options.window.fortnights is not a Duration field (${fields}), got 1`,
    );
    const rule = "must be a finite number >= 0";
    expect(message(() => resolveDuration("f", "window", { days: -1 }, { days: 1 }))).toBe(`f: options.window.days ${rule}, got -1`);
    expect(message(() => resolveDuration("f", "window", { days: Number.POSITIVE_INFINITY }, { days: 1 }))).toBe(
      `f: options.window.days ${rule}, got Infinity`,
    );
    expect(message(() => resolveDuration("f", "window", { hours: "3" }, { days: 1 }))).toBe(`f: options.window.hours ${rule}, got "3"`);
    expect(message(() => resolveDuration("f", "window", {}, { days: 1 }))).toBe(
      "f: options.window must have at least one field, such as { days: 14 }, got an object",
    );
    expect(resolveDuration("f", "window", { days: 0 }, { days: 1 })).toEqual({ days: 0 });
    expect(resolveDuration("f", "window", { weeks: 1, days: 2 }, { days: 1 })).toEqual({ weeks: 1, days: 2 });
  });
});

describe("periods in the years 0 to 99", () => {
  // Date.UTC reads the years 0-99 as 1900-1999; these are the years 0-99 themselves.
  const at = (s: string): number => parseTimestamp(s);

  it("start months, quarters and years in the same year, in UTC and by the bucketer", () => {
    const t = at("0024-05-15T10:00:00Z");
    expect(iso(periodStart(t, "month", "UTC"))).toBe("0024-05-01T00:00:00.000Z");
    expect(iso(periodStart(t, "quarter", "UTC"))).toBe("0024-04-01T00:00:00.000Z");
    expect(iso(periodStart(t, "year", "UTC"))).toBe("0024-01-01T00:00:00.000Z");
    expect(iso(periodStart(t, "day", "UTC"))).toBe("0024-05-15T00:00:00.000Z");
    // 0024-05-15 was a Wednesday (proleptic Gregorian: Python's date(24, 5, 15).weekday() is 2)
    const units = ["day", "week", "month", "quarter", "year"] as const;
    expect(units.map((unit) => iso(createPeriodBucketer(unit, { timeZone: "UTC" })(t)))).toEqual([
      "0024-05-15T00:00:00.000Z",
      "0024-05-13T00:00:00.000Z",
      "0024-05-01T00:00:00.000Z",
      "0024-04-01T00:00:00.000Z",
      "0024-01-01T00:00:00.000Z",
    ]);
  });

  it("count the days of a leap February in year 0 and across the end of year 99", () => {
    // year 0 is a leap year (proleptic Gregorian), 1900 is not
    expect(periodsBetween(at("0000-02-01"), at("0000-03-01"), "day", "UTC")).toBe(29);
    expect(periodsBetween(at("0099-12-31"), at("0100-01-01"), "day", "UTC")).toBe(1);
    expect(periodsBetween(at("0099-12-28"), at("0100-01-11"), "week", "UTC")).toBe(2); // two Mondays
    expect(periodsBetween(at("0099-11-01"), at("0100-02-01"), "month", "UTC")).toBe(3);
  });
});
