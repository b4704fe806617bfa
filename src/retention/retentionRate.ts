import { computeChurn, periodCounts, type ChurnRateOptions, type ChurnRateResult } from "./churnRate.js";
import type { PeriodInfo } from "../core/trend.js";
import type { RetentionInput } from "./spells.js";

/** Options of {@link retentionRate}: the same as {@link ChurnRateOptions}. */
export type RetentionRateOptions = ChurnRateOptions;

/** One period of a {@link RetentionRateResult}. */
export interface RetentionRatePeriod extends PeriodInfo {
  /** Whether the period ended by `asOf`. */
  readonly complete: boolean;
  /** Customers at the start of the period. */
  readonly startCount: number;
  /** Customers at its end. */
  readonly endCount: number;
  /** Customers whose first spell began in the period. */
  readonly newCount: number;
  /** Former customers who came back in the period. */
  readonly reactivatedCount: number;
  /** Customers at both the start and the end: `endCount` minus those who arrived in the period. */
  readonly retainedCount: number;
  /** The retention rate: `retainedCount / startCount` for `"chartmogul-standard"`, else 1 − the method's churn rate; `null` when the churn rate is. */
  readonly rate: number | null;
}

/** Result of {@link retentionRate}: as {@link ChurnRateResult}, with retention periods. */
export interface RetentionRateResult extends Omit<ChurnRateResult, "periods"> {
  /** Periods in ascending order. */
  readonly periods: readonly RetentionRatePeriod[];
}

/**
 * Customer retention rate per calendar period: (customers at the end − customers who
 * arrived in the period) / customers at the start, that is the share of the period's
 * starting customers still customers at its end (ChartMogul's standard definition, the
 * complement of its churn rate). With another `method`, the rate is 1 − that method's
 * churn rate. Same input and options as {@link churnRate}.
 *
 * @param input - `Subscription` records, or activity records with `customerId` and `occurredAt`.
 * @param options - Method, period, time zone, inactivity rule, range and `asOf`.
 * @returns One entry per period; `rate` is `null` when no customer was active at the start.
 * @throws {CrmMetricsError} As {@link churnRate}.
 *
 * @example
 * const orders = [
 *   { customerId: "a", occurredAt: "2024-01-10" },
 *   { customerId: "b", occurredAt: "2024-01-20" },
 *   { customerId: "b", occurredAt: "2024-02-15" },
 *   { customerId: "c", occurredAt: "2024-03-01" },
 * ];
 * retentionRate(orders, { inactiveAfter: { days: 30 }, asOf: "2024-03-31" }).periods.map((p) => p.rate)
 * // => [null, 0.5, 0]
 */
export function retentionRate(input: RetentionInput, options?: RetentionRateOptions): RetentionRateResult {
  const churn = computeChurn("retentionRate", input, options);
  return {
    ...churn,
    periods: churn.periods.map((p) => ({
      ...periodCounts(p),
      retainedCount: p.startCount - p.lostCount,
      rate: p.rate === null ? null : clean(1 - p.rate),
    })),
  };
}

function clean(x: number): number {
  return x === 0 ? 0 : x;
}
