import { CrmMetricsError, invalidInput, invalidOption, recordPath } from "../core/errors.js";
import type { ConfidenceOptions, DateInput, PeriodOptions } from "../core/options.js";
import { createRandom } from "../core/random.js";
import { quantileSorted } from "../core/stats/descriptive.js";
import { normalQuantile } from "../core/stats/distributions.js";
import { addPeriods, isoString, periodLabel, periodStart, resolvePeriod, resolveTimeZone, resolveWeekStartsOn, toTimestamp } from "../core/time.js";
import { isRecord, resolveBooleanOption, resolveEnum, resolveLevel, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";

/** Seasonality of a Holt-Winters model. */
export type ForecastSeasonality = "additive" | "multiplicative" | "none";

/** Trend of a Holt-Winters model. */
export type ForecastTrend = "additive" | "none";

/** A point of a revenue series. */
export interface RevenuePoint {
  /** Any instant in the period (its period start is used). */
  readonly periodStart: DateInput;
  /** Revenue of the period. */
  readonly value: number;
}

/** Smoothing parameters of {@link revenueForecast}. */
export interface HoltWintersParams {
  /** Level smoothing, in [0, 1]. */
  readonly alpha: number;
  /** Trend smoothing (statsmodels' `smoothing_trend`, beta* of Hyndman et al.), in [0, 1]; `null` without trend. */
  readonly beta: number | null;
  /** Seasonal smoothing, in [0, 1]; `null` without seasonality. */
  readonly gamma: number | null;
  /** Trend damping, in (0, 1]; `null` without a damped trend. */
  readonly phi: number | null;
}

/** Initial (or final) states of the model. */
export interface HoltWintersStates {
  /** Level. */
  readonly level: number;
  /** Trend (slope per period); `null` without trend. */
  readonly trend: number | null;
  /** Seasonal terms of one season (`seasonLength` values); `null` without seasonality. */
  readonly seasonal: readonly number[] | null;
}

/** Options of {@link revenueForecast}. */
export interface RevenueForecastOptions extends ConfidenceOptions, PeriodOptions {
  /**
   * Periods per season (12 for monthly data with a yearly cycle, 4 for quarters, 7 for days
   * with a weekly cycle). Ignored with `seasonal: "none"`.
   * @defaultValue for `{ periodStart, value }` points, 7 (day), 52 (week), 12 (month) or 4
   *   (quarter) by `period`; 12 for plain numbers
   */
  readonly seasonLength?: number;
  /**
   * Seasonality: added to the level (`"additive"`), multiplying it (`"multiplicative"`,
   * needs values > 0), or none.
   * @defaultValue `"additive"` (`"none"` for yearly points)
   */
  readonly seasonal?: ForecastSeasonality;
  /**
   * Trend: `"additive"` (Holt's linear trend) or `"none"`.
   * @defaultValue `"additive"`
   */
  readonly trend?: ForecastTrend;
  /**
   * Damp the trend by `phi` per period (Gardner & McKenzie), so long horizons flatten out.
   * @defaultValue `false`
   */
  readonly damped?: boolean;
  /**
   * Periods to forecast.
   * @defaultValue `seasonLength` (12 without seasonality)
   */
  readonly horizon?: number;
  /**
   * Smoothing parameters to hold fixed; the others are fitted by minimising the one-step
   * sum of squared errors.
   * @defaultValue all fitted
   */
  readonly params?: Partial<HoltWintersParams>;
  /**
   * Known initial states (as statsmodels' `initialization_method="known"`).
   * @defaultValue the textbook heuristic: level = mean of the first season, trend = mean of
   *   `(y[m + i] - y[i]) / m`, seasonal = `y[i] - level` (or `y[i] / level`); without
   *   seasonality level = `y[0]`, trend = `y[1] - y[0]`
   */
  readonly initial?: Partial<HoltWintersStates>;
  /**
   * Sample paths of the simulated prediction intervals (multiplicative seasonality).
   * @defaultValue `5000`
   */
  readonly simulations?: number;
  /**
   * Seed of the simulated prediction intervals.
   * @defaultValue `1`
   */
  readonly seed?: number;
  /**
   * Rolling-origin backtest: `folds` forecast origins (the last ones of the series), each
   * refitted on the data before it and scored on the next `horizon` values; `false` skips it.
   * @defaultValue `{ folds: seasonLength, horizon: 1 }`, fewer folds when the series is short
   */
  readonly backtest?: false | { readonly folds?: number; readonly horizon?: number };
}

/** One forecast period. */
export interface RevenueForecastPoint {
  /** Steps ahead, 1..horizon. */
  readonly step: number;
  /** Start of the forecast period (ISO-8601 UTC) when the series has dates, else `null`. */
  readonly periodStart: string | null;
  /** Local label of the period when the series has dates, else `null`. */
  readonly label: string | null;
  /** Point forecast. */
  readonly value: number;
  /** Lower bound of the prediction interval. */
  readonly lower: number;
  /** Upper bound of the prediction interval. */
  readonly upper: number;
}

/** Rolling-origin backtest errors. */
export interface RevenueForecastBacktest {
  /** Forecast origins. */
  readonly folds: number;
  /** Steps forecast from each origin. */
  readonly horizon: number;
  /** Forecast errors scored (`folds * horizon`). */
  readonly n: number;
  /** Mean absolute error. */
  readonly mae: number;
  /** Root mean squared error. */
  readonly rmse: number;
  /** Mean absolute percentage error as a fraction (0.05 = 5 %); `null` when an actual is 0. */
  readonly mape: number | null;
  /** Mean absolute scaled error (Hyndman & Koehler 2006; seasonal-naive scale of each fold's training data); `null` when a scale is 0. */
  readonly mase: number | null;
}

/** Result of {@link revenueForecast}. */
export interface RevenueForecastResult {
  /** Observations. */
  readonly n: number;
  readonly trend: ForecastTrend;
  readonly seasonal: ForecastSeasonality;
  readonly damped: boolean;
  /** Season length; `null` without seasonality. */
  readonly seasonLength: number | null;
  /** Smoothing parameters used. */
  readonly params: HoltWintersParams;
  /** Names of the parameters that were fitted (the others were fixed). */
  readonly estimated: readonly ("alpha" | "beta" | "gamma" | "phi")[];
  /** Initial states. */
  readonly initial: HoltWintersStates;
  /** States after the last observation; `seasonal` lists the terms of the next `seasonLength` periods in order. */
  readonly final: HoltWintersStates;
  /** Level after each observation. */
  readonly levels: readonly number[];
  /** One-step fitted value of each observation. */
  readonly fitted: readonly number[];
  /** Sum of squared one-step errors. */
  readonly sse: number;
  /** Residual standard deviation, `sqrt(sse / n)`. */
  readonly sigma: number;
  /** Forecasts, 1..horizon steps ahead. */
  readonly forecasts: readonly RevenueForecastPoint[];
  /** How the prediction intervals were made. */
  readonly interval: { readonly method: "analytic" | "simulation"; readonly level: number };
  /** Optimiser report (zero iterations when every parameter was fixed). */
  readonly optimizer: { readonly converged: boolean; readonly iterations: number; readonly evaluations: number };
  /** Rolling-origin backtest; `null` when skipped or the series is too short. */
  readonly backtest: RevenueForecastBacktest | null;
}

interface Model {
  readonly trend: boolean;
  readonly seasonal: ForecastSeasonality;
  readonly damped: boolean;
  readonly m: number;
}

interface Params {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface Init {
  level: number;
  trend: number;
  seasonal: number[];
}

interface Run {
  sse: number;
  fitted: Float64Array;
  levels: Float64Array;
  level: number;
  trend: number;
  /** Seasonal terms of the next m periods. */
  season: number[];
}

type ParamName = "alpha" | "beta" | "gamma" | "phi";

/** Default season length of dated series: a week of days, a year of weeks, months, quarters. */
const SEASON_OF: Readonly<Record<NonNullable<PeriodOptions["period"]>, number | null>> = { day: 7, week: 52, month: 12, quarter: 4, year: null };

/**
 * Forecast a periodic revenue series with Holt-Winters exponential smoothing: level,
 * additive (optionally damped) trend and additive or multiplicative seasonality, in the
 * error-correction form of Hyndman et al. (2008) used by statsmodels' ExponentialSmoothing.
 * Smoothing parameters not given are fitted by minimising the one-step sum of squared
 * errors with Nelder-Mead from fixed starting points (deterministic), within
 * `0 <= alpha <= 1`, `0 <= beta <= 1`, `0 <= gamma <= 1 - alpha`, `0.8 <= phi <= 0.98`.
 * Prediction intervals are analytic for additive seasonality (Hyndman et al. 2008, class 1
 * variance with `sigma^2 = SSE / n`) and simulated from seeded normal errors for
 * multiplicative seasonality. A rolling-origin backtest reports MAE, RMSE, MAPE and MASE.
 *
 * @param series - Revenue per period, oldest first (numbers), or `{ periodStart, value }`
 *   points in any order, one per consecutive period.
 * @param options - Model, season length, horizon, fixed parameters, interval level, backtest.
 * @returns Fitted parameters and states, fitted values, forecasts with intervals and the
 *   backtest errors.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a non-finite value, a value <= 0 with
 *   multiplicative seasonality, or points that are duplicated or not consecutive;
 *   `INSUFFICIENT_DATA` for fewer than two seasons (three values without seasonality);
 *   `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when fixed parameters make the
 *   recursions diverge.
 *
 * @example
 * const series = [10, 20, 30, 20, 12, 22, 32, 22, 14, 24, 34, 24];
 * const f = revenueForecast(series, { seasonLength: 4, params: { alpha: 0.5, beta: 0.1, gamma: 0.1 }, backtest: false });
 * f.forecasts.map((p) => p.value)
 * // => [15.03, 25.24, 35.54, 25.91]
 */
export function revenueForecast(series: Iterable<number | RevenuePoint>, options?: RevenueForecastOptions): RevenueForecastResult {
  const fn = "revenueForecast";
  const opts = resolveOptions(fn, options);
  const items = toArray<unknown>(fn, "series", series);
  const dated = items.length > 0 && isRecord(items[0]);
  const unit = dated ? resolvePeriod(fn, opts.period, "month") : null;
  const seasonal = resolveEnum<ForecastSeasonality>(
    fn,
    "seasonal",
    opts.seasonal,
    ["additive", "multiplicative", "none"],
    unit === "year" ? "none" : "additive",
  );
  const trendKind = resolveEnum<ForecastTrend>(fn, "trend", opts.trend, ["additive", "none"], "additive");
  const damped = resolveBooleanOption(fn, "damped", opts.damped, false);
  if (damped && trendKind === "none") invalidOption(fn, "damped", 'needs trend: "additive"', damped);
  const defaultSeason = SEASON_OF[unit ?? "month"];
  if (seasonal !== "none" && defaultSeason === null && opts.seasonLength === undefined) {
    invalidOption(fn, "seasonLength", "must be given for a seasonal model of yearly points", opts.seasonLength);
  }
  const m = seasonal === "none" ? 1 : resolveNumberOption(fn, "seasonLength", opts.seasonLength, defaultSeason ?? 12, { integer: true, min: 2 });
  const horizon = resolveNumberOption(fn, "horizon", opts.horizon, seasonal === "none" ? 12 : m, { integer: true, min: 1, max: 10_000 });
  const level = resolveLevel(fn, opts.level);
  const simulations = resolveNumberOption(fn, "simulations", opts.simulations, 5000, { integer: true, min: 100, max: 1_000_000 });
  const seed = resolveNumberOption(fn, "seed", opts.seed, 1, { integer: true });
  const model: Model = { trend: trendKind === "additive", seasonal, damped, m };
  const fixed = readFixedParams(fn, opts.params, model);
  const { values, dates } = readSeries(fn, items, opts, seasonal === "multiplicative");
  const n = values.length;
  const minimum = seasonal === "none" ? 3 : 2 * m;
  if (n < minimum) {
    throw new CrmMetricsError(
      "INSUFFICIENT_DATA",
      `${fn}: series must have at least ${seasonal === "none" ? "3 values" : `two seasons (${minimum} values)`}, got ${n}`,
      "series",
    );
  }
  const init = readInitial(fn, opts.initial, model, values);
  const fit = fitParams(values, model, init, fixed);
  const run = runModel(values, model, fit.params, init);
  if (!Number.isFinite(run.sse) || !Number.isFinite(run.level) || !Number.isFinite(run.trend)) {
    throw new CrmMetricsError(
      "NOT_CONVERGED",
      `${fn}: the model diverged (non-finite one-step errors) with parameters ${JSON.stringify(fit.params)}; fix other parameters or use additive seasonality`,
      "options.params",
    );
  }
  const sigma = Math.sqrt(run.sse / n);
  const points = forecastPoints(model, fit.params, run, horizon);
  const intervals =
    seasonal === "multiplicative"
      ? simulatedIntervals(model, fit.params, run, horizon, sigma, level, simulations, seed)
      : analyticIntervals(model, fit.params, points, sigma, level);
  const p = fit.params;
  const forecasts = points.map((value, k) => {
    const start = dates === null ? null : addPeriods(dates.last, dates.unit, k + 1, dates.timeZone);
    return {
      step: k + 1,
      periodStart: start === null ? null : isoString(start),
      label: start === null || dates === null ? null : periodLabel(start, dates.unit, dates.timeZone),
      value,
      lower: intervals[k]![0],
      upper: intervals[k]![1],
    };
  });
  return {
    n,
    trend: trendKind,
    seasonal,
    damped,
    seasonLength: seasonal === "none" ? null : m,
    params: {
      alpha: p.alpha,
      beta: model.trend ? p.beta : null,
      gamma: seasonal === "none" ? null : p.gamma,
      phi: damped ? p.phi : null,
    },
    estimated: fit.estimated,
    initial: statesOf(model, init.level, init.trend, init.seasonal),
    final: statesOf(model, run.level, run.trend, run.season),
    levels: Array.from(run.levels),
    fitted: Array.from(run.fitted),
    sse: run.sse,
    sigma,
    forecasts,
    interval: { method: seasonal === "multiplicative" ? "simulation" : "analytic", level },
    optimizer: { converged: fit.converged, iterations: fit.iterations, evaluations: fit.evaluations },
    backtest: backtest(fn, opts.backtest, values, model, fixed, m),
  };
}

function statesOf(model: Model, level: number, trend: number, seasonal: readonly number[]): HoltWintersStates {
  return {
    level,
    trend: model.trend ? trend : null,
    seasonal: model.seasonal === "none" ? null : seasonal.slice(),
  };
}

function readSeries(
  fn: string,
  items: readonly unknown[],
  opts: RevenueForecastOptions,
  positive: boolean,
): { values: Float64Array; dates: { last: number; unit: NonNullable<PeriodOptions["period"]>; timeZone: string } | null } {
  const n = items.length;
  const values = new Float64Array(n);
  const check = (path: string, v: unknown): number => {
    if (typeof v !== "number" || !Number.isFinite(v)) invalidInput(fn, path, "must be a finite number", v);
    if (positive && (v as number) <= 0) invalidInput(fn, path, "must be > 0 with multiplicative seasonality", v);
    return v as number;
  };
  if (n === 0 || typeof items[0] === "number" || !isRecord(items[0])) {
    for (let i = 0; i < n; i++) values[i] = check(recordPath("series", i), items[i]);
    return { values, dates: null };
  }
  const unit = resolvePeriod(fn, opts.period, "month");
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const weekStartsOn = resolveWeekStartsOn(fn, opts.weekStartsOn);
  const rows = items.map((item, i) => {
    if (!isRecord(item)) invalidInput(fn, recordPath("series", i), "must be a { periodStart, value } point like the others", item);
    const rec = item as Record<string, unknown>;
    const t = toTimestamp(fn, recordPath("series", i, "periodStart"), rec["periodStart"], timeZone);
    return { start: periodStart(t, unit, timeZone, weekStartsOn), value: check(recordPath("series", i, "value"), rec["value"]), i };
  });
  rows.sort((a, b) => a.start - b.start || a.i - b.i);
  for (let k = 0; k < n; k++) {
    const row = rows[k]!;
    if (k > 0) {
      const expected = addPeriods(rows[k - 1]!.start, unit, 1, timeZone);
      if (row.start !== expected) {
        const rule = row.start === rows[k - 1]!.start ? `must be the only point of its ${unit}` : `must follow the previous point by one ${unit} (no gaps)`;
        invalidInput(fn, recordPath("series", row.i, "periodStart"), rule, (items[row.i] as Record<string, unknown>)["periodStart"]);
      }
    }
    values[k] = row.value;
  }
  return { values, dates: { last: rows[n - 1]!.start, unit, timeZone } };
}

function readFixedParams(fn: string, value: unknown, model: Model): Partial<Params> {
  const raw = optionObject(fn, "params", value, "must be an object such as { alpha: 0.3 }");
  const out: Partial<Params> = {};
  const names: ParamName[] = ["alpha", "beta", "gamma", "phi"];
  for (const key of Object.keys(raw)) {
    if (!(names as string[]).includes(key)) invalidOption(fn, `params.${key}`, "is not a parameter (alpha, beta, gamma, phi)", raw[key]);
  }
  for (const name of names) {
    const v = raw[name];
    if (v === undefined || v === null) continue;
    const used = name === "alpha" || (name === "beta" && model.trend) || (name === "gamma" && model.seasonal !== "none") || (name === "phi" && model.damped);
    if (!used) invalidOption(fn, `params.${name}`, "is not a parameter of this model", v);
    out[name] = resolveNumberOption(fn, `params.${name}`, v, 0, name === "phi" ? { min: 0, max: 1, minExclusive: true } : { min: 0, max: 1 });
  }
  return out;
}

function readInitial(fn: string, value: unknown, model: Model, y: Float64Array): Init {
  const raw = optionObject(fn, "initial", value, "must be an object such as { level, trend, seasonal }");
  const h = heuristicInit(y, model);
  const levelValue = raw["level"] === undefined ? h.level : resolveNumberOption(fn, "initial.level", raw["level"], 0);
  const trendValue = raw["trend"] === undefined || !model.trend ? h.trend : resolveNumberOption(fn, "initial.trend", raw["trend"], 0);
  let seasonalValue = h.seasonal;
  const s = raw["seasonal"];
  if (s !== undefined && model.seasonal !== "none") {
    if (!Array.isArray(s) || s.length !== model.m) invalidOption(fn, "initial.seasonal", `must be an array of ${model.m} numbers`, s);
    seasonalValue = (s as unknown[]).map((v, i) => resolveNumberOption(fn, `initial.seasonal[${i}]`, v, 0));
  }
  return { level: levelValue, trend: trendValue, seasonal: seasonalValue };
}

/** A nested option object (`{}` when undefined), or `INVALID_OPTION` naming it. */
function optionObject(fn: string, name: string, value: unknown, rule: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) invalidOption(fn, name, rule, value);
  return value as Record<string, unknown>;
}

function heuristicInit(y: Float64Array, model: Model): Init {
  const { m } = model;
  if (model.seasonal === "none") {
    return { level: y[0]!, trend: model.trend ? y[1]! - y[0]! : 0, seasonal: [] };
  }
  let level = 0;
  for (let i = 0; i < m; i++) level += y[i]!;
  level /= m;
  let trend = 0;
  if (model.trend) {
    for (let i = 0; i < m; i++) trend += (y[m + i]! - y[i]!) / m;
    trend /= m;
  }
  const seasonal = Array.from(y.subarray(0, m), (v) => (model.seasonal === "multiplicative" ? v / level : v - level));
  return { level, trend, seasonal };
}

/** Run the recursions; `keep` stores fitted values and levels. */
function runModel(y: Float64Array, model: Model, p: Params, init: Init, keep = true): Run {
  const n = y.length;
  const { m, seasonal } = model;
  const phi = model.damped ? p.phi : 1;
  const beta = model.trend ? p.beta : 0;
  const fitted = keep ? new Float64Array(n) : new Float64Array(0);
  const levels = keep ? new Float64Array(n) : new Float64Array(0);
  const season = seasonal === "none" ? [] : init.seasonal.slice();
  let l = init.level;
  let b = model.trend ? init.trend : 0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const base = l + phi * b;
    const j = t % m;
    const s = seasonal === "none" ? 0 : season[j]!;
    const yhat = seasonal === "multiplicative" ? base * s : base + s;
    const e = y[t]! - yhat;
    sse += e * e;
    let next: number;
    if (seasonal === "multiplicative") {
      next = (p.alpha * y[t]!) / s + (1 - p.alpha) * base;
      season[j] = (p.gamma * y[t]!) / base + (1 - p.gamma) * s;
    } else {
      next = base + p.alpha * e;
      if (seasonal === "additive") season[j] = s + p.gamma * e;
    }
    b = beta * (next - l) + (1 - beta) * phi * b;
    l = next;
    if (keep) {
      fitted[t] = yhat;
      levels[t] = l;
    }
  }
  const start = n % m;
  const nextSeason = seasonal === "none" ? [] : Array.from({ length: m }, (_, k) => season[(start + k) % m]!);
  return { sse: Number.isFinite(sse) ? sse : Number.POSITIVE_INFINITY, fitted, levels, level: l, trend: b, season: nextSeason };
}

