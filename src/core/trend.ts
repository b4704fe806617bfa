import { addPeriods, createPeriodBucketer, isoString, periodLabel } from "./time.js";
import type { PeriodUnit, WeekDay } from "./options.js";

/** One calendar period and the items that fall in it. @internal */
export interface PeriodGroup<T> {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly items: T[];
}

/** Options of {@link groupByPeriod}. @internal */
export interface GroupByPeriodOptions {
  readonly unit: PeriodUnit;
  readonly timeZone: string;
  readonly weekStartsOn: WeekDay;
  /** Emit empty periods between the first and the last. */
  readonly fillGaps: boolean;
}

/**
 * Group items into calendar periods of their timestamps (one pass), ascending by period.
 * `times[i]` is the epoch-ms timestamp of `items[i]`. @internal
 */
export function groupByPeriod<T>(
  items: readonly T[],
  times: ArrayLike<number>,
  options: GroupByPeriodOptions,
): PeriodGroup<T>[] {
  const bucket = createPeriodBucketer(options.unit, options);
  const groups = new Map<number, T[]>();
  for (let i = 0; i < items.length; i++) {
    const start = bucket(times[i]!);
    let g = groups.get(start);
    if (g === undefined) {
      g = [];
      groups.set(start, g);
    }
    g.push(items[i]!);
  }
  const starts = [...groups.keys()].sort((a, b) => a - b);
  const out: PeriodGroup<T>[] = [];
  if (starts.length === 0) return out;
  const { unit, timeZone } = options;
  if (options.fillGaps) {
    const last = starts[starts.length - 1]!;
    let s = starts[0]!;
    while (s <= last) {
      const e = addPeriods(s, unit, 1, timeZone);
      out.push({ start: s, end: e, label: periodLabel(s, unit, timeZone), items: groups.get(s) ?? [] });
      s = e;
    }
    return out;
  }
  for (const s of starts) {
    out.push({ start: s, end: addPeriods(s, unit, 1, timeZone), label: periodLabel(s, unit, timeZone), items: groups.get(s)! });
  }
  return out;
}

/** A period in results: ISO start and end (UTC instants) and a local label. */
export interface PeriodInfo {
  /** Start of the period, inclusive, as an ISO-8601 UTC instant. */
  readonly periodStart: string;
  /** End of the period, exclusive, as an ISO-8601 UTC instant. */
  readonly periodEnd: string;
  /** Local label: `2024-03-04` (day, week), `2024-03`, `2024-Q1`, `2024`. */
  readonly label: string;
}

/** Period info of a group for results. @internal */
export function periodInfo(group: { start: number; end: number; label: string }): PeriodInfo {
  return { periodStart: isoString(group.start), periodEnd: isoString(group.end), label: group.label };
}
