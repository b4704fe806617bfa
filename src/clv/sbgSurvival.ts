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

/**
 * log Gamma(x + t) - log Gamma(x). Below 100 as the difference of the two log-gammas (each
 * below 400 there, so the difference keeps about 1e-13). From 100 on from Stirling's series
 * of both, with the large terms combined before they can cancel:
 * (x - 1/2) log1p(t / x) + t (log x + log1p(t / x)) - t + s(x + t) - s(x); subtracting the
 * two log-gammas there would lose 1e-16 x log x (e^2 at x = 5e14).
 */
function logGammaShift(x: number, t: number): number {
  if (x < 100) return logGamma(x + t) - logGamma(x);
  const l = Math.log1p(t / x);
  return (x - 0.5) * l + t * (Math.log(x) + l) - t + stirlingTail(x + t) - stirlingTail(x);
}

/** s(z) = log Gamma(z) - [(z - 1/2) log z - z + log(2 pi) / 2] for z >= 100 (next term below 1e-17). */
function stirlingTail(z: number): number {
  const inv = 1 / z;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}
