import { digamma } from "../core/stats/digamma.js";
import { logBeta, logGamma } from "../core/stats/special.js";
import { fitLogParameters, modelInfo, readPurchaseHistories, startingScale, resolveFitOptions } from "./fitCommon.js";
import type { BgNbdModel, BgNbdParams, ClvFitOptions, PurchaseHistory } from "./types.js";

/** Options of {@link fitBgNbd}. */
export interface FitBgNbdOptions extends ClvFitOptions {}

/**
 * Fit the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
 * Way") by maximum likelihood. While alive, a customer buys as a Poisson process with a
 * gamma(r, alpha) distributed rate; after each purchase they drop out with a
 * beta(a, b) distributed probability. The log-likelihood is written as in Hardie's note
 * 027, lgamma terms plus the log of a sum of two ratios that are both at most 1, so it
 * cannot overflow. Identical customers are merged before fitting; BFGS runs on the
 * log-parameters from deterministic starting values with the analytic gradient.
 *
 * @param customers - Histories `{ frequency, recency, T, weight? }` in one time unit
 *   (include customers without repeat purchases).
 * @param options - Penalty, iteration cap, convergence policy, time-unit label.
 * @returns The fitted model: parameters, standard errors, log-likelihood, convergence.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad history, `EMPTY_INPUT` without
 *   customers, `INVALID_OPTION`, and `NOT_CONVERGED` when asked to.
 *
 * @example
 * const customers = [
 *   { frequency: 0, recency: 0, T: 30 }, { frequency: 1, recency: 10, T: 30 },
 *   { frequency: 4, recency: 25, T: 30 }, { frequency: 2, recency: 5, T: 30 },
 *   { frequency: 0, recency: 0, T: 20 }, { frequency: 6, recency: 19, T: 20 },
 * ];
 * fitBgNbd(customers).converged
 * // => true
 */
export function fitBgNbd(customers: Iterable<PurchaseHistory>, options?: FitBgNbdOptions): BgNbdModel {
  const fn = "fitBgNbd";
  const opts = resolveFitOptions(fn, options);
  const data = readPurchaseHistories(fn, customers);
  const logLik = bgNbdLogLikelihood(data.x, data.tx, data.T, data.w);
  // Start: r = 1 with the rate matching the mean purchase rate, a = b = 1.
  const alpha0 = startingScale(data);
  const outcome = fitLogParameters<BgNbdParams>(fn, ["r", "alpha", "a", "b"], [1, alpha0, 1, 1], logLik, true, data.n, opts, ["alpha"]);
  return { model: "bg-nbd", ...modelInfo(outcome, data.n, data.rows, opts) };
}

/**
 * Weighted BG/NBD log-likelihood and its gradient in (r, alpha, a, b), Hardie note 027:
 * LL_i = lgamma(r+x) - lgamma(r) + r log(alpha) - (r+x) log(alpha+t_x) + log B(a, b+x) -
 * log B(a, b) + log[((alpha+t_x)/(alpha+T))^(r+x) + [x>0] a/(b+x-1)].
 * With `modified` it is the MBG/NBD likelihood (Batislam et al. 2007) in the same form:
 * B(a, b+x+1) and a/(b+x) for every x, including x = 0.
 * Terms that depend on x only are computed once per distinct x. @internal
 */
export function bgNbdLogLikelihood(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  w: Float64Array,
  modified = false,
): (theta: readonly number[], gradient: number[] | null) => number {
  const shift = modified ? 1 : 0;
  const rows = x.length;
  const distinct = new Map<number, number>();
  const xIndex = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let k = distinct.get(x[i]!);
    if (k === undefined) {
      k = distinct.size;
      distinct.set(x[i]!, k);
    }
    xIndex[i] = k;
  }
  const ux = Float64Array.from(distinct.keys());
  const m = ux.length;
  const cX = new Float64Array(m);
  const kX = new Float64Array(m);
  const dR = new Float64Array(m);
  const dA = new Float64Array(m);
  const dB = new Float64Array(m);
  return (theta, gradient) => {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const a = theta[2]!;
    const b = theta[3]!;
    const lgr = logGamma(r);
    const lbab = logBeta(a, b);
    const want = gradient !== null;
    const psiR = want ? digamma(r) : 0;
    const psiAB = want ? digamma(a + b) : 0;
    const psiB = want ? digamma(b) : 0;
    for (let k = 0; k < m; k++) {
      const xv = ux[k]!;
      cX[k] = logGamma(r + xv) - lgr + logBeta(a, b + xv + shift) - lbab;
      kX[k] = xv > 0 || modified ? a / (b + xv - 1 + shift) : 0;
      if (want) {
        const psiABX = digamma(a + b + xv + shift);
        dR[k] = digamma(r + xv) - psiR;
        dA[k] = psiAB - psiABX;
        dB[k] = digamma(b + xv + shift) - psiABX - psiB + psiAB;
      }
    }
    const logAlpha = Math.log(alpha);
    let ll = 0;
    let gr = 0;
    let ga = 0;
    let gA = 0;
    let gB = 0;
    for (let i = 0; i < rows; i++) {
      const k = xIndex[i]!;
      const xv = x[i]!;
      const wi = w[i]!;
      const aT = alpha + T[i]!;
      if (xv === 0 && !modified) {
        // No repeat purchase: t_x = 0 and only the first term remains.
        const D = logAlpha - Math.log(aT);
        ll += wi * r * D;
        if (want) {
          gr += wi * D;
          ga += wi * (r / alpha - r / aT);
        }
        continue;
      }
      const atx = alpha + tx[i]!;
      const lAtx = Math.log(atx);
      const D = lAtx - Math.log(aT);
      const e = (r + xv) * D;
      // S = ((alpha+t_x)/(alpha+T))^(r+x) + a/(b+x-1): the first term is at most 1 and the
      // second finite, so S is summed directly (no overflow, and no underflow to 0).
      const E = Math.exp(e);
      const S = E + kX[k]!;
      const logS = Math.log(S);
      const share = E / S;
      ll += wi * (cX[k]! + r * logAlpha - (r + xv) * lAtx + logS);
      if (want) {
        const rest = 1 - share;
        gr += wi * (dR[k]! + logAlpha - lAtx + share * D);
        ga += wi * (r / alpha - (r + xv) / atx + share * (r + xv) * (1 / atx - 1 / aT));
        gA += wi * (dA[k]! + rest / a);
        gB += wi * (dB[k]! - rest / (b + xv - 1 + shift));
      }
    }
    if (gradient !== null) {
      gradient[0] = gr;
      gradient[1] = ga;
      gradient[2] = gA;
      gradient[3] = gB;
    }
    return ll;
  };
}
