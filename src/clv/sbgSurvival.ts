import { logGamma } from "../core/stats/special.js";
import { readNumber } from "../core/validate.js";
import { readModel } from "./modelCommon.js";
import type { ShiftedBetaGeometricSpec } from "./types.js";

/**
 * Share of a cohort still active after `t` periods under the shifted-beta-geometric model
 * (Fader & Hardie 2007 eq. 4): S(t) = B(alpha, beta + t) / B(alpha, beta), computed in log
 * space. S(0) = 1.
 *
 * @param model - A model from `fitShiftedBetaGeometric` (or its JSON).
 * @param t - Periods since acquisition (>= 0).
 * @returns S(t) in [0, 1].
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad model or `t`.
 *
 * @example
 * sbgSurvival({ model: "shifted-beta-geometric", params: { alpha: 0.704, beta: 1.182 } }, 1)
 * // => 0.6267
 */
export function sbgSurvival(model: ShiftedBetaGeometricSpec, t: number): number {
  const fn = "sbgSurvival";
  const m = readModel(fn, "model", model, ["shifted-beta-geometric"] as const);
  const periods = readNumber(fn, "t", t, { min: 0 });
  const { alpha, beta } = m.params;
  // B(alpha, beta + t) / B(alpha, beta) as two log-gamma differences, so that a huge
  // parameter (log-gamma overflowing) still gives a number instead of NaN.
  return Math.min(1, Math.exp(logGammaShift(beta, periods) - logGammaShift(alpha + beta, periods)));
}

/** log Gamma(x + t) - log Gamma(x); for x beyond 1e15 its limit t log x (relative error below t^2 / x). */
function logGammaShift(x: number, t: number): number {
  return x > 1e15 ? t * Math.log(x) : logGamma(x + t) - logGamma(x);
}
