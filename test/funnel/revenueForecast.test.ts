import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/core/errors.js";
import { createRandom } from "../../src/core/random.js";
import { quantileSorted } from "../../src/core/stats/descriptive.js";
import { revenueForecast, type RevenueForecastOptions } from "../../src/funnel/revenueForecast.js";
import { messageOf } from "../support/errors.js";
import fixture from "../fixtures/forecast_airpassengers.json" with { type: "json" };

// Fixture: scripts/forecast_fixture.py, statsmodels 0.13.5 ExponentialSmoothing with fixed
// parameters and known initial states on AirPassengers (1949-1960, 144 months).
type Case = (typeof fixture.cases)[number];
const series = fixture.series;

function fixedOptions(c: Case): RevenueForecastOptions {
  const params: Record<string, number> = {};
  for (const [k, v] of Object.entries(c.params)) if (v !== null) params[k] = v;
  return {
    seasonal: c.seasonal as RevenueForecastOptions["seasonal"],
    trend: c.trend as RevenueForecastOptions["trend"],
    damped: c.damped,
    params,
    horizon: fixture.horizon,
    backtest: false,
  };
}

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

function expectError(f: () => unknown, code: string, path?: string): CrmMetricsError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CrmMetricsError);
    const err = e as CrmMetricsError;
    expect(err.code).toBe(code);
    if (path !== undefined) expect(err.path).toBe(path);
    return err;
  }
  throw new Error("expected a CrmMetricsError");
}

