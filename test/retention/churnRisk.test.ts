import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { churnRisk } from "../../src/index.js";
import { caughtError } from "../support/errors.js";
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

describe("churnRisk: boundaries, summaries and messages", () => {
  // repeat buyers with gaps 10, 20 and 30 days; s has a repeat purchase on its first day,
  // z1 and z2 a recency without repeat purchases: none of the three has a gap of its own
  const summaries = deepFreeze([
    { customerId: "o", frequency: 0, recency: 0, T: 10 },
    { customerId: "w", frequency: 2, recency: 60, T: 70 },
    { customerId: "z2", frequency: 0, recency: 10, T: 90 },
    { customerId: "z1", frequency: 0, recency: 5, T: 25 },
    { customerId: "s", frequency: 1, recency: 0, T: 30 },
    { customerId: "q", frequency: 1, recency: 20, T: 60 },
    { customerId: "p", frequency: 1, recency: 10, T: 20 },
  ]);

  it("reads summaries in days by default; a gap ratio of exactly 1 is low and of exactly `threshold` medium", () => {
    const r = churnRisk(summaries);
    expect(churnRisk(summaries, { unit: "day" })).toEqual(r);
    // only customers with a repeat purchase after the first day have a gap: median of 10, 20, 30
    expect(r.populationGapDays).toBe(20);
    const rows = r.customers.map((c) => [c.customerId, c.risk, c.daysSinceLastPurchase, c.typicalGapDays, c.gapRatio]);
    expect(rows).toEqual([
      ["z2", "high", 80, null, 4],
      ["q", "medium", 40, 20, 2],
      ["s", "medium", 30, null, 1.5],
      ["p", "low", 10, 10, 1],
      ["z1", "low", 20, null, 1],
      ["o", "low", 10, null, 0.5],
      ["w", "low", 10, 30, 10 / 30],
    ]);
    expect(r.counts).toEqual({ high: 1, medium: 2, low: 4, unknown: 0 });
    expect(r.customers[6]!.reason).toBe("10 days since the last purchase, 0.33 times the usual 30 days between purchases");
    expect(r.customers[3]!.reason).toBe("10 days since the last purchase, 1 times the usual 10 days between purchases");
    expect(r.usedModel).toBe(false);
    const weeks = churnRisk(summaries, { unit: "week" });
    expect(weeks.populationGapDays).toBe(140);
    expect(weeks.customers[0]).toMatchObject({ customerId: "z2", daysSinceLastPurchase: 560, gapRatio: 4 });
  });

  it("says why a customer's risk is unknown", () => {
    const r = churnRisk([{ customerId: "a", frequency: 0, recency: 0, T: 12.5 }]);
    expect(r.customers[0]!.reason).toBe("one purchase 12.5 days ago and no repeat buyer to compare with");
  });

  it("ranks by 1 - P(alive) in bands above 2/3 and from 1/3, ties by P(alive), and says why", () => {
    const model = { model: "bg-nbd", params: { r: 1, alpha: 1, a: 1, b: 1 }, unit: "day" } as const;
    // P(alive) = 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x))
    const r = churnRisk(
      [
        { customerId: "m0", frequency: 0, recency: 0, T: 10 }, // 1
        { customerId: "m2", frequency: 2, recency: 9, T: 9 }, // 1 / (1 + 1/2) = 2/3
        { customerId: "m1", frequency: 1, recency: 9, T: 9 }, // 1 / 2
        { customerId: "m4", frequency: 3, recency: 4, T: 9 }, // 1 / (1 + 16/3) = 3/19
        { customerId: "m3", frequency: 1, recency: 0, T: 9 }, // 1 / 101
      ],
      { model },
    );
    expect(r.customers.map((c) => [c.customerId, c.risk])).toEqual([["m3", "high"], ["m4", "high"], ["m1", "medium"], ["m2", "medium"], ["m0", "low"]]);
    const p = r.customers.map((c) => c.probabilityAlive!);
    [1 / 101, 3 / 19, 1 / 2, 2 / 3, 1].forEach((v, k) => expect(p[k]).toBeCloseTo(v, 12));
    expect(r.customers.map((c) => c.reason)).toEqual([
      "P(alive) 0.01 under the BG/NBD model: 1 repeat purchase, the last 9 days ago",
      "P(alive) 0.16 under the BG/NBD model: 3 repeat purchases, the last 5 days ago",
      "P(alive) 0.5 under the BG/NBD model: 1 repeat purchase, the last 0 days ago",
      "P(alive) 0.67 under the BG/NBD model: 2 repeat purchases, the last 0 days ago",
      "no repeat purchase: BG/NBD counts one-time buyers as alive (P(alive) 1); last purchase 10 days ago",
    ]);
    expect(r.counts).toEqual({ high: 2, medium: 2, low: 1, unknown: 0 });
  });

  it("groups transactions by calendar day in the time zone given", () => {
    const orders = [
      { customerId: "a", occurredAt: "2024-01-01T23:00:00Z", amount: 10 },
      { customerId: "a", occurredAt: "2024-01-02T01:00:00Z", amount: 10 },
      { customerId: "a", occurredAt: "2024-01-11T12:00:00Z", amount: 10 },
    ];
    const asOf = "2024-01-21T12:00:00Z";
    // New York: both first orders on January 1 (one purchase day), then January 11
    expect(churnRisk(orders, { asOf, timeZone: "America/New_York" }).customers[0]).toMatchObject({ frequency: 1, typicalGapDays: 10, gapRatio: 1, risk: "low" });
    // UTC: January 1, 2 and 11
    expect(churnRisk(orders, { asOf }).customers[0]).toMatchObject({ frequency: 2, typicalGapDays: 5, gapRatio: 2, risk: "medium" });
  });

  it("leaves out customers without a purchase (only refunds)", () => {
    const r = churnRisk(
      [
        { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
        { customerId: "b", occurredAt: "2024-01-05", amount: -5 },
      ],
      { asOf: "2024-01-11" },
    );
    expect(r.customers.map((c) => c.customerId)).toEqual(["a"]);
  });

  it("names the value at fault in the house format", () => {
    const ok = { customerId: "a", frequency: 0, recency: 0, T: 1 };
    const cases: [() => unknown, string][] = [
      [() => churnRisk(5 as never), "churnRisk: input must be an array or iterable of records, got 5"],
      [() => churnRisk([ok, 5] as never), "churnRisk: input[1] must be a customer summary, got 5"],
      [() => churnRisk([{ ...ok, frequency: 1.5 }]), "churnRisk: input[0].frequency must be an integer >= 0, got 1.5"],
      [() => churnRisk([{ ...ok, T: -1 }]), "churnRisk: input[0].T must be a finite number >= 0, got -1"],
      [() => churnRisk([{ ...ok, customerId: "" }]), 'churnRisk: input[0].customerId must be a non-empty string or a finite number, got ""'],
      [() => churnRisk([ok], { unit: "month" as never }), 'churnRisk: options.unit must be one of "day", "week", got "month"'],
      [() => churnRisk([], { asOf: "x" }), 'churnRisk: options.asOf must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "x"'],
      [() => churnRisk([], { model: { model: "pareto" } as never }), 'churnRisk: options.model must be { model: "bg-nbd", params, unit }, got an object'],
      [() => churnRisk([], { model: { model: "bg-nbd", params: cdnow.params } as never }), 'churnRisk: options.model.unit must be one of "day", "week", got ""'],
      [() => churnRisk([], { model: { model: "bg-nbd", params: cdnow.params, unit: "month" } as never }), 'churnRisk: options.model.unit must be one of "day", "week", got "month"'],
      [() => churnRisk([], { model: { model: "bg-nbd", unit: "day" } as never }), "churnRisk: options.model.params must be { r, alpha, a, b }, got undefined"],
      [() => churnRisk([], { model: { ...cdnow, params: { r: 1, alpha: 1, a: 1 } } as never }), "churnRisk: options.model.params.b must be a finite number > 0, got NaN"],
    ];
    for (const [f, text] of cases) expect(caughtError(f).message).toBe(text);
    expect(churnRisk([ok], { model: { ...cdnow, unit: "day" } }).usedModel).toBe(true);
  });
});
