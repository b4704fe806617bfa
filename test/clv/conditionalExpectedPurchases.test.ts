import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases } from "../../src/clv/conditionalExpectedPurchases.js";
import { expectedPurchases } from "../../src/clv/expectedPurchases.js";
import { fitBgNbd } from "../../src/clv/fitBgNbd.js";
import { probabilityAlive } from "../../src/clv/probabilityAlive.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { cdnowSummary, deepFreeze, errorOf, relDiff } from "./data.js";
import { BG, BGBB, MBG, PNBD, PNBD_HF } from "./models.js";

describe("conditionalExpectedPurchases", () => {
  it("reproduces Hardie's BG/NBD value E[X(39) | x=2, t_x=30.43, T=38.86] = 1.226", () => {
    const fitted = fitBgNbd(cdnowSummary());
    const customer = deepFreeze({ frequency: 2, recency: 30.43, T: 38.86 });
    expect(Math.abs(conditionalExpectedPurchases(fitted, customer, 39) - 1.226)).toBeLessThan(5e-4);
    expect(Math.abs(conditionalExpectedPurchases(BG, customer, 39) - 1.226)).toBeLessThan(5e-4);
  });

  it("reproduces Hardie's Pareto/NBD spreadsheet value 25.46 (x=26, t_x=30.86, T=31, t=52)", () => {
    expect(conditionalExpectedPurchases(PNBD, { frequency: 26, recency: 30.86, T: 31 }, 52)).toBeCloseTo(25.46, 1);
  });

  it("matches the direct FHL eq. 10 with a plain 2F1 series where that does not overflow", () => {
    const { r, alpha, a, b } = BG.params;
    const [x, tx, T, t] = [3, 20, 35, 26];
    const z = t / (alpha + T + t);
    let term = 1;
    let f = 1;
    for (let k = 0; k < 2000; k++) {
      term *= (((r + x + k) * (b + x + k)) / ((a + b + x - 1 + k) * (k + 1))) * z;
      f += term;
    }
    const num = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f);
    const den = 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x);
    expect(conditionalExpectedPurchases(BG, { frequency: x, recency: tx, T }, t)).toBeCloseTo(num / den, 10);
  });

  it("equals the new-customer expectation for an empty history at T = 0", () => {
    for (const m of [BG, MBG, PNBD]) {
      expect(conditionalExpectedPurchases(m, { frequency: 0, recency: 0, T: 0 }, 39)).toBeCloseTo(expectedPurchases(m, 39), 10);
    }
  });

  it("handles a = 1 and s = 1 (removable singularities)", () => {
    const a1 = { ...BG, params: { ...BG.params, a: 1 } };
    const below = { ...BG, params: { ...BG.params, a: 1 - 1e-3 } };
    const above = { ...BG, params: { ...BG.params, a: 1 + 1e-3 } };
    const h = { frequency: 3, recency: 20, T: 30 };
    const mid = (conditionalExpectedPurchases(below, h, 20) + conditionalExpectedPurchases(above, h, 20)) / 2;
    expect(conditionalExpectedPurchases(a1, h, 20)).toBeCloseTo(mid, 5);
    const s1 = { ...PNBD, params: { ...PNBD.params, s: 1 } };
    const sNear = { ...PNBD, params: { ...PNBD.params, s: 1 + 1e-7 } };
    expect(conditionalExpectedPurchases(s1, h, 20)).toBeCloseTo(conditionalExpectedPurchases(sNear, h, 20), 6);
    const g1 = { ...BGBB, params: { ...BGBB.params, gamma: 1 } };
    const gBelow = { ...BGBB, params: { ...BGBB.params, gamma: 1 - 1e-3 } };
    const gAbove = { ...BGBB, params: { ...BGBB.params, gamma: 1 + 1e-3 } };
    const d = { frequency: 2, recency: 3, periods: 6 };
    const gMid = (conditionalExpectedPurchases(gBelow, d, 5) + conditionalExpectedPurchases(gAbove, d, 5)) / 2;
    expect(conditionalExpectedPurchases(g1, d, 5)).toBeCloseTo(gMid, 5);
  });

  it("at a = 1 and gamma = 1 matches the limit computed by mpmath (a - 1 = 1e-30 at 60 digits)", () => {
    // scripts/clv_predictions_fixture.py's bg_cond and bgbb_cond at a = 1 + 1e-30 (gamma for BG/BB).
    const bg1 = { ...BG, params: { ...BG.params, a: 1 } };
    const mbg1 = { ...MBG, params: { ...MBG.params, a: 1 } };
    const bb1 = { ...BGBB, params: { ...BGBB.params, gamma: 1 } };
    for (const [x, tx, T, t, bg, mbg] of [
      [3, 20, 30, 20, 0.94696042681346558823, 0.98664353413187486959],
      [0, 0, 30, 39, 0.23344128787078544063, 0.18367041120108062188],
      [2, 30.43, 38.86, 39, 1.1021367860399557887, 1.1953133208487834762],
    ] as const) {
      expect(relDiff(conditionalExpectedPurchases(bg1, { frequency: x, recency: tx, T }, t), bg)).toBeLessThan(1e-8);
      expect(relDiff(conditionalExpectedPurchases(mbg1, { frequency: x, recency: tx, T }, t), mbg)).toBeLessThan(1e-8);
    }
    // The mean of the two sides of the singularity keeps about 1e-8 here (log-gamma differences of 1e-6).
    for (const [x, tx, n, t, want] of [
      [2, 3, 6, 5, 0.34226592358366736206],
      [0, 0, 6, 4, 0.030331916980320048668],
      [6, 6, 6, 10, 5.8123455747236158372],
    ] as const) {
      expect(relDiff(conditionalExpectedPurchases(bb1, { frequency: x, recency: tx, periods: n }, t), want)).toBeLessThan(1e-7);
    }
  });

  it("matches the Pareto/NBD integral form when alpha > beta (mpmath quadrature, no 2F1)", () => {
    // P(alive) = t1 / (t1 + t2), t1 = (alpha+T)^-(r+x) (beta+T)^-s, t2 = s * integral over
    // (t_x, T) of (alpha+y)^-(r+x) (beta+y)^-(s+1) dy; mpmath at 60 digits.
    const swapped = { ...PNBD, params: { r: 0.553, alpha: 11.67, s: 0.606, beta: 10.58 } };
    for (const [x, tx, T, alive, e39] of [
      [2, 30.43, 38.86, 0.86692953926281745677, 1.4153625850005821531],
      [7, 29.43, 35, 0.87806095571769098745, 4.5341535533098083217],
      [26, 30.86, 31, 0.99786666882803709922, 19.516388544890226204],
      [1, 1.71, 38.86, 0.16471997453718664768, 0.1635877643325778024],
    ] as const) {
      expect(relDiff(probabilityAlive(swapped, { frequency: x, recency: tx, T }), alive)).toBeLessThan(1e-12);
      expect(relDiff(conditionalExpectedPurchases(swapped, { frequency: x, recency: tx, T }, 39), e39)).toBeLessThan(1e-12);
    }
  });

  it("gives finite expectations for the CLVTools #100 cases and 10,000 purchases", () => {
    for (const [x, tx, T] of [
      [221, 95.3, 96],
      [254, 100.1, 104],
      [161, 97.9, 99],
      [204, 97.3, 100],
      [10000, 9999, 10000],
      [10000, 1, 10000],
    ] as const) {
      for (const m of [PNBD_HF, BG, MBG]) {
        const e = conditionalExpectedPurchases(m, { frequency: x, recency: tx, T }, 52);
        expect(Number.isFinite(e)).toBe(true);
        expect(e).toBeGreaterThanOrEqual(0);
      }
    }
    expect(conditionalExpectedPurchases(PNBD_HF, { frequency: 221, recency: 95.3, T: 96 }, 52)).toBeGreaterThan(50);
  });

  it("is 0 for t = 0 and grows with t", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        (x, share, T, t) => {
          const h = { frequency: x, recency: x === 0 ? 0 : share * T, T };
          for (const m of [BG, MBG, PNBD]) {
            const e1 = conditionalExpectedPurchases(m, h, t);
            const e2 = conditionalExpectedPurchases(m, h, 2 * t);
            if (conditionalExpectedPurchases(m, h, 0) !== 0 || !(e1 >= 0) || !(e2 >= e1 - 1e-9)) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });

  it("predicts the holdout purchases of simulated customers on average", () => {
    const params = { r: 0.8, alpha: 6, a: 0.8, b: 3 };
    const calib = simulateClv({ params, customers: 4000, T: 52, seed: 5 });
    // Total expected purchases in the next 52 weeks across customers vs. a new-customer check.
    let total = 0;
    for (const c of calib.customers) total += conditionalExpectedPurchases({ ...BG, params }, c, 52);
    const perCustomer = total / 4000;
    // E over customers of E[X(52, 104) | history] = E[X(104)] - E[X(52)] for a new customer.
    const truth = expectedPurchases({ ...BG, params }, 104) - expectedPurchases({ ...BG, params }, 52);
    expect(Math.abs(perCustomer - truth) / truth).toBeLessThan(0.05);
  });

  it("supports BG/BB in opportunities", () => {
    const e = conditionalExpectedPurchases(BGBB, { frequency: 3, recency: 4, periods: 6 }, 5);
    expect(e).toBeCloseTo(1.0342, 4);
    expect(errorOf(() => conditionalExpectedPurchases(BGBB, { frequency: 3, recency: 4, periods: 6 }, 1.5))).toMatchObject({ code: "INVALID_INPUT", path: "t" });
  });

  it("validates t", () => {
    expect(errorOf(() => conditionalExpectedPurchases(BG, { frequency: 1, recency: 1, T: 2 }, -1))).toMatchObject({ path: "t" });
    expect(errorOf(() => conditionalExpectedPurchases(BG, { frequency: 1, recency: 1, T: 2 }, Number.POSITIVE_INFINITY))).toMatchObject({ path: "t" });
    expect(errorOf(() => conditionalExpectedPurchases(BG, { frequency: 1, recency: 1, T: 2 }, -1)).message).toBe(
      "conditionalExpectedPurchases: t must be a finite number >= 0, got -1",
    );
    expect(errorOf(() => conditionalExpectedPurchases({ ...BG, model: "gamma-gamma" } as never, { frequency: 1, recency: 1, T: 2 }, 1))).toMatchObject({
      code: "INVALID_INPUT",
      path: "model.model",
    });
  });
});