function forecastPoints(model: Model, p: Params, run: Run, horizon: number): number[] {
  const phi = model.damped ? p.phi : 1;
  const out: number[] = [];
  let damp = 0;
  let power = 1;
  for (let k = 1; k <= horizon; k++) {
    power *= phi;
    damp += power;
    const base = run.level + (model.trend ? damp * run.trend : 0);
    if (model.seasonal === "none") out.push(base);
    else {
      const s = run.season[(k - 1) % model.m]!;
      out.push(model.seasonal === "multiplicative" ? base * s : base + s);
    }
  }
  return out;
}

/** Hyndman et al. (2008), Table 6.1 class 1: var_h = sigma^2 (1 + sum_{j<h} c_j^2). */
function analyticIntervals(model: Model, p: Params, points: number[], sigma: number, level: number): [number, number][] {
  const z = normalQuantile(1 - (1 - level) / 2);
  const phi = model.damped ? p.phi : 1;
  const beta = model.trend ? p.alpha * p.beta : 0;
  const out: [number, number][] = [];
  let sum = 0;
  let phiJ = 0;
  let power = 1;
  for (let h = 1; h <= points.length; h++) {
    if (h > 1) {
      const j = h - 1;
      power *= phi;
      phiJ += power;
      const c = p.alpha + beta * phiJ + (model.seasonal === "additive" && j % model.m === 0 ? p.gamma : 0);
      sum += c * c;
    }
    const half = z * sigma * Math.sqrt(1 + sum);
    out.push([points[h - 1]! - half, points[h - 1]! + half]);
  }
  return out;
}

