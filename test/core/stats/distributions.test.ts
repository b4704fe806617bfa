import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile, normalSurvival, studentTCdf, studentTQuantile } from "../../../src/core/stats/distributions.js";

/** |actual - expected| <= tol * max(1, |expected|). */
function expectNear(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

/** |actual - expected| <= tol * |expected|. */
function expectRelative(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

/**
 * Student-t CDF for an integer number of degrees of freedom by the finite series of
 * Abramowitz & Stegun 26.7.3 / 26.7.4 (theta = atan(t / sqrt(v))): an independent reference.
 */
function studentCdfSeries(t: number, v: number): number {
  const theta = Math.atan(t / Math.sqrt(v));
  const s = Math.sin(theta);
  const c2 = Math.cos(theta) ** 2;
  let term = 1;
  let total = 1;
  if (v % 2 === 0) {
    for (let k = 1; k < v / 2; k++) {
      term *= ((2 * k - 1) / (2 * k)) * c2;
      total += term;
    }
    return 0.5 + 0.5 * s * total;
  }
  if (v === 1) return 0.5 + theta / Math.PI;
  for (let k = 1; k < (v - 1) / 2; k++) {
    term *= ((2 * k) / (2 * k + 1)) * c2;
    total += term;
  }
  return 0.5 + (theta + s * Math.cos(theta) * total) / Math.PI;
}

describe("normalCdf and normalSurvival", () => {
  it("match the tabulated standard normal CDF (Abramowitz & Stegun table 26.1, 15 digits)", () => {
    expectNear(normalCdf(0), 0.5, 1e-15);
    expectNear(normalCdf(1), 0.841344746068543, 1e-15);
    expectNear(normalCdf(-1), 0.158655253931457, 1e-15);
    expectNear(normalCdf(1.96), 0.97500210485178, 1e-14);
    expectNear(normalCdf(3), 0.99865010196837, 1e-14);
    expectNear(normalSurvival(0), 0.5, 1e-15);
    expectNear(normalSurvival(-1), 0.841344746068543, 1e-15);
    expectNear(normalSurvival(1.96), 0.02499789514822, 1e-14);
  });

  it("keep their relative accuracy far into the tails (upper tail Q(z), relative 1e-12)", () => {
    // Q(5), Q(10), Q(20), Q(37.5): published values of the normal upper tail
    expectRelative(normalSurvival(5), 2.866515718791939e-7, 1e-12);
    expectRelative(normalSurvival(10), 7.619853024160527e-24, 1e-12);
    expectRelative(normalSurvival(20), 2.753624118606233e-89, 1e-12);
    expectRelative(normalSurvival(37.5), 4.605353009581e-308, 1e-9);
    expectRelative(normalCdf(-10), 7.619853024160527e-24, 1e-12);
    expectRelative(normalCdf(-5), 2.866515718791939e-7, 1e-12);
  });

  it("reach 0 and 1 at the infinities and give NaN for NaN", () => {
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalSurvival(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSurvival(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalSurvival(Number.NaN)).toBeNaN();
  });

  it("are mirror images that add up to one, and the CDF rises (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (z, step) => {
        expectRelative(normalSurvival(z), normalCdf(-z), 1e-14);
        expectNear(normalCdf(z) + normalSurvival(z), 1, 1e-15);
        expect(normalCdf(z + step)).toBeGreaterThanOrEqual(normalCdf(z));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

interface QuantileCase {
  p: number;
  x: string;
}

/** mpmath's quantiles (30 digits) of the doubles p; scripts/core_normal_quantile_fixture.py. */
const quantileFixture: { named: QuantileCase[]; sweep: QuantileCase[]; subnormal: QuantileCase[] } = JSON.parse(
  readFileSync(join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "fixtures", "core_normal_quantile.json"), "utf8"),
);

describe("normalQuantile", () => {
  // AS 241's measured maximum relative error is 6.6e-16 against the exact quantile; the
  // reference read as a double adds at most half an ulp (1.1e-16) to the difference
  it("matches mpmath within 7e-16 relative at the tail, central and interval points", () => {
    expect(quantileFixture.named).toHaveLength(28);
    for (const { p, x } of quantileFixture.named) {
      if (p === 0.5) expectNear(normalQuantile(p), 0, 0);
      else expectRelative(normalQuantile(p), Number(x), 7e-16);
    }
  });

  it("matches mpmath within 7e-16 relative on a sweep of 561 points from 1e-300 to 1 - 2^-53", () => {
    expect(quantileFixture.sweep).toHaveLength(561);
    for (const { p, x } of quantileFixture.sweep) expectRelative(normalQuantile(p), Number(x), 7e-16);
  });

  it("keeps full accuracy for subnormal p down to 5e-324 (mpmath, 7e-16 relative)", () => {
    for (const { p, x } of quantileFixture.subnormal) expectRelative(normalQuantile(p), Number(x), 7e-16);
  });

  it("is infinite at 0 and 1 and NaN outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    for (const p of [-1e-12, 1.0000001, Number.NaN, Number.NEGATIVE_INFINITY]) expect(normalQuantile(p)).toBeNaN();
  });

  it("inverts the CDF down to p = 1e-84 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 - 1 }), fc.integer({ min: 0, max: 250 }), (k, e) => {
        const p = (k / 2 ** 30) * 2 ** -e;
        const x = normalQuantile(p);
        // the CDF's relative condition number at x is at most max(1, x^2): the quantile's 6.6e-16
        // relative error costs that much, and erfc's own error (6.6e-16) adds to it
        const tol = 1.4e-15 * Math.max(1, x * x);
        expectRelative(normalCdf(x), p, tol);
        if (p < 0.5) expectRelative(normalSurvival(normalQuantile(1 - p)), 1 - (1 - p), tol);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("is exactly antisymmetric: the quantile of 1 - p is minus that of p (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 - 1 }), (k) => {
        const p = k / 2 ** 30; // 1 - p and p - 1/2 are exact, so both halves compute the same |x|
        expectNear(normalQuantile(1 - p), -normalQuantile(p), 0);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("rises with p (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(normalQuantile(lo)).toBeLessThanOrEqual(normalQuantile(hi));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("studentTCdf", () => {
  it("matches the closed forms for 1 to 4 and the A&S series for 10 and 30 degrees of freedom (1e-14)", () => {
    for (const t of [-40, -3, -1, -0.25, 0.5, 1, 2, 2.228, 5, 100]) {
      expectNear(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14);
      expectNear(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14);
      expectNear(studentTCdf(t, 3), 0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI, 1e-14);
      const u = 1 + (t * t) / 4;
      expectNear(studentTCdf(t, 4), 0.5 + (3 / 8) * (t / Math.sqrt(u)) * (1 - (t * t) / (12 * u)), 1e-14);
      expectNear(studentTCdf(t, 10), studentCdfSeries(t, 10), 1e-14);
      expectNear(studentTCdf(t, 30), studentCdfSeries(t, 30), 1e-13);
    }
  });

  it("matches the closed forms for 1 and 2 degrees of freedom next to t = 0 (absolute 2.3e-16, one ulp of 1/2)", () => {
    for (const t of [1e-300, 1e-20, 1e-12, 1e-9, 1e-7, 1e-5, 1e-3]) {
      for (const s of [t, -t]) {
        expectNear(studentTCdf(s, 1), 0.5 + Math.atan(s) / Math.PI, 2.3e-16);
        expectNear(studentTCdf(s, 2), 0.5 + s / (2 * Math.sqrt(2 + s * s)), 2.3e-16);
      }
    }
  });

  it("is the normal CDF with its 1/df correction next to t = 0 for huge df (absolute 2.3e-16)", () => {
    // F(t) = Phi(t) - phi(t) (t^3 + t) / (4 df) + O(t / df^2) (Fisher's expansion); at df >= 1e7 and
    // |t| <= 1e-3 the omitted terms are below 1e-17
    for (const df of [1e7, 1e9, 1e12, 1e15]) {
      for (const t of [1e-20, 1e-12, 1e-8, 1e-6, 1e-4, 1e-3]) {
        for (const s of [t, -t]) {
          const density = Math.exp(-(s * s) / 2) / Math.sqrt(2 * Math.PI);
          expectNear(studentTCdf(s, df), normalCdf(s) - (density * (s ** 3 + s)) / (4 * df), 2.3e-16);
        }
      }
    }
  });

  it("keeps its relative accuracy in the far tail, past t = 1e140 where it takes the leading term of the tail (mpmath, 1e-13)", () => {
    // lower tail P(T <= t) for t from -1e139 to -1.7e308 and df 0.5 to 1e6; values below the
    // smallest double are 0, and subnormal ones keep what bits they have
    expect(studentQuantileFixture.farCdf).toHaveLength(42);
    for (const { t, df, p } of studentQuantileFixture.farCdf) {
      const want = Number(p);
      expect(Math.abs(studentTCdf(t, df) - want), `t ${t}, df ${df}`).toBeLessThanOrEqual(1e-13 * want + 1e-323);
      expect(Math.abs(1 - studentTCdf(-t, df) - want), `t ${-t}, df ${df}`).toBeLessThanOrEqual(1.2e-16);
    }
    // df = 1: P(T <= t) = 1/2 + atan(t) / pi = 1 / (pi |t|) (1 - 1 / (3 t^2) + ...) for t -> -Infinity
    expectRelative(studentTCdf(-1e200, 1), 1 / Math.PI / 1e200, 1e-14);
  });

  it("is 1/2 at 0, reaches 0 and 1 at the infinities, and is the normal CDF for infinite df", () => {
    expectNear(studentTCdf(0, 5), 0.5, 1e-15);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expectNear(studentTCdf(1.5, Number.POSITIVE_INFINITY), normalCdf(1.5), 1e-16);
    expectNear(studentTCdf(-2, Number.POSITIVE_INFINITY), normalCdf(-2), 1e-16);
  });

  it("is NaN for a NaN t and for df that is not positive", () => {
    expect(studentTCdf(Number.NaN, 5)).toBeNaN();
    for (const df of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY]) expect(studentTCdf(1, df)).toBeNaN();
    // the domain check comes before the shortcuts at infinite t
    expect(studentTCdf(Number.POSITIVE_INFINITY, 0)).toBeNaN();
    expect(studentTCdf(Number.NEGATIVE_INFINITY, -1)).toBeNaN();
  });

  it("agrees with the A&S series for any integer df and is symmetric (property)", () => {
    const t = fc.double({ min: 1e-12, max: 50, noNaN: true }).chain((a) => fc.constantFrom(a, -a));
    fc.assert(
      fc.property(t, fc.integer({ min: 1, max: 60 }), (t, df) => {
        const f = studentTCdf(t, df);
        expectNear(f, studentCdfSeries(t, df), 1e-13);
        expectNear(studentTCdf(-t, df), 1 - f, 1e-14);
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});

/**
 * mpmath's Student-t quantiles (30 digits) at 20 p for 11 df, far-tail quantiles and lower-tail
 * CDF values; scripts/core_student_t_quantile_fixture.py.
 */
const studentQuantileFixture: {
  values: { p: number; df: number; t: string }[];
  farQuantiles: { p: number; df: number; t: string }[];
  farCdf: { t: number; df: number; p: string }[];
} = JSON.parse(
  readFileSync(join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "fixtures", "core_student_t_quantile.json"), "utf8"),
);

describe("studentTQuantile", () => {
  it("matches mpmath within 1e-14 relative for df from 1.5 to 1000, and within 5e-13 at 1, 2, 3 and 1e5", () => {
    // The Newton steps end on the root of the computed CDF; where the incomplete beta itself is
    // less exact (next to p = 1/2 for df <= 3, and at df = 1e5) the quantile follows it. Bisection
    // alone, stopped at a step of 1e-14 |t|, would be up to 2.6e-13 off.
    expect(studentQuantileFixture.values).toHaveLength(220);
    for (const { p, df, t } of studentQuantileFixture.values) {
      const tol = [1, 2, 3, 1e5].includes(df) ? 5e-13 : 1e-14;
      expect(Math.abs(studentTQuantile(p, df) - Number(t)), `p ${p}, df ${df}`).toBeLessThanOrEqual(tol * Math.abs(Number(t)));
    }
  });

  it("matches the t table (NIST/SEMATECH e-Handbook 1.3.6.7.2, three decimals)", () => {
    const table: [number, number, number][] = [
      [0.975, 10, 2.228],
      [0.975, 30, 2.042],
      [0.975, 100, 1.984],
      [0.995, 5, 4.032],
      [0.95, 1, 6.314],
      [0.9, 2, 1.886],
      [0.99, 20, 2.528],
    ];
    for (const [p, df, t] of table) expectNear(studentTQuantile(p, df), t, 5e-4);
  });

  it("matches the closed forms for 1 and 2 degrees of freedom far into the lower tail (relative 1e-13)", () => {
    for (const p of [1e-100, 1e-12, 1e-6, 0.001, 0.025, 0.1, 0.3, 0.6, 0.9, 0.975, 0.999, 1 - 1e-6]) {
      const tol = 1e-13;
      // df = 1 (Cauchy): -cot(pi p), written so that no rounding of p - 1/2 enters (1 - p is exact for p >= 1/2)
      expectRelative(studentTQuantile(p, 1), p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p)), tol);
      expectRelative(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), tol);
    }
  });

  it("reaches far beyond t = 1e154, where t^2 overflows, and is infinite where the quantile is beyond the largest double", () => {
    // p from 1e-150 to 5e-324 for df 0.5 to 3 (mpmath; -1e+399 and the like read as -Infinity).
    // A subnormal p has only the bits above 2^-1074, and the computed tail no more: the quantile's
    // relative error is then up to about 2 (2^-1074 / p) / df (1.3 for df = 1.5 at 5e-324).
    expect(studentQuantileFixture.farQuantiles).toHaveLength(30);
    for (const { p, df, t } of studentQuantileFixture.farQuantiles) {
      const want = Number(t);
      const got = studentTQuantile(p, df);
      if (want === Number.NEGATIVE_INFINITY) expect(got, `p ${p}, df ${df}`).toBe(want);
      else expect(Math.abs(got - want), `p ${p}, df ${df}`).toBeLessThanOrEqual(Math.max(2e-14, (2 * 2 ** -1074) / p / df) * -want);
    }
    // df = 1: t = -cot(pi p) = -1 / (pi p) to 1e-300 relative; at 1e-310 it is -3.2e309
    expectRelative(studentTQuantile(1e-300, 1), -1 / (Math.PI * 1e-300), 2e-14);
    expect(studentTQuantile(1e-310, 1)).toBe(Number.NEGATIVE_INFINITY);
    // df = 0.01: the tail is about 0.49 t^-0.01, so t = 1e1564 at a tail of 2^-53, on either side
    expect(studentTQuantile(1 - 2 ** -53, 0.01)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(2 ** -53, 0.01)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("above df = 1e7 follows the Cornish-Fisher expansion, within 1e-15 relative of mpmath, and is the normal quantile at df = Infinity", () => {
    // mpmath 1.3.0 (50 digits): the root of betainc(df/2, 1/2, 0, df/(df+t^2))/2 = min(p, 1 - p).
    // The normal quantile alone is off by (z^3 + z) / (4 df): 6e-8 relative at df = 2e7, p = 0.975.
    const table: [number, number, number][] = [
      [0.975, 2e7, 1.959964103153622426779],
      [0.995, 2e7, 2.575829549376302471718],
      [1e-10, 2e7, -6.361344199699871696557],
      [0.975, 1e8, 1.95996400826276644084],
      [1e-30, 1e8, -11.46402848372073207322],
      [0.6, 1e9, 0.2533471032032017725344],
      // here the 1/df^3 term is 6e-15 relative (40 digits)
      [1e-300, 1.5e7, -37.04794437751847099043],
    ];
    for (const [p, df, t] of table) expectRelative(studentTQuantile(p, df), t, 1e-15);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(normalQuantile(0.975));
    expect(studentTQuantile(1e-300, Number.POSITIVE_INFINITY)).toBe(normalQuantile(1e-300));
  });

  it("is 0 at one half, infinite at 0 and 1, and NaN outside [0, 1] or for df that is not positive", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0, 7)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 7)).toBe(Number.POSITIVE_INFINITY);
    for (const p of [-0.1, 1.1, Number.NaN]) expect(studentTQuantile(p, 7)).toBeNaN();
    for (const df of [0, -3, Number.NaN]) expect(studentTQuantile(0.9, df)).toBeNaN();
  });

  it("is still the t quantile at df = 1e7, 2.4e-7 above the normal quantile", () => {
    // Cornish-Fisher: z + (z^3 + z) / (4 df)
    const z = normalQuantile(0.975);
    const t = studentTQuantile(0.975, 1e7);
    expectNear(t, z + (z ** 3 + z) / 4e7, 1e-8);
    expect(t - z).toBeGreaterThan(2e-7);
  });

  it("inverts the CDF (checked with the A&S series) for any integer df, and is antisymmetric (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 20 - 1 }), fc.integer({ min: 1, max: 200 }), (k, df) => {
        const p = k / 2 ** 20;
        const t = studentTQuantile(p, df);
        expectNear(studentCdfSeries(t, df), p, 1e-12);
        expectNear(studentTQuantile(1 - p, df), -t, 1e-12);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("falls as df grows, towards the normal quantile (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.55, max: 0.9999, noNaN: true }), fc.double({ min: 0.5, max: 1000, noNaN: true }), (p, df) => {
        const t = studentTQuantile(p, df);
        expect(t).toBeGreaterThanOrEqual(studentTQuantile(p, df * 2) * (1 - 1e-12));
        expect(t).toBeGreaterThanOrEqual(normalQuantile(p) * (1 - 1e-12));
        expectNear(studentTCdf(t, df), p, 1e-11);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
