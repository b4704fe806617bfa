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

describe("sbg functions at the edges", () => {
  it("sbgSurvival stays accurate for large parameters, where a difference of two log-gammas would lose digits", () => {
    // S(2) = beta (beta + 1) / ((alpha + beta)(alpha + beta + 1)), 0.25 to 1e-15 here.
    const huge = { ...SBG, params: { alpha: 2e15, beta: 2e15 } };
    expect(sbgSurvival(huge, 2)).toBeCloseTo(0.25, 12);
    expect(sbgSurvival(huge, 0.5)).toBeCloseTo(Math.SQRT1_2, 12);
    // S(1) = beta / (alpha + beta): ln Gamma(beta) is 1.7e16 at 5e14 (a unit in the last
    // place is 2) and 2.2e11 at 1e10 (3e-5).
    for (const beta of [1e4, 1e10, 5e14]) {
      expect(sbgSurvival({ ...SBG, params: { alpha: 3, beta } }, 1)).toBeCloseTo(beta / (beta + 3), 13);
      expect(sbgSurvival({ ...SBG, params: { alpha: 3, beta } }, 3)).toBeCloseTo((beta * (beta + 1) * (beta + 2)) / ((beta + 3) * (beta + 4) * (beta + 5)), 13);
    }
  });

  it("sbgSurvival is B(alpha, beta + t) / B(alpha, beta) at a fractional t", () => {
    // alpha = 1: S(t) = beta / (beta + t).
    expect(sbgSurvival({ ...SBG, params: { alpha: 1, beta: 2 } }, 0.5)).toBeCloseTo(0.8, 12);
    expect(sbgSurvival({ ...SBG, params: { alpha: 1, beta: 2 } }, 3)).toBeCloseTo(0.4, 12);
  });

  it("sbgRetentionRate is (beta + t - 1) / (alpha + beta + t - 1)", () => {
    expect(sbgRetentionRate(SBG, 1)).toBeCloseTo(1.182 / 1.886, 12);
    expect(sbgRetentionRate(SBG, 4)).toBeCloseTo(4.182 / 4.886, 12);
    expect(errorOf(() => sbgRetentionRate(SBG, 0)).message).toBe("sbgRetentionRate: t must be an integer >= 1, got 0");
  });

  it("sbgExpectedResidualLifetime undiscounted is null at alpha = 1 (the sum diverges)", () => {
    expect(sbgExpectedResidualLifetime({ ...SBG, params: { alpha: 1, beta: 2 } }, { discountRate: 0 })).toBeNull();
    expect(sbgExpectedResidualLifetime({ ...SBG, params: { alpha: 1.5, beta: 2 } }, { discountRate: 0 })).toBeCloseTo(4, 12);
  });

  it("sbgExpectedResidualLifetime is the geometric sum when alpha = 1, beta large (almost a constant churn)", () => {
    // alpha = 1: S(k) / S(n) = (beta + n) / (beta + k); with d = 0.1 the discounted sum is
    // sum_{j>=1} (beta + n) / (beta + n + j) / 1.1^(j - 1); beta = 1e6 makes it 11 to 1e-4.
    expect(sbgExpectedResidualLifetime({ ...SBG, params: { alpha: 1, beta: 1e6 } })).toBeCloseTo(11, 3);
  });

  it("names bad options in the house format", () => {
    expect(errorOf(() => sbgExpectedResidualLifetime(SBG, { discountRate: -1 })).message).toBe(
      "sbgExpectedResidualLifetime: options.discountRate must be a finite number >= 0, got -1",
    );
    expect(errorOf(() => sbgExpectedResidualLifetime(SBG, { renewals: -1 })).message).toBe("sbgExpectedResidualLifetime: options.renewals must be an integer >= 0, got -1");
    expect(errorOf(() => sbgExpectedResidualLifetime(SBG, 3 as never))).toMatchObject({ code: "INVALID_OPTION", path: "options" });
    expect(errorOf(() => sbgSurvival(SBG, Number.NaN)).message).toBe("sbgSurvival: t must be a finite number >= 0, got NaN");
  });
});

describe("sbgSurvival across the two ways of taking ln Gamma(x + t) - ln Gamma(x)", () => {
  // S(t) = prod_{i < t} (beta + i) / (alpha + beta + i) for whole t; beta below 100 and
  // alpha + beta above it (or both above) take different routes in the code.
  const exact = (alpha: number, beta: number, t: number): number => {
    let s = 1;
    for (let i = 0; i < t; i++) s *= (beta + i) / (alpha + beta + i);
    return s;
  };
  for (const [alpha, beta] of [
    [150, 50],
    [60, 60],
    [0.5, 100],
    [2, 99],
    [300, 120],
  ] as const) {
    it(`is the exact product for alpha ${alpha}, beta ${beta}`, () => {
      const model = { ...SBG, params: { alpha, beta } };
      for (const t of [1, 2, 3, 7, 40]) {
        const want = exact(alpha, beta, t);
        expect(Math.abs(sbgSurvival(model, t) - want)).toBeLessThanOrEqual(2e-13 * want);
      }
    });
  }

  it("keeps 5e-15 at beta = 100, where the series' z^-5 term (2e-14 there) still counts", () => {
    for (const [alpha, t] of [
      [1e4, 2],
      [1e4, 3],
      [200, 3],
    ] as const) {
      const want = exact(alpha, 100, t);
      expect(Math.abs(sbgSurvival({ ...SBG, params: { alpha, beta: 100 } }, t) - want)).toBeLessThanOrEqual(5e-15 * want);
    }
  });

  it("names the model argument of every sbg function", () => {
    expect(errorOf(() => sbgRetentionRate(BG as never, 1))).toMatchObject({ code: "INVALID_INPUT", path: "model.model" });
    expect(errorOf(() => sbgExpectedResidualLifetime(BG as never))).toMatchObject({ code: "INVALID_INPUT", path: "model.model" });
    expect(errorOf(() => sbgSurvival(BG as never, 1)).message).toBe('sbgSurvival: model.model must be one of "shifted-beta-geometric", got "bg-nbd"');
  });
});
