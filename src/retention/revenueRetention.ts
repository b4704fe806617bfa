import type { Duration } from "date-fns";
import { MoneySum } from "../core/money.js";
import type { AsOfOptions, DateInput } from "../core/options.js";
import { addDuration, isoString, resolveDuration, resolveTimeZone, toTimestampOption } from "../core/time.js";
import { invalidOption } from "../core/errors.js";
import { resolveOptions } from "../core/validate.js";
import type { Subscription } from "../models/subscription.js";
import { mrrAt, readMrrTimeline } from "./mrrTimeline.js";

/** Options of {@link revenueRetention}. */
export interface RevenueRetentionOptions extends AsOfOptions {
  /**
   * IANA time zone for ISO strings without an offset and for calendar `window` arithmetic.
   * @defaultValue `"UTC"`
   */
  readonly timeZone?: string;
  /**
   * End of the window: MRR in effect at this instant.
   * @defaultValue `asOf` (the latest date in the subscriptions when omitted)
   */
  readonly to?: DateInput;
  /**
   * Start of the window: the cohort is the customers paying at this instant.
   * @defaultValue `to` minus `window`
   */
  readonly from?: DateInput;
  /**
   * Length of the window when `from` is omitted.
   * @defaultValue `{ months: 12 }`
   */
  readonly window?: Duration;
}

/** Result of {@link revenueRetention}. */
export interface RevenueRetentionResult {
  /** Window start (ISO). */
  readonly from: string;
  /** Window end (ISO). */
  readonly to: string;
  /** The subscriptions' currency, when they name one. */
  readonly currency: string | null;
  /** Customers paying at `from` (the cohort). */
  readonly customers: number;
  /** Of those, still paying at `to`. */
  readonly retainedCustomers: number;
  /** Of those, paying nothing at `to` (they may have churned and come back in between). */
  readonly churnedCustomers: number;
  /** Of those, paying more at `to` than at `from`. */
  readonly expandedCustomers: number;
  /** Of those, paying less (but more than 0). */
  readonly contractedCustomers: number;
  /** The cohort's MRR at `from`. */
  readonly startMrr: number;
  /** The cohort's MRR at `to` (new customers excluded). */
  readonly endMrr: number;
  /** Σ min(MRR at `to`, MRR at `from`) over the cohort. */
  readonly cappedEndMrr: number;
  /** MRR at `to` of customers not paying at `from` (new logos and reactivations), left out of both rates. */
  readonly excludedMrr: number;
  /** Net revenue retention: endMrr / startMrr (may exceed 1); `null` when startMrr is 0. */
  readonly netRevenueRetention: number | null;
  /** Gross revenue retention: cappedEndMrr / startMrr, in [0, 1]; `null` when startMrr is 0. */
  readonly grossRevenueRetention: number | null;
}

/**
 * Net and gross revenue retention of the customers paying at the start of a window (the
 * cohort definition used by ChartMogul's cohort charts and investor handbooks): NRR =
 * their MRR at the end / their MRR at the start, counting expansion, contraction, churn
 * and their own reactivations; GRR caps each customer at their starting MRR, so it never
 * exceeds 1. Customers who were not paying at the start (new logos) are excluded from both
 * and reported as `excludedMrr`. MRR "at" an instant is what is in effect then
 * (subscriptions are [startedAt, endedAt)). Money sums are exact.
 *
 * @param subscriptions - `Subscription` records (monthly-normalised `mrr`, optional `changes`).
 * @param options - Window (`from`, `to` or `window`), `asOf` and time zone.
 * @returns Cohort counts, MRR sums and both rates; rates are `null` when nobody paid at the start.
 * @throws {CrmMetricsError} `INVALID_INPUT` as {@link mrrMovements}; `INVALID_OPTION` for a
 *   bad option or `from` after `to`.
 *
 * @example
 * const subscriptions = [
 *   { customerId: "a", startedAt: "2023-01-01", mrr: 100, changes: [{ at: "2023-06-01", mrr: 130 }] },
 *   { customerId: "b", startedAt: "2023-01-01", mrr: 100, changes: [{ at: "2023-09-01", mrr: 80 }] },
 *   { customerId: "c", startedAt: "2023-01-01", endedAt: "2023-05-01", mrr: 50 },
 *   { customerId: "d", startedAt: "2023-07-01", mrr: 500 },
 * ];
 * const r = revenueRetention(subscriptions, { from: "2023-01-01", to: "2024-01-01" });
 * [r.netRevenueRetention, r.grossRevenueRetention, r.excludedMrr]
 * // => [0.84, 0.72, 500]
 */
export function revenueRetention(
  subscriptions: Iterable<Subscription>,
  options?: RevenueRetentionOptions,
): RevenueRetentionResult {
  const fn = "revenueRetention";
  const opts = resolveOptions(fn, options);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const window = resolveDuration(fn, "window", opts.window, { months: 12 });
  const asOfOpt = opts.asOf === undefined ? undefined : toTimestampOption(fn, "asOf", opts.asOf, timeZone);
  const toOpt = opts.to === undefined ? undefined : toTimestampOption(fn, "to", opts.to, timeZone);
  const fromOpt = opts.from === undefined ? undefined : toTimestampOption(fn, "from", opts.from, timeZone);
  const tl = readMrrTimeline(fn, "subscriptions", subscriptions, timeZone);
  const asOf = asOfOpt ?? (Number.isFinite(tl.maxTime) ? tl.maxTime : 0);
  const to = Math.min(toOpt ?? asOf, asOfOpt ?? Infinity);
  const negWindow: Duration = Object.fromEntries(Object.entries(window).map(([k, v]) => [k, -(v as number)]));
  const from = fromOpt ?? addDuration(to, negWindow, timeZone);
  if (from > to) invalidOption(fn, "from", "must not be after `to`", opts.from);
  const start = new MoneySum();
  const end = new MoneySum();
  const capped = new MoneySum();
  const excluded = new MoneySum();
  let customers = 0;
  let retained = 0;
  let expanded = 0;
  let contracted = 0;
  for (const changes of tl.customers.values()) {
    const a = mrrAt(changes, from);
    const b = mrrAt(changes, to);
    if (a === null || a.isZero()) {
      if (b !== null) excluded.add(b);
      continue;
    }
    customers++;
    start.add(a);
    if (b === null || b.isZero()) continue;
    retained++;
    end.add(b);
    capped.add(b.lt(a) ? b : a);
    if (b.gt(a)) expanded++;
    else if (b.lt(a)) contracted++;
  }
  const s = start.value();
  return {
    from: isoString(from),
    to: isoString(to),
    currency: tl.currency ?? null,
    customers,
    retainedCustomers: retained,
    churnedCustomers: customers - retained,
    expandedCustomers: expanded,
    contractedCustomers: contracted,
    startMrr: s,
    endMrr: end.value(),
    cappedEndMrr: capped.value(),
    excludedMrr: excluded.value(),
    netRevenueRetention: s === 0 ? null : end.toDecimal().div(start.toDecimal()).toNumber(),
    grossRevenueRetention: s === 0 ? null : capped.toDecimal().div(start.toDecimal()).toNumber(),
  };
}
