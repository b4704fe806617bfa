import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fitLogParameters,
  logAddExp,
  modelInfo,
  readDiscreteHistories,
  readPurchaseHistories,
  resolveFitOptions,
  startingScale,
  type LogLikelihood,
} from "../../src/clv/fitCommon.js";
import { errorOf, relDiff } from "./data.js";

describe("readPurchaseHistories", () => {
  it("merges identical customers into weighted rows, whatever their number and order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 3000 }),
        (triples) => {
          const rows = triples.map(([x, a, b]) => {
            const T = Math.max(a, b) / 7;
            return x === 0 ? { frequency: 0, recency: 0, T } : { frequency: x, recency: Math.min(a, b) / 7, T };
          });
          const d = readPurchaseHistories("f", rows);
          const keys = new Map<string, number>();
          for (const r of rows) keys.set(`${r.frequency}|${r.recency}|${r.T}`, (keys.get(`${r.frequency}|${r.recency}|${r.T}`) ?? 0) + 1);
          if (d.rows !== keys.size || d.n !== rows.length) return false;
          for (let i = 0; i < d.rows; i++) {
            if (keys.get(`${d.x[i]}|${d.tx[i]}|${d.T[i]}`) !== d.w[i]) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 30 },
    );
  });

  it("treats -0 as 0 and sums weights", () => {
    const d = readPurchaseHistories("f", [
      { frequency: 0, recency: -0, T: 5, weight: 2.5 },
      { frequency: -0, recency: 0, T: 5 },
    ]);
    expect(d.rows).toBe(1);
    expect(d.w[0]).toBe(3.5);
  });
});

describe("readDiscreteHistories", () => {
  it("merges identical patterns", () => {
    const d = readDiscreteHistories("f", [
      { frequency: 1, recency: 2, periods: 6 },
      { frequency: 1, recency: 2, periods: 6, weight: 4 },
      { frequency: 0, recency: 0, periods: 6 },
    ]);
    expect(d.rows).toBe(2);
    expect(d.n).toBe(6);
  });
});

