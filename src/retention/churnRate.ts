import type { Duration } from "date-fns";
import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit } from "../core/options.js";
import { addDuration, addPeriods, isoString, resolveDuration } from "../core/time.js";
import type { PeriodInfo } from "../core/trend.js";
import { ratio, resolveEnum, resolveOptions } from "../core/validate.js";
import { buildPeriodGrid, gridPeriodInfo, resolveSeriesOptions } from "./periods.js";
import { activeAt, readSpells, type RetentionInput, type Spells } from "./spells.js";

/**
 * Which tool's customer-churn convention to follow:
 * - `"chartmogul-standard"`: customers lost in the period (active at its start, not at its
 *   end) / customers at its start. Customers who join and leave in the period, and customers
 *   who leave and come back in it, are not churn.
 * - `"stripe"`: churn events in the period / (customers at its start + subscriptions started
 *   in it). Joining and leaving in the period counts in both; a restart that churns again is
 *   a second churn.
 * - `"baremetrics-trailing"`: customers with a cancellation in the `trailing` window (30
 *   days) before the period end / customers active at the window's start.
 * - `"shopify-daily"`: ChartMogul's Shopify (B2C) formula, the sum over the period's days of
 *   each day's chartmogul-standard rate.
 */
export type ChurnMethod = "chartmogul-standard" | "stripe" | "baremetrics-trailing" | "shopify-daily";

/** Options of {@link churnRate} and {@link retentionRate}. */
export interface ChurnRateOptions extends PeriodOptions, AsOfOptions {
  /**
   * Churn convention (see {@link ChurnMethod}).
   * @defaultValue `"chartmogul-standard"`
   */
  readonly method?: ChurnMethod;
  /**
   * For activity records: a customer stays a customer until this much time has passed
   * since their latest record, and churns then. Ignored for subscriptions.
   * @defaultValue `{ days: 90 }`
   */
  readonly inactiveAfter?: Duration;
  /**
   * Window of the `"baremetrics-trailing"` method, ending at each period's end.
   * @defaultValue `{ days: 30 }`
   */
  readonly trailing?: Duration;
  /**
   * First period: the one containing this date.
   * @defaultValue the period of the earliest record
   */
  readonly from?: DateInput;
  /**
   * Last period: the one containing this date (at most `asOf`).
   * @defaultValue the period containing `asOf`
   */
  readonly to?: DateInput;
}

/** One period of a {@link ChurnRateResult}. */
export interface ChurnRatePeriod extends PeriodInfo {
  /** Whether the period ended by `asOf`; an incomplete period is read up to `asOf`. */
  readonly complete: boolean;
  /** Customers at the start of the period (active just before it began). */
  readonly startCount: number;
  /** Customers at its end (at `asOf` for an incomplete period). */
  readonly endCount: number;
  /** Customers whose first ever spell began in the period (including those who left again). */
  readonly newCount: number;
  /** Former customers who came back in the period. */
  readonly reactivatedCount: number;
  /** Customers at the start who were no longer customers at the end. */
  readonly lostCount: number;
  /** The method's numerator: customers (or, for `"stripe"`, churn events) counted as churned. */
  readonly churnedCount: number;
  /** The method's denominator (for `"shopify-daily"`, the customers at the period start). */
  readonly denominator: number;
  /** The churn rate; `null` when the denominator is 0 (for `"shopify-daily"`: no customers on any day). */
  readonly rate: number | null;
}

/** Result of {@link churnRate}. */
export interface ChurnRateResult {
  /** The convention used. */
  readonly method: ChurnMethod;
  /** Whether the input was read as subscriptions or as activity records. */
  readonly inputKind: "subscriptions" | "activity";
  readonly period: PeriodUnit;
  readonly timeZone: string;
  /** The observation instant (ISO), `null` for empty input. */
  readonly asOf: string | null;
  /** Number of distinct customers in the input. */
  readonly customers: number;
  /** Periods in ascending order. */
  readonly periods: readonly ChurnRatePeriod[];
}

