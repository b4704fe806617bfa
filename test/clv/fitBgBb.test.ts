import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitBgBb } from "../../src/clv/fitBgBb.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { deepFreeze, donations, errorOf, relDiff } from "./data.js";

const data = deepFreeze(donations());
// Fitted inside each test that uses it, so that the fit runs while the test does.
const fitted = (): ReturnType<typeof fitBgBb> => fitBgBb(data);

describe("fitBgBb", () => {
  it("reproduces Fader, Hardie & Shang (2010) on the donations cohort", () => {
    const model = fitted();
    expect(relDiff(model.params.alpha, 1.204)).toBeLessThan(1e-3);
    expect(relDiff(model.params.beta, 0.75)).toBeLessThan(1e-3);
    expect(relDiff(model.params.gamma, 0.657)).toBeLessThan(1e-3);
    expect(relDiff(model.params.delta, 2.783)).toBeLessThan(1e-3);
    expect(Math.abs(model.logLikelihood - -33225.6)).toBeLessThan(0.1);
    expect(model.n).toBe(11104);
    expect(model.distinctRows).toBe(22);
    expect(model.model).toBe("bg-bb");
  });

  it("gives the same fit for expanded rows as for weights", () => {
    const small = [
      { frequency: 0, recency: 0, periods: 4, weight: 3 },
      { frequency: 2, recency: 3, periods: 4, weight: 2 },
      { frequency: 4, recency: 4, periods: 4 },
      { frequency: 1, recency: 1, periods: 4 },
    ];
    const expanded = small.flatMap(({ weight, ...r }) => Array.from({ length: weight ?? 1 }, () => r));
    expect(fitBgBb(small).logLikelihood).toBeCloseTo(fitBgBb(expanded).logLikelihood, 8);
  });

  it("recovers the parameters of simulated donors", () => {
    fc.assert(
      fc.property(fc.nat(1000), (seed) => {
        const params = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
        const sim = simulateClv({ model: "bg-bb", params, customers: 20000, T: 6, seed });
        const fit = fitBgBb(sim.customers);
        const mean = (p: typeof params): number => p.alpha / (p.alpha + p.beta);
        return fit.converged && relDiff(mean(fit.params), mean(params)) < 0.05;
      }),
      { seed: 42, numRuns: 2 },
    );
  });

  it("does not underflow for long histories", () => {
    const m = fitBgBb([
      { frequency: 0, recency: 0, periods: 10000 },
      { frequency: 3, recency: 20, periods: 10000 },
      { frequency: 9000, recency: 10000, periods: 10000 },
      // Stopped early: staying alive throughout is e^-1400 times less likely than the rest.
      { frequency: 500, recency: 600, periods: 10000 },
      { frequency: 2, recency: 5, periods: 6 },
    ]);
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it("validates the histories", () => {
    expect(errorOf(() => fitBgBb([{ frequency: 7, recency: 6, periods: 6 }]))).toMatchObject({ code: "INVALID_INPUT", path: "customers[0].frequency" });
    expect(errorOf(() => fitBgBb([{ frequency: 3, recency: 2, periods: 6 }]))).toMatchObject({ path: "customers[0].recency" });
    expect(errorOf(() => fitBgBb([{ frequency: 0, recency: 2, periods: 6 }]))).toMatchObject({ path: "customers[0].recency" });
    expect(errorOf(() => fitBgBb([{ frequency: 0, recency: 0, periods: 0 }]))).toMatchObject({ path: "customers[0].periods" });
    expect(errorOf(() => fitBgBb([1 as never]))).toMatchObject({ path: "customers[0]" });
    expect(errorOf(() => fitBgBb([]))).toMatchObject({ code: "EMPTY_INPUT" });
    expect(errorOf(() => fitBgBb([{ frequency: 3, recency: 2, periods: 6 }])).message).toBe("fitBgBb: customers[0].recency must be >= frequency (3), got 2");
  });
});
