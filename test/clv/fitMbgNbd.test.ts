import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitMbgNbd } from "../../src/clv/fitMbgNbd.js";
import { probabilityAlive } from "../../src/clv/probabilityAlive.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { cdnowSummary, deepFreeze, errorOf, relDiff } from "./data.js";

const cdnow = deepFreeze(cdnowSummary());
// Fitted inside each test that uses it, so that the fit runs while the test does.
const fitted = (): ReturnType<typeof fitMbgNbd> => fitMbgNbd(cdnow);

describe("fitMbgNbd", () => {
  it("matches lifetimes' ModifiedBetaGeoFitter on CDNOW (0.525, 6.183, 0.891, 1.614)", () => {
    const model = fitted();
    expect(model.params.r).toBeCloseTo(0.525, 3);
    expect(model.params.alpha).toBeCloseTo(6.183, 3);
    expect(model.params.a).toBeCloseTo(0.891, 3);
    expect(model.params.b).toBeCloseTo(1.614, 3);
    expect(model.converged).toBe(true);
    // Slightly better than BG/NBD's -9582.43 on the same data.
    expect(model.logLikelihood).toBeGreaterThan(-9582.43);
    expect(model.logLikelihood).toBeCloseTo(-9582.13, 1);
  });

  it("gives one-time buyers a P(alive) below 1, unlike BG/NBD", () => {
    const model = fitted();
    const p = probabilityAlive(model, { frequency: 0, recency: 0, T: 38 });
    expect(p).toBeLessThan(1);
    expect(p).toBeGreaterThan(0);
  });

  it("recovers the parameters of simulated customers", () => {
    const params = { r: 0.6, alpha: 5, a: 0.9, b: 2 };
    const sim = simulateClv({ model: "mbg-nbd", params, customers: 20000, T: { min: 40, max: 60 }, seed: 11 });
    const fit = fitMbgNbd(sim.customers);
    expect(relDiff(fit.params.r / fit.params.alpha, params.r / params.alpha)).toBeLessThan(0.1);
    expect(relDiff(fit.params.r, params.r)).toBeLessThan(0.15);
  });

  it("stays finite at 10,000 purchases", () => {
    const m = fitMbgNbd([
      { frequency: 10000, recency: 9999, T: 10000 },
      { frequency: 0, recency: 0, T: 10000 },
      { frequency: 7, recency: 20, T: 30 },
    ]);
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it("validates its input", () => {
    expect(errorOf(() => fitMbgNbd([{ frequency: 1, recency: 1 } as never]))).toMatchObject({ code: "INVALID_INPUT", path: "customers[0].T" });
    expect(errorOf(() => fitMbgNbd([{ frequency: 1, recency: 2, T: 1 }])).message).toBe("fitMbgNbd: customers[0].recency must be <= T (1), got 2");
  });

  it("names its kind and does not hold alpha, a scale in the data's time unit, to the shape limits", () => {
    // CDNOW in units of a millionth of a week: alpha becomes 6.183e6, the shapes stay.
    const fine = fitMbgNbd(cdnow.map((c) => ({ frequency: c.frequency, recency: c.recency * 1e6, T: c.T * 1e6 })));
    expect(fine.model).toBe("mbg-nbd");
    expect(relDiff(fine.params.alpha, 6.183e6)).toBeLessThan(2e-3);
    expect(relDiff(fine.params.r, 0.525)).toBeLessThan(2e-3);
    expect(fine.converged).toBe(true);
  });
});

describe("bgNbdLogLikelihood gradient", () => {
  it("matches central differences for BG/NBD and MBG/NBD", async () => {
    const { bgNbdLogLikelihood } = await import("../../src/clv/fitBgNbd.js");
    const { readPurchaseHistories } = await import("../../src/clv/fitCommon.js");
    const d = readPurchaseHistories("t", cdnowSummary().slice(0, 300));
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 20, noNaN: true }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 6, noNaN: true })),
        fc.boolean(),
        (theta, modified) => {
          const ll = bgNbdLogLikelihood(d.x, d.tx, d.T, d.w, modified);
          const g = [0, 0, 0, 0];
          ll(theta, g);
          return theta.every((v, i) => {
            const h = 1e-6 * v;
            const up = theta.slice();
            const down = theta.slice();
            up[i] = v + h;
            down[i] = v - h;
            const fd = (ll(up, null) - ll(down, null)) / (2 * h);
            return Math.abs(fd - g[i]!) < 1e-5 * Math.max(1, Math.abs(fd));
          });
        },
      ),
      { seed: 42, numRuns: 30 },
    );
  });
});
