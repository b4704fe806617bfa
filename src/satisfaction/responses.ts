import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { isRecord, toArray } from "../core/validate.js";
import type { SurveyKind } from "../models/survey.js";

/** Scores and weights read from a satisfaction input. @internal */
export interface SurveyScores {
  readonly scores: Float64Array;
  readonly weights: Float64Array | null;
  /** The `scale` the records declared (all equal), if any. */
  readonly declaredScale: number | undefined;
}

/** Scale rules of one metric. @internal */
export interface ScoreRule {
  readonly min: number;
  readonly max: number;
}

/**
 * Read scores 0..10 / 1..k (numbers or SurveyResponse records of `kind`) and optional
 * weights, validating every value. `ruleFor` gives the allowed range once the declared
 * scale is known. @internal
 */
export function readSurveyScores(
  fn: string,
  kind: SurveyKind,
  input: unknown,
  weightsOption: unknown,
  ruleFor: (declaredScale: number | undefined) => ScoreRule,
  name = "input",
): SurveyScores {
  const items = toArray<unknown>(fn, name, input);
  const n = items.length;
  const scores = new Float64Array(n);
  let weights: Float64Array | null = null;
  let declaredScale: number | undefined;

  if (weightsOption !== undefined) {
    const w = toArray<unknown>(fn, "options.weights", weightsOption);
    if (w.length !== n) {
      invalidOption(fn, "weights", `must have one weight per response (${n})`, `${w.length} weights`);
    }
    weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = w[i];
      if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
        invalidOption(fn, `weights[${i}]`, "must be a finite number > 0", v);
      }
      weights[i] = v as number;
    }
  }

  // first pass: the declared scale of records (all must agree)
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (isRecord(item) && item["scale"] !== undefined) {
      const s = item["scale"];
      if (typeof s !== "number" || !Number.isInteger(s) || s <= 0) {
        invalidInput(fn, recordPath(name, i, "scale"), "must be a positive integer", s);
      }
      if (declaredScale === undefined) declaredScale = s as number;
      else if (declaredScale !== s) {
        invalidInput(fn, recordPath(name, i, "scale"), `must equal the scale of the other responses (${declaredScale})`, s);
      }
    }
  }
  const rule = ruleFor(declaredScale);

  for (let i = 0; i < n; i++) {
    const item = items[i];
    let score: unknown;
    let path: string;
    if (typeof item === "number") {
      score = item;
      path = recordPath(name, i);
    } else if (isRecord(item)) {
      if (item["kind"] !== kind) {
        invalidInput(fn, recordPath(name, i, "kind"), `must be "${kind}"`, item["kind"]);
      }
      score = item["score"];
      path = recordPath(name, i, "score");
      const w = item["weight"];
      if (w !== undefined) {
        if (typeof w !== "number" || !Number.isFinite(w) || w <= 0) {
          invalidInput(fn, recordPath(name, i, "weight"), "must be a finite number > 0", w);
        }
        if (weights === null) weights = new Float64Array(n).fill(1);
        weights[i] = (weights[i] ?? 1) * (w as number);
      }
    } else {
      invalidInput(fn, recordPath(name, i), `must be a score or a SurveyResponse of kind "${kind}"`, item);
    }
    if (
      typeof score !== "number" ||
      !Number.isInteger(score) ||
      score < rule.min ||
      score > rule.max
    ) {
      invalidInput(fn, path!, `must be an integer from ${rule.min} to ${rule.max}`, score);
    }
    scores[i] = score as number;
  }
  return { scores, weights, declaredScale };
}

/** Sum of weights and Kish's effective sample size. @internal */
export function weightTotals(weights: Float64Array | null, n: number): { total: number; effectiveN: number } {
  if (weights === null) return { total: n, effectiveN: n };
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    s += w;
    s2 += w * w;
  }
  return { total: s, effectiveN: s2 === 0 ? 0 : (s * s) / s2 };
}
