import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.js";
import { quantileSorted } from "../../src/core/stats/descriptive.js";
import { revenueForecast, type RevenueForecastResult } from "../../src/funnel/revenueForecast.js";
import { errorInfo, messageOf } from "../support/errors.js";
import fixture from "../fixtures/forecast_airpassengers.json" with { type: "json" };

const series = fixture.series;
const Z95 = 1.959963984540054;

/**
 * Intervals re-simulated from a result's final states with the ETS(A,Ad,M) recursions the
 * docs state (seeded normal errors, type 7 quantiles): a path that reaches a zero level or
 * seasonal term keeps its previous state there.
 */
function resimulate(
  r: RevenueForecastResult,
  p: { alpha: number; beta: number; gamma: number; phi: number },
  opts: { horizon: number; simulations: number; seed: number; level: number },
): [number, number][] {
  const m = r.seasonLength!;
  const random = createRandom(opts.seed);
  const paths = Array.from({ length: opts.horizon }, () => new Float64Array(opts.simulations));
  for (let i = 0; i < opts.simulations; i++) {
    let l = r.final.level;
    let b = r.final.trend ?? 0;
    const s = r.final.seasonal!.slice();
    for (let k = 0; k < opts.horizon; k++) {
      const j = k % m;
      const base = l + p.phi * b;
      const y = base * s[j]! + r.sigma * random.normal();
      paths[k]![i] = y;
      const next = s[j] === 0 ? base : (p.alpha * y) / s[j]! + (1 - p.alpha) * base;
      if (base !== 0) s[j] = (p.gamma * y) / base + (1 - p.gamma) * s[j]!;
      b = p.beta * (next - l) + (1 - p.beta) * p.phi * b;
      l = next;
    }
  }
  const tail = (1 - opts.level) / 2;
  return paths.map((v) => {
    v.sort();
    return [quantileSorted(v, tail), quantileSorted(v, 1 - tail)];
  });
}

