// Business-hours calendars: the time between two instants that falls inside working hours
// of a time zone, on working days that are not holidays, correct across DST changes.
import { invalidOption } from "../core/errors.js";
import { isValidTimeZone, localWallToInstant, utcDate, zoneOffsetMinutes } from "../core/time.js";
import { isRecord } from "../core/validate.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A working-hours calendar. */
export interface BusinessHours {
  /**
   * IANA time zone of the working hours and holidays.
   * @defaultValue `"UTC"`
   */
  readonly timeZone?: string;
  /**
   * Working days, 0 = Sunday ... 6 = Saturday.
   * @defaultValue `[1, 2, 3, 4, 5]` (Monday to Friday)
   */
  readonly days?: readonly number[];
  /**
   * Local start of the working day, `"HH:MM"`.
   * @defaultValue `"09:00"`
   */
  readonly start?: string;
  /**
   * Local end of the working day, `"HH:MM"` (`"24:00"` for midnight), after `start`.
   * @defaultValue `"17:00"`
   */
  readonly end?: string;
  /**
   * Local dates without working hours, `"YYYY-MM-DD"`.
   * @defaultValue `[]`
   */
  readonly holidays?: readonly string[];
}

/** A validated calendar that measures working time. @internal */
export interface BusinessCalendar {
  readonly timeZone: string;
  /** Working milliseconds in `[from, to)`; 0 when `to <= from`. */
  between(from: number, to: number): number;
}

/** Validate a `businessHours` option (`name` is its option name) into a calendar. @internal */
export function createBusinessCalendar(fn: string, name: string, value: unknown): BusinessCalendar {
  if (!isRecord(value)) invalidOption(fn, name, "must be an object such as { timeZone, days, start, end, holidays }", value);
  const v = value as Record<string, unknown>;
  const zone = v["timeZone"] ?? "UTC";
  if (typeof zone !== "string" || zone === "" || !isValidTimeZone(zone)) {
    invalidOption(fn, `${name}.timeZone`, 'must be an IANA time zone name such as "Europe/Berlin"', zone);
  }
  const days = new Set<number>();
  const rawDays = v["days"] ?? [1, 2, 3, 4, 5];
  if (!Array.isArray(rawDays)) invalidOption(fn, `${name}.days`, "must be an array of weekdays 0 (Sunday) to 6 (Saturday)", rawDays);
  (rawDays as unknown[]).forEach((d, i) => {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > 6) {
      invalidOption(fn, `${name}.days[${i}]`, "must be an integer from 0 (Sunday) to 6 (Saturday)", d);
    }
    days.add(d as number);
  });
  if (days.size === 0) invalidOption(fn, `${name}.days`, "must list at least one working day", rawDays);
  const startMin = readClock(fn, `${name}.start`, v["start"] ?? "09:00");
  const endMin = readClock(fn, `${name}.end`, v["end"] ?? "17:00");
  if (endMin <= startMin) invalidOption(fn, `${name}.end`, `must be after start (${String(v["start"] ?? "09:00")})`, v["end"]);
  const holidays = new Set<number>();
  const rawHolidays = v["holidays"] ?? [];
  if (!Array.isArray(rawHolidays)) invalidOption(fn, `${name}.holidays`, 'must be an array of "YYYY-MM-DD" dates', rawHolidays);
  (rawHolidays as unknown[]).forEach((h, i) => {
    const m = typeof h === "string" ? DATE_RE.exec(h) : null;
    const day = m === null ? Number.NaN : utcDate(+m[1]!, +m[2]! - 1, +m[3]!);
    if (m === null || new Date(day).toISOString().slice(0, 10) !== h) {
      invalidOption(fn, `${name}.holidays[${i}]`, 'must be a date "YYYY-MM-DD"', h);
    }
    holidays.add(day);
  });
  return makeCalendar(zone as string, days, startMin, endMin, holidays);
}

function readClock(fn: string, path: string, value: unknown): number {
  const m = typeof value === "string" ? TIME_RE.exec(value) : null;
  const minutes = m === null ? Number.NaN : +m[1]! * 60 + +m[2]!;
  if (m === null || +m[2]! > 59 || minutes > 24 * 60) {
    invalidOption(fn, path, 'must be a local time "HH:MM" from "00:00" to "24:00"', value);
  }
  return minutes;
}

function makeCalendar(
  zone: string,
  days: ReadonlySet<number>,
  startMin: number,
  endMin: number,
  holidays: ReadonlySet<number>,
): BusinessCalendar {
  // Working interval [start, end) of each local day, as instants; cached per day.
  const cache = new Map<number, readonly [number, number] | null>();
  const workingInterval = (localDay: number): readonly [number, number] | null => {
    let w = cache.get(localDay);
    if (w === undefined) {
      const weekday = new Date(localDay).getUTCDay();
      w =
        !days.has(weekday) || holidays.has(localDay)
          ? null
          : [localWallToInstant(localDay + startMin * MINUTE, zone), localWallToInstant(localDay + endMin * MINUTE, zone)];
      if (cache.size > 50_000) cache.clear();
      cache.set(localDay, w);
    }
    return w;
  };
  // Offset of the zone at an instant, cached per UTC day: when the offsets at both ends of
  // the day agree (every day but the few with a transition) it holds for the whole day.
  const dayOffsets = new Map<number, number | null>();
  const offsetAt = (ms: number): number => {
    const key = Math.floor(ms / DAY);
    let off = dayOffsets.get(key);
    if (off === undefined) {
      const a = zoneOffsetMinutes(key * DAY, zone);
      off = a === zoneOffsetMinutes(key * DAY + DAY - 1, zone) ? a : null;
      if (dayOffsets.size > 50_000) dayOffsets.clear();
      dayOffsets.set(key, off);
    }
    return off ?? zoneOffsetMinutes(ms, zone);
  };
  const localDayOf = (ms: number): number => {
    const wall = ms + offsetAt(ms) * MINUTE;
    return Math.floor(wall / DAY) * DAY;
  };
  return {
    timeZone: zone,
    between(from: number, to: number): number {
      if (!(to > from)) return 0;
      let total = 0;
      const last = localDayOf(to);
      for (let day = localDayOf(from); day <= last; day += DAY) {
        const w = workingInterval(day);
        if (w === null) continue;
        const s = Math.max(from, w[0]);
        const e = Math.min(to, w[1]);
        if (e > s) total += e - s;
      }
      return total;
    },
  };
}
