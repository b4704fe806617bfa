import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { repurchaseRate } from "../../src/index.js";
import { deepFreeze, expectError } from "./helpers.js";

const orders = deepFreeze([
  { customerId: "a", occurredAt: "2024-01-05", amount: 20 },
  { customerId: "a", occurredAt: "2024-01-25", amount: 15 },
  { customerId: "b", occurredAt: "2024-01-09", amount: 40 },
  { customerId: "b", occurredAt: "2024-02-02", amount: 40 },
  { customerId: "b", occurredAt: "2024-02-03", amount: -40 },
  { customerId: "c", occurredAt: "2024-02-10", amount: 10, type: "refund" as const },
  { customerId: "d", occurredAt: "2024-02-12", amount: "12.50" },
]);

describe("repurchaseRate", () => {
  it("within-period: buyers with two orders in the period / buyers (refunds are not orders)", () => {
    const r = repurchaseRate(orders);
    expect(r.periods.map((p) => [p.orders, p.customers, p.repeatCustomers, p.rate])).toEqual([
      [3, 2, 1, 0.5],
      [2, 2, 0, 0],
    ]);
    expect(r.refundsSkipped).toBe(2);
  });

  it("shopify-returning: a buyer with any earlier order is returning", () => {
    const r = repurchaseRate(orders, { method: "shopify-returning" });
    expect(r.periods.map((p) => p.rate)).toEqual([0.5, 0.5]);
  });

  it("handles from, empty periods and empty input", () => {
    const r = repurchaseRate(orders, { from: "2024-02-15", asOf: "2024-03-10" });
    expect(r.periods.map((p) => [p.label, p.rate])).toEqual([
      ["2024-02", 0],
      ["2024-03", null],
    ]);
    expect(repurchaseRate([])).toMatchObject({ periods: [], asOf: null });
  });

  it("rejects bad transactions and options", () => {
    expectError(() => repurchaseRate([{ customerId: "a", occurredAt: "2024-01-01", amount: Infinity }]), "INVALID_INPUT", "transactions[0].amount");
    expectError(() => repurchaseRate([{ customerId: "a", occurredAt: "2024-01-01" }] as never), "INVALID_INPUT", "transactions[0].amount");
    expectError(() => repurchaseRate([], { method: "klaviyo" as never }), "INVALID_OPTION", "options.method");
  });

  it("property: within-period <= shopify-returning, rates in [0, 1], order does not matter", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ c: fc.constantFrom("a", "b", "c"), d: fc.integer({ min: 0, max: 90 }) }), { maxLength: 20 }), (rows) => {
        const list = rows.map((x) => ({ customerId: x.c, occurredAt: Date.UTC(2024, 0, 1 + x.d), amount: 1 }));
        const w = repurchaseRate(list);
        const s = repurchaseRate(list, { method: "shopify-returning" });
        expect(repurchaseRate([...list].reverse())).toEqual(w);
        w.periods.forEach((p, k) => {
          expect(p.repeatCustomers).toBeLessThanOrEqual(s.periods[k]!.repeatCustomers);
          if (p.rate !== null) expect(p.rate >= 0 && p.rate <= 1).toBe(true);
        });
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});

describe("repurchaseRate: the 100,000-period limit", () => {
  const far = (last: string) => [
    { customerId: "a", occurredAt: "2000-01-01T00:00:00Z", amount: 5 },
    { customerId: "a", occurredAt: last, amount: 5 },
  ];

  it("builds a daily series of exactly 100,000 periods", () => {
    const periods = repurchaseRate(far("2273-10-15T00:00:00Z"), { period: "day" }).periods;
    expect([periods.length, periods[99_999]!.label, periods[99_999]!.orders]).toEqual([100_000, "2273-10-15", 1]);
  });

  it("throws INVALID_INPUT at the transaction that makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => repurchaseRate(far("2273-10-16T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "transactions[1].occurredAt").message).toBe(
      "repurchaseRate: transactions[1].occurredAt must keep the series within 100,000 day periods (pass asOf, or use a longer period), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names options.asOf (INVALID_OPTION) when asOf makes the span, and leaves transactions after asOf out", () => {
    const e = seriesError(() => repurchaseRate(far("2000-02-01"), { period: "day", asOf: "2273-10-16T00:00:00Z" }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.asOf"]);
    expect(repurchaseRate(far("9999-12-31"), { period: "day", asOf: "2000-01-10" }).periods).toHaveLength(10);
  });
});

describe("repurchaseRate: boundaries and messages", () => {
  it("puts an order at a period's first instant in that period, and counts an order at asOf", () => {
    const list = [
      { customerId: "a", occurredAt: "2024-01-05", amount: 20 },
      { customerId: "a", occurredAt: "2024-02-01T00:00:00Z", amount: 20 },
      { customerId: "a", occurredAt: "2024-02-10T00:00:00Z", amount: 20 },
    ];
    const r = repurchaseRate(list, { method: "within-period", asOf: "2024-02-10T00:00:00Z" });
    expect(r.method).toBe("within-period");
    expect(r.asOf).toBe("2024-02-10T00:00:00.000Z");
    expect(r.periods.map((p) => [p.label, p.orders, p.customers, p.repeatCustomers, p.complete])).toEqual([
      ["2024-01", 1, 1, 0, true],
      ["2024-02", 2, 1, 1, false],
    ]);
  });

  it("counts an order of amount 0 as an order, not a refund", () => {
    const r = repurchaseRate([
      { customerId: "a", occurredAt: "2024-01-05", amount: 0 },
      { customerId: "a", occurredAt: "2024-01-06", amount: 5 },
    ]);
    expect(r.refundsSkipped).toBe(0);
    expect(r.periods.map((p) => [p.orders, p.repeatCustomers])).toEqual([[2, 1]]);
  });

  it("builds the periods from `from` to asOf when no order is left", () => {
    const r = repurchaseRate([{ customerId: "a", occurredAt: "2024-01-05", amount: -5 }], { from: "2024-01-01", asOf: "2024-02-15" });
    expect(r.refundsSkipped).toBe(1);
    expect(r.asOf).toBe("2024-02-15T00:00:00.000Z");
    expect(r.periods.map((p) => [p.label, p.customers, p.rate])).toEqual([
      ["2024-01", 0, null],
      ["2024-02", 0, null],
    ]);
  });

  it("names the bad value in the house format", () => {
    const cases: [() => unknown, string][] = [
      [() => repurchaseRate(5 as never), "repurchaseRate: transactions must be an array or iterable of records, got 5"],
      [() => repurchaseRate([5] as never), "repurchaseRate: transactions[0] must be a Transaction record, got 5"],
      [() => repurchaseRate([{ customerId: "", occurredAt: "2024-01-01", amount: 1 }]), 'repurchaseRate: transactions[0].customerId must be a non-empty string or a finite number, got ""'],
      [() => repurchaseRate([{ customerId: "a", occurredAt: "x", amount: 1 }]), 'repurchaseRate: transactions[0].occurredAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "x"'],
      [() => repurchaseRate([{ customerId: "a", occurredAt: "2024-01-01", amount: "1e" }]), 'repurchaseRate: transactions[0].amount must be a finite amount (number, decimal string or Decimal), got "1e"'],
    ];
    for (const [f, text] of cases) expect(seriesError(f).message).toBe(text);
  });
});
