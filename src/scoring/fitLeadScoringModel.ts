import { CrmMetricsError, invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { normalSurvival } from "../core/stats/distributions.js";
import { cholesky, choleskySolve, invertSymmetricPositiveDefinite } from "../core/stats/linalg.js";
import {
  isIterableObject,
  isRecord,
  resolveBooleanOption,
  resolveNumberOption,
  resolveOptions,
  toArray,
} from "../core/validate.js";
import type { Lead } from "../models/lead.js";
import { isLeadField, readCategoricalFeature, readRecordId, readNumericFeature, sigmoid } from "./leadFeatures.js";

/** A feature of a trained lead scoring model. */
export interface LeadScoringFeature {
  /** Lead field read: `"channel"`, `"status"` or `"properties.<name>"`. */
  readonly field: string;
  /** `"numeric"` (a finite number) or `"categorical"` (one-hot coded). */
  readonly type: "numeric" | "categorical";
  /**
   * Categorical only: the reference level, which gets no column.
   * @defaultValue the first level in sorted (code unit) order, as patsy and R do
   */
  readonly reference?: string;
}

/** How a feature is encoded in a fitted model. */
export interface LeadScoringEncodedFeature {
  /** Lead field read. */
  readonly field: string;
  /** Feature type. */
  readonly type: "numeric" | "categorical";
  /** Categorical: all training levels, sorted (missing values are the level `"(missing)"`). */
  readonly levels: readonly string[];
  /** Categorical: the reference level (no column); `null` for numeric features. */
  readonly reference: string | null;
  /** Numeric: training mean used for standardisation (0 when not standardised). */
  readonly center: number;
  /** Numeric: training standard deviation (divisor n) used for standardisation (1 when not standardised). */
  readonly scale: number;
}

/** One column of the design (a numeric feature or a non-reference level). */
export interface LeadScoringTerm {
  /** `"properties.seniority"` or `"channel=referral"`. */
  readonly name: string;
  /** Index of its feature in `features`. */
  readonly feature: number;
  /** The level it indicates, or `null` for a numeric feature. */
  readonly level: string | null;
  /** Mean of the column in the training data (used for centred contributions). */
  readonly mean: number;
}

/** Coefficients on the original (unstandardised) scale of the features. */
export interface LeadScoringParams {
  /** Intercept (log-odds at all-zero features and reference levels). */
  readonly intercept: number;
  /** One coefficient per term, in log-odds per unit. */
  readonly coefficients: readonly number[];
}

/** A fitted logistic-regression lead scoring model: plain JSON. */
export interface LeadScoringModel {
  /** Model kind. */
  readonly type: "logistic-regression";
  /** Feature encoding. */
  readonly features: readonly LeadScoringEncodedFeature[];
  /** Design columns, aligned with `params.coefficients`. */
  readonly terms: readonly LeadScoringTerm[];
  /** Coefficients on the original scale. */
  readonly params: LeadScoringParams;
  /**
   * Standard errors from the inverse of the unpenalised Fisher information at the
   * estimate (those of statsmodels `Logit` when `l2` is 0); `null` when it is singular.
   */
  readonly standardErrors: LeadScoringParams | null;
  /** Wald z statistics (`coefficient / standardError`); `null` with `standardErrors`. */
  readonly zValues: LeadScoringParams | null;
  /** Two-sided p-values of the z statistics; `null` with `standardErrors`. */
  readonly pValues: LeadScoringParams | null;
  /** L2 penalty used. */
  readonly l2: number;
  /** Whether numeric features were standardised for fitting (and penalised on that scale). */
  readonly standardized: boolean;
  /** Log-likelihood at the estimate (without the penalty). */
  readonly logLikelihood: number;
  /** Log-likelihood of the intercept-only model. */
  readonly nullLogLikelihood: number;
  /** Whether Newton's method met its tolerance. */
  readonly converged: boolean;
  /** Newton iterations run. */
  readonly iterations: number;
  /** Whether the data look (quasi-)separated: no finite maximum-likelihood estimate. */
  readonly separation: boolean;
  /** Training leads. */
  readonly n: number;
  /** Training leads that converted. */
  readonly positives: number;
}

/**
 * What {@link predictLeadScores} reads of a model: its type, encoded features, terms and
 * parameters. A fitted {@link LeadScoringModel} is one; so is a model written by hand or
 * stored by another system with these fields.
 */
export type LeadScoringModelSpec = Pick<LeadScoringModel, "type" | "features" | "terms" | "params">;

/** Options of {@link fitLeadScoringModel}. */
export interface FitLeadScoringModelOptions {
  /** Features to use; at least one. */
  readonly features?: readonly LeadScoringFeature[];
  /**
   * L2 (ridge) penalty λ: the fit maximises `logLikelihood - λ/2 Σ β²` over the
   * coefficients of the standardised numeric columns (raw with `standardize: false`) and
   * the dummy columns, never the intercept. 0 is maximum likelihood.
   * @defaultValue `0`
   */
  readonly l2?: number;
  /**
   * Standardise numeric features (mean 0, standard deviation 1, divisor n) before fitting;
   * coefficients are reported on the original scale either way.
   * @defaultValue `true`
   */
  readonly standardize?: boolean;
  /**
   * Largest Newton step (max absolute change of a standardised coefficient) at which the
   * fit has converged.
   * @defaultValue `1e-10`
   */
  readonly tolerance?: number;
  /**
   * Most Newton iterations.
   * @defaultValue `100`
   */
  readonly maxIterations?: number;
  /**
   * Fewest converted and fewest not-converted leads needed (Einstein asks for 120).
   * @defaultValue `1`
   */
  readonly minPositives?: number;
  /**
   * Throw `NOT_CONVERGED` instead of returning a model with `converged: false`.
   * @defaultValue `false`
   */
  readonly requireConvergence?: boolean;
}

const FN = "fitLeadScoringModel";

/** Read outcomes aligned with the leads (array) or keyed by lead id (Map). */
function readOutcomes(outcomes: unknown, ids: readonly string[]): Uint8Array {
  const y = new Uint8Array(ids.length);
  const read = (v: unknown, path: string): number => {
    if (v === true || v === 1) return 1;
    if (v === false || v === 0) return 0;
    return invalidInput(FN, path, "must be true, false, 1 or 0", v);
  };
  if (outcomes instanceof Map) {
    for (let i = 0; i < ids.length; i++) {
      if (!outcomes.has(ids[i])) invalidInput(FN, `outcomes.get(${JSON.stringify(ids[i])})`, "must be set for every lead", undefined);
      y[i] = read(outcomes.get(ids[i]), `outcomes.get(${JSON.stringify(ids[i])})`);
    }
    return y;
  }
  const list = toArray<unknown>(FN, "outcomes", outcomes);
  if (list.length !== ids.length) {
    invalidInput(FN, "outcomes", `must have one outcome per lead (${ids.length})`, `${list.length} outcomes`);
  }
  for (let i = 0; i < ids.length; i++) y[i] = read(list[i], `outcomes[${i}]`);
  return y;
}

function readFeatureSpecs(value: unknown): LeadScoringFeature[] {
  if (value !== undefined && !isIterableObject(value)) invalidOption(FN, "features", "must be an array of { field, type }", value);
  const list = value === undefined ? [] : Array.from(value);
  if (list.length === 0) invalidOption(FN, "features", "must list at least one feature", value);
  const seen = new Set<string>();
  return list.map((f, k) => {
    const name = `features[${k}]`;
    if (!isRecord(f)) invalidOption(FN, name, "must be an object { field, type }", f);
    const spec = f as Record<string, unknown>;
    if (!isLeadField(spec["field"])) {
      invalidOption(FN, `${name}.field`, 'must be "channel", "status" or "properties.<name>"', spec["field"]);
    }
    if (seen.has(spec["field"] as string)) invalidOption(FN, `${name}.field`, "must be unique among features", spec["field"]);
    seen.add(spec["field"] as string);
    if (spec["type"] !== "numeric" && spec["type"] !== "categorical") {
      invalidOption(FN, `${name}.type`, 'must be "numeric" or "categorical"', spec["type"]);
    }
    if (spec["reference"] !== undefined && (spec["type"] !== "categorical" || typeof spec["reference"] !== "string")) {
      invalidOption(FN, `${name}.reference`, "must be a level (string) of a categorical feature", spec["reference"]);
    }
    return f as unknown as LeadScoringFeature;
  });
}

/**
 * Fit a logistic-regression lead scoring model, P(convert) = 1 / (1 + exp(-(β₀ + Σ βⱼ xⱼ))),
 * by Newton's method (IRLS) with step halving, on numeric features and one-hot coded
 * categorical features (one column per level except the reference). Numeric features are
 * standardised for fitting and an optional L2 penalty shrinks the coefficients (never the
 * intercept); coefficients and their standard errors are reported on the original scale.
 * Unpenalised fits equal statsmodels' `Logit` (coefficients and standard errors to 1e-6).
 *
 * Under complete or quasi-complete separation the maximum-likelihood estimate does not
 * exist: the fit stops with `converged: false` and `separation: true` (or throws
 * `NOT_CONVERGED` with `requireConvergence`); set `l2 > 0`, which always has a finite
 * estimate.
 *
 * @param leads - Training leads (ids must be unique).
 * @param outcomes - Whether each lead converted: an array aligned with `leads`
 *   (`true`/`false`/`1`/`0`) or a `Map` from lead id to outcome.
 * @param options - `features` (required), `l2`, `standardize`, `tolerance`, `maxIterations`,
 *   `minPositives`, `requireConvergence`.
 * @returns A serialisable {@link LeadScoringModel} for {@link predictLeadScores}.
 * @throws {CrmMetricsError} `INVALID_INPUT` for bad leads or outcomes (a numeric feature that
 *   is not a finite number); `INVALID_OPTION` for bad options; `INSUFFICIENT_DATA` when a
 *   class has fewer than `minPositives` leads, a numeric feature is constant or (without a
 *   penalty) the columns are collinear; `NOT_CONVERGED` with `requireConvergence`.
 *
 * @example
 * const leads = [0, 1, 2, 3, 4, 5, 6, 7].map((v) => ({ id: v, createdAt: "2026-01-01", properties: { visits: v } }));
 * const converted = [false, false, true, false, true, false, true, true];
 * const model = fitLeadScoringModel(leads, converted, { features: [{ field: "properties.visits", type: "numeric" }] });
 * [model.converged, model.params.coefficients[0]]
 * // => [true, 0.5941]
 */
export function fitLeadScoringModel(
  leads: Iterable<Lead>,
  outcomes: readonly (boolean | number)[] | ReadonlyMap<string, boolean | number>,
  options?: FitLeadScoringModelOptions,
): LeadScoringModel {
  const opts = resolveOptions(FN, options);
  const specs = readFeatureSpecs(opts.features);
  const l2 = resolveNumberOption(FN, "l2", opts.l2, 0, { min: 0 });
  const standardize = resolveBooleanOption(FN, "standardize", opts.standardize, true);
  const tolerance = resolveNumberOption(FN, "tolerance", opts.tolerance, 1e-10, { min: 0, minExclusive: true });
  const maxIterations = resolveNumberOption(FN, "maxIterations", opts.maxIterations, 100, { min: 1, integer: true });
  const minPositives = resolveNumberOption(FN, "minPositives", opts.minPositives, 1, { min: 1, integer: true });
  const requireConvergence = resolveBooleanOption(FN, "requireConvergence", opts.requireConvergence, false);

  const list = toArray<Lead>(FN, "leads", leads);
  const n = list.length;
  const ids: string[] = new Array(n);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const lead = list[i];
    if (!isRecord(lead)) invalidInput(FN, recordPath("leads", i), "must be an object", lead);
    const id = readRecordId(FN, (lead as Lead).id, "leads", i, "id");
    if (seen.has(id)) invalidInput(FN, recordPath("leads", i, "id"), "must be unique among leads", id);
    seen.add(id);
    ids[i] = id;
  }
  const y = readOutcomes(outcomes, ids);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  if (positives < minPositives || n - positives < minPositives) {
    throw new CrmMetricsError(
      "INSUFFICIENT_DATA",
      `${FN}: outcomes must have at least ${minPositives} converted and ${minPositives} not-converted leads, got ${positives} and ${n - positives}`,
      "outcomes",
    );
  }

  // Encoding: read every feature once.
  const features: LeadScoringEncodedFeature[] = [];
  const terms: LeadScoringTerm[] = [];
  const columns: Float64Array[] = [];
  specs.forEach((spec, k) => {
    if (spec.type === "numeric") {
      const col = new Float64Array(n);
      let mean = 0;
      for (let i = 0; i < n; i++) {
        col[i] = readNumericFeature(FN, list[i], i, spec.field);
        mean += (col[i]! - mean) / (i + 1);
      }
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (col[i]! - mean) ** 2;
      const sd = Math.sqrt(ss / n);
      if (!(sd > 0)) {
        throw new CrmMetricsError("INSUFFICIENT_DATA", `${FN}: ${spec.field} is constant in the training data, got ${col[0]}`, `options.features[${k}]`);
      }
      features.push({ field: spec.field, type: "numeric", levels: [], reference: null, center: standardize ? mean : 0, scale: standardize ? sd : 1 });
      terms.push({ name: spec.field, feature: k, level: null, mean });
      columns.push(col);
      return;
    }
    const values: string[] = new Array(n);
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = readCategoricalFeature(FN, list[i], i, spec.field);
      values[i] = v;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const levels = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const reference = spec.reference ?? levels[0]!;
    if (!counts.has(reference)) {
      invalidOption(FN, `features[${k}].reference`, `must be a level seen in the training data (${levels.join(", ")})`, reference);
    }
    features.push({ field: spec.field, type: "categorical", levels, reference, center: 0, scale: 1 });
    for (const level of levels) {
      if (level === reference) continue;
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = values[i] === level ? 1 : 0;
      terms.push({ name: `${spec.field}=${level}`, feature: k, level, mean: counts.get(level)! / n });
      columns.push(col);
    }
  });

  // Standardised design Z (row-major, intercept first) over the distinct rows, with the
  // number of leads and of conversions of each (sufficient statistics of the likelihood).
  const p = terms.length + 1;
  const center = terms.map((t) => features[t.feature]!.center);
  const scale = terms.map((t) => features[t.feature]!.scale);
  const rowOf = new Map<string, number>();
  const rowIndex = new Int32Array(n);
  const firstLead: number[] = [];
  const key = new Array<number>(p - 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p - 1; j++) key[j] = columns[j]![i]!;
    const k = key.join(",");
    let r = rowOf.get(k);
    if (r === undefined) {
      r = firstLead.length;
      rowOf.set(k, r);
      firstLead.push(i);
    }
    rowIndex[i] = r;
  }
  const rows = firstLead.length;
  const z = new Float64Array(rows * p);
  const count = new Float64Array(rows);
  const converted = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const i = firstLead[r]!;
    z[r * p] = 1;
    for (let j = 1; j < p; j++) z[r * p + j] = (columns[j - 1]![i]! - center[j - 1]!) / scale[j - 1]!;
  }
  for (let i = 0; i < n; i++) {
    count[rowIndex[i]!]! += 1;
    converted[rowIndex[i]!]! += y[i]!;
  }

  const fit = newton({ z, count, converted, rows, p }, l2, tolerance, maxIterations, positives / n);
  if (requireConvergence && !fit.converged) {
    throw new CrmMetricsError(
      "NOT_CONVERGED",
      `${FN}: the fit did not converge in ${fit.iterations} iterations${fit.separation ? " (the outcomes are separated by the features; set options.l2 > 0)" : ""}, got step ${fit.lastStep}`,
      "options.maxIterations",
    );
  }

  // Back to the original scale: β_j = β̃_j / s_j, β₀ = β̃₀ - Σ β̃_j c_j / s_j (linear map A).
  const a: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  a[0]![0] = 1;
  for (let j = 1; j < p; j++) {
    a[0]![j] = -center[j - 1]! / scale[j - 1]!;
    a[j]![j] = 1 / scale[j - 1]!;
  }
  const beta = new Array<number>(p).fill(0);
  for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) beta[r] = beta[r]! + a[r]![c]! * fit.beta[c]!;

  let standardErrors: LeadScoringParams | null = null;
  let zValues: LeadScoringParams | null = null;
  let pValues: LeadScoringParams | null = null;
  const cov = invertSymmetricPositiveDefinite(fit.information);
  if (cov !== null) {
    const se = new Array<number>(p);
    for (let r = 0; r < p; r++) {
      let v = 0;
      for (let c = 0; c < p; c++) {
        if (a[r]![c] === 0) continue;
        for (let d = 0; d < p; d++) v += a[r]![c]! * cov[c]![d]! * a[r]![d]!;
      }
      se[r] = Math.sqrt(Math.max(0, v));
    }
    if (se.every((s) => Number.isFinite(s) && s > 0)) {
      const zs = beta.map((b, r) => b / se[r]!);
      const ps = zs.map((v) => Math.min(1, 2 * normalSurvival(Math.abs(v))));
      standardErrors = { intercept: se[0]!, coefficients: se.slice(1) };
      zValues = { intercept: zs[0]!, coefficients: zs.slice(1) };
      pValues = { intercept: ps[0]!, coefficients: ps.slice(1) };
    }
  }
  const rate = positives / n;
  const nullLogLikelihood = positives * Math.log(rate) + (n - positives) * Math.log(1 - rate);
  return {
    type: "logistic-regression",
    features,
    terms,
    params: { intercept: beta[0]!, coefficients: beta.slice(1) },
    standardErrors,
    zValues,
    pValues,
    l2,
    standardized: standardize,
    logLikelihood: fit.logLikelihood,
    nullLogLikelihood,
    converged: fit.converged,
    iterations: fit.iterations,
    separation: fit.separation,
    n,
    positives,
  };
}

