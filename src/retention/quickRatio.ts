import { invalidInput } from "../core/errors.js";
import type { PeriodUnit } from "../core/options.js";
import type { PeriodInfo } from "../core/trend.js";
import { isRecord, ratio, resolveBooleanOption } from "../core/validate.js";
import type { Subscription } from "../models/subscription.js";
import { computeMrrMovements, type MrrMovementsOptions, type MrrMovementsResult } from "./mrrMovements.js";

/** Options of {@link quickRatio}. */
export interface QuickRatioOptions extends MrrMovementsOptions {
  /**
   * Count reactivation MRR as growth in the numerator (the common SaaS definition);
   * `false` gives Baremetrics' (new + expansion) / (churn + contraction).
   * @defaultValue `true`
   */
  readonly includeReactivation?: boolean;
}

/** One period of {@link QuickRatioResult}. */
export interface QuickRatioPeriod extends PeriodInfo {
  readonly complete: boolean;
  /** MRR gained: new + expansion (+ reactivation). */
  readonly gainedMrr: number;
  /** MRR lost: churned + contraction. */
  readonly lostMrr: number;
  /** gainedMrr / lostMrr; `null` when nothing was lost. */
  readonly ratio: number | null;
}

/** Result of {@link quickRatio}. */
export interface QuickRatioResult {
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly includeReactivation: boolean;
  readonly periods: readonly QuickRatioPeriod[];
}

/**
 * SaaS quick ratio per period: (new + expansion + reactivation MRR) / (churned +
 * contraction MRR), from {@link mrrMovements}. Above 4 is usually read as efficient
 * growth. A period that lost no MRR has no ratio (`null`, not 0 or Infinity).
 *
 * @param input - `Subscription` records, or a result of {@link mrrMovements} (options other
 *   than `includeReactivation` are then ignored).
 * @param options - As {@link mrrMovements}, plus `includeReactivation`.
 * @returns One ratio per period with its numerator and denominator.
 * @throws {CrmMetricsError} As {@link mrrMovements}; `INVALID_INPUT` for a malformed movements result.
 *
 * @example
 * const subscriptions = [
 *   { customerId: "a", startedAt: "2024-01-10", mrr: 100, changes: [{ at: "2024-02-15", mrr: 150 }] },
 *   { customerId: "b", startedAt: "2024-01-20", endedAt: "2024-02-20", mrr: 50 },
 *   { customerId: "c", startedAt: "2024-02-05", mrr: 30 },
 * ];
 * quickRatio(subscriptions, { asOf: "2024-03-01" }).periods.map((p) => p.ratio)
 * // => [null, 1.6, null]
 */
export function quickRatio(
  input: Iterable<Subscription> | MrrMovementsResult,
  options?: QuickRatioOptions,
): QuickRatioResult {
  const fn = "quickRatio";
  const includeReactivation = resolveBooleanOption(fn, "includeReactivation", options?.includeReactivation, true);
  let movements: MrrMovementsResult;
  if (isRecord(input) && "periods" in input) {
    movements = input as MrrMovementsResult;
    if (!Array.isArray(movements.periods)) invalidInput(fn, "input.periods", "must be an array of MRR movement periods", movements.periods);
  } else movements = computeMrrMovements(fn, input as Iterable<Subscription>, options);
  const periods = movements.periods.map((p, i) => {
    for (const key of ["newMrr", "expansionMrr", "reactivationMrr", "churnedMrr", "contractionMrr"] as const) {
      const v: unknown = p[key];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) invalidInput(fn, `input.periods[${i}].${key}`, "must be a finite number >= 0", v);
    }
    const gained = p.newMrr + p.expansionMrr + (includeReactivation ? p.reactivationMrr : 0);
    const lost = p.churnedMrr + p.contractionMrr;
    return {
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      label: p.label,
      complete: p.complete,
      gainedMrr: gained,
      lostMrr: lost,
      ratio: ratio(gained, lost),
    };
  });
  return { period: movements.period, timeZone: movements.timeZone, includeReactivation, periods };
}
