import { invalidInput, invalidOption } from "../core/errors.js";
import { isRecord, resolveEnum, resolveOptions } from "../core/validate.js";
import { resolveFraction } from "./records.js";

/**
 * Formula of {@link formulaClv}:
 * - `"simple"`: margin x revenue per period / churn rate (Skok; the lifetime is 1 / churn).
 * - `"discounted"`: Gupta & Lehmann's infinite-horizon value with retention r = 1 - churn
 *   and discount rate d per period: margin x revenue x r / (1 + d - r) (payments at the end
 *   of each period, the customer may churn before the first), or
 *   margin x revenue x (1 + d) / (1 + d - r) with `paymentTiming: "start"`.
 * - `"chartmogul"`: ARPA / the mean of the trailing six monthly churn rates (ChartMogul).
 */
export type FormulaClvMethod = "simple" | "discounted" | "chartmogul";

/** Inputs of {@link formulaClv}, all per the same period (month, year...). */
export interface FormulaClvInput {
  /** Revenue per customer per period (ARPA / ARPU), >= 0. */
  readonly revenuePerPeriod: number;
  /** Churn rate per period in [0, 1] (required unless `churnRates` is given). */
  readonly churnRate?: number;
  /**
   * Churn rates of past periods, oldest first, in [0, 1]. `"chartmogul"` averages the
   * last six of them (pass the complete months before the current one); the other methods
   * use their mean when `churnRate` is not given.
   */
  readonly churnRates?: readonly number[];
}

/** Options of {@link formulaClv}. */
export interface FormulaClvOptions {
  /**
   * Formula.
   * @defaultValue `"simple"`, or `"discounted"` when `discountRate` is set
   */
  readonly method?: FormulaClvMethod;
  /**
   * Gross margin in [0, 1] (ChartMogul's formula has none: keep 1 for it).
   * @defaultValue `1`
   */
  readonly margin?: number;
  /**
   * Discount rate per period (>= 0), for `"discounted"`.
   * @defaultValue `0`
   */
  readonly discountRate?: number;
  /**
   * For `"discounted"`: whether a period's payment comes at its end (the first one
   * after a retention event) or at its start (the first one now).
   * @defaultValue `"end"`
   */
  readonly paymentTiming?: "end" | "start";
  /**
   * Number of trailing churn rates that `"chartmogul"` averages.
   * @defaultValue `6`
   */
  readonly trailingPeriods?: number;
}

/** Result of {@link formulaClv}. */
export interface FormulaClvResult {
  /** The lifetime value; `null` when it is unbounded (zero churn without discounting). */
  readonly clv: number | null;
  /** Formula used. */
  readonly method: FormulaClvMethod;
  /** Churn rate used (the mean of the trailing rates for `"chartmogul"`). */
  readonly churnRate: number;
  /** How many churn rates were averaged (1 when `churnRate` was given). */
  readonly churnPeriods: number;
  /** `1 - churnRate`. */
  readonly retentionRate: number;
  /** Expected lifetime in periods, `1 / churnRate`; `null` when churn is 0. */
  readonly expectedLifetimePeriods: number | null;
  /** Revenue per period used. */
  readonly revenuePerPeriod: number;
  /** Margin used. */
  readonly margin: number;
  /** Discount rate used. */
  readonly discountRate: number;
}

/**
 * Customer lifetime value from the unit-economics formulas: the simple `margin x ARPA /
 * churn` (David Skok, "SaaS Metrics 2.0"), its discounted infinite-horizon form
 * `m x r / (1 + d - r)` (Gupta & Lehmann 2003, "Customers as Assets", J. Interactive
 * Marketing 17(1)), and ChartMogul's ARPA over the six-month trailing average churn.
 * All inputs must be per the same period; the value is `null` (not Infinity) when churn is
 * 0 and nothing discounts the future, as ChartMogul reports no LTV then.
 *
 * @param input - Revenue per period and churn (one rate or a history).
 * @param options - Method, margin, discount rate and payment timing.
 * @returns The value with the churn, retention and lifetime it used.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a negative revenue or a churn rate outside
 *   [0, 1]; `INVALID_OPTION` for a bad option.
 *
 * @example
 * formulaClv({ revenuePerPeriod: 100, churnRate: 0.05 }, { margin: 0.8 }).clv
 * // => 1600
 * @example
 * formulaClv({ revenuePerPeriod: 100, churnRate: 0.2 }, { discountRate: 0.1 }).clv
 * // => 266.6667
 * @example
 * formulaClv({ revenuePerPeriod: 50, churnRates: [0.1, 0.02, 0.03, 0.04, 0.05, 0.03, 0.03] }, { method: "chartmogul" }).clv
 * // => 1500
 */