describe("readPurchaseHistories, validation and order", () => {
  const one = (row: object): unknown => readPurchaseHistories("f", [{ frequency: 1, recency: 1, T: 2 }, row]);

  it("returns the distinct rows in key order (frequency, then recency, then T) with their weights", () => {
    const d = readPurchaseHistories("f", [
      { frequency: 3, recency: 5, T: 10 },
      { frequency: 1, recency: 2, T: 10, weight: 2 },
      { frequency: 1, recency: 2, T: 8, weight: 4 },
      { frequency: 0, recency: 0, T: 4, weight: 0.5 },
      { frequency: 1, recency: 1, T: 10 },
      { frequency: 1, recency: 2, T: 10, weight: 3 },
    ]);
    expect(Array.from(d.x)).toEqual([0, 1, 1, 1, 3]);
    expect(Array.from(d.tx)).toEqual([0, 1, 2, 2, 5]);
    expect(Array.from(d.T)).toEqual([4, 10, 8, 10, 10]);
    expect(Array.from(d.w)).toEqual([0.5, 1, 4, 5, 1]);
    expect(d.rows).toBe(5);
    expect(d.n).toBe(11.5);
  });

  it("keeps apart rows that share recency and T, and finds earlier rows again after the table has grown", () => {
    // 1000 frequencies at one (recency, T): many land in the same probe chains.
    const same = readPurchaseHistories(
      "f",
      Array.from({ length: 1000 }, (_, i) => ({ frequency: i, recency: 0, T: 10 })),
    );
    expect(same.rows).toBe(1000);
    expect(Array.from(same.w).every((w) => w === 1)).toBe(true);
    // 2000 distinct rows (the table grows past 1024 slots twice), then each again.
    const rows = Array.from({ length: 2000 }, (_, i) => ({ frequency: 1 + (i % 50), recency: Math.floor(i / 50), T: 40 }));
    const twice = readPurchaseHistories("f", [...rows, ...rows]);
    expect(twice.rows).toBe(2000);
    expect(twice.n).toBe(4000);
    expect(Array.from(twice.w).every((w) => w === 2)).toBe(true);
  });

  it("treats a T of -0 as 0", () => {
    const d = readPurchaseHistories("f", [
      { frequency: 0, recency: 0, T: -0 },
      { frequency: 0, recency: 0, T: 0 },
    ]);
    expect(d.rows).toBe(1);
    expect(Object.is(d.T[0], 0)).toBe(true);
  });

  it("names the field of a bad history in the house format", () => {
    expect(errorOf(() => one({ frequency: 0, recency: 1, T: 2 })).message).toBe("f: customers[1].recency must be 0 when frequency is 0, got 1");
    expect(errorOf(() => one({ frequency: 1.5, recency: 1, T: 2 })).message).toBe("f: customers[1].frequency must be an integer >= 0, got 1.5");
    expect(errorOf(() => one({ frequency: 1, recency: -1, T: 2 })).message).toBe("f: customers[1].recency must be a finite number >= 0, got -1");
    expect(errorOf(() => one({ frequency: 1, recency: 1, T: "2" })).message).toBe('f: customers[1].T must be a finite number >= 0, got "2"');
    expect(errorOf(() => one({ frequency: 1, recency: 1, T: 2, weight: Number.POSITIVE_INFINITY })).message).toBe(
      "f: customers[1].weight must be a finite number > 0, got Infinity",
    );
    expect(errorOf(() => one({ frequency: 1, recency: 1, T: 2, weight: "2" }))).toMatchObject({ code: "INVALID_INPUT", path: "customers[1].weight" });
    expect(errorOf(() => one({ frequency: 1, recency: 1, T: 2, weight: -1 }))).toMatchObject({ path: "customers[1].weight" });
    expect(errorOf(() => one(7 as never)).message).toBe("f: customers[1] must be an object with frequency, recency and T, got 7");
    expect(errorOf(() => one({ frequency: -1, recency: 0, T: 2 })).path).toBe("customers[1].frequency");
    // Recency equal to T, and no repeat purchase at recency 0, are fine: the weight is what is wrong.
    expect(errorOf(() => one({ frequency: 1, recency: 2, T: 2, weight: 0 })).path).toBe("customers[1].weight");
    expect(errorOf(() => one({ frequency: 0, recency: 0, T: 2, weight: -1 })).path).toBe("customers[1].weight");
  });

  it("throws EMPTY_INPUT naming the input without customers", () => {
    expect(errorOf(() => readPurchaseHistories("f", []))).toEqual({ code: "EMPTY_INPUT", path: "customers", message: "f: customers must hold at least one customer" });
    expect(errorOf(() => readPurchaseHistories("f", [], "rows"))).toMatchObject({ path: "rows", message: "f: rows must hold at least one customer" });
  });
});

describe("readDiscreteHistories, validation", () => {
  const one = (row: object): unknown => readDiscreteHistories("f", [row]);

  it("names the field of a bad history in the house format", () => {
    expect(errorOf(() => one({ frequency: 0, recency: 2, periods: 6 })).message).toBe("f: customers[0].recency must be 0 when frequency is 0, got 2");
    expect(errorOf(() => one({ frequency: 3, recency: 2, periods: 6 })).message).toBe("f: customers[0].recency must be >= frequency (3), got 2");
    expect(errorOf(() => one({ frequency: 7, recency: 6, periods: 6 })).message).toBe("f: customers[0].frequency must be an integer from 0 to 6, got 7");
    expect(errorOf(() => one({ frequency: 1, recency: 7, periods: 6 })).message).toBe("f: customers[0].recency must be an integer from 0 to 6, got 7");
    expect(errorOf(() => one({ frequency: 1, recency: 1, periods: 0 })).message).toBe("f: customers[0].periods must be an integer >= 1, got 0");
    expect(errorOf(() => one({ frequency: 1, recency: 1, periods: 3, weight: 0 })).message).toBe("f: customers[0].weight must be a finite number > 0, got 0");
    expect(errorOf(() => one("x" as never)).message).toBe('f: customers[0] must be an object with frequency, recency and periods, got "x"');
  });

  it("accepts recency equal to frequency, and weights", () => {
    const d = readDiscreteHistories("f", [
      { frequency: 3, recency: 3, periods: 6, weight: 2 },
      { frequency: 0, recency: 0, periods: 6 },
    ]);
    expect(Array.from(d.x)).toEqual([0, 3]);
    expect(Array.from(d.tx)).toEqual([0, 3]);
    expect(Array.from(d.T)).toEqual([6, 6]);
    expect(Array.from(d.w)).toEqual([1, 2]);
    expect(d.n).toBe(3);
  });
});