/**
 * Customer (logo) churn rate per calendar period, under a named convention: ChartMogul's
 * standard formula by default (customers lost / customers at the period start; new
 * customers are not in the denominator), or Stripe's, Baremetrics' trailing-30-day or
 * ChartMogul's Shopify daily formula. The input is subscriptions (a customer is active
 * while any subscription runs; overlapping ones are merged) or activity records
 * (transactions, interactions: a customer is active until `inactiveAfter` has passed
 * since their latest record).
 *
 * @param input - `Subscription` records, or activity records with `customerId` and `occurredAt`.
 * @param options - Method, period, time zone, inactivity rule, range and `asOf`.
 * @returns One entry per period with its counts and rate; `rate` is `null` when there
 *   were no customers at the start.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid id or date, a
 *   subscription that ends before it starts, or records of mixed kinds; `INVALID_OPTION`
 *   for a bad option. A series of more than 100,000 periods throws `INVALID_INPUT` at the
 *   record that sets its far end (one dated in year 9999, when `asOf` is not given), or
 *   `INVALID_OPTION` at `options.from`, `options.to` or `options.asOf` when an option does.
 *
 * @example
 * const subscriptions = [
 *   { customerId: "a", startedAt: "2024-01-05", endedAt: "2024-02-10", mrr: 10 },
 *   { customerId: "b", startedAt: "2024-01-10", mrr: 10 },
 *   { customerId: "c", startedAt: "2024-02-03", endedAt: "2024-02-20", mrr: 10 },
 * ];
 * churnRate(subscriptions, { from: "2024-02-01", to: "2024-02-01", asOf: "2024-03-01" }).periods[0]?.rate
 * // => 0.5
 * @example
 * const subscriptions = [
 *   { customerId: "a", startedAt: "2024-01-05", endedAt: "2024-02-10", mrr: 10 },
 *   { customerId: "b", startedAt: "2024-01-10", mrr: 10 },
 *   { customerId: "c", startedAt: "2024-02-03", endedAt: "2024-02-20", mrr: 10 },
 * ];
 * churnRate(subscriptions, { method: "stripe", from: "2024-02-01", to: "2024-02-01", asOf: "2024-03-01" }).periods[0]?.rate
 * // => 0.6667
 */
export function churnRate(input: RetentionInput, options?: ChurnRateOptions): ChurnRateResult {
  return computeChurn("churnRate", input, options);
}

