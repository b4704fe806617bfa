import { bgBbLogLikelihoodOne } from "./formulas.js";
import { fitLogParameters, modelInfo, readDiscreteHistories, resolveFitOptions } from "./fitCommon.js";
import type { BgBbModel, BgBbParams, ClvFitOptions, DiscretePurchaseHistory } from "./types.js";

/** Options of {@link fitBgBb}. */
export interface FitBgBbOptions extends ClvFitOptions {}

/**
 * Fit the beta-geometric/beta-Bernoulli model (Fader, Hardie & Shang 2010) for
 * discrete-time non-contractual settings (one purchase opportunity per period: annual
 * donations, events): while alive a customer buys at each opportunity with a
 * beta(alpha, beta) probability and drops out before each opportunity with a
 * beta(gamma, delta) probability. The likelihood (FHS eq. 5) is summed as a max-shifted
 * log-sum-exp, so it does not underflow for long histories (lifetimes adds 1e-15 instead).
 *
 * @param customers - Histories `{ frequency, recency, periods, weight? }`; the donations
 *   data come as one row per pattern with its count as `weight`.
 * @param options - Penalty, iteration cap, convergence policy, time-unit label.
 * @returns The fitted model.
 * @throws {CrmMetricsError} `INVALID_INPUT`, `EMPTY_INPUT`, `INVALID_OPTION`, and
 *   `NOT_CONVERGED` when asked to.
 *
 * @example
 * const customers = [
 *   { frequency: 0, recency: 0, periods: 6, weight: 30 }, { frequency: 2, recency: 4, periods: 6, weight: 20 },
 *   { frequency: 6, recency: 6, periods: 6, weight: 10 }, { frequency: 3, recency: 6, periods: 6, weight: 15 },
 *   { frequency: 1, recency: 1, periods: 6, weight: 12 },
 * ];
 * fitBgBb(customers).n
 * // => 87
 */
export function fitBgBb(customers: Iterable<DiscretePurchaseHistory>, options?: FitBgBbOptions): BgBbModel {
  const fn = "fitBgBb";
  const opts = resolveFitOptions(fn, options);
  const d = readDiscreteHistories(fn, customers);
  const logLik = (theta: readonly number[]): number => {
    const p: BgBbParams = { alpha: theta[0]!, beta: theta[1]!, gamma: theta[2]!, delta: theta[3]! };
    let ll = 0;
    for (let i = 0; i < d.rows; i++) ll += d.w[i]! * bgBbLogLikelihoodOne(p, d.x[i]!, d.tx[i]!, d.T[i]!);
    return Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
  };
  const outcome = fitLogParameters<BgBbParams>(fn, ["alpha", "beta", "gamma", "delta"], [1, 1, 1, 1], logLik, false, d.n, opts);
  return { model: "bg-bb", ...modelInfo(outcome, d.n, d.rows, opts) };
}
