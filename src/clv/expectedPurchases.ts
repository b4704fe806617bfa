import { bgBbConditionalExpected, bgFamilyConditionalExpected } from "./formulas.js";
import { finitePrediction, readHorizon, readModel } from "./modelCommon.js";
import type { PurchaseModelSpec } from "./types.js";

const KINDS = ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"] as const;

/**
 * Expected number of repeat purchases of a new customer (just acquired, with no history)
 * in their first `t` time units, E[X(t)] (lifetimes' `expected_number_of_purchases_up_to_time`;
 * the first purchase is not counted, unlike CLVTools 0.12's `newcustomer()`):
 * - BG/NBD: (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))] (FHL 2005 eq. 9).
 * - MBG/NBD: b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))].
 * - Pareto/NBD: r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)].
 * - BG/BB: alpha/(alpha+beta) delta/(gamma-1) [1 - Gamma(gamma+delta) Gamma(1+delta+t) /
 *   (Gamma(gamma+delta+t) Gamma(1+delta))] over `t` opportunities (FHS 2010 eq. 9).
 *
 * @param model - A fitted purchase model (or its JSON).
 * @param t - Length of the window in the fit's time unit (>= 0; an integer under BG/BB).
 * @returns E[X(t)] (>= 0).
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad model or `t`; `NOT_CONVERGED` if
 *   the 2F1 series gives up (t many orders beyond alpha).
 *
 * @example
 * // The CDNOW parameters as printed by FHL 2005 (the fit's full precision gives 1.858).
 * expectedPurchases({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }, 78)
 * // => 1.861
 */
export function expectedPurchases(model: PurchaseModelSpec, t: number): number {
  const fn = "expectedPurchases";
  const m = readModel(fn, "model", model, KINDS);
  const horizon = readHorizon(fn, m.model, t);
  return finitePrediction(fn, newCustomerExpected(m, horizon));
}

function newCustomerExpected(m: PurchaseModelSpec, horizon: number): number {
  switch (m.model) {
    case "bg-nbd":
      return bgFamilyConditionalExpected(m.params, false, 0, 0, 0, horizon);
    case "mbg-nbd":
      return bgFamilyConditionalExpected(m.params, true, 0, 0, 0, horizon);
    case "pareto-nbd": {
      const { r, alpha, s, beta } = m.params;
      if (horizon === 0) return 0;
      const L = Math.log1p(horizon / beta);
      const k = s - 1;
      const integral = Math.abs(k * L) < 1e-12 ? L : -Math.expm1(-k * L) / k;
      return ((r * beta) / alpha) * integral;
    }
    default:
      return bgBbConditionalExpected(m.params, 0, 0, 0, horizon);
  }
}