export function formulaClv(input: FormulaClvInput, options?: FormulaClvOptions): FormulaClvResult {
  const fn = "formulaClv";
  const opts = resolveOptions(fn, options);
  if (!isRecord(input)) invalidInput(fn, "input", "must be an object with revenuePerPeriod and churnRate", input);
  const revenue = input.revenuePerPeriod;
  if (typeof revenue !== "number" || !Number.isFinite(revenue) || revenue < 0) {
    invalidInput(fn, "input.revenuePerPeriod", "must be a finite number >= 0", revenue);
  }
  const margin = resolveFraction(fn, "margin", opts.margin, 1);
  const discountRate = opts.discountRate ?? 0;
  if (typeof discountRate !== "number" || !Number.isFinite(discountRate) || discountRate < 0) {
    invalidOption(fn, "discountRate", "must be a finite number >= 0", discountRate);
  }
  const method = resolveEnum<FormulaClvMethod>(
    fn,
    "method",
    opts.method,
    ["simple", "discounted", "chartmogul"],
    opts.discountRate === undefined ? "simple" : "discounted",
  );
  const timing = resolveEnum(fn, "paymentTiming", opts.paymentTiming, ["end", "start"], "end");
  const trailing = opts.trailingPeriods ?? 6;
  if (typeof trailing !== "number" || !Number.isInteger(trailing) || trailing < 1) {
    invalidOption(fn, "trailingPeriods", "must be an integer >= 1", trailing);
  }
  const rates = readRates(fn, input.churnRates);
  let churn: number;
  let churnPeriods = 1;
  const useRates = rates !== null && rates.length > 0 && (method === "chartmogul" || input.churnRate === undefined);
  if (useRates) {
    const used = method === "chartmogul" ? rates.slice(-trailing) : rates;
    churn = used.reduce((s, v) => s + v, 0) / used.length;
    churnPeriods = used.length;
  } else if (input.churnRate === undefined) {
    return invalidInput(fn, "input.churnRate", "is required (or a non-empty input.churnRates)", input.churnRate);
  } else churn = readRate(fn, "input.churnRate", input.churnRate);
  const value = margin * revenue;
  let clv: number | null;
  const retention = 1 - churn;
  if (method === "discounted") {
    const denominator = 1 + discountRate - retention;
    clv = denominator <= 0 ? null : (value * (timing === "end" ? retention : 1 + discountRate)) / denominator;
  } else {
    clv = churn === 0 ? null : value / churn;
  }
  if (clv !== null && !Number.isFinite(clv)) {
    invalidInput(fn, "input.revenuePerPeriod", "must be small enough for the CLV to be a finite number", revenue);
  }
  return {
    clv: clv === 0 ? 0 : clv,
    method,
    churnRate: churn,
    churnPeriods,
    retentionRate: retention,
    expectedLifetimePeriods: churn === 0 ? null : 1 / churn,
    revenuePerPeriod: revenue,
    margin,
    discountRate,
  };
}

function readRate(fn: string, path: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    invalidInput(fn, path, "must be a churn rate from 0 to 1", value);
  }
  return value === 0 ? 0 : value;
}

function readRates(fn: string, value: unknown): number[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) invalidInput(fn, "input.churnRates", "must be an array of churn rates", value);
  return (value as unknown[]).map((v, i) => readRate(fn, `input.churnRates[${i}]`, v));
}
