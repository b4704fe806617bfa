import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minimizeBfgs, numericHessian, withNumericGradient, type Objective } from "../../../src/core/stats/optimize.js";

const rosenbrock: Objective = (x, g) => {
  const [a, b] = x as [number, number];
  if (g !== null) {
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
  }
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe("minimizeBfgs", () => {
  it("finds the minimum of the Rosenbrock function from (-1.2, 1)", () => {
    const r = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]!).toBeCloseTo(1, 6);
    expect(r.x[1]!).toBeCloseTo(1, 6);
    expect(r.iterations).toBeLessThan(100);
  });

  it("minimises random convex quadratics exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (scales, centre) => {
          const f: Objective = (x, g) => {
            let v = 0;
            x.forEach((xi, i) => {
              const d = xi - centre[i]!;
              v += scales[i]! * d * d;
              if (g !== null) g[i] = 2 * scales[i]! * d;
            });
            return v;
          };
          const r = minimizeBfgs(f, new Array(scales.length).fill(0));
          return r.converged && r.x.every((xi, i) => Math.abs(xi - centre[i]!) < 1e-6);
        },
      ),
      { seed: 42, numRuns: 50 },
    );
  });

  it("backs off from points outside the domain (non-finite values)", () => {
    // log-barrier: defined for x > 0 only, minimum at x = 1.
    const f: Objective = (x, g) => {
      const v = x[0]! - Math.log(x[0]!);
      if (g !== null) g[0] = 1 - 1 / x[0]!;
      return v;
    };
    const r = minimizeBfgs(f, [0.01]);
    expect(r.converged).toBe(true);
    expect(r.x[0]!).toBeCloseTo(1, 6);
  });

  it("reports converged: false at the iteration cap", () => {
    const r = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
  });

  it("returns at once from a non-finite start, and from a stationary point", () => {
    expect(minimizeBfgs(() => Number.NaN, [1]).converged).toBe(false);
    const flat = minimizeBfgs((x, g) => {
      if (g !== null) g[0] = 0;
      return 3;
    }, [5]);
    expect(flat.converged).toBe(true);
    expect(flat.iterations).toBe(0);
  });
});

describe("withNumericGradient", () => {
  it("gives central-difference gradients accurate to about 1e-9", () => {
    const f = withNumericGradient((x) => Math.sin(x[0]!) * Math.exp(x[1]!));
    const g = [0, 0];
    f([0.7, 0.3], g);
    expect(g[0]!).toBeCloseTo(Math.cos(0.7) * Math.exp(0.3), 8);
    expect(g[1]!).toBeCloseTo(Math.sin(0.7) * Math.exp(0.3), 8);
    expect(f([0.7, 0.3], null)).toBeCloseTo(Math.sin(0.7) * Math.exp(0.3), 14);
  });

  it("lets BFGS minimise the Rosenbrock function without a gradient", () => {
    const r = minimizeBfgs(withNumericGradient((x) => rosenbrock(x, null)), [-1.2, 1]);
    expect(r.x[0]!).toBeCloseTo(1, 4);
  });
});

describe("numericHessian", () => {
  it("recovers the Hessian of the Rosenbrock function at (1, 1)", () => {
    const H = numericHessian(rosenbrock, [1, 1]);
    expect(H[0]![0]!).toBeCloseTo(802, 3);
    expect(H[0]![1]!).toBeCloseTo(-400, 3);
    expect(H[1]![0]!).toBeCloseTo(-400, 3);
    expect(H[1]![1]!).toBeCloseTo(200, 3);
  });
});

/** A one-dimensional objective that records every point it is evaluated at. */
function traced(f: (x: number) => readonly [value: number, slope: number]): { objective: Objective; points: number[] } {
  const points: number[] = [];
  const objective: Objective = (x, g) => {
    points.push(x[0]!);
    const [v, d] = f(x[0]!);
    if (g !== null) g[0] = d;
    return v;
  };
  return { objective, points };
}

