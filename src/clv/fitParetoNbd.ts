import { paretoNbdParts } from "./formulas.js";
import { fitLogParameters, logAddExp, modelInfo, readPurchaseHistories, startingScale, resolveFitOptions } from "./fitCommon.js";
import type { ClvFitOptions, ParetoNbdModel, ParetoNbdParams, PurchaseHistory } from "./types.js";

/** Options of {@link fitParetoNbd}. */
export interface FitParetoNbdOptions extends ClvFitOptions {}

/**
 * Fit the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum likelihood:
 * while alive a customer buys as a Poisson process with a gamma(r, alpha) rate and has an
 * exponential lifetime with a gamma(s, beta) rate. The likelihood follows Fader & Hardie's
 * note 009 in CLVTools' factored form: the difference of the two Gauss 2F1 terms is taken
 * in log space after Euler's transformation, which keeps it finite for thousands of
 * purchases (CLVTools #100, lifetimes #25). The likelihood is flat along beta, so compare
 * fits by their log-likelihood rather than by beta.
 *
 * @param customers - Histories `{ frequency, recency, T, weight? }` in one time unit.
 * @param options - Penalty, iteration cap, convergence policy, time-unit label.
 * @returns The fitted model.
 * @throws {CrmMetricsError} `INVALID_INPUT`, `EMPTY_INPUT`, `INVALID_OPTION`, and
 *   `NOT_CONVERGED` when asked to.
 *
 * @example
 * const customers = [
 *   { frequency: 0, recency: 0, T: 30 }, { frequency: 1, recency: 10, T: 30 },
 *   { frequency: 4, recency: 25, T: 30 }, { frequency: 2, recency: 5, T: 30 },
 *   { frequency: 0, recency: 0, T: 20 }, { frequency: 6, recency: 19, T: 20 },
 * ];
 * fitParetoNbd(customers).model
 * // => "pareto-nbd"
 */
export function fitParetoNbd(customers: Iterable<PurchaseHistory>, options?: FitParetoNbdOptions): ParetoNbdModel {
  const fn = "fitParetoNbd";
  const opts = resolveFitOptions(fn, options);
  const d = readPurchaseHistories(fn, customers);
  const logLik = (theta: readonly number[]): number => {
    const p: ParetoNbdParams = { r: theta[0]!, alpha: theta[1]!, s: theta[2]!, beta: theta[3]! };
    let ll = 0;
    for (let i = 0; i < d.rows; i++) {
      const parts = paretoNbdParts(p, d.x[i]!, d.tx[i]!, d.T[i]!);
      ll += d.w[i]! * (parts.prefix + logAddExp(parts.term1, parts.term2));
    }
    return Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
  };
  const scale = startingScale(d);
  const outcome = fitLogParameters<ParetoNbdParams>(
    fn,
    ["r", "alpha", "s", "beta"],
    [1, scale, 1, scale],
    logLik,
    false,
    d.n,
    opts,
    ["alpha", "beta"],
  );
  return { model: "pareto-nbd", ...modelInfo(outcome, d.n, d.rows, opts) };
}
