import { invalidOption } from "../core/errors.js";
import { MoneySum } from "../core/money.js";
import type { DateInput, PeriodUnit, WeekDay } from "../core/options.js";
import { periodInfo, type PeriodInfo } from "../core/trend.js";
import { addPeriods, createPeriodBucketer, periodLabel, resolvePeriod, resolveWeekStartsOn, toTimestampOption } from "../core/time.js";
import { resolveOptions } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { forEachTransaction, resolveRefunds, type ValueRecord, type ValueRefunds } from "./records.js";
import { resolveTimeZone } from "../core/time.js";

/** Options of {@link customerGrowth}. */
export interface CustomerGrowthOptions {
  /**
   * Length of the compared periods: the current calendar period against the one before
   * (year over year by default).
   * @defaultValue `"year"`
   */
  readonly period?: PeriodUnit;
  /**
   * Any instant in the current period.
   * @defaultValue the latest transaction
   */
  readonly current?: DateInput;
  /**
   * IANA time zone of the calendar periods (and of ISO strings without an offset).
   * @defaultValue `"UTC"`
   */
  readonly timeZone?: string;
  /**
   * First day of a week for `period: "week"`: 0 = Sunday ... 6 = Saturday.
   * @defaultValue `1` (Monday)
   */
  readonly weekStartsOn?: WeekDay;
  /**
   * `"net"`: refunds reduce the spend of the period they fall in; `"ignore"`: they are left out.
   * @defaultValue `"net"`
   */
  readonly refunds?: ValueRefunds;
}

/** How a customer's spend moved between the two periods. */
export type CustomerGrowthStatus = "new" | "lost" | "growing" | "declining" | "flat";

/** One customer of {@link customerGrowth}. */
export interface CustomerGrowthRow {
  /** The customer id. */
  readonly customerId: string;
  /** Spend in the base (previous) period. */
  readonly baseSpend: number;
  /** Spend in the current period. */
  readonly currentSpend: number;
  /** `currentSpend - baseSpend`. */
  readonly change: number;
  /** `change / baseSpend`; `null` when the base spend is 0 or negative. */
  readonly growthRate: number | null;
  /** `"new"`: no order in the base period; `"lost"`: no order in the current one; else by the sign of `change`. */
  readonly status: CustomerGrowthStatus;
}

/** Result of {@link customerGrowth}. */
export interface CustomerGrowthResult {
  /** Customers with a record in either period, sorted by `customerId`. */
  readonly customers: readonly CustomerGrowthRow[];
  /** The base (previous) period; `null` for empty input without `current`. */
  readonly basePeriod: PeriodInfo | null;
  /** The current period; `null` for empty input without `current`. */
  readonly currentPeriod: PeriodInfo | null;
  /** Total spend of all customers in the base period. */
  readonly baseSpend: number;
  /** Total spend in the current period. */
  readonly currentSpend: number;
  /** Overall `(currentSpend - baseSpend) / baseSpend`; `null` when the base is 0 or negative. */
  readonly growthRate: number | null;
  /** Counts of customers by status. */
  readonly counts: { readonly [K in CustomerGrowthStatus]: number };
}

interface Acc {
  base: MoneySum;
  current: MoneySum;
  baseOrders: number;
  currentOrders: number;
}

/**
 * Each customer's spend growth from one calendar period to the next (year over year by
 * default): `(current - base) / base`, with the totals and counts of new, lost, growing,
 * declining and flat customers. Growth from a base of 0 (or a negative net base) is
 * undefined and reported as `null`, never Infinity.
 *
 * @param transactions - Transactions (array or iterable).
 * @param options - Period length, current period, time zone and refund rule.
 * @returns Per-customer growth with totals.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad record; `INVALID_OPTION` for a bad option.
 *
 * @example
 * const log = [
 *   { customerId: "a", occurredAt: "2023-03-01", amount: 100 },
 *   { customerId: "a", occurredAt: "2024-05-01", amount: 150 },
 *   { customerId: "b", occurredAt: "2024-02-01", amount: 80 },
 * ];
 * const g = customerGrowth(log);
 * [g.customers[0]?.growthRate, g.customers[1]?.growthRate, g.customers[1]?.status, g.growthRate]
 * // => [0.5, null, "new", 1.3]
 */
