import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSeriesLimit } from "./seriesLimit.js";
import { activeCustomerShare } from "../../src/index.js";
import { deepFreeze, expectError, february, februarySubscriptions } from "./helpers.js";

describe("activeCustomerShare", () => {
  it("divides customers active at the period end by customers acquired by then (hand-computed)", () => {
    const orders = deepFreeze([
      { customerId: "a", occurredAt: "2024-01-05" },
      { customerId: "b", occurredAt: "2024-01-20" },
      { customerId: "b", occurredAt: "2024-03-25" },
      { customerId: "c", occurredAt: "2024-03-05" },
    ]);
    const r = activeCustomerShare(orders, { activeWindow: { days: 30 }, asOf: "2024-03-31" });
    expect(r.periods.map((p) => [p.activeCount, p.acquiredCount])).toEqual([
      [2, 2],
      [0, 2],
      [2, 3],
    ]);
    expect(r.periods.map((p) => p.share)).toEqual([1, 0, 2 / 3]);
    expect(r.periods[2]!.complete).toBe(false);
  });

  it("counts running subscriptions as active", () => {
    const p = activeCustomerShare(februarySubscriptions, february).periods[0]!;
    expect(p).toMatchObject({ activeCount: 4, acquiredCount: 6 });
  });

  it("gives null before the first customer and handles empty input", () => {
    expect(activeCustomerShare([])).toMatchObject({ periods: [], asOf: null });
    const r = activeCustomerShare([{ customerId: "a", occurredAt: "2024-03-10" }], { from: "2024-01-15", asOf: "2024-03-31" });
    expect(r.periods.map((p) => p.share)).toEqual([null, null, 1]);
  });

  it("rejects bad input and options", () => {
    expectError(() => activeCustomerShare([{ customerId: "a", occurredAt: {} }] as never), "INVALID_INPUT", "input[0].occurredAt");
    expectError(() => activeCustomerShare([], { activeWindow: {} }), "INVALID_OPTION", "options.activeWindow");
  });

  it("property: the share is in [0, 1] and the acquired count never decreases", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ c: fc.constantFrom("a", "b", "c", "d"), d: fc.integer({ min: 0, max: 120 }) }), { maxLength: 20 }), (rows) => {
        const list = rows.map((x) => ({ customerId: x.c, occurredAt: Date.UTC(2024, 0, 1 + x.d) }));
        const r = activeCustomerShare(list, { period: "week", timeZone: "America/New_York" });
        let prev = 0;
        for (const p of r.periods) {
          if (p.share !== null) expect(p.share >= 0 && p.share <= 1).toBe(true);
          expect(p.acquiredCount).toBeGreaterThanOrEqual(prev);
          prev = p.acquiredCount;
        }
      }),
      { seed: 42, numRuns: 30 },
    );
  });
});

describeSeriesLimit("activeCustomerShare", activeCustomerShare, true);

describe("activeCustomerShare: the result's settings and the period end", () => {
  it("does not count a customer whose first activity is at the period end as acquired in that period", () => {
    const r = activeCustomerShare(
      [
        { customerId: "a", occurredAt: "2024-01-10" },
        { customerId: "b", occurredAt: "2024-02-01T00:00:00Z" },
      ],
      { from: "2024-01-01", asOf: "2024-02-15" },
    );
    expect(r.periods.map((p) => [p.label, p.activeCount, p.acquiredCount, p.share])).toEqual([
      ["2024-01", 1, 1, 1],
      ["2024-02", 2, 2, 1],
    ]);
    expect([r.inputKind, r.period, r.timeZone, r.customers]).toEqual(["activity", "month", "UTC", 2]);
  });

  it("builds the periods from `from` to asOf without records", () => {
    const r = activeCustomerShare([], { from: "2024-01-15", asOf: "2024-02-15" });
    expect(r.asOf).toBe("2024-02-15T00:00:00.000Z");
    expect(r.periods.map((p) => [p.label, p.share])).toEqual([
      ["2024-01", null],
      ["2024-02", null],
    ]);
  });
});
