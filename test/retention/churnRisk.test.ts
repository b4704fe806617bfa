import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { churnRisk } from "../../src/index.js";
import { deepFreeze, expectError, hasBadNumber } from "./helpers.js";

const orders = deepFreeze([
  { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
  { customerId: "a", occurredAt: "2024-01-11", amount: 10 },
  { customerId: "a", occurredAt: "2024-01-21", amount: 10 },
  { customerId: "b", occurredAt: "2024-02-16", amount: 10 },
  { customerId: "b", occurredAt: "2024-02-26", amount: 10 },
  { customerId: "b", occurredAt: "2024-02-26", amount: 5 }, // same day: one purchase
  { customerId: "c", occurredAt: "2024-02-01", amount: 10 },
  { customerId: "d", occurredAt: "2024-02-10", amount: 10 },
  { customerId: "d", occurredAt: "2024-02-25", amount: 10 },
]);
const cdnow = { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, unit: "week" } as const;

describe("churnRisk", () => {
  it("compares the days since the last purchase with the customer's own mean gap (hand-computed)", () => {
    const r = churnRisk(orders, { asOf: "2024-03-01" });
    const byId = new Map(r.customers.map((c) => [c.customerId, c]));
    expect(byId.get("a")).toMatchObject({ risk: "high", daysSinceLastPurchase: 40, typicalGapDays: 10, gapRatio: 4 });
    expect(byId.get("b")).toMatchObject({ risk: "low", daysSinceLastPurchase: 4, typicalGapDays: 10 });
    expect(byId.get("b")!.gapRatio).toBeCloseTo(0.4, 12);
    expect(byId.get("d")).toMatchObject({ risk: "low", typicalGapDays: 15 });
    // c is a one-time buyer: compared with the median gap of a, b, d (10, 10, 15) = 10
    expect(r.populationGapDays).toBe(10);
    expect(byId.get("c")).toMatchObject({ risk: "high", typicalGapDays: null, gapRatio: 2.9 });
    expect(byId.get("c")!.reason).toBe("one purchase 29 days ago, 2.9 times the median gap of repeat buyers (10 days)");
    expect(r.customers.map((c) => c.customerId)).toEqual(["a", "c", "b", "d"]);
    expect(r.counts).toEqual({ high: 2, medium: 0, low: 2, unknown: 0 });
  });

  it("marks overdue customers medium between 1 and `threshold` gaps", () => {
    const r = churnRisk(orders, { asOf: "2024-03-01", threshold: 5 });
    expect(r.customers.find((c) => c.customerId === "a")!.risk).toBe("medium");
    expectError(() => churnRisk(orders, { threshold: 1 }), "INVALID_OPTION", "options.threshold");
  });

  it("uses BG/NBD P(alive) when a model is given (CDNOW parameters, weeks)", () => {
    const summaries = [
      { customerId: "x", frequency: 2, recency: 30.43, T: 38.86 },
      { customerId: "y", frequency: 0, recency: 0, T: 38.86 },
      { customerId: "z", frequency: 10, recency: 5, T: 38.86 },
    ];
    const r = churnRisk(summaries, { model: cdnow, unit: "week" });
    const { r: rr, alpha, a, b } = cdnow.params;
    const expected = 1 / (1 + (a / (b + 2 - 1)) * ((alpha + 38.86) / (alpha + 30.43)) ** (rr + 2));
    const x = r.customers.find((c) => c.customerId === "x")!;
    expect(x.probabilityAlive).toBeCloseTo(expected, 12);
    expect(x.daysSinceLastPurchase).toBeCloseTo((38.86 - 30.43) * 7, 9);
    expect(r.customers[0]!.customerId).toBe("z");
    expect(r.customers[0]!.risk).toBe("high");
    expect(r.customers.find((c) => c.customerId === "y")).toMatchObject({ probabilityAlive: 1, risk: "low" });
    expect(r.usedModel).toBe(true);
    // the same model on transactions, in days converted to the model's weeks
    const t = churnRisk(orders, { asOf: "2024-03-01", model: cdnow });
    const ta = t.customers.find((c) => c.customerId === "a")!;
    const pa = 1 / (1 + (a / (b + 1)) * ((alpha + 60 / 7) / (alpha + 20 / 7)) ** (rr + 2));
    expect(ta.probabilityAlive).toBeCloseTo(pa, 12);
  });

  it("gives unknown risk without any repeat buyer, and handles empty input and __proto__ ids", () => {
    const r = churnRisk([{ customerId: "__proto__", occurredAt: "2024-01-01", amount: 5 }], { asOf: "2024-02-01" });
    expect(r.customers[0]).toMatchObject({ customerId: "__proto__", risk: "unknown", gapRatio: null });
    expect(churnRisk([])).toEqual({ customers: [], counts: { high: 0, medium: 0, low: 0, unknown: 0 }, populationGapDays: null, usedModel: false });
  });

  it("rejects bad records and models", () => {
    expectError(() => churnRisk([{ customerId: "a", frequency: -1, recency: 0, T: 1 }]), "INVALID_INPUT", "input[0].frequency");
    expectError(() => churnRisk([{ customerId: "a", frequency: 1, recency: 5, T: 1 }]), "INVALID_INPUT", "input[0].recency");
    expectError(() => churnRisk([{ customerId: "a", occurredAt: "x", amount: 1 }]), "INVALID_INPUT", "transactions[0].occurredAt");
    expectError(() => churnRisk([], { model: { model: "pareto", params: {} } as never }), "INVALID_OPTION", "options.model");
    expectError(() => churnRisk([], { model: { ...cdnow, unit: undefined } as never }), "INVALID_OPTION", "options.model.unit");
    expectError(() => churnRisk([], { model: { ...cdnow, params: { ...cdnow.params, a: 0 } } }), "INVALID_OPTION", "options.model.params.a");
  });

  it("property: ranking is by risk level, fields are finite, and order does not matter", () => {
    const arb = fc.array(fc.record({ c: fc.constantFrom("a", "b", "c", "d", "e"), d: fc.integer({ min: 0, max: 200 }) }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, fc.boolean(), (rows, withModel) => {
        const list = rows.map((x) => ({ customerId: x.c, occurredAt: Date.UTC(2024, 0, 1 + x.d), amount: 1 }));
        const opts = { asOf: Date.UTC(2024, 8, 1), ...(withModel ? { model: cdnow } : {}) };
        const r = churnRisk(list, opts);
        expect(churnRisk([...list].reverse(), opts)).toEqual(r);
        expect(hasBadNumber(r.customers.map((c) => ({ ...c, gapRatio: c.gapRatio ?? 0, typicalGapDays: c.typicalGapDays ?? 0, probabilityAlive: c.probabilityAlive ?? 0 })))).toBe(false);
        const order = { high: 0, medium: 1, low: 2, unknown: 3 };
        for (let k = 1; k < r.customers.length; k++) expect(order[r.customers[k]!.risk]).toBeGreaterThanOrEqual(order[r.customers[k - 1]!.risk]);
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});