export function customerGrowth(transactions: Iterable<Transaction>, options?: CustomerGrowthOptions): CustomerGrowthResult {
  const fn = "customerGrowth";
  const opts = resolveOptions(fn, options);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const period = resolvePeriod(fn, opts.period, "year");
  const weekStartsOn = resolveWeekStartsOn(fn, opts.weekStartsOn);
  const refundRule = resolveRefunds(fn, opts.refunds, "net");
  const current = opts.current === undefined ? undefined : toTimestampOption(fn, "current", opts.current, timeZone);
  const bucket = createPeriodBucketer(period, { timeZone, weekStartsOn });
  const records: ValueRecord[] = [];
  let latest = Number.NEGATIVE_INFINITY;
  const window = { start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY, timeZone };
  forEachTransaction(fn, transactions, window, (r) => {
    if (r.refund && refundRule === "ignore") return;
    records.push(r);
    if (r.ms > latest) latest = r.ms;
  });
  const counts = { new: 0, lost: 0, growing: 0, declining: 0, flat: 0 };
  const anchor = current ?? (records.length === 0 ? undefined : latest);
  if (anchor === undefined) {
    return { customers: [], basePeriod: null, currentPeriod: null, baseSpend: 0, currentSpend: 0, growthRate: null, counts };
  }
  const currentStart = bucket(anchor);
  const currentEnd = addPeriods(currentStart, period, 1, timeZone);
  const baseStart = addPeriods(currentStart, period, -1, timeZone);
  if (!Number.isFinite(baseStart)) invalidOption(fn, "current", "must leave room for a previous period", opts.current);
  const accs = new Map<string, Acc>();
  const baseTotal = new MoneySum();
  const currentTotal = new MoneySum();
  for (const r of records) {
    if (r.ms < baseStart || r.ms >= currentEnd) continue;
    let a = accs.get(r.customerId);
    if (a === undefined) {
      a = { base: new MoneySum(), current: new MoneySum(), baseOrders: 0, currentOrders: 0 };
      accs.set(r.customerId, a);
    }
    const inCurrent = r.ms >= currentStart;
    (inCurrent ? a.current : a.base).add(r.amount);
    (inCurrent ? currentTotal : baseTotal).add(r.amount);
    if (!r.refund) {
      if (inCurrent) a.currentOrders++;
      else a.baseOrders++;
    }
  }
  const rows: CustomerGrowthRow[] = [];
  for (const [customerId, a] of accs) {
    const baseSpend = a.base.value();
    const currentSpend = a.current.value();
    const change = new MoneySum().merge(a.current).add(a.base.toDecimal().neg()).value();
    const status: CustomerGrowthStatus =
      a.baseOrders === 0 ? "new" : a.currentOrders === 0 ? "lost" : change > 0 ? "growing" : change < 0 ? "declining" : "flat";
    counts[status]++;
    rows.push({ customerId, baseSpend, currentSpend, change, growthRate: growth(change, baseSpend), status });
  }
  rows.sort((x, y) => (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0));
  const baseSpend = baseTotal.value();
  const currentSpend = currentTotal.value();
  const change = new MoneySum().merge(currentTotal).add(baseTotal.toDecimal().neg()).value();
  return {
    customers: rows,
    basePeriod: periodInfo({ start: baseStart, end: currentStart, label: periodLabel(baseStart, period, timeZone) }),
    currentPeriod: periodInfo({ start: currentStart, end: currentEnd, label: periodLabel(currentStart, period, timeZone) }),
    baseSpend,
    currentSpend,
    growthRate: growth(change, baseSpend),
    counts,
  };
}

function growth(change: number, base: number): number | null {
  if (!(base > 0)) return null;
  const g = change / base;
  return g === 0 ? 0 : g;
}
