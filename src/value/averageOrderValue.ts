import { MoneySum, divideMoney } from "../core/money.js";
import type { PeriodUnit } from "../core/options.js";
import { groupByPeriod, periodInfo, type PeriodInfo } from "../core/trend.js";
import { resolvePeriod, resolveWeekStartsOn } from "../core/time.js";
import { resolveOptions } from "../core/validate.js";
import type { WeekDay } from "../core/options.js";
import type { Transaction } from "../models/transaction.js";
import { forEachTransaction, resolveRefunds, resolveWindow, type ValueRecord, type ValueRefunds, type ValueWindowOptions } from "./records.js";

/** Options of {@link averageOrderValue}. */
export interface AverageOrderValueOptions extends ValueWindowOptions {
  /**
   * `"ignore"`: revenue is the sum of the orders, refunds are reported apart (Shopify's
   * and GA4's AOV); `"net"`: refunds in the window are subtracted from the revenue.
   * @defaultValue `"ignore"`
   */
  readonly refunds?: ValueRefunds;
  /**
   * When set, the result also has one row per calendar period (in `timeZone`).
   * @defaultValue none (no breakdown)
   */
  readonly period?: PeriodUnit;
  /**
   * First day of a week for `period: "week"`: 0 = Sunday ... 6 = Saturday.
   * @defaultValue `1` (Monday)
   */
  readonly weekStartsOn?: WeekDay;
}

/** AOV of one calendar period. */
export interface AverageOrderValuePeriod extends PeriodInfo {
  /** Orders (purchase records) in the period. */
  readonly orders: number;
  /** Revenue of the period under the `refunds` rule. */
  readonly revenue: number;
  /** `revenue / orders`, `null` without orders. */
  readonly averageOrderValue: number | null;
}

/** Result of {@link averageOrderValue}. */
export interface AverageOrderValueResult {
  /** `revenue / orders`; `null` without orders. */
  readonly averageOrderValue: number | null;
  /** Orders: purchase records (amount >= 0, not `type: "refund"`) in the window. */
  readonly orders: number;
  /** Revenue: the orders' sum, minus the refunds with `refunds: "net"`. */
  readonly revenue: number;
  /** Sum of the orders (exact). */
  readonly grossRevenue: number;
  /** Refund records in the window. */
  readonly refunds: number;
  /** Sum of the refunds, as a positive amount. */
  readonly refundAmount: number;
  /** Distinct customers with an order in the window. */
  readonly customers: number;
  /** Refund rule used. */
  readonly refundRule: ValueRefunds;
  /** One row per period with records, ascending, when `period` is set; else `null`. */
  readonly periods: readonly AverageOrderValuePeriod[] | null;
}

/**
 * Average order value: revenue divided by the number of orders. Each purchase record is one
 * order; refunds are not orders. By default refunds do not reduce the revenue (Shopify:
 * "(gross sales - discounts) / orders", GA4 "purchase revenue / transactions"); with
 * `refunds: "net"` they do. Sums are exact decimal sums.
 *
 * @param transactions - Transactions (array or iterable).
 * @param options - Window, refund rule and optional period breakdown.
 * @returns AOV with its counts; `null` without orders.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid `customerId`,
 *   `occurredAt`, `amount` or `type`; `INVALID_OPTION` for a bad option.
 *
 * @example
 * const log = [
 *   { customerId: "a", occurredAt: "2024-01-03", amount: 40 },
 *   { customerId: "b", occurredAt: "2024-01-09", amount: 20 },
 *   { customerId: "a", occurredAt: "2024-02-01", amount: 30 },
 *   { customerId: "a", occurredAt: "2024-02-10", amount: -30 },
 * ];
 * [averageOrderValue(log).averageOrderValue, averageOrderValue(log, { refunds: "net" }).averageOrderValue]
 * // => [30, 20]
 */
export function averageOrderValue(
  transactions: Iterable<Transaction>,
  options?: AverageOrderValueOptions,
): AverageOrderValueResult {
  const fn = "averageOrderValue";
  const opts = resolveOptions(fn, options);
  const window = resolveWindow(fn, opts);
  const refundRule = resolveRefunds(fn, opts.refunds, "ignore");
  const period = opts.period === undefined ? undefined : resolvePeriod(fn, opts.period);
  const weekStartsOn = resolveWeekStartsOn(fn, opts.weekStartsOn);
  const kept: ValueRecord[] = [];
  forEachTransaction(fn, transactions, window, (r) => kept.push(r));
  const total = summarise(kept, refundRule);
  let periods: AverageOrderValuePeriod[] | null = null;
  if (period !== undefined) {
    const groups = groupByPeriod(kept, kept.map((r) => r.ms), { unit: period, timeZone: window.timeZone, weekStartsOn, fillGaps: false });
    periods = groups.map((g) => {
      const s = summarise(g.items, refundRule);
      return { ...periodInfo(g), orders: s.orders, revenue: s.revenue, averageOrderValue: s.averageOrderValue };
    });
  }
  return { ...total, refundRule, periods };
}

function summarise(
  records: readonly ValueRecord[],
  rule: ValueRefunds,
): Omit<AverageOrderValueResult, "refundRule" | "periods"> {
  const gross = new MoneySum();
  const refunded = new MoneySum();
  const net = new MoneySum();
  const customers = new Set<string>();
  let orders = 0;
  let refunds = 0;
  for (const r of records) {
    net.add(r.amount);
    if (r.refund) {
      refunds++;
      refunded.add(-r.amount);
    } else {
      orders++;
      gross.add(r.amount);
      customers.add(r.customerId);
    }
  }
  const revenue = rule === "net" ? net : gross;
  return {
    averageOrderValue: divideMoney(revenue, orders),
    orders,
    revenue: revenue.value(),
    grossRevenue: gross.value(),
    refunds,
    refundAmount: refunded.value(),
    customers: customers.size,
  };
}
