import { invalidInput } from "../core/errors.js";
import { toAmount } from "../core/money.js";
import { readNumber, requireRecord } from "../core/validate.js";
import type { MoneyInput } from "../core/options.js";

/** Input of {@link cacPayback}. */
export interface CacPaybackInput {
  /** Customer acquisition cost (>= 0), e.g. `cac(...).cac`. */
  readonly cac: MoneyInput;
  /**
   * Revenue one new customer brings per period (new MRR per new customer for monthly
   * payback, ARPA). The period unit of the result is the unit of this figure.
   */
  readonly revenuePerCustomerPerPeriod: MoneyInput;
  /**
   * Gross margin as a fraction (at most 1; may be negative). When omitted the result is
   * "revenue payback" (margin 1), as Skok warns.
   * @defaultValue `1`
   */
  readonly grossMargin?: number;
}

/** Result of {@link cacPayback}. */
export interface CacPaybackResult {
  /**
   * Periods to recover CAC: `cac / (revenuePerCustomerPerPeriod × grossMargin)`; `null`
   * when that margin revenue is 0 or negative (never paid back).
   */
  readonly periods: number | null;
  /** Gross-margin revenue per customer and period. */
  readonly marginPerCustomerPerPeriod: number;
  readonly cac: number;
  readonly revenuePerCustomerPerPeriod: number;
  readonly grossMargin: number;
}

/**
 * CAC payback period (Skok, Finmark): the number of periods of gross-margin revenue of a
 * new customer needed to earn back what acquiring the customer cost,
 * `cac / (revenue per customer per period × gross margin)`. Expansion and churn are not
 * modelled, as in the anchors.
 *
 * @param input - CAC, revenue per customer per period, and gross margin.
 * @returns The payback in periods (fractional), `null` when the margin revenue is not positive.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a negative or non-finite CAC, a
 *   non-finite revenue, or a gross margin that is not a finite number <= 1.
 *
 * @example
 * cacPayback({ cac: 1200, revenuePerCustomerPerPeriod: 100, grossMargin: 0.8 }).periods
 * // => 15
 * @example
 * cacPayback({ cac: 1200, revenuePerCustomerPerPeriod: 0 }).periods
 * // => null
 */
export function cacPayback(input: CacPaybackInput): CacPaybackResult {
  const fn = "cacPayback";
  const r = requireRecord(fn, "input", input);
  const cacValue = toAmount(fn, "input.cac", r["cac"]);
  if (cacValue < 0) invalidInput(fn, "input.cac", "must be >= 0", r["cac"]);
  const revenue = toAmount(fn, "input.revenuePerCustomerPerPeriod", r["revenuePerCustomerPerPeriod"]);
  const grossMargin = r["grossMargin"] === undefined ? 1 : readNumber(fn, "input.grossMargin", r["grossMargin"], { max: 1 });
  const margin = revenue * grossMargin;
  const marginPerCustomerPerPeriod = margin === 0 ? 0 : margin;
  const periods = margin > 0 ? cacValue / margin : null;
  return { periods: periods === 0 ? 0 : periods, marginPerCustomerPerPeriod, cac: cacValue, revenuePerCustomerPerPeriod: revenue, grossMargin };
}
