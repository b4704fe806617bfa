import type { ConfidenceInterval, ConfidenceOptions } from "../core/options.js";
import { zCritical } from "../core/stats/intervals.js";
import { resolveEnum, resolveLevel, resolveOptions } from "../core/validate.js";
import type { SurveyResponse } from "../models/survey.js";
import { histogramTotals, type ScoreHistogram, weightBetween } from "./histogram.js";
import { readSurveyHistogram } from "./responses.js";

/** Interval methods for NPS: adjusted Wald (Lewis & Sauro; Rocks 2016) or plain Wald. */
export type NpsIntervalMethod = "adjusted-wald" | "wald";

/** Options of {@link nps}. */
export interface NpsOptions extends ConfidenceOptions {
  /**
   * Interval method. `"adjusted-wald"` adds 3 responses, 0.75 to promoters and 0.75 to
   * detractors, and centres the interval on the adjusted score; `"wald"` uses the plain
   * multinomial variance of promoter share minus detractor share.
   * @defaultValue `"adjusted-wald"`
   */
  readonly method?: NpsIntervalMethod;
  /**
   * One weight (from 1e-50 to 1e50) per response, multiplied with any `weight` on the records. Shares are
   * weighted and the standard error uses Kish's effective sample size (sum w)^2 / sum w^2.
   */
  readonly weights?: readonly number[];
}

/** Result of {@link nps}. */
export interface NpsResult {
  /** Net Promoter Score on -100..100, or `null` without responses. */
  readonly score: number | null;
  /** Number of responses. */
  readonly n: number;
  /** Sum of weights (equals `n` when unweighted). */
  readonly weightedN: number;
  /** Kish's effective sample size (equals `n` when unweighted). */
  readonly effectiveN: number;
  /** Responses of 9 or 10. */
  readonly promoters: number;
  /** Responses of 7 or 8. */
  readonly passives: number;
  /** Responses of 0 to 6. */
  readonly detractors: number;
  /** (Weighted) share of promoters, or `null` without responses. */
  readonly promoterShare: number | null;
  /** (Weighted) share of passives, or `null` without responses. */
  readonly passiveShare: number | null;
  /** (Weighted) share of detractors, or `null` without responses. */
  readonly detractorShare: number | null;
  /** Standard error in NPS points under `method`, or `null` without responses. */
  readonly standardError: number | null;
  /** Half-width of the interval in NPS points, or `null` without responses. */
  readonly marginOfError: number | null;
  /** The interval in NPS points, clipped to [-100, 100], or `null` without responses. */
  readonly confidenceInterval: ConfidenceInterval | null;
  /** Interval method used. */
  readonly method: NpsIntervalMethod;
}

/** The variance inputs of an NPS sample under a method. @internal */
export interface NpsMoments {
  /** Score on the -1..1 scale used for intervals (adjusted under adjusted-wald). */
  readonly centre: number;
  /** Variance of one response on the -1..1 scale. */
  readonly variance: number;
  /** Sample size used in the denominator. */
  readonly size: number;
}

/** Centre, per-response variance and size of an NPS sample under `method`. @internal */
export function npsMoments(pShare: number, dShare: number, effectiveN: number, method: NpsIntervalMethod): NpsMoments {
  if (method === "wald") {
    const c = pShare - dShare;
    return { centre: c, variance: Math.max(0, pShare + dShare - c * c), size: effectiveN };
  }
  const size = effectiveN + 3;
  const p = (pShare * effectiveN + 0.75) / size;
  const d = (dShare * effectiveN + 0.75) / size;
  const c = p - d;
  return { centre: c, variance: Math.max(0, p + d - c * c), size };
}

/**
 * Net Promoter Score: the share of promoters (9-10) minus the share of detractors (0-6),
 * on a -100..100 scale (Reichheld 2003). Passives (7-8) count in the denominator. The
 * default interval is the adjusted Wald interval of Lewis & Sauro, which Rocks (2016)
 * found to keep its coverage best at small samples.
 *
 * @param input - Scores 0..10 (integers) or `SurveyResponse` records of kind `"nps"`.
 * @param options - Interval method, level and weights.
 * @returns The score with its counts, shares, standard error and interval; the metrics are
 *   `null` when there are no responses.
 * @throws {CrmMetricsError} `INVALID_INPUT` when a score is not an integer from 0 to 10 or
 *   a record is not of kind `"nps"`; `INVALID_OPTION` for a bad method, level or weight.
 *
 * @example
 * nps([10, 9, 8, 6, 10]).score
 * // => 40
 * @example
 * nps([10, 9, 8, 6, 10], { method: "wald" }).marginOfError
 * // => 70.12
 * @see compareNps
 */
export function nps(input: Iterable<number | SurveyResponse>, options?: NpsOptions): NpsResult {
  const fn = "nps";
  const opts = resolveOptions(fn, options);
  const method = resolveEnum<NpsIntervalMethod>(fn, "method", opts.method, ["adjusted-wald", "wald"], "adjusted-wald");
  const level = resolveLevel(fn, opts.level);
  return computeNps(fn, "input", input, method, level, opts.weights);
}

/** {@link nps} after option validation, naming the input `name` in errors. @internal */
export function computeNps(
  fn: string,
  name: string,
  input: unknown,
  method: NpsIntervalMethod,
  level: number,
  weightsOption?: unknown,
): NpsResult {
  const h = readSurveyHistogram(fn, "nps", input, weightsOption, () => ({ min: 0, max: 10 }), name);
  return npsFromHistogram(h, method, level);
}

/** NPS of a 0..10 score histogram. @internal */
export function npsFromHistogram(h: ScoreHistogram, method: NpsIntervalMethod, level: number): NpsResult {
  const n = h.n;
  const promoters = weightBetween(h, 9, 10);
  const passives = weightBetween(h, 7, 8);
  const detractors = weightBetween(h, 0, 6);
  if (n === 0) {
    return {
      score: null,
      n: 0,
      weightedN: 0,
      effectiveN: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      promoterShare: null,
      passiveShare: null,
      detractorShare: null,
      standardError: null,
      marginOfError: null,
      confidenceInterval: null,
      method,
    };
  }
  const { total, effectiveN } = histogramTotals(h);
  const pShare = promoters.weight / total;
  const dShare = detractors.weight / total;
  const m = npsMoments(pShare, dShare, effectiveN, method);
  const se = Math.sqrt(m.variance / m.size);
  const half = zCritical(level) * se;
  return {
    score: clean(100 * (pShare - dShare)),
    n,
    weightedN: total,
    effectiveN,
    promoters: promoters.count,
    passives: passives.count,
    detractors: detractors.count,
    promoterShare: pShare,
    passiveShare: passives.weight / total,
    detractorShare: dShare,
    standardError: 100 * se,
    marginOfError: 100 * half,
    confidenceInterval: {
      lower: clean(Math.max(-100, 100 * (m.centre - half))),
      upper: clean(Math.min(100, 100 * (m.centre + half))),
      level,
    },
    method,
  };
}

function clean(x: number): number {
  return x === 0 ? 0 : x;
}
