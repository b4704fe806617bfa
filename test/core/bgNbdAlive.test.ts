import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgNbdProbabilityAlive, type BgNbdAliveParams } from "../../src/core/bgNbdAlive.js";

const UNIT: BgNbdAliveParams = { r: 1, alpha: 1, a: 1, b: 1 };
/** BG/NBD estimates for the CDNOW sample (Fader, Hardie & Lee 2005, section 5). */
const CDNOW: BgNbdAliveParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** P(alive) by the textbook formula, without logs (fine where the power does not overflow). */
function direct(p: BgNbdAliveParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (p.a / (p.b + x - 1)) * ((p.alpha + T) / (p.alpha + tx)) ** (p.r + x));
}

describe("bgNbdProbabilityAlive", () => {
  it("matches hand-computed values", () => {
    // odds = a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)
    // 1/1 * (4/2)^2 = 4 -> 1/5
    expect(bgNbdProbabilityAlive(UNIT, 1, 1, 3)).toBeCloseTo(0.2, 14);
    // 1/2 * 1^3 = 1/2 -> 2/3 (last purchase at T)
    expect(bgNbdProbabilityAlive(UNIT, 2, 2, 2)).toBeCloseTo(2 / 3, 14);
    // a = 2, b = 3: 2/3 * (2/1)^2 = 8/3 -> 3/11 (recency 0 with a repeat purchase is allowed)
    expect(bgNbdProbabilityAlive({ r: 1, alpha: 1, a: 2, b: 3 }, 1, 0, 1)).toBeCloseTo(3 / 11, 14);
    // r = 0.5, alpha = 2: 1/3 * (8/2)^(3.5) = 128/3 -> 3/131
    expect(bgNbdProbabilityAlive({ r: 0.5, alpha: 2, a: 1, b: 1 }, 3, 0, 6)).toBeCloseTo(3 / 131, 14);
  });

  it("matches the textbook formula with the CDNOW estimates (relative 1e-12)", () => {
    // values of direct() computed with Python floats: 1 / (1 + a/(b+x-1) * ((alpha+T)/(alpha+t))**(r+x))
    const cases: [number, number, number, number][] = [
      [2, 30.43, 38.86, 0.726578570080673],
      [1, 0, 10, 0.4127003183269345],
      [10, 20, 20, 0.9351010721008267],
      [7, 35.5, 38.9, 0.8546003640892887],
      [1, 1.71, 38.86, 0.2121009853773791],
      [100, 39, 39.5, 0.9759519225401498],
      [10_000, 9999, 10_000, 0.9997845964691751],
    ];
    for (const [x, tx, T, expected] of cases) {
      const p = bgNbdProbabilityAlive(CDNOW, x, tx, T);
      expect(Math.abs(p - expected) / expected).toBeLessThan(1e-12);
    }
  });

  it("is 1 for a customer without repeat purchases, whatever the recency and age", () => {
    expect(bgNbdProbabilityAlive(CDNOW, 0, 0, 0)).toBe(1);
    expect(bgNbdProbabilityAlive(CDNOW, 0, 0, 52)).toBe(1);
    expect(bgNbdProbabilityAlive(UNIT, 0, 3, 1000)).toBe(1);
  });

  it("does not overflow for very long histories: the odds are computed in log space", () => {
    // odds = 1e-300 / 1e300 = 1e-600: alive with probability 1 (a plain exp(-log odds) overflows)
    expect(bgNbdProbabilityAlive({ r: 1, alpha: 1, a: 1e-300, b: 1e300 }, 1, 5, 5)).toBe(1);
    // log odds = 2 * log(1 + T) = 720: probability exp(-720), a subnormal number, not 0
    const p = bgNbdProbabilityAlive(UNIT, 1, 0, Math.expm1(360));
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p - Math.exp(-720)) / Math.exp(-720)).toBeLessThan(1e-9);
    // (10004.4 / 5004.4)^10000 overflows a double; the probability is 0, not NaN
    expect(bgNbdProbabilityAlive(CDNOW, 10_000, 5000, 10_000)).toBe(0);
    // last purchase at T: odds = a / (b + x - 1) = 0.793 / (1e6 + 1.426)
    expect(bgNbdProbabilityAlive(CDNOW, 1e6, 1e6, 1e6)).toBeCloseTo(1 / (1 + 0.793 / (1e6 + 1.426)), 14);
  });

  it("returns NaN for parameters that are not positive finite numbers", () => {
    for (const key of ["r", "alpha", "a", "b"] as const) {
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(bgNbdProbabilityAlive({ ...UNIT, [key]: bad }, 1, 1, 3)).toBeNaN();
      }
      expect(bgNbdProbabilityAlive({ ...UNIT, [key]: 1e-9 }, 1, 1, 3)).not.toBeNaN();
    }
  });

  it("returns NaN for an impossible history", () => {
    expect(bgNbdProbabilityAlive(UNIT, -1, 1, 3)).toBeNaN();
    // b + x - 1 = 0.5 and r + x = 0.5: the formula alone would give a number
    expect(bgNbdProbabilityAlive({ r: 1, alpha: 1, a: 1, b: 2 }, -0.5, 1, 3)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, Number.NaN, 1, 3)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, Number.POSITIVE_INFINITY, 1, 3)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, 1, -0.5, 3)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, 1, Number.NaN, 3)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, 1, 3.5, 3)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, 1, 1, Number.NaN)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, 1, 1, Number.POSITIVE_INFINITY)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, 0, 1, Number.POSITIVE_INFINITY)).toBeNaN();
    expect(bgNbdProbabilityAlive(UNIT, 0, -1, 3)).toBeNaN();
  });

  it("agrees with the textbook formula, stays in (0, 1] and does not fall with a later last purchase (property)", () => {
    const positive = fc.double({ min: 0.01, max: 20, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({ r: positive, alpha: positive, a: positive, b: positive }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (params, x, u, v, T) => {
          const [early, late] = u <= v ? [u * T, v * T] : [v * T, u * T];
          const p = bgNbdProbabilityAlive(params, x, late, T);
          const expected = direct(params, x, late, T);
          expect(Math.abs(p - expected)).toBeLessThanOrEqual(1e-12 * Math.max(expected, 1e-300) + 1e-300);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(p).toBeGreaterThanOrEqual(bgNbdProbabilityAlive(params, x, early, T) * (1 - 1e-12));
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});