/** Quantiles of sample paths simulated with normal errors (ETS(A,Ad,M) recursions). */
function simulatedIntervals(
  model: Model,
  p: Params,
  run: Run,
  horizon: number,
  sigma: number,
  level: number,
  simulations: number,
  seed: number,
): [number, number][] {
  const random = createRandom(seed);
  const phi = model.damped ? p.phi : 1;
  const beta = model.trend ? p.beta : 0;
  const paths = Array.from({ length: horizon }, () => new Float64Array(simulations));
  const season = new Float64Array(model.m);
  for (let r = 0; r < simulations; r++) {
    let l = run.level;
    let b = run.trend;
    season.set(run.season);
    for (let k = 0; k < horizon; k++) {
      const base = l + phi * b;
      const j = k % model.m;
      const s = season[j]!;
      const yk = base * s + sigma * random.normal();
      paths[k]![r] = yk;
      // a path that reaches a zero level or seasonal term keeps its previous state there
      const next = s === 0 ? base : (p.alpha * yk) / s + (1 - p.alpha) * base;
      season[j] = base === 0 ? s : (p.gamma * yk) / base + (1 - p.gamma) * s;
      b = model.trend ? beta * (next - l) + (1 - beta) * phi * b : 0;
      l = next;
    }
  }
  const tail = (1 - level) / 2;
  return paths.map((values) => {
    values.sort();
    return [quantileSorted(values, tail), quantileSorted(values, 1 - tail)];
  });
}

