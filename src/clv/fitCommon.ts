// Internal helpers of the CLV model fits: reading and compressing customer summaries,
// running the optimiser on log-parameters, standard errors, model validation.
import { CrmMetricsError, invalidInput, recordPath } from "../core/errors.js";
import { invertSymmetricPositiveDefinite } from "../core/stats/linalg.js";
import { minimizeBfgs, numericHessian, withNumericGradient, type Objective } from "../core/stats/optimize.js";
import { isRecord, readNumber, resolveBooleanOption, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";
import type { ClvFitOptions, FittedModelInfo } from "./types.js";

/** Compressed continuous-time histories: one row per distinct (x, t_x, T). @internal */
export interface CompressedHistories {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  readonly rows: number;
  readonly n: number;
}

function readWeight(fn: string, path: string, value: unknown): number {
  if (value === undefined) return 1;
  return readNumber(fn, path, value, { min: 0, minExclusive: true });
}

/** Merge rows with the same three keys, summing weights (insertion order kept). @internal */
class RowCompressor {
  private readonly index = new Map<number, Map<number, Map<number, number>>>();
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly c: number[] = [];
  readonly w: number[] = [];
  n = 0;

  add(a: number, b: number, c: number, w: number): void {
    this.n += w;
    let m1 = this.index.get(a);
    if (m1 === undefined) {
      m1 = new Map();
      this.index.set(a, m1);
    }
    let m2 = m1.get(b);
    if (m2 === undefined) {
      m2 = new Map();
      m1.set(b, m2);
    }
    const k = m2.get(c);
    if (k === undefined) {
      m2.set(c, this.a.length);
      this.a.push(a);
      this.b.push(b);
      this.c.push(c);
      this.w.push(w);
    } else this.w[k]! += w;
  }
}

/**
 * Read continuous-time histories `{ frequency, recency, T, weight? }`, validate them and
 * merge identical rows. Throws `EMPTY_INPUT` without rows. @internal
 */
export function readPurchaseHistories(fn: string, input: unknown, name = "customers"): CompressedHistories {
  return compressRows(fn, input, name, (row, path) => {
    const h = readPurchaseHistory(fn, row, path);
    return [h.x, h.tx, h.T, h.w];
  });
}

function compressRows(
  fn: string,
  input: unknown,
  name: string,
  read: (row: unknown, path: string) => [number, number, number, number],
): CompressedHistories {
  const rows = toArray<unknown>(fn, name, input);
  const comp = new RowCompressor();
  for (let i = 0; i < rows.length; i++) {
    const [a, b, c, w] = read(rows[i], recordPath(name, i));
    comp.add(a, b, c, w);
  }
  if (comp.a.length === 0) throw new CrmMetricsError("EMPTY_INPUT", `${fn}: ${name} must hold at least one customer`, name);
  return {
    x: Float64Array.from(comp.a),
    tx: Float64Array.from(comp.b),
    T: Float64Array.from(comp.c),
    w: Float64Array.from(comp.w),
    rows: comp.a.length,
    n: comp.n,
  };
}

/**
 * Deterministic starting value of a rate scale (alpha, beta): total observed time over
 * total repeat purchases, clamped to [1e-3, 1e6]; 1 without purchases. @internal
 */
export function startingScale(d: CompressedHistories): number {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < d.rows; i++) {
    sx += d.w[i]! * d.x[i]!;
    sT += d.w[i]! * d.T[i]!;
  }
  return sx > 0 && sT > 0 ? Math.min(Math.max(sT / sx, 1e-3), 1e6) : 1;
}

