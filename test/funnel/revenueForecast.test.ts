import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/core/errors.js";
import { createRandom } from "../../src/core/random.js";
import { revenueForecast, type RevenueForecastOptions } from "../../src/funnel/revenueForecast.js";
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
    const r = revenueForecast(series, fixedOptions(c));

    it("uses the same heuristic initial states", () => {
      expect(r.initial.level).toBeCloseTo(c.initial.level, 9);
      if (c.initial.trend === null) expect(r.initial.trend).toBeNull();
      else expect(r.initial.trend!).toBeCloseTo(c.initial.trend, 9);
      if (c.initial.seasonal === null) expect(r.initial.seasonal).toBeNull();
      else expect(maxAbsDiff(r.initial.seasonal!, c.initial.seasonal)).toBeLessThan(1e-9);
    });

    it("matches the levels, fitted values and SSE to 1e-6", () => {
      expect(maxAbsDiff(r.levels, c.level)).toBeLessThan(1e-6);
      expect(maxAbsDiff(r.fitted, c.fitted)).toBeLessThan(1e-6);
      expect(Math.abs(r.sse - c.sse) / c.sse).toBeLessThan(1e-9);
    });

    it("matches the final trend and the last season of seasonal terms", () => {
      if (c.trendComponent !== null) expect(r.final.trend!).toBeCloseTo(c.trendComponent[c.trendComponent.length - 1]!, 6);
      else expect(r.final.trend).toBeNull();
      if (c.season !== null) expect(maxAbsDiff(r.final.seasonal!, c.season.slice(-fixture.seasonLength))).toBeLessThan(1e-6);
      else expect(r.final.seasonal).toBeNull();
    });

    it("matches the 24 forecasts to 1e-6", () => {
      expect(maxAbsDiff(r.forecasts.map((p) => p.value), c.forecast)).toBeLessThan(1e-6);
    });

    it("agrees with statsmodels' own forecast except at multiples of the season (statsmodels #9538)", () => {
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

  it("fits AirPassengers with a backtest quickly", () => {
    const t0 = performance.now();
    const r = revenueForecast(series, { seasonal: "multiplicative", damped: true });
    const ms = performance.now() - t0;
    expect(r.backtest!.folds).toBe(12);
    expect(ms).toBeLessThan(5000);
  });
});
