import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit } from "../core/options.js";
import { MoneySum } from "../core/money.js";
import { isoString } from "../core/time.js";
import type { PeriodInfo } from "../core/trend.js";
import { resolveOptions } from "../core/validate.js";
import type { Subscription } from "../models/subscription.js";
import { readMrrTimeline, type MrrChange, type MrrMovementKind } from "./mrrTimeline.js";
import { buildPeriodGrid, gridPeriodInfo, resolveSeriesOptions } from "./periods.js";

/** Options of {@link mrrMovements}. */
export interface MrrMovementsOptions extends PeriodOptions, AsOfOptions {
  /**
   * First period: the one containing this date.
   * @defaultValue the period of the earliest subscription start
   */
  readonly from?: DateInput;
  /**
   * Last period: the one containing this date (at most `asOf`).
   * @defaultValue the period containing `asOf`
   */
  readonly to?: DateInput;
}

/** Number of movements of each kind in a period. */
export interface MrrMovementCounts {
  readonly new: number;
  readonly expansion: number;
  readonly contraction: number;
  readonly churn: number;
  readonly reactivation: number;
}

/** One period of {@link MrrMovementsResult}. Amounts are positive magnitudes. */
export interface MrrMovementsPeriod extends PeriodInfo {
  /** Whether the period ended by `asOf`. */
  readonly complete: boolean;
  /** MRR just before the period began. */
  readonly startMrr: number;
  /** MRR of customers' first paid subscriptions. */
  readonly newMrr: number;
  /** Increases of existing customers' MRR. */
  readonly expansionMrr: number;
  /** Decreases of existing customers' MRR that leave them paying. */
  readonly contractionMrr: number;
  /** MRR lost when a customer's last paid subscription ended. */
  readonly churnedMrr: number;
  /** MRR of former customers who came back. */
  readonly reactivationMrr: number;
  /** new + expansion + reactivation − contraction − churned. */
  readonly netNewMrr: number;
  /** MRR at the end: startMrr + netNewMrr. */
  readonly endMrr: number;
  /** Paying customers just before the period. */
  readonly startCustomers: number;
  /** Paying customers at its end. */
  readonly endCustomers: number;
  /** Movements of each kind. */
  readonly movements: MrrMovementCounts;
}

/** Result of {@link mrrMovements}. */
export interface MrrMovementsResult {
  readonly period: PeriodUnit;
  readonly timeZone: string;
  /** The observation instant (ISO); `null` for empty input. */
  readonly asOf: string | null;
  /** The subscriptions' currency, when they name one. */
  readonly currency: string | null;
  /** Number of distinct customers. */
  readonly customers: number;
  /** Periods in ascending order. */
  readonly periods: readonly MrrMovementsPeriod[];
}

/**
 * MRR movements per calendar period, as ChartMogul defines them: new business (a
 * customer's first paid MRR), expansion (any increase: upgrade, more seats, an extra
 * subscription), contraction (any decrease that leaves the customer paying, including
 * cancelling one of several subscriptions), churn (MRR lost when the customer's last paid
 * subscription ends, or the total drops to 0) and reactivation (a churned customer paying
 * again). A customer's overlapping subscriptions are summed; plan changes (`changes`)
 * move MRR at their instant, mid-period included; changes at the same instant are netted
 * into one movement. MRR is removed at `endedAt` (churn recognised at the end of the
 * subscription). Sums are exact (decimal); `startMrr + netNewMrr = endMrr` holds exactly.
 *
 * @param subscriptions - `Subscription` records (monthly-normalised `mrr`, optional `changes`).
 * @param options - Period, time zone, range and `asOf`.
 * @returns One entry per period with the MRR at its start and end and each movement.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad id, date or amount, a negative MRR,
 *   a subscription that ends before it starts, a plan change outside its subscription, or
 *   mixed currencies; `INVALID_OPTION` for a bad option. A series of more than 100,000 periods throws `INVALID_INPUT` at the
 *   record that sets its far end (one dated in year 9999, when `asOf` is not given), or
 *   `INVALID_OPTION` at `options.from`, `options.to` or `options.asOf` when an option does.
 *
 * @example
 * const subscriptions = [
 *   { customerId: "a", startedAt: "2024-01-10", mrr: 100, changes: [{ at: "2024-02-15", mrr: 150 }] },
 *   { customerId: "b", startedAt: "2024-01-20", endedAt: "2024-02-20", mrr: 50 },
 *   { customerId: "c", startedAt: "2024-02-05", mrr: 30 },
 * ];
 * const feb = mrrMovements(subscriptions, { asOf: "2024-03-01" }).periods[1];
 * [feb?.startMrr, feb?.newMrr, feb?.expansionMrr, feb?.churnedMrr, feb?.endMrr]
 * // => [150, 30, 50, 50, 180]
 */
