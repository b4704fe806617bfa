import { describe, expect, it } from "vitest";
import { fitMbgNbd } from "../../src/clv/fitMbgNbd.js";

describe("fitMbgNbd, one customer", () => {
  it("approaches the supremum of the customer's likelihood, a Poisson rate x / T without drop-out", () => {
    // One customer with x = 2, t_x = 5, T = 10. Mixing over the rate and the drop-out
    // probability cannot beat the best point mass: the likelihood lambda^x e^(-lambda t_x)
    // [(1-p)^(x+1) e^(-lambda (T - t_x)) + p (1-p)^x] is largest at p = 0, lambda = x / T,
    // where its log is 2 ln(0.2) - 2. The fit runs off towards that limit (r and alpha
    // without bound, r / alpha = 0.2, a -> 0) and says it did not converge.
    const sup = 2 * Math.log(0.2) - 2;
    const m = fitMbgNbd([{ frequency: 2, recency: 5, T: 10 }]);
    expect(m.converged).toBe(false);
    expect(m.logLikelihood).toBeLessThanOrEqual(sup + 1e-12);
    expect(sup - m.logLikelihood).toBeLessThan(1e-5);
    expect(m.params.r / m.params.alpha).toBeCloseTo(0.2, 4);
    expect(m.params.a).toBeLessThan(1e-6);
  });
});