/** The shared computation of {@link churnRate} and {@link retentionRate}. @internal */
export function computeChurn(fn: string, input: RetentionInput, options: ChurnRateOptions | undefined): ChurnRateResult {
  const opts = resolveOptions(fn, options);
  const method = resolveEnum<ChurnMethod>(
    fn,
    "method",
    opts.method,
    ["chartmogul-standard", "stripe", "baremetrics-trailing", "shopify-daily"],
    "chartmogul-standard",
  );
  const { period, timeZone, weekStartsOn, asOf: asOfOpt, from: fromOpt, to: toOpt } = resolveSeriesOptions(fn, opts);
  const inactiveAfter = resolveDuration(fn, "inactiveAfter", opts.inactiveAfter, { days: 90 });
  const trailing = resolveDuration(fn, "trailing", opts.trailing, { days: 30 });
  const set = readSpells(fn, "input", input, inactiveAfter, timeZone);
  const base = { method, inputKind: set.kind, period, timeZone, customers: set.customers.size };
  const asOf = asOfOpt ?? set.maxTime;
  if (set.customers.size === 0 && asOfOpt === undefined) return { ...base, asOf: null, periods: [] };
  const from = fromOpt ?? set.minTime;
  const to = Math.min(toOpt ?? asOf, asOf);
  const limit = { fn, hint: "pass from and to, or asOf, or use a longer period", options: { from: fromOpt, to: toOpt, asOf: asOfOpt }, records: set.extent };
  const grid = buildPeriodGrid(from, to, asOf, period, timeZone, weekStartsOn, limit);
  const spells = [...set.customers.values()];
  const negTrailing = negate(trailing);
  const periods: ChurnRatePeriod[] = [];
  for (let k = 0; k < grid.labels.length; k++) {
    const lo = grid.boundaries[k]!;
    const hi = grid.evalEnds[k]!;
    const c = countWindow(spells, lo, hi);
    let churnedCount = c.lost;
    let denominator = c.start;
    let rate: number | null;
    if (method === "stripe") {
      churnedCount = c.endEvents;
      denominator = c.start + c.startEvents;
      rate = ratio(churnedCount, denominator);
    } else if (method === "baremetrics-trailing") {
      const w0 = addDuration(hi, negTrailing, timeZone);
      let cancelled = 0;
      let atStart = 0;
      for (const s of spells) {
        if (activeAt(s, w0)) atStart++;
        if (countSorted(s.ends, w0, hi) > 0) cancelled++;
      }
      churnedCount = cancelled;
      denominator = atStart;
      rate = ratio(cancelled, atStart);
    } else if (method === "shopify-daily") {
      let sum = 0;
      let lostSum = 0;
      let anyDay = false;
      let d = lo;
      while (d < hi) {
        const next = Math.min(addPeriods(d, "day", 1, timeZone), hi);
        const day = countWindow(spells, d, next);
        if (day.start > 0) {
          anyDay = true;
          sum += day.lost / day.start;
          lostSum += day.lost;
        }
        d = next;
      }
      churnedCount = lostSum;
      rate = anyDay ? sum : null;
    } else {
      rate = ratio(c.lost, c.start);
    }
    periods.push({
      ...gridPeriodInfo(grid, k),
      complete: grid.complete[k]!,
      startCount: c.start,
      endCount: c.end,
      newCount: c.newCount,
      reactivatedCount: c.reactivated,
      lostCount: c.lost,
      churnedCount,
      denominator,
      rate,
    });
  }
  return { ...base, asOf: isoString(asOf), periods };
}

interface WindowCounts {
  start: number;
  end: number;
  lost: number;
  newCount: number;
  reactivated: number;
  startEvents: number;
  endEvents: number;
}

/** Counts of the window [lo, hi) over all customers. */
function countWindow(spells: readonly Spells[], lo: number, hi: number): WindowCounts {
  const c: WindowCounts = { start: 0, end: 0, lost: 0, newCount: 0, reactivated: 0, startEvents: 0, endEvents: 0 };
  for (const s of spells) {
    const a = activeAt(s, lo);
    const b = activeAt(s, hi);
    if (a) c.start++;
    if (b) c.end++;
    if (a && !b) c.lost++;
    const starts = countSorted(s.starts, lo, hi);
    if (starts > 0) {
      c.startEvents += starts;
      const first = s.starts[0]!;
      if (first >= lo && first < hi) {
        c.newCount++;
        if (starts > 1) c.reactivated++;
      } else c.reactivated++;
    }
    c.endEvents += countSorted(s.ends, lo, hi);
  }
  return c;
}

/** Number of values of a sorted array in [lo, hi). */
function countSorted(values: readonly number[], lo: number, hi: number): number {
  return lowerBound(values, hi) - lowerBound(values, lo);
}

function lowerBound(values: readonly number[], x: number): number {
  let a = 0;
  let b = values.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (values[m]! < x) a = m + 1;
    else b = m;
  }
  return a;
}

function negate(d: Duration): Duration {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(d)) out[k] = -(v as number);
  return out as Duration;
}

/** The counts shared by the churn, retention and growth periods. @internal */
export function periodCounts(p: ChurnRatePeriod): Pick<
  ChurnRatePeriod,
  "periodStart" | "periodEnd" | "label" | "complete" | "startCount" | "endCount" | "newCount" | "reactivatedCount"
> {
  return {
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    label: p.label,
    complete: p.complete,
    startCount: p.startCount,
    endCount: p.endCount,
    newCount: p.newCount,
    reactivatedCount: p.reactivatedCount,
  };
}
