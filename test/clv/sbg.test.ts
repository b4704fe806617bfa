import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sbgExpectedResidualLifetime } from "../../src/clv/sbgExpectedResidualLifetime.js";
import { sbgRetentionRate } from "../../src/clv/sbgRetentionRate.js";
import { sbgSurvival } from "../../src/clv/sbgSurvival.js";
import { errorOf } from "./data.js";
import { BG, SBG } from "./models.js";

describe("sbgSurvival", () => {
  it("is 1 at t = 0 and beta / (alpha + beta) at t = 1", () => {
    expect(sbgSurvival(SBG, 0)).toBe(1);
    expect(sbgSurvival(SBG, 1)).toBeCloseTo(1.182 / (0.704 + 1.182), 12);
  });

  it("decreases and stays in [0, 1]", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10000, noNaN: true }), (t) => {
        const a = sbgSurvival(SBG, t);
        return a >= 0 && a <= 1 && sbgSurvival(SBG, t + 1) <= a;
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("validates its arguments", () => {
    expect(errorOf(() => sbgSurvival(BG as never, 1))).toMatchObject({ code: "INVALID_INPUT", path: "model.model" });
    expect(errorOf(() => sbgSurvival(SBG, -1))).toMatchObject({ path: "t" });
  });
});

describe("sbgRetentionRate", () => {
  it("is S(t) / S(t - 1) and rises with t", () => {
    for (let t = 1; t < 12; t++) {
      expect(sbgRetentionRate(SBG, t)).toBeCloseTo(sbgSurvival(SBG, t) / sbgSurvival(SBG, t - 1), 12);
      expect(sbgRetentionRate(SBG, t + 1)).toBeGreaterThan(sbgRetentionRate(SBG, t));
    }
  });

  it("validates t", () => {
    expect(errorOf(() => sbgRetentionRate(SBG, 0))).toMatchObject({ code: "INVALID_INPUT", path: "t" });
    expect(errorOf(() => sbgRetentionRate(SBG, 1.5))).toMatchObject({ path: "t" });
  });
});

describe("sbgExpectedResidualLifetime", () => {
  const direct = (n: number, d: number): number => {
    let s = 0;
    for (let k = n + 1; k < n + 4000; k++) s += sbgSurvival(SBG, k) / sbgSurvival(SBG, n) / (1 + d) ** (k - n - 1);
    return s;
  };

  it("equals the discounted sum of survival probabilities (FH 2010 eq. 6)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0.02, max: 0.5, noNaN: true }), (n, d) => {
        const v = sbgExpectedResidualLifetime(SBG, { renewals: n, discountRate: d })!;
        return Math.abs(v - direct(n, d)) < 1e-8 * v;
      }),
      { seed: 42, numRuns: 20 },
    );
    expect(sbgExpectedResidualLifetime(SBG)).toBeCloseTo(2.9647, 4);
  });

  it("grows with the renewals already made (the survivors are the loyal ones)", () => {
    const a = sbgExpectedResidualLifetime(SBG, { renewals: 0 })!;
    const b = sbgExpectedResidualLifetime(SBG, { renewals: 5 })!;
    expect(b).toBeGreaterThan(a);
  });

  it("is (beta + n) / (alpha - 1) undiscounted when alpha > 1, else null", () => {
    const m = { ...SBG, params: { alpha: 2.5, beta: 3 } };
    expect(sbgExpectedResidualLifetime(m, { discountRate: 0, renewals: 2 })).toBeCloseTo(5 / 1.5, 12);
    expect(sbgExpectedResidualLifetime(SBG, { discountRate: 0 })).toBeNull();
  });

  it("validates its options", () => {
    expect(errorOf(() => sbgExpectedResidualLifetime(SBG, { discountRate: -1 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.discountRate" });
    expect(errorOf(() => sbgExpectedResidualLifetime(SBG, { renewals: 1.5 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.renewals" });
  });
});
