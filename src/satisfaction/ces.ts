import type { ConfidenceInterval, ConfidenceOptions } from "../core/options.js";
import { studentTQuantile } from "../core/stats/distributions.js";
import { wilsonInterval } from "../core/stats/intervals.js";
import { invalidOption } from "../core/errors.js";
import { resolveLevel, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { SurveyResponse } from "../models/survey.js";
import { histogramTotals, type ScoreHistogram, weightBetween } from "./histogram.js";
import { readSurveyHistogram } from "./responses.js";

/** CES versions: 2 is 1..7 agreement, higher is easier; 1 is 1..5 effort, lower is easier. */
export type CesVersion = 1 | 2;

/** Options of {@link ces}. */
export interface CesOptions extends ConfidenceOptions {
  /**
   * CES 2.0 ("The company made it easy for me to handle my issue", 1..7, higher is easier)
   * or CES 1.0 ("How much effort did you personally have to put forth", 1..5, lower is easier).
   * @defaultValue `2`
   */
  readonly version?: CesVersion;
  /**
   * Answers counted as "easy": at or above it for version 2, at or below it for version 1.
   * @defaultValue `5` for version 2 (somewhat agree or better), `2` for version 1
   */
  readonly easyThreshold?: number;
  /** One weight (from 1e-50 to 1e50) per response; see {@link NpsOptions.weights}. */
  readonly weights?: readonly number[];
}

/** Result of {@link ces}. */
export interface CesResult {
  /** Number of responses. */
  readonly n: number;
  /** Sum of weights (equals `n` when unweighted). */
  readonly weightedN: number;
  /** (Weighted) mean effort score on the version's scale; `null` without responses. */
  readonly meanScore: number | null;
  /** Sample standard deviation; `null` below two responses. */
  readonly standardDeviation: number | null;
  /** Standard error of the mean; `null` below two responses. */
  readonly standardError: number | null;
  /** Student-t interval of the mean; `null` below two responses. */
  readonly confidenceInterval: ConfidenceInterval | null;
  /** Responses counted as easy. */
  readonly easy: number;
  /** (Weighted) share of easy responses in [0, 1]; `null` without responses. */
  readonly easyShare: number | null;
  /** Wilson interval of `easyShare`; `null` without responses. */
  readonly easyShareInterval: ConfidenceInterval | null;
  /** Version used. */
  readonly version: CesVersion;
  /** Top of the scale (7 or 5). */
  readonly scale: number;
  /** Whether a higher score means less effort (true for version 2). */
  readonly higherIsEasier: boolean;
  /** Threshold used. */
  readonly easyThreshold: number;
}

/**
 * Customer effort score: the mean answer with a Student-t interval, and the share of
 * "easy" answers with a Wilson interval. The version fixes the scale and its direction, so
 * that scores of CES 1.0 (lower is better) and 2.0 (higher is better) are never mixed up.
 *
 * @param input - Scores on the version's scale (integers) or `SurveyResponse` records of
 *   kind `"ces"`.
 * @param options - Version, easy threshold, level and weights.
 * @returns Mean, spread, interval and easy share; `null` metrics without responses.
 * @throws {CrmMetricsError} `INVALID_INPUT` for scores off the scale or records of another
 *   kind; `INVALID_OPTION` for a bad option.
 *
 * @example
 * ces([7, 6, 5, 3, 7]).meanScore
 * // => 5.6
 * @example
 * ces([1, 2, 2, 4], { version: 1 }).easyShare
 * // => 0.75
 */
export function ces(input: Iterable<number | SurveyResponse>, options?: CesOptions): CesResult {
  const fn = "ces";
  const opts = resolveOptions(fn, options);
  const level = resolveLevel(fn, opts.level);
  if (opts.version !== undefined && opts.version !== 1 && opts.version !== 2) {
    invalidOption(fn, "version", "must be 1 or 2", opts.version);
  }
  const version: CesVersion = opts.version ?? 2;
  const scale = version === 2 ? 7 : 5;
  const easyThreshold = resolveNumberOption(fn, "easyThreshold", opts.easyThreshold, version === 2 ? 5 : 2, {
    integer: true,
    min: 1,
    max: scale,
  });
  const h = readSurveyHistogram(fn, "ces", input, opts.weights, () => ({ min: 1, max: scale }));
  return cesFromHistogram(h, version, easyThreshold, level);
}

/** CES of a score histogram on the version's scale. @internal */
export function cesFromHistogram(h: ScoreHistogram, version: CesVersion, easyThreshold: number, level: number): CesResult {
  const scale = h.max;
  const higherIsEasier = version === 2;
  const easy = higherIsEasier ? weightBetween(h, easyThreshold, scale) : weightBetween(h, 1, easyThreshold);
  const { total, effectiveN } = histogramTotals(h);
  const base = { n: h.n, weightedN: total, easy: easy.count, version, scale, higherIsEasier, easyThreshold };
  if (h.n === 0) {
    return { ...base, meanScore: null, standardDeviation: null, standardError: null, confidenceInterval: null, easyShare: null, easyShareInterval: null };
  }
  let sum = 0;
  for (let s = h.min; s <= h.max; s++) sum += s * h.weights[s - h.min]!;
  const mean = sum / total;
  let m2 = 0;
  for (let s = h.min; s <= h.max; s++) m2 += h.weights[s - h.min]! * (s - mean) * (s - mean);
  const easyShare = easy.weight / total;
  const wi = wilsonInterval(easyShare * effectiveN, effectiveN, level);
  const easyShareInterval = { lower: wi.lower, upper: wi.upper, level };
  if (h.n < 2 || effectiveN <= 1) {
    return { ...base, meanScore: mean, standardDeviation: null, standardError: null, confidenceInterval: null, easyShare, easyShareInterval };
  }
  // Weighted variance with the effective-sample-size correction (the usual n - 1 form unweighted).
  const sd = Math.sqrt((m2 / total) * (effectiveN / (effectiveN - 1)));
  const se = sd / Math.sqrt(effectiveN);
  const t = studentTQuantile(1 - (1 - level) / 2, effectiveN - 1);
  return {
    ...base,
    meanScore: mean,
    standardDeviation: sd,
    standardError: se,
    confidenceInterval: { lower: mean - t * se, upper: mean + t * se, level },
    easyShare,
    easyShareInterval,
  };
}
