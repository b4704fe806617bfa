import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossSellRate, upsellRate } from "../../src/index.js";
import { deepFreeze, errorOf, isJsonSafe } from "./helpers.js";

const tx = (customerId: string | number, occurredAt: string, productId: string | undefined, amount: number | string, extra: object = {}) => ({
  customerId,
  occurredAt,
  amount,
  ...(productId === undefined ? {} : { productId }),
  ...extra,
});

describe("upsellRate", () => {
  it("counts customers who bought a higher-priced product after their first purchase", () => {
    const r = upsellRate([
      tx("a", "2024-01-01", "basic", 10),
      tx("a", "2024-02-01", "pro", 30), // up-sell
      tx("b", "2024-01-01", "pro", 30),
      tx("b", "2024-02-01", "basic", 10), // down-sell
      tx("c", "2024-01-01", "basic", 10),
      tx("c", "2024-01-15", "basic", 50, { quantity: 5 }), // more of the same: no
      tx("d", "2024-01-01", "basic", 10),
      tx("d", "2024-02-01", "addon", 10), // same price: no
    ]);
    expect(r).toMatchObject({ customers: 4, upsoldCustomers: 1, rate: 0.25, refunds: 0, transactionsWithoutKey: 0 });
  });

  it("compares unit prices (amount / quantity) against the highest price of the first basket", () => {
    const r = upsellRate([
      tx(1, "2024-01-01", "seat", 30, { quantity: 3 }), // 10 per unit
      tx(1, "2024-01-01", "support", 15),
      tx(1, "2024-01-20", "pro-seat", 40, { quantity: 2 }), // 20 > 15: up-sell
      tx(2, "2024-01-01", "seat", 30, { quantity: 3 }),
      tx(2, "2024-01-01", "support", 25),
      tx(2, "2024-01-20", "pro-seat", 40, { quantity: 2 }), // 20 < 25: no
    ]);
    expect(r.rate).toBe(0.5);
  });

  it("ranks products by list price when prices are given (discounts do not hide an upgrade)", () => {
    const data = [tx(1, "2024-01-01", "basic", 10), tx(1, "2024-02-01", "pro", 8)];
    expect(upsellRate(data).rate).toBe(0);
    const prices = new Map([
      ["basic", 10],
      ["pro", 30],
    ]);
    expect(upsellRate(data, { prices }).rate).toBe(1);
    // A product missing from the map uses the price paid.
    expect(upsellRate([tx(1, "2024-01-01", "basic", 10), tx(1, "2024-02-01", "enterprise", 90)], { prices }).rate).toBe(1);
  });

  it("ignores refunds and transactions without productId, and respects the window and asOf", () => {
    const r = upsellRate([
      tx(1, "2024-01-01", "basic", 10),
      tx(1, "2024-01-05", "pro", -30),
      tx(1, "2024-01-06", "pro", 30, { type: "refund" }),
      tx(1, "2024-01-07", undefined, 300),
      tx(1, "2024-06-01", "pro", 30),
      tx(2, "2024-06-01", "basic", 10),
    ], { asOf: "2024-07-01" });
    expect(r).toMatchObject({ customers: 1, upsoldCustomers: 0, refunds: 2, transactionsWithoutKey: 1, incompleteCustomers: 1 });
    expect(upsellRate([tx(1, "2024-01-01", "basic", 10), tx(1, "2024-06-01", "pro", 30)], { window: { months: 6 } }).rate).toBe(1);
  });

  it("gives null without customers and handles __proto__ ids and products", () => {
    expect(upsellRate([]).rate).toBeNull();
    const r = upsellRate([tx("__proto__", "2024-01-01", "constructor", 1), tx("__proto__", "2024-01-02", "__proto__", 2)], {
      prices: new Map([["__proto__", 5]]),
    });
    expect(r.rate).toBe(1);
  });

  it("rejects bad records and options", () => {
    expect(errorOf(() => upsellRate([tx(1, "2024-01-01", "a", "ten")]))).toBe("INVALID_INPUT transactions[0].amount");
    expect(errorOf(() => upsellRate([tx(1, "2024-01-01", "a", 1, { quantity: -1 })]))).toBe("INVALID_INPUT transactions[0].quantity");
    expect(errorOf(() => upsellRate([{ customerId: 1, occurredAt: 0, amount: 1, productId: 7 as never }]))).toBe("INVALID_INPUT transactions[0].productId");
    expect(errorOf(() => upsellRate([{ customerId: null as never, occurredAt: 0, amount: 1 }]))).toBe("INVALID_INPUT transactions[0].customerId");
    expect(errorOf(() => upsellRate([], { prices: { basic: 1 } as never }))).toBe("INVALID_OPTION options.prices");
    expect(errorOf(() => upsellRate([], { prices: new Map([["basic", Number.NaN]]) }))).toBe('INVALID_OPTION options.prices.get("basic")');
    expect(errorOf(() => upsellRate([], "x" as never))).toBe("INVALID_OPTION options");
  });

  it("does not mutate its input", () => {
    const data = deepFreeze([tx(1, "2024-01-01", "a", 1), tx(1, "2024-01-02", "b", 2)]);
    expect(upsellRate(data).rate).toBe(1);
  });

  it("is a rate in [0, 1], order-independent, and never above the product cross-sell share (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ c: fc.integer({ min: 0, max: 8 }), day: fc.integer({ min: 0, max: 100 }), p: fc.constantFrom("s", "m", "l"), price: fc.integer({ min: 1, max: 50 }) }),
          { maxLength: 40 },
        ),
        (rows) => {
          const data = rows.map((r) => ({ customerId: r.c, occurredAt: Date.UTC(2024, 0, 1) + r.day * 86_400_000, amount: r.price, productId: r.p }));
          const a = upsellRate(data);
          expect(isJsonSafe(a)).toBe(true);
          expect(upsellRate([...data].reverse())).toEqual(a);
          expect(a.upsoldCustomers).toBeLessThanOrEqual(crossSellRate(data, { by: "productId" }).crossSoldCustomers);
          if (a.rate !== null) {
            expect(a.rate).toBeGreaterThanOrEqual(0);
            expect(a.rate).toBeLessThanOrEqual(1);
          }
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