describe("revenueForecast edge cases", () => {
  it("rotates the final seasonal terms when the series ends inside a season", () => {
    // y = [1, 3, 1, 3, 2], m = 2, alpha = gamma = 0.5: l0 = 2, s = [-1, 1]; t4 (phase 0): yhat 1,
    // e 1 -> l 2.5, s0 -0.5. The next period is phase 1, so the next season is [1, -0.5].
    const r = revenueForecast([1, 3, 1, 3, 2], { seasonLength: 2, trend: "none", params: { alpha: 0.5, gamma: 0.5 }, horizon: 3, backtest: false });
    expect(r.fitted).toEqual([1, 3, 1, 3, 1]);
    expect(r.final.level).toBe(2.5);
    expect(r.final.seasonal).toEqual([1, -0.5]);
    expect(r.forecasts.map((p) => p.value)).toEqual([3.5, 2, 3.5]);
    // every parameter given: nothing fitted
    expect(r.estimated).toEqual([]);
    expect(r.optimizer).toEqual({ converged: true, iterations: 0, evaluations: 0 });
  });

  it("adds gamma to the analytic variance at whole seasons ahead only (m = 3)", () => {
    // y = [1, 2, 3, 1, 2, 4]: l0 = 2, s = [-1, 0, 1]; t5: yhat 3, e 1 -> l 2.5, s2 1.5; sse 1.
    // c_1 = c_2 = alpha = 0.5, c_3 = alpha + gamma = 1: variances 1, 1.25, 1.5, 2.5 (x sigma^2).
    const r = revenueForecast([1, 2, 3, 1, 2, 4], { seasonLength: 3, trend: "none", params: { alpha: 0.5, gamma: 0.5 }, horizon: 4, backtest: false });
    expect(r.sse).toBe(1);
    expect(r.final.seasonal).toEqual([-1, 0, 1.5]);
    expect(r.forecasts.map((p) => p.value)).toEqual([1.5, 2.5, 4, 1.5]);
    const sigma = Math.sqrt(1 / 6);
    expect(r.forecasts.map((p) => p.upper - p.value)).toEqual([1, 1.25, 1.5, 2.5].map((v) => expect.closeTo(Z95 * sigma * Math.sqrt(v), 12)));
  });

  it("reads the default season length of plain numbers as 12, whatever the period option", () => {
    const y = series.slice(0, 36);
    for (const period of ["year", "quarter", "day"] as const) {
      const r = revenueForecast(y, { period, params: { alpha: 0.3, beta: 0.1, gamma: 0.2 }, backtest: false });
      expect(r.seasonal).toBe("additive");
      expect(r.seasonLength).toBe(12);
      expect(r.forecasts[0]!.label).toBeNull();
    }
  });

  it("ignores the season length without seasonality, even an invalid one", () => {
    const r = revenueForecast([1, 2, 4], { seasonal: "none", seasonLength: 1, trend: "none", params: { alpha: 0.5 }, horizon: 2, backtest: false });
    expect(r.seasonLength).toBeNull();
    // l0 = 1: levels 1, 1.5, 2.75
    expect(r.levels).toEqual([1, 1.5, 2.75]);
    expect(r.forecasts.map((p) => p.value)).toEqual([2.75, 2.75]);
  });

  it("throws NOT_CONVERGED when the one-step errors overflow while the level stays finite", () => {
    // l0 = 0: the third error is 1e200, its square overflows; the level is 5e199 and there is no trend
    const f = (): unknown => revenueForecast([0, 0, 1e200], { seasonal: "none", trend: "none", params: { alpha: 0.5 }, backtest: false });
    expect(errorInfo(f)).toBe("NOT_CONVERGED options.params");
    expect(messageOf(f)).toBe(
      'revenueForecast: the model diverged (non-finite one-step errors) with parameters {"alpha":0.5,"beta":0,"gamma":0,"phi":1}; fix other parameters or use additive seasonality',
    );
  });

  it("names the value of a dated point and the options in its messages", () => {
    const pts = [{ periodStart: "2024-01-01", value: 1 }, { periodStart: "2024-02-01", value: "x" }, { periodStart: "2024-03-01", value: 3 }];
    expect(messageOf(() => revenueForecast(pts as never, { seasonal: "none" }))).toBe('revenueForecast: series[1].value must be a finite number, got "x"');
    const y = series.slice(0, 30);
    const cases: [() => unknown, string][] = [
      [() => revenueForecast(y, { damped: "yes" as never }), 'options.damped must be true or false, got "yes"'],
      [() => revenueForecast(y, { seasonal: "none", damped: true, params: { gamma: 0.1 } }), "options.params.gamma is not a parameter of this model, got 0.1"],
      [() => revenueForecast(y, { backtest: { horizon: 1.5 } }), "options.backtest.horizon must be an integer >= 1, got 1.5"],
      [() => revenueForecast(y, { backtest: { folds: 0 } }), "options.backtest.folds must be an integer >= 1, got 0"],
      [() => revenueForecast(y, { backtest: { folds: 1.5 } }), "options.backtest.folds must be an integer >= 1, got 1.5"],
    ];
    for (const [f, rest] of cases) expect(messageOf(f)).toBe(`revenueForecast: ${rest}`);
  });

  it("defaults the backtest folds to the season length when it is not 12", () => {
    // 30 values, m = 4: 30 - 8 - 1 + 1 = 22 origins available, 4 used
    const r = revenueForecast(series.slice(0, 30), { seasonLength: 4, params: { alpha: 0.3, beta: 0.1, gamma: 0.2 } });
    expect(r.backtest).toMatchObject({ folds: 4, horizon: 1, n: 4 });
  });

  it("simulates multiplicative intervals over more than one season (season terms updated on each path)", () => {
    const params = { alpha: 0.3, beta: 0.1, gamma: 0.4 };
    const y = [12, 20, 15, 24, 13, 22, 17, 27, 15, 25];
    const opts = { horizon: 5, simulations: 300, seed: 5, level: 0.8 };
    const r = revenueForecast(y, { seasonal: "multiplicative", seasonLength: 2, params, ...opts, backtest: false });
    expect(r.sigma).toBeGreaterThan(0);
    const expected = resimulate(r, { ...params, phi: 1 }, opts);
    r.forecasts.forEach((f, k) => {
      expect(f.lower).toBeCloseTo(expected[k]![0], 9);
      expect(f.upper).toBeCloseTo(expected[k]![1], 9);
    });
  });

  it("keeps a simulated path's seasonal term where the level plus trend is 0", () => {
    // alpha = beta = 0, gamma = 0.5, l0 = 5, b = -1, s = [1, 1]: the fit is exact (sigma 0),
    // levels 4, 3, 2, 1; the first forecast period has level plus trend 0, then -1, -2, -3.
    const r = revenueForecast([4, 3, 2, 1], {
      seasonal: "multiplicative",
      seasonLength: 2,
      params: { alpha: 0, beta: 0, gamma: 0.5 },
      initial: { level: 5, trend: -1, seasonal: [1, 1] },
      horizon: 4,
      simulations: 100,
      backtest: false,
    });
    expect(r.sse).toBe(0);
    expect(r.final).toEqual({ level: 1, trend: -1, seasonal: [1, 1] });
    expect(r.forecasts.map((f) => [f.value, f.lower, f.upper])).toEqual([
      [0, 0, 0],
      [-1, -1, -1],
      [-2, -2, -2],
      [-3, -3, -3],
    ]);
  });

  it("keeps a simulated path's level where its seasonal term is 0", () => {
    // alpha = beta = 0, gamma = 0.5, l0 = 5, b = -2, s = [1, 1], y = [3, 1, 1, 1]: bases 3, 1, -1, -3;
    // s0 becomes 0.5 * 3 / 3 + 0.5 = 1, then 0.5 * 1 / -1 + 0.5 * 1 = 0; errors 0, 0, 2, 4.
    const params = { alpha: 0, beta: 0, gamma: 0.5 };
    const opts = { horizon: 3, simulations: 200, seed: 3, level: 0.9 };
    const r = revenueForecast([3, 1, 1, 1], {
      seasonal: "multiplicative",
      seasonLength: 2,
      params,
      initial: { level: 5, trend: -2, seasonal: [1, 1] },
      ...opts,
      backtest: false,
    });
    expect(r.sse).toBe(20);
    expect(r.final.level).toBe(-3);
    expect(r.final.seasonal![0]).toBe(0);
    const expected = resimulate(r, { ...params, phi: 1 }, opts);
    r.forecasts.forEach((f, k) => {
      expect(Number.isFinite(f.lower) && Number.isFinite(f.upper)).toBe(true);
      expect(f.lower).toBeCloseTo(expected[k]![0], 9);
      expect(f.upper).toBeCloseTo(expected[k]![1], 9);
    });
  });

  it("on a flat objective, runs each Nelder-Mead search until the simplex has shrunk below 1e-6 and stays at the first start", () => {
    // A constant series is fitted exactly whatever the parameters (SSE 0 everywhere), so every
    // iteration reflects (1 evaluation), contracts (1) and shrinks (d) by half from size 0.25:
    // 18 iterations reach 0.25 / 2^18 < 1e-6. Four searches (three starts and the polish) of
    // d + 1 + 18 (d + 2) evaluations each.
    const one = revenueForecast(new Array(10).fill(100), { seasonal: "none", trend: "none", backtest: false });
    expect(one.estimated).toEqual(["alpha"]);
    expect(one.optimizer).toEqual({ converged: true, iterations: 72, evaluations: 4 * (2 + 18 * 3) });
    expect(one.params.alpha).toBeCloseTo(0.5, 12);
    const three = revenueForecast(new Array(24).fill(100), { backtest: false });
    expect(three.estimated).toEqual(["alpha", "beta", "gamma"]);
    expect(three.optimizer).toEqual({ converged: true, iterations: 72, evaluations: 4 * (4 + 18 * 5) });
    // the first starting point: alpha 0.5, beta 0.1, gamma (1 - alpha) 0.1
    expect(three.params.alpha).toBeCloseTo(0.5, 12);
    expect(three.params.beta!).toBeCloseTo(0.1, 12);
    expect(three.params.gamma!).toBeCloseTo(0.05, 12);
    expect(three.sse).toBe(0);
  });
});

