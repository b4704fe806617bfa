import { invalidOption } from "../core/errors.js";
import type { ConfidenceInterval, ConfidenceOptions } from "../core/options.js";
import { wilsonInterval } from "../core/stats/intervals.js";
import { resolveLevel, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { SurveyResponse } from "../models/survey.js";
import { histogramTotals, type ScoreHistogram, weightBetween } from "./histogram.js";
import { readSurveyHistogram } from "./responses.js";

/** CSAT scales: answers run from 1 to `scale`. */
export type CsatScale = 5 | 7 | 10;

/** Options of {@link csat}. */
export interface CsatOptions extends ConfidenceOptions {
  /**
   * Top of the scale (answers are 1..scale). When omitted, the `scale` of the records is
   * used, else 5.
   * @defaultValue `5`
   */
  readonly scale?: CsatScale;
  /**
   * Lowest score counted as satisfied.
   * @defaultValue `scale - 1` (top-2-box: 4-5 of 5, 6-7 of 7, 9-10 of 10)
   */
  readonly satisfiedMin?: number;
  /** One weight (from 1e-50 to 1e50) per response; see {@link NpsOptions.weights}. */
  readonly weights?: readonly number[];
}

/** Result of {@link csat}. */
export interface CsatResult {
  /** Number of responses. */
  readonly n: number;
  /** Sum of weights (equals `n` when unweighted). */
  readonly weightedN: number;
  /** Responses at or above `satisfiedMin`. */
  readonly satisfied: number;
  /** (Weighted) share of satisfied responses: the CSAT score, in [0, 1]; `null` without responses. */
  readonly satisfiedShare: number | null;
  /** Wilson score interval of `satisfiedShare`; `null` without responses. */
  readonly confidenceInterval: ConfidenceInterval | null;
  /** (Weighted) mean score on the 1..scale scale; `null` without responses. */
  readonly meanScore: number | null;
  /** Scale used. */
  readonly scale: number;
  /** Threshold used. */
  readonly satisfiedMin: number;
}

const SCALES: readonly number[] = [5, 7, 10];

/**
 * Customer satisfaction score: the share of satisfied answers (top-2-box by default, as
 * Zendesk and Nicereply count 4-5 of 5), with a Wilson score interval, and the mean answer.
 * Neutral and negative answers stay in the denominator.
 *
 * @param input - Scores 1..scale (integers) or `SurveyResponse` records of kind `"csat"`.
 * @param options - Scale, satisfaction threshold, level and weights.
 * @returns Counts, share, interval and mean; `null` metrics without responses.
 * @throws {CrmMetricsError} `INVALID_INPUT` for scores that are not integers on the scale,
 *   records of another kind or with different scales; `INVALID_OPTION` for a bad option.
 *
 * @example
 * csat([5, 4, 3, 5, 2]).satisfiedShare
 * // => 0.6
 * @example
 * csat([7, 6, 5, 4], { scale: 7 }).meanScore
 * // => 5.5
 */
export function csat(input: Iterable<number | SurveyResponse>, options?: CsatOptions): CsatResult {
  const fn = "csat";
  const opts = resolveOptions(fn, options);
  const level = resolveLevel(fn, opts.level);
  if (opts.scale !== undefined && !SCALES.includes(opts.scale)) {
    invalidOption(fn, "scale", "must be 5, 7 or 10", opts.scale);
  }
  let scale = 5;
  const h = readSurveyHistogram(fn, "csat", input, opts.weights, (declared) => {
    if (opts.scale !== undefined) scale = opts.scale;
    else if (declared !== undefined) scale = declared;
    if (!SCALES.includes(scale)) invalidOption(fn, "scale", "must be 5, 7 or 10 (read from the records)", scale);
    return { min: 1, max: scale };
  });
  const satisfiedMin = resolveNumberOption(fn, "satisfiedMin", opts.satisfiedMin, scale - 1, {
    integer: true,
    min: 1,
    max: scale,
  });
  return csatFromHistogram(h, satisfiedMin, level);
}

/** CSAT of a 1..scale score histogram. @internal */
export function csatFromHistogram(h: ScoreHistogram, satisfiedMin: number, level: number): CsatResult {
  const scale = h.max;
  const satisfied = weightBetween(h, satisfiedMin, scale);
  if (h.n === 0) {
    return { n: 0, weightedN: 0, satisfied: 0, satisfiedShare: null, confidenceInterval: null, meanScore: null, scale, satisfiedMin };
  }
  const { total, effectiveN } = histogramTotals(h);
  let weightedScore = 0;
  for (let s = h.min; s <= h.max; s++) weightedScore += s * h.weights[s - h.min]!;
  const share = satisfied.weight / total;
  const ci = wilsonInterval(share * effectiveN, effectiveN, level);
  return {
    n: h.n,
    weightedN: total,
    satisfied: satisfied.count,
    satisfiedShare: share,
    confidenceInterval: { lower: ci.lower, upper: ci.upper, level },
    meanScore: weightedScore / total,
    scale,
    satisfiedMin,
  };
}
