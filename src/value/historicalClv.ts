import { MoneySum } from "../core/money.js";
import { quantileSorted } from "../core/stats/descriptive.js";
import { resolveOptions } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import {
  forEachTransaction,
  resolveFraction,
  resolveRefunds,
  resolveWindow,
  type ValueRefunds,
  type ValueWindowOptions,
} from "./records.js";

/** Options of {@link historicalClv}. */
export interface HistoricalClvOptions extends ValueWindowOptions {
  /**
   * Gross margin in [0, 1] applied to the revenue (1 gives a revenue CLV).
   * @defaultValue `1`
   */
  readonly margin?: number;
  /**
   * `"net"`: refunds reduce the customer's revenue (Klaviyo's historic CLV is net of
   * refunds); `"ignore"`: refunds are left out.
   * @defaultValue `"net"`
   */
  readonly refunds?: ValueRefunds;
}

/** One customer of {@link historicalClv}. */
export interface HistoricalClvCustomer {
  /** The customer id. */
  readonly customerId: string;
  /** Orders in the window. */
  readonly orders: number;
  /** Refund records in the window (0 with `refunds: "ignore"`). */
  readonly refunds: number;
  /** Revenue in the window under the refund rule (exact sum). */
  readonly revenue: number;
  /** `revenue * margin`: the value the customer has brought so far. */
  readonly clv: number;
  /** ISO instant of the first order in the window. */
  readonly firstOrderAt: string;
  /** ISO instant of the last order in the window. */
  readonly lastOrderAt: string;
}

/** Result of {@link historicalClv}. */
export interface HistoricalClvResult {
  /** One row per customer with an order in the window, sorted by `customerId`. */
  readonly customers: readonly HistoricalClvCustomer[];
  /** Number of customers (rows). */
  readonly n: number;
  /** Mean `clv` over the customers; `null` without customers. */
  readonly averageClv: number | null;
  /** Median `clv`; `null` without customers. */
  readonly medianClv: number | null;
  /** Sum of `clv` over the customers. */
  readonly totalClv: number;
  /** Sum of `revenue` over the customers (exact). */
  readonly totalRevenue: number;
  /** Margin used. */
  readonly margin: number;
  /** Refund rule used. */
  readonly refundRule: ValueRefunds;
  /** Refunds of customers without an order in the window: not in any row. */
  readonly unmatchedRefunds: { readonly count: number; readonly amount: number };
}

interface Acc {
  orders: number;
  refunds: number;
  sum: MoneySum;
  first: number;
  last: number;
}

/**
 * Historical customer lifetime value: what each customer has spent so far (net of
 * refunds by default), times the gross margin, and the mean over customers. This is the
 * "historic CLV" of Klaviyo and the "total revenue per customer" of most CRMs; it looks
 * back only (see {@link formulaClv} and the models in `clv/` for forward-looking values).
 *
 * @param transactions - Transactions (array or iterable).
 * @param options - Window, margin and refund rule.
 * @returns Per-customer values with the mean, median and totals; `null` statistics without customers.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad record; `INVALID_OPTION` for a bad option.
 *
 * @example
 * const log = [
 *   { customerId: "a", occurredAt: "2024-01-03", amount: 100 },
 *   { customerId: "a", occurredAt: "2024-02-03", amount: 50 },
 *   { customerId: "a", occurredAt: "2024-02-05", amount: -20 },
 *   { customerId: "b", occurredAt: "2024-01-09", amount: 70 },
 * ];
 * const clv = historicalClv(log, { margin: 0.5 });
 * [clv.customers[0]?.clv, clv.customers[1]?.clv, clv.averageClv]
 * // => [65, 35, 50]
 */
export function historicalClv(transactions: Iterable<Transaction>, options?: HistoricalClvOptions): HistoricalClvResult {
  const fn = "historicalClv";
  const opts = resolveOptions(fn, options);
  const window = resolveWindow(fn, opts);
  const margin = resolveFraction(fn, "margin", opts.margin, 1);
  const refundRule = resolveRefunds(fn, opts.refunds, "net");
  const accs = new Map<string, Acc>();
  forEachTransaction(fn, transactions, window, (r) => {
    if (r.refund && refundRule === "ignore") return;
    let a = accs.get(r.customerId);
    if (a === undefined) {
      a = { orders: 0, refunds: 0, sum: new MoneySum(), first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY };
      accs.set(r.customerId, a);
    }
    a.sum.add(r.amount);
    if (r.refund) a.refunds++;
    else {
      a.orders++;
      if (r.ms < a.first) a.first = r.ms;
      if (r.ms > a.last) a.last = r.ms;
    }
  });
  const rows: HistoricalClvCustomer[] = [];
  const total = new MoneySum();
  const unmatched = new MoneySum();
  let unmatchedCount = 0;
  for (const [customerId, a] of accs) {
    if (a.orders === 0) {
      unmatchedCount += a.refunds;
      unmatched.merge(a.sum);
      continue;
    }
    const revenue = a.sum.value();
    total.merge(a.sum);
    const clv = margin === 1 ? revenue : a.sum.toDecimal().times(margin).toNumber();
    rows.push({
      customerId,
      orders: a.orders,
      refunds: a.refunds,
      revenue,
      clv: clv === 0 ? 0 : clv,
      firstOrderAt: new Date(a.first).toISOString(),
      lastOrderAt: new Date(a.last).toISOString(),
    });
  }
  rows.sort((x, y) => (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0));
  const n = rows.length;
  const totalRevenue = total.value();
  const totalClv = margin === 1 ? totalRevenue : total.toDecimal().times(margin).toNumber();
  const sorted = rows.map((r) => r.clv).sort((x, y) => x - y);
  const average = n === 0 ? null : total.toDecimal().times(margin).div(n).toNumber();
  return {
    customers: rows,
    n,
    averageClv: average === 0 ? 0 : average, // margin 0 times a net refund is -0 in decimal.js
    medianClv: n === 0 ? null : quantileSorted(sorted, 0.5),
    totalClv: totalClv === 0 ? 0 : totalClv,
    totalRevenue,
    margin,
    refundRule,
    unmatchedRefunds: { count: unmatchedCount, amount: -unmatched.value() || 0 },
  };
}
