import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedPurchases } from "../../src/clv/expectedPurchases.js";
import { fitBgNbd } from "../../src/clv/fitBgNbd.js";
import { probabilityOfPurchases } from "../../src/clv/probabilityOfPurchases.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { cdnowSummary, errorOf, relDiff } from "./data.js";
import { BG, BGBB, GG, MBG, PNBD } from "./models.js";

describe("expectedPurchases", () => {
  it("reproduces Hardie's BG/NBD value E[X(78)] = 1.858 for a new CDNOW customer", () => {
    const fitted = fitBgNbd(cdnowSummary());
    expect(Math.abs(expectedPurchases(fitted, 78) - 1.858)).toBeLessThan(5e-4);
  });

  it("is the mean of the P(X(t) = n) distribution for every model", () => {
    for (const [m, t] of [
      [BG, 39],
      [MBG, 39],
      [PNBD, 39],
      [BGBB, 6],
    ] as const) {
      let mean = 0;
      for (let n = 0; n < 300; n++) mean += n * probabilityOfPurchases(m, n, t);
      expect(mean).toBeCloseTo(expectedPurchases(m, t), 6);
    }
  });

  it("matches the Pareto/NBD closed form r beta / (alpha (s - 1)) (1 - (beta / (beta + t))^(s - 1))", () => {
    const { r, alpha, s, beta } = PNBD.params;
    expect(expectedPurchases(PNBD, 52)).toBeCloseTo(((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + 52)) ** (s - 1)), 12);
    const s1 = { ...PNBD, params: { ...PNBD.params, s: 1 } };
    expect(expectedPurchases(s1, 52)).toBeCloseTo(((r * beta) / alpha) * Math.log(1 + 52 / beta), 12);
  });

  it("agrees with the mean of simulated new customers", () => {
    const params = { r: 0.5, alpha: 4, a: 0.8, b: 2.5 };
    const sim = simulateClv({ params, customers: 20000, T: 52, seed: 9 });
    const mean = sim.customers.reduce((s, c) => s + c.frequency, 0) / 20000;
    expect(Math.abs(mean - expectedPurchases({ ...BG, params }, 52)) / mean).toBeLessThan(0.03);
  });

  it("is 0 at t = 0, increasing and finite up to t = 10,000", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), (t) => {
        for (const m of [BG, MBG, PNBD]) {
          const a = expectedPurchases(m, t);
          const b = expectedPurchases(m, 2 * t);
          if (!(Number.isFinite(b) && b >= a - 1e-9 && a >= 0)) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 60 },
    );
    expect(expectedPurchases(BG, 0)).toBe(0);
    expect(expectedPurchases(BGBB, 0)).toBe(0);
  });

  it("validates its arguments", () => {
    expect(errorOf(() => expectedPurchases(GG as never, 1))).toMatchObject({ code: "INVALID_INPUT", path: "model.model" });
    expect(errorOf(() => expectedPurchases(BG, Number.NaN))).toMatchObject({ code: "INVALID_INPUT", path: "t" });
    expect(errorOf(() => expectedPurchases(BGBB, 2.5))).toMatchObject({ path: "t" });
    expect(errorOf(() => expectedPurchases(BG, -1)).message).toBe("expectedPurchases: t must be a finite number >= 0, got -1");
  });
});

describe("expectedPurchases far beyond the model's time scale", () => {
  it("stays finite and increasing when t is 10^7 times alpha (2F1 with z near 1)", () => {
    const tiny = { ...BG, params: { ...BG.params, alpha: 0.001 } };
    let previous = 0;
    for (const t of [10, 100, 1000, 10000]) {
      const e = expectedPurchases(tiny, t);
      expect(Number.isFinite(e)).toBe(true);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
    expect(expectedPurchases(tiny, 10)).toBeCloseTo(23.5776, 3);
  });
});

describe("expectedPurchases, Pareto/NBD near s = 1", () => {
  it("keeps (1 - e^-(s-1)L) / (s - 1) exact for s just above 1 over a long horizon", () => {
    // s - 1 = 2^-35 and L = ln(1 + t / beta) = 40: the factor is L (1 - (s-1) L / 2 + ((s-1) L)^2 / 6)
    // (Taylor series, exact to 1e-27), 6e-10 below L.
    const k = 2 ** -35;
    const model = { ...PNBD, params: { ...PNBD.params, s: 1 + k } };
    const { r, alpha, beta } = model.params;
    const L = 40;
    const want = ((r * beta) / alpha) * L * (1 - (k * L) / 2 + (k * L) ** 2 / 6);
    expect(relDiff(expectedPurchases(model, beta * Math.expm1(L)), want)).toBeLessThan(1e-13);
  });
});
