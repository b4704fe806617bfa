import { TZDate, tz } from "@date-fns/tz";
import {
  add,
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  addYears,
  startOfDay,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
  type Duration,
} from "date-fns";
import { invalidInput, invalidOption } from "./errors.js";
import type { DateInput, PeriodUnit, WeekDay } from "./options.js";

const PERIOD_UNITS: ReadonlySet<string> = new Set(["day", "week", "month", "quarter", "year"]);
const MAX_TIME = 8.64e15;
const MINUTE = 60_000;
const DAY = 86_400_000;

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Whether `name` is a time zone the runtime knows. Cached. @internal */
const zoneCache = new Map<string, boolean>();
export function isValidTimeZone(name: string): boolean {
  let ok = zoneCache.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      ok = true;
    } catch {
      ok = false;
    }
    zoneCache.set(name, ok);
  }
  return ok;
}

/** Validate a `timeZone` option and return it (default `"UTC"`). @internal */
export function resolveTimeZone(fn: string, value: unknown): string {
  if (value === undefined) return "UTC";
  if (typeof value !== "string" || value === "" || !isValidTimeZone(value)) {
    invalidOption(fn, "timeZone", "must be an IANA time zone name such as \"Europe/Berlin\"", value);
  }
  return isUtc(value) ? "UTC" : value;
}

/** The IANA names (links) of UTC, and "Z". */
const UTC_NAMES: ReadonlySet<string> = new Set([
  "UTC", "Etc/UTC", "Z", "Etc/GMT", "GMT", "UCT", "Etc/UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal",
  "GMT0", "Etc/GMT0", "GMT+0", "GMT-0", "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich",
]);

function isUtc(zone: string): boolean {
  return UTC_NAMES.has(zone);
}

/** Validate a `period` option (default `fallback`). @internal */
export function resolvePeriod(fn: string, value: unknown, fallback: PeriodUnit = "month"): PeriodUnit {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !PERIOD_UNITS.has(value)) {
    invalidOption(fn, "period", 'must be one of "day", "week", "month", "quarter", "year"', value);
  }
  return value as PeriodUnit;
}

/** Validate a `weekStartsOn` option (default Monday). @internal */
export function resolveWeekStartsOn(fn: string, value: unknown): WeekDay {
  if (value === undefined) return 1;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 6) {
    invalidOption(fn, "weekStartsOn", "must be an integer from 0 (Sunday) to 6 (Saturday)", value);
  }
  return value as WeekDay;
}

/**
 * Offset of `zone` from UTC, in minutes, at the instant `ms`. @internal
 */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  if (isUtc(zone)) return 0;
  return new TZDate(ms, zone).getTimezoneOffset() * -1;
}

/**
 * Parse a date input into epoch milliseconds, or return `NaN` when it is not a valid
 * date. ISO strings without an offset are read as local time in `zone`. @internal
 */
export function parseTimestamp(value: unknown, zone = "UTC"): number {
  if (typeof value === "number") {
    return Number.isFinite(value) && Math.abs(value) <= MAX_TIME ? value : Number.NaN;
  }
  if (typeof value === "string") return parseIso(value, zone);
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
}

