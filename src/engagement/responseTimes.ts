import type { Duration } from "date-fns";
import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { quantileSorted } from "../core/stats/descriptive.js";
import { parseTimestamp, resolveDuration, resolveTimeZone, toTimestamp, UNIT_MS } from "../core/time.js";
import { isRecord, ratio, readId, readOptionalString, resolveEnum, resolveOptions, toArray } from "../core/validate.js";
import type { SupportTicket } from "../models/ticket.js";
import { compareKeys, fastId } from "./activity.js";
import { type BusinessCalendar, type BusinessHours, createBusinessCalendar } from "./businessHours.js";

/** Units that durations are reported in. */
export type ResponseTimeUnit = "minute" | "hour" | "day";

/** Options of {@link responseTimes}. */
export interface ResponseTimesOptions {
  /**
   * Count only working time: durations are the part of `[openedAt, firstResponseAt)` (and
   * `[openedAt, resolvedAt)`) inside the working hours of the calendar, in its time zone.
   * @defaultValue none (calendar time)
   */
  readonly businessHours?: BusinessHours;
  /**
   * SLA target of the first response (a Duration of weeks, days, hours, minutes or
   * seconds; a day is 24 hours, in working time when `businessHours` is set). A ticket
   * meets it when its first response time is at most the target.
   * @defaultValue none (`withinTarget` is `null`)
   */
  readonly firstResponseTarget?: Duration;
  /**
   * SLA target of the resolution, as for `firstResponseTarget`.
   * @defaultValue none
   */
  readonly resolutionTarget?: Duration;
  /**
   * Unit of the reported durations (a day is 24 hours).
   * @defaultValue `"hour"`
   */
  readonly unit?: ResponseTimeUnit;
  /**
   * Also report the statistics per ticket `channel` or `priority`.
   * @defaultValue none
   */
  readonly groupBy?: "channel" | "priority";
  /**
   * Time zone for ISO strings without an offset in the tickets.
   * @defaultValue `businessHours.timeZone`, else `"UTC"`
   */
  readonly timeZone?: string;
}

/** Summary of one duration (first response or resolution) over tickets. */
export interface ResponseDurationSummary {
  /** Tickets with this duration (answered, or resolved). */
  readonly n: number;
  /** Tickets without it (no `firstResponseAt`, or no `resolvedAt`): not in the statistics. */
  readonly missing: number;
  /** Mean duration; `null` when `n` is 0. */
  readonly mean: number | null;
  /** Median (type 7 quantile); `null` when `n` is 0. */
  readonly median: number | null;
  /** 90th percentile (type 7 quantile); `null` when `n` is 0. */
  readonly p90: number | null;
  /** Shortest duration; `null` when `n` is 0. */
  readonly min: number | null;
  /** Longest duration; `null` when `n` is 0. */
  readonly max: number | null;
  /** The SLA target in `unit`; `null` without a target. */
  readonly target: number | null;
  /** Tickets at or under the target; `null` without a target. */
  readonly withinTarget: number | null;
  /** `withinTarget / n`; `null` without a target or when `n` is 0. */
  readonly withinTargetShare: number | null;
}

/** Statistics of a set of tickets. */
export interface ResponseTimesStats {
  /** Tickets. */
  readonly tickets: number;
  /** Time to first response. */
  readonly firstResponse: ResponseDurationSummary;
  /** Time to resolution. */
  readonly resolution: ResponseDurationSummary;
}

/** One group of {@link ResponseTimesResult}. */
export interface ResponseTimesGroup extends ResponseTimesStats {
  /** The channel or priority; `null` for tickets without one. */
  readonly key: string | null;
}

/** Result of {@link responseTimes}. */
export interface ResponseTimesResult extends ResponseTimesStats {
  readonly unit: ResponseTimeUnit;
  /** Whether durations count working time only. */
  readonly businessHours: boolean;
  /** Groups in ascending key order (`null` last); empty without `groupBy`. */
  readonly groups: readonly ResponseTimesGroup[];
}

