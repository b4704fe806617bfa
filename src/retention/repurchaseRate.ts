import { SeriesExtent } from "../core/periodLimit.js";
import { invalidInput, recordPath } from "../core/errors.js";
import { toAmount } from "../core/money.js";
import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit } from "../core/options.js";
import { isoString } from "../core/time.js";
import type { PeriodInfo } from "../core/trend.js";
import { isRecord, ratio, resolveEnum, resolveOptions, toArray } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { readCustomerId, readTime } from "./spells.js";
import { buildPeriodGrid, gridPeriodInfo, periodIndex, resolveSeriesOptions } from "./periods.js";

/**
 * - `"within-period"`: customers with at least two orders in the period / customers with
 *   at least one order in it (the usual repeat purchase rate).
 * - `"shopify-returning"`: Shopify's returning customer rate: customers who ordered in the
 *   period and had ordered before (in an earlier period, or earlier in this one) /
 *   customers who ordered in the period.
 */
export type RepurchaseMethod = "within-period" | "shopify-returning";

/** Options of {@link repurchaseRate}. */
export interface RepurchaseRateOptions extends PeriodOptions, AsOfOptions {
  /** @defaultValue `"within-period"` */
  readonly method?: RepurchaseMethod;
  /** First period reported (earlier orders still count as history). @defaultValue the period of the first order */
  readonly from?: DateInput;
}

/** One period of {@link RepurchaseRateResult}. */
export interface RepurchaseRatePeriod extends PeriodInfo {
  readonly complete: boolean;
  /** Orders in the period. */
  readonly orders: number;
  /** Customers with an order in the period. */
  readonly customers: number;
  /** Of those, the repeat (or returning) customers. */
  readonly repeatCustomers: number;
  /** repeatCustomers / customers; `null` without orders. */
  readonly rate: number | null;
}

/** Result of {@link repurchaseRate}. */
export interface RepurchaseRateResult {
  readonly method: RepurchaseMethod;
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly asOf: string | null;
  /** Refund records (negative amount or `type: "refund"`), which are not orders. */
  readonly refundsSkipped: number;
  readonly periods: readonly RepurchaseRatePeriod[];
}

/**
 * Repeat purchase rate per period: the share of the period's buyers who bought at least
 * twice in it (`"within-period"`), or Shopify's returning customer rate, where a buyer is
 * returning when they have any earlier order, even before the period. Each purchase record
 * is an order; refunds are not orders (they are counted in `refundsSkipped`).
 *
 * @param transactions - `Transaction` records.
 * @param options - Method, period, time zone, `from` and `asOf`.
 * @returns One entry per period; `rate` is `null` for a period without orders.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad id, date or amount; `INVALID_OPTION` for a bad option. A series of more than 100,000 periods throws `INVALID_INPUT` at the
 *   record that sets its far end (one dated in year 9999, when `asOf` is not given), or
 *   `INVALID_OPTION` at `options.from` or `options.asOf` when an option does.
 *
 * @example
 * const orders = [
 *   { customerId: "a", occurredAt: "2024-01-05", amount: 20 },
 *   { customerId: "a", occurredAt: "2024-01-25", amount: 15 },
 *   { customerId: "b", occurredAt: "2024-01-09", amount: 40 },
 *   { customerId: "b", occurredAt: "2024-02-02", amount: 40 },
 * ];
 * [repurchaseRate(orders).periods.map((p) => p.rate), repurchaseRate(orders, { method: "shopify-returning" }).periods.map((p) => p.rate)]
 * // => [[0.5, 0], [0.5, 1]]
 */
export function repurchaseRate(transactions: Iterable<Transaction>, options?: RepurchaseRateOptions): RepurchaseRateResult {
  const fn = "repurchaseRate";
  const opts = resolveOptions(fn, options);
  const method = resolveEnum<RepurchaseMethod>(fn, "method", opts.method, ["within-period", "shopify-returning"], "within-period");
  const { period, timeZone, weekStartsOn, asOf: asOfOpt, from: fromOpt } = resolveSeriesOptions(fn, opts);
  const items = toArray<unknown>(fn, "transactions", transactions);
  const byCustomer = new Map<string, number[]>();
  let refunds = 0;
  let minTime = Infinity;
  let maxTime = -Infinity;
  const extent = new SeriesExtent();
  for (let i = 0; i < items.length; i++) {
    const r = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath("transactions", i), "must be a Transaction record", r);
    const id = readCustomerId(fn, "transactions", i, r["customerId"]);
    const t = readTime(fn, "transactions", i, "occurredAt", r["occurredAt"], timeZone);
    const rawAmount = r["amount"];
    const amount = typeof rawAmount === "number" && Number.isFinite(rawAmount) ? rawAmount : toAmount(fn, recordPath("transactions", i, "amount"), rawAmount);
    if (asOfOpt !== undefined && t > asOfOpt) continue;
    if (amount < 0 || r["type"] === "refund") {
      refunds++;
      continue;
    }
    let list = byCustomer.get(id);
    if (list === undefined) {
      list = [];
      byCustomer.set(id, list);
    }
    list.push(t);
    if (t < minTime) minTime = t;
    if (t > maxTime) maxTime = t;
    extent.add(t, "transactions", i, "occurredAt");
  }
  const base = { method, period, timeZone, refundsSkipped: refunds };
  if (byCustomer.size === 0 && asOfOpt === undefined) return { ...base, asOf: null, periods: [] };
  const asOf = asOfOpt ?? maxTime;
  const limit = { fn, hint: "pass asOf, or use a longer period", options: { from: fromOpt, asOf: asOfOpt }, records: extent };
  const grid = buildPeriodGrid(Math.min(minTime, fromOpt ?? Infinity), asOf, asOf, period, timeZone, weekStartsOn, limit);
  const bounds = grid.boundaries;
  const nP = grid.labels.length;
  const orders = new Array<number>(nP).fill(0);
  const buyers = new Array<number>(nP).fill(0);
  const repeat = new Array<number>(nP).fill(0);
  for (const list of byCustomer.values()) {
    list.sort((a, b) => a - b);
    let j = 0;
    let i = 0;
    while (i < list.length) {
      while (list[i]! >= bounds[j + 1]!) j++;
      let n = 0;
      const before = i;
      while (i < list.length && list[i]! < bounds[j + 1]!) {
        n++;
        i++;
      }
      orders[j]! += n;
      buyers[j]!++;
      if (method === "within-period" ? n >= 2 : before + n >= 2) repeat[j]!++;
    }
  }
  const first = fromOpt === undefined ? 0 : Math.max(0, periodIndex(bounds, fromOpt));
  const periods: RepurchaseRatePeriod[] = [];
  for (let k = first; k < nP; k++) {
    periods.push({ ...gridPeriodInfo(grid, k), complete: grid.complete[k]!, orders: orders[k]!, customers: buyers[k]!, repeatCustomers: repeat[k]!, rate: ratio(repeat[k]!, buyers[k]!) });
  }
  return { ...base, asOf: isoString(asOf), periods };
}

