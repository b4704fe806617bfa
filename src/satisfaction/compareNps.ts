import { invalidInput } from "../core/errors.js";
import type { ConfidenceInterval, ConfidenceOptions } from "../core/options.js";
import { normalSurvival } from "../core/stats/distributions.js";
import { zCritical } from "../core/stats/intervals.js";
import { isRecord, resolveEnum, resolveLevel, resolveOptions } from "../core/validate.js";
import type { SurveyResponse } from "../models/survey.js";
import { computeNps, npsMoments, type NpsIntervalMethod, type NpsResult } from "./nps.js";

/** Options of {@link compareNps}. */
export interface CompareNpsOptions extends ConfidenceOptions {
  /**
   * Variance method, as in {@link nps}. Under `"adjusted-wald"` the test uses each sample's
   * adjusted score and variance (MeasuringU's adjusted-Wald test).
   * @defaultValue `"adjusted-wald"`
   */
  readonly method?: NpsIntervalMethod;
}

/** Result of {@link compareNps}. */
export interface CompareNpsResult {
  /** `a.score - b.score` in NPS points, or `null` when either sample is empty. */
  readonly difference: number | null;
  /** Difference of the centres the test uses (adjusted scores under adjusted-wald). */
  readonly testedDifference: number | null;
  /** Standard error of the difference in NPS points. */
  readonly standardError: number | null;
  /** Interval of the difference in NPS points, clipped to [-200, 200]. */
  readonly confidenceInterval: ConfidenceInterval | null;
  /** z statistic; `null` when the standard error is 0 or a sample is empty. */
  readonly z: number | null;
  /** Two-sided p-value from the normal distribution; `null` when `z` is. */
  readonly pValue: number | null;
  /** Whether `pValue < 1 - level`; `null` when `pValue` is. */
  readonly significant: boolean | null;
  /** The two samples' results. */
  readonly a: NpsResult;
  readonly b: NpsResult;
  /** Method used. */
  readonly method: NpsIntervalMethod;
}

/** A sample for {@link compareNps}: scores, `SurveyResponse` records, or an {@link NpsResult}. */
export type NpsInput = Iterable<number | SurveyResponse> | NpsResult;

function isNpsResult(x: unknown): x is NpsResult {
  return isRecord(x) && typeof x["n"] === "number" && typeof x["promoters"] === "number" && "effectiveN" in x;
}

/**
 * Compares two independent NPS samples (for example this month against last month): the
 * difference, its standard error and interval, a z test and its two-sided p-value. Under
 * the default adjusted-Wald method each sample's score and variance are the adjusted ones
 * of {@link nps}; `"wald"` uses the plain multinomial variances. Panels (the same
 * respondents twice) need a paired test and are not covered.
 *
 * @param a - First sample: scores, `SurveyResponse` records or an {@link NpsResult}.
 * @param b - Second sample, in the same forms.
 * @param options - Method and level.
 * @returns The comparison; fields are `null` when either sample is empty.
 * @throws {CrmMetricsError} As {@link nps} for bad scores or options.
 *
 * @example
 * const march = [10, 10, 9, 9, 9, 8, 7, 6, 3, 10];
 * const april = [6, 5, 9, 7, 8, 4, 10, 3, 6, 2];
 * compareNps(march, april).difference
 * // => 80
 * @example
 * compareNps([10, 10, 9, 9, 9, 8, 7, 6, 3, 10], [6, 5, 9, 7, 8, 4, 10, 3, 6, 2]).pValue
 * // => 0.0492
 */
export function compareNps(a: NpsInput, b: NpsInput, options?: CompareNpsOptions): CompareNpsResult {
  const fn = "compareNps";
  const opts = resolveOptions(fn, options);
  const method = resolveEnum<NpsIntervalMethod>(fn, "method", opts.method, ["adjusted-wald", "wald"], "adjusted-wald");
  const level = resolveLevel(fn, opts.level);
  const ra = toResult(fn, "a", a, method, level);
  const rb = toResult(fn, "b", b, method, level);
  const empty = {
    difference: null,
    testedDifference: null,
    standardError: null,
    confidenceInterval: null,
    z: null,
    pValue: null,
    significant: null,
    a: ra,
    b: rb,
    method,
  };
  if (ra.n === 0 || rb.n === 0 || ra.score === null || rb.score === null) return empty;
  const ma = npsMoments(ra.promoterShare ?? 0, ra.detractorShare ?? 0, ra.effectiveN, method);
  const mb = npsMoments(rb.promoterShare ?? 0, rb.detractorShare ?? 0, rb.effectiveN, method);
  const diff = ma.centre - mb.centre;
  const se = Math.sqrt(ma.variance / ma.size + mb.variance / mb.size);
  const half = zCritical(level) * se;
  const z = se > 0 ? diff / se : null;
  const pValue = z === null ? null : Math.min(1, 2 * normalSurvival(Math.abs(z)));
  return {
    difference: clean(ra.score - rb.score),
    testedDifference: clean(100 * diff),
    standardError: 100 * se,
    confidenceInterval: {
      lower: clean(Math.max(-200, 100 * (diff - half))),
      upper: clean(Math.min(200, 100 * (diff + half))),
      level,
    },
    z: z === null ? null : clean(z),
    pValue,
    significant: pValue === null ? null : pValue < 1 - level,
    a: ra,
    b: rb,
    method,
  };
}

function toResult(fn: string, name: string, x: NpsInput, method: NpsIntervalMethod, level: number): NpsResult {
  if (!isNpsResult(x)) return computeNps(fn, name, x, method, level);
  for (const field of ["n", "effectiveN", "promoters", "passives", "detractors"] as const) {
    const v = x[field];
    if (!Number.isFinite(v) || v < 0) invalidInput(fn, `${name}.${field}`, "must be a finite number >= 0", v);
  }
  return x;
}

function clean(x: number): number {
  return x === 0 ? 0 : x;
}
