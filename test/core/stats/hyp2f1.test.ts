import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hyp2f1, hyp2f1Series, logHyp2f1 } from "../../../src/core/stats/hyp2f1.js";

interface Case {
  a: number;
  b: number;
  c: number;
  z: number;
  value: string;
  log: string | null;
}
const fixture = JSON.parse(
  readFileSync(join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "fixtures", "clv_hyp2f1.json"), "utf8"),
) as { hyp2f1: Case[] };

describe("hyp2f1", () => {
  it("agrees with mpmath (40 digits) to 1e-13 relative on the CLV models' arguments", () => {
    for (const c of fixture.hyp2f1) {
      const expected = Number(c.value);
      const got = hyp2f1(c.a, c.b, c.c, c.z);
      // Near z = 1 with c - a - b an integer the shifted-c average is good to about 1e-8.
      const d = c.c - c.a - c.b;
      const degenerate = c.z > 0.999 && Math.abs(d - Math.round(d)) < 1e-4 && !(c.a <= 0 && Number.isInteger(c.a));
      expect(Math.abs(got - expected) / Math.abs(expected), JSON.stringify(c)).toBeLessThan(degenerate ? 1e-7 : 1e-13);
    }
  });

  it("matches closed forms: -log(1 - z) / z, (1 - z)^-a, arcsin", () => {
    fc.assert(
      fc.property(fc.double({ min: -0.99, max: 0.99, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }), (z, a) => {
        if (Math.abs(z) < 1e-6) return true;
        const ok1 = Math.abs(hyp2f1(1, 1, 2, z) - -Math.log1p(-z) / z) < 1e-12 * Math.abs(Math.log1p(-z) / z);
        const ok2 = Math.abs(hyp2f1(a, 2.5, 2.5, z) / (1 - z) ** -a - 1) < 1e-12;
        const w = Math.sqrt(Math.abs(z));
        const ok3 = Math.abs(hyp2f1(0.5, 0.5, 1.5, w * w) - Math.asin(w) / w) < 1e-12;
        return ok1 && ok2 && ok3;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("uses the connection formula near z = 1, continuous with the series at z = 0.999", () => {
    for (const [a, b, c] of [
      [1.976, -0.207, 2.219],
      [1, 2.182, 2.886],
      [0.3, 0.4, 3.5],
      [2, 3, 4],
    ] as const) {
      const below = hyp2f1(a, b, c, 0.999);
      const above = hyp2f1(a, b, c, 0.999 + 1e-12);
      expect(Math.abs(above - below) / Math.abs(below)).toBeLessThan(1e-6);
    }
  });

  it("is NaN outside its domain and 1 at z = 0", () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, 2, Number.NaN)).toBeNaN();
    expect(hyp2f1Series(Number.NaN, 1, 2, 0.5)).toBeNaN();
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1Series(0, 4, 5, 0.3)).toBe(1);
  });
});

describe("logHyp2f1", () => {
  it("agrees with mpmath's log 2F1", () => {
    for (const c of fixture.hyp2f1) {
      if (c.log === null || c.z < 0) continue;
      const d = c.c - c.a - c.b;
      const tol = c.z > 0.999 && Math.abs(d - Math.round(d)) < 1e-4 ? 1e-7 : 1e-12;
      expect(Math.abs(logHyp2f1(c.a, c.b, c.c, c.z) - Number(c.log)), JSON.stringify(c)).toBeLessThan(tol * Math.max(1, Math.abs(Number(c.log))));
    }
  });

  it("stays finite where the value itself overflows (Pareto/NBD with 10,000 purchases)", () => {
    const a = 0.5 + 0.3 + 10000;
    const v = logHyp2f1(a, 0.5 + 10000, a + 1, 0.8);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(700); // exp(v) would overflow a double
    // Euler: (1 - z)^(1 - r - x) 2F1(1, s + 1; c; z) with the second factor in (1, 1/(1 - z)).
    expect(v).toBeGreaterThan((1 - 0.5 - 10000) * Math.log(0.2));
    expect(v).toBeLessThan((1 - 0.5 - 10000) * Math.log(0.2) + Math.log(5));
  });

  it("is NaN outside [0, 1)", () => {
    expect(logHyp2f1(1, 1, 2, -0.5)).toBeNaN();
    expect(logHyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(logHyp2f1(-1, 2, 1, 0.9)).toBeNaN(); // 1 - 2z, negative
  });
});

// Reference values below: mpmath.hyp2f1 with mp.dps = 40, rounded.
describe("hyp2f1Series, its guards and stopping rule", () => {
  it("is 1 when a, b or z is 0, whatever the other arguments (even infinite ones)", () => {
    expect(hyp2f1Series(0, Number.POSITIVE_INFINITY, 2, 0.5)).toBe(1);
    expect(hyp2f1Series(Number.POSITIVE_INFINITY, 0, 2, 0.5)).toBe(1);
    expect(hyp2f1Series(Number.POSITIVE_INFINITY, 1, 2, 0)).toBe(1);
  });

  it("is NaN when any argument is NaN, even when a or b is 0", () => {
    expect(hyp2f1Series(0, Number.NaN, 2, 0.5)).toBeNaN();
    expect(hyp2f1Series(Number.NaN, 0, 2, 0.5)).toBeNaN();
    expect(hyp2f1Series(0, 1, Number.NaN, 0.5)).toBeNaN();
    expect(hyp2f1Series(0, 1, 2, Number.NaN)).toBeNaN();
  });

  it("is NaN for c = 0 and for |z| >= 1, even when the series terminates", () => {
    expect(hyp2f1Series(1, 1, 0, 0.5)).toBeNaN();
    expect(hyp2f1Series(1, 1, -3, 0.5)).toBeNaN();
    // 2F1(-2, 1; 1; z) = (1 - z)^2: 2.25 at z = -0.5, but z = 1, 2 and -1 are outside the series' domain
    expect(hyp2f1Series(-2, 1, 1, -0.5)).toBeCloseTo(2.25, 14);
    expect(hyp2f1Series(-2, 1, 1, 1)).toBeNaN();
    expect(hyp2f1Series(-2, 1, 1, 2)).toBeNaN();
    expect(hyp2f1Series(-2, 1, 1, -1)).toBeNaN();
  });

  it("does not stop on tiny first terms that are still growing (a = 1e-20, b = 30, c = 1, z = 1/2)", () => {
    // The first term is 1.5e-19, below 1e-16 of the sum, but the next ones grow 3.9-fold:
    // 2F1 - 1 = 3.845951145953790578e-13 (mpmath), lost entirely if the sum stopped there.
    expect(Math.abs(hyp2f1Series(1e-20, 30, 1, 0.5) - 1 - 3.845951145953790578e-13)).toBeLessThan(1e-15);
  });

  it("sums slowly decaying terms to 1e-14 relative: (1 - z)^(1/2) at z = 0.99", () => {
    // 2F1(-1/2, 1; 1; z) = (1 - z)^(1/2); the terms fall only by z per step
    const want = 0.1000000000000000444089209850062517562;
    expect(Math.abs(hyp2f1Series(-0.5, 1, 1, 0.99) - want) / want).toBeLessThan(1e-14);
  });
});

describe("hyp2f1, branches", () => {
  it("is NaN for c a non-positive integer on every branch (series, near 1, Pfaff)", () => {
    for (const z of [0.5, 0.9995, -0.5]) {
      expect(hyp2f1(1, 1.5, -1, z), String(z)).toBeNaN();
      expect(hyp2f1(1, 1.5, 0, z), String(z)).toBeNaN();
    }
  });

  it("averages the shifted-c values only when c - a - b is an integer (a = 0.3, b = 0.7, c = 2, z = 0.9999)", () => {
    // c - a + b and c + a - b are not integers here, unlike the fixture's degenerate cases
    const want = 1.226044483298262979772124652586609719;
    expect(Math.abs(hyp2f1(0.3, 0.7, 2, 0.9999) - want) / want).toBeLessThan(1e-8);
  });

  it("takes the signs of Gamma(c - a), Gamma(c - b) and a zero first term near z = 1", () => {
    // a > c or b > c: Gamma(c - a) < 0. c = b: 1 / Gamma(c - b) = 0 and 2F1(a, c; c; z) = (1 - z)^-a.
    const want = 129.5444361709533146398082715838307421;
    expect(Math.abs(hyp2f1(2.5, 0.3, 2, 0.9995) - want) / want).toBeLessThan(1e-13);
    expect(Math.abs(hyp2f1(0.3, 2.5, 2, 0.9995) - want) / want).toBeLessThan(1e-13);
    expect(Math.abs(hyp2f1(0.3, 2, 2, 0.9995) / 0.0005 ** -0.3 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(hyp2f1(2, 0.3, 2, 0.9995) / 0.0005 ** -0.3 - 1)).toBeLessThan(1e-13);
  });

  it("sums directly when Euler's transformation would make the parameters larger (c = 1000)", () => {
    // Euler's form would be 0.1^999 (underflow) times a sum that overflows
    const want = 1.000225228011959622005239915843774258;
    expect(Math.abs(hyp2f1(0.5, 0.5, 1000, 0.9) - want)).toBeLessThan(1e-15);
    expect(Math.abs(logHyp2f1(0.5, 0.5, 1000, 0.9) - 2.252026519387229625460493761787297805e-4)).toBeLessThan(2.3e-16);
  });
});

describe("logHyp2f1, fallbacks", () => {
  it("falls back to Euler's form in log space when the value near z = 1 overflows", () => {
    // 2F1(200, 200; 1; 0.9995) is about 10^1435; its log is 3305.3632544019825816 (mpmath)
    expect(hyp2f1(200, 200, 1, 0.9995)).toBe(Number.POSITIVE_INFINITY);
    expect(Math.abs(logHyp2f1(200, 200, 1, 0.9995) - 3305.3632544019825816) / 3305.36).toBeLessThan(1e-13);
  });

  it("is NaN, not -Infinity, where the value is exactly 0", () => {
    // 2F1(-1, 1; 1/2; 1/2) = 1 - (1 * 1/2) / (1/2) = 0
    expect(hyp2f1Series(-1, 1, 0.5, 0.5)).toBe(0);
    expect(logHyp2f1(-1, 1, 0.5, 0.5)).toBeNaN();
  });
});
