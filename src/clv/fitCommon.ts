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

/**
 * Merge rows with the same three keys, summing weights, with an
 * open-addressing hash table on the keys' bit patterns (about 10x faster than nested
 * `Map`s keyed by doubles on a million rows). Keys are finite and never -0. @internal
 */
class RowCompressor {
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly c: number[] = [];
  readonly w: number[] = [];
  n = 0;
  private table = new Int32Array(1024);
  private mask = 1023;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  private mix(h: number, v: number): number {
    this.f64[0] = v;
    h = Math.imul(h ^ this.u32[0]!, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ this.u32[1]!, 0x85ebca77);
    return h ^ (h >>> 13);
  }

  add(a: number, b: number, c: number, w: number): void {
    this.n += w;
    let slot = this.mix(this.mix(this.mix(0x12345, a), b), c) & this.mask;
    for (;;) {
      const k = this.table[slot]!;
      if (k === 0) break;
      const idx = k - 1;
      if (this.a[idx] === a && this.b[idx] === b && this.c[idx] === c) {
        this.w[idx]! += w;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    this.a.push(a);
    this.b.push(b);
    this.c.push(c);
    this.w.push(w);
    this.table[slot] = this.a.length;
    if (this.a.length * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let idx = 0; idx < this.a.length; idx++) {
      let slot = this.mix(this.mix(this.mix(0x12345, this.a[idx]!), this.b[idx]!), this.c[idx]!) & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = idx + 1;
    }
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
  // Rows in key order, so that the likelihood sums (and so the fit) do not depend on the
  // order of the input records.
  const { a, b, c, w } = comp;
  const order = Array.from(a, (_, i) => i).sort((i, j) => a[i]! - a[j]! || b[i]! - b[j]! || c[i]! - c[j]!);
  return {
    x: Float64Array.from(order, (i) => a[i]!),
    tx: Float64Array.from(order, (i) => b[i]!),
    T: Float64Array.from(order, (i) => c[i]!),
    w: Float64Array.from(order, (i) => w[i]!),
    rows: a.length,
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
  // Fast path for the common, valid record; anything else takes the checks below, which
  // name the offending field.
  const f = value.frequency;
  const r = value.recency;
  const t = value.T;
  const wv = value.weight;
  if (
    typeof f === "number" &&
    typeof r === "number" &&
    typeof t === "number" &&
    Number.isInteger(f) &&
    f >= 0 &&
    r >= 0 &&
    t >= r &&
    t < Number.POSITIVE_INFINITY &&
    (f > 0 || r === 0) &&
    (wv === undefined || (typeof wv === "number" && wv > 0 && wv < Number.POSITIVE_INFINITY))
  ) {
    return { x: f === 0 ? 0 : f, tx: r === 0 ? 0 : r, T: t === 0 ? 0 : t, w: wv === undefined ? 1 : wv };
  }
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
 * Shape parameters outside [SHAPE_LIMIT_LOW, SHAPE_LIMIT_HIGH] mean the optimiser ran off to a
 * limit of the model (no heterogeneity left to estimate: one customer, identical
 * customers), where the likelihood keeps creeping up and the gradient vanishes. Such a fit
 * is reported as not converged. Above 1e5 a gamma or beta mixing distribution has a
 * coefficient of variation below 0.3 %: no heterogeneity is left to estimate, and on such
 * flat likelihoods where the optimiser stops is an accident of rounding (30 identical BG/BB
 * customers stopped at alpha 1.4e5 or 1.1e14 depending on the last digit of ln Gamma).
 * Scale parameters (in the data's time or money unit) are not checked. @internal
 */
export const SHAPE_LIMIT_LOW = 1e-6;
/** See {@link SHAPE_LIMIT_LOW}. @internal */
export const SHAPE_LIMIT_HIGH = 1e5;

/**
 * Maximise a log-likelihood over log-parameters with BFGS from deterministic starting
 * values, then compute Hessian standard errors (delta method back to the natural scale).
 * `analyticGradient` says whether `logLik` fills its gradient; otherwise central
 * differences are used. `scales` names the scale parameters; every other parameter is a
 * shape, and a shape that ends outside [1e-6, 1e5] makes the fit not converged. @internal
 */
export function fitLogParameters<P>(
  fn: string,
  names: readonly (keyof P & string)[],
  start: readonly number[],
  logLik: LogLikelihood,
  analyticGradient: boolean,
  totalWeight: number,
  options: ResolvedFitOptions,
  scales: readonly (keyof P & string)[] = [],
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
  const atLimit = names.filter((name, i) => !scales.includes(name) && !(est[i]! >= SHAPE_LIMIT_LOW && est[i]! <= SHAPE_LIMIT_HIGH));
  if (atLimit.length > 0 && options.throwOnNotConverged) {
    const shown = atLimit.map((name) => `${name} = ${est[names.indexOf(name)]!.toPrecision(3)}`).join(", ");
    throw new CrmMetricsError(
      "NOT_CONVERGED",
      `${fn}: the estimate ran off to a limit of the model (${shown}): the data do not identify it (too few customers, or customers too alike)`,
    );
  }
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
    converged: result.converged && atLimit.length === 0,
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