const UNIT: Readonly<Record<ResponseTimeUnit, number>> = { minute: 60_000, hour: UNIT_MS.hour, day: UNIT_MS.day };
const FIXED_MS: Readonly<Record<string, number>> = { weeks: UNIT_MS.week, days: UNIT_MS.day, hours: UNIT_MS.hour, minutes: 60_000, seconds: 1000 };

/**
 * First response time and resolution time of support tickets (as Zendesk's "first reply
 * time" and "full resolution time": from `openedAt` to `firstResponseAt` and to
 * `resolvedAt`), with mean, median, 90th percentile and the share within an SLA target,
 * in calendar time or in business hours of a working calendar (time zone, working days,
 * hours, holidays; correct across daylight-saving changes). Tickets without a response
 * (or resolution) are counted in `missing`, not dropped silently.
 *
 * @param tickets - `SupportTicket` records with unique ids.
 * @param options - Business hours, SLA targets, unit and grouping.
 * @returns Overall statistics and, with `groupBy`, one entry per channel or priority.
 * @throws {CrmMetricsError} `INVALID_INPUT` for an invalid or duplicate id, an invalid
 *   date, or a response or resolution before the ticket was opened; `INVALID_OPTION` for
 *   a bad option.
 *
 * @example
 * const tickets = [
 *   { id: 1, openedAt: "2024-03-04T09:00:00Z", firstResponseAt: "2024-03-04T10:00:00Z", resolvedAt: "2024-03-04T15:00:00Z" },
 *   { id: 2, openedAt: "2024-03-04T12:00:00Z", firstResponseAt: "2024-03-04T15:00:00Z" },
 *   { id: 3, openedAt: "2024-03-04T16:00:00Z" },
 * ];
 * const r = responseTimes(tickets, { firstResponseTarget: { hours: 2 } });
 * [r.firstResponse.median, r.firstResponse.missing, r.firstResponse.withinTargetShare]
 * // => [2, 1, 0.5]
 * @example
 * const friday = { id: "t", openedAt: "2024-03-08T16:00:00-05:00", firstResponseAt: "2024-03-11T10:00:00-04:00" };
 * responseTimes([friday], { businessHours: { timeZone: "America/New_York" } }).firstResponse.mean
 * // => 2
 */
export function responseTimes(tickets: Iterable<SupportTicket>, options?: ResponseTimesOptions): ResponseTimesResult {
  const fn = "responseTimes";
  const opts = resolveOptions(fn, options);
  const calendar: BusinessCalendar | null =
    opts.businessHours === undefined ? null : createBusinessCalendar(fn, "businessHours", opts.businessHours);
  const unit = resolveEnum<ResponseTimeUnit>(fn, "unit", opts.unit, ["minute", "hour", "day"], "hour");
  const groupBy = opts.groupBy === undefined ? null : resolveEnum(fn, "groupBy", opts.groupBy, ["channel", "priority"], "channel");
  const zone = opts.timeZone !== undefined ? resolveTimeZone(fn, opts.timeZone) : (calendar?.timeZone ?? "UTC");
  const frTarget = readTarget(fn, "firstResponseTarget", opts.firstResponseTarget);
  const resTarget = readTarget(fn, "resolutionTarget", opts.resolutionTarget);

  const items = toArray<unknown>(fn, "tickets", tickets);
  const ids = new Set<string>();
  const all = new Bucket();
  const groups = new Map<string | null, Bucket>();
  const measure = (from: number, to: number): number => (calendar === null ? to - from : calendar.between(from, to));
  for (let i = 0; i < items.length; i++) {
    const r = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath("tickets", i), "must be a SupportTicket record", r);
    const t = r as Record<string, unknown>;
    const id = fastId(t["id"]) ?? readId(fn, recordPath("tickets", i, "id"), t["id"]);
    if (ids.has(id)) invalidInput(fn, recordPath("tickets", i, "id"), "must be unique (a ticket appears twice)", t["id"]);
    ids.add(id);
    let opened = parseTimestamp(t["openedAt"], zone);
    if (Number.isNaN(opened)) opened = toTimestamp(fn, recordPath("tickets", i, "openedAt"), t["openedAt"], zone);
    const first = readEnd(fn, i, "firstResponseAt", t["firstResponseAt"], opened, zone);
    const resolved = readEnd(fn, i, "resolvedAt", t["resolvedAt"], opened, zone);
    const rawKey = groupBy === null ? undefined : t[groupBy];
    const key =
      groupBy === null ? null : typeof rawKey === "string" ? rawKey : (readOptionalString(fn, recordPath("tickets", i, groupBy), rawKey) ?? null);
    const fr = first === null ? null : measure(opened, first);
    const res = resolved === null ? null : measure(opened, resolved);
    all.add(fr, res);
    if (groupBy !== null) {
      let b = groups.get(key);
      if (b === undefined) groups.set(key, (b = new Bucket()));
      b.add(fr, res);
    }
  }
  const scale = UNIT[unit];
  return {
    unit,
    businessHours: calendar !== null,
    ...all.stats(scale, frTarget, resTarget),
    groups: [...groups.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareKeys(a, b)))
      .map(([key, b]) => ({ key, ...b.stats(scale, frTarget, resTarget) })),
  };
}

