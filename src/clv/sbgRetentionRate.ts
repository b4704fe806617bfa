import { readNumber } from "../core/validate.js";
import { readModel } from "./modelCommon.js";
import type { ShiftedBetaGeometricSpec } from "./types.js";

/**
 * Retention rate of period `t` under the shifted-beta-geometric model: the share of the
 * customers active in period t - 1 who renew for period t,
 * r_t = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1) (Fader & Hardie 2007
 * eq. 6). It rises with t: the customers who churn easily leave first.
 *
 * @param model - A model from `fitShiftedBetaGeometric` (or its JSON).
 * @param t - Period (integer >= 1).
 * @returns r_t in [0, 1].
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad model or `t`.
 *
 * @example
 * [1, 2].map((t) => sbgRetentionRate({ model: "shifted-beta-geometric", params: { alpha: 0.704, beta: 1.182 } }, t))
 * // => [0.6267, 0.7561]
 */
export function sbgRetentionRate(model: ShiftedBetaGeometricSpec, t: number): number {
  const fn = "sbgRetentionRate";
  const m = readModel(fn, "model", model, ["shifted-beta-geometric"] as const);
  const period = readNumber(fn, "t", t, { min: 1, integer: true });
  const { alpha, beta } = m.params;
  return (beta + period - 1) / (alpha + beta + period - 1);
}