/** Validate one continuous-time history. @internal */
export function readPurchaseHistory(
  fn: string,
  value: unknown,
  path: string,
): { x: number; tx: number; T: number; w: number } {
  if (!isRecord(value)) return invalidInput(fn, path, "must be an object with frequency, recency and T", value);
  const x = readNumber(fn, `${path}.frequency`, value.frequency, { min: 0, integer: true });
  const tx = readNumber(fn, `${path}.recency`, value.recency, { min: 0 });
  const T = readNumber(fn, `${path}.T`, value.T, { min: 0 });
  if (tx > T) invalidInput(fn, `${path}.recency`, `must be <= T (${T})`, tx);
  if (x === 0 && tx !== 0) invalidInput(fn, `${path}.recency`, "must be 0 when frequency is 0", tx);
  const w = readWeight(fn, `${path}.weight`, value.weight);
  return { x, tx, T, w };
}

/** Read and merge discrete-time histories `{ frequency, recency, periods, weight? }`. @internal */
export function readDiscreteHistories(fn: string, input: unknown, name = "customers"): CompressedHistories {
  return compressRows(fn, input, name, (row, path) => {
    const h = readDiscreteHistory(fn, row, path);
    return [h.x, h.tx, h.n, h.w];
  });
}

/** Validate one discrete-time history. @internal */
export function readDiscreteHistory(
  fn: string,
  value: unknown,
  path: string,
): { x: number; tx: number; n: number; w: number } {
  if (!isRecord(value)) return invalidInput(fn, path, "must be an object with frequency, recency and periods", value);
  const n = readNumber(fn, `${path}.periods`, value.periods, { min: 1, integer: true });
  const x = readNumber(fn, `${path}.frequency`, value.frequency, { min: 0, max: n, integer: true });
  const tx = readNumber(fn, `${path}.recency`, value.recency, { min: 0, max: n, integer: true });
  if (x === 0 && tx !== 0) invalidInput(fn, `${path}.recency`, "must be 0 when frequency is 0", tx);
  if (x > 0 && tx < x) invalidInput(fn, `${path}.recency`, `must be >= frequency (${x})`, tx);
  const w = readWeight(fn, `${path}.weight`, value.weight);
  return { x, tx, n, w };
}

/** Resolved common fit options. @internal */
export interface ResolvedFitOptions {
  readonly penalizer: number;
  readonly maxIterations: number;
  readonly throwOnNotConverged: boolean;
  readonly timeUnit: string | undefined;
}

/** Validate the options shared by the fits. @internal */
export function resolveFitOptions(fn: string, options: ClvFitOptions | undefined): ResolvedFitOptions {
  const opts = resolveOptions(fn, options);
  const penalizer = resolveNumberOption(fn, "penalizer", opts.penalizer, 0, { min: 0 });
  const maxIterations = resolveNumberOption(fn, "maxIterations", opts.maxIterations, 500, { min: 1, integer: true });
  const throwOnNotConverged = resolveBooleanOption(fn, "throwOnNotConverged", opts.throwOnNotConverged, false);
  if (opts.timeUnit !== undefined && typeof opts.timeUnit !== "string") {
    throw new CrmMetricsError("INVALID_OPTION", `${fn}: options.timeUnit must be a string, got ${typeof opts.timeUnit}`, "options.timeUnit");
  }
  return { penalizer, maxIterations, throwOnNotConverged, timeUnit: opts.timeUnit };
}

/**
 * The total weighted log-likelihood at natural parameters `theta`; when `gradient` is not
 * null it receives d LL / d theta. Return NaN or -Infinity outside the domain. @internal
 */
export type LogLikelihood = (theta: readonly number[], gradient: number[] | null) => number;

/** Outcome of {@link fitLogParameters}. @internal */
export interface FitOutcome<P> {
  readonly params: P;
  readonly standardErrors: { readonly [K in keyof P]: number | null };
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
}

/**
 * Maximise a log-likelihood over log-parameters with BFGS from deterministic starting
 * values, then compute Hessian standard errors (delta method back to the natural scale).
 * `analyticGradient` says whether `logLik` fills its gradient; otherwise central
 * differences are used. @internal
 */
