import { invalidInput, recordPath } from "../core/errors.js";
import { isRecord } from "../core/validate.js";
import type { SurveyKind } from "../models/survey.js";

/**
 * Weighted counts of integer scores min..max: the sufficient statistic of every
 * satisfaction metric. Histograms of chunks merge into the histogram of the whole, which
 * is what makes the accumulators exact. @internal
 */
export interface ScoreHistogram {
  readonly min: number;
  readonly max: number;
  /** Responses per score (index = score - min). */
  readonly counts: number[];
  /** Sum of weights per score. */
  readonly weights: number[];
  /** Sum of squared weights (for Kish's effective sample size). */
  sumSquaredWeights: number;
  /** Number of responses. */
  n: number;
}

/** An empty histogram for scores min..max. @internal */
export function emptyHistogram(min: number, max: number): ScoreHistogram {
  const size = max - min + 1;
  return { min, max, counts: new Array<number>(size).fill(0), weights: new Array<number>(size).fill(0), sumSquaredWeights: 0, n: 0 };
}

/** Add one validated score with its weight. @internal */
export function addScore(h: ScoreHistogram, score: number, weight: number): void {
  const i = score - h.min;
  h.counts[i] = h.counts[i]! + 1;
  h.weights[i] = h.weights[i]! + weight;
  h.sumSquaredWeights += weight * weight;
  h.n++;
}

/** Add histogram `b` into `a` (same range). @internal */
export function mergeHistogram(a: ScoreHistogram, b: ScoreHistogram): void {
  for (let i = 0; i < a.counts.length; i++) {
    a.counts[i] = a.counts[i]! + b.counts[i]!;
    a.weights[i] = a.weights[i]! + b.weights[i]!;
  }
  a.sumSquaredWeights += b.sumSquaredWeights;
  a.n += b.n;
}

/** Total weight and Kish's effective sample size (Σw)² / Σw². @internal */
export function histogramTotals(h: ScoreHistogram): { total: number; effectiveN: number } {
  let total = 0;
  for (const w of h.weights) total += w;
  return { total, effectiveN: h.sumSquaredWeights === 0 ? 0 : (total * total) / h.sumSquaredWeights };
}

/** Sum of weights of the scores s with lo <= s <= hi. @internal */
export function weightBetween(h: ScoreHistogram, lo: number, hi: number): { count: number; weight: number } {
  let count = 0;
  let weight = 0;
  for (let s = Math.max(lo, h.min); s <= Math.min(hi, h.max); s++) {
    count += h.counts[s - h.min]!;
    weight += h.weights[s - h.min]!;
  }
  return { count, weight };
}

/**
 * What a response weight must be. The bounds keep the sum of squared weights (Kish's
 * effective sample size) away from underflow and overflow, so no result is ever NaN, even
 * for a record weight times an option weight (at most 1e100, squared 1e200).
 * @internal
 */
export const WEIGHT_RULE = "must be a finite number from 1e-50 to 1e50";

/** Whether `w` breaks {@link WEIGHT_RULE}. @internal */
export function badWeight(w: unknown): boolean {
  return typeof w !== "number" || !(w >= 1e-50 && w <= 1e50);
}

/** Read one response (a score or a record of `kind`) as `[score, weight]`, validating it. @internal */
export function readResponse(
  fn: string,
  kind: SurveyKind,
  name: string,
  index: number,
  item: unknown,
  min: number,
  max: number,
): [number, number] {
  let score: unknown;
  let path: string;
  let weight = 1;
  if (typeof item === "number") {
    score = item;
    path = recordPath(name, index);
  } else if (isRecord(item)) {
    if (item["kind"] !== kind) invalidInput(fn, recordPath(name, index, "kind"), `must be "${kind}"`, item["kind"]);
    score = item["score"];
    path = recordPath(name, index, "score");
    const w = item["weight"];
    if (w !== undefined) {
      if (badWeight(w)) invalidInput(fn, recordPath(name, index, "weight"), WEIGHT_RULE, w);
      weight = w as number;
    }
  } else {
    return invalidInput(fn, recordPath(name, index), `must be a score or a SurveyResponse of kind "${kind}"`, item);
  }
  if (typeof score !== "number" || !Number.isInteger(score) || score < min || score > max) {
    invalidInput(fn, path, `must be an integer from ${min} to ${max}`, score);
  }
  return [score as number, weight];
}
