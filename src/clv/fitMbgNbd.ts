import { bgNbdLogLikelihood } from "./fitBgNbd.js";
import { fitLogParameters, modelInfo, readPurchaseHistories, startingScale, resolveFitOptions } from "./fitCommon.js";
import type { BgNbdParams, ClvFitOptions, MbgNbdModel, PurchaseHistory } from "./types.js";

/** Options of {@link fitMbgNbd}. */
export interface FitMbgNbdOptions extends ClvFitOptions {}

/**
 * Fit the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) by maximum likelihood. It is
 * BG/NBD with one change: a customer may also drop out right after the first purchase, so
 * customers without repeat purchases are not certain to be alive (the usual answer to
 * "P(alive) = 1 for one-time buyers" under BG/NBD). Log-likelihood as in lifetimes:
 * lgamma(r+x) - lgamma(r) + r log alpha + log B(a, b+x+1) - log B(a, b) - (r+x) log(alpha+T)
 * + log(1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)), evaluated in the overflow-free form of
 * the BG/NBD fit (the last term as log[((alpha+t_x)/(alpha+T))^(r+x) + a/(b+x)]) with the
 * analytic gradient.
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
 * fitMbgNbd(customers).n
 * // => 6
 */
export function fitMbgNbd(customers: Iterable<PurchaseHistory>, options?: FitMbgNbdOptions): MbgNbdModel {
  const fn = "fitMbgNbd";
  const opts = resolveFitOptions(fn, options);
  const d = readPurchaseHistories(fn, customers);
  const logLik = bgNbdLogLikelihood(d.x, d.tx, d.T, d.w, true);
  const alpha0 = startingScale(d);
  const outcome = fitLogParameters<BgNbdParams>(fn, ["r", "alpha", "a", "b"], [1, alpha0, 1, 1], logLik, true, d.n, opts, ["alpha"]);
  return { model: "mbg-nbd", ...modelInfo(outcome, d.n, d.rows, opts) };
}