describe("revenueForecast", () => {
  it("has the AirPassengers fixture (144 months, total 40363)", () => {
    expect(series.length).toBe(144);
    expect(series.reduce((a, b) => a + b, 0)).toBe(40363);
    expect(fixture.cases.length).toBe(5);
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as const))("reproduces statsmodels with fixed parameters: %s", (_name, c) => {
    // computed inside each test, so that a test's coverage includes the run it checks
    const run = () => revenueForecast(series, fixedOptions(c));

    it("uses the same heuristic initial states", () => {
      const r = run();
      expect(r.initial.level).toBeCloseTo(c.initial.level, 9);
      if (c.initial.trend === null) expect(r.initial.trend).toBeNull();
      else expect(r.initial.trend!).toBeCloseTo(c.initial.trend, 9);
      if (c.initial.seasonal === null) expect(r.initial.seasonal).toBeNull();
      else expect(maxAbsDiff(r.initial.seasonal!, c.initial.seasonal)).toBeLessThan(1e-9);
    });

    it("matches the levels, fitted values and SSE to 1e-6", () => {
      const r = run();
      expect(maxAbsDiff(r.levels, c.level)).toBeLessThan(1e-6);
      expect(maxAbsDiff(r.fitted, c.fitted)).toBeLessThan(1e-6);
      expect(Math.abs(r.sse - c.sse) / c.sse).toBeLessThan(1e-9);
    });

    it("matches the final trend and the last season of seasonal terms", () => {
      const r = run();
      if (c.trendComponent !== null) expect(r.final.trend!).toBeCloseTo(c.trendComponent[c.trendComponent.length - 1]!, 6);
      else expect(r.final.trend).toBeNull();
      if (c.season !== null) expect(maxAbsDiff(r.final.seasonal!, c.season.slice(-fixture.seasonLength))).toBeLessThan(1e-6);
      else expect(r.final.seasonal).toBeNull();
    });

    it("matches the 24 forecasts to 1e-6", () => {
      const r = run();
      expect(maxAbsDiff(r.forecasts.map((p) => p.value), c.forecast)).toBeLessThan(1e-6);
    });

    it("agrees with statsmodels' own forecast except at multiples of the season (statsmodels #9538)", () => {
      const r = run();
      r.forecasts.forEach((p, k) => {
        const raw = c.forecast_statsmodels[k]!;
        const seasonBoundary = c.seasonal !== "none" && (k + 1) % fixture.seasonLength === 0;
        if (seasonBoundary) expect(Math.abs(p.value - raw)).toBeGreaterThan(1e-3);
        else expect(Math.abs(p.value - raw)).toBeLessThan(1e-6);
      });
    });
  });

  it("fits the smoothing parameters to the SSE minimum statsmodels finds (additive)", () => {
    const c = fixture.cases.find((x) => x.name === "additive")!;
    const r = revenueForecast(series, { backtest: false });
    expect(r.estimated).toEqual(["alpha", "beta", "gamma"]);
    expect(r.optimizer.converged).toBe(true);
    expect(r.sse).toBeLessThanOrEqual(c.optimized!.sse * (1 + 1e-8));
    expect(r.params.alpha).toBeCloseTo(c.optimized!.alpha, 4);
    expect(r.params.beta!).toBeCloseTo(c.optimized!.beta, 4);
    expect(r.params.gamma!).toBeCloseTo(c.optimized!.gamma, 4);
  });

  it("fits the smoothing parameters to the SSE minimum statsmodels finds (multiplicative, phi fixed)", () => {
    const c = fixture.cases.find((x) => x.name === "multiplicative-damped")!;
    const r = revenueForecast(series, { seasonal: "multiplicative", damped: true, params: { phi: 0.95 }, backtest: false });
    expect(r.estimated).toEqual(["alpha", "beta", "gamma"]);
    expect(r.sse).toBeLessThanOrEqual(c.optimized!.sse * (1 + 1e-8));
    expect(r.params.alpha).toBeCloseTo(c.optimized!.alpha, 4);
    expect(r.params.gamma!).toBeCloseTo(c.optimized!.gamma, 4);
    expect(r.params.phi).toBe(0.95);
  });

  it("fits a damped trend with phi inside [0.8, 0.98]", () => {
    const r = revenueForecast(series, { damped: true, backtest: false });
    expect(r.estimated).toEqual(["alpha", "beta", "gamma", "phi"]);
    expect(r.params.phi!).toBeGreaterThanOrEqual(0.8);
    expect(r.params.phi!).toBeLessThanOrEqual(0.98);
    expect(r.params.gamma!).toBeLessThanOrEqual(1 - r.params.alpha + 1e-12);
  });

  it("computes a hand-checked small case (no trend, additive season, alpha = gamma = 0.5)", () => {
    // y = [1, 3, 1, 3, 2, 4], m = 2: l0 = 2, s = [-1, 1].
    // t0: yhat 1, e 0 -> l 2, s0 -1; t1: yhat 3, e 0; t2: yhat 1, e 0;
    // t3: yhat 3, e 0; t4: yhat 1, e 1 -> l 2.5, s0 -0.5; t5: yhat 3.5, e 0.5 -> l 2.75, s1 1.25.
    const r = revenueForecast([1, 3, 1, 3, 2, 4], {
      seasonLength: 2,
      trend: "none",
      params: { alpha: 0.5, gamma: 0.5 },
      horizon: 3,
      backtest: false,
    });
    expect(r.fitted).toEqual([1, 3, 1, 3, 1, 3.5]);
    expect(r.sse).toBeCloseTo(1.25, 12);
    expect(r.final.level).toBeCloseTo(2.75, 12);
    expect(r.final.seasonal).toEqual([-0.5, 1.25]);
    expect(r.forecasts.map((p) => p.value)).toEqual([2.25, 4, 2.25]);
    // analytic variance: h=1 sigma^2, h=2 sigma^2 (1 + alpha^2), h=3 sigma^2 (1 + 0.25 + 1)
    const sigma = Math.sqrt(1.25 / 6);
    const z = 1.959963984540054;
    expect(r.sigma).toBeCloseTo(sigma, 12);
    expect(r.forecasts[0]!.upper - r.forecasts[0]!.value).toBeCloseTo(z * sigma, 9);
    expect(r.forecasts[1]!.upper - r.forecasts[1]!.value).toBeCloseTo(z * sigma * Math.sqrt(1.25), 9);
    expect(r.forecasts[2]!.upper - r.forecasts[2]!.value).toBeCloseTo(z * sigma * Math.sqrt(2.25), 9);
    expect(r.interval).toEqual({ method: "analytic", level: 0.95 });
  });

  it("gives analytic intervals that cover the nominal share of futures simulated from the model", () => {
    const p = { alpha: 0.3, beta: 0.1, gamma: 0.2 };
    const r = revenueForecast(series, { params: p, level: 0.8, horizon: 14, backtest: false });
    const random = createRandom(2024);
    const paths = 4000;
    const inside = new Array<number>(14).fill(0);
    for (let i = 0; i < paths; i++) {
      let l = r.final.level;
      let b = r.final.trend!;
      const s = r.final.seasonal!.slice();
      for (let k = 0; k < 14; k++) {
        const j = k % 12;
        const e = r.sigma * random.normal();
        const y = l + b + s[j]! + e;
        const next = l + b + p.alpha * e;
        b = b + p.alpha * p.beta * e;
        s[j] = s[j]! + p.gamma * e;
        l = next;
        const f = r.forecasts[k]!;
        if (y >= f.lower && y <= f.upper) inside[k]!++;
      }
    }
    for (const count of inside) expect(Math.abs(count / paths - 0.8)).toBeLessThan(0.03);
    // the half-width grows with the horizon
    const widths = r.forecasts.map((f) => f.upper - f.lower);
    for (let k = 1; k < widths.length; k++) expect(widths[k]!).toBeGreaterThan(widths[k - 1]!);
  });

  it("simulated intervals are reproducible for a seed and change with it", () => {
    const opts: RevenueForecastOptions = { seasonal: "multiplicative", params: { alpha: 0.3, beta: 0.1, gamma: 0.2 }, backtest: false, simulations: 500 };
    const a = revenueForecast(series, { ...opts, seed: 7 });
    const b = revenueForecast(series, { ...opts, seed: 7 });
    const c = revenueForecast(series, { ...opts, seed: 8 });
    expect(a.forecasts).toEqual(b.forecasts);
    expect(a.forecasts[3]!.lower).not.toBe(c.forecasts[3]!.lower);
    // a simulated interval with many paths is close to the additive-error normal width at h = 1
    const big = revenueForecast(series, { ...opts, simulations: 20000, horizon: 1 });
    const half = (big.forecasts[0]!.upper - big.forecasts[0]!.lower) / 2;
    expect(half / (1.959963984540054 * big.sigma)).toBeGreaterThan(0.97);
    expect(half / (1.959963984540054 * big.sigma)).toBeLessThan(1.03);
  });

  it("runs a rolling-origin backtest with MAPE and MASE", () => {
    const r = revenueForecast(series, { params: { alpha: 0.3, beta: 0.1, gamma: 0.2 }, backtest: { folds: 3, horizon: 2 } });
    const bt = r.backtest!;
    expect(bt.folds).toBe(3);
    expect(bt.horizon).toBe(2);
    expect(bt.n).toBe(6);
    // recompute by hand from refits on the training prefixes
    let abs = 0;
    let sq = 0;
    let pct = 0;
    let scaled = 0;
    for (let f = 0; f < 3; f++) {
      const origin = 144 - 2 - (2 - f);
      const train = series.slice(0, origin);
      const fit = revenueForecast(train, { params: { alpha: 0.3, beta: 0.1, gamma: 0.2 }, horizon: 2, backtest: false });
      let scale = 0;
      for (let t = 12; t < origin; t++) scale += Math.abs(train[t]! - train[t - 12]!);
      scale /= origin - 12;
      for (let k = 0; k < 2; k++) {
        const e = series[origin + k]! - fit.forecasts[k]!.value;
        abs += Math.abs(e);
        sq += e * e;
        pct += Math.abs(e) / series[origin + k]!;
        scaled += Math.abs(e) / scale;
      }
    }
    expect(bt.mae).toBeCloseTo(abs / 6, 9);
    expect(bt.rmse).toBeCloseTo(Math.sqrt(sq / 6), 9);
    expect(bt.mape!).toBeCloseTo(pct / 6, 9);
    expect(bt.mase!).toBeCloseTo(scaled / 6, 9);
  });

  it("defaults the backtest to one-step forecasts from the last season of origins", () => {
    const r = revenueForecast(series, { params: { alpha: 0.3, beta: 0.1, gamma: 0.2 } });
    expect(r.backtest).toMatchObject({ folds: 12, horizon: 1, n: 12 });
    expect(r.backtest!.mape!).toBeGreaterThan(0);
    expect(r.backtest!.mape!).toBeLessThan(0.2);
  });

  it("returns null MAPE when an actual is 0 and null MASE when the naive scale is 0", () => {
    const y = [0, 5, 0, 5, 0, 5, 0, 5, 0, 5];
    const r = revenueForecast(y, { seasonLength: 2, trend: "none", params: { alpha: 0.2, gamma: 0.2 }, backtest: { folds: 2 } });
    expect(r.backtest!.mape).toBeNull();
    expect(r.backtest!.mase).toBeNull(); // a perfect seasonal pattern: seasonal naive errors are 0
    expect(r.backtest!.mae).toBeGreaterThanOrEqual(0);
  });

  it("skips the backtest when the series leaves no room for it, and rejects too many folds", () => {
    const y = [1, 2, 3, 4, 2, 3, 4, 5];
    expect(revenueForecast(y, { seasonLength: 4 }).backtest).toBeNull();
    expectError(() => revenueForecast(series, { backtest: { folds: 200 } }), "INVALID_OPTION", "options.backtest.folds");
  });

  it("accepts { periodStart, value } points in any order and labels the forecast periods", () => {
    const points = series.map((value, i) => ({ periodStart: new Date(Date.UTC(1949, i, 1)).toISOString(), value }));
    const shuffled = points.slice().reverse();
    const a = revenueForecast(shuffled, { params: { alpha: 0.3, beta: 0.1, gamma: 0.2 }, backtest: false, horizon: 2 });
    const b = revenueForecast(series, { params: { alpha: 0.3, beta: 0.1, gamma: 0.2 }, backtest: false, horizon: 2 });
    expect(a.forecasts.map((p) => p.value)).toEqual(b.forecasts.map((p) => p.value));
    expect(a.forecasts.map((p) => p.label)).toEqual(["1961-01", "1961-02"]);
    expect(a.forecasts[0]!.periodStart).toBe("1961-01-01T00:00:00.000Z");
    expect(b.forecasts[0]!.periodStart).toBeNull();
  });

  it("reads points' periods in a time zone (quarters in Europe/Berlin across DST)", () => {
    const values = [10, 14, 12, 16, 11, 15, 13, 17];
    const points = values.map((value, i) => ({ periodStart: `${2022 + Math.floor(i / 4)}-${String((i % 4) * 3 + 1).padStart(2, "0")}-15`, value }));
    const r = revenueForecast(points, { period: "quarter", timeZone: "Europe/Berlin", seasonLength: 4, backtest: false, horizon: 2 });
    expect(r.forecasts.map((p) => p.label)).toEqual(["2024-Q1", "2024-Q2"]);
    expect(r.forecasts[0]!.periodStart).toBe("2023-12-31T23:00:00.000Z");
    expect(r.forecasts[1]!.periodStart).toBe("2024-03-31T22:00:00.000Z");
  });

  it("infers the season length from the period of dated points", () => {
    const values = [10, 14, 12, 16, 11, 15, 13, 17, 12, 16, 14, 18];
    const quarters = values.map((value, i) => ({ periodStart: Date.UTC(2021, 3 * i, 1), value }));
    const q = revenueForecast(quarters, { period: "quarter", backtest: false });
    expect(q.seasonLength).toBe(4);
    expect(q.forecasts.map((p) => p.label)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    const days = Array.from({ length: 21 }, (_, i) => ({ periodStart: Date.UTC(2024, 0, 1 + i), value: 100 + (i % 7) }));
    expect(revenueForecast(days, { period: "day", backtest: false }).seasonLength).toBe(7);
    const years = [1, 2, 3, 5, 8].map((value, i) => ({ periodStart: `${2019 + i}-06-30`, value }));
    const y = revenueForecast(years, { period: "year", horizon: 2, backtest: false });
    expect(y.seasonal).toBe("none");
    expect(y.seasonLength).toBeNull();
    expect(y.forecasts.map((p) => p.label)).toEqual(["2024", "2025"]);
    expectError(() => revenueForecast(years, { period: "year", seasonal: "additive" }), "INVALID_OPTION", "options.seasonLength");
    expect(revenueForecast(series, { backtest: false }).seasonLength).toBe(12); // plain numbers
  });

  it("rejects duplicated and non-consecutive points", () => {
    const pts = [1, 2, 3, 4, 5, 6].map((v, i) => ({ periodStart: `2024-0${i + 1}-01`, value: v }));
    expectError(() => revenueForecast([...pts, { periodStart: "2024-03-20", value: 1 }], { seasonal: "none" }), "INVALID_INPUT", "series[6].periodStart");
    const gap = pts.filter((_, i) => i !== 2);
    const err = expectError(() => revenueForecast(gap, { seasonal: "none" }), "INVALID_INPUT", "series[2].periodStart");
    expect(err.message).toContain("no gaps");
  });

  it("throws INSUFFICIENT_DATA below two seasons (three values without seasonality)", () => {
    const err = expectError(() => revenueForecast(series.slice(0, 23)), "INSUFFICIENT_DATA", "series");
    expect(err.message).toBe("revenueForecast: series must have at least two seasons (24 values), got 23");
    expectError(() => revenueForecast([], { seasonal: "none" }), "INSUFFICIENT_DATA");
    expectError(() => revenueForecast([1, 2], { seasonal: "none" }), "INSUFFICIENT_DATA");
    expect(revenueForecast([1, 2, 3], { seasonal: "none", backtest: false }).n).toBe(3);
    expect(revenueForecast(series.slice(0, 24), { backtest: false }).n).toBe(24);
  });

  it("rejects invalid values with the path of the value", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "12", null]) {
      const y: unknown[] = series.slice(0, 30);
      y[5] = bad;
      expectError(() => revenueForecast(y as number[]), "INVALID_INPUT", "series[5]");
    }
    const neg = series.slice(0, 30);
    neg[7] = -3;
    expect(revenueForecast(neg, { backtest: false }).n).toBe(30); // refunds exceeding sales are fine additively
    const err = expectError(() => revenueForecast(neg, { seasonal: "multiplicative" }), "INVALID_INPUT", "series[7]");
    expect(err.message).toBe("revenueForecast: series[7] must be > 0 with multiplicative seasonality, got -3");
    expectError(() => revenueForecast([{ periodStart: "not a date", value: 1 }]), "INVALID_INPUT", "series[0].periodStart");
    expectError(() => revenueForecast(42 as unknown as number[]), "INVALID_INPUT", "series");
  });

  it("rejects invalid options", () => {
    expectError(() => revenueForecast(series, { seasonal: "both" as never }), "INVALID_OPTION", "options.seasonal");
    expectError(() => revenueForecast(series, { seasonLength: 1 }), "INVALID_OPTION", "options.seasonLength");
    expectError(() => revenueForecast(series, { horizon: 0 }), "INVALID_OPTION", "options.horizon");
    expectError(() => revenueForecast(series, { params: { alpha: 1.5 } }), "INVALID_OPTION", "options.params.alpha");
    expectError(() => revenueForecast(series, { params: { phi: 0.9 } }), "INVALID_OPTION", "options.params.phi");
    expectError(() => revenueForecast(series, { params: { delta: 1 } as never }), "INVALID_OPTION", "options.params.delta");
    expectError(() => revenueForecast(series, { trend: "none", damped: true }), "INVALID_OPTION", "options.damped");
    expectError(() => revenueForecast(series, { initial: { seasonal: [1, 2] } }), "INVALID_OPTION", "options.initial.seasonal");
    expectError(() => revenueForecast(series, { level: 1 }), "INVALID_OPTION", "options.level");
    expectError(() => revenueForecast(series, "x" as never), "INVALID_OPTION", "options");
    expectError(() => revenueForecast(series, { backtest: true as never }), "INVALID_OPTION", "options.backtest");
    expectError(() => revenueForecast(series, { params: 0.3 as never }), "INVALID_OPTION", "options.params");
    expectError(() => revenueForecast(series, { initial: [1] as never }), "INVALID_OPTION", "options.initial");
    expectError(() => revenueForecast(series, { backtest: { horizon: 0 } }), "INVALID_OPTION", "options.backtest.horizon");
    expectError(() => revenueForecast([{ periodStart: 0, value: 1 }], { weekStartsOn: 9 as never }), "INVALID_OPTION", "options.weekStartsOn");
  });

  it("throws NOT_CONVERGED when fixed parameters make the recursions overflow", () => {
    const y = Array.from({ length: 40 }, (_, i) => (i % 2 ? 1e300 : 1e-300));
    const err = expectError(
      () => revenueForecast(y, { seasonal: "multiplicative", seasonLength: 2, params: { alpha: 1, beta: 1, gamma: 1 }, backtest: false }),
      "NOT_CONVERGED",
      "options.params",
    );
    expect(err.message).toContain("diverged");
  });

  it("gives zero-width intervals and a null MASE for a constant series", () => {
    const r = revenueForecast(new Array(30).fill(100));
    expect(r.sse).toBe(0);
    expect(r.forecasts[0]).toMatchObject({ value: 100, lower: 100, upper: 100 });
    expect(r.backtest).toMatchObject({ mae: 0, mape: 0, mase: null });
  });

  it("uses known initial states when given", () => {
    const c = fixture.cases[0]!;
    const shifted = revenueForecast(series, { ...fixedOptions(c), initial: { level: c.initial.level + 10 } });
    expect(shifted.initial.level).toBeCloseTo(c.initial.level + 10, 12);
    expect(shifted.initial.trend!).toBeCloseTo(c.initial.trend!, 12);
    expect(shifted.sse).not.toBeCloseTo(c.sse, 0);
    const same = revenueForecast(series, { ...fixedOptions(c), initial: { ...c.initial } as never });
    expect(same.sse).toBeCloseTo(c.sse, 6);
  });

  it("gives the class 1 variance of a damped trend without season: c_j = alpha + alpha beta (phi + ... + phi^j)", () => {
    // alpha 0.5, beta 0.2, phi 0.9: c1 = 0.5 + 0.1 * 0.9 = 0.59, c2 = 0.5 + 0.1 * 1.71 = 0.671
    const y = [10, 12, 13, 15, 14, 17, 18, 21, 20, 23];
    const r = revenueForecast(y, { seasonal: "none", damped: true, params: { alpha: 0.5, beta: 0.2, phi: 0.9 }, horizon: 3, level: 0.9, backtest: false });
    const z = 1.6448536269514722; // normal 0.95 quantile
    const var1 = 1;
    const var2 = 1 + 0.59 ** 2;
    const var3 = var2 + 0.671 ** 2;
    expect(r.forecasts.map((p) => p.upper - p.value)).toEqual([
      expect.closeTo(z * r.sigma * Math.sqrt(var1), 9),
      expect.closeTo(z * r.sigma * Math.sqrt(var2), 9),
      expect.closeTo(z * r.sigma * Math.sqrt(var3), 9),
    ]);
    expect(r.forecasts.map((p) => p.value - p.lower)).toEqual(r.forecasts.map((p) => expect.closeTo(p.upper - p.value, 9)));
    // damped forecasts: l + (phi + ... + phi^h) b
    const { level, trend } = r.final;
    expect(r.forecasts.map((p) => p.value)).toEqual([
      expect.closeTo(level + 0.9 * trend!, 9),
      expect.closeTo(level + 1.71 * trend!, 9),
      expect.closeTo(level + 2.439 * trend!, 9),
    ]);
    expect(r.params).toEqual({ alpha: 0.5, beta: 0.2, gamma: null, phi: 0.9 });
    expect(r.initial).toEqual({ level: 10, trend: 2, seasonal: null }); // y[0], y[1] - y[0]
    expect(r.seasonLength).toBeNull();
    expect(r.final.seasonal).toBeNull();
    expect(r.optimizer).toEqual({ converged: true, iterations: 0, evaluations: 0 });
    expect(r.estimated).toEqual([]);
  });

  it("simulates multiplicative intervals from the ETS(A,Ad,M) recursions with seeded normal errors (type 7 quantiles)", () => {
    const params = { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9 };
    const r = revenueForecast(series, { seasonal: "multiplicative", damped: true, params, horizon: 4, simulations: 200, seed: 11, level: 0.8, backtest: false });
    expect(r.interval).toEqual({ method: "simulation", level: 0.8 });
    const random = createRandom(11);
    const paths = Array.from({ length: 4 }, () => new Float64Array(200));
    for (let i = 0; i < 200; i++) {
      let l = r.final.level;
      let b = r.final.trend!;
      const s = r.final.seasonal!.slice();
      for (let k = 0; k < 4; k++) {
        const base = l + params.phi * b;
        const y = base * s[k]! + r.sigma * random.normal();
        paths[k]![i] = y;
        const next = (params.alpha * y) / s[k]! + (1 - params.alpha) * base;
        s[k] = (params.gamma * y) / base + (1 - params.gamma) * s[k]!;
        b = params.beta * (next - l) + (1 - params.beta) * params.phi * b;
        l = next;
      }
    }
    paths.forEach((p, k) => {
      p.sort();
      expect(r.forecasts[k]!.lower).toBeCloseTo(quantileSorted(p, 0.1), 9);
      expect(r.forecasts[k]!.upper).toBeCloseTo(quantileSorted(p, 0.9), 9);
    });
  });

  it("computes a hand-checked backtest without season (naive scale of lag 1)", () => {
    // alpha 0.5, l0 = 1: levels 1, 1.5, 2.25, 3.625. Origin 3 forecasts 2.25 for 5 (error 2.75,
    // scale (1 + 1) / 2 = 1); origin 4 forecasts 3.625 for 8 (error 4.375, scale 4 / 3).
    const r = revenueForecast([1, 2, 3, 5, 8], { seasonal: "none", trend: "none", params: { alpha: 0.5 }, backtest: { folds: 2 } });
    expect(r.backtest).toEqual({
      folds: 2,
      horizon: 1,
      n: 2,
      mae: expect.closeTo(3.5625, 12),
      rmse: expect.closeTo(Math.sqrt((2.75 ** 2 + 4.375 ** 2) / 2), 12),
      mape: expect.closeTo((2.75 / 5 + 4.375 / 8) / 2, 12),
      mase: expect.closeTo((2.75 + 4.375 / (4 / 3)) / 2, 12),
    });
    expect(r.params).toEqual({ alpha: 0.5, beta: null, gamma: null, phi: null });
    expect(r.initial).toEqual({ level: 1, trend: null, seasonal: null });
  });

  it("defaults the backtest folds without season to 12, or fewer for a short series, and bounds given folds", () => {
    const opts: RevenueForecastOptions = { seasonal: "none", trend: "none", params: { alpha: 0.5 } };
    const y20 = Array.from({ length: 20 }, (_, i) => 10 + (i % 3));
    expect(revenueForecast(y20, opts).backtest).toMatchObject({ folds: 12, n: 12 });
    const y10 = y20.slice(0, 10);
    expect(revenueForecast(y10, opts).backtest).toMatchObject({ folds: 7, n: 7 });
    expect(revenueForecast(y10, { ...opts, backtest: { folds: 7 } }).backtest!.folds).toBe(7);
    expect(messageOf(() => revenueForecast(y10, { ...opts, backtest: { folds: 8 } }))).toBe(
      "revenueForecast: options.backtest.folds must leave at least 3 training values before the first origin (at most 7), got 8",
    );
    expect(messageOf(() => revenueForecast([1, 2, 3], { ...opts, backtest: { folds: 1, horizon: 5 } }))).toBe(
      "revenueForecast: options.backtest.folds must leave at least 3 training values before the first origin (at most 0), got 1",
    );
    expect(revenueForecast([1, 2, 3], { ...opts, backtest: { horizon: 5 } }).backtest).toBeNull();
    expect(revenueForecast([1, 2, 3, 4], { ...opts, backtest: {} }).backtest).toMatchObject({ folds: 1, horizon: 1 });
  });

  it("defaults the horizon to 12 without season and to the season length with one", () => {
    expect(revenueForecast([1, 2, 3, 4], { seasonal: "none", backtest: false }).forecasts).toHaveLength(12);
    expect(revenueForecast(series.slice(0, 16), { seasonLength: 4, backtest: false }).forecasts.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(revenueForecast([1, 2, 3], { seasonal: "none", trend: "none", params: { alpha: 0.5 }, horizon: 10_000, backtest: false }).forecasts).toHaveLength(10_000);
  });

  it("accepts a season length for yearly points and null for a parameter left to the fit", () => {
    const years = [1, 2, 3, 5, 8, 6].map((value, i) => ({ periodStart: `${2019 + i}-06-30`, value }));
    const r = revenueForecast(years, { period: "year", seasonal: "additive", seasonLength: 2, horizon: 1, backtest: false });
    expect(r.seasonLength).toBe(2);
    expect(r.forecasts[0]!.label).toBe("2025");
    const fitted = revenueForecast([1, 3, 1, 3, 2, 4], { seasonLength: 2, trend: "none", params: { alpha: 0.5, gamma: null as never }, backtest: false });
    expect(fitted.estimated).toEqual(["gamma"]);
    expect(fitted.params.alpha).toBe(0.5);
  });

  it("reports the optimiser's work: every Nelder-Mead iteration evaluates the objective at least once", () => {
    const r = revenueForecast(series.slice(0, 48), { backtest: false });
    expect(r.optimizer.iterations).toBeGreaterThan(0);
    // four runs, each with d + 1 = 4 starting evaluations
    expect(r.optimizer.evaluations).toBeGreaterThanOrEqual(r.optimizer.iterations + 16);
  });

  it("names the rule and the value in its messages", () => {
    const y = series.slice(0, 30);
    const years = [1, 2, 3, 5, 8].map((value, i) => ({ periodStart: `${2019 + i}-06-30`, value }));
    const months = (days: string[]): { periodStart: string; value: number }[] => days.map((periodStart, i) => ({ periodStart, value: i + 1 }));
    const cases: [() => unknown, string][] = [
      [() => revenueForecast(years, { period: "year", seasonal: "additive" }), "options.seasonLength must be given for a seasonal model of yearly points, got undefined"],
      [() => revenueForecast(y, { trend: "none", damped: true }), 'options.damped needs trend: "additive", got true'],
      [() => revenueForecast([1, 2], { seasonal: "none" }), "series must have at least 3 values, got 2"],
      [() => revenueForecast([1, 2, "x"] as never, { seasonal: "none" }), 'series[2] must be a finite number, got "x"'],
      [() => revenueForecast([{ periodStart: "2024-01-01", value: 1 }, 3] as never), "series[1] must be a { periodStart, value } point like the others, got 3"],
      [() => revenueForecast([1, 2, 3, 0, 5, 6], { seasonal: "multiplicative", seasonLength: 2 }), "series[3] must be > 0 with multiplicative seasonality, got 0"],
      [
        () => revenueForecast(months(["2024-01-11", "2024-02-11", "2024-03-11", "2024-02-20"]), { seasonal: "none" }),
        'series[3].periodStart must be the only point of its month, got "2024-02-20"',
      ],
      [
        () => revenueForecast(months(["2024-01-11", "2024-02-11", "2024-03-11", "2024-05-11"]), { seasonal: "none" }),
        'series[3].periodStart must follow the previous point by one month (no gaps), got "2024-05-11"',
      ],
      [() => revenueForecast(y, { params: { delta: 1 } as never }), "options.params.delta is not a parameter (alpha, beta, gamma, phi), got 1"],
      [() => revenueForecast(y, { trend: "none", params: { beta: 0.1 } }), "options.params.beta is not a parameter of this model, got 0.1"],
      [() => revenueForecast(y, { seasonal: "none", params: { gamma: 0.1 } }), "options.params.gamma is not a parameter of this model, got 0.1"],
      [() => revenueForecast(y, { params: { phi: 0.9 } }), "options.params.phi is not a parameter of this model, got 0.9"],
      [() => revenueForecast(y, { damped: true, params: { phi: 0 } }), "options.params.phi must be a finite number > 0 and <= 1, got 0"],
      [() => revenueForecast(y, { params: { alpha: -0.1 } }), "options.params.alpha must be a finite number >= 0 and <= 1, got -0.1"],
      [() => revenueForecast(y, { params: 0.3 as never }), "options.params must be an object such as { alpha: 0.3 }, got 0.3"],
      [() => revenueForecast(y, { initial: [1] as never }), "options.initial must be an object such as { level, trend, seasonal }, got an array"],
      [() => revenueForecast(y, { initial: { level: "x" as never } }), 'options.initial.level must be a finite number, got "x"'],
      [() => revenueForecast(y, { initial: { trend: "x" as never } }), 'options.initial.trend must be a finite number, got "x"'],
      [() => revenueForecast(y, { initial: { seasonal: [1, 2] } }), "options.initial.seasonal must be an array of 12 numbers, got an array"],
      [() => revenueForecast(y, { initial: { seasonal: "x" as never } }), 'options.initial.seasonal must be an array of 12 numbers, got "x"'],
      [() => revenueForecast(y, { initial: { seasonal: [0, 0, 0, "x", 0, 0, 0, 0, 0, 0, 0, 0] as never } }), 'options.initial.seasonal[3] must be a finite number, got "x"'],
      [() => revenueForecast(y, { backtest: true as never }), "options.backtest must be false or an object such as { folds, horizon }, got true"],
      [() => revenueForecast(y, { horizon: 10_001 }), "options.horizon must be an integer >= 1 and <= 10000, got 10001"],
      [() => revenueForecast(y, { simulations: 99 }), "options.simulations must be an integer >= 100 and <= 1000000, got 99"],
      [() => revenueForecast(y, { simulations: 1_000_001 }), "options.simulations must be an integer >= 100 and <= 1000000, got 1000001"],
      [() => revenueForecast(y, { seed: 1.5 }), "options.seed must be an integer, got 1.5"],
      [() => revenueForecast(y, { seasonLength: 1 }), "options.seasonLength must be an integer >= 2, got 1"],
      [() => revenueForecast(y, { trend: "both" as never }), 'options.trend must be one of "additive", "none", got "both"'],
    ];
    for (const [f, rest] of cases) expect(messageOf(f)).toBe(`revenueForecast: ${rest}`);
    expect(messageOf(() => revenueForecast(Array.from({ length: 40 }, (_, i) => (i % 2 ? 1e300 : 1e-300)), {
      seasonal: "multiplicative",
      seasonLength: 2,
      params: { alpha: 1, beta: 1, gamma: 1 },
      backtest: false,
    }))).toBe(
      'revenueForecast: the model diverged (non-finite one-step errors) with parameters {"alpha":1,"beta":1,"gamma":1,"phi":1}; fix other parameters or use additive seasonality',
    );
    // accepted edges: 100 simulations, phi 1, a seasonal option ignored without season
    expect(revenueForecast(y, { seasonal: "multiplicative", simulations: 100, backtest: false, horizon: 1 }).forecasts).toHaveLength(1);
    expect(revenueForecast(y, { damped: true, params: { phi: 1 }, backtest: false }).params.phi).toBe(1);
    expect(revenueForecast([1, 2, 3], { seasonal: "none", initial: { seasonal: [1] }, backtest: false }).initial.seasonal).toBeNull();
    // initial states of a component the model does not have are not read
    const plain = revenueForecast([1, 2, 3, 5], { seasonal: "none", trend: "none", params: { alpha: 0.5 }, backtest: false });
    const ignored = revenueForecast([1, 2, 3, 5], {
      seasonal: "none",
      trend: "none",
      params: { alpha: 0.5 },
      initial: { trend: "x" as never, seasonal: "x" as never },
      backtest: false,
    });
    expect(ignored).toEqual(plain);
  });

  it("does not mutate its input and returns JSON-safe numbers", () => {
    const pts = Object.freeze(series.slice(0, 36).map((value, i) => Object.freeze({ periodStart: Date.UTC(2020, i, 1), value })));
    const r = revenueForecast(pts, { seasonal: "multiplicative", simulations: 200 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const nums = JSON.stringify(r).match(/null|-?\d/g) ?? [];
    expect(nums.length).toBeGreaterThan(0);
    const check = (v: unknown): void => {
      if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
      else if (Array.isArray(v)) v.forEach(check);
      else if (v !== null && typeof v === "object") Object.values(v).forEach(check);
      else expect(v === undefined).toBe(false);
    };
    check(r);
  });

  it("property: a seasonal pattern plus a line is reproduced exactly from its true initial states", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 100, max: 1000 }),
        fc.boolean(),
        (pattern, slope, base, fitted) => {
          const mean = pattern.reduce((a, b) => a + b, 0) / 4;
          const season = pattern.map((p) => p - mean);
          const y = Array.from({ length: 16 }, (_, t) => base + slope * t + season[t % 4]!);
          const r = revenueForecast(y, {
            seasonLength: 4,
            horizon: 5,
            backtest: false,
            initial: { level: base - slope, trend: slope, seasonal: season },
            ...(fitted ? {} : { params: { alpha: 0.4, beta: 0.2, gamma: 0.3 } }),
          });
          expect(r.sse).toBeLessThan(1e-12);
          r.forecasts.forEach((p, k) => {
            const t = 16 + k;
            expect(p.value).toBeCloseTo(base + slope * t + season[t % 4]!, 6);
          });
        },
      ),
      { seed: 42, numRuns: 30 },
    );
  });

  it("property: scaling the series scales forecasts and intervals (additive) and keeps parameters", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 100, noNaN: true }), (c) => {
        const y = series.slice(0, 48);
        const a = revenueForecast(y, { backtest: false, horizon: 3 });
        const b = revenueForecast(y.map((v) => v * c), { backtest: false, horizon: 3 });
        expect(b.params.alpha).toBeCloseTo(a.params.alpha, 3);
        b.forecasts.forEach((p, k) => {
          expect(p.value / c).toBeCloseTo(a.forecasts[k]!.value, 3);
          expect(p.upper / c).toBeCloseTo(a.forecasts[k]!.upper, 3);
        });
      }),
      { seed: 42, numRuns: 8 },
    );
  });

  it("backtests AirPassengers over 12 folds with finite, ordered error measures", () => {
    // speed is measured by `npm run bench`, not in tests
    const r = revenueForecast(series, { seasonal: "multiplicative", damped: true });
    const b = r.backtest!;
    expect(b.folds).toBe(12);
    expect(b.n).toBe(b.folds * b.horizon);
    for (const v of [b.mae, b.rmse, b.mape!, b.mase!]) expect(Number.isFinite(v) && v > 0).toBe(true);
    // RMSE >= MAE for any set of errors
    expect(b.rmse).toBeGreaterThanOrEqual(b.mae);
  });
});