function readEnd(fn: string, i: number, field: string, value: unknown, opened: number, zone: string): number | null {
  if (value === undefined || value === null) return null;
  const t = parseTimestamp(value, zone);
  if (Number.isNaN(t)) toTimestamp(fn, recordPath("tickets", i, field), value, zone);
  if (t < opened) invalidInput(fn, recordPath("tickets", i, field), "must not be before openedAt", value);
  return t;
}

function readTarget(fn: string, name: string, value: unknown): number | null {
  if (value === undefined) return null;
  const d = resolveDuration(fn, name, value, {}) as Record<string, number>;
  let ms = 0;
  for (const [k, v] of Object.entries(d)) {
    const per = FIXED_MS[k];
    if (per === undefined) invalidOption(fn, `${name}.${k}`, "is not allowed in an SLA target (use weeks, days, hours, minutes or seconds)", v);
    ms += v * per!;
  }
  return ms;
}

class Bucket {
  tickets = 0;
  readonly first: number[] = [];
  readonly resolution: number[] = [];

  add(first: number | null, resolution: number | null): void {
    this.tickets++;
    if (first !== null) this.first.push(first);
    if (resolution !== null) this.resolution.push(resolution);
  }

  stats(scale: number, frTarget: number | null, resTarget: number | null): ResponseTimesStats {
    return {
      tickets: this.tickets,
      firstResponse: summarize(this.first, this.tickets, scale, frTarget),
      resolution: summarize(this.resolution, this.tickets, scale, resTarget),
    };
  }
}

function summarize(values: readonly number[], tickets: number, scale: number, target: number | null): ResponseDurationSummary {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  let within = 0;
  for (const v of values) {
    sum += v;
    if (target !== null && v <= target) within++;
  }
  const inUnit = (x: number): number => x / scale;
  return {
    n,
    missing: tickets - n,
    mean: n === 0 ? null : inUnit(sum / n),
    median: n === 0 ? null : inUnit(quantileSorted(sorted, 0.5)),
    p90: n === 0 ? null : inUnit(quantileSorted(sorted, 0.9)),
    min: n === 0 ? null : inUnit(sorted[0]!),
    max: n === 0 ? null : inUnit(sorted[n - 1]!),
    target: target === null ? null : inUnit(target),
    withinTarget: target === null ? null : within,
    withinTargetShare: target === null ? null : ratio(within, n),
  };
}
