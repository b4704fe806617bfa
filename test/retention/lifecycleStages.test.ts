import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { lifecycleStages } from "../../src/index.js";
import { deepFreeze, expectError } from "./helpers.js";

describe("lifecycleStages", () => {
  it("splits active customers into new, returning and resurrecting, with dormant ones (hand-computed)", () => {
    const events = deepFreeze([
      { customerId: "a", occurredAt: "2024-01-05" },
      { customerId: "a", occurredAt: "2024-01-06" },
      { customerId: "a", occurredAt: "2024-02-05" },
      { customerId: "b", occurredAt: "2024-01-09" },
      { customerId: "b", occurredAt: "2024-03-01" },
      { customerId: "c", occurredAt: "2024-03-15" },
      { customerId: "a", occurredAt: "2024-04-02" },
    ]);
    const r = lifecycleStages(events);
    expect(r.periods.map((p) => [p.label, p.new, p.returning, p.resurrecting, p.dormant, p.active])).toEqual([
      ["2024-01", 2, 0, 0, 0, 2],
      ["2024-02", 0, 1, 0, 1, 1],
      ["2024-03", 1, 0, 1, 1, 2],
      ["2024-04", 0, 0, 1, 2, 1],
    ]);
    expect(r.periods[2]!.quickRatio).toBe(2);
    expect(r.periods[0]!.quickRatio).toBeNull();
  });

  it("reports from `from` while counting earlier history, and ignores events after asOf", () => {
    const events = [
      { customerId: "a", occurredAt: "2024-01-05" },
      { customerId: "a", occurredAt: "2024-03-05" },
      { customerId: "b", occurredAt: "2024-05-05" },
    ];
    const r = lifecycleStages(events, { from: "2024-03-01", asOf: "2024-03-31" });
    expect(r.periods.map((p) => p.label)).toEqual(["2024-03"]);
    expect(r.periods[0]).toMatchObject({ new: 0, resurrecting: 1 });
    expect(r.customers).toBe(1);
  });

  it("uses local weeks in a time zone and handles empty input", () => {
    const r = lifecycleStages(
      [
        { customerId: "x", occurredAt: "2024-03-31T23:30:00+02:00" }, // Sunday night in Berlin
        { customerId: "x", occurredAt: "2024-04-01T00:30:00+02:00" }, // Monday: next week
      ],
      { period: "week", timeZone: "Europe/Berlin" },
    );
    expect(r.periods.map((p) => [p.new, p.returning])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(lifecycleStages([])).toMatchObject({ periods: [], asOf: null });
  });

  it("rejects bad events", () => {
    expectError(() => lifecycleStages([{ customerId: "a", occurredAt: "" }]), "INVALID_INPUT", "events[0].occurredAt");
    expectError(() => lifecycleStages([{ occurredAt: 0 }] as never), "INVALID_INPUT", "events[0].customerId");
  });

  it("property: active(k) = active(k-1) + new + resurrecting - dormant", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ c: fc.constantFrom("a", "b", "c", "__proto__"), d: fc.integer({ min: 0, max: 100 }) }), { maxLength: 25 }), (rows) => {
        const list = rows.map((x) => ({ customerId: x.c, occurredAt: Date.UTC(2024, 0, 1 + x.d) }));
        const r = lifecycleStages(list, { period: "week" });
        let prev = 0;
        for (const p of r.periods) {
          expect(p.active).toBe(prev + p.new + p.resurrecting - p.dormant);
          prev = p.active;
        }
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});

describe("lifecycleStages: the 100,000-period limit", () => {
  const far = (last: string) => [
    { customerId: "a", occurredAt: "2000-01-01T00:00:00Z" },
    { customerId: "b", occurredAt: last },
  ];

  it("throws INVALID_INPUT at the event that makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => lifecycleStages(far("2273-10-16T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "events[1].occurredAt").message).toBe(
      "lifecycleStages: events[1].occurredAt must keep the series within 100,000 day periods (pass asOf, or use a longer period), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names options.asOf or options.from (INVALID_OPTION) when an option makes the span, and builds the series by month", () => {
    expect(seriesError(() => lifecycleStages(far("2000-02-01"), { period: "day", asOf: "2273-10-16T00:00:00Z" })).path).toBe("options.asOf");
    expect(seriesError(() => lifecycleStages(far("2000-02-01"), { period: "day", from: "1700-01-01" })).code).toBe("INVALID_OPTION");
    const periods = lifecycleStages(far("2273-10-16T00:00:00Z"), { period: "month" }).periods;
    expect([periods.length, periods[3285]!.label, periods[3285]!.new]).toEqual([3286, "2273-10", 1]);
  });
});

describe("lifecycleStages: record order, asOf and messages", () => {
  it("reads a customer's events in any order and ends at the latest one", () => {
    const r = lifecycleStages([
      { customerId: "a", occurredAt: "2024-04-10" },
      { customerId: "a", occurredAt: "2024-01-10" },
      { customerId: "a", occurredAt: "2024-02-10" },
      { customerId: "a", occurredAt: "2024-01-20" },
    ]);
    expect(r.asOf).toBe("2024-04-10T00:00:00.000Z");
    expect(r.periods.map((p) => [p.label, p.new, p.returning, p.resurrecting, p.dormant])).toEqual([
      ["2024-01", 1, 0, 0, 0],
      ["2024-02", 0, 1, 0, 0],
      ["2024-03", 0, 0, 0, 1],
      ["2024-04", 0, 0, 1, 0],
    ]);
  });

  it("counts an event at asOf, and builds the periods from `from` to asOf without events", () => {
    const r = lifecycleStages([{ customerId: "a", occurredAt: "2024-02-01T00:00:00Z" }], { asOf: "2024-02-01T00:00:00Z" });
    expect(r.periods.map((p) => [p.label, p.new, p.active])).toEqual([["2024-02", 1, 1]]);
    const e = lifecycleStages([], { from: "2024-01-15", asOf: "2024-02-15" });
    expect(e.asOf).toBe("2024-02-15T00:00:00.000Z");
    expect(e.customers).toBe(0);
    expect(e.periods.map((p) => [p.label, p.active, p.quickRatio])).toEqual([
      ["2024-01", 0, null],
      ["2024-02", 0, null],
    ]);
  });

  it("names the bad value in the house format", () => {
    expect(seriesError(() => lifecycleStages(5 as never)).message).toBe("lifecycleStages: events must be an array or iterable of records, got 5");
    expect(seriesError(() => lifecycleStages([{ customerId: "a", occurredAt: "2024-01-01" }, null] as never)).message).toBe(
      "lifecycleStages: events[1] must be an activity record, got null",
    );
  });
});
