import type { Decimal } from "decimal.js";

/** A point in time: a `Date`, an ISO-8601 string, or epoch milliseconds. */
export type DateInput = Date | string | number;

/** An amount of money: a `number`, a decimal string such as `"19.99"`, or a `Decimal`. */
export type MoneyInput = number | string | Decimal;

/** Calendar units that periods are bucketed into. */
export type PeriodUnit = "day" | "week" | "month" | "quarter" | "year";

/** Day a week starts on: 0 = Sunday ... 6 = Saturday. */
export type WeekDay = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Options fragment: the IANA time zone in which calendar periods and local dates are read. */
export interface TimeZoneOptions {
  /**
   * IANA time zone name (`"Europe/Berlin"`). Period boundaries and ISO strings without an
   * offset are read in this zone.
   * @defaultValue `"UTC"`
   */
  readonly timeZone?: string;
}

/** Options fragment: how timestamps are bucketed into calendar periods. */
export interface PeriodOptions extends TimeZoneOptions {
  /**
   * Calendar period that results are grouped by.
   * @defaultValue `"month"`
   */
  readonly period?: PeriodUnit;
  /**
   * First day of a week, when `period` is `"week"`: 0 = Sunday ... 6 = Saturday.
   * @defaultValue `1` (Monday, ISO 8601)
   */
  readonly weekStartsOn?: WeekDay;
}

/** Options fragment: the moment the data is observed at. */
export interface AsOfOptions {
  /**
   * The moment the data is observed at; later records are ignored. There is no hidden
   * clock: when omitted, each function documents what it uses (usually the latest record),
   * and whether a record at exactly `asOf` is included.
   */
  readonly asOf?: DateInput;
}

/** Options fragment: confidence level of intervals. */
export interface ConfidenceOptions {
  /**
   * Two-sided confidence level of intervals, in (0, 1).
   * @defaultValue `0.95`
   */
  readonly level?: number;
}

/** A two-sided confidence interval. */
export interface ConfidenceInterval {
  /** Lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
}
