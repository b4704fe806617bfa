import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { probabilityOfPurchases } from "../../src/clv/probabilityOfPurchases.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { errorOf } from "./data.js";
import type { PurchaseModelSpec } from "../../src/clv/types.js";
import { BG, BGBB, GG, MBG, PNBD } from "./models.js";

describe("probabilityOfPurchases", () => {
  it("sums to 1 over n for every model", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 60, noNaN: true }), (t) => {
        for (const m of [BG, MBG, PNBD]) {
          let s = 0;
          for (let n = 0; n < 250; n++) s += probabilityOfPurchases(m, n, t);
          if (Math.abs(s - 1) > 1e-6) return false;
        }
        let s = 0;
        const k = Math.max(1, Math.round(t / 10));
        for (let n = 0; n <= k; n++) s += probabilityOfPurchases(BGBB, n, k);
        return Math.abs(s - 1) < 1e-9;
      }),
      { seed: 42, numRuns: 6 },
    );
  });

  it("matches the BG/NBD closed form for n = 0: B(a, b)... = (alpha / (alpha + t))^r", () => {
    const { r, alpha } = BG.params;
    expect(probabilityOfPurchases(BG, 0, 39)).toBeCloseTo((alpha / (alpha + 39)) ** r, 12);
  });

  it("matches the MBG/NBD closed form for n = 0: b/(a+b) (alpha/(alpha+t))^r + a/(a+b)", () => {
    const { r, alpha, a, b } = MBG.params;
    expect(probabilityOfPurchases(MBG, 0, 39)).toBeCloseTo((b / (a + b)) * (alpha / (alpha + 39)) ** r + a / (a + b), 12);
  });

  it("agrees with simulated frequencies", () => {
    const params = { r: 0.6, alpha: 5, a: 0.8, b: 3 };
    const sim = simulateClv({ params, customers: 20000, T: 39, seed: 3 });
    for (const n of [0, 1, 2, 5]) {
      const share = sim.customers.filter((c) => c.frequency === n).length / 20000;
      expect(Math.abs(share - probabilityOfPurchases({ ...BG, params }, n, 39))).toBeLessThan(0.01);
    }
  });

  it("reproduces the BG/BB fit's histogram of the donations cohort (P(X(6)=0) about 0.31)", () => {
    expect(probabilityOfPurchases(BGBB, 0, 6) * 11104).toBeGreaterThan(3300);
    expect(probabilityOfPurchases(BGBB, 0, 6) * 11104).toBeLessThan(3600);
    expect(probabilityOfPurchases(BGBB, 7, 6)).toBe(0);
  });

  it("is 1 for n = 0 at t = 0", () => {
    expect(probabilityOfPurchases(BG, 0, 0)).toBe(1);
    expect(probabilityOfPurchases(PNBD, 3, 0)).toBe(0);
  });

  it("validates n", () => {
    expect(errorOf(() => probabilityOfPurchases(BG, 1.5, 3))).toMatchObject({ code: "INVALID_INPUT", path: "n" });
    expect(errorOf(() => probabilityOfPurchases(BG, -1, 3))).toMatchObject({ path: "n" });
  });
});

describe("probabilityOfPurchases against independent values", () => {
  // MBG/NBD and BG/BB: the published sums (Batislam et al. 2007; FHS 2010 eq. 7) with mpmath
  // at 30 digits. Pareto/NBD: the individual-level P(X(t) = n | lambda, mu) (Fader & Hardie
  // 2006 eq. 4) integrated numerically over the gamma(r, alpha) x gamma(s, beta) mixing
  // distributions with mpmath.quad at 20 digits, so no 2F1 closed form is involved
  // (test/clv/probabilityOfPurchasesValues.py).
  const swapped = { ...PNBD, params: { r: 0.553, alpha: 11.67, s: 0.606, beta: 10.58 } };
  const cases: readonly (readonly [string, PurchaseModelSpec, number, number, number])[] = [
    ["MBG/NBD sums", MBG, 0, 39, 0.58247318949328896996],
    ["MBG/NBD sums", MBG, 1, 39, 0.1827830772875405111],
    ["MBG/NBD sums", MBG, 2, 39, 0.086894825673490519206],
    ["MBG/NBD sums", MBG, 5, 39, 0.01938732355357034983],
    ["Pareto/NBD mixture integral, alpha < beta", PNBD, 0, 39, 0.593648660822975],
    ["Pareto/NBD mixture integral, alpha < beta", PNBD, 1, 39, 0.165564330411534],
    ["Pareto/NBD mixture integral, alpha < beta", PNBD, 3, 39, 0.0490373048700467],
    ["Pareto/NBD mixture integral, alpha < beta", PNBD, 8, 39, 0.00775130588744899],
    ["Pareto/NBD mixture integral, alpha > beta", swapped, 0, 20, 0.678953843515642],
    ["Pareto/NBD mixture integral, alpha > beta", swapped, 2, 20, 0.0719313726428152],
    ["Pareto/NBD mixture integral, alpha > beta", swapped, 8, 20, 0.00207966511017172],
    ["BG/BB sums over six opportunities", BGBB, 0, 6, 0.31121774326384934717],
    ["BG/BB sums over six opportunities", BGBB, 1, 6, 0.1701099784065146583],
    ["BG/BB sums over six opportunities", BGBB, 3, 6, 0.10026311502480368974],
    ["BG/BB sums over six opportunities", BGBB, 6, 6, 0.11278764820774684226],
  ];
  for (const [source, model, n, t, want] of cases) {
    it(`matches the ${source}: P(X(${t}) = ${n}) = ${want.toPrecision(10)} within 1e-9`, () => {
      expect(Math.abs(probabilityOfPurchases(model, n, t) - want)).toBeLessThanOrEqual(1e-9 * want);
    });
  }

  it("is 1 for no purchases at t = 0 and 0 for any purchase, under every model", () => {
    // With a = 1.7, b = 3.3 the MBG/NBD formula's two terms, b / (a + b) + a / (a + b) through
    // log-betas, add up to 1 - 6e-15: t = 0 must not go through it.
    const mbg = { ...MBG, params: { ...MBG.params, a: 1.7, b: 3.3 } };
    for (const m of [BG, MBG, mbg, PNBD, BGBB]) {
      expect(probabilityOfPurchases(m, 0, 0)).toBe(1);
      expect(probabilityOfPurchases(m, 2, 0)).toBe(0);
    }
  });

  it("names a bad count or horizon in the house format", () => {
    expect(errorOf(() => probabilityOfPurchases(BG, 1.5, 3)).message).toBe("probabilityOfPurchases: n must be an integer >= 0, got 1.5");
    expect(errorOf(() => probabilityOfPurchases(BG, 1, -3)).message).toBe("probabilityOfPurchases: t must be a finite number >= 0, got -3");
    expect(errorOf(() => probabilityOfPurchases(BGBB, 1, 2.5)).message).toBe("probabilityOfPurchases: t must be an integer >= 0, got 2.5");
    expect(errorOf(() => probabilityOfPurchases(GG as never, 1, 2))).toMatchObject({ code: "INVALID_INPUT", path: "model.model" });
  });
});
