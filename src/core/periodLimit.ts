// The longest calendar series a function builds, and the check every series builder runs
// before building one.
import { CrmMetricsError, describeValue } from "./errors.js";
import type { PeriodUnit, WeekDay } from "./options.js";
import { zoneOffsetMinutes } from "./time.js";

/**
 * The most periods a per-period series may have: 100,000 (274 years of days, 8,333 years
 * of months). A record dated in year 9999 would otherwise make millions of rows. @internal
 */
export const MAX_PERIODS = 100_000;

const DAY = 86_400_000;

/** The calendar of a series. @internal */
export interface SeriesCalendar {
  readonly unit: PeriodUnit;
  readonly timeZone: string;
  readonly weekStartsOn: WeekDay;
}

/** What a series builder needs to name the value at fault when a series is too long. @internal */
export interface SeriesLimit {
  /** The public function, for the message. */
  readonly fn: string;
  /** What the user can do, e.g. `"pass asOf, or use a longer period"`. */
  readonly hint: string;
}

/**
 * The ordinal of the calendar period that contains `ms` in `zone`: consecutive periods
 * have consecutive ordinals, so the number of periods from the one containing `a` to the
 * one containing `b` is `periodOrdinal(b) - periodOrdinal(a) + 1`. The local wall time
 * is found as the period bucketer finds it (the zone's offset at the instant). @internal
 */
export function periodOrdinal(ms: number, calendar: SeriesCalendar): number {
  const wall = ms + zoneOffsetMinutes(ms, calendar.timeZone) * 60_000;
  const day = Math.floor(wall / DAY);
  switch (calendar.unit) {
    case "day":
      return day;
    case "week":
      // 1970-01-01 (day 0) was a Thursday (weekday 4).
      return Math.floor((day + 4 - calendar.weekStartsOn) / 7);
    default: {
      const d = new Date(day * DAY);
      const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
      return calendar.unit === "month" ? month : calendar.unit === "quarter" ? Math.floor(month / 3) : Math.floor(month / 12);
    }
  }
}

/** Number of calendar periods from the one containing `first` to the one containing `last` (0 when `last < first`). @internal */
export function periodCount(first: number, last: number, calendar: SeriesCalendar): number {
  if (!(first <= last)) return 0;
  return periodOrdinal(last, calendar) - periodOrdinal(first, calendar) + 1;
}

/**
 * Throw before a series from the period of `first` to the period of `last` is built when
 * it would have more than {@link MAX_PERIODS} periods (`count`, when the caller knows the
 * exact length of its series). Two zone-offset look-ups; nothing per record. The error names the end farther from 1970 (a record in year 9999, or one in
 * year 1): `pathOf("first" | "last")` gives its path, an option path (`options.asOf`)
 * making the error `INVALID_OPTION`, a record path `INVALID_INPUT`. @internal
 */
export function checkPeriodCount(
  limit: SeriesLimit,
  calendar: SeriesCalendar,
  first: number,
  last: number,
  pathOf: (end: "first" | "last") => string,
  count: number = periodCount(first, last, calendar),
): void {
  if (count <= MAX_PERIODS) return;
  const end = farEnd(first, last);
  const path = pathOf(end);
  const [at, other] = end === "last" ? [last, first] : [first, last];
  const unit = calendar.unit;
  const message =
    `${limit.fn}: ${path} must keep the series within ${grouped(MAX_PERIODS)} ${unit} periods (${limit.hint}), ` +
    `got ${describeValue(new Date(at))}, which makes ${grouped(count)} ${unit} periods ${end === "last" ? "from" : "to"} ${new Date(other).toISOString()}`;
  throw new CrmMetricsError(path.startsWith("options.") ? "INVALID_OPTION" : "INVALID_INPUT", message, path);
}

/** The end of a span farther from 1970, the one an error about its length names. @internal */
export function farEnd(first: number, last: number): "first" | "last" {
  return Math.abs(last) >= Math.abs(first) ? "last" : "first";
}

/** `2916201` as `2,916,201` (no locale data needed). @internal */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The earliest and the latest date of a series' data, and the path of each. @internal */
export interface SeriesEnds {
  readonly firstAt: number;
  readonly lastAt: number;
  path(end: "first" | "last"): string;
}

/**
 * The earliest and the latest date a series is built from, with where each was read
 * (`interactions`, 7, `occurredAt`): a few comparisons per record, and the path is only
 * built when {@link checkPeriodCount} needs it. @internal
 */
export class SeriesExtent implements SeriesEnds {
  /** Earliest date (`Infinity` before any). */
  firstAt: number = Infinity;
  /** Latest date (`-Infinity` before any). */
  lastAt: number = -Infinity;
  private firstArg = "";
  private firstIndex = -1;
  private firstField = "";
  private lastArg = "";
  private lastIndex = -1;
  private lastField = "";

  /** Note the date `at`, read from `arg[index].field` (`arg` alone when `index` is -1). */
  add(at: number, arg: string, index: number, field: string): void {
    if (at < this.firstAt) {
      this.firstAt = at;
      this.firstArg = arg;
      this.firstIndex = index;
      this.firstField = field;
    }
    if (at > this.lastAt) this.addLast(at, arg, index, field);
  }

  /** Note a date that can only end the series (not start it). */
  addLast(at: number, arg: string, index: number, field: string): void {
    if (at > this.lastAt) {
      this.lastAt = at;
      this.lastArg = arg;
      this.lastIndex = index;
      this.lastField = field;
    }
  }

  /** Path of the earliest (`"first"`) or latest (`"last"`) date: `interactions[7].occurredAt`. */
  path(end: "first" | "last"): string {
    const [arg, index, field] = end === "first" ? [this.firstArg, this.firstIndex, this.firstField] : [this.lastArg, this.lastIndex, this.lastField];
    return index < 0 ? arg : `${arg}[${index}].${field}`;
  }
}
