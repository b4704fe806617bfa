import { hyp2f1 } from "../core/stats/hyp2f1.js";
import { logBeta } from "../core/stats/special.js";
import { resolveNumberOption, resolveOptions } from "../core/validate.js";
import { finitePrediction, readModel } from "./modelCommon.js";
import type { ShiftedBetaGeometricSpec } from "./types.js";

/** Options of {@link sbgExpectedResidualLifetime}. */
export interface SbgExpectedResidualLifetimeOptions {
  /**
   * Renewals the customer has already made (0 for a customer who has just made the first
   * payment).
   * @defaultValue `0`
   */
  readonly renewals?: number;
  /**
   * Discount rate per period (0.1 = 10 % per period); 0 gives the undiscounted expected
   * number of future payments, which is finite only when alpha > 1.
   * @defaultValue `0.1`
   */
  readonly discountRate?: number;
}

/**
 * Discounted expected residual lifetime (DERL) of an active customer under the
 * shifted-beta-geometric model (Fader & Hardie 2010, "Customer-Base Valuation in a
 * Contractual Setting: The Perils of Ignoring Heterogeneity", eq. 6): the expected present
 * value of the customer's future payments, counted in payments of 1, for a customer who
 * has made `renewals` renewals and is about to decide on the next:
 * DERL = B(alpha, beta + n + 1) / B(alpha, beta + n) * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d)),
 * n = renewals. The first future payment is discounted by one period less than its
 * period index, as in the paper. Multiply by the payment per period for the discounted
 * expected residual transactions value (DERT).
 *
 * @param model - A model from `fitShiftedBetaGeometric` (or its JSON).
 * @param options - Renewals made and discount rate.
 * @returns DERL, or `null` when it is infinite (discount rate 0 and alpha <= 1).
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad model; `INVALID_OPTION`.
 *
 * @example
 * sbgExpectedResidualLifetime({ model: "shifted-beta-geometric", params: { alpha: 0.704, beta: 1.182 } }, { renewals: 0, discountRate: 0.1 })
 * // => 2.965
 */
export function sbgExpectedResidualLifetime(
  model: ShiftedBetaGeometricSpec,
  options?: SbgExpectedResidualLifetimeOptions,
): number | null {
  const fn = "sbgExpectedResidualLifetime";
  const m = readModel(fn, "model", model, ["shifted-beta-geometric"] as const);
  const opts = resolveOptions(fn, options);
  const n = resolveNumberOption(fn, "renewals", opts.renewals, 0, { min: 0, integer: true });
  const d = resolveNumberOption(fn, "discountRate", opts.discountRate, 0.1, { min: 0 });
  const { alpha, beta } = m.params;
  if (d === 0) return alpha > 1 ? (beta + n) / (alpha - 1) : null;
  const lead = Math.exp(logBeta(alpha, beta + n + 1) - logBeta(alpha, beta + n));
  return finitePrediction(fn, lead * hyp2f1(1, beta + n + 1, alpha + beta + n + 1, 1 / (1 + d)));
}

