import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitParetoNbd } from "../../src/clv/fitParetoNbd.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { cdnowSummary, deepFreeze, errorOf, relDiff } from "./data.js";

const cdnow = deepFreeze(cdnowSummary());
// Fitted inside each test that uses it, so that the fit runs while the test does.
const fitted = (): ReturnType<typeof fitParetoNbd> => fitParetoNbd(cdnow);

describe("fitParetoNbd", () => {
  it("reproduces Fader, Hardie & Lee (2005, JMR) on the CDNOW sample", () => {
    const model = fitted();
    expect(Math.abs(model.logLikelihood - -9595.0)).toBeLessThan(0.1);
    expect(relDiff(model.params.r, 0.553)).toBeLessThan(1e-3);
    expect(relDiff(model.params.alpha, 10.58)).toBeLessThan(1e-3);
    expect(relDiff(model.params.s, 0.606)).toBeLessThan(1e-3);
    // beta sits on a flat ridge of the likelihood (CLVTools reports SE 6.2): loosely.
    expect(relDiff(model.params.beta, 11.67)).toBeLessThan(1e-2);
    expect(model.converged).toBe(true);
    expect(model.model).toBe("pareto-nbd");
  });

  it("reports standard errors close to CLVTools' (r 0.048, alpha 0.84, s 0.19, beta 6.2)", () => {
    const model = fitted();
    expect(model.standardErrors.r!).toBeCloseTo(0.048, 2);
    expect(relDiff(model.standardErrors.alpha!, 0.84)).toBeLessThan(0.05);
    expect(model.standardErrors.s!).toBeCloseTo(0.19, 1);
    expect(relDiff(model.standardErrors.beta!, 6.2)).toBeLessThan(0.1);
  });

  it("fits the high-frequency customers of CLVTools #100 and 10,000 purchases without NaN", () => {
    const rows = [
      { frequency: 221, recency: 95.3, T: 96 },
      { frequency: 254, recency: 100.1, T: 104 },
      { frequency: 161, recency: 97.9, T: 99 },
      { frequency: 204, recency: 97.3, T: 100 },
      { frequency: 0, recency: 0, T: 100 },
      { frequency: 2, recency: 40, T: 100 },
      { frequency: 10000, recency: 9000, T: 10000 },
      { frequency: 1, recency: 3, T: 10000 },
    ];
    const m = fitParetoNbd(rows);
    expect(Number.isFinite(m.logLikelihood)).toBe(true);
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it("recovers the parameters of simulated customers", () => {
    fc.assert(
      fc.property(fc.nat(1000), (seed) => {
        const params = { r: 0.8, alpha: 5, s: 0.8, beta: 12 };
        const sim = simulateClv({ model: "pareto-nbd", params, customers: 5000, T: 52, resolution: 1 / 7, seed });
        const fit = fitParetoNbd(sim.customers);
        return fit.converged && relDiff(fit.params.r / fit.params.alpha, params.r / params.alpha) < 0.1 && relDiff(fit.params.r, params.r) < 0.3;
      }),
      { seed: 42, numRuns: 2 },
    );
  });

  it("validates its input", () => {
    expect(errorOf(() => fitParetoNbd([]))).toMatchObject({ code: "EMPTY_INPUT" });
    expect(errorOf(() => fitParetoNbd([{ frequency: 1, recency: -1, T: 2 }]))).toMatchObject({ code: "INVALID_INPUT", path: "customers[0].recency" });
    expect(errorOf(() => fitParetoNbd([{ frequency: 1, recency: 3, T: 2 }])).message).toBe("fitParetoNbd: customers[0].recency must be <= T (2), got 3");
  });

  it("does not hold alpha and beta, scales in the data's time unit, to the shape limits", () => {
    // 300 CDNOW customers in units of a millionth of a week: alpha and beta grow a millionfold, r and s stay.
    const sample = cdnow.slice(0, 300);
    const weeks = fitParetoNbd(sample);
    const fine = fitParetoNbd(sample.map((c) => ({ frequency: c.frequency, recency: c.recency * 1e6, T: c.T * 1e6 })));
    expect(fine.converged).toBe(true);
    expect(relDiff(fine.params.alpha, weeks.params.alpha * 1e6)).toBeLessThan(1e-3);
    expect(relDiff(fine.params.beta, weeks.params.beta * 1e6)).toBeLessThan(1e-2);
    expect(relDiff(fine.params.r, weeks.params.r)).toBeLessThan(1e-3);
  });
});
