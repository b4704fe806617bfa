import { CrmMetricsError, invalidInput, recordPath } from "../core/errors.js";
import { logBeta } from "../core/stats/special.js";
import { readNumber, toArray } from "../core/validate.js";
import { fitLogParameters, modelInfo, resolveFitOptions } from "./fitCommon.js";
import type { ClvFitOptions, ShiftedBetaGeometricModel, ShiftedBetaGeometricParams } from "./types.js";

/** Options of {@link fitShiftedBetaGeometric}. */
export interface FitShiftedBetaGeometricOptions extends ClvFitOptions {}

/**
 * Fit the shifted-beta-geometric model (Fader & Hardie 2007, "How to Project Customer
 * Retention") to a contractual cohort: each customer churns at every renewal with a
 * constant probability theta, and theta is beta(alpha, beta) across customers, so the
 * cohort's retention rate rises over time. The input is the number of customers still
 * active at the start of period 0, 1, ..., T; the likelihood is
 * sum_t (n_{t-1} - n_t) log P(churn at t) + n_T log S(T) with
 * P(churn at t) = B(alpha+1, beta+t-1)/B(alpha,beta) and S(t) = B(alpha, beta+t)/B(alpha,beta).
 *
 * @param survivors - Active customers at the start of each period, from period 0 (the
 *   cohort size); non-negative and non-increasing, at least two values.
 * @param options - Penalty, iteration cap, convergence policy, time-unit label.
 * @returns The fitted model; `n` is the cohort size.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a negative, non-finite or increasing
 *   count, `INSUFFICIENT_DATA` with fewer than two periods or no churn and no survivors.
 *
 * @example
 * const model = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
 * [model.params.alpha, model.params.beta]
 * // => [0.704, 1.182]
 */
export function fitShiftedBetaGeometric(
  survivors: Iterable<number>,
  options?: FitShiftedBetaGeometricOptions,
): ShiftedBetaGeometricModel {
  const fn = "fitShiftedBetaGeometric";
  const opts = resolveFitOptions(fn, options);
  const counts = toArray<unknown>(fn, "survivors", survivors).map((v, i) =>
    readNumber(fn, recordPath("survivors", i), v, { min: 0 }),
  );
  if (counts.length < 2) {
    throw new CrmMetricsError("INSUFFICIENT_DATA", `${fn}: survivors must hold at least two periods, got ${counts.length}`, "survivors");
  }
  for (let i = 1; i < counts.length; i++) {
    if (counts[i]! > counts[i - 1]!) invalidInput(fn, recordPath("survivors", i), `must be <= the previous count (${counts[i - 1]})`, counts[i]);
  }
  const n0 = counts[0]!;
  const last = counts[counts.length - 1]!;
  if (n0 === 0 || last === n0) {
    throw new CrmMetricsError("INSUFFICIENT_DATA", `${fn}: survivors must show some churn in a non-empty cohort`, "survivors");
  }
  const T = counts.length - 1;
  const logLik = (theta: readonly number[]): number => {
    const [alpha, beta] = theta as [number, number];
    const lab = logBeta(alpha, beta);
    let ll = 0;
    for (let t = 1; t <= T; t++) {
      const churned = counts[t - 1]! - counts[t]!;
      if (churned > 0) ll += churned * (logBeta(alpha + 1, beta + t - 1) - lab);
    }
    if (last > 0) ll += last * (logBeta(alpha, beta + T) - lab);
    return Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
  };
  const outcome = fitLogParameters<ShiftedBetaGeometricParams>(fn, ["alpha", "beta"], [1, 1], logLik, false, n0, opts);
  return { model: "shifted-beta-geometric", ...modelInfo(outcome, n0, T, opts) };
}