// ---- the optimiser against a reference Nelder-Mead --------------------------------------

type Vertex = { readonly x: readonly number[]; readonly v: number };

/**
 * Reference Nelder-Mead as the source documents it: coefficients 1 (reflection), 2
 * (expansion), 0.5 (contraction), 0.5 (shrink toward the best vertex); initial simplex the
 * start and the start plus 0.25 along each axis; stops when the value spread is within 1e-12
 * of the best value and every vertex is within 1e-6 of the best on every axis; NaN counts
 * as +Infinity; ties keep the older vertex first.
 */
function referenceNelderMead(f: (x: readonly number[]) => number, start: readonly number[]): Vertex & { iterations: number; evaluations: number; converged: boolean } {
  let evaluations = 0;
  const vertex = (x: readonly number[]): Vertex => {
    evaluations += 1;
    const v = f(x);
    return { x, v: Number.isNaN(v) ? Infinity : v };
  };
  const d = start.length;
  let simplex: Vertex[] = [vertex(start), ...start.map((_, i) => vertex(start.map((c, k) => (k === i ? c + 0.25 : c))))];
  let iterations = 0;
  for (;;) {
    simplex = [...simplex].sort((a, b) => a.v - b.v);
    const [best, worst, second] = [simplex[0]!, simplex[d]!, simplex[d - 1]!];
    const size = Math.max(0, ...simplex.slice(1).flatMap((p) => p.x.map((c, k) => Math.abs(c - best.x[k]!))));
    if (Math.abs(worst.v - best.v) <= 1e-12 * (Math.abs(best.v) + 1e-12) && size < 1e-6) return { ...best, iterations, evaluations, converged: true };
    if (iterations === 2000) return { ...best, iterations, evaluations, converged: false };
    iterations += 1;
    const centroid = best.x.map((_, k) => simplex.slice(0, d).reduce((sum, p) => sum + p.x[k]! / d, 0));
    const toward = (t: number): number[] => centroid.map((c, k) => c + t * (worst.x[k]! - c));
    const reflected = vertex(toward(-1));
    let replacement: Vertex | null = null;
    if (reflected.v < best.v) {
      const expanded = vertex(toward(-2));
      replacement = expanded.v < reflected.v ? expanded : reflected;
    } else if (reflected.v < second.v) {
      replacement = reflected;
    } else {
      const contracted = vertex(toward(reflected.v < worst.v ? -0.5 : 0.5));
      if (contracted.v < Math.min(reflected.v, worst.v)) replacement = contracted;
    }
    if (replacement !== null) simplex[d] = replacement;
    else simplex = [best, ...simplex.slice(1).map((p) => vertex(p.x.map((c, k) => best.x[k]! + 0.5 * (c - best.x[k]!))))];
  }
}