// ---- fitting -------------------------------------------------------------------------

// sin^2 maps the real line onto [0, 1] and reaches both bounds at finite points, so the
// optimiser can land on a boundary (beta = 0, gamma = 1 - alpha are common optima).
const toUnit = (u: number): number => Math.sin(u) ** 2;
const fromUnit = (x: number): number => Math.asin(Math.sqrt(x));

function fitParams(
  y: Float64Array,
  model: Model,
  init: Init,
  fixed: Partial<Params>,
): { params: Params; estimated: ParamName[]; converged: boolean; iterations: number; evaluations: number } {
  const free: ParamName[] = [];
  if (fixed.alpha === undefined) free.push("alpha");
  if (model.trend && fixed.beta === undefined) free.push("beta");
  if (model.seasonal !== "none" && fixed.gamma === undefined) free.push("gamma");
  if (model.damped && fixed.phi === undefined) free.push("phi");
  // Unconstrained coordinates: alpha = s(u), beta = s(u), gamma = (1 - alpha) s(u) (a fixed
  // gamma stays as given), phi = 0.8 + 0.18 s(u), with s(u) = sin^2(u).
  const decode = (u: ArrayLike<number>): Params => {
    const get = (name: ParamName): number | undefined => {
      const k = free.indexOf(name);
      return k < 0 ? undefined : toUnit(u[k]!);
    };
    const alpha = fixed.alpha ?? get("alpha")!;
    const gammaFree = get("gamma");
    const phiFree = get("phi");
    return {
      alpha,
      beta: fixed.beta ?? get("beta") ?? 0,
      gamma: fixed.gamma ?? (gammaFree === undefined ? 0 : (1 - alpha) * gammaFree),
      phi: fixed.phi ?? (phiFree === undefined ? 1 : 0.8 + 0.18 * phiFree),
    };
  };
  if (free.length === 0) return { params: decode([]), estimated: [], converged: true, iterations: 0, evaluations: 0 };
  const objective = (u: ArrayLike<number>): number => runModel(y, model, decode(u), init, false).sse;
  const startValues: Record<ParamName, number[]> = {
    alpha: [0.5, 0.2, 0.8],
    beta: [0.1, 0.05, 0.3],
    gamma: [0.1, 0.5, 0.3],
    phi: [0.5, 0.8, 0.2],
  };
  let best: NelderMeadResult | null = null;
  let iterations = 0;
  let evaluations = 0;
  for (let s = 0; s < 3; s++) {
    const start = free.map((name) => fromUnit(startValues[name][s]!));
    const r = nelderMead(objective, start);
    iterations += r.iterations;
    evaluations += r.evaluations;
    if (best === null || r.value < best.value) best = r;
  }
  // restart from the best point: Nelder-Mead simplices can collapse early
  const polished = nelderMead(objective, best!.x);
  iterations += polished.iterations;
  evaluations += polished.evaluations;
  const final = polished.value <= best!.value ? polished : best!;
  return { params: decode(final.x), estimated: free, converged: polished.converged, iterations, evaluations };
}

