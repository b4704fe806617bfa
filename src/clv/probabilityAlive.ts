import { bgNbdProbabilityAlive } from "../core/bgNbdAlive.js";
import { bgBbProbabilityAlive, mbgNbdProbabilityAlive, paretoNbdProbabilityAlive } from "./formulas.js";
import { finitePrediction, readHistoryFor, readModel } from "./modelCommon.js";
import type { DiscretePurchaseHistory, PurchaseHistory, PurchaseModelSpec } from "./types.js";

const KINDS = ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"] as const;

/**
 * Probability that a customer with the given history is still alive (has not dropped
 * out) at the end of observation, under a fitted purchase model:
 * - BG/NBD: 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) (FHL 2005 eq. 11);
 *   customers without repeat purchases get 1 by construction of the model (Hardie note 021).
 * - MBG/NBD: 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)) (Batislam et al. 2007).
 * - Pareto/NBD: the share of the first term in the likelihood (Fader & Hardie note 009),
 *   with the 2F1 terms in CLVTools' factored, log-space form.
 * - BG/BB: B(alpha+x, beta+n-x)/B(alpha,beta) B(gamma, delta+n)/B(gamma,delta) / L (alive
 *   at opportunity n, as lifetimes' default).
 * All are computed in log space and stay finite for thousands of purchases.
 *
 * @param model - A model from `fitBgNbd`, `fitMbgNbd`, `fitParetoNbd` or `fitBgBb` (or its JSON).
 * @param customer - `{ frequency, recency, T }` (`{ frequency, recency, periods }` for BG/BB),
 *   in the time unit of the fit.
 * @returns P(alive) in [0, 1].
 * @throws {CrmMetricsError} `INVALID_INPUT` for a model of another kind or bad parameters,
 *   or an invalid history; `NOT_CONVERGED` if a special-function series gives up.
 *
 * @example
 * probabilityAlive({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }, { frequency: 2, recency: 30.43, T: 38.86 })
 * // => 0.7266
 */
export function probabilityAlive(model: PurchaseModelSpec, customer: PurchaseHistory | DiscretePurchaseHistory): number {
  const fn = "probabilityAlive";
  const m = readModel(fn, "model", model, KINDS);
  const h = readHistoryFor(fn, m.model, customer);
  let p: number;
  switch (m.model) {
    case "bg-nbd":
      p = bgNbdProbabilityAlive(m.params, h.x, h.tx, h.T);
      break;
    case "mbg-nbd":
      p = mbgNbdProbabilityAlive(m.params, h.x, h.tx, h.T);
      break;
    case "pareto-nbd":
      p = paretoNbdProbabilityAlive(m.params, h.x, h.tx, h.T);
      break;
    default:
      p = bgBbProbabilityAlive(m.params, h.x, h.tx, h.T);
  }
  return finitePrediction(fn, p);
}