/** SSE of Holt's linear trend (l0 = y0, b0 = y1 - y0) at alpha = sin^2(u0), beta = sin^2(u1). */
function holtSse(y: readonly number[], u: readonly number[]): number {
  const alpha = Math.sin(u[0]!) ** 2;
  const beta = u.length > 1 ? Math.sin(u[1]!) ** 2 : 0;
  let [l, b, sse] = [y[0]!, u.length > 1 ? y[1]! - y[0]! : 0, 0];
  for (const value of y) {
    const base = l + b;
    const e = value - base;
    sse += e * e;
    const next = base + alpha * e;
    b = beta * (next - l) + (1 - beta) * b;
    l = next;
  }
  return Number.isFinite(sse) ? sse : Infinity;
}

/** Three starts (alpha 0.5, 0.2, 0.8; beta 0.1, 0.05, 0.3), the best kept, then a polish from it. */
function referenceFit(y: readonly number[], d: number): { alpha: number; beta: number; iterations: number; evaluations: number; converged: boolean; sse: number } {
  const starts = [
    [0.5, 0.1],
    [0.2, 0.05],
    [0.8, 0.3],
  ].map((s) => s.slice(0, d).map((x) => Math.asin(Math.sqrt(x))));
  const runs = starts.map((s) => referenceNelderMead((u) => holtSse(y, u), s));
  const best = runs.reduce((a, r) => (r.v < a.v ? r : a));
  const polished = referenceNelderMead((u) => holtSse(y, u), best.x);
  const final = polished.v <= best.v ? polished : best;
  const total = (key: "iterations" | "evaluations"): number => [...runs, polished].reduce((a, r) => a + r[key], 0);
  return {
    alpha: Math.sin(final.x[0]!) ** 2,
    beta: d > 1 ? Math.sin(final.x[1]!) ** 2 : 0,
    iterations: total("iterations"),
    evaluations: total("evaluations"),
    converged: polished.converged,
    sse: final.v,
  };
}

