import type { ConfidenceInterval, ConfidenceOptions, PeriodOptions } from "../core/options.js";
import { MoneySum } from "../core/money.js";
import { wilsonInterval } from "../core/stats/intervals.js";
import { resolvePeriod, resolveTimeZone, resolveWeekStartsOn } from "../core/time.js";
import { groupByPeriod, periodInfo, type PeriodInfo } from "../core/trend.js";
import { ratio, resolveLevel, resolveOptions } from "../core/validate.js";
import type { Deal } from "../models/deal.js";
import { dealGroupKey, type DealRow, groupDeals, readDeals, resolveDealGroupBy } from "./deals.js";

/** Options of {@link winRate}. */
export interface WinRateOptions extends Omit<PeriodOptions, "period">, ConfidenceOptions {
  /**
   * Also give the win rate per calendar period of `closedAt` (in `timeZone`).
   * @defaultValue none (no per-period rows)
   */
  readonly period?: PeriodOptions["period"];
  /**
   * Also give the win rate per owner, per segment, or per key returned by a function of
   * the deal (a missing key makes its own `null` group).
   * @defaultValue none
   */
  readonly groupBy?: "owner" | "segment" | ((deal: Deal) => string | null | undefined);
}

/** Win-rate counts of a set of closed deals. */
export interface WinRateCounts {
  /** Deals won. */
  readonly won: number;
  /** Deals lost. */
  readonly lost: number;
  /** `won + lost`. */
  readonly closed: number;
  /** `won / closed`; `null` when nothing closed. */
  readonly winRate: number | null;
  /** Wilson score interval of `winRate`; `null` when nothing closed. */
  readonly confidenceInterval: ConfidenceInterval | null;
  /** Sum of the amounts of the won deals (exact). */
  readonly wonAmount: number;
  /** Sum of the amounts of the closed deals (exact). */
  readonly closedAmount: number;
  /** Value win rate `wonAmount / closedAmount`; `null` when `closedAmount` is 0. */
  readonly valueWinRate: number | null;
}

/** One period of a {@link WinRateResult}. */
export interface WinRatePeriod extends PeriodInfo, WinRateCounts {}

/** One group of a {@link WinRateResult}. */
export interface WinRateGroup extends WinRateCounts {
  /** Owner, segment or key; `null` for deals without one. */
  readonly key: string | null;
}

/** Result of {@link winRate}. */
export interface WinRateResult extends WinRateCounts {
  /** Open deals (not in any rate). */
  readonly open: number;
  /** Per period of `closedAt`, ascending, without empty periods; `null` without `period`. */
  readonly periods: readonly WinRatePeriod[] | null;
  /** Per group, keys ascending and the `null` group last; `null` without `groupBy`. */
  readonly groups: readonly WinRateGroup[] | null;
}

/**
 * Win rate of closed deals: won / (won + lost), as HubSpot and Salesforce report it,
 * overall, per period of the close date and per owner or segment, with a Wilson score
 * interval and the value-weighted rate. Open deals are counted but excluded.
 *
 * @param deals - `Deal` records; closed ones need `closedAt`.
 * @param options - Period, time zone, grouping and confidence level.
 * @returns Counts, rates and intervals; rates are `null` when nothing closed.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a duplicate id, a bad status, amount,
 *   date or probability, a deal closed before it was created, or a closed deal without
 *   `closedAt`; `INVALID_OPTION` for a bad option.
 *
 * @example
 * winRate([
 *   { id: 1, stage: "won", status: "won", amount: 100, createdAt: "2024-01-02", closedAt: "2024-01-20" },
 *   { id: 2, stage: "lost", status: "lost", amount: 300, createdAt: "2024-01-05", closedAt: "2024-02-01" },
 *   { id: 3, stage: "demo", status: "open", amount: 50, createdAt: "2024-01-09" },
 *   { id: 4, stage: "won", status: "won", amount: 100, createdAt: "2024-01-10", closedAt: "2024-02-11" },
 * ]).winRate
 * // => 0.6667
 * @example
 * winRate([
 *   { id: 1, stage: "won", status: "won", amount: 100, createdAt: "2024-01-02", closedAt: "2024-01-20" },
 *   { id: 2, stage: "lost", status: "lost", amount: 300, createdAt: "2024-01-05", closedAt: "2024-02-01" },
 * ], { period: "month" }).periods?.map((p) => p.winRate)
 * // => [1, 0]
 */
export function winRate(deals: Iterable<Deal>, options?: WinRateOptions): WinRateResult {
  const fn = "winRate";
  const opts = resolveOptions(fn, options);
  const zone = resolveTimeZone(fn, opts.timeZone);
  const level = resolveLevel(fn, opts.level);
  const period = opts.period === undefined ? null : resolvePeriod(fn, opts.period);
  const weekStartsOn = resolveWeekStartsOn(fn, opts.weekStartsOn);
  const groupBy = resolveDealGroupBy(fn, opts.groupBy);
  const rows = readDeals(fn, deals, zone, true);
  const closed = rows.filter((r) => r.status !== "open");
  const keys = groupBy === null ? null : closed.map((r) => dealGroupKey(fn, r, groupBy));
  const overall = counts(closed, level);
  let periods: WinRatePeriod[] | null = null;
  if (period !== null) {
    const groups = groupByPeriod(
      closed,
      closed.map((r) => r.closedAt!),
      { unit: period, timeZone: zone, weekStartsOn, fillGaps: false },
    );
    periods = groups.map((g) => ({ ...periodInfo(g), ...counts(g.items, level) }));
  }
  let groups: WinRateGroup[] | null = null;
  if (keys !== null) {
    const keyOf = new Map<DealRow, string | null>(closed.map((r, i) => [r, keys[i]!]));
    groups = groupDeals(closed, (r) => keyOf.get(r)!).map((g) => ({ key: g.key, ...counts(g.rows, level) }));
  }
  return { ...overall, open: rows.length - closed.length, periods, groups };
}

function counts(rows: readonly DealRow[], level: number): WinRateCounts {
  let won = 0;
  const wonAmount = new MoneySum();
  const closedAmount = new MoneySum();
  for (const r of rows) {
    closedAmount.add(r.amount);
    if (r.status === "won") {
      won++;
      wonAmount.add(r.amount);
    }
  }
  const closed = rows.length;
  const rate = ratio(won, closed);
  const ci = closed === 0 ? null : { ...wilsonInterval(won, closed, level), level };
  const closedValue = closedAmount.value();
  return {
    won,
    lost: closed - won,
    closed,
    winRate: rate,
    confidenceInterval: ci,
    wonAmount: wonAmount.value(),
    closedAmount: closedValue,
    valueWinRate: closedValue === 0 ? null : ratio(wonAmount.value(), closedValue),
  };
}
