import { describe, expect, it } from "vitest";
import { fitLogParameters, resolveFitOptions, type LogLikelihood } from "../../src/clv/fitCommon.js";
import { relDiff } from "./data.js";

describe("fitLogParameters, standard errors of a flat likelihood", () => {
  // c (log theta - theta): the maximum is at theta = 1, the starting value, and the total
  // objective's second derivative there in u = log(theta) is c, so the delta-method
  // standard error of theta is 1 / sqrt(c).
  const flat =
    (c: number): LogLikelihood =>
    (theta, gradient) => {
      if (gradient !== null) gradient[0] = c * (1 / theta[0]! - 1);
      return c * (Math.log(theta[0]!) - theta[0]!);
    };
  const fit = (c: number): ReturnType<typeof fitLogParameters<{ k: number }>> =>
    fitLogParameters<{ k: number }>("f", ["k"], [1], flat(c), true, 10, resolveFitOptions("f", {}), ["k"]);

  it("is 1 / sqrt(curvature) while the variance is a finite number", () => {
    const m = fit(1e-300);
    expect(m.params.k).toBeCloseTo(1, 12);
    expect(relDiff(m.standardErrors.k!, 1e150)).toBeLessThan(1e-5);
  });

  it("is null, not Infinity, when the variance 1 / curvature overflows", () => {
    // 1 / 1e-310 is beyond the largest double: the likelihood does not identify k.
    const m = fit(1e-310);
    expect(m.params.k).toBeCloseTo(1, 12);
    expect(m.converged).toBe(true);
    expect(m.standardErrors.k).toBeNull();
    expect(JSON.stringify(m)).not.toMatch(/Infinity|NaN/);
  });
});
