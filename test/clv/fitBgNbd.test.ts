import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/fitBgNbd.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { cdnowSummary, deepFreeze, errorOf, relDiff } from "./data.js";

const cdnow = deepFreeze(cdnowSummary());
// Fitted inside each test that uses it, so that the fit runs while the test does.
const fitted = (): ReturnType<typeof fitBgNbd> => fitBgNbd(cdnow, { timeUnit: "week" });

describe("fitBgNbd", () => {
  it("reproduces Fader, Hardie & Lee (2005) on the CDNOW sample", () => {
    const model = fitted();
    expect(relDiff(model.params.r, 0.243)).toBeLessThan(1e-3 * 2);
    expect(relDiff(model.params.alpha, 4.414)).toBeLessThan(1e-3);
    expect(relDiff(model.params.a, 0.793)).toBeLessThan(1e-3);
    expect(relDiff(model.params.b, 2.426)).toBeLessThan(1e-3);
    expect(Math.abs(model.logLikelihood - -9582.4)).toBeLessThan(0.1);
    // lifetimes 0.11.3 prints LL -9582.43 for the same fit.
    expect(model.logLikelihood).toBeCloseTo(-9582.43, 2);
    expect(model.converged).toBe(true);
    expect(model.n).toBe(2357);
    expect(model.timeUnit).toBe("week");
    expect(model.model).toBe("bg-nbd");
  });

  it("reports Hessian standard errors like lifetimes (0.0126, 0.378, 0.186, 0.705)", () => {
    const model = fitted();
    const se = model.standardErrors;
    expect(se.r!).toBeCloseTo(0.0126, 3);
    expect(se.alpha!).toBeCloseTo(0.378, 2);
    expect(se.a!).toBeCloseTo(0.186, 2);
    expect(se.b!).toBeCloseTo(0.705, 2);
  });

  it("merges identical customers: weights give the same fit as repeated rows", () => {
    const rows = [
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 2, recency: 12, T: 30 },
      { frequency: 2, recency: 12, T: 30 },
      { frequency: 5, recency: 28, T: 30 },
      { frequency: 1, recency: 3, T: 20 },
      { frequency: 0, recency: 0, T: 20 },
    ];
    const weighted = [
      { frequency: 0, recency: 0, T: 30, weight: 3 },
      { frequency: 2, recency: 12, T: 30, weight: 2 },
      { frequency: 5, recency: 28, T: 30 },
      { frequency: 1, recency: 3, T: 20 },
      { frequency: 0, recency: 0, T: 20 },
    ];
    const a = fitBgNbd(rows);
    const b = fitBgNbd(weighted);
    expect(a.distinctRows).toBe(5);
    expect(a.n).toBe(8);
    expect(b.n).toBe(8);
    expect(a.logLikelihood).toBeCloseTo(b.logLikelihood, 8);
    expect(a.params.r).toBeCloseTo(b.params.r, 6);
  });

  it("does not depend on the order of the customers", () => {
    const sample = cdnow.slice(0, 300);
    const base = fitBgNbd(sample);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 300, maxLength: 300 }), (keys) => {
        const shuffled = sample.map((c, i) => ({ c, k: keys[i]! })).sort((x, y) => x.k - y.k).map((e) => e.c);
        const m = fitBgNbd(shuffled);
        return Math.abs(m.logLikelihood - base.logLikelihood) < 1e-6 && relDiff(m.params.alpha, base.params.alpha) < 1e-4;
      }),
      { seed: 42, numRuns: 5 },
    );
  });

  it("recovers the parameters of simulated customers", () => {
    fc.assert(
      fc.property(
        fc.record({
          r: fc.double({ min: 0.3, max: 1.5, noNaN: true }),
          alpha: fc.double({ min: 2, max: 10, noNaN: true }),
          a: fc.double({ min: 0.5, max: 2, noNaN: true }),
          b: fc.double({ min: 2, max: 6, noNaN: true }),
          seed: fc.nat(1000),
        }),
        ({ seed, ...params }) => {
          const sim = simulateClv({ model: "bg-nbd", params, customers: 20000, T: { min: 40, max: 60 }, seed });
          const fit = fitBgNbd(sim.customers);
          // Purchase-rate parameters are well identified; the drop-out ones less so.
          return (
            fit.converged &&
            relDiff(fit.params.r / fit.params.alpha, params.r / params.alpha) < 0.1 &&
            relDiff(fit.params.r, params.r) < 0.2 &&
            relDiff(fit.params.a / (fit.params.a + fit.params.b), params.a / (params.a + params.b)) < 0.25
          );
        },
      ),
      { seed: 42, numRuns: 3 },
    );
  });

  it("shrinks the parameters with an L2 penalizer", () => {
    const model = fitted();
    const penalized = fitBgNbd(cdnow, { penalizer: 0.1 });
    const sq = (p: typeof model.params): number => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(sq(penalized.params)).toBeLessThan(sq(model.params));
    expect(penalized.logLikelihood).toBeLessThan(model.logLikelihood);
    expect(penalized.penalizer).toBe(0.1);
  });

  it("reports non-convergence, or throws NOT_CONVERGED when asked", () => {
    const m = fitBgNbd(cdnow, { maxIterations: 2 });
    expect(m.converged).toBe(false);
    expect(Number.isFinite(m.logLikelihood)).toBe(true);
    expect(errorOf(() => fitBgNbd(cdnow, { maxIterations: 2, throwOnNotConverged: true })).code).toBe("NOT_CONVERGED");
  });

  it("fits high-frequency customers without overflow", () => {
    const rows = [
      { frequency: 10000, recency: 9999, T: 10000 },
      { frequency: 5000, recency: 100, T: 10000 },
      { frequency: 0, recency: 0, T: 10000 },
      { frequency: 3, recency: 50, T: 9000 },
      { frequency: 221, recency: 95, T: 96 },
    ];
    const m = fitBgNbd(rows);
    expect(Number.isFinite(m.logLikelihood)).toBe(true);
    for (const v of Object.values(m.params)) expect(Number.isFinite(v)).toBe(true);
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it("survives a JSON round trip", () => {
    const model = fitted();
    const back = JSON.parse(JSON.stringify(model));
    expect(back).toEqual(model);
  });

  it("accepts any iterable and customers whose id is __proto__", () => {
    const set = new Set([
      { customerId: "__proto__", frequency: 1, recency: 2, T: 10 },
      { customerId: "constructor", frequency: 0, recency: 0, T: 10 },
      { frequency: 3, recency: 8, T: 10 },
    ]);
    expect(fitBgNbd(set).n).toBe(3);
  });

  it("validates the histories", () => {
    expect(errorOf(() => fitBgNbd([]))).toMatchObject({ code: "EMPTY_INPUT" });
    expect(errorOf(() => fitBgNbd(5 as never))).toMatchObject({ code: "INVALID_INPUT", path: "customers" });
    expect(errorOf(() => fitBgNbd([null as never]))).toMatchObject({ code: "INVALID_INPUT", path: "customers[0]" });
    const bad = (row: object): { code: string; path: string; message: string } => errorOf(() => fitBgNbd([{ frequency: 1, recency: 1, T: 2 }, row as never]));
    expect(bad({ frequency: 1.5, recency: 1, T: 2 })).toMatchObject({ code: "INVALID_INPUT", path: "customers[1].frequency" });
    expect(bad({ frequency: -1, recency: 1, T: 2 }).path).toBe("customers[1].frequency");
    expect(bad({ frequency: Number.NaN, recency: 1, T: 2 }).path).toBe("customers[1].frequency");
    expect(bad({ frequency: 1, recency: 3, T: 2 })).toMatchObject({ path: "customers[1].recency" });
    expect(bad({ frequency: 0, recency: 1, T: 2 })).toMatchObject({ path: "customers[1].recency" });
    expect(bad({ frequency: 1, recency: 1, T: Number.POSITIVE_INFINITY })).toMatchObject({ path: "customers[1].T" });
    expect(bad({ frequency: 1, recency: "1", T: 2 })).toMatchObject({ path: "customers[1].recency" });
    expect(bad({ frequency: 1, recency: 1, T: 2, weight: 0 })).toMatchObject({ path: "customers[1].weight" });
    expect(bad({ frequency: 1, recency: 3, T: 2 }).message).toBe("fitBgNbd: customers[1].recency must be <= T (2), got 3");
  });

  it("validates the options", () => {
    expect(errorOf(() => fitBgNbd(cdnow, { penalizer: -1 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.penalizer" });
    expect(errorOf(() => fitBgNbd(cdnow, { maxIterations: 0 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.maxIterations" });
    expect(errorOf(() => fitBgNbd(cdnow, { throwOnNotConverged: "yes" as never }))).toMatchObject({ code: "INVALID_OPTION" });
    expect(errorOf(() => fitBgNbd(cdnow, { timeUnit: 7 as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.timeUnit" });
    expect(errorOf(() => fitBgNbd(cdnow, 3 as never))).toMatchObject({ code: "INVALID_OPTION", path: "options" });
  });

  it("says a fit to customers who are all alike did not converge: the shapes run off to a limit of the model", () => {
    const alike = Array.from({ length: 50 }, () => ({ frequency: 3, recency: 20, T: 30 }));
    const fit = fitBgNbd(alike);
    // Without heterogeneity the likelihood keeps rising as r -> infinity (a Poisson rate), a -> 0, b -> infinity.
    expect(fit.params.r).toBeGreaterThan(1e6);
    expect(fit.params.a).toBeLessThan(1e-6);
    expect(fit.converged).toBe(false);
    const error = errorOf(() => fitBgNbd(alike, { throwOnNotConverged: true }));
    expect(error).toMatchObject({ code: "NOT_CONVERGED" });
    expect(error.message).toMatch(/^fitBgNbd: the estimate ran off to a limit of the model \(r = \d\.\d\de\+[67], a = \d\.\d\de-[78], b = \d\.\d\de\+[78]\): the data do not identify it \(too few customers, or customers too alike\)$/);
  });

  it("does not hold alpha, a scale in the data's time unit, to the shape limits", () => {
    // CDNOW in units of a millionth of a week: alpha becomes 4.414e6, the shapes stay.
    const fine = fitBgNbd(cdnow.map((c) => ({ frequency: c.frequency, recency: c.recency * 1e6, T: c.T * 1e6 })));
    expect(relDiff(fine.params.alpha, 4.414e6)).toBeLessThan(2e-3);
    expect(relDiff(fine.params.r, 0.243)).toBeLessThan(2e-3);
    expect(fine.converged).toBe(true);
  });

  it("fits a single customer and customers without repeat purchases", () => {
    const one = fitBgNbd([{ frequency: 2, recency: 5, T: 10 }]);
    expect(one.converged).toBe(false);
    expect(Number.isFinite(one.logLikelihood)).toBe(true);
    const none = fitBgNbd([{ frequency: 0, recency: 0, T: 10 }, { frequency: 0, recency: 0, T: 5 }]);
    expect(Number.isFinite(none.logLikelihood)).toBe(true);
    expect(none.logLikelihood).toBeLessThanOrEqual(0);
  });
});
