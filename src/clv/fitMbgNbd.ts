import { logBeta, logGamma } from "../core/stats/special.js";
import { fitLogParameters, logAddExp, modelInfo, readPurchaseHistories, startingScale, resolveFitOptions } from "./fitCommon.js";
import type { BgNbdParams, ClvFitOptions, MbgNbdModel, PurchaseHistory } from "./types.js";

/** Options of {@link fitMbgNbd}. */
export interface FitMbgNbdOptions extends ClvFitOptions {}

/**
 * Fit the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) by maximum likelihood. It is
 * BG/NBD with one change: a customer may also drop out right after the first purchase, so
 * customers without repeat purchases are not certain to be alive (the usual answer to
 * "P(alive) = 1 for one-time buyers" under BG/NBD). Log-likelihood as in lifetimes:
 * lgamma(r+x) - lgamma(r) + r log alpha + log B(a, b+x+1) - log B(a, b) - (r+x) log(alpha+T)
 * + log(1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)), the last term as a log-sum-exp.
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
  const distinct = Array.from(new Set(d.x));
  const index = new Map<number, number>(distinct.map((v, i) => [v, i]));
  const xIndex = Int32Array.from(d.x, (v) => index.get(v)!);
  const cX = new Float64Array(distinct.length);
  const logLik = (theta: readonly number[]): number => {
    const [r, alpha, a, b] = theta as [number, number, number, number];
    const lgr = logGamma(r);
    const lbab = logBeta(a, b);
    distinct.forEach((x, k) => {
      cX[k] = logGamma(r + x) - lgr + logBeta(a, b + x + 1) - lbab;
    });
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    let ll = 0;
    for (let i = 0; i < d.rows; i++) {
      const x = d.x[i]!;
      const lT = Math.log(alpha + d.T[i]!);
      const a4 = logA - Math.log(b + x) + (r + x) * (lT - Math.log(alpha + d.tx[i]!));
      ll += d.w[i]! * (cX[xIndex[i]!]! + r * logAlpha - (r + x) * lT + logAddExp(a4, 0));
    }
    return Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
  };
  const alpha0 = startingScale(d);
  const outcome = fitLogParameters<BgNbdParams>(fn, ["r", "alpha", "a", "b"], [1, alpha0, 1, 1], logLik, false, d.n, opts);
  return { model: "mbg-nbd", ...modelInfo(outcome, d.n, d.rows, opts) };
}
