import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossSellRate } from "../../src/index.js";
import { deepFreeze, errorOf, isJsonSafe } from "./helpers.js";

const tx = (customerId: string | number, occurredAt: string, category?: string, amount: number | string = 10, extra: object = {}) => ({
  customerId,
  occurredAt,
  amount,
  ...(category === undefined ? {} : { category }),
  ...extra,
});

describe("crossSellRate", () => {
  it("counts customers who bought a further category within 90 days of their first purchase", () => {
    const r = crossSellRate([
      tx("a", "2024-01-01", "shoes"),
      tx("a", "2024-02-01", "socks"), // cross-sold
      tx("b", "2024-01-05", "shoes"),
      tx("b", "2024-01-20", "shoes"), // same category: no
      tx("c", "2024-01-01", "shoes"),
      tx("c", "2024-05-01", "hats"), // after 90 days: no
      tx("d", "2024-01-01", "shoes"),
      tx("d", "2024-01-01", "hats"), // same basket as the first purchase: no
    ]);
    expect(r).toMatchObject({ customers: 4, crossSoldCustomers: 1, rate: 0.25, by: "category", incompleteCustomers: 0 });
    const yearly = crossSellRate([tx("c", "2024-01-01", "shoes"), tx("c", "2024-05-01", "hats")], { window: { days: 365 } });
    expect(yearly.rate).toBe(1);
    const unlimited = crossSellRate([tx("c", "2024-01-01", "shoes"), tx("c", "2027-05-01", "hats")], { window: null });
    expect(unlimited.rate).toBe(1);
  });

  it("compares product ids with by: 'productId'", () => {
    const data = [tx(1, "2024-01-01", "shoes", 10, { productId: "p1" }), tx(1, "2024-01-10", "shoes", 10, { productId: "p2" })];
    expect(crossSellRate(data).rate).toBe(0);
    expect(crossSellRate(data, { by: "productId" }).rate).toBe(1);
  });

  it("does not count refunds as purchases, and ignores and counts transactions without a category", () => {
    const r = crossSellRate([
      tx(1, "2024-01-01", "shoes"),
      tx(1, "2024-01-02", "hats", -10),
      tx(1, "2024-01-03", "bags", 10, { type: "refund" }),
      tx(1, "2024-01-04"),
      tx(2, "2024-01-04"),
    ]);
    expect(r).toMatchObject({ customers: 1, crossSoldCustomers: 0, rate: 0, refunds: 2, transactionsWithoutKey: 2 });
  });

  it("leaves out customers whose window is not over at asOf, and transactions after it", () => {
    const data = [tx(1, "2024-01-01", "a"), tx(1, "2024-02-01", "b"), tx(2, "2024-03-01", "a"), tx(2, "2024-03-05", "b"), tx(1, "2024-05-01", "c")];
    const r = crossSellRate(data, { asOf: "2024-04-15", window: { days: 60 } });
    expect(r).toMatchObject({ customers: 1, crossSoldCustomers: 1, rate: 1, incompleteCustomers: 1, transactionsAfterAsOf: 1 });
  });

  it("reads dates and the window in the time zone, across DST (America/New_York)", () => {
    // DST starts on 10 March 2024: a window of 1 day from local midnight lasts 23 hours.
    const ny = { window: { days: 1 }, timeZone: "America/New_York" };
    expect(crossSellRate([tx(1, "2024-03-10T00:00:00", "a"), tx(1, "2024-03-10T23:30:00", "b")], ny).rate).toBe(1);
    // 23.5 hours later: outside the local day, though inside 24 hours.
    const late = [tx(1, "2024-03-10T05:00:00Z", "a"), tx(1, "2024-03-11T04:30:00Z", "b")];
    expect(crossSellRate(late, ny).rate).toBe(0);
    expect(crossSellRate(late, { window: { days: 1 } }).rate).toBe(1);
  });

  it("gives null without customers and handles __proto__ ids", () => {
    expect(crossSellRate([]).rate).toBeNull();
    expect(crossSellRate([tx("__proto__", "2024-01-01", "a"), tx("__proto__", "2024-01-02", "constructor"), tx("constructor", "2024-01-01", "a")]).rate).toBe(0.5);
  });

  it("rejects bad records and options", () => {
    expect(errorOf(() => crossSellRate([tx(1, "2024-01-01", "a", Number.NaN)]))).toBe("INVALID_INPUT transactions[0].amount");
    expect(errorOf(() => crossSellRate([tx(1, "2024-02-30", "a")]))).toBe("INVALID_INPUT transactions[0].occurredAt");
    expect(errorOf(() => crossSellRate([{ customerId: 1, occurredAt: "2024-01-01", amount: 1, category: 5 as never }]))).toBe(
      "INVALID_INPUT transactions[0].category",
    );
    expect(errorOf(() => crossSellRate([tx(1, "2024-01-01", "a", 1, { quantity: 0 })]))).toBe("INVALID_INPUT transactions[0].quantity");
    expect(errorOf(() => crossSellRate([], { by: "sku" as never }))).toBe("INVALID_OPTION options.by");
    expect(errorOf(() => crossSellRate([], { window: { fortnights: 1 } as never }))).toBe("INVALID_OPTION options.window.fortnights");
    expect(errorOf(() => crossSellRate([], { asOf: "later" }))).toBe("INVALID_OPTION options.asOf");
  });

  it("refuses transactions in different currencies", () => {
    expect(errorOf(() => crossSellRate([tx(1, "2024-01-01", "a", 1, { currency: "USD" }), tx(1, "2024-01-02", "b", 1, { currency: "EUR" })]))).toBe(
      "INVALID_INPUT transactions[1].currency",
    );
  });

  it("does not mutate its input", () => {
    const data = deepFreeze([tx(1, "2024-01-01", "a"), tx(1, "2024-01-02", "b")]);
    expect(crossSellRate(data).rate).toBe(1);
  });

  it("is a rate in [0, 1] that does not depend on record order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ c: fc.integer({ min: 0, max: 8 }), day: fc.integer({ min: 0, max: 200 }), cat: fc.constantFrom("x", "y", "z", undefined) }), { maxLength: 40 }),
        (rows) => {
          const data = rows.map((r) => ({ customerId: r.c, occurredAt: Date.UTC(2024, 0, 1) + r.day * 86_400_000, amount: 5, category: r.cat }));
          const a = crossSellRate(data);
          expect(isJsonSafe(a)).toBe(true);
          const b = crossSellRate([...data].reverse());
          expect(b).toEqual(a);
          if (a.rate !== null) {
            expect(a.rate).toBeGreaterThanOrEqual(0);
            expect(a.rate).toBeLessThanOrEqual(1);
          }
          // A longer window never lowers the rate.
          expect(crossSellRate(data, { window: null }).crossSoldCustomers).toBeGreaterThanOrEqual(a.crossSoldCustomers);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
