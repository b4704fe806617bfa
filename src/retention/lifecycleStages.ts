import { SeriesExtent } from "../core/periodLimit.js";
import { invalidInput, recordPath } from "../core/errors.js";
import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit } from "../core/options.js";
import { isoString } from "../core/time.js";
import type { PeriodInfo } from "../core/trend.js";
import { isRecord, ratio, resolveOptions, toArray } from "../core/validate.js";
import { buildPeriodGrid, gridPeriodInfo, periodIndex, resolveSeriesOptions } from "./periods.js";
import type { ActivityRecord } from "../models/activity.js";
import { readCustomerId, readTime } from "./spells.js";

/** Options of {@link lifecycleStages}. */
export interface LifecycleStagesOptions extends PeriodOptions, AsOfOptions {
  /** First period reported (earlier activity still counts as history). @defaultValue the period of the earliest record */
  readonly from?: DateInput;
}

/** One period of {@link LifecycleStagesResult}. */
export interface LifecycleStagesPeriod extends PeriodInfo {
  readonly complete: boolean;
  /** Customers with activity in the period: new + returning + resurrecting. */
  readonly active: number;
  /** Active for the first time ever. */
  readonly new: number;
  /** Active in this period and the previous one. */
  readonly returning: number;
  /** Active now, not in the previous period, and active before that. */
  readonly resurrecting: number;
  /** Active in the previous period but not in this one (PostHog draws them as a negative bar; here a positive count). */
  readonly dormant: number;
  /** Growth accounting quick ratio (new + resurrecting) / dormant; `null` when nobody went dormant. */
  readonly quickRatio: number | null;
}

/** Result of {@link lifecycleStages}. */
export interface LifecycleStagesResult {
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly asOf: string | null;
  /** Distinct customers read. */
  readonly customers: number;
  readonly periods: readonly LifecycleStagesPeriod[];
}

/**
 * PostHog's lifecycle: each period's active customers split into new (first activity
 * ever), returning (also active in the previous period) and resurrecting (back after at
 * least one inactive period), plus the dormant ones (active in the previous period, not in
 * this one). The behavioural analogue of MRR movements: active(k) = active(k−1) + new +
 * resurrecting − dormant.
 *
 * @param events - Activity records with `customerId` and `occurredAt` (transactions, interactions).
 * @param options - Period, time zone, `from` and `asOf`.
 * @returns One entry per period from the first activity (or `from`) to `asOf`.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid id or date;
 *   `INVALID_OPTION` for a bad option. A series of more than 100,000 periods throws `INVALID_INPUT` at the
 *   record that sets its far end (one dated in year 9999, when `asOf` is not given), or
 *   `INVALID_OPTION` at `options.from` or `options.asOf` when an option does.
 *
 * @example
 * const events = [
 *   { customerId: "a", occurredAt: "2024-01-05" },
 *   { customerId: "a", occurredAt: "2024-02-05" },
 *   { customerId: "b", occurredAt: "2024-01-09" },
 *   { customerId: "b", occurredAt: "2024-03-01" },
 * ];
 * lifecycleStages(events).periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant])
 * // => [[2, 0, 0, 0], [0, 1, 0, 1], [0, 0, 1, 1]]
 */
export function lifecycleStages(events: Iterable<ActivityRecord>, options?: LifecycleStagesOptions): LifecycleStagesResult {
  const fn = "lifecycleStages";
  const opts = resolveOptions(fn, options);
  const { period, timeZone, weekStartsOn, asOf: asOfOpt, from: fromOpt } = resolveSeriesOptions(fn, opts);
  const items = toArray<unknown>(fn, "events", events);
  const times = new Map<string, number[]>();
  let minTime = Infinity;
  let maxTime = -Infinity;
  const extent = new SeriesExtent();
  for (let i = 0; i < items.length; i++) {
    const r = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath("events", i), "must be an activity record", r);
    const id = readCustomerId(fn, "events", i, r["customerId"]);
    const t = readTime(fn, "events", i, "occurredAt", r["occurredAt"], timeZone);
    if (asOfOpt !== undefined && t > asOfOpt) continue;
    let list = times.get(id);
    if (list === undefined) {
      list = [];
      times.set(id, list);
    }
    list.push(t);
    if (t < minTime) minTime = t;
    if (t > maxTime) maxTime = t;
    extent.add(t, "events", i, "occurredAt");
  }
  const base = { period, timeZone, customers: times.size };
  if (times.size === 0 && asOfOpt === undefined) return { ...base, asOf: null, periods: [] };
  const asOf = asOfOpt ?? maxTime;
  const start = Math.min(minTime, fromOpt ?? Infinity);
  const limit = { fn, hint: "pass asOf, or use a longer period", options: { from: fromOpt, asOf: asOfOpt }, records: extent };
  const grid = buildPeriodGrid(start, asOf, asOf, period, timeZone, weekStartsOn, limit);
  const bounds = grid.boundaries;
  const nP = grid.labels.length;
  const periodOf = (t: number): number => periodIndex(bounds, t);
  const stage = { new: new Array<number>(nP).fill(0), returning: new Array<number>(nP).fill(0), resurrecting: new Array<number>(nP).fill(0), dormant: new Array<number>(nP).fill(0) };
  for (const list of times.values()) {
    const idx = [...new Set(list.map(periodOf))].sort((a, b) => a - b);
    idx.forEach((j, n) => {
      if (n === 0) stage.new[j]!++;
      else if (idx[n - 1] === j - 1) stage.returning[j]!++;
      else stage.resurrecting[j]!++;
      if (idx[n + 1] !== j + 1 && j + 1 < nP) stage.dormant[j + 1]!++;
    });
  }
  const first = fromOpt === undefined ? 0 : Math.max(0, periodOf(fromOpt));
  const periods: LifecycleStagesPeriod[] = [];
  for (let k = first; k < nP; k++) {
    const fresh = stage.new[k]!;
    const res = stage.resurrecting[k]!;
    periods.push({
      ...gridPeriodInfo(grid, k),
      complete: grid.complete[k]!,
      active: fresh + stage.returning[k]! + res,
      new: fresh,
      returning: stage.returning[k]!,
      resurrecting: res,
      dormant: stage.dormant[k]!,
      quickRatio: ratio(fresh + res, stage.dormant[k]!),
    });
  }
  return { ...base, asOf: isoString(asOf), periods };
}