function parseIso(text: string, zone: string): number {
  const m = ISO_RE.exec(text);
  if (m === null) return Number.NaN;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+`0.${m[7]}` * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 24 || minute > 59 || second > 59) return Number.NaN;
  if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return Number.NaN;
  const wall = utcDate(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  const off = m[8];
  if (off === undefined) {
    if (isUtc(zone)) return wall;
    return localWallToInstant(wall, zone);
  }
  if (off === "Z" || off === "z") return wall;
  const sign = off[0] === "-" ? -1 : 1;
  const digits = off.slice(1).replace(":", "");
  const oh = +digits.slice(0, 2);
  const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
  if (oh > 23 || om > 59) return Number.NaN;
  return wall - sign * (oh * 60 + om) * MINUTE;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The instant whose wall-clock time in `zone` is `wall` (a UTC-encoded wall time). In a
 * daylight-saving gap the time is moved forward by the gap (02:30 on a spring-forward night
 * in New York is 03:30 EDT); in an overlap the earlier instant is taken (01:30 on a
 * fall-back night is 01:30 EDT). @internal
 */
export function localWallToInstant(wall: number, zone: string): number {
  if (isUtc(zone)) return wall;
  // Offsets in force a day before and a day after: real zones never change twice in a day.
  const before = zoneOffsetMinutes(wall - DAY, zone);
  const after = zoneOffsetMinutes(wall + DAY, zone);
  const tBefore = wall - before * MINUTE;
  const tAfter = wall - after * MINUTE;
  const okBefore = zoneOffsetMinutes(tBefore, zone) === before;
  const okAfter = zoneOffsetMinutes(tAfter, zone) === after;
  if (okBefore && okAfter) return Math.min(tBefore, tAfter);
  if (okBefore) return tBefore;
  if (okAfter) return tAfter;
  return tBefore; // in a gap: keep the earlier offset, which moves the wall time forward
}

/**
 * Read a date input as epoch milliseconds or throw `INVALID_INPUT` naming `path`. @internal
 */
export function toTimestamp(fn: string, path: string, value: unknown, zone = "UTC"): number {
  const t = parseTimestamp(value, zone);
  if (Number.isNaN(t)) {
    invalidInput(fn, path, "must be a valid date (Date, ISO-8601 string or epoch milliseconds)", value);
  }
  return t;
}

/** Read a date option (`asOf`, `calibrationEnd`, ...) or throw `INVALID_OPTION`. @internal */
export function toTimestampOption(fn: string, name: string, value: unknown, zone = "UTC"): number {
  const t = parseTimestamp(value, zone);
  if (Number.isNaN(t)) {
    invalidOption(fn, name, "must be a valid date (Date, ISO-8601 string or epoch milliseconds)", value);
  }
  return t;
}

/** Options of {@link createPeriodBucketer}. @internal */
export interface BucketerOptions {
  readonly timeZone: string;
  readonly weekStartsOn?: WeekDay;
}

/**
 * A function that maps an instant to the start (epoch ms) of its calendar period in a
 * time zone. Correct across daylight-saving changes; memoised per 15 minutes of local
 * offset so that bucketing millions of timestamps stays cheap. @internal
 */
export function createPeriodBucketer(unit: PeriodUnit, options: BucketerOptions): (ms: number) => number {
  const zone = options.timeZone;
  const weekStartsOn = options.weekStartsOn ?? 1;
  if (isUtc(zone)) return (ms) => utcPeriodStart(ms, unit, weekStartsOn);
  // Bucket the local wall time with UTC arithmetic, then map back to the instant. The
  // offset is cached per quarter hour (all real zones change offset on such a boundary).
  const offsets = new Map<number, number>();
  const starts = new Map<number, number>();
  return (ms) => {
    const q = Math.floor(ms / (15 * MINUTE));
    let off = offsets.get(q);
    if (off === undefined) {
      off = zoneOffsetMinutes(ms, zone);
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(q, off);
    }
    const localStart = utcPeriodStart(ms + off * MINUTE, unit, weekStartsOn);
    let start = starts.get(localStart);
    if (start === undefined) {
      start = localWallToInstant(localStart, zone);
      if (starts.size > 100_000) starts.clear();
      starts.set(localStart, start);
    }
    return start;
  };
}

/** Period start of a UTC instant in UTC, by arithmetic. @internal */
export function utcPeriodStart(ms: number, unit: PeriodUnit, weekStartsOn: WeekDay = 1): number {
  const dayStart = Math.floor(ms / DAY) * DAY;
  switch (unit) {
    case "day":
      return dayStart;
    case "week": {
      const dow = new Date(dayStart).getUTCDay();
      return dayStart - ((dow - weekStartsOn + 7) % 7) * DAY;
    }
    case "month": {
      const d = new Date(dayStart);
      return utcDate(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    case "quarter": {
      const d = new Date(dayStart);
      return utcDate(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
    }
    case "year":
      return utcDate(new Date(dayStart).getUTCFullYear(), 0, 1);
  }
}

/**
 * Epoch ms of a UTC midnight (month and day may overflow, as in `Date.UTC`); unlike `Date.UTC`,
 * reads the years 0-99 as themselves, not as 1900-1999. @internal
 */
export function utcDate(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

/**
 * Start of the period containing `ms` in `zone`, using date-fns (slower than the
 * bucketer, used for single values). @internal
 */
export function periodStart(ms: number, unit: PeriodUnit, zone: string, weekStartsOn: WeekDay = 1): number {
  if (isUtc(zone)) return utcPeriodStart(ms, unit, weekStartsOn);
  const ctx = { in: tz(zone) };
  switch (unit) {
    case "day":
      return startOfDay(ms, ctx).getTime();
    case "week":
      return startOfWeek(ms, { ...ctx, weekStartsOn }).getTime();
    case "month":
      return startOfMonth(ms, ctx).getTime();
    case "quarter":
      return startOfQuarter(ms, ctx).getTime();
    case "year":
      return startOfYear(ms, ctx).getTime();
  }
}

/** Add `n` calendar periods to a period start in `zone`. @internal */
export function addPeriods(ms: number, unit: PeriodUnit, n: number, zone: string): number {
  const ctx = { in: tz(isUtc(zone) ? "UTC" : zone) };
  switch (unit) {
    case "day":
      return addDays(ms, n, ctx).getTime();
    case "week":
      return addWeeks(ms, n, ctx).getTime();
    case "month":
      return addMonths(ms, n, ctx).getTime();
    case "quarter":
      return addQuarters(ms, n, ctx).getTime();
    case "year":
      return addYears(ms, n, ctx).getTime();
  }
}

/**
 * Number of whole periods from period start `from` to period start `to` (both period
 * starts in the same zone). @internal
 */
export function periodsBetween(from: number, to: number, unit: PeriodUnit, zone: string): number {
  const a = new TZDate(from, zone);
  const b = new TZDate(to, zone);
  switch (unit) {
    case "day":
    case "week": {
      const da = utcDate(a.getFullYear(), a.getMonth(), a.getDate());
      const db = utcDate(b.getFullYear(), b.getMonth(), b.getDate());
      const days = Math.round((db - da) / DAY);
      return unit === "day" ? days : Math.floor(days / 7);
    }
    case "month":
      return (b.getFullYear() - a.getFullYear()) * 12 + (b.getMonth() - a.getMonth());
    case "quarter":
      return Math.floor(((b.getFullYear() - a.getFullYear()) * 12 + (b.getMonth() - a.getMonth())) / 3);
    case "year":
      return b.getFullYear() - a.getFullYear();
  }
}

/**
 * Human label of the period starting at `ms` in `zone`: `2024-03-04` (day, week),
 * `2024-03` (month), `2024-Q1` (quarter), `2024` (year). @internal
 */
export function periodLabel(ms: number, unit: PeriodUnit, zone: string): string {
  const d = isUtc(zone) ? utcParts(ms) : tzParts(ms, zone);
  const y = String(d.year).padStart(4, "0");
  const m = String(d.month).padStart(2, "0");
  switch (unit) {
    case "day":
    case "week":
      return `${y}-${m}-${String(d.day).padStart(2, "0")}`;
    case "month":
      return `${y}-${m}`;
    case "quarter":
      return `${y}-Q${Math.floor((d.month - 1) / 3) + 1}`;
    case "year":
      return y;
  }
}

function utcParts(ms: number): { year: number; month: number; day: number } {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function tzParts(ms: number, zone: string): { year: number; month: number; day: number } {
  const d = new TZDate(ms, zone);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** ISO-8601 string (UTC, `Z`) of an instant. @internal */
export function isoString(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Validate a date-fns `Duration` option: an object of non-negative finite numbers with
 * at least one known field. @internal
 */
export function resolveDuration(fn: string, name: string, value: unknown, fallback: Duration): Duration {
  if (value === undefined) return fallback;
  const keys = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"] as const;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    invalidOption(fn, name, "must be a Duration such as { days: 14 }", value);
  }
  const record = value as Record<string, unknown>;
  let known = 0;
  for (const k of Object.keys(record)) {
    if (!(keys as readonly string[]).includes(k)) {
      invalidOption(fn, `${name}.${k}`, `is not a Duration field (${keys.join(", ")})`, record[k]);
    }
    const v = record[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      invalidOption(fn, `${name}.${k}`, "must be a finite number >= 0", v);
    }
    known++;
  }
  if (known === 0) invalidOption(fn, name, "must have at least one field, such as { days: 14 }", value);
  return record as Duration;
}

/** Add a date-fns `Duration` to an instant, with calendar fields read in `zone`. @internal */
export function addDuration(ms: number, duration: Duration, zone: string): number {
  return add(ms, duration, { in: tz(isUtc(zone) ? "UTC" : zone) }).getTime();
}

/** Milliseconds per fixed-length unit used for recency and age. @internal */
export const UNIT_MS: Readonly<Record<"day" | "week" | "hour", number>> = {
  hour: 3_600_000,
  day: DAY,
  week: 7 * DAY,
};
