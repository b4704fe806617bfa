import { describe, expect, it } from "vitest";
import { erfc, logBeta, logGamma, regularizedIncompleteBeta } from "../../../src/core/stats/special.js";
import { normalCdf, normalQuantile, normalSurvival, studentTCdf, studentTQuantile } from "../../../src/core/stats/distributions.js";
import { wilsonInterval, zCritical } from "../../../src/core/stats/intervals.js";
import { quantileSorted, roundTo, RunningMoments, sortedCopy } from "../../../src/core/stats/descriptive.js";

// Reference values: CPython's math.lgamma/math.erfc, R's qnorm/qt/pbeta (16 significant digits).
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe("logGamma", () => {
  it("matches high-precision values across its domain", () => {
    const cases: [number, number][] = [
      [0.5, 0.5723649429247001],
      [1, 0],
      [2, 0],
      [3.3, 0.9870985778947339],
      [10, 12.801827480081469],
      [100, 359.1342053695754],
      [1e-8, 18.420680738180209],
      [1e6, 12815504.569147612],
      [0.243, 1.3180435846996699],
      [-0.5, 1.2655121234846454],
    ];
    for (const [x, want] of cases) {
      if (want === 0) expect(Math.abs(logGamma(x))).toBeLessThan(1e-14);
      else expect(rel(logGamma(x), want)).toBeLessThan(1e-13);
    }
  });

  it("is within 2e-16 relative of mpmath just above 10, where Stirling's series takes over", () => {
    // mpmath loggamma, 40 digits. The series' sixth term, -691 / (360360 x^11), is 1.9e-14 at x = 10.
    expect(rel(logGamma(10), 12.801827480081469611)).toBeLessThan(2e-16);
    expect(rel(logGamma(10.5), 13.940625219403763633)).toBeLessThan(2e-16);
    expect(rel(logGamma(15), 25.1912211827386815)).toBeLessThan(2e-16);
  });

  it("returns Infinity at the poles and NaN for NaN", () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(logGamma(Number.NaN))).toBe(true);
    expect(logGamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("gives log B(a, b)", () => {
    expect(rel(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-13);
    expect(Number.isNaN(logBeta(0, 1))).toBe(true);
  });

  it("keeps log B(a, b) exact to 1e-14 when one argument is huge (no cancellation of two large logs)", () => {
    // B(a, 1) = 1/a, B(a, 2) = 1/(a (a + 1)), B(a, 3) = 2/(a (a + 1) (a + 2)); ln Gamma(5e8) alone is 1e10
    for (const a of [10, 12.5, 1e3, 5e8, 5e11]) {
      expect(Math.abs(logBeta(a, 1) + Math.log(a))).toBeLessThan(1e-14 * Math.log(a));
      expect(Math.abs(logBeta(2, a) + Math.log(a) + Math.log1p(a))).toBeLessThan(1e-14 * Math.log(a));
      expect(Math.abs(logBeta(a, 3) - Math.log(2) + Math.log(a) + Math.log1p(a) + Math.log(a + 2))).toBeLessThan(1e-14 * Math.log(a));
    }
  });
});

describe("logBeta and erfc at their switch points", () => {
  it("takes log B from Stirling's difference from max(a, b) = 10 on, within 1e-15 of mpmath", () => {
    // B(10, 3) = 2 * 9! / 12! = 1 / 660; log B(10, 1/2) by mpmath (40 digits). The three log-Gammas
    // summed directly would be off by 4.6e-15 and 3.6e-15 here.
    expect(Math.abs(logBeta(10, 3) + Math.log(660))).toBeLessThan(1e-15);
    expect(Math.abs(logBeta(3, 10) + Math.log(660))).toBeLessThan(1e-15);
    expect(Math.abs(logBeta(10, 0.5) - -0.56643279639759393488)).toBeLessThan(1e-15);
  });

  it("takes x = 0.5 to Cody's first range, one ulp from mpmath there (the series would be two)", () => {
    // erfc(0.5) = 0.47950012218695346232 (mpmath, 40 digits), whose nearest double is
    // 0.47950012218695348; one ulp there is 2^-54 = 5.55e-17
    const ulp = 2 ** -54;
    expect(Math.abs(erfc(0.5) - 0.47950012218695346232)).toBeLessThanOrEqual(ulp);
    expect(Math.abs(erfc(0.4999999999999999) - 0.47950012218695355988)).toBeLessThanOrEqual(ulp);
  });
});

describe("regularizedIncompleteBeta", () => {
  it("matches reference values", () => {
    expect(rel(regularizedIncompleteBeta(0.3, 2, 5), 0.579825)).toBeLessThan(1e-12);
    expect(rel(regularizedIncompleteBeta(0.9, 0.5, 0.5), 0.7951672353008665)).toBeLessThan(1e-12);
    expect(rel(regularizedIncompleteBeta(0.01, 50, 2), 5.1e-99)).toBeLessThan(0.05);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(Number.isNaN(regularizedIncompleteBeta(1.5, 2, 3))).toBe(true);
    expect(Number.isNaN(regularizedIncompleteBeta(0.5, -1, 3))).toBe(true);
  });

  it("uses a given 1 - x that is more exact than the rounded one (relative 1e-14)", () => {
    // I_x(1, b) = 1 - (1 - x)^b and I_x(a, 1) = x^a; here x = 1 - 1e-20 rounds to 1 but 1 - x is given
    expect(rel(regularizedIncompleteBeta(1 - 1e-20, 1, 0.01, 1e-20), 1 - 10 ** -0.2)).toBeLessThan(1e-14);
    expect(rel(regularizedIncompleteBeta(1 - 1e-20, 1e19, 1, 1e-20), Math.exp(-0.1))).toBeLessThan(1e-14);
    // x below 1/2 with an exact 1 - x: the complement side I_y(b, a) = 1 - I_x(a, b)
    expect(rel(regularizedIncompleteBeta(0.25, 2, 1, 0.75), 0.0625)).toBeLessThan(1e-14);
    expect(regularizedIncompleteBeta(1 - 1e-20, 2, 3, 0)).toBe(1);
  });
});

describe("erfc", () => {
  // Reference: 1 - erf(x) from the Maclaurin series of erf, in 420-digit decimal arithmetic
  // (Python's decimal; pi by Machin's formula), rounded to the nearest double.
  it("matches 420-digit values to 1e-15 relative across its range, including 0.5 < x < 4", () => {
    const cases: [number, number][] = [
      [0.5, 0.4795001221869535],
      [0.75, 0.28884436634648486],
      [1, 0.15729920705028513],
      [1.25, 0.07709987174354177],
      [1.5, 0.033894853524689274],
      [2, 0.004677734981047266],
      [2.2, 0.0018628462979818898],
      [2.5, 0.0004069520174449589],
      [3, 2.209049699858544e-5],
      [3.5, 7.430983723414128e-7],
      [3.99, 1.6739211364520814e-8],
      [4, 1.541725790028002e-8],
      [4.000419770886456, 1.5364043812070982e-8],
      [5, 1.537459794428035e-12],
      [10, 2.088487583762545e-45],
      [20, 5.395865611607901e-176],
      [12.240153692792473, 3.9410300350245325e-67],
      [26, 5.663192408856143e-296],
    ];
    for (const [x, want] of cases) {
      expect(rel(erfc(x), want)).toBeLessThan(1e-15);
      expect(Math.abs(erfc(-x) - (2 - want))).toBeLessThan(4.5e-16);
    }
    // subnormal results keep their few bits; 0 beyond 27.3, 2 below -27.3
    expect(rel(erfc(27), 5.23705e-319)).toBeLessThan(1e-5);
    expect(erfc(27.4)).toBe(0);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
  });
});

describe("normal and Student-t distributions", () => {
  it("match reference quantiles and tails", () => {
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.3), -0.5244005127080407)).toBeLessThan(1e-13);
    expect(rel(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-13);
    expect(rel(normalQuantile(1 - 1e-12), 7.034483825301131)).toBeLessThan(1e-6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(normalQuantile(2))).toBe(true);
    expect(rel(normalCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-12);
    expect(rel(normalCdf(1.5), 0.9331927987311419)).toBeLessThan(1e-14);
    expect(rel(normalSurvival(5), 2.866515718791939e-7)).toBeLessThan(1e-12);
    expect(rel(erfc(0.5), 0.4795001221869535)).toBeLessThan(1e-15);
    expect(rel(erfc(3), 2.209049699858544e-5)).toBeLessThan(1e-15);
    expect(erfc(30)).toBe(0);
    expect(erfc(-30)).toBe(2);
    expect(Number.isNaN(erfc(Number.NaN))).toBe(true);
  });

  it("gives Student-t quantiles", () => {
    expect(rel(studentTQuantile(0.975, 10), 2.228138851986274)).toBeLessThan(1e-12);
    expect(rel(studentTQuantile(0.975, 1), 12.70620473617471)).toBeLessThan(1e-12);
    expect(rel(studentTQuantile(0.995, 3), 5.840909309733349)).toBeLessThan(1e-12);
    expect(rel(studentTQuantile(0.025, 4), -2.776445105197793)).toBeLessThan(1e-12);
    // mpmath 1.3.0: the t quantile at df 1e9 is 1.2e-9 relative above the normal quantile 1.959963984540054
    expect(rel(studentTQuantile(0.975, 1e9), 1.9599639869123250887)).toBeLessThan(1e-15);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(studentTQuantile(0.5, 0))).toBe(true);
    expect(rel(studentTCdf(2.228138851986274, 10), 0.975)).toBeLessThan(1e-12);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(rel(studentTCdf(1.5, Number.POSITIVE_INFINITY), 0.9331927987311419)).toBeLessThan(1e-14);
  });
});