export function mrrMovements(subscriptions: Iterable<Subscription>, options?: MrrMovementsOptions): MrrMovementsResult {
  return computeMrrMovements("mrrMovements", subscriptions, options);
}

const KINDS: readonly MrrMovementKind[] = ["new", "expansion", "contraction", "churn", "reactivation"];

/** The computation of {@link mrrMovements}, named after its caller in errors. @internal */
export function computeMrrMovements(
  fn: string,
  subscriptions: Iterable<Subscription>,
  options: MrrMovementsOptions | undefined,
): MrrMovementsResult {
  const opts = resolveOptions(fn, options);
  const { period, timeZone, weekStartsOn, asOf: asOfOpt, from: fromOpt, to: toOpt } = resolveSeriesOptions(fn, opts);
  const tl = readMrrTimeline(fn, "subscriptions", subscriptions, timeZone);
  const base = { period, timeZone, currency: tl.currency ?? null, customers: tl.customers.size };
  if (tl.customers.size === 0 && asOfOpt === undefined) return { ...base, asOf: null, periods: [] };
  const asOf = asOfOpt ?? tl.maxTime;
  const limit = { fn, hint: "pass from and to, or asOf, or use a longer period", options: { from: fromOpt, to: toOpt, asOf: asOfOpt }, records: tl.extent };
  const grid = buildPeriodGrid(fromOpt ?? tl.minTime, Math.min(toOpt ?? asOf, asOf), asOf, period, timeZone, weekStartsOn, limit);
  const nP = grid.labels.length;
  // Boundary instants: period starts, then the last period's end (asOf + 1 ms when incomplete).
  const cuts = [...grid.boundaries.slice(0, nP), grid.evalEnds[nP - 1] ?? 0];
  const sums = Array.from({ length: nP }, () => KINDS.map(() => new MoneySum()));
  const counts = Array.from({ length: nP }, () => KINDS.map(() => 0));
  const nets = Array.from({ length: nP }, () => new MoneySum());
  const cumulative = new MoneySum();
  const paying = new Array<number>(nP + 1).fill(0);
  for (const changes of tl.customers.values()) {
    let j = 0; // next cut
    let total = null as MrrChangeTotal | null; // total in effect before cuts[j]
    for (const c of changes) {
      while (j <= nP && c.time >= cuts[j]!) {
        if (total !== null && !total.isZero()) paying[j]!++;
        j++;
      }
      if (j === 0) cumulative.add(c.delta);
      else if (j <= nP) {
        const k = KINDS.indexOf(c.kind);
        sums[j - 1]![k]!.add(c.delta.abs());
        counts[j - 1]![k]!++;
        nets[j - 1]!.add(c.delta);
      }
      total = c.total;
    }
    for (; j <= nP; j++) if (total !== null && !total.isZero()) paying[j]!++;
  }
  const periods: MrrMovementsPeriod[] = [];
  for (let k = 0; k < nP; k++) {
    const startMrr = cumulative.value();
    cumulative.merge(nets[k]!);
    const v = sums[k]!.map((x) => x.value());
    const c = counts[k]!;
    periods.push({
      ...gridPeriodInfo(grid, k),
      complete: grid.complete[k]!,
      startMrr,
      newMrr: v[0]!,
      expansionMrr: v[1]!,
      contractionMrr: v[2]!,
      churnedMrr: v[3]!,
      reactivationMrr: v[4]!,
      netNewMrr: nets[k]!.value(),
      endMrr: cumulative.value(),
      startCustomers: paying[k]!,
      endCustomers: paying[k + 1]!,
      movements: { new: c[0]!, expansion: c[1]!, contraction: c[2]!, churn: c[3]!, reactivation: c[4]! },
    });
  }
  return { ...base, asOf: isoString(asOf), periods };
}

type MrrChangeTotal = MrrChange["total"];
