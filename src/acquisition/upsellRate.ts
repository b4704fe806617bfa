import { invalidOption } from "../core/errors.js";
import { ratio } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { countWindowHits, type FollowOnPurchaseCounts, type FollowOnPurchaseOptions } from "./purchases.js";

/** Options of {@link upsellRate}. */
export interface UpsellRateOptions extends FollowOnPurchaseOptions {
  /**
   * List prices by `productId` (a `Map`, so any id works). When given, a product's price
   * is its list price, which ranks plans regardless of discounts; products missing from
   * the map use the unit price paid.
   */
  readonly prices?: ReadonlyMap<string, number>;
}

/** Result of {@link upsellRate}. */
export interface UpsellRateResult extends FollowOnPurchaseCounts {
  /** Customers who bought a higher-priced product in the window. */
  readonly upsoldCustomers: number;
  /** `upsoldCustomers / customers`; `null` without customers. */
  readonly rate: number | null;
}

/**
 * Up-sell rate: the share of customers who, within a window after their first purchase,
 * bought a higher-priced plan or product. "Higher-priced" rule: a later purchase of a
 * `productId` not in the first purchase whose price is strictly above the highest price in
 * the first purchase, where a price is the list price from `options.prices` or else the
 * unit price paid (`amount / quantity`, quantity 1 when absent). Buying more of the same
 * product is not an up-sell. Refunds are not purchases; transactions without `productId`
 * are ignored and counted.
 *
 * @param transactions - `Transaction` records with `productId` (and `quantity`).
 * @param options - List prices, window, `asOf` and time zone.
 * @returns The rate with its numerator, denominator and the counts of ignored records.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a transaction without a valid customer
 *   id, date or amount, a non-string productId, a quantity that is not > 0, or records in
 *   different currencies;
 *   `INVALID_OPTION` for a bad option (a price that is not a finite number).
 *
 * @example
 * const transactions = [
 *   { customerId: "a", occurredAt: "2024-01-01", amount: 10, productId: "basic" },
 *   { customerId: "a", occurredAt: "2024-02-01", amount: 30, productId: "pro" },
 *   { customerId: "b", occurredAt: "2024-01-01", amount: 30, productId: "pro" },
 *   { customerId: "b", occurredAt: "2024-02-01", amount: 10, productId: "basic" },
 * ];
 * upsellRate(transactions).rate
 * // => 0.5
 */
export function upsellRate(transactions: Iterable<Transaction>, options?: UpsellRateOptions): UpsellRateResult {
  const fn = "upsellRate";
  const prices = options?.prices;
  if (prices !== undefined) {
    if (!(prices instanceof Map)) invalidOption(fn, "prices", "must be a Map from productId to price", prices);
    for (const [id, price] of prices) {
      if (typeof price !== "number" || !Number.isFinite(price)) invalidOption(fn, `prices.get(${JSON.stringify(id)})`, "must be a finite number", price);
    }
  }
  const priceOf = (key: string, paid: number): number => prices?.get(key) ?? paid;
  const counts = countWindowHits(fn, transactions, "productId", options, (first, later) => {
    const initial = new Set(first.map((p) => p.key));
    let top = Number.NEGATIVE_INFINITY;
    for (const p of first) top = Math.max(top, priceOf(p.key, p.unitPrice));
    return later.some((p) => !initial.has(p.key) && priceOf(p.key, p.unitPrice) > top);
  });
  const { hits, ...rest } = counts;
  return { ...rest, upsoldCustomers: hits, rate: ratio(hits, counts.customers) };
}
