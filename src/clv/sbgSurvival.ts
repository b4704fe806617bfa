import { logBeta } from "../core/stats/special.js";
import { readNumber } from "../core/validate.js";
import { readModel } from "./modelCommon.js";
import type { ShiftedBetaGeometricModel } from "./types.js";

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
 * const model = { model: "shifted-beta-geometric", params: { alpha: 0.704, beta: 1.182 } };
 * sbgSurvival(model, 1)
 * // => 0.6267
 */
export function sbgSurvival(model: ShiftedBetaGeometricModel, t: number): number {
  const fn = "sbgSurvival";
  const m = readModel(fn, "model", model, ["shifted-beta-geometric"] as const);
  const periods = readNumber(fn, "t", t, { min: 0 });
  const { alpha, beta } = m.params;
  return Math.min(1, Math.exp(logBeta(alpha, beta + periods) - logBeta(alpha, beta)));
}