const expectPoints = (got: readonly number[], want: readonly number[]): void => {
  expect(got).toHaveLength(want.length);
  want.forEach((w, i) => expect(got[i]!, `point ${i}`).toBeCloseTo(w, 12));
};

describe("minimizeBfgs, step by step (hand-traced runs)", () => {
  it("scales the first step to length 1, then takes the BFGS step with H = s / y (f = (x - 3)^2 from 0)", () => {
    // g(0) = -6, p = 6, first trial alpha = min(1, 1/6): x = 1, f = 4 <= 9 - 1e-4 * 6, slope
    // -4 * 6 = -24 with |-24| <= 0.9 * 36: accepted. s = 1, y = 2: H = s y / y y = 1/2 and the BFGS
    // update keeps 1/2 in one dimension, so p = 2 and x = 3, the minimum, in one more evaluation.
    const t = traced((x) => [(x - 3) ** 2, 2 * (x - 3)]);
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points, [0, 1, 3]);
    expect(r).toEqual({ x: [3], value: 0, gradient: [0], iterations: 2, evaluations: 3, converged: true });
  });

  it("interpolates back into a bracket with a cubic that is exact for a quadratic (f = 2 (x - 0.2)^2 from 0)", () => {
    // p = 0.8 and alpha = 1 overshoots to x = 0.8 (f = 0.72 > f0 = 0.08): the cubic through
    // (0, 0.08, -0.64) and (1, 0.72, 1.92) has its minimum at alpha = 1 - 3.84 / 5.12 = 0.25, x = 0.2.
    const t = traced((x) => [2 * (x - 0.2) ** 2, 4 * (x - 0.2)]);
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points, [0, 0.8, 0.2]);
    expect(r.iterations).toBe(1);
    expect(r.evaluations).toBe(3);
    expect(r.converged).toBe(true);
    expect(r.x[0]!).toBeCloseTo(0.2, 15);
  });

  it("doubles the step while the slope is still steep, then lands on the minimum (f = 0.01 (x - 100)^2 from 0)", () => {
    // p = 2, first alpha 1/2: x = 1, 2, 4, 8 keep |slope| > 0.9 * 4; at x = 16 the slope is
    // -1.68 * 2 = -3.36, accepted. s = 16, y = 0.32: H = 50 = 1 / 0.02, the exact inverse curvature.
    const t = traced((x) => [0.01 * (x - 100) ** 2, 0.02 * (x - 100)]);
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points, [0, 1, 2, 4, 8, 16, 100]);
    expect(r.iterations).toBe(2);
    expect(r.evaluations).toBe(7);
    expect(r.converged).toBe(true);
    expect(r.x[0]!).toBeCloseTo(100, 10);
  });

  it("shrinks a step that leaves the domain to a tenth, for a NaN value or a NaN gradient alike", () => {
    // f = 4 (x - 0.1)^2 on x < 0.3 only. p = 0.8, x = 0.8 is outside: alpha 0.1, x = 0.08, slope
    // -0.16 * 0.8 = -0.128, accepted; s = 0.08, y = 0.64: H = 1/8, p = 0.02, x = 0.1.
    for (const outside of [
      [Number.NaN, 0],
      [0, Number.NaN],
      [Number.POSITIVE_INFINITY, 0],
    ] as const) {
      const t = traced((x) => (x < 0.3 ? [4 * (x - 0.1) ** 2, 8 * (x - 0.1)] : outside));
      const r = minimizeBfgs(t.objective, [0]);
      expectPoints(t.points, [0, 0.8, 0.08, 0.1]);
      expect(r.iterations).toBe(2);
      expect(r.evaluations).toBe(4);
      expect(r.converged).toBe(true);
      expect(r.x[0]!).toBeCloseTo(0.1, 15);
    }
  });

  it("zooms when a longer step is no lower than the last one, even if it is below the Armijo line", () => {
    // f = -x up to 1.5, then -1.5 - (x - 1.5) + 4 (x - 1.5)^2 (minimum -1.5625 at 1.625). x = 1
    // fails the curvature test (slope -1), x = 2 gives f = -1 = f(1): zoom between 1 (slope -1)
    // and 2 (slope 3); the cubic's minimum is 2 - (3 + sqrt 7 - 2) / (4 + 2 sqrt 7) = 1.60763.
    const t = traced((x) => (x <= 1.5 ? [-x, -1] : [-1.5 - (x - 1.5) + 4 * (x - 1.5) ** 2, -1 + 8 * (x - 1.5)]));
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points.slice(0, 4), [0, 1, 2, 2 - (1 + Math.sqrt(7)) / (4 + 2 * Math.sqrt(7))]);
    expect(r.converged).toBe(true);
    expect(r.x[0]!).toBeCloseTo(1.625, 8);
    expect(r.value).toBeCloseTo(-1.5625, 12);
  });

  it("stops at the kink of |x - 1| - 1 with converged: false, the bracket collapsing before 60 zoom steps", () => {
    // x = 1 (slope -1, too steep), x = 2 (f = 0 >= -1): zoom; the cubic through (1, -1, -1) and
    // (2, 0, 1) gives 2 - (4 + sqrt 10) / (2 + 2 sqrt 10) = 1.13962, still above -1: the bracket
    // shrinks onto x = 1. From there no step decreases f and the gradient is -1, not small.
    const t = traced((x) => (x <= 1 ? [-x, -1] : [x - 2, 1]));
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points.slice(0, 4), [0, 1, 2, 2 - (4 + Math.sqrt(10)) / (2 + 2 * Math.sqrt(10))]);
    expect(r.x).toEqual([1]);
    expect(r.value).toBe(-1);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
    // Each cubic through (1, -1, -1) and (1 + e, -1 + e, 1) lands at 1 + r e, r = (sqrt 10 - 2) /
    // (2 + 2 sqrt 10) = 0.1396: the zoom tries 1 + r^k and stops once r^k < 1e-16 (k = 19). The
    // second iteration starts at x = 2 (step 1 from 1) and zooms the same way: 1 + 2 + 19 + 1 + 19.
    const ratio = (Math.sqrt(10) - 2) / (2 + 2 * Math.sqrt(10));
    expect(t.points[4]!).toBeCloseTo(1 + ratio ** 2, 14);
    expect(t.points[5]!).toBeCloseTo(1 + ratio ** 3, 14);
    expect(t.points[22]).toBe(2);
    expect(r.evaluations).toBe(1 + 2 + 19 + 1 + 19);
  });

  it("gives up a line search after 40 doublings and keeps the last point (f = -x, unbounded below)", () => {
    // Each iteration tries alpha = 1, 2, ..., 2^39 (the slope stays -1) and takes x + 2^39.
    const t = traced((x) => [-x, -1]);
    const r = minimizeBfgs(t.objective, [0], { maxIterations: 2 });
    expect(t.points.slice(0, 4)).toEqual([0, 1, 2, 4]);
    expect(r.x).toEqual([2 ** 40]);
    expect(r.value).toBe(-(2 ** 40));
    expect(r.iterations).toBe(2);
    expect(r.evaluations).toBe(1 + 40 + 40);
    expect(r.converged).toBe(false);
  });
});

