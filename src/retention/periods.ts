// Calendar period grids shared by the retention metrics.
import type { PeriodUnit, WeekDay } from "../core/options.js";
import {
  isoString,
  periodLabel,
  periodStart,
  resolvePeriod,
  resolveTimeZone,
  resolveWeekStartsOn,
  toTimestampOption,
} from "../core/time.js";
import { checkPeriodCount, type SeriesEnds, type SeriesLimit } from "../core/periodLimit.js";
import { nextPeriodStart, type PeriodInfo } from "../core/trend.js";

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

/** What {@link buildPeriodGrid} needs to name the value at fault when a grid is too long. @internal */
export interface GridLimit extends SeriesLimit {
  /** The range options given, to tell an end set by an option from one set by a record. */
  readonly options: { readonly from?: number | undefined; readonly to?: number | undefined; readonly asOf?: number | undefined };
  /** The earliest and the latest record dates read. */
  readonly records: SeriesEnds;
}

/**
 * The periods from the one containing `from` to the one containing `to` (to <= asOf).
 * More than 100,000 periods (`MAX_PERIODS`) throw before any is built, naming the option
 * (`options.asOf`, `options.from`, `options.to`) or the record that set the far end. @internal
 */
export function buildPeriodGrid(
  from: number,
  to: number,
  asOf: number,
  unit: PeriodUnit,
  timeZone: string,
  weekStartsOn: WeekDay,
  limit: GridLimit,
): PeriodGrid {
  const boundaries: number[] = [];
  const labels: string[] = [];
  const evalEnds: number[] = [];
  const complete: boolean[] = [];
  if (!(from <= to)) return { boundaries: [], labels, evalEnds, complete };
  checkPeriodCount(limit, { unit, timeZone, weekStartsOn }, from, to, (end) => gridEndPath(limit, end, end === "first" ? from : to));
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

/** Path of the value that set a grid's first or last end `at`: the option equal to it, else the record. @internal */
export function gridEndPath(limit: GridLimit, end: "first" | "last", at: number): string {
  const { options } = limit;
  if (end === "first") return options.from === at ? "options.from" : limit.records.path("first");
  if (options.to === at) return "options.to";
  if (options.asOf === at) return "options.asOf";
  return limit.records.path("last");
}

/** Period info (ISO start, end, label) of period `k` of a grid. @internal */
export function gridPeriodInfo(grid: PeriodGrid, k: number): PeriodInfo {
  return { periodStart: isoString(grid.boundaries[k]!), periodEnd: isoString(grid.boundaries[k + 1]!), label: grid.labels[k]! };
}

/** Index of the period of `bounds` that contains `t`: -1 before the first bound, `bounds.length - 1` (one past the last period) at or after the last bound. @internal */
export function periodIndex(bounds: readonly number[], t: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (bounds[m]! <= t) lo = m + 1;
    else hi = m;
  }
  return lo - 1;
}

/** The calendar and range options of a period series, validated. @internal */
export interface SeriesSettings {
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly weekStartsOn: WeekDay;
  readonly asOf: number | undefined;
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/** Validate `period`, `timeZone`, `weekStartsOn`, `asOf`, `from` and `to`. @internal */
export function resolveSeriesOptions(
  fn: string,
  opts: { period?: unknown; timeZone?: unknown; weekStartsOn?: unknown; asOf?: unknown; from?: unknown; to?: unknown },
): SeriesSettings {
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const date = (name: "asOf" | "from" | "to"): number | undefined =>
    opts[name] === undefined ? undefined : toTimestampOption(fn, name, opts[name], timeZone);
  return {
    period: resolvePeriod(fn, opts.period),
    timeZone,
    weekStartsOn: resolveWeekStartsOn(fn, opts.weekStartsOn),
    asOf: date("asOf"),
    from: date("from"),
    to: date("to"),
  }
}
