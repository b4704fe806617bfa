import { invalidInput } from "../core/errors.js";
import { isRecord, readNumber } from "../core/validate.js";
import { readModel } from "./modelCommon.js";
import type { GammaGammaSpec, GammaGammaParams } from "./types.js";

/** A customer's spend record for {@link conditionalExpectedSpend}. */
export interface SpendRecord {
  /** Number of repeat purchases x (integer >= 0). */
  readonly frequency: number;
  /** Mean value of the repeat purchases (>= 0; ignored when `frequency` is 0). */
  readonly monetaryValue: number;
}

/**
 * Expected value of a customer's future transactions under a fitted Gamma-Gamma model
 * (Fader & Hardie 2013 eq. 5; lifetimes' `conditional_expected_average_profit`): a
 * weighted mean of the population mean p gamma / (q - 1) and the customer's own mean,
 * E[M | x, m] = (p gamma + p x m) / (p x + q - 1). A customer without repeat purchases
 * gets the population mean.
 *
 * @param spendModel - A model from `fitGammaGamma` (or its JSON).
 * @param customer - `{ frequency, monetaryValue }`.
 * @returns The expected value per transaction.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad model or record, or when the
 *   population mean is needed (`frequency` 0) and q <= 1 makes it undefined.
 *
 * @example
 * conditionalExpectedSpend({ model: "gamma-gamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } }, { frequency: 2, monetaryValue: 22.35 })
 * // => 24.66
 */
export function conditionalExpectedSpend(spendModel: GammaGammaSpec, customer: SpendRecord): number {
  const fn = "conditionalExpectedSpend";
  const m = readModel(fn, "spendModel", spendModel, ["gamma-gamma"] as const);
  if (!isRecord(customer)) return invalidInput(fn, "customer", "must be an object with frequency and monetaryValue", customer);
  const x = readNumber(fn, "customer.frequency", customer.frequency, { min: 0, integer: true });
  const mean = x === 0 ? 0 : readNumber(fn, "customer.monetaryValue", customer.monetaryValue, { min: 0 });
  return expectedSpend(fn, m.params, x, mean);
}

/** E[M | x, m] with validated inputs; throws when the population mean is undefined. @internal */
export function expectedSpend(fn: string, params: GammaGammaParams, x: number, mean: number): number {
  const { p, q, gamma } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    invalidInput(fn, "spendModel.params.q", "must be > 1 to predict the spend of a customer without repeat purchases", q);
  }
  // Divided through by x so that a huge frequency (p * x overflowing) still gives the mean.
  return x === 0 ? (p * gamma) / denominator : (p * gamma / x + p * mean) / (p + (q - 1) / x);
}