describe("minimizeBfgs, two-dimensional steps and the Wolfe conditions", () => {
  it("scales H by s.y / y.y after the first step, then applies the BFGS update (f = x^2 + 4y^2 from (2, 1))", () => {
    // g = (4, 8), first step 1/8 of p: (1.5, 0), g = (3, 0). s = (-1/2, -1), y = (-1, -8):
    // H0 = (8.5 / 65) I, and (I - rho s y')H0(I - rho y s') + rho s s' = [[77, 18], [18, 53]] / 442,
    // so the next point is (1.5, 0) - H (3, 0) = (216, -27) / 221 (exact fractions).
    const points: number[][] = [];
    const r = minimizeBfgs((x, g) => {
      points.push([...x]);
      const [a, b] = x as [number, number];
      if (g !== null) {
        g[0] = 2 * a;
        g[1] = 8 * b;
      }
      return a * a + 4 * b * b;
    }, [2, 1]);
    expect(points[0]).toEqual([2, 1]);
    expect(points[1]![0]!).toBeCloseTo(1.5, 15);
    expect(points[1]![1]!).toBeCloseTo(0, 15);
    expect(points[2]![0]!).toBeCloseTo(216 / 221, 14);
    expect(points[2]![1]!).toBeCloseTo(-27 / 221, 14);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]!) + Math.abs(r.x[1]!)).toBeLessThan(1e-8);
  });

  it("rejects a point where any one gradient component is not finite", () => {
    // As the one-dimensional domain test, with a second coordinate already at its minimum:
    // beyond x = 0.3 the value is finite but the gradient's second component is NaN.
    const points: number[] = [];
    const r = minimizeBfgs((x, g) => {
      points.push(x[0]!);
      const inside = x[0]! < 0.3;
      if (g !== null) {
        g[0] = inside ? 8 * (x[0]! - 0.1) : 0;
        g[1] = inside ? 2 * x[1]! : Number.NaN;
      }
      return inside ? 4 * (x[0]! - 0.1) ** 2 + x[1]! ** 2 : 0;
    }, [0, 0]);
    expectPoints(points, [0, 0.8, 0.08, 0.1]);
    expect(r.x[0]!).toBeCloseTo(0.1, 15);
  });

  // Beale's function (minimum 0 at (3, 0.5)) and Himmelblau's (four minima, value 0)
  const beale: Objective = (x, g) => {
    const [a, b] = x as [number, number];
    const t1 = 1.5 - a + a * b;
    const t2 = 2.25 - a + a * b * b;
    const t3 = 2.625 - a + a * b ** 3;
    if (g !== null) {
      g[0] = 2 * t1 * (b - 1) + 2 * t2 * (b * b - 1) + 2 * t3 * (b ** 3 - 1);
      g[1] = 2 * t1 * a + 4 * t2 * a * b + 6 * t3 * a * b * b;
    }
    return t1 * t1 + t2 * t2 + t3 * t3;
  };
  const himmelblau: Objective = (x, g) => {
    const [a, b] = x as [number, number];
    const u = a * a + b - 11;
    const v = a + b * b - 7;
    if (g !== null) {
      g[0] = 4 * a * u + 2 * v;
      g[1] = 2 * u + 4 * b * v;
    }
    return u * u + v * v;
  };

  it.each([
    ["Rosenbrock", rosenbrock, [-1.2, 1]],
    ["Beale", beale, [1, 1]],
    ["Himmelblau", himmelblau, [0, 0]],
    ["Himmelblau far out", himmelblau, [-30, 25]],
  ] as const)("takes only steps that satisfy the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9): %s", (_name, f, start) => {
    // The k-th iterate is the result with maxIterations: k. With s = x(k+1) - x(k):
    // f(k+1) <= f(k) + c1 s.g(k) and |s.g(k+1)| <= c2 |s.g(k)|, whatever the step length.
    const full = minimizeBfgs(f, start);
    expect(full.converged).toBe(true);
    expect(full.value).toBeLessThan(1e-12);
    const iterates = Array.from({ length: full.iterations + 1 }, (_, k) => minimizeBfgs(f, start, { maxIterations: k }));
    expect(iterates[full.iterations]!.x).toEqual(full.x);
    for (let k = 0; k < full.iterations; k++) {
      const a = iterates[k]!;
      const b = iterates[k + 1]!;
      expect(b.iterations).toBe(k + 1);
      const s = b.x.map((v, i) => v - a.x[i]!);
      const slopeA = s[0]! * a.gradient[0]! + s[1]! * a.gradient[1]!;
      const slopeB = s[0]! * b.gradient[0]! + s[1]! * b.gradient[1]!;
      expect(slopeA, `step ${k}`).toBeLessThan(0);
      expect(b.value, `step ${k}`).toBeLessThanOrEqual(a.value + 1e-4 * slopeA);
      expect(Math.abs(slopeB), `step ${k}`).toBeLessThanOrEqual(0.9 * Math.abs(slopeA) * (1 + 1e-12));
    }
  });
});

