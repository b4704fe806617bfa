import { ratio, resolveEnum } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { countWindowHits, type FollowOnPurchaseCounts, type FollowOnPurchaseOptions } from "./purchases.js";

/** Options of {@link crossSellRate}. */
export interface CrossSellRateOptions extends FollowOnPurchaseOptions {
  /**
   * What a "further" purchase differs in: the product `category` or the `productId`.
   * @defaultValue `"category"`
   */
  readonly by?: "category" | "productId";
}

/** Result of {@link crossSellRate}. */
export interface CrossSellRateResult extends FollowOnPurchaseCounts {
  /** Customers who bought a further category (or product) in the window. */
  readonly crossSoldCustomers: number;
  /** `crossSoldCustomers / customers`; `null` without customers. */
  readonly rate: number | null;
  readonly by: "category" | "productId";
}

/**
 * Cross-sell rate: the share of customers who, within a window after their first purchase,
 * bought from a category (or product) that was not in that first purchase. The first
 * purchase is everything the customer bought at their earliest timestamp (a basket).
 * Refunds are not purchases; transactions without the compared field are ignored and counted.
 *
 * @param transactions - `Transaction` records with `category` (or `productId`).
 * @param options - Compared field, window, `asOf` (customers whose window is not over by
 *   then are left out and counted) and time zone.
 * @returns The rate with its numerator, denominator and the counts of ignored records.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a transaction without a valid customer
 *   id, date or amount, a non-string category, a quantity that is not > 0, or records in
 *   different currencies;
 *   `INVALID_OPTION` for a bad option.
 *
 * @example
 * const transactions = [
 *   { customerId: "a", occurredAt: "2024-01-01", amount: 20, category: "shoes" },
 *   { customerId: "a", occurredAt: "2024-02-01", amount: 15, category: "socks" },
 *   { customerId: "b", occurredAt: "2024-01-05", amount: 30, category: "shoes" },
 *   { customerId: "b", occurredAt: "2024-01-20", amount: 25, category: "shoes" },
 * ];
 * crossSellRate(transactions).rate
 * // => 0.5
 */
export function crossSellRate(transactions: Iterable<Transaction>, options?: CrossSellRateOptions): CrossSellRateResult {
  const fn = "crossSellRate";
  const by = resolveEnum(fn, "by", options?.by, ["category", "productId"], "category");
  const counts = countWindowHits(fn, transactions, by, options, (first, later) => {
    const initial = new Set(first.map((p) => p.key));
    return later.some((p) => !initial.has(p.key));
  });
  const { hits, ...rest } = counts;
  return { ...rest, crossSoldCustomers: hits, rate: ratio(hits, counts.customers), by };
}