describe("startingScale", () => {
  const scale = (rows: object[]): number => startingScale(readPurchaseHistories("f", rows));

  it("is the total observed time over the total repeat purchases, weights included", () => {
    // T: 10 + 30 * 2 + 5 = 75, purchases: 2 + 0 + 5 = 7.
    expect(scale([{ frequency: 2, recency: 5, T: 10 }, { frequency: 0, recency: 0, T: 30, weight: 2 }, { frequency: 5, recency: 1, T: 5 }])).toBeCloseTo(75 / 7, 12);
  });

  it("is 1 without repeat purchases or without observed time", () => {
    expect(scale([{ frequency: 0, recency: 0, T: 30 }])).toBe(1);
    expect(scale([{ frequency: 0, recency: 0, T: 0 }])).toBe(1);
    expect(scale([{ frequency: 2, recency: 0, T: 0 }])).toBe(1);
  });

  it("is clamped to [1e-3, 1e6]", () => {
    expect(scale([{ frequency: 1, recency: 0, T: 5e-4 }])).toBe(1e-3);
    expect(scale([{ frequency: 1, recency: 0, T: 2e-3 }])).toBeCloseTo(2e-3, 15);
    expect(scale([{ frequency: 10, recency: 1e-4, T: 1e-4 }])).toBe(1e-3);
    expect(scale([{ frequency: 1, recency: 1, T: 2e6 }, { frequency: 0, recency: 0, T: 3e6 }])).toBe(1e6);
    expect(scale([{ frequency: 1, recency: 1, T: 9e5 }])).toBeCloseTo(9e5, 6);
  });
});