describe("minimizeBfgs, degenerate line searches", () => {
  it("keeps the first-step scaling until an update is made (f = -2x: no curvature, y = 0)", () => {
    // p = 2 and the first trial step is 1/2 of it, in both iterations, since no update is made:
    // the second line search starts at 2^39 + 1 and ends at 2^39 + 2^39.
    const t = traced((x) => [-2 * x, -2]);
    const r = minimizeBfgs(t.objective, [0], { maxIterations: 2 });
    expect(t.points[40]).toBe(2 ** 39);
    expect(t.points[41]).toBe(2 ** 39 + 1);
    expect(r.x).toEqual([2 ** 40]);
    expect(r.evaluations).toBe(81);
  });

  it("updates H even when the gradient changes by less than 1e-6 (f = 1e-9 (x - 100)^2)", () => {
    // Doubling from 2e-7 reaches 13.42 (26 doublings); there y = 2.7e-8, and H = s / y = 1e9 is
    // the exact inverse curvature: the next step lands on 100.
    const t = traced((x) => [1e-9 * (x - 100) ** 2, 2e-9 * (x - 100)]);
    const r = minimizeBfgs(t.objective, [0]);
    expect(t.points[27]!).toBeCloseTo(2e-7 * 2 ** 26, 9);
    expect(r.iterations).toBe(2);
    expect(r.evaluations).toBe(29);
    expect(r.x[0]!).toBeCloseTo(100, 10);
    expect(r.converged).toBe(true);
  });

  it("gives up after one iteration when no step from the start stays in the domain (f = -x on x <= 0)", () => {
    const t = traced((x) => (x <= 0 ? [-x, -1] : [Number.NaN, 0]));
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points.slice(0, 4), [0, 1, 0.1, 0.01]);
    expect(r.x).toEqual([0]);
    expect(r.iterations).toBe(1);
    expect(r.converged).toBe(false);
  });

  it("keeps the last good point when every longer step leaves the domain (f = -x on x <= 4)", () => {
    // Steps 1, 2, 4 are good, 8 is outside; the shrinking trials 4.4, 4.04, ... stay outside
    // until the step no longer moves: the search returns x = 4 (f = -4), not the start.
    const t = traced((x) => (x <= 4 ? [-x, -1] : [Number.NaN, 0]));
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points.slice(0, 7), [0, 1, 2, 4, 8, 4.4, 4.04]);
    expect(r.x).toEqual([4]);
    expect(r.value).toBe(-4);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
    // The first search: 1, 2, 4, 8 and 15 shrinking trials 4 + 4e-k (4 + 4e-16 rounds to 4: stop).
    // The second, from 4: 5, 15 trials 4 + 1e-k outside, 4 + 1e-16 = 4 (no lower), one zoom step.
    expect(r.evaluations).toBe(1 + 19 + 18);
  });
});

