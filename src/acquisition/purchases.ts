// Private helper of crossSellRate and upsellRate: each customer's first purchase and the
// purchases that follow it within a window.
import type { Duration } from "date-fns";
import { invalidInput, recordPath } from "../core/errors.js";
import type { AsOfOptions, TimeZoneOptions } from "../core/options.js";
import { resolveDuration, resolveTimeZone, toTimestampOption } from "../core/time.js";
import { resolveOptions, toArray } from "../core/validate.js";
import { CurrencyGuard, durationShifter, entry, readTransaction } from "./records.js";

/** Options shared by {@link crossSellRate} and {@link upsellRate}. */
export interface FollowOnPurchaseOptions extends TimeZoneOptions, AsOfOptions {
  /**
   * How long after the first purchase a further purchase counts: purchases in
   * `(first, first + window)` are looked at; `null` for no limit.
   * @defaultValue `{ days: 90 }`
   */
  readonly window?: Duration | null;
}

/** A purchase reduced to what the rates need. @internal */
export interface Purchase {
  readonly t: number;
  /** Category or product id. */
  readonly key: string;
  /** Amount / quantity. */
  readonly unitPrice: number;
}

/** Counts shared by the two rates. @internal */
export interface FollowOnPurchaseCounts {
  /** Customers with a first purchase whose window is complete (the denominator). */
  readonly customers: number;
  /** Customers left out because their window ends after `asOf`. */
  readonly incompleteCustomers: number;
  /** Refunds (negative amounts or `type: "refund"`), which are not purchases. */
  readonly refunds: number;
  /** Transactions without the field the rate compares (ignored). */
  readonly transactionsWithoutKey: number;
  /** Transactions after `asOf` (ignored). */
  readonly transactionsAfterAsOf: number;
}

/**
 * Read transactions, group purchases per customer, and count the customers for whom
 * `hit(firstBasket, laterPurchases)` holds. @internal
 */
export function countWindowHits(
  fn: string,
  transactions: unknown,
  keyField: "category" | "productId",
  options: FollowOnPurchaseOptions | undefined,
  hit: (first: readonly Purchase[], later: readonly Purchase[]) => boolean,
): FollowOnPurchaseCounts & { readonly hits: number } {
  const opts = resolveOptions(fn, options);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const window = opts.window === null ? null : resolveDuration(fn, "window", opts.window, { days: 90 });
  const windowEnd = window === null ? null : durationShifter(window, timeZone, 1);
  const asOf = opts.asOf === undefined ? null : toTimestampOption(fn, "asOf", opts.asOf, timeZone);
  const list = toArray<unknown>(fn, "transactions", transactions);
  const byCustomer = new Map<string, Purchase[]>();
  const currency = new CurrencyGuard(fn);
  let refunds = 0;
  let withoutKey = 0;
  let afterAsOf = 0;
  for (let i = 0; i < list.length; i++) {
    const { record: r, customerId: id, t, amount, refund } = readTransaction(fn, "transactions", i, list[i], timeZone, currency);
    const quantity = r["quantity"] === undefined || r["quantity"] === null ? 1 : r["quantity"];
    if (typeof quantity !== "number" || !Number.isFinite(quantity) || quantity <= 0) {
      invalidInput(fn, recordPath("transactions", i, "quantity"), "must be a finite number > 0", quantity);
    }
    const key = r[keyField];
    if (key !== undefined && key !== null && typeof key !== "string") {
      invalidInput(fn, recordPath("transactions", i, keyField), "must be a string", key);
    }
    if (asOf !== null && t > asOf) {
      afterAsOf++;
      continue;
    }
    if (refund) {
      refunds++;
      continue;
    }
    if (key === undefined || key === null || key === "") {
      withoutKey++;
      continue;
    }
    entry(byCustomer, id, () => []).push({ t, key: key as string, unitPrice: amount / (quantity as number) });
  }
  let customers = 0;
  let incomplete = 0;
  let hits = 0;
  for (const purchases of byCustomer.values()) {
    let firstT = Number.POSITIVE_INFINITY;
    for (const p of purchases) if (p.t < firstT) firstT = p.t;
    const end = windowEnd === null ? Number.POSITIVE_INFINITY : windowEnd(firstT);
    if (asOf !== null && end > asOf) {
      incomplete++;
      continue;
    }
    customers++;
    const first = purchases.filter((p) => p.t === firstT);
    const later = purchases.filter((p) => p.t > firstT && p.t < end);
    if (hit(first, later)) hits++;
  }
  return { customers, hits, incompleteCustomers: incomplete, refunds, transactionsWithoutKey: withoutKey, transactionsAfterAsOf: afterAsOf };
}
