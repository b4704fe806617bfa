import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageOf } from "../support/errors.js";
import { revenueRetention } from "../../src/index.js";
import { deepFreeze, expectError, hasBadNumber } from "./helpers.js";

const subs = deepFreeze([
  { customerId: "a", startedAt: "2023-01-01", mrr: 100, changes: [{ at: "2023-06-01", mrr: 130 }] },
  { customerId: "b", startedAt: "2023-01-01", mrr: 100, changes: [{ at: "2023-09-01", mrr: 80 }] },
  { customerId: "c", startedAt: "2023-01-01", endedAt: "2023-05-01", mrr: 50 },
  { customerId: "d", startedAt: "2023-07-01", mrr: 500 },
  { customerId: "e", startedAt: "2022-12-01", endedAt: "2023-03-01", mrr: 40 },
  { customerId: "e", startedAt: "2023-10-01", mrr: 45 },
]);

describe("revenueRetention", () => {
  it("computes NRR and GRR of the customers paying at the start, new logos excluded (hand-computed)", () => {
    const r = revenueRetention(subs, { from: "2023-01-01", to: "2024-01-01" });
    // cohort a 100, b 100, c 50, e 40 = 290; at the end a 130, b 80, c 0, e 45 (reactivated) = 255
    // capped: 100 + 80 + 0 + 40 = 220; d (500) is a new logo
    expect(r).toMatchObject({
      customers: 4,
      retainedCustomers: 3,
      churnedCustomers: 1,
      expandedCustomers: 2,
      contractedCustomers: 1,
      startMrr: 290,
      endMrr: 255,
      cappedEndMrr: 220,
      excludedMrr: 500,
    });
    expect(r.netRevenueRetention).toBeCloseTo(255 / 290, 14);
    expect(r.grossRevenueRetention).toBeCloseTo(220 / 290, 14);
  });

  it("defaults to a 12-month window ending at the latest date, and honours window and asOf", () => {
    const r = revenueRetention(subs);
    expect(r.to).toBe("2023-10-01T00:00:00.000Z");
    expect(r.from).toBe("2022-10-01T00:00:00.000Z");
    expect(r.customers).toBe(0);
    expect(r.netRevenueRetention).toBeNull();
    expect(r.grossRevenueRetention).toBeNull();
    const q = revenueRetention(subs, { asOf: "2023-12-31", window: { months: 6 } });
    expect(q.from).toBe("2023-06-30T00:00:00.000Z");
    expect(q.customers).toBe(2); // a, b (d starts on July 1)
    expect(q.netRevenueRetention).toBeCloseTo((130 + 80) / (130 + 100), 14);
    expect(q.excludedMrr).toBe(545); // d and e
  });

  it("treats subscriptions as [startedAt, endedAt): a subscription ending at `to` is gone", () => {
    const r = revenueRetention([{ customerId: "a", startedAt: "2023-01-01", endedAt: "2024-01-01", mrr: 10 }], { from: "2023-01-01", to: "2024-01-01" });
    expect(r.netRevenueRetention).toBe(0);
    expect(r.churnedCustomers).toBe(1);
  });

  it("handles empty input and rejects bad options and records", () => {
    expect(revenueRetention([], { from: "2023-01-01", to: "2024-01-01" }).netRevenueRetention).toBeNull();
    expectError(() => revenueRetention(subs, { from: "2024-02-01", to: "2024-01-01" }), "INVALID_OPTION", "options.from");
    expectError(() => revenueRetention(subs, { window: { fortnights: 1 } as never }), "INVALID_OPTION", "options.window.fortnights");
    expectError(() => revenueRetention([{ customerId: "a", startedAt: "2023-02-01", endedAt: "2023-01-01", mrr: 1 }]), "INVALID_INPUT", "subscriptions[0].endedAt");
  });

  it("property: 0 <= GRR <= 1, GRR <= NRR, order does not matter", () => {
    const arb = fc.array(
      fc.record({
        c: fc.constantFrom("a", "b", "c", "__proto__"),
        s: fc.integer({ min: 0, max: 300 }),
        len: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
        mrr: fc.integer({ min: 1, max: 1000 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const list = rows.map((x) => ({
          customerId: x.c,
          startedAt: Date.UTC(2023, 0, 1) + x.s * 86_400_000,
          endedAt: x.len === undefined ? null : Date.UTC(2023, 0, 1) + (x.s + x.len) * 86_400_000,
          mrr: x.mrr,
        }));
        const opts = { from: Date.UTC(2023, 5, 1), to: Date.UTC(2024, 5, 1) };
        const r = revenueRetention(list, opts);
        expect(revenueRetention([...list].reverse(), opts)).toEqual(r);
        expect(hasBadNumber(r)).toBe(false);
        if (r.grossRevenueRetention !== null) {
          expect(r.grossRevenueRetention).toBeGreaterThanOrEqual(0);
          expect(r.grossRevenueRetention).toBeLessThanOrEqual(1);
          expect(r.grossRevenueRetention).toBeLessThanOrEqual(r.netRevenueRetention! + 1e-12);
        }
      }),
      { seed: 42, numRuns: 80 },
    );
  });
});

describe("revenueRetention: windows, equal MRR and messages", () => {
  const window = deepFreeze([
    { customerId: "a", startedAt: "2023-01-01", mrr: 100 }, // the same MRR at both ends
    { customerId: "b", startedAt: "2023-01-01", mrr: 100, changes: [{ at: "2023-06-01", mrr: 60 }] },
    { customerId: "c", startedAt: "2024-03-01", mrr: 40 }, // starts after `to`
  ]);

  it("counts neither expansion nor contraction at an unchanged MRR, and leaves out a customer who starts after `to`", () => {
    const r = revenueRetention(window, { from: "2023-01-01", to: "2024-01-01", asOf: "2024-06-01" });
    expect([r.customers, r.retainedCustomers, r.expandedCustomers, r.contractedCustomers]).toEqual([2, 2, 0, 1]);
    expect([r.startMrr, r.endMrr, r.cappedEndMrr, r.excludedMrr]).toEqual([200, 160, 160, 0]);
    expect(r.netRevenueRetention).toBeCloseTo(0.8, 12);
  });

  it("accepts a window of one instant (from = to): everyone paying then is retained", () => {
    const r = revenueRetention(window, { from: "2023-07-01", to: "2023-07-01" });
    expect([r.customers, r.retainedCustomers, r.startMrr, r.endMrr]).toEqual([2, 2, 160, 160]);
    expect(r.netRevenueRetention).toBe(1);
  });

  it("names the bad option in the house format", () => {
    const message = (options: object) => messageOf(() => revenueRetention(window, options));
    const date = "must be a valid date (Date, ISO-8601 string or epoch milliseconds)";
    expect(message({ asOf: "x" })).toBe(`revenueRetention: options.asOf ${date}, got "x"`);
    expect(message({ to: "x" })).toBe(`revenueRetention: options.to ${date}, got "x"`);
    expect(message({ from: "x" })).toBe(`revenueRetention: options.from ${date}, got "x"`);
    expect(message({ from: "2023-07-02", to: "2023-07-01" })).toBe('revenueRetention: options.from must not be after `to`, got "2023-07-02"');
  });
});
