import { invalidInput, recordPath } from "../core/errors.js";
import { isRecord, resolveEnum, resolveOptions, toArray } from "../core/validate.js";
import type { Lead } from "../models/lead.js";
import type { LeadScoringModelSpec } from "./fitLeadScoringModel.js";
import { readCategoricalFeature, readNumericFeature, readRecordId, sigmoid } from "./leadFeatures.js";

/** Options of {@link predictLeadScores}. */
export interface PredictLeadScoresOptions {
  /**
   * How contributions are measured. `"centered"`: `βⱼ(xⱼ − x̄ⱼ)` against the training mean
   * of each column, with `baseline` the log-odds of the mean profile (SHAP values of a
   * linear model with independent features; Einstein-style top factors). `"raw"`: `βⱼxⱼ`,
   * with `baseline` the intercept.
   * @defaultValue `"centered"`
   */
  readonly contributions?: "centered" | "raw";
}

/** The log-odds contribution of one feature to a lead's score. */
export interface LeadFeatureContribution {
  /** Feature field (`"properties.industry"`). */
  readonly field: string;
  /** The value read (a categorical level as a string, `"(missing)"` when absent). */
  readonly value: number | string;
  /** Log-odds contribution (positive raises the probability). */
  readonly contribution: number;
}

/** The prediction for one lead. */
export interface LeadPrediction {
  /** Lead id (as a string). */
  readonly leadId: string;
  /** Probability of converting, `sigmoid(linearPredictor)`. */
  readonly probability: number;
  /** Score 1..99: `round(98 · probability + 1)`. */
  readonly score: number;
  /** Log-odds: exactly `baseline + Σ contributions` (summed in feature order). */
  readonly linearPredictor: number;
  /** Log-odds before the contributions (the intercept, or the mean profile when centred). */
  readonly baseline: number;
  /** One contribution per feature, in the model's feature order. */
  readonly contributions: readonly LeadFeatureContribution[];
  /** Fields whose level was not seen in training (coded as all zeros, like the reference). */
  readonly unseenLevels: readonly string[];
}

/** Result of {@link predictLeadScores}. */
export interface PredictLeadScoresResult {
  /** One prediction per lead, in input order. */
  readonly predictions: readonly LeadPrediction[];
  /** Number of leads. */
  readonly n: number;
  /** Leads with at least one unseen categorical level. */
  readonly leadsWithUnseenLevels: number;
  /** Contribution mode used. */
  readonly contributions: "centered" | "raw";
}

const FN = "predictLeadScores";

function checkModel(model: unknown): LeadScoringModelSpec {
  const m = model as LeadScoringModelSpec;
  const ok =
    isRecord(model) &&
    m.type === "logistic-regression" &&
    Array.isArray(m.features) &&
    Array.isArray(m.terms) &&
    isRecord(m.params) &&
    Number.isFinite(m.params.intercept) &&
    Array.isArray(m.params.coefficients) &&
    m.params.coefficients.length === m.terms.length &&
    m.params.coefficients.every(Number.isFinite) &&
    m.terms.every(
      (t) => isRecord(t) && Number.isInteger(t.feature) && isRecord(m.features[t.feature as number]) && Number.isFinite(t.mean),
    );
  if (!ok) invalidInput(FN, "model", "must be a model returned by fitLeadScoringModel", model);
  return m;
}

/**
 * Conversion probabilities of leads under a model from {@link fitLeadScoringModel}, with
 * each feature's contribution in log-odds: `baseline + Σ contributions` is the linear
 * predictor exactly (it is computed as that sum). A categorical level not seen in training
 * is coded as all zeros, the same as the reference level, and is listed in `unseenLevels`.
 *
 * @param model - A fitted model (also after a `JSON.stringify`/`JSON.parse` round trip).
 * @param leads - Leads to score.
 * @param options - Contribution mode.
 * @returns One {@link LeadPrediction} per lead, in input order.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a model that is not a fitted model or a lead
 *   whose numeric feature is not a finite number.
 *
 * @example
 * const leads = [{ id: "a", createdAt: "2026-01-01", properties: { visits: 4 } }];
 * const result = predictLeadScores({
 *   type: "logistic-regression",
 *   features: [{ field: "properties.visits", type: "numeric", levels: [], reference: null, center: 2, scale: 1 }],
 *   terms: [{ name: "properties.visits", feature: 0, level: null, mean: 2 }],
 *   params: { intercept: -1, coefficients: [0.5] },
 * }, leads);
 * const p = result.predictions[0];
 * [p?.probability, p?.baseline, p?.contributions[0]?.contribution, p?.score]
 * // => [0.7311, 0, 1, 73]
 */
export function predictLeadScores(
  model: LeadScoringModelSpec,
  leads: Iterable<Lead>,
  options?: PredictLeadScoresOptions,
): PredictLeadScoresResult {
  const opts = resolveOptions(FN, options);
  const mode = resolveEnum(FN, "contributions", opts.contributions, ["centered", "raw"] as const, "centered");
  const m = checkModel(model);
  const beta = m.params.coefficients;
  // Per feature: its numeric term, or its level -> term map.
  const numericTerm = new Map<number, number>();
  const levelTerms = new Map<number, Map<string, number>>();
  const knownLevels = m.features.map((f) => new Set(f.levels));
  m.terms.forEach((t, j) => {
    if (t.level === null) numericTerm.set(t.feature, j);
    else {
      let map = levelTerms.get(t.feature);
      if (map === undefined) levelTerms.set(t.feature, (map = new Map()));
      map.set(t.level, j);
    }
  });
  // Centred: each feature's offset Σ βⱼ x̄ⱼ over its terms.
  const offsets = m.features.map(() => 0);
  let baseline = m.params.intercept;
  if (mode === "centered") {
    m.terms.forEach((t, j) => {
      offsets[t.feature] = offsets[t.feature]! + beta[j]! * t.mean;
    });
    for (const o of offsets) baseline += o;
  }
  const list = toArray<Lead>(FN, "leads", leads);
  const predictions: LeadPrediction[] = new Array(list.length);
  let withUnseen = 0;
  for (let i = 0; i < list.length; i++) {
    const lead = list[i];
    if (!isRecord(lead)) invalidInput(FN, recordPath("leads", i), "must be an object", lead);
    const leadId = readRecordId(FN, (lead as Lead).id, "leads", i, "id");
    const contributions: LeadFeatureContribution[] = [];
    const unseen: string[] = [];
    let lp = baseline;
    m.features.forEach((f, k) => {
      let value: number | string;
      let raw = 0;
      if (f.type === "numeric") {
        value = readNumericFeature(FN, lead, i, f.field);
        const j = numericTerm.get(k);
        if (j !== undefined) raw = beta[j]! * value;
      } else {
        value = readCategoricalFeature(FN, lead, i, f.field);
        const j = levelTerms.get(k)?.get(value);
        if (j !== undefined) raw = beta[j]!;
        else if (!knownLevels[k]!.has(value)) unseen.push(f.field);
      }
      const c = raw - offsets[k]!;
      contributions.push({ field: f.field, value, contribution: c === 0 ? 0 : c });
      lp += c;
    });
    if (unseen.length > 0) withUnseen++;
    const probability = sigmoid(lp);
    predictions[i] = {
      leadId,
      probability,
      score: Math.round(98 * probability + 1),
      linearPredictor: lp,
      baseline,
      contributions,
      unseenLevels: unseen,
    };
  }
  return { predictions, n: list.length, leadsWithUnseenLevels: withUnseen, contributions: mode };
}
