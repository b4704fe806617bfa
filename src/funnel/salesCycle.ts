import { UNIT_MS, resolveTimeZone } from "../core/time.js";
import { quantileSorted } from "../core/stats/descriptive.js";
import { resolveEnum, resolveOptions } from "../core/validate.js";
import type { Deal } from "../models/deal.js";
import { dealGroupKey, type DaysSummary, type DealRow, groupDeals, readDeals, resolveDealGroupBy } from "./deals.js";
import type { TimeZoneOptions } from "../core/options.js";

/** Options of {@link salesCycle}. */
export interface SalesCycleOptions extends TimeZoneOptions {
  /**
   * Which closed deals are measured: `"won"` (the usual sales cycle) or `"closed"` (won and
   * lost).
   * @defaultValue `"won"`
   */
  readonly include?: "won" | "closed";
  /**
   * Also summarise per owner, per segment, or per key returned by a function of the deal.
   * @defaultValue none
   */
  readonly groupBy?: "owner" | "segment" | ((deal: Deal) => string | null | undefined);
}

/** One group of a {@link SalesCycleResult}. */
export interface SalesCycleGroup extends DaysSummary {
  /** Owner, segment or key; `null` for deals without one. */
  readonly key: string | null;
}

/** Result of {@link salesCycle}. */
export interface SalesCycleResult extends DaysSummary {
  /** Which deals were measured. */
  readonly include: "won" | "closed";
  /** Per group (keys ascending, `null` last); `null` without `groupBy`. */
  readonly groups: readonly SalesCycleGroup[] | null;
}

/**
 * Sales cycle length: elapsed days (24-hour days, fractional) from a deal's `createdAt` to
 * its `closedAt`, over won deals (or all closed deals), summarised by the median (the
 * headline), mean, 90th percentile (linear interpolation, type 7), minimum and maximum.
 *
 * @param deals - `Deal` records; closed ones need `closedAt`.
 * @param options - Which deals, grouping, and the time zone of dates without an offset.
 * @returns `n` and the statistics in days; `null` statistics when no deal qualifies.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a duplicate id, bad fields, a deal closed
 *   before it was created or a closed deal without `closedAt`; `INVALID_OPTION` for a bad option.
 *
 * @example
 * salesCycle([
 *   { id: "a", stage: "won", status: "won", amount: 100, createdAt: "2024-01-01", closedAt: "2024-01-11" },
 *   { id: "b", stage: "won", status: "won", amount: 100, createdAt: "2024-01-01", closedAt: "2024-01-31" },
 *   { id: "c", stage: "lost", status: "lost", amount: 100, createdAt: "2024-01-01", closedAt: "2024-01-03" },
 * ]).medianDays
 * // => 20
 * @example
 * salesCycle([
 *   { id: "a", stage: "won", status: "won", amount: 100, createdAt: "2024-01-01", closedAt: "2024-01-11" },
 *   { id: "c", stage: "lost", status: "lost", amount: 100, createdAt: "2024-01-01", closedAt: "2024-01-03" },
 * ], { include: "closed" }).meanDays
 * // => 6
 */
export function salesCycle(deals: Iterable<Deal>, options?: SalesCycleOptions): SalesCycleResult {
  const fn = "salesCycle";
  const opts = resolveOptions(fn, options);
  const zone = resolveTimeZone(fn, opts.timeZone);
  const include = resolveEnum(fn, "include", opts.include, ["won", "closed"], "won");
  const groupBy = resolveDealGroupBy(fn, opts.groupBy);
  const rows = readDeals(fn, deals, zone, true).filter((r) => (include === "won" ? r.status === "won" : r.status !== "open"));
  let groups: SalesCycleGroup[] | null = null;
  if (groupBy !== null) {
    groups = groupDeals(rows, (r) => dealGroupKey(fn, r, groupBy)).map((g) => ({ key: g.key, ...summarizeDays(g.rows) }));
  }
  return { include, ...summarizeDays(rows), groups };
}

function summarizeDays(rows: readonly DealRow[]): DaysSummary {
  const days = Float64Array.from(rows, (r) => (r.closedAt! - r.createdAt) / UNIT_MS.day).sort();
  const n = days.length;
  if (n === 0) return { n: 0, medianDays: null, meanDays: null, p90Days: null, minDays: null, maxDays: null };
  let sum = 0;
  for (const d of days) sum += d;
  return {
    n,
    medianDays: quantileSorted(days, 0.5),
    meanDays: sum / n,
    p90Days: quantileSorted(days, 0.9),
    minDays: days[0]!,
    maxDays: days[n - 1]!,
  };
}