interface NewtonFit {
  readonly beta: number[];
  readonly information: number[][];
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly separation: boolean;
  readonly lastStep: number;
}

/** log σ(η) without overflow. */
function logSigmoid(eta: number): number {
  return eta < 0 ? eta - Math.log1p(Math.exp(eta)) : -Math.log1p(Math.exp(-eta));
}

/** The design as distinct standardised rows with lead and conversion counts. */
interface GroupedDesign {
  readonly z: Float64Array;
  readonly count: Float64Array;
  readonly converted: Float64Array;
  readonly rows: number;
  readonly p: number;
}

/** Penalised Newton-Raphson (IRLS) on the grouped standardised design. */
function newton(
  design: GroupedDesign,
  l2: number,
  tolerance: number,
  maxIterations: number,
  rate: number,
): NewtonFit {
  const { z, count, converted, rows, p } = design;
  const beta = new Array<number>(p).fill(0);
  beta[0] = Math.log(rate / (1 - rate));
  const eta = new Float64Array(rows);
  const objective = (b: readonly number[]): { ll: number; obj: number; maxEta: number } => {
    let ll = 0;
    let maxEta = 0;
    for (let i = 0; i < rows; i++) {
      let e = 0;
      const row = i * p;
      for (let j = 0; j < p; j++) e += z[row + j]! * b[j]!;
      eta[i] = e;
      if (Math.abs(e) > maxEta) maxEta = Math.abs(e);
      const k = converted[i]!;
      const rest = count[i]! - k;
      if (k > 0) ll += k * logSigmoid(e);
      if (rest > 0) ll += rest * logSigmoid(-e);
    }
    let pen = 0;
    for (let j = 1; j < p; j++) pen += b[j]! * b[j]!;
    return { ll, obj: ll - 0.5 * l2 * pen, maxEta };
  };
  const information = (): number[][] => {
    const h: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < rows; i++) {
      const mu = sigmoid(eta[i]!);
      const w = count[i]! * mu * (1 - mu);
      if (w === 0) continue;
      const row = i * p;
      for (let r = 0; r < p; r++) {
        const zr = w * z[row + r]!;
        if (zr === 0) continue;
        const hr = h[r]!;
        for (let c = 0; c <= r; c++) hr[c] = hr[c]! + zr * z[row + c]!;
      }
    }
    for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) h[c]![r] = h[r]![c]!;
    return h;
  };
  let current = objective(beta);
  let converged = false;
  let iterations = 0;
  let lastStep = Number.POSITIVE_INFINITY;
  let separation = false;
  while (iterations < maxIterations) {
    iterations++;
    const grad = new Array<number>(p).fill(0);
    for (let i = 0; i < rows; i++) {
      const r = converted[i]! - count[i]! * sigmoid(eta[i]!);
      const row = i * p;
      for (let j = 0; j < p; j++) grad[j] = grad[j]! + r * z[row + j]!;
    }
    const h = information();
    for (let j = 1; j < p; j++) {
      grad[j] = grad[j]! - l2 * beta[j]!;
      h[j]![j] = h[j]![j]! + l2;
    }
    const chol = cholesky(h);
    if (chol === null) {
      // Singular information: collinear columns without a penalty, or saturated fitted
      // values (separation, flagged below).
      if (current.maxEta <= 20 && l2 === 0) {
        throw new CrmMetricsError(
          "INSUFFICIENT_DATA",
          `${FN}: the design matrix is singular (collinear features or an empty level); drop a feature or set options.l2 > 0, got ${p} columns`,
          "options.features",
        );
      }
      break;
    }
    const step = choleskySolve(chol, grad);
    lastStep = Math.max(...step.map(Math.abs));
    let t = 1;
    let trial = beta.map((b, j) => b + step[j]!);
    let next = objective(trial);
    while (next.obj < current.obj - 1e-12 * Math.abs(current.obj) && t > 1e-10) {
      t /= 2;
      trial = beta.map((b, j) => b + t * step[j]!);
      next = objective(trial);
    }
    for (let j = 0; j < p; j++) beta[j] = trial[j]!;
    current = next;
    if (lastStep <= tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged && current.maxEta > 20) separation = true;
  // Unpenalised information at the estimate (for standard errors); eta is current.
  objective(beta);
  return { beta, information: information(), logLikelihood: current.ll, converged, iterations, separation, lastStep };
}
