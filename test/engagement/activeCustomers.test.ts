import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { activeCustomers } from "../../src/engagement/activeCustomers.js";
import { deepFreeze, errorOf, isJsonSafe, messageOf } from "./helpers.js";

const DAY = 86_400_000;
const day = (d: number, hour = 12): number => Date.UTC(2024, 0, 1 + d, hour);

describe("activeCustomers", () => {
  it("counts distinct customers per day (DAU) with gaps filled", () => {
    const records = [
      { customerId: "a", occurredAt: day(0, 1) },
      { customerId: "a", occurredAt: day(0, 20) },
      { customerId: "b", occurredAt: day(0) },
      { customerId: "b", occurredAt: day(2) },
    ];
    const r = activeCustomers(records);
    expect(r.period).toBe("day");
    expect(r.points.map((p) => [p.label, p.active, p.rollingActive, p.stickiness, p.windowComplete])).toEqual([
      ["2024-01-01", 2, null, null, null],
      ["2024-01-02", 0, null, null, null],
      ["2024-01-03", 1, null, null, null],
    ]);
    expect(r.customers).toBe(2);
    expect(r.records).toBe(4);
    expect(r.meanActive).toBe(1);
    expect(r.meanStickiness).toBeNull();
  });

  it("computes rolling actives and DAU/MAU stickiness over a trailing window", () => {
    // a is active every day, b every third day, c only on day 9, over 10 days; window 7 days
    const records: { customerId: string; occurredAt: number }[] = [];
    for (let d = 0; d < 10; d++) {
      records.push({ customerId: "a", occurredAt: day(d) });
      if (d % 3 === 0) records.push({ customerId: "b", occurredAt: day(d) });
    }
    records.push({ customerId: "c", occurredAt: day(9) });
    const r = activeCustomers(records, { window: { days: 7 } });
    expect(r.points.map((p) => p.active)).toEqual([2, 1, 1, 2, 1, 1, 2, 1, 1, 3]);
    expect(r.points.map((p) => p.rollingActive)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 3]);
    expect(r.points.map((p) => p.windowComplete)).toEqual([false, false, false, false, false, false, true, true, true, true]);
    expect(r.points[1]!.stickiness).toBe(0.5);
    // complete windows: days 6..9 -> 2/2, 1/2, 1/2, 3/3
    expect(r.meanStickiness!).toBeCloseTo((1 + 0.5 + 0.5 + 1) / 4, 12);
    expect(r.window).toEqual({ days: 7 });
  });

  it("gives weekly and monthly actives, and rolling 30-day actives per month end", () => {
    const records = [
      { customerId: 1, occurredAt: "2024-01-01T10:00:00Z" },
      { customerId: 2, occurredAt: "2024-01-20T10:00:00Z" },
      { customerId: 1, occurredAt: "2024-02-10T10:00:00Z" },
    ];
    expect(activeCustomers(records, { period: "month" }).points.map((p) => [p.label, p.active])).toEqual([
      ["2024-01", 2],
      ["2024-02", 1],
    ]);
    const weeks = activeCustomers(records, { period: "week", fillGaps: false });
    expect(weeks.points.map((p) => p.label)).toEqual(["2024-01-01", "2024-01-15", "2024-02-05"]);
    const monthly = activeCustomers(records, { period: "month", window: { months: 2 } });
    expect(monthly.points.map((p) => p.rollingActive)).toEqual([2, 2]);
    expect(monthly.points.map((p) => p.windowComplete)).toEqual([false, true]);
  });

  it("buckets days in a time zone across the DST change (Europe/Berlin)", () => {
    const records = [
      { customerId: "a", occurredAt: "2024-03-30T23:30:00Z" }, // 31 Mar 00:30 CET
      { customerId: "b", occurredAt: "2024-03-31T21:30:00Z" }, // 31 Mar 23:30 CEST
      { customerId: "c", occurredAt: "2024-03-31T22:30:00Z" }, // 1 Apr 00:30 CEST
    ];
    const r = activeCustomers(records, { timeZone: "Europe/Berlin", window: { days: 2 } });
    expect(r.points.map((p) => [p.label, p.active, p.rollingActive])).toEqual([
      ["2024-03-31", 2, 2],
      ["2024-04-01", 1, 3],
    ]);
    expect(r.points[0]!.periodEnd).toBe("2024-03-31T22:00:00.000Z"); // a 23-hour day
  });

  it("reads another date field", () => {
    const logins = [{ customerId: "a", loggedInAt: "2024-05-01" }];
    expect(activeCustomers(logins, { dateField: "loggedInAt" }).points[0]!.label).toBe("2024-05-01");
    expect(errorOf(() => activeCustomers(logins))).toBe("INVALID_INPUT records[0].occurredAt");
  });

  it("gives no points and null means for empty input", () => {
    expect(activeCustomers([], { window: { days: 30 } })).toEqual({
      period: "day",
      timeZone: "UTC",
      window: { days: 30 },
      records: 0,
      customers: 0,
      points: [],
      meanActive: null,
      meanStickiness: null,
    });
  });

  it("counts ids such as __proto__ and constructor, and duplicates once", () => {
    const r = activeCustomers([
      { customerId: "__proto__", occurredAt: 0 },
      { customerId: "constructor", occurredAt: 0 },
      { customerId: "__proto__", occurredAt: 0 },
    ]);
    expect(r.points[0]!.active).toBe(2);
  });

  it("does not mutate its input", () => {
    const input = deepFreeze([
      { customerId: "b", occurredAt: day(3) },
      { customerId: "a", occurredAt: day(1) },
    ]);
    const r = activeCustomers(input, { window: deepFreeze({ days: 3 }) });
    expect(isJsonSafe(r)).toBe(true);
    expect(input[0]!.customerId).toBe("b");
  });

  it("property: matches a brute-force count of each period and trailing window, whatever the order", () => {
    const rec = fc.record({ customerId: fc.constantFrom("a", "b", "c", "d", "e"), minute: fc.integer({ min: 0, max: 60 * 24 * 40 }) });
    fc.assert(
      fc.property(fc.array(rec, { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 10 }), (rows, w) => {
        const records = rows.map((r) => ({ customerId: r.customerId, occurredAt: Date.UTC(2024, 2, 1) + r.minute * 60_000 }));
        const opts = { timeZone: "America/New_York", window: { days: w } };
        const res = activeCustomers(records, opts);
        expect(activeCustomers(records.slice().reverse(), opts)).toEqual(res);
        for (const p of res.points) {
          const start = Date.parse(p.periodStart);
          const end = Date.parse(p.periodEnd);
          const inPeriod = new Set(records.filter((r) => r.occurredAt >= start && r.occurredAt < end).map((r) => r.customerId));
          expect(p.active).toBe(inPeriod.size);
          // the window is w calendar days back from the period end, in New York time
          const windowStart = end - w * DAY;
          const approx = new Set(records.filter((r) => r.occurredAt >= windowStart - 3_600_000 && r.occurredAt < end).map((r) => r.customerId));
          const strict = new Set(records.filter((r) => r.occurredAt >= windowStart + 3_600_000 && r.occurredAt < end).map((r) => r.customerId));
          expect(p.rollingActive!).toBeLessThanOrEqual(approx.size);
          expect(p.rollingActive!).toBeGreaterThanOrEqual(strict.size);
          expect(p.rollingActive!).toBeGreaterThanOrEqual(p.active);
          expect(p.stickiness === null || (p.stickiness >= 0 && p.stickiness <= 1)).toBe(true);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it("rejects invalid records and options", () => {
    expect(errorOf(() => activeCustomers([{ occurredAt: 0 } as never]))).toBe("INVALID_INPUT records[0].customerId");
    expect(errorOf(() => activeCustomers([{ customerId: "a", occurredAt: "2024-13-01" }]))).toBe("INVALID_INPUT records[0].occurredAt");
    expect(errorOf(() => activeCustomers([], { window: { days: -1 } }))).toBe("INVALID_OPTION options.window.days");
    expect(errorOf(() => activeCustomers([], { window: {} }))).toBe("INVALID_OPTION options.window");
    expect(errorOf(() => activeCustomers([], { dateField: "" }))).toBe("INVALID_OPTION options.dateField");
    expect(errorOf(() => activeCustomers([], { weekStartsOn: 7 as never }))).toBe("INVALID_OPTION options.weekStartsOn");
  });

  it("counts records that share an id (no de-duplication: the ids of transactions and interactions are not compared)", () => {
    const r = activeCustomers([
      { id: "x", customerId: "a", occurredAt: day(0) },
      { id: "x", customerId: "b", occurredAt: day(0) },
    ]);
    expect([r.records, r.customers, r.points[0]!.active]).toEqual([2, 2, 2]);
  });

  it("names a bad dateField with its rule and value", () => {
    expect(messageOf(() => activeCustomers([], { dateField: 5 as never }))).toBe("activeCustomers: options.dateField must be a non-empty string, got 5");
    expect(messageOf(() => activeCustomers([], { dateField: "" }))).toBe('activeCustomers: options.dateField must be a non-empty string, got ""');
  });

  it("keeps a record at the window start in the window, a record at the period end out of it, and gives null stickiness to an empty window", () => {
    // a at 00:00 on 1 Jan, b at 00:00 on 3 Jan; one-day window, so each window is its own day
    const r = activeCustomers(
      [
        { customerId: "a", occurredAt: day(0, 0) },
        { customerId: "b", occurredAt: day(2, 0) },
      ],
      { window: { days: 1 } },
    );
    expect(r.points.map((p) => [p.label, p.active, p.rollingActive, p.stickiness, p.windowComplete])).toEqual([
      ["2024-01-01", 1, 1, 1, true],
      ["2024-01-02", 0, 0, null, true],
      ["2024-01-03", 1, 1, 1, true],
    ]);
    expect(r.meanStickiness).toBe(1); // the empty window of 2 Jan is left out of the mean
    expect(r.meanActive!).toBeCloseTo(2 / 3, 12);
  });

  it("computes DAU and rolling 30-day MAU for 100,000 events", () => {
    const records = Array.from({ length: 100_000 }, (_, i) => ({ customerId: `c${(i * 7919) % 3000}`, occurredAt: Date.UTC(2024, 0, 1) + i * 300_000 }));
    const r = activeCustomers(records, { window: { days: 30 }, timeZone: "Europe/Berlin" });
    expect(r.points.length).toBeGreaterThan(340);
  });
});

describe("activeCustomers: the 100,000-period limit", () => {
  const far = (last: string | number) => [
    { customerId: "a", occurredAt: "2000-01-01T00:00:00Z" },
    { customerId: "b", occurredAt: last },
  ];

  it("throws INVALID_INPUT at the record whose date makes a daily series of 100,001 periods, before building it", () => {
    expect(expectCrmError(() => activeCustomers(far("2273-10-16T00:00:00Z")), "INVALID_INPUT", "records[1].occurredAt").message).toBe(
      "activeCustomers: records[1].occurredAt must keep the series within 100,000 day periods (use a longer period, or fillGaps: false), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names a record dated in year 9999 or 10000 (epoch milliseconds), and the dateField read", () => {
    expect(seriesError(() => activeCustomers(far("9999-12-31T23:59:59Z"))).path).toBe("records[1].occurredAt");
    expect(seriesError(() => activeCustomers(far(253_402_300_800_000))).message).toContain("got +010000-01-01T00:00:00.000Z, which makes 2,921,941 day periods");
    const byLogin = [{ customerId: "a", loginAt: "2000-01-01T00:00:00Z" }, { customerId: "b", loginAt: "2273-10-16T00:00:00Z" }];
    expect(seriesError(() => activeCustomers(byLogin, { dateField: "loginAt" })).path).toBe("records[1].loginAt");
  });

  it("builds the same records without gap filling, or by month (3,286 periods)", () => {
    expect(activeCustomers(far("2273-10-16T00:00:00Z"), { fillGaps: false }).points.map((p) => p.label)).toEqual(["2000-01-01", "2273-10-16"]);
    const monthly = activeCustomers(far("2273-10-16T00:00:00Z"), { period: "month" }).points;
    expect([monthly.length, monthly[0]!.label, monthly[3285]!.label, monthly[3285]!.active]).toEqual([3286, "2000-01", "2273-10", 1]);
  });
});
