import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPeriodCount, farEnd, MAX_PERIODS, periodCount, periodOrdinal, SeriesExtent, type SeriesCalendar } from "../../src/core/periodLimit.js";
import { addPeriods, periodStart } from "../../src/core/time.js";
import { groupByPeriod, nextPeriodStart } from "../../src/core/trend.js";
import { caughtError, expectCrmError } from "../support/errors.js";

const DAY = 86_400_000;
const t = (iso: string): number => Date.parse(iso);
const cal = (unit: SeriesCalendar["unit"], timeZone = "UTC", weekStartsOn: SeriesCalendar["weekStartsOn"] = 1): SeriesCalendar => ({ unit, timeZone, weekStartsOn });
const LIMIT = { fn: "f", hint: "pass asOf" };
const byEnd = (end: "first" | "last"): string => (end === "first" ? "x[0].at" : "x[1].at");

describe("MAX_PERIODS", () => {
  it("is 100,000", () => {
    expect(MAX_PERIODS).toBe(100_000);
  });
});

describe("periodCount", () => {
  it("counts the calendar periods from the one containing the first instant to the one containing the last", () => {
    // Day counts computed with Python's datetime.date subtraction.
    expect(periodCount(t("2024-01-05T10:00:00Z"), t("9999-12-31T23:59:59Z"), cal("day"))).toBe(2_913_170);
    expect(periodCount(t("2000-01-01T00:00:00Z"), t("2273-10-15T00:00:00Z"), cal("day"))).toBe(100_000);
    expect(periodCount(t("2024-01-15T00:00:00Z"), t("9999-12-31T23:59:59Z"), cal("month"))).toBe(95_712); // (9999 - 2024) * 12 + 12
    expect(periodCount(t("2024-02-29T00:00:00Z"), t("2024-11-01T00:00:00Z"), cal("quarter"))).toBe(4);
    expect(periodCount(t("1969-12-31T23:59:59Z"), t("1970-01-01T00:00:00Z"), cal("year"))).toBe(2);
    expect(periodCount(t("2024-03-10T12:00:00Z"), t("2024-03-10T12:00:00Z"), cal("day"))).toBe(1);
  });

  it("is 0 when the last instant is before the first (an empty series)", () => {
    expect(periodCount(t("2024-03-10T00:00:00Z"), t("2024-03-09T00:00:00Z"), cal("day"))).toBe(0);
    expect(periodCount(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, cal("month"))).toBe(0);
  });

  it("starts weeks on weekStartsOn: 2024-01-01 (a Monday) to 2024-01-07 is one Monday week, two Sunday weeks", () => {
    expect(periodCount(t("2024-01-01T00:00:00Z"), t("2024-01-07T23:00:00Z"), cal("week", "UTC", 1))).toBe(1);
    expect(periodCount(t("2024-01-01T00:00:00Z"), t("2024-01-07T23:00:00Z"), cal("week", "UTC", 0))).toBe(2);
    expect(periodCount(t("1969-12-29T00:00:00Z"), t("1970-01-04T23:00:00Z"), cal("week", "UTC", 1))).toBe(1); // the week of the epoch
  });

  it("reads days in the time zone: 04:30 UTC on 10 March is still 9 March in New York", () => {
    const noon9 = t("2024-03-09T12:00:00Z");
    const early10 = t("2024-03-10T04:30:00Z");
    expect(periodCount(noon9, early10, cal("day", "America/New_York"))).toBe(1);
    expect(periodCount(noon9, early10, cal("day"))).toBe(2);
    expect(periodCount(t("2024-03-31T22:30:00Z"), t("2024-04-01T00:30:00Z"), cal("month", "Europe/Berlin"))).toBe(1);
  });

  it("handles dates before 1970 and in the years 0 to 99", () => {
    expect(periodOrdinal(-1, cal("day"))).toBe(-1);
    expect(periodOrdinal(0, cal("day"))).toBe(0);
    const jan50 = new Date(0).setUTCFullYear(50, 0, 10);
    const dec50 = new Date(0).setUTCFullYear(50, 11, 10);
    expect(periodCount(jan50, dec50, cal("month"))).toBe(12);
    expect(periodCount(jan50, dec50, cal("year"))).toBe(1);
  });

  it("agrees with the length of the gap-filled series groupByPeriod builds, in any zone and unit (property)", () => {
    const zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"];
    const units = ["day", "week", "month", "quarter", "year"] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.constantFrom(...units),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 6 }),
        (a, span, unit, timeZone, w) => {
          const calendar = cal(unit, timeZone, w as SeriesCalendar["weekStartsOn"]);
          const groups = groupByPeriod([0, 1], [a, a + span], { ...calendar, fillGaps: true });
          return periodCount(a, a + span, calendar) === groups.length;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("checkPeriodCount", () => {
  const first = t("2000-01-01T00:00:00Z");

  it("lets a series of exactly 100,000 periods through", () => {
    expect(() => checkPeriodCount(LIMIT, cal("day"), first, first + 99_999 * DAY, byEnd)).not.toThrow();
  });

  it("rejects 100,001 periods, naming the later end, with the count, the limit and what to do", () => {
    const e = expectCrmError(() => checkPeriodCount(LIMIT, cal("day"), first, first + 100_000 * DAY, byEnd), "INVALID_INPUT", "x[1].at");
    expect(e.message).toBe(
      "f: x[1].at must keep the series within 100,000 day periods (pass asOf), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names the end farther from 1970: a record in year 1000 rather than one in 2024", () => {
    const e = expectCrmError(() => checkPeriodCount(LIMIT, cal("day"), t("1000-06-01T00:00:00Z"), t("2024-01-01T00:00:00Z"), byEnd), "INVALID_INPUT", "x[0].at");
    expect(e.message).toBe(
      "f: x[0].at must keep the series within 100,000 day periods (pass asOf), got 1000-06-01T00:00:00.000Z, which makes 373,858 day periods to 2024-01-01T00:00:00.000Z",
    );
  });

  it("is INVALID_OPTION when an option sets the far end", () => {
    expectCrmError(() => checkPeriodCount(LIMIT, cal("day"), first, t("9999-01-01T00:00:00Z"), () => "options.asOf"), "INVALID_OPTION", "options.asOf");
  });

  it("uses the count the caller gives when it knows its series' exact length", () => {
    expect(() => checkPeriodCount(LIMIT, cal("day"), first, first + 200_000 * DAY, byEnd, 100_000)).not.toThrow();
    expect(caughtError(() => checkPeriodCount(LIMIT, cal("day"), first, first + DAY, byEnd, 100_001)).message).toContain("which makes 100,001 day periods");
  });

  it("names the later end when both ends are as far from 1970", () => {
    // 60,000 days before and after 1970-01-01: 120,001 day periods
    const e = expectCrmError(() => checkPeriodCount(LIMIT, cal("day"), -60_000 * DAY, 60_000 * DAY, byEnd), "INVALID_INPUT", "x[1].at");
    expect(e.message).toBe(
      "f: x[1].at must keep the series within 100,000 day periods (pass asOf), got 2134-04-11T00:00:00.000Z, which makes 120,001 day periods from 1805-09-23T00:00:00.000Z",
    );
  });

  it("does not ask for a path when the series is short enough", () => {
    let asked = 0;
    checkPeriodCount(LIMIT, cal("day"), first, first + 10 * DAY, () => String(asked++));
    expect(asked).toBe(0);
  });
});

describe("farEnd", () => {
  it("is the end farther from 1970, the last one on a tie", () => {
    expect(farEnd(-5, 5)).toBe("last");
    expect(farEnd(-6, 5)).toBe("first");
    expect(farEnd(-5, 6)).toBe("last");
    expect(farEnd(7, 7)).toBe("last");
  });
});

describe("SeriesExtent", () => {
  it("keeps the earliest and the latest date with where each was read (the first of equal dates)", () => {
    const x = new SeriesExtent();
    expect([x.firstAt, x.lastAt]).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    x.add(50, "events", 0, "occurredAt");
    x.add(10, "events", 1, "occurredAt");
    x.add(90, "events", 2, "occurredAt");
    x.add(10, "events", 3, "occurredAt");
    x.addLast(95, "options.customers", 4, "acquiredAt");
    x.addLast(5, "events", 5, "occurredAt");
    expect([x.firstAt, x.lastAt]).toEqual([10, 95]);
    expect([x.path("first"), x.path("last")]).toEqual(["events[1].occurredAt", "options.customers[4].acquiredAt"]);
  });

  it("keeps the latest date from add alone, the first of equal latest dates, and index 0 in the path", () => {
    const x = new SeriesExtent();
    x.add(50, "events", 0, "occurredAt");
    x.add(90, "events", 1, "occurredAt");
    x.add(10, "events", 2, "occurredAt");
    x.add(90, "events", 3, "occurredAt");
    x.addLast(90, "options.asOf", -1, "");
    expect([x.firstAt, x.lastAt]).toEqual([10, 90]);
    expect([x.path("first"), x.path("last")]).toEqual(["events[2].occurredAt", "events[1].occurredAt"]);
    const y = new SeriesExtent();
    y.add(7, "events", 0, "occurredAt");
    expect([y.path("first"), y.path("last")]).toEqual(["events[0].occurredAt", "events[0].occurredAt"]);
  });

  it("has empty paths before any date is added", () => {
    const x = new SeriesExtent();
    expect([x.path("first"), x.path("last")]).toEqual(["", ""]);
  });

  it("names the argument alone when the index is unknown (-1)", () => {
    const x = new SeriesExtent();
    x.add(1, "events", -1, "");
    expect(x.path("first")).toBe("events");
  });
});

describe("nextPeriodStart", () => {
  it("gives what addPeriods(start, unit, 1, zone) gives, in UTC by arithmetic, also in the years 0 to 99 and before 1970 (property)", () => {
    const units = ["day", "week", "month", "quarter", "year"] as const;
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }), fc.constantFrom(...units), fc.constantFrom("UTC", "Europe/Berlin"), (ms, unit, zone) => {
        const start = periodStart(ms, unit, zone);
        return nextPeriodStart(start, unit, zone) === addPeriods(start, unit, 1, zone);
      }),
      { numRuns: 300 },
    );
  });

  it("moves the month of year 50 to the next month of year 50, not of 1950", () => {
    const dec49 = new Date(0).setUTCFullYear(49, 11, 1);
    expect(new Date(nextPeriodStart(dec49, "month", "UTC")).getUTCFullYear()).toBe(50);
    expect(nextPeriodStart(dec49, "month", "UTC")).toBe(new Date(0).setUTCFullYear(50, 0, 1));
  });
});

describe("groupByPeriod with a limit", () => {
  const limit = { fn: "f", hint: "use a longer period", pathOf: (i: number) => `records[${i}].at` };
  const far = [t("2024-01-05T00:00:00Z"), t("9999-12-31T00:00:00Z"), t("2024-02-01T00:00:00Z")];

  it("throws before filling more than 100,000 gaps, naming the item whose date makes the span", () => {
    expect(() => groupByPeriod(["a", "b", "c"], far, { unit: "day", timeZone: "UTC", weekStartsOn: 1, fillGaps: true, limit })).toThrow(
      "f: records[1].at must keep the series within 100,000 day periods (use a longer period), got 9999-12-31T00:00:00.000Z, which makes 2,913,170 day periods from 2024-01-05T00:00:00.000Z",
    );
  });

  it("builds the same far series without gap filling (one group per item)", () => {
    const groups = groupByPeriod(["a", "b", "c"], far, { unit: "day", timeZone: "UTC", weekStartsOn: 1, fillGaps: false, limit });
    expect(groups.map((g) => g.label)).toEqual(["2024-01-05", "2024-02-01", "9999-12-31"]);
  });

  it("builds a monthly series to 9999 (95,712 periods, under the limit)", () => {
    const groups = groupByPeriod(["a", "b"], [t("2024-01-15T00:00:00Z"), t("9999-12-31T00:00:00Z")], { unit: "month", timeZone: "UTC", weekStartsOn: 1, fillGaps: true, limit });
    expect(groups).toHaveLength(95_712);
    expect(groups[95_711]!.label).toBe("9999-12");
    expect(groups[95_711]!.end).toBe(Date.parse("+010000-01-01T00:00:00Z"));
  });
});
