import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSeriesLimit } from "./seriesLimit.js";
import { churnRate, retentionRate } from "../../src/index.js";
import { deepFreeze, expectError, february, februarySubscriptions } from "./helpers.js";

const subs = februarySubscriptions;
const feb = february;

describe("retentionRate", () => {
  it("is (end - arrivals) / start: new and reactivated customers do not count as retained", () => {
    const p = retentionRate(subs, feb).periods[0]!;
    // start a, b, c, d; end a, b, d, f; f is new, d left and came back (kept, ChartMogul)
    expect(p).toMatchObject({ startCount: 4, endCount: 4, newCount: 2, reactivatedCount: 1, retainedCount: 3 });
    expect(p.rate).toBeCloseTo(0.75, 12);
  });

  it("is 1 - churn rate for the other methods", () => {
    for (const method of ["stripe", "baremetrics-trailing", "shopify-daily"] as const) {
      const r = retentionRate(subs, { ...feb, method }).periods[0]!;
      const c = churnRate(subs, { ...feb, method }).periods[0]!;
      expect(r.rate).toBeCloseTo(1 - c.rate!, 12);
    }
  });

  it("gives null with no customers at the start and reports its own name in errors", () => {
    expect(retentionRate([{ customerId: "a", startedAt: "2024-02-10", mrr: 1 }], feb).periods[0]!.rate).toBeNull();
    expect(() => retentionRate([{ customerId: "a", startedAt: "x", mrr: 1 }])).toThrow(/^retentionRate: input\[0\]\.startedAt/);
    expectError(() => retentionRate([], { period: "hour" as never }), "INVALID_OPTION", "options.period");
  });

  it("property: retention + churn = 1 for chartmogul-standard and retained <= end", () => {
    const arb = fc.array(
      fc.record({ c: fc.constantFrom("a", "b", "c", "d"), s: fc.integer({ min: 0, max: 120 }), l: fc.integer({ min: 1, max: 90 }) }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const list = rows.map((x) => ({ customerId: x.c, occurredAt: Date.UTC(2024, 0, 1) + x.s * 86_400_000 }));
        const r = retentionRate(list, { inactiveAfter: { days: 20 }, period: "week", asOf: Date.UTC(2024, 5, 1) });
        const c = churnRate(list, { inactiveAfter: { days: 20 }, period: "week", asOf: Date.UTC(2024, 5, 1) });
        r.periods.forEach((p, k) => {
          expect(p.retainedCount).toBeLessThanOrEqual(p.endCount);
          if (p.rate === null) expect(c.periods[k]!.rate).toBeNull();
          else expect(p.rate + c.periods[k]!.rate!).toBeCloseTo(1, 12);
        });
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describeSeriesLimit("retentionRate", retentionRate, false);
