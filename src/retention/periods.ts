// Calendar period grids shared by the retention metrics.
import type { PeriodUnit, WeekDay } from "../core/options.js";
import { addPeriods, isoString, periodLabel, periodStart } from "../core/time.js";
import type { PeriodInfo } from "../core/trend.js";

/** Consecutive calendar periods [boundaries[k], boundaries[k+1]). @internal */
export interface PeriodGrid {
  /** n + 1 boundaries of n periods. */
  readonly boundaries: number[];
  /** Local labels of the n periods. */
  readonly labels: string[];
  /**
   * Per period, the instant its "end" state is read at: the period end, or `asOf + 1 ms`
   * for the period that contains `asOf` (so a record at exactly `asOf` counts).
   */
  readonly evalEnds: number[];
  /** Per period: whether it ended at or before `asOf`. */
  readonly complete: boolean[];
}

/** The periods from the one containing `from` to the one containing `to` (to <= asOf). @internal */
export function buildPeriodGrid(
  from: number,
  to: number,
  asOf: number,
  unit: PeriodUnit,
  timeZone: string,
  weekStartsOn: WeekDay,
): PeriodGrid {
  const boundaries: number[] = [];
  const labels: string[] = [];
  const evalEnds: number[] = [];
  const complete: boolean[] = [];
  if (!(from <= to)) return { boundaries: [], labels, evalEnds, complete };
  let s = periodStart(from, unit, timeZone, weekStartsOn);
  boundaries.push(s);
  while (s <= to) {
    const e = nextPeriodStart(s, unit, timeZone);
    labels.push(periodLabel(s, unit, timeZone));
    complete.push(e <= asOf);
    evalEnds.push(e <= asOf ? e : asOf + 1);
    boundaries.push(e);
    s = e;
  }
  return { boundaries, labels, evalEnds, complete };
}

/** Period info (ISO start, end, label) of period `k` of a grid. @internal */
export function gridPeriodInfo(grid: PeriodGrid, k: number): PeriodInfo {
  return { periodStart: isoString(grid.boundaries[k]!), periodEnd: isoString(grid.boundaries[k + 1]!), label: grid.labels[k]! };
}

const DAY = 86_400_000;

/** Start of the next period: UTC arithmetic in UTC, date-fns in other zones. @internal */
export function nextPeriodStart(start: number, unit: PeriodUnit, timeZone: string): number {
  if (timeZone !== "UTC") return addPeriods(start, unit, 1, timeZone);
  if (unit === "day") return start + DAY;
  if (unit === "week") return start + 7 * DAY;
  const d = new Date(start);
  const months = unit === "month" ? 1 : unit === "quarter" ? 3 : 12;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}