export function fitLogParameters<P>(
  fn: string,
  names: readonly (keyof P & string)[],
  start: readonly number[],
  logLik: LogLikelihood,
  analyticGradient: boolean,
  totalWeight: number,
  options: ResolvedFitOptions,
): FitOutcome<P> {
  const k = names.length;
  const pen = options.penalizer;
  const theta = new Array<number>(k).fill(0);
  const gTheta = new Array<number>(k).fill(0);
  const valueOnly = (u: readonly number[]): number => {
    for (let i = 0; i < k; i++) theta[i] = Math.exp(u[i]!);
    const ll = logLik(theta, null);
    let p = 0;
    for (let i = 0; i < k; i++) p += theta[i]! * theta[i]!;
    const v = -ll / totalWeight + pen * p;
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const objective: Objective = analyticGradient
    ? (u, grad) => {
        for (let i = 0; i < k; i++) theta[i] = Math.exp(u[i]!);
        const ll = logLik(theta, grad === null ? null : gTheta);
        let p = 0;
        for (let i = 0; i < k; i++) {
          p += theta[i]! * theta[i]!;
          if (grad !== null) grad[i] = theta[i]! * (-gTheta[i]! / totalWeight + 2 * pen * theta[i]!);
        }
        const v = -ll / totalWeight + pen * p;
        return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
      }
    : withNumericGradient(valueOnly, 1e-6);
  const u0 = start.map((s) => Math.log(s));
  const result = minimizeBfgs(objective, u0, {
    maxIterations: options.maxIterations,
    gradientTolerance: analyticGradient ? 1e-8 : 1e-7,
  });
  if (!result.converged && options.throwOnNotConverged) {
    throw new CrmMetricsError(
      "NOT_CONVERGED",
      `${fn}: the optimiser stopped after ${result.iterations} iterations without meeting its tolerance (largest gradient ${Math.max(...result.gradient.map(Math.abs))})`,
    );
  }
  const est = result.x.map((u) => Math.exp(u));
  const logLikelihood = logLik(est, null);
  // Standard errors: inverse Hessian of the total penalised objective in u = log(theta).
  const H = (analyticGradient ? numericHessian(objective, result.x, 1e-6, result.gradient) : numericHessian(objective, result.x, 1e-4)).map((row) =>
    row.map((h) => h * totalWeight),
  );
  const inv = H.every((row) => row.every(Number.isFinite)) ? invertSymmetricPositiveDefinite(H) : null;
  const params = {} as Record<string, number>;
  const se = {} as Record<string, number | null>;
  names.forEach((name, i) => {
    params[name] = est[i]!;
    const v = inv === null ? Number.NaN : inv[i]![i]!;
    se[name] = v > 0 && Number.isFinite(v) ? est[i]! * Math.sqrt(v) : null;
  });
  if (!Number.isFinite(logLikelihood) || !est.every(Number.isFinite)) {
    throw new CrmMetricsError("NOT_CONVERGED", `${fn}: the fit left the parameter domain (log-likelihood ${logLikelihood})`);
  }
  return {
    params: params as P,
    standardErrors: se as { readonly [K in keyof P]: number | null },
    logLikelihood,
    converged: result.converged,
    iterations: result.iterations,
  };
}

/** Assemble the model object with the common fields. @internal */
export function modelInfo<P>(
  outcome: FitOutcome<P>,
  n: number,
  distinctRows: number,
  options: ResolvedFitOptions,
): FittedModelInfo<P> {
  const info: FittedModelInfo<P> = {
    params: outcome.params,
    standardErrors: outcome.standardErrors,
    logLikelihood: outcome.logLikelihood,
    converged: outcome.converged,
    iterations: outcome.iterations,
    n,
    distinctRows,
    penalizer: options.penalizer,
  };
  return options.timeUnit === undefined ? info : { ...info, timeUnit: options.timeUnit };
}

/** log(exp(a) + exp(b)) with a max shift. @internal */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
