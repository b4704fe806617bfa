import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { isRecord, toArray } from "../core/validate.js";
import type { SurveyKind } from "../models/survey.js";
import { addScore, badWeight, emptyHistogram, readResponse, type ScoreHistogram, WEIGHT_RULE } from "./histogram.js";

/** Scale rules of one metric. @internal */
export interface ScoreRule {
  readonly min: number;
  readonly max: number;
}

/** The `scale` declared by records (all must agree), if any. @internal */
export function declaredScaleOf(fn: string, items: readonly unknown[], name: string): number | undefined {
  let declared: number | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isRecord(item) && item["scale"] !== undefined) {
      const s = item["scale"];
      if (typeof s !== "number" || !Number.isInteger(s) || s <= 0) {
        invalidInput(fn, recordPath(name, i, "scale"), "must be a positive integer", s);
      }
      if (declared === undefined) declared = s as number;
      else if (declared !== s) {
        invalidInput(fn, recordPath(name, i, "scale"), `must equal the scale of the other responses (${declared})`, s);
      }
    }
  }
  return declared;
}

/**
 * Read scores (numbers or SurveyResponse records of `kind`) and optional weights into a
 * histogram, validating every value. `ruleFor` gives the allowed range once the declared
 * scale is known. @internal
 */
export function readSurveyHistogram(
  fn: string,
  kind: SurveyKind,
  input: unknown,
  weightsOption: unknown,
  ruleFor: (declaredScale: number | undefined) => ScoreRule,
  name = "input",
): ScoreHistogram {
  const items = toArray<unknown>(fn, name, input);
  const n = items.length;
  let weights: readonly unknown[] | null = null;
  if (weightsOption !== undefined) {
    weights = toArray<unknown>(fn, "options.weights", weightsOption);
    if (weights.length !== n) {
      invalidOption(fn, "weights", `must have one weight per response (${n})`, `${weights.length} weights`);
    }
  }
  const rule = ruleFor(declaredScaleOf(fn, items, name));
  const h = emptyHistogram(rule.min, rule.max);
  for (let i = 0; i < n; i++) {
    let w = 1;
    if (weights !== null) {
      const v = weights[i];
      if (badWeight(v)) invalidOption(fn, `weights[${i}]`, WEIGHT_RULE, v);
      w = v as number;
    }
    const [score, weight] = readResponse(fn, kind, name, i, items[i], rule.min, rule.max);
    addScore(h, score, w * weight);
  }
  return h;
}
