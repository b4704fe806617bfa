import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupByPeriod, periodInfo, type GroupByPeriodOptions } from "../../src/core/trend.js";

const MONTH_UTC: GroupByPeriodOptions = { unit: "month", timeZone: "UTC", weekStartsOn: 1, fillGaps: false };
const t = (iso: string): number => Date.parse(iso);

describe("groupByPeriod", () => {
  it("groups items by the calendar month of their timestamp, ascending, items in input order", () => {
    const items = ["mar-2", "jan-15", "jan-31-last-ms", "mar-1-first-ms"];
    const times = [t("2024-03-02T10:00:00Z"), t("2024-01-15T00:00:00Z"), t("2024-01-31T23:59:59.999Z"), t("2024-03-01T00:00:00Z")];
    expect(groupByPeriod(items, times, MONTH_UTC)).toEqual([
      { start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 1, 1), label: "2024-01", items: ["jan-15", "jan-31-last-ms"] },
      { start: Date.UTC(2024, 2, 1), end: Date.UTC(2024, 3, 1), label: "2024-03", items: ["mar-2", "mar-1-first-ms"] },
    ]);
  });

  it("emits the empty periods between the first and the last with fillGaps", () => {
    const groups = groupByPeriod(["a", "b"], [t("2024-03-02T00:00:00Z"), t("2023-12-31T23:59:59Z")], { ...MONTH_UTC, fillGaps: true });
    expect(groups.map((g) => [g.label, g.items])).toEqual([
      ["2023-12", ["b"]],
      ["2024-01", []],
      ["2024-02", []],
      ["2024-03", ["a"]],
    ]);
    expect(groups.map((g) => [g.start, g.end])).toEqual([
      [Date.UTC(2023, 11, 1), Date.UTC(2024, 0, 1)],
      [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)],
      [Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)],
      [Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 1)],
    ]);
  });

  it("gives one period, not a range, for items all in one period with fillGaps", () => {
    const groups = groupByPeriod([1, 2], [t("2024-05-05T00:00:00Z"), t("2024-05-20T00:00:00Z")], { ...MONTH_UTC, fillGaps: true });
    expect(groups).toEqual([{ start: Date.UTC(2024, 4, 1), end: Date.UTC(2024, 5, 1), label: "2024-05", items: [1, 2] }]);
  });

  it("returns no periods for no items, with or without fillGaps", () => {
    expect(groupByPeriod([], [], MONTH_UTC)).toEqual([]);
    expect(groupByPeriod([], [], { ...MONTH_UTC, fillGaps: true })).toEqual([]);
  });

  it("reads periods in the time zone: a UTC evening can be the next local month", () => {
    // 2024-01-31T23:30Z is 2024-02-01 00:30 in Berlin (UTC+1); February there is [Jan 31 23:00Z, Feb 29 23:00Z)
    const groups = groupByPeriod(["x"], [t("2024-01-31T23:30:00Z")], { ...MONTH_UTC, timeZone: "Europe/Berlin" });
    expect(groups).toEqual([{ start: Date.UTC(2024, 0, 31, 23), end: Date.UTC(2024, 1, 29, 23), label: "2024-02", items: ["x"] }]);
  });

  it("ends a local day at the next local midnight across a daylight-saving change", () => {
    // 2024-03-31 in Berlin has 23 hours: from 23:00Z the day before to 22:00Z
    const options: GroupByPeriodOptions = { unit: "day", timeZone: "Europe/Berlin", weekStartsOn: 1, fillGaps: true };
    const groups = groupByPeriod(["before", "after"], [t("2024-03-30T12:00:00Z"), t("2024-04-01T12:00:00Z")], options);
    expect(groups.map((g) => [g.label, g.start, g.end, g.items])).toEqual([
      ["2024-03-30", Date.UTC(2024, 2, 29, 23), Date.UTC(2024, 2, 30, 23), ["before"]],
      ["2024-03-31", Date.UTC(2024, 2, 30, 23), Date.UTC(2024, 2, 31, 22), []],
      ["2024-04-01", Date.UTC(2024, 2, 31, 22), Date.UTC(2024, 3, 1, 22), ["after"]],
    ]);
  });

  it("starts weeks on weekStartsOn", () => {
    const sunday = t("2024-03-03T12:00:00Z");
    const monday = groupByPeriod(["s"], [sunday], { ...MONTH_UTC, unit: "week", weekStartsOn: 1 });
    expect(monday).toEqual([{ start: Date.UTC(2024, 1, 26), end: Date.UTC(2024, 2, 4), label: "2024-02-26", items: ["s"] }]);
    const sundayStart = groupByPeriod(["s"], [sunday], { ...MONTH_UTC, unit: "week", weekStartsOn: 0 });
    expect(sundayStart).toEqual([{ start: Date.UTC(2024, 2, 3), end: Date.UTC(2024, 2, 10), label: "2024-03-03", items: ["s"] }]);
  });

  it("labels quarters and years", () => {
    const times = Float64Array.of(t("2024-05-15T00:00:00Z"), t("2023-11-30T00:00:00Z"));
    expect(groupByPeriod(["q2", "q4"], times, { ...MONTH_UTC, unit: "quarter" })).toEqual([
      { start: Date.UTC(2023, 9, 1), end: Date.UTC(2024, 0, 1), label: "2023-Q4", items: ["q4"] },
      { start: Date.UTC(2024, 3, 1), end: Date.UTC(2024, 6, 1), label: "2024-Q2", items: ["q2"] },
    ]);
    expect(groupByPeriod(["q2", "q4"], times, { ...MONTH_UTC, unit: "year", fillGaps: true }).map((g) => [g.label, g.items])).toEqual([
      ["2023", ["q4"]],
      ["2024", ["q2"]],
    ]);
  });

  it("does not mutate the items or the times", () => {
    const items = [{ id: "b" }, { id: "a" }];
    const times = [t("2024-02-01T00:00:00Z"), t("2024-01-01T00:00:00Z")];
    const copy = structuredClone({ items, times });
    groupByPeriod(items, times, { ...MONTH_UTC, fillGaps: true });
    expect({ items, times }).toEqual(copy);
  });

  it("puts every item in the one period that contains it; periods ascend and, with fillGaps, touch (property)", () => {
    const unit = fc.constantFrom("day" as const, "week" as const, "month" as const, "quarter" as const, "year" as const);
    const zone = fc.constantFrom("UTC", "Europe/Berlin", "America/New_York");
    const times = fc.array(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2021, 0, 1) }), { maxLength: 30 });
    fc.assert(
      fc.property(times, unit, zone, fc.boolean(), fc.constantFrom(0 as const, 1 as const, 6 as const), (ts, u, z, fillGaps, weekStartsOn) => {
        const items = ts.map((_, i) => i);
        const groups = groupByPeriod(items, ts, { unit: u, timeZone: z, weekStartsOn, fillGaps });
        const placed = groups.flatMap((g) => g.items).sort((a, b) => a - b);
        expect(placed).toEqual(items);
        for (const g of groups) {
          expect(g.start).toBeLessThan(g.end);
          for (const i of g.items) {
            expect(ts[i]!).toBeGreaterThanOrEqual(g.start);
            expect(ts[i]!).toBeLessThan(g.end);
          }
        }
        for (let k = 1; k < groups.length; k++) {
          if (fillGaps) expect(groups[k]!.start).toBe(groups[k - 1]!.end);
          else expect(groups[k]!.start).toBeGreaterThanOrEqual(groups[k - 1]!.end);
          if (!fillGaps) expect(groups[k]!.items.length).toBeGreaterThan(0);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("groupByPeriod: the series length limit", () => {
  const limit = { fn: "f", hint: "use a longer period", pathOf: (i: number) => `records[${i}].at` };
  const DAYS: GroupByPeriodOptions = { unit: "day", timeZone: "UTC", weekStartsOn: 1, fillGaps: true };

  it("names the first of the earliest items when the earliest date is the end farther from 1970", () => {
    const times = [t("2024-01-05T00:00:00Z"), t("0001-01-01T00:00:00Z"), t("0001-01-01T00:00:00Z"), t("2024-02-01T00:00:00Z")];
    // 0001-01-01 to 2024-02-01: 738,917 days (Python: date(2024, 2, 1).toordinal())
    expect(() => groupByPeriod(["a", "b", "c", "d"], times, { ...DAYS, limit })).toThrow(
      "f: records[1].at must keep the series within 100,000 day periods (use a longer period), got 0001-01-01T00:00:00.000Z, which makes 738,917 day periods to 2024-02-01T00:00:00.000Z",
    );
  });

  it("names the first of the latest items when the latest date is the end farther from 1970", () => {
    const times = [t("2024-01-05T00:00:00Z"), t("9999-12-31T00:00:00Z"), t("9999-12-31T00:00:00Z"), t("2024-02-01T00:00:00Z")];
    expect(() => groupByPeriod(["a", "b", "c", "d"], times, { ...DAYS, limit })).toThrow(
      "f: records[1].at must keep the series within 100,000 day periods (use a longer period), got 9999-12-31T00:00:00.000Z, which makes 2,913,170 day periods from 2024-01-05T00:00:00.000Z",
    );
  });

  it("builds more than 100,000 periods when no limit is given", () => {
    // 2000-01-01 to 2300-01-01 is 300 * 365 + 73 leap days = 109,573 days apart
    const groups = groupByPeriod(["a", "b"], [t("2000-01-01T12:00:00Z"), t("2300-01-01T12:00:00Z")], DAYS);
    expect(groups).toHaveLength(109_574);
    expect([groups[0]!.label, groups[109_573]!.label]).toEqual(["2000-01-01", "2300-01-01"]);
    expect([groups[0]!.items, groups[1]!.items, groups[109_573]!.items]).toEqual([["a"], [], ["b"]]);
  });
});

describe("periodInfo", () => {
  it("gives the start and end as ISO UTC instants and keeps the label", () => {
    expect(periodInfo({ start: Date.UTC(2024, 0, 31, 23), end: Date.UTC(2024, 1, 29, 23), label: "2024-02" })).toEqual({
      periodStart: "2024-01-31T23:00:00.000Z",
      periodEnd: "2024-02-29T23:00:00.000Z",
      label: "2024-02",
    });
  });
});
