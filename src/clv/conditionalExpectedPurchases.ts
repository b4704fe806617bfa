import { bgNbdProbabilityAlive } from "../core/bgNbdAlive.js";
import {
  bgBbConditionalExpected,
  bgBbLogLikelihoodOne,
  bgFamilyConditionalExpected,
  mbgNbdProbabilityAlive,
  paretoNbdConditionalExpected,
  paretoNbdProbabilityAlive,
} from "./formulas.js";
import { finitePrediction, readHistoryFor, readHorizon, readModel } from "./modelCommon.js";
import type { DiscretePurchaseHistory, PurchaseHistory, PurchaseModelSpec } from "./types.js";

const KINDS = ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"] as const;

/**
 * Expected number of purchases in the next `t` time units, (T, T + t], of a customer with
 * the given history (lifetimes' `conditional_expected_number_of_purchases_up_to_time`,
 * CLVTools' CET):
 * - BG/NBD: FHL 2005 eq. 10; MBG/NBD: Batislam et al. 2007. The 2F1 term is evaluated
 *   after Euler's transformation, so it stays finite for thousands of purchases.
 * - Pareto/NBD: (r+x)(beta+T)/((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)
 *   (Schmittlein et al. 1987), with the s = 1 limit.
 * - BG/BB: FHS 2010 eq. 13, `t` counted in purchase opportunities.
 *
 * @param model - A fitted purchase model (or its JSON).
 * @param customer - The customer's history in the fit's time unit.
 * @param t - Length of the prediction window (>= 0; an integer under BG/BB).
 * @returns The expected number of purchases (>= 0).
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad model, history or `t`;
 *   `NOT_CONVERGED` if the 2F1 series gives up (t many orders beyond alpha).
 *
 * @example
 * conditionalExpectedPurchases({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }, { frequency: 2, recency: 30.43, T: 38.86 }, 39)
 * // => 1.226
 */
export function conditionalExpectedPurchases(
  model: PurchaseModelSpec,
  customer: PurchaseHistory | DiscretePurchaseHistory,
  t: number,
): number {
  const fn = "conditionalExpectedPurchases";
  const m = readModel(fn, "model", model, KINDS);
  const h = readHistoryFor(fn, m.model, customer);
  const horizon = readHorizon(fn, m.model, t);
  return finitePrediction(fn, conditionalExpected(m, h.x, h.tx, h.T, horizon));
}

/** Dispatch on the model kind, with validated inputs. @internal */
export function conditionalExpected(m: PurchaseModelSpec, x: number, tx: number, T: number, t: number): number {
  switch (m.model) {
    case "bg-nbd":
      return bgFamilyConditionalExpected(m.params, false, x, tx, T, t);
    case "mbg-nbd":
      return bgFamilyConditionalExpected(m.params, true, x, tx, T, t);
    case "pareto-nbd":
      return paretoNbdConditionalExpected(m.params, x, tx, T, t);
    default:
      return bgBbConditionalExpected(m.params, x, tx, T, t);
  }
}

/**
 * Expected purchases in (T, T + t] for several horizons of one customer, computing the
 * history-dependent part (P(alive), the BG/BB likelihood) once. @internal
 */
export function conditionalExpectedMany(m: PurchaseModelSpec, x: number, tx: number, T: number, times: readonly number[]): number[] {
  switch (m.model) {
    case "bg-nbd": {
      const alive = bgNbdProbabilityAlive(m.params, x, tx, T);
      return times.map((t) => bgFamilyConditionalExpected(m.params, false, x, tx, T, t, alive));
    }
    case "mbg-nbd": {
      const alive = mbgNbdProbabilityAlive(m.params, x, tx, T);
      return times.map((t) => bgFamilyConditionalExpected(m.params, true, x, tx, T, t, alive));
    }
    case "pareto-nbd": {
      const alive = paretoNbdProbabilityAlive(m.params, x, tx, T);
      return times.map((t) => paretoNbdConditionalExpected(m.params, x, tx, T, t, alive));
    }
    default: {
      const ll = bgBbLogLikelihoodOne(m.params, x, tx, T);
      return times.map((t) => bgBbConditionalExpected(m.params, x, tx, T, t, ll));
    }
  }
}