describe("revenueForecast's optimiser", () => {
  const cases: [string, number[]][] = [
    ["a noisy upward series", [12, 15, 14, 18, 21, 19, 24, 26, 25, 30, 29, 33]],
    ["a series with a break", [50, 52, 49, 51, 70, 72, 69, 75, 74, 78]],
    ["an alternating series", [10, 30, 12, 28, 15, 27, 11, 31, 14, 29, 13]],
    // here simple exponential smoothing reaches a simplex of size 1e-6 before its values agree to 1e-12
    ["a short noisy series", [9.126981180161238, 5.166692826161292, 11.261256060657889, 7.3982348519537116, 7.0216866454532365, 6.911918662644355]],
    // on these Holt's fit shrinks its simplex, or meets exact ties (sin^2 is even, so mirrored
    // points have equal values) between the reflected point and the worst or the expanded one
    ["a steady climb", [10, 13, 12, 15, 15, 16, 17, 20, 18, 20, 21, 22, 23]],
    ["four values", [11, 13, 13, 15]],
    ["five values", [11, 12, 12, 13, 16]],
  ];
  it.each(cases)("follows the reference Nelder-Mead step for step on Holt's model (%s)", (_name, y) => {
    const r = revenueForecast(y, { seasonal: "none", horizon: 1, backtest: false });
    const ref = referenceFit(y, 2);
    expect(r.estimated).toEqual(["alpha", "beta"]);
    expect(r.optimizer).toEqual({ converged: ref.converged, iterations: ref.iterations, evaluations: ref.evaluations });
    expect(r.params.alpha).toBeCloseTo(ref.alpha, 12);
    expect(r.params.beta!).toBeCloseTo(ref.beta, 12);
    expect(r.sse).toBeCloseTo(ref.sse, 9);
  });

  it.each(cases)("follows the reference Nelder-Mead step for step on simple exponential smoothing (%s)", (_name, y) => {
    const r = revenueForecast(y, { seasonal: "none", trend: "none", horizon: 1, backtest: false });
    const ref = referenceFit(y, 1);
    expect(r.optimizer).toEqual({ converged: ref.converged, iterations: ref.iterations, evaluations: ref.evaluations });
    expect(r.params.alpha).toBeCloseTo(ref.alpha, 12);
    expect(r.sse).toBeCloseTo(ref.sse, 9);
  });
});
