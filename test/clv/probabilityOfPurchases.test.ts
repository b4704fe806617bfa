import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { probabilityOfPurchases } from "../../src/clv/probabilityOfPurchases.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { errorOf } from "./data.js";
import { BG, BGBB, MBG, PNBD } from "./models.js";

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