describe("logAddExp", () => {
  it("is log(exp(a) + exp(b)) in either order, and the other term when one is -Infinity", () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(Math.log(3), Math.log(2))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
    // exp of the larger minus the smaller would overflow.
    expect(logAddExp(0, -800)).toBeCloseTo(0, 15);
    expect(logAddExp(-800, 0)).toBeCloseTo(0, 15);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 2)).toBe(2);
    expect(logAddExp(2, Number.NEGATIVE_INFINITY)).toBe(2);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("resolveFitOptions and modelInfo", () => {
  it("defaults to no penalty, 500 iterations, no throw and no time unit", () => {
    expect(resolveFitOptions("f", undefined)).toEqual({ penalizer: 0, maxIterations: 500, throwOnNotConverged: false, timeUnit: undefined });
    expect(resolveFitOptions("f", { penalizer: 0.5, maxIterations: 3, throwOnNotConverged: true, timeUnit: "day" })).toEqual({
      penalizer: 0.5,
      maxIterations: 3,
      throwOnNotConverged: true,
      timeUnit: "day",
    });
  });

  it("names a bad option in the house format", () => {
    expect(errorOf(() => resolveFitOptions("f", { timeUnit: 7 } as never))).toEqual({ code: "INVALID_OPTION", path: "options.timeUnit", message: "f: options.timeUnit must be a string, got number" });
    expect(errorOf(() => resolveFitOptions("f", { maxIterations: 0.5 }))).toMatchObject({ path: "options.maxIterations" });
    expect(errorOf(() => resolveFitOptions("f", { maxIterations: 2.5 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.maxIterations" });
    expect(errorOf(() => resolveFitOptions("f", { throwOnNotConverged: 1 } as never))).toMatchObject({ code: "INVALID_OPTION", path: "options.throwOnNotConverged" });
    expect(errorOf(() => resolveFitOptions("f", { penalizer: -0.1 }))).toMatchObject({ path: "options.penalizer" });
  });

  it("copies the outcome and adds timeUnit only when one was given", () => {
    const outcome = { params: { r: 2 }, standardErrors: { r: 0.1 }, logLikelihood: -3, converged: true, iterations: 7 };
    const plain = modelInfo(outcome, 12, 4, resolveFitOptions("f", { penalizer: 0.25 }));
    expect(plain).toEqual({ params: { r: 2 }, standardErrors: { r: 0.1 }, logLikelihood: -3, converged: true, iterations: 7, n: 12, distinctRows: 4, penalizer: 0.25 });
    expect(Object.keys(plain)).not.toContain("timeUnit");
    expect(modelInfo(outcome, 12, 4, resolveFitOptions("f", { timeUnit: "week" })).timeUnit).toBe("week");
  });
});

describe("fitLogParameters", () => {
  // n (a log theta - b theta), a gamma kernel with its maximum at theta = a / b; on the log
  // scale u the total objective's second derivative at the maximum is n a, so the standard
  // error of theta is theta / sqrt(n a) (delta method).
  const n = 10;
  const kernel =
    (pairs: readonly (readonly [number, number])[]): LogLikelihood =>
    (theta, gradient) => {
      let ll = 0;
      pairs.forEach(([a, b], i) => {
        ll += n * (a * Math.log(theta[i]!) - b * theta[i]!);
        if (gradient !== null) gradient[i] = n * (a / theta[i]! - b);
      });
      return ll;
    };
  const opts = (o: object = {}): ReturnType<typeof resolveFitOptions> => resolveFitOptions("f", o);

  for (const analytic of [true, false]) {
    it(`finds the maximum and its standard error (${analytic ? "analytic" : "numeric"} gradient)`, () => {
      const fit = fitLogParameters<{ k: number; m: number }>("f", ["k", "m"], [1, 1], kernel([[3, 1.5], [0.5, 2]]), analytic, n, opts());
      expect(fit.params.k).toBeCloseTo(2, 6);
      expect(fit.params.m).toBeCloseTo(0.25, 6);
      expect(fit.standardErrors.k!).toBeCloseTo(2 / Math.sqrt(30), 4);
      expect(fit.standardErrors.m!).toBeCloseTo(0.25 / Math.sqrt(5), 4);
      expect(fit.logLikelihood).toBeCloseTo(n * (3 * Math.log(2) - 3) + n * (0.5 * Math.log(0.25) - 0.5), 8);
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeGreaterThan(0);
    });

    it(`maximises the penalised likelihood LL / n - penalizer * sum(theta^2) (${analytic ? "analytic" : "numeric"} gradient)`, () => {
      // d/du: -a + b theta + 2 pen theta^2 = 0.
      const pen = 0.1;
      const root = (a: number, b: number): number => (-b + Math.sqrt(b * b + 8 * pen * a)) / (4 * pen);
      const fit = fitLogParameters<{ k: number; m: number }>("f", ["k", "m"], [1, 1], kernel([[3, 1.5], [0.5, 2]]), analytic, n, opts({ penalizer: pen }));
      const k = root(3, 1.5);
      const m = root(0.5, 2);
      expect(fit.params.k).toBeCloseTo(k, 6);
      expect(fit.params.m).toBeCloseTo(m, 6);
      // Reported log-likelihood is the unpenalised one at the estimate.
      expect(fit.logLikelihood).toBeCloseTo(n * (3 * Math.log(k) - 1.5 * k) + n * (0.5 * Math.log(m) - 2 * m), 6);
      // Second derivative of the total penalised objective in u: n (b theta + 4 pen theta^2).
      expect(fit.standardErrors.k!).toBeCloseTo(k / Math.sqrt(n * (1.5 * k + 4 * pen * k * k)), 4);
    });
  }

  it("reports a shape beyond [1e-6, 1e5] as not converged, or throws naming it", () => {
    const lik = kernel([[2e5, 1], [1e-7, 1], [1, 1]]);
    const fit = fitLogParameters<{ big: number; small: number; ok: number }>("f", ["big", "small", "ok"], [1, 1, 1], lik, true, n, opts());
    expect(fit.params.big).toBeCloseTo(2e5, -1);
    expect(fit.params.small / 1e-7).toBeCloseTo(1, 4);
    expect(fit.converged).toBe(false);
    expect(errorOf(() => fitLogParameters("f", ["big", "small", "ok"], [1, 1, 1], lik, true, n, opts({ throwOnNotConverged: true })))).toEqual({
      code: "NOT_CONVERGED",
      path: "",
      message: "f: the estimate ran off to a limit of the model (big = 2.00e+5, small = 1.00e-7): the data do not identify it (too few customers, or customers too alike)",
    });
    // Scales are not held to the shape limits.
    const scaled = fitLogParameters<{ big: number; small: number; ok: number }>("f", ["big", "small", "ok"], [1, 1, 1], lik, true, n, opts({ throwOnNotConverged: true }), ["big", "small"]);
    expect(scaled.converged).toBe(true);
  });

  it("keeps shapes just inside the limits", () => {
    const big = fitLogParameters<{ big: number }>("f", ["big"], [1], kernel([[9e4, 1]]), true, n, opts());
    expect(big.params.big).toBeCloseTo(9e4, -1);
    expect(big.converged).toBe(true);
    const small = fitLogParameters<{ small: number }>("f", ["small"], [1], kernel([[2e-6, 1]]), true, n, opts());
    expect(small.params.small / 2e-6).toBeCloseTo(1, 2);
    expect(small.converged).toBe(true);
  });

  it("says how far the optimiser got when it stops at the iteration cap and is asked to throw", () => {
    const lik = kernel([[3, 1.5], [0.5, 2]]);
    const capped = fitLogParameters("f", ["k", "m"], [1e3, 1e-3], lik, true, n, opts({ maxIterations: 1 }));
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(1);
    const e = errorOf(() => fitLogParameters("f", ["k", "m"], [1e3, 1e-3], lik, true, n, opts({ maxIterations: 1, throwOnNotConverged: true })));
    expect(e.code).toBe("NOT_CONVERGED");
    expect(e.message).toMatch(/^f: the optimiser stopped after 1 iterations without meeting its tolerance \(largest gradient \d+(\.\d+)?(e[+-]\d+)?\)$/);
    // The largest gradient in u = log(theta) is max |a - b theta| over the parameters (per unit weight).
    const g = [Math.abs(3 - 1.5 * capped.params.k), Math.abs(0.5 - 2 * capped.params.m)];
    const shown = Number(/largest gradient ([^)]+)\)/.exec(e.message)![1]);
    expect(Math.abs(g[0]! - g[1]!)).toBeGreaterThan(0.1);
    expect(relDiff(shown, Math.max(...g))).toBeLessThan(1e-6);
  });

  it("gives null standard errors where the likelihood does not identify a parameter", () => {
    // The second parameter does not enter the likelihood: a singular information matrix.
    const lik: LogLikelihood = (theta, gradient) => {
      if (gradient !== null) {
        gradient[0] = n * (3 / theta[0]! - 1.5);
        gradient[1] = 0;
      }
      return n * (3 * Math.log(theta[0]!) - 1.5 * theta[0]!);
    };
    const fit = fitLogParameters<{ k: number; m: number }>("f", ["k", "m"], [1, 1], lik, true, n, opts());
    expect(fit.params.k).toBeCloseTo(2, 6);
    expect(fit.params.m).toBe(1);
    expect(fit.standardErrors).toEqual({ k: null, m: null });
  });

  it("throws NOT_CONVERGED when the log-likelihood at the estimate is not finite", () => {
    // Finite while the optimiser asks with a gradient, NaN for the final value-only call.
    const lik: LogLikelihood = (theta, gradient) => {
      if (gradient === null) return Number.NaN;
      gradient[0] = n * (3 / theta[0]! - 1.5);
      return n * (3 * Math.log(theta[0]!) - 1.5 * theta[0]!);
    };
    expect(errorOf(() => fitLogParameters("f", ["k"], [1], lik, true, n, opts()))).toMatchObject({
      code: "NOT_CONVERGED",
      message: "f: the fit left the parameter domain (log-likelihood NaN)",
    });
  });
});