describe("wilsonInterval", () => {
  it("matches the textbook example and its edge cases", () => {
    const w = wilsonInterval(8, 10, 0.95);
    expect(w.lower).toBeCloseTo(0.4901624715, 9);
    expect(w.upper).toBeCloseTo(0.9433178485, 9);
    expect(wilsonInterval(0, 10, 0.95).lower).toBe(0);
    expect(wilsonInterval(10, 10, 0.95).upper).toBe(1);
    expect(wilsonInterval(0, 0, 0.95)).toEqual({ lower: 0, upper: 1 });
    expect(zCritical(0.9)).toBeCloseTo(1.6448536269514722, 13);
  });
});

describe("descriptive statistics", () => {
  it("computes type-7 quantiles like NumPy", () => {
    const s = sortedCopy([4, 1, 3, 2]);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });

  it("merges running moments like a single pass", () => {
    const xs = [1, 5, 2, 8, 3, 3, 9];
    const all = new RunningMoments();
    xs.forEach((x) => all.add(x));
    const a = new RunningMoments();
    const b = new RunningMoments();
    xs.slice(0, 3).forEach((x) => a.add(x));
    xs.slice(3).forEach((x) => b.add(x));
    a.merge(b);
    expect(a.mean).toBeCloseTo(all.mean, 12);
    expect(a.sampleVariance()).toBeCloseTo(all.sampleVariance(), 12);
    expect(all.sampleVariance()).toBeCloseTo(9.285714285714286, 12);
    expect(Number.isNaN(new RunningMoments().add(1).sampleVariance())).toBe(true);
    expect(new RunningMoments().merge(all).mean).toBeCloseTo(all.mean, 12);
    expect(roundTo(-0.0001, 2)).toBe(0);
    expect(Object.is(roundTo(-0.0001, 2), 0)).toBe(true);
  });
});

