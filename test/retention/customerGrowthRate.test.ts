import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSeriesLimit } from "./seriesLimit.js";
import { customerGrowthRate } from "../../src/index.js";
import { expectError, february, februarySubscriptions } from "./helpers.js";

describe("customerGrowthRate", () => {
  it("is (end - start) / start, counting arrivals and losses", () => {
    const p = customerGrowthRate(februarySubscriptions, february).periods[0]!;
    expect(p).toMatchObject({ startCount: 4, endCount: 4, newCount: 2, reactivatedCount: 1, lostCount: 1, rate: 0 });
    const shrink = customerGrowthRate(
      [
        { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-02-10", mrr: 1 },
        { customerId: "b", startedAt: "2024-01-01", mrr: 1 },
      ],
      february,
    );
    expect(shrink.periods[0]!.rate).toBeCloseTo(-0.5, 12);
  });

  it("gives null without customers at the start and counts activity with an inactivity rule", () => {
    const r = customerGrowthRate(
      [
        { customerId: "a", occurredAt: "2024-01-10" },
        { customerId: "b", occurredAt: "2024-02-10" },
        { customerId: "c", occurredAt: "2024-02-11" },
      ],
      { inactiveAfter: { days: 60 }, asOf: "2024-02-29" },
    );
    expect(r.periods.map((p) => p.rate)).toEqual([null, 2]);
    expect(r.inputKind).toBe("activity");
  });

  it("rejects bad input with its own name", () => {
    expect(() => customerGrowthRate([{ customerId: "a", startedAt: 1, endedAt: 0, mrr: 1 }])).toThrow(/^customerGrowthRate: input\[0\]\.endedAt/);
    expectError(() => customerGrowthRate([], { weekStartsOn: 7 as never }), "INVALID_OPTION", "options.weekStartsOn");
  });

  it("property: start * (1 + rate) = end", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ c: fc.constantFrom("a", "b", "c"), d: fc.integer({ min: 0, max: 200 }) }), { maxLength: 20 }), (rows) => {
        const list = rows.map((x) => ({ customerId: x.c, occurredAt: Date.UTC(2024, 0, 1 + x.d) }));
        for (const p of customerGrowthRate(list, { inactiveAfter: { days: 45 } }).periods) {
          if (p.rate === null) expect(p.startCount).toBe(0);
          else expect(p.startCount * (1 + p.rate)).toBeCloseTo(p.endCount, 9);
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describeSeriesLimit("customerGrowthRate", customerGrowthRate, false);