describe("minimizeBfgs, stopping rules", () => {
  const flat =
    (slope: number): Objective =>
    (_x, g) => {
      if (g !== null) g[0] = slope;
      return 7;
    };

  it("counts a stall as converged when the gradient is at most 1e-5, and not when it is larger", () => {
    // f is constant, so no step decreases it and the line search fails.
    // At a slope of 1e-6 the Armijo bound 7 - 1e-16 rounds to 7, so equal values pass it; the
    // search still ends without a point below f(0) and the iteration stays at 0.
    for (const [slope, converged] of [
      [1e-6, true],
      [3e-6, true],
      [1e-5, true],
      [-1e-5, true],
      [2e-5, false],
    ] as const) {
      const r = minimizeBfgs(flat(slope), [0]);
      expect(r.converged, String(slope)).toBe(converged);
      expect(r.x).toEqual([0]);
      expect(r.value).toBe(7);
      expect(r.iterations).toBe(1);
    }
  });

  it("stops at once when the gradient at the start is exactly the tolerance", () => {
    const r = minimizeBfgs(flat(1e-3), [0], { gradientTolerance: 1e-3 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBe(0);
    expect(r.evaluations).toBe(1);
    expect(minimizeBfgs(flat(1e-3), [0], { gradientTolerance: 9e-4 }).iterations).toBeGreaterThan(0);
  });

  it("stops on the Rosenbrock function with gradientTolerance 0 once f no longer decreases", () => {
    const r = minimizeBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 0 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThan(100);
    expect(Math.max(...r.gradient.map(Math.abs))).toBeLessThan(1e-5);
    expect(r.x[0]!).toBeCloseTo(1, 10);
    expect(r.x[1]!).toBeCloseTo(1, 10);
  });

  it("stops when the gradient falls to exactly the tolerance after a step (f = (x - 3)^2, tolerance 4)", () => {
    // g(0) = -6; the first step goes to x = 1 (as in the hand-traced run above), where g = -4
    const r = minimizeBfgs((x, g) => {
      if (g !== null) g[0] = 2 * (x[0]! - 3);
      return (x[0]! - 3) ** 2;
    }, [0], { gradientTolerance: 4 });
    expect(r).toEqual({ x: [1], value: 4, gradient: [-4], iterations: 1, evaluations: 2, converged: true });
  });

  it("stops when a step lowers f by at most 1e-15 max(1, |f|) at a gradient below 1e-5", () => {
    // f drops by one ulp of 10 (1.8e-15 <= 1e-14) from x = 0 to any x > 0; the gradient is -2e-200
    // (with gradientTolerance 0, only this rule can stop). -g.g underflows to -0, so the search
    // direction is rebuilt from -g, and the unit first step lands on x = 2e-200.
    const ulp = 1.7763568394002505e-15;
    const r = minimizeBfgs((x, g) => {
      if (g !== null) g[0] = -2e-200;
      return x[0]! > 0 ? 10 - ulp : 10;
    }, [0], { gradientTolerance: 0 });
    expect(r.x).toEqual([2e-200]);
    expect(r.value).toBe(10 - ulp);
    expect(r.iterations).toBe(1);
    expect(r.converged).toBe(true);
    // with f = 1 + 1e-200 (x - 1)^2, which rounds to 1 everywhere, there is no decrease at all
    const flatR = minimizeBfgs((x, g) => {
      if (g !== null) g[0] = 2e-200 * (x[0]! - 1);
      return 1 + 1e-200 * (x[0]! - 1) ** 2;
    }, [0], { gradientTolerance: 0 });
    expect(flatR.x).toEqual([2e-200]);
    expect(flatR.iterations).toBe(1);
    expect(flatR.converged).toBe(true);
  });

  it("returns at once, value Infinity, when the gradient at the start is not finite", () => {
    const r = minimizeBfgs((_x, g) => {
      if (g !== null) g[0] = Number.NaN;
      return 1;
    }, [2]);
    expect(r).toEqual({ x: [2], value: Number.POSITIVE_INFINITY, gradient: [Number.NaN], iterations: 0, evaluations: 1, converged: false });
  });

  it("returns copies: the start array is not reused, the gradient has one entry per parameter", () => {
    const x0 = [4, 5];
    const r = minimizeBfgs(() => 1, x0);
    expect(r.x).toEqual([4, 5]);
    expect(r.x).not.toBe(x0);
    expect(r.gradient).toEqual([0, 0]);
    r.x[0] = 9;
    expect(x0).toEqual([4, 5]);
  });
});

describe("numericHessian and withNumericGradient, steps and symmetry", () => {
  it("uses forward differences from gradientAtX, one gradient evaluation per parameter", () => {
    // f = x^2 + 3xy + 5y^2: the Hessian [[2, 3], [3, 10]], exact for differences of a linear gradient.
    let calls = 0;
    const f: Objective = (x, g) => {
      calls++;
      const [a, b] = x as [number, number];
      if (g !== null) {
        g[0] = 2 * a + 3 * b;
        g[1] = 3 * a + 10 * b;
      }
      return a * a + 3 * a * b + 5 * b * b;
    };
    const H = numericHessian(f, [1, 2], 1e-5, [8, 23]);
    expect(calls).toBe(2);
    expect(H).toHaveLength(2);
    H.forEach((row) => expect(row).toHaveLength(2));
    expect(H[0]![0]!).toBeCloseTo(2, 6);
    expect(H[0]![1]!).toBeCloseTo(3, 6);
    expect(H[1]![0]!).toBeCloseTo(3, 6);
    expect(H[1]![1]!).toBeCloseTo(10, 6);
  });

  it("averages the two off-diagonal differences", () => {
    // A 'gradient' (y, 0) that is no gradient: the differences are [[0, 1], [0, 0]].
    const H = numericHessian((x, g) => {
      if (g !== null) {
        g[0] = x[1]!;
        g[1] = 0;
      }
      return 0;
    }, [0.3, 0.4]);
    expect(H[0]![0]!).toBeCloseTo(0, 12);
    expect(H[0]![1]!).toBeCloseTo(0.5, 9);
    expect(H[1]![0]!).toBeCloseTo(0.5, 9);
    expect(H[1]![1]!).toBeCloseTo(0, 12);
  });

  it("steps by h * max(1, |x|): the central differences of x^3 / 3 and x^4 / 12 are off by step^2 / 3", () => {
    // ((x + s)^3 - (x - s)^3) / (6 s) = x^2 + s^2 / 3. At x = 10 with h = 0.1 the step is 1; at x = 0.5, 0.1.
    const g = [0];
    withNumericGradient((x) => x[0]! ** 3 / 3, 0.1)([10], g);
    expect(g[0]!).toBeCloseTo(100 + 1 / 3, 10);
    withNumericGradient((x) => x[0]! ** 3 / 3, 0.1)([0.5], g);
    expect(g[0]!).toBeCloseTo(0.25 + 0.01 / 3, 12);
    const quartic: Objective = (x, gr) => {
      if (gr !== null) gr[0] = x[0]! ** 3 / 3;
      return x[0]! ** 4 / 12;
    };
    expect(numericHessian(quartic, [10], 0.1)[0]![0]!).toBeCloseTo(100 + 1 / 3, 10);
    expect(numericHessian(quartic, [0.5], 0.1)[0]![0]!).toBeCloseTo(0.25 + 0.01 / 3, 12);
  });
});

/**
 * The minimiser of the cubic with values f0, f1 and slopes s0, s1 at a0 and a1, from its
 * coefficients: p(u) = f0 + s0 u + c2 u^2 + c3 u^3 with u = alpha - a0, and p'(u) = 0 where p'' > 0.
 */
function hermiteMin(a0: number, f0: number, s0: number, a1: number, f1: number, s1: number): number {
  const h = a1 - a0;
  const m = (f1 - f0) / h;
  const c2 = (3 * m - 2 * s0 - s1) / h;
  const c3 = (s0 + s1 - 2 * m) / (h * h);
  return a0 + (-c2 + Math.sqrt(c2 * c2 - 3 * c3 * s0)) / (3 * c3);
}

/** A one-dimensional objective that answers its k-th call with the k-th [value, slope], wherever it is asked. */
function scripted(answers: readonly (readonly [value: number, slope: number])[]): { objective: Objective; points: number[] } {
  let k = 0;
  return traced(() => answers[Math.min(k++, answers.length - 1)]!);
}

describe("minimizeBfgs, the zoom step by step", () => {
  it("moves the low end, flips the bracket and keeps the cubic within its inner 80 % (scripted values)", () => {
    // From x = 0 (f 0, slope -1) the unit step gives f = 1, above the Armijo line: zoom on [0, 1].
    // 1. The cubic's minimum 0.0918 is below 10 % of the bracket: bisect, x = 0.5.
    // 2. f = -1 is low enough, but the slope -2 is too steep and still points to 1: [0.5, 1].
    // 3. The cubic's 0.5313 is below 0.55: bisect, x = 0.75; f = -1.5 with slope 1 > 0.9 now points
    //    back: the bracket becomes [0.75, 0.5] (low end first).
    // 4. The cubic's 0.7277 is above 0.5 + 0.9 * 0.25: bisect, x = 0.625; slope -2 points away from
    //    0.5, towards 0.75: the bracket becomes [0.625, 0.75].
    // 5. The cubic's minimum on it, 0.65253, has slope 0: accepted, and the gradient 0 stops the run.
    const t = scripted([[0, -1], [1, -1], [-1, -2], [-1.5, 1], [-1.6, -2], [-1.7, 0]]);
    expect(hermiteMin(0, 0, -1, 1, 1, -1)).toBeCloseTo(0.0917517, 7);
    expect(hermiteMin(0.5, -1, -2, 1, 1, -1)).toBeCloseTo(0.5313154, 7);
    expect(hermiteMin(0.75, -1.5, 1, 0.5, -1, -2)).toBeCloseTo(0.7276709, 7);
    const r = minimizeBfgs(t.objective, [0]);
    expectPoints(t.points, [0, 1, 0.5, 0.75, 0.625, hermiteMin(0.625, -1.6, -2, 0.75, -1.5, 1)]);
    expect(r.x[0]!).toBeCloseTo(0.6525258, 7);
    expect(r.value).toBe(-1.7);
    expect(r.gradient).toEqual([0]);
    expect(r.iterations).toBe(1);
    expect(r.evaluations).toBe(6);
    expect(r.converged).toBe(true);
  });

  it("shrinks the bracket onto the start while every trial is above the Armijo line, and stops after 60 trials", () => {
    // f = -1e-5 x for x > 0 stays above the Armijo line -1e-4 x, though below f(0) = 0, and its
    // reported slope is 3: the unit step starts a zoom on [0, 1] and every trial becomes the new
    // high end. The values scale with the bracket, so each cubic lands at the same fraction r of
    // it: the trials are r^k. After 60 of them (r^60 = 1e-13, far from collapsing) the search
    // gives up, the start is kept and the run stops, not converged (the slope there is -1).
    const t = traced((x) => (x === 0 ? [0, -1] : [-1e-5 * x, 3]));
    const ratio = hermiteMin(0, 0, -1, 1, -1e-5, 3);
    expect(ratio).toBeCloseTo(0.607628, 6);
    const r = minimizeBfgs(t.objective, [0]);
    expect(t.points).toHaveLength(62);
    expectPoints(t.points.slice(0, 12), [0, ...Array.from({ length: 11 }, (_, k) => ratio ** k)]);
    t.points.slice(1).forEach((x, k) => expect(x / ratio ** k, `trial ${k}`).toBeCloseTo(1, 12));
    expect(r).toEqual({ x: [0], value: 0, gradient: [-1], iterations: 1, evaluations: 62, converged: false });
  });

  it("counts a small decrease as convergence only at a gradient of at most 1e-5 (one iteration each)", () => {
    // From f(0) = 1e6 with slope -1e-3 the unit step (x = 1e-3) is accepted with the given value and
    // slope (the Armijo line is 1e6 - 1e-10, the curvature bound 9e-4); the gradient tolerance 1e-8
    // is not met, so only the no-decrease rule, a drop of at most 1e-15 * 1e6 = 1e-9, can report
    // convergence. One ulp of 1e6 is 2^-33 = 1.16e-10.
    const ulp = 2 ** -33;
    for (const [value, slope, converged] of [
      [1e6 - 2 * ulp, -1e-6, true],
      [1e6 - 2 * ulp, -1e-5, true],
      [1e6 - 2 * ulp, 1e-5, true],
      [1e6 - 2 * ulp, -5e-4, false],
      [1e6 - 8 * ulp, -1e-6, true],
      [1e6 - 9 * ulp, -1e-6, false],
      [1e6 - 1, -1e-6, false],
    ] as const) {
      const t = scripted([[1e6, -1e-3], [value, slope]]);
      const r = minimizeBfgs(t.objective, [0], { maxIterations: 1 });
      expect(t.points, `${value} ${slope}`).toEqual([0, 1e-3]);
      expect(r.value).toBe(value);
      expect(r.iterations).toBe(1);
      expect(r.converged, `${value} ${slope}`).toBe(converged);
    }
  });
});