interface NelderMeadResult {
  x: number[];
  value: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
}

/** Nelder-Mead simplex minimiser (standard coefficients 1, 2, 0.5, 0.5). */
function nelderMead(f: (x: ArrayLike<number>) => number, start: readonly number[], maxIterations = 2000): NelderMeadResult {
  const d = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const simplex: { x: number[]; v: number }[] = [{ x: start.slice(), v: evaluate(start.slice()) }];
  for (let i = 0; i < d; i++) {
    const x = start.slice();
    x[i] = x[i]! + 0.25;
    simplex.push({ x, v: evaluate(x) });
  }
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    simplex.sort((a, b) => a.v - b.v);
    const bestV = simplex[0]!.v;
    const worst = simplex[d]!;
    const spread = Math.abs(worst.v - bestV);
    let size = 0;
    for (let i = 1; i <= d; i++) {
      for (let k = 0; k < d; k++) size = Math.max(size, Math.abs(simplex[i]!.x[k]! - simplex[0]!.x[k]!));
    }
    if (spread <= 1e-12 * (Math.abs(bestV) + 1e-12) && size < 1e-6) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) centroid[k]! += simplex[i]!.x[k]! / d;
    const along = (t: number): number[] => centroid.map((c, k) => c + t * (worst.x[k]! - c));
    const reflected = along(-1);
    const vr = evaluate(reflected);
    if (vr < bestV) {
      const expanded = along(-2);
      const ve = evaluate(expanded);
      simplex[d] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[d - 1]!.v) {
      simplex[d] = { x: reflected, v: vr };
    } else {
      const contracted = vr < worst.v ? along(-0.5) : along(0.5);
      const vc = evaluate(contracted);
      if (vc < Math.min(vr, worst.v)) simplex[d] = { x: contracted, v: vc };
      else {
        const x0 = simplex[0]!.x;
        for (let i = 1; i <= d; i++) {
          const x = simplex[i]!.x.map((v, k) => x0[k]! + 0.5 * (v - x0[k]!));
          simplex[i] = { x, v: evaluate(x) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, converged, iterations, evaluations };
}

// ---- backtest ------------------------------------------------------------------------

function backtest(
  fn: string,
  value: unknown,
  y: Float64Array,
  model: Model,
  fixed: Partial<Params>,
  m: number,
): RevenueForecastBacktest | null {
  if (value === false) return null;
  const raw = optionObject(fn, "backtest", value, "must be false or an object such as { folds, horizon }");
  const horizon = resolveNumberOption(fn, "backtest.horizon", raw["horizon"], 1, { integer: true, min: 1 });
  const minTrain = model.seasonal === "none" ? 3 : 2 * model.m;
  const available = y.length - minTrain - horizon + 1;
  const folds =
    raw["folds"] === undefined
      ? Math.min(model.seasonal === "none" ? 12 : m, available)
      : resolveNumberOption(fn, "backtest.folds", raw["folds"], 1, { integer: true, min: 1 });
  if (folds < 1 || folds > available) {
    if (raw["folds"] !== undefined) {
      invalidOption(fn, "backtest.folds", `must leave at least ${minTrain} training values before the first origin (at most ${Math.max(available, 0)})`, raw["folds"]);
    }
    return null;
  }
  let absSum = 0;
  let sqSum = 0;
  let pctSum = 0;
  let scaledSum = 0;
  let pctValid = true;
  let scaleValid = true;
  let count = 0;
  const lag = model.seasonal === "none" ? 1 : model.m;
  for (let f = 0; f < folds; f++) {
    const origin = y.length - horizon - (folds - 1 - f);
    const train = y.subarray(0, origin);
    // each fold starts from the heuristic initial states of its own training data
    const init = heuristicInit(train, model);
    const fit = fitParams(train, model, init, fixed);
    const run = runModel(train, model, fit.params, init, false);
    const predicted = forecastPoints(model, fit.params, run, horizon);
    let scale = 0;
    for (let t = lag; t < origin; t++) scale += Math.abs(train[t]! - train[t - lag]!);
    scale /= origin - lag;
    for (let k = 0; k < horizon; k++) {
      const actual = y[origin + k]!;
      const e = actual - predicted[k]!;
      absSum += Math.abs(e);
      sqSum += e * e;
      if (actual === 0) pctValid = false;
      else pctSum += Math.abs(e / actual);
      if (scale === 0) scaleValid = false;
      else scaledSum += Math.abs(e) / scale;
      count++;
    }
  }
  return {
    folds,
    horizon,
    n: count,
    mae: absSum / count,
    rmse: Math.sqrt(sqSum / count),
    mape: pctValid ? pctSum / count : null,
    mase: scaleValid ? scaledSum / count : null,
  };
}
