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
