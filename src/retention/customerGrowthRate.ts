import type { PeriodUnit } from "../core/options.js";
import { ratio } from "../core/validate.js";
import { computeChurn, periodCounts, type ChurnRateOptions, type ChurnRatePeriod } from "./churnRate.js";
import type { RetentionInput } from "./spells.js";

/** Options of {@link customerGrowthRate}: those of {@link churnRate} except `method` and `trailing`. */
export type CustomerGrowthRateOptions = Omit<ChurnRateOptions, "method" | "trailing">;

/** One period of {@link CustomerGrowthRateResult}: the counts of {@link ChurnRatePeriod} and the growth rate. */
export interface CustomerGrowthRatePeriod
  extends Pick<
    ChurnRatePeriod,
    "periodStart" | "periodEnd" | "label" | "complete" | "startCount" | "endCount" | "newCount" | "reactivatedCount" | "lostCount"
  > {
  /** (endCount − startCount) / startCount; `null` when startCount is 0. */
  readonly rate: number | null;
}

/** Result of {@link customerGrowthRate}. */
export interface CustomerGrowthRateResult {
  readonly inputKind: "subscriptions" | "activity";
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly asOf: string | null;
  readonly customers: number;
  readonly periods: readonly CustomerGrowthRatePeriod[];
}

/**
 * Customer growth rate per period: (customers at the end − customers at the start) /
 * customers at the start, with customers counted as in {@link churnRate} (subscriptions, or
 * activity with an inactivity rule). Negative when the base shrinks; `null` when the period
 * started with no customers.
 *
 * @param input - `Subscription` records, or activity records with `customerId` and `occurredAt`.
 * @param options - Period, time zone, inactivity rule, range and `asOf`.
 * @returns One entry per period with the counts and the rate.
 * @throws {CrmMetricsError} As {@link churnRate}.
 *
 * @example
 * const subscriptions = [
 *   { customerId: "a", startedAt: "2024-01-05", mrr: 10 },
 *   { customerId: "b", startedAt: "2024-01-10", endedAt: "2024-02-10", mrr: 10 },
 *   { customerId: "c", startedAt: "2024-02-03", mrr: 10 },
 *   { customerId: "d", startedAt: "2024-02-13", mrr: 10 },
 * ];
 * customerGrowthRate(subscriptions, { asOf: "2024-03-01" }).periods.map((p) => p.rate)
 * // => [null, 0.5, 0]
 */
export function customerGrowthRate(input: RetentionInput, options?: CustomerGrowthRateOptions): CustomerGrowthRateResult {
  const c = computeChurn("customerGrowthRate", input, options);
  return {
    inputKind: c.inputKind,
    period: c.period,
    timeZone: c.timeZone,
    asOf: c.asOf,
    customers: c.customers,
    periods: c.periods.map((p) => ({
      ...periodCounts(p),
      lostCount: p.lostCount,
      rate: ratio(p.endCount - p.startCount, p.startCount),
    })),
  };
}
