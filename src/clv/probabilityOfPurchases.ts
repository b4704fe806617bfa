import { readNumber } from "../core/validate.js";
import { bgBbPmf, bgFamilyPmf, paretoNbdPmf } from "./formulas.js";
import { finitePrediction, readHorizon, readModel } from "./modelCommon.js";
import type { PurchaseModelSpec } from "./types.js";

const KINDS = ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"] as const;

/**
 * Probability that a new customer makes exactly `n` repeat purchases in their first `t`
 * time units, P(X(t) = n):
 * - BG/NBD: FHL 2005 eq. 8, with the NBD tail as a regularised incomplete beta function.
 * - MBG/NBD: the same with drop-out also possible at time 0 (Batislam et al. 2007).
 * - Pareto/NBD: Fader & Hardie (2006), "Deriving an expression for P(X(t) = x) under the
 *   Pareto/NBD model".
 * - BG/BB: FHS 2010 eq. 7 over `t` opportunities.
 * Summed over n = 0, 1, 2, ... the probabilities add up to 1 (tested).
 *
 * @param model - A fitted purchase model (or its JSON).
 * @param n - Number of purchases (integer >= 0).
 * @param t - Length of the window (>= 0; an integer under BG/BB).
 * @returns The probability, in [0, 1].
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad model, `n` or `t`.
 *
 * @example
 * probabilityOfPurchases({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }, 0, 39)
 * // => 0.5738
 */
export function probabilityOfPurchases(model: PurchaseModelSpec, n: number, t: number): number {
  const fn = "probabilityOfPurchases";
  const m = readModel(fn, "model", model, KINDS);
  const count = readNumber(fn, "n", n, { min: 0, integer: true });
  const horizon = readHorizon(fn, m.model, t);
  let p: number;
  switch (m.model) {
    case "bg-nbd":
      p = bgFamilyPmf(m.params, false, count, horizon);
      break;
    case "mbg-nbd":
      p = bgFamilyPmf(m.params, true, count, horizon);
      break;
    case "pareto-nbd":
      p = paretoNbdPmf(m.params, count, horizon);
      break;
    default:
      p = bgBbPmf(m.params, count, horizon);
  }
  return Math.min(1, Math.max(0, finitePrediction(fn, p)));
}
