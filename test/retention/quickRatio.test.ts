import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectCrmError, messageOf as message } from "../support/errors.js";
import { mrrMovements, quickRatio } from "../../src/index.js";
import { expectError } from "./helpers.js";

const subs = [
  { customerId: "a", startedAt: "2024-01-10", mrr: 100, changes: [{ at: "2024-02-15", mrr: 150 }] },
  { customerId: "b", startedAt: "2024-01-20", endedAt: "2024-02-20", mrr: 50 },
  { customerId: "b", startedAt: "2024-03-02", mrr: 40 },
  { customerId: "c", startedAt: "2024-02-05", mrr: 30, changes: [{ at: "2024-03-10", mrr: 10 }] },
];

describe("quickRatio", () => {
  it("is (new + expansion + reactivation) / (churn + contraction), null when nothing was lost", () => {
    const r = quickRatio(subs, { asOf: "2024-03-31" });
    expect(r.periods.map((p) => p.ratio)).toEqual([null, 80 / 50, 2]);
    expect(r.periods[2]).toMatchObject({ gainedMrr: 40, lostMrr: 20 });
  });

  it("leaves reactivation out with includeReactivation: false (Baremetrics)", () => {
    expect(quickRatio(subs, { asOf: "2024-03-31", includeReactivation: false }).periods[2]!.ratio).toBe(0);
  });

  it("accepts an mrrMovements result", () => {
    const m = mrrMovements(subs, { asOf: "2024-03-31" });
    expect(quickRatio(m)).toEqual(quickRatio(subs, { asOf: "2024-03-31" }));
  });

  it("rejects malformed movements and bad options", () => {
    expectError(() => quickRatio({ periods: 3 } as never), "INVALID_INPUT", "input.periods");
    expectError(() => quickRatio({ periods: [{ newMrr: Number.NaN }] } as never), "INVALID_INPUT", "input.periods[0].newMrr");
    expectError(() => quickRatio(subs, { includeReactivation: "yes" as never }), "INVALID_OPTION", "options.includeReactivation");
    expectError(() => quickRatio([{ customerId: "a", startedAt: "x", mrr: 1 }]), "INVALID_INPUT", "subscriptions[0].startedAt");
  });

  it("property: the ratio is non-negative or null, never Infinity", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ c: fc.constantFrom("a", "b"), s: fc.integer({ min: 0, max: 90 }), l: fc.integer({ min: 1, max: 90 }), m: fc.integer({ min: 0, max: 99 }) }), { maxLength: 8 }),
        (rows) => {
          const list = rows.map((x) => ({ customerId: x.c, startedAt: Date.UTC(2024, 0, 1 + x.s), endedAt: Date.UTC(2024, 0, 1 + x.s + x.l), mrr: x.m }));
          for (const p of quickRatio(list, { asOf: Date.UTC(2024, 6, 1) }).periods) {
            if (p.lostMrr === 0) expect(p.ratio).toBeNull();
            else expect(p.ratio).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { seed: 42, numRuns: 50 },
    );
  });
});

describe("quickRatio: the 100,000-period limit", () => {
  it("throws as mrrMovements does, in its own name", () => {
    const subs = [{ customerId: "a", startedAt: "2000-01-01T00:00:00Z", endedAt: "2273-10-16T00:00:00Z", mrr: 10 }];
    expect(expectCrmError(() => quickRatio(subs, { period: "day" }), "INVALID_INPUT", "subscriptions[0].endedAt").message).toBe(
      "quickRatio: subscriptions[0].endedAt must keep the series within 100,000 day periods (pass from and to, or asOf, or use a longer period), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });
});

describe("quickRatio: input kinds and messages", () => {
  it("reads any iterable of subscriptions, not only arrays", () => {
    expect(quickRatio(new Set(subs), { asOf: "2024-04-01" })).toEqual(quickRatio(subs, { asOf: "2024-04-01" }));
  });

  it("names the bad value in the house format", () => {
    expect(message(() => quickRatio(5 as never))).toBe("quickRatio: subscriptions must be an array or iterable of records, got 5");
    expect(message(() => quickRatio({ periods: 5 } as never))).toBe("quickRatio: input.periods must be an array of MRR movement periods, got 5");
    const p = mrrMovements(subs, { asOf: "2024-04-01" });
    const bad = { ...p, periods: p.periods.map((x, i) => (i === 1 ? { ...x, churnedMrr: -1 } : x)) };
    expect(message(() => quickRatio(bad))).toBe("quickRatio: input.periods[1].churnedMrr must be a finite number >= 0, got -1");
  });
});