describe("conditionalExpectedPurchases, edges", () => {
  it("is exactly 0, not -0, at t = 0 when a > 1 or gamma > 1 (the sign shows in Intl.NumberFormat)", () => {
    const bg = { ...BG, params: { ...BG.params, a: 1.5 } };
    const mbg = { ...MBG, params: { ...MBG.params, a: 2.5 } };
    const bb = { ...BGBB, params: { ...BGBB.params, gamma: 1.8 } };
    for (const m of [bg, mbg]) {
      expect(Object.is(conditionalExpectedPurchases(m, { frequency: 2, recency: 30.43, T: 38.86 }, 0), 0)).toBe(true);
      expect(Object.is(expectedPurchases(m, 0), 0)).toBe(true);
    }
    expect(Object.is(conditionalExpectedPurchases(bb, { frequency: 3, recency: 4, periods: 6 }, 0), 0)).toBe(true);
    expect(Object.is(expectedPurchases(bb, 0), 0)).toBe(true);
  });

  it("keeps the Pareto/NBD factor (1 - e^-(s-1)L) / (s - 1) exact for s just above 1 over a long horizon", () => {
    // s - 1 = 2^-35 and L = ln(1 + t / (beta + T)) = 40: (s-1) L = 1.2e-9, so the factor is
    // L (1 - (s-1) L / 2 + ((s-1) L)^2 / 6), 6e-10 below L (Taylor series, exact to 1e-27).
    const k = 2 ** -35;
    const model = { ...PNBD, params: { ...PNBD.params, s: 1 + k } };
    const { r, alpha, beta } = model.params;
    const h = { frequency: 2, recency: 30.43, T: 38.86 };
    const L = 40;
    const t = (beta + h.T) * Math.expm1(L);
    const factor = L * (1 - (k * L) / 2 + (k * L) ** 2 / 6);
    const want = (((r + 2) * (beta + h.T)) / (alpha + h.T)) * factor * probabilityAlive(model, h);
    expect(relDiff(conditionalExpectedPurchases(model, h, t), want)).toBeLessThan(1e-13);
  });
});