describe("regularizedIncompleteBeta and logBeta, domain checks before the shortcuts", () => {
  it("is NaN for a or b not positive even at x = 0 or with 1 - x = 0 given", () => {
    expect(regularizedIncompleteBeta(0, 0, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0, -1, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0, 2, 0)).toBeNaN();
    expect(regularizedIncompleteBeta(1, 2, -1, 0)).toBeNaN();
  });

  it("is NaN for x outside [0, 1] or NaN even when a 1 - x of 0 is given", () => {
    expect(regularizedIncompleteBeta(Number.NaN, 2, 3, 0)).toBeNaN();
    expect(regularizedIncompleteBeta(-0.5, 2, 3, 0)).toBeNaN();
    expect(regularizedIncompleteBeta(1.5, 2, 3, 0)).toBeNaN();
  });

  it("takes ln(1 - x) from log1p when x is tiny: I_x(1, b) = 1 - (1 - x)^b at x = 1e-20, b = 1e19", () => {
    // 1 - x rounds to 1, whose log is 0; the exact value 1 - exp(-0.1) needs ln(1 - x) = -1e-20
    expect(rel(regularizedIncompleteBeta(1e-20, 1, 1e19), 0.09516258196404042187)).toBeLessThan(1e-14);
  });

  it("sums the continued fraction on the side of the mean where the value is small (no 1 - (1 - tiny))", () => {
    // mpmath betainc, 40 digits: I_x(3, 10) at x = 1e-4 is 2.2e-10; from the other side it would be
    // 1 - 0.99999999978..., with 1e-16 / 2.2e-10 = 5e-7 relative error
    expect(rel(regularizedIncompleteBeta(1e-4, 3, 10), 2.198515475107612194959e-10)).toBeLessThan(1e-13);
    expect(rel(regularizedIncompleteBeta(1 - 1e-4, 10, 3), 0.99999999978014845249)).toBeLessThan(1e-15);
  });

  it("gives NaN for log B with an argument 0 or negative, not Infinity", () => {
    expect(logBeta(2, 0)).toBeNaN();
    expect(logBeta(2, -1)).toBeNaN();
    expect(logBeta(-1, 2)).toBeNaN();
  });
});
