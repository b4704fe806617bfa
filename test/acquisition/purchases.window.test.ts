import { describe, expect, it } from "vitest";
import { countWindowHits } from "../../src/acquisition/purchases.js";
import { crossSellRate, upsellRate } from "../../src/index.js";
import { errorOf, messageOf } from "./helpers.js";

const DAY = 86_400_000;
const T = Date.UTC(2024, 0, 1);
const tx = (customerId: number, day: number, category: unknown, extra: object = {}) => ({ customerId, occurredAt: T + day * DAY, amount: 10, category: category as string | undefined, ...extra });

describe("countWindowHits (shared by crossSellRate and upsellRate): the window's bounds", () => {
  it("looks at purchases in (first, first + window): one at first + window is outside, 1 ms earlier inside", () => {
    const at = crossSellRate([tx(1, 0, "a"), tx(1, 90, "b")]);
    expect(at).toMatchObject({ customers: 1, crossSoldCustomers: 0 });
    const before = crossSellRate([tx(1, 0, "a"), { ...tx(1, 90, "b"), occurredAt: T + 90 * DAY - 1 }]);
    expect(before).toMatchObject({ customers: 1, crossSoldCustomers: 1 });
  });

  it("counts a customer whose window ends exactly at asOf, and a purchase exactly at asOf", () => {
    const asOf = new Date(T + 90 * DAY);
    const r = crossSellRate([tx(1, 0, "a"), tx(1, 10, "b"), tx(2, 0, "a"), tx(2, 90, "b")], { asOf });
    expect(r).toMatchObject({ customers: 2, incompleteCustomers: 0, transactionsAfterAsOf: 0, crossSoldCustomers: 1 });
    const later = crossSellRate([tx(1, 0, "a"), { ...tx(1, 10, "b"), occurredAt: T + 90 * DAY + 1 }], { asOf });
    expect(later).toMatchObject({ customers: 1, transactionsAfterAsOf: 1, crossSoldCustomers: 0 });
    const incomplete = crossSellRate([{ ...tx(1, 0, "a"), occurredAt: T + 1 }], { asOf });
    expect(incomplete).toMatchObject({ customers: 0, incompleteCustomers: 1, rate: null });
  });

  it("finds the first purchase whatever the input order", () => {
    const r = crossSellRate([tx(1, 99, "c"), tx(1, 50, "a"), tx(1, 20, "a"), tx(1, 10, "a")]);
    // First purchase on day 10 (a); c on day 99 is within 90 days, on day 100 it is not.
    expect(r.crossSoldCustomers).toBe(1);
    const late = crossSellRate([tx(1, 99, "c"), tx(1, 10, "a")]);
    expect(late.crossSoldCustomers).toBe(1);
    const outside = crossSellRate([tx(1, 100, "c"), tx(1, 10, "a")]);
    expect(outside.crossSoldCustomers).toBe(0);
  });

  it("counts a transaction after asOf before asking whether it is a refund or has a key", () => {
    const asOf = new Date(T + 200 * DAY);
    const r = crossSellRate(
      [tx(1, 0, "a"), tx(1, 300, "b", { type: "refund" }), tx(1, 300, undefined), tx(1, 5, undefined, { amount: -3 }), tx(1, 6, null)],
      { asOf },
    );
    expect(r).toMatchObject({ transactionsAfterAsOf: 2, refunds: 1, transactionsWithoutKey: 1, customers: 1 });
  });

  it("ignores and counts a null or empty category, and a customer with only such transactions", () => {
    const r = crossSellRate([tx(1, 0, null), tx(1, 1, ""), tx(2, 0, "a"), tx(2, 1, "")]);
    expect(r).toMatchObject({ transactionsWithoutKey: 3, customers: 1, crossSoldCustomers: 0 });
  });

  it("reads a null quantity as 1 and checks quantities of every transaction, even ignored ones", () => {
    const r = upsellRate([
      { customerId: 1, occurredAt: T, amount: 10, productId: "a" },
      { customerId: 1, occurredAt: T + DAY, amount: 11, productId: "b", quantity: null as never },
    ]);
    expect(r.upsoldCustomers).toBe(1);
    expect(messageOf(() => crossSellRate([tx(1, 0, "a", { quantity: Number.POSITIVE_INFINITY })]))).toBe(
      "crossSellRate: transactions[0].quantity must be a finite number > 0, got Infinity",
    );
    expect(errorOf(() => crossSellRate([tx(1, 0, "a", { quantity: "2" })]))).toBe("INVALID_INPUT transactions[0].quantity");
    expect(errorOf(() => crossSellRate([tx(1, 0, "a", { quantity: Number.NaN })]))).toBe("INVALID_INPUT transactions[0].quantity");
    expect(errorOf(() => crossSellRate([tx(1, 300, "a", { quantity: 0 })], { asOf: new Date(T) }))).toBe("INVALID_INPUT transactions[0].quantity");
    expect(crossSellRate([tx(1, 0, "a", { quantity: 1e-9 })]).customers).toBe(1);
  });

  it("names the rule a category breaks, even on a refund or after asOf", () => {
    expect(messageOf(() => crossSellRate([tx(1, 0, 5)]))).toBe("crossSellRate: transactions[0].category must be a string, got 5");
    expect(errorOf(() => crossSellRate([tx(1, 0, 5, { type: "refund" })]))).toBe("INVALID_INPUT transactions[0].category");
    expect(errorOf(() => crossSellRate([tx(1, 300, true)], { asOf: new Date(T) }))).toBe("INVALID_INPUT transactions[0].category");
  });

  it("hands the rule the first basket and the later purchases with their unit prices", () => {
    const seen: unknown[] = [];
    const r = countWindowHits(
      "f",
      [
        { customerId: 1, occurredAt: T + DAY, amount: 12, quantity: 4, productId: "b" },
        { customerId: 1, occurredAt: T, amount: 10, productId: "a" },
        { customerId: 1, occurredAt: T, amount: 9, quantity: 3, productId: "c" },
        { customerId: 1, occurredAt: T + 100 * DAY, amount: 1, productId: "d" },
      ],
      "productId",
      { window: { days: 90 } },
      (first, later) => {
        seen.push(first, later);
        return true;
      },
    );
    expect(seen).toEqual([
      [
        { t: T, key: "a", unitPrice: 10 },
        { t: T, key: "c", unitPrice: 3 },
      ],
      [{ t: T + DAY, key: "b", unitPrice: 3 }],
    ]);
    expect(r).toEqual({ customers: 1, hits: 1, incompleteCustomers: 0, refunds: 0, transactionsWithoutKey: 0, transactionsAfterAsOf: 0 });
  });
});
