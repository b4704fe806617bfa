import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wilsonInterval, zCritical } from "../../../src/core/stats/intervals.js";

function expectNear(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}

describe("wilsonInterval", () => {
  it("matches the worked examples of Newcombe (1998, Statistics in Medicine 17:857-872, method 3: score without continuity correction) to the four decimals printed", () => {
    const table: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, lower, upper] of table) {
      const ci = wilsonInterval(x, n, 0.95);
      expectNear(ci.lower, lower, 5e-5);
      expectNear(ci.upper, upper, 5e-5);
    }
  });

  it("matches the score formula to 1e-14 at other levels (Python, with NormalDist.inv_cdf for z)", () => {
    // (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
    const cases: [number, number, number, number, number][] = [
      [81, 263, 0.95, 0.2552885198782743, 0.3662095769828001],
      [8, 10, 0.9, 0.5407928056874881, 0.9314420122624679],
      [5, 10, 0.5, 0.39569991542468774, 0.6043000845753123],
      [2.5, 5, 0.95, 0.1704235806435878, 0.8295764193564121],
    ];
    for (const [x, n, level, lower, upper] of cases) {
      const ci = wilsonInterval(x, n, level);
      expectNear(ci.lower, lower, 1e-14);
      expectNear(ci.upper, upper, 1e-14);
    }
  });

  it("puts the bound exactly at 0 when nothing succeeds and at 1 when everything does", () => {
    const none = wilsonInterval(0, 20, 0.95);
    expect(Object.is(none.lower, 0)).toBe(true); // the formula gives 1.4e-17 by rounding
    expectNear(none.upper, 0.1611251580528193, 1e-14);
    const all = wilsonInterval(3, 3, 0.99);
    expect(all.upper).toBe(1);
    expectNear(all.lower, 0.31136815725474704, 1e-14);
    // at level 0.5 the raw formula gives 3.5e-18 for 0 of 11 and 1 - 2.2e-16 for 6 of 6
    expect(Object.is(wilsonInterval(0, 11, 0.5).lower, 0)).toBe(true);
    expect(wilsonInterval(6, 6, 0.5).upper).toBe(1);
    const one = wilsonInterval(1, 1, 0.95);
    expect(one.upper).toBe(1);
    expectNear(one.lower, 0.20654931437723745, 1e-14);
  });

  it("treats counts outside [0, n] as the nearest end", () => {
    expect(wilsonInterval(-1, 10, 0.95).lower).toBe(0);
    expect(wilsonInterval(12, 10, 0.95).upper).toBe(1);
  });

  it("keeps the bounds in [0, 1] where rounding would push them out", () => {
    // found by search: the raw lower bound is -5.6e-17 and the raw upper bound 1 + 2.2e-16
    const low = wilsonInterval(8.74613584265618e-9, 5, 0.999);
    expect(low.lower).toBeGreaterThanOrEqual(0);
    expect(low.lower).toBeLessThan(1e-9);
    const high = wilsonInterval(99.99999999950917, 100, 0.999);
    expect(high.upper).toBeLessThanOrEqual(1);
    expect(high.upper).toBeGreaterThan(1 - 1e-9);
    expect(wilsonInterval(0.9999999991728927, 1, 0.5).upper).toBeLessThanOrEqual(1);
    // raw lower bound -5.6e-17 (one success in 1e16), raw upper bound 1 + 2.2e-16
    expect(wilsonInterval(1e-16, 1, 0.95).lower).toBe(0);
    expect(wilsonInterval(6.999999999999993, 7, 0.95).upper).toBe(1);
  });

  it("is the whole of [0, 1] without trials", () => {
    for (const n of [0, -5, Number.NaN]) expect(wilsonInterval(0, n, 0.95)).toEqual({ lower: 0, upper: 1 });
    expect(wilsonInterval(3, 0, 0.5)).toEqual({ lower: 0, upper: 1 });
  });

  it("contains the observed share, lies in [0, 1], narrows with n and widens with the level (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 0.998, noNaN: true }), (n, share, level) => {
        const x = Math.round(share * n);
        const ci = wilsonInterval(x, n, level);
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(x / n + 1e-15);
        expect(ci.upper).toBeGreaterThanOrEqual(x / n - 1e-15);
        const wider = wilsonInterval(x, n, (level + 1) / 2);
        expect(wider.lower).toBeLessThanOrEqual(ci.lower + 1e-15);
        expect(wider.upper).toBeGreaterThanOrEqual(ci.upper - 1e-15);
        const larger = wilsonInterval(4 * x, 4 * n, level);
        expect(larger.upper - larger.lower).toBeLessThanOrEqual(ci.upper - ci.lower + 1e-15);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("zCritical", () => {
  it("is the two-sided normal critical value (AS 241 via Python NormalDist.inv_cdf, 1e-13)", () => {
    expectNear(zCritical(0.95), 1.9599639845400536, 1e-13);
    expectNear(zCritical(0.9), 1.6448536269514715, 1e-13);
    expectNear(zCritical(0.99), 2.5758293035489, 1e-13);
    expectNear(zCritical(0.5), 0.6744897501960817, 1e-13);
  });
});
