import { invalidInput } from "../core/errors.js";
import { toAmount } from "../core/money.js";
import { ratio, requireRecord, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { MoneyInput } from "../core/options.js";

/** Input of {@link ltvToCac}. */
export interface LtvToCacInput {
  /** Customer lifetime value (gross-margin based, in the same currency and unit as `cac`). */
  readonly ltv: MoneyInput;
  /** Customer acquisition cost (>= 0). */
  readonly cac: MoneyInput;
}

/** Options of {@link ltvToCac}. */
export interface LtvToCacOptions {
  /**
   * Ratio a healthy business should reach (Skok and ChartMogul: LTV at least 3 × CAC).
   * @defaultValue `3`
   */
  readonly benchmark?: number;
}

/** Result of {@link ltvToCac}. */
export interface LtvToCacResult {
  /** `ltv / cac`; `null` when CAC is 0. */
  readonly ratio: number | null;
  /** Whether `ratio >= benchmark`; `null` when the ratio is `null`. */
  readonly meetsBenchmark: boolean | null;
  readonly benchmark: number;
  readonly ltv: number;
  readonly cac: number;
}

/**
 * LTV:CAC ratio: what a customer is worth over their lifetime for each unit of money spent
 * acquiring them. The rule of thumb (Skok; ChartMogul) is a ratio of at least 3. LTV must
 * be margin-based and in the same currency as CAC; the function does not convert.
 *
 * @param input - LTV and CAC.
 * @param options - The benchmark ratio.
 * @returns The ratio (`null` when CAC is 0) and whether it meets the benchmark.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a non-finite LTV or a negative or
 *   non-finite CAC; `INVALID_OPTION` for a benchmark that is not a finite number > 0.
 *
 * @example
 * ltvToCac({ ltv: 3600, cac: 1200 })
 * // => { ratio: 3, meetsBenchmark: true }
 */
export function ltvToCac(input: LtvToCacInput, options?: LtvToCacOptions): LtvToCacResult {
  const fn = "ltvToCac";
  const opts = resolveOptions(fn, options);
  const benchmark = resolveNumberOption(fn, "benchmark", opts.benchmark, 3, { min: 0, minExclusive: true });
  const r = requireRecord(fn, "input", input);
  const ltv = toAmount(fn, "input.ltv", r["ltv"]);
  const cacValue = toAmount(fn, "input.cac", r["cac"]);
  if (cacValue < 0) invalidInput(fn, "input.cac", "must be >= 0", r["cac"]);
  const value = ratio(ltv, cacValue);
  return { ratio: value, meetsBenchmark: value === null ? null : value >= benchmark, benchmark, ltv, cac: cacValue };
}
