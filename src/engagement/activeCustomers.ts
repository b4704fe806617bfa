import type { Duration } from "date-fns";
import { invalidOption, recordPath } from "../core/errors.js";
import type { PeriodOptions } from "../core/options.js";
import { addDuration, resolveDuration } from "../core/time.js";
import { groupByPeriod, periodInfo, type PeriodInfo } from "../core/trend.js";
import { resolveOptions } from "../core/validate.js";
import type { ActivityRecord } from "../models/activity.js";
import { forEachActivity, resolvePeriodOptions } from "./activity.js";

/** Options of {@link activeCustomers}. */
export interface ActiveCustomersOptions extends PeriodOptions {
  /**
   * Calendar period of each point (`"day"` for DAU, `"week"` for WAU, `"month"` for MAU).
   * @defaultValue `"day"`
   */
  readonly period?: PeriodOptions["period"];
  /**
   * A trailing window (a date-fns Duration such as `{ days: 30 }`): for each point, also
   * count the distinct customers active in `[periodEnd - window, periodEnd)`. With
   * `period: "day"` and `{ days: 30 }` this is the rolling MAU of each day, and
   * `stickiness` is DAU/MAU.
   * @defaultValue none (no rolling count, no stickiness)
   */
  readonly window?: Duration;
  /**
   * Field holding the time of a record.
   * @defaultValue `"occurredAt"` (interactions and transactions)
   */
  readonly dateField?: string;
  /**
   * Emit periods without activity (zero counts) between the first and the last.
   * @defaultValue `true`
   */
  readonly fillGaps?: boolean;
}

/** One period of {@link ActiveCustomersResult}. */
export interface ActiveCustomersPoint extends PeriodInfo {
  /** Distinct customers with activity in the period. */
  readonly active: number;
  /** Distinct customers with activity in the trailing window ending at `periodEnd`; `null` without `window`. */
  readonly rollingActive: number | null;
  /** `active / rollingActive` (e.g. DAU/MAU), in [0, 1] when the window covers the period; `null` without `window` or when `rollingActive` is 0. */
  readonly stickiness: number | null;
  /** Whether the trailing window starts at or after the first period (it is not cut by the start of the data); `null` without `window`. */
  readonly windowComplete: boolean | null;
}

/** Result of {@link activeCustomers}. */
export interface ActiveCustomersResult {
  readonly period: NonNullable<PeriodOptions["period"]>;
  readonly timeZone: string;
  /** The trailing window used, or `null`. */
  readonly window: Duration | null;
  /** Records read. */
  readonly records: number;
  /** Distinct customers over all records. */
  readonly customers: number;
  /** Periods in ascending order. */
  readonly points: readonly ActiveCustomersPoint[];
  /** Mean of `active` over the points; `null` without points. */
  readonly meanActive: number | null;
  /** Mean of `stickiness` over points with a complete window; `null` when there are none. */
  readonly meanStickiness: number | null;
}

/** A record whose date is in another field than `occurredAt` (see `dateField`). */
export interface DatedRecord {
  readonly customerId: string | number;
  readonly [field: string]: unknown;
}

/**
 * Active customers per calendar period (DAU, WAU, MAU): the distinct customers with at
 * least one record in each period, in a time zone. With a trailing `window` it also gives,
 * for each period, the distinct customers of the window that ends with the period (rolling
 * "30-day actives") and the stickiness ratio active / rolling active (DAU/MAU when
 * `period` is `"day"` and `window` is `{ days: 30 }`).
 *
 * @param records - Records with `customerId` and a date (`occurredAt` or `dateField`):
 *   interactions, transactions, logins.
 * @param options - Period, trailing window, time zone, date field, gap filling.
 * @returns One point per period; empty input gives no points and `null` means.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid `customerId` or
 *   date, or when, with `fillGaps`, the earliest and the latest record are more than
 *   100,000 periods apart (the path names the one farther from 1970, such as a record in
 *   year 9999); `INVALID_OPTION` for a bad option.
 *
 * @example
 * const records = [
 *   { customerId: "a", occurredAt: "2024-01-01T10:00:00Z" },
 *   { customerId: "a", occurredAt: "2024-01-01T18:00:00Z" },
 *   { customerId: "b", occurredAt: "2024-01-02T09:00:00Z" },
 * ];
 * activeCustomers(records, { window: { days: 2 } }).points.map((p) => [p.label, p.active, p.rollingActive])
 * // => [["2024-01-01", 1, 1], ["2024-01-02", 1, 2]]
 */
export function activeCustomers(records: Iterable<ActivityRecord | DatedRecord>, options?: ActiveCustomersOptions): ActiveCustomersResult {
  const fn = "activeCustomers";
  const opts = resolveOptions(fn, options);
  const { period, timeZone, weekStartsOn, fillGaps } = resolvePeriodOptions(fn, opts, "day");
  const window = opts.window === undefined ? null : resolveDuration(fn, "window", opts.window, {});
  const dateField = opts.dateField ?? "occurredAt";
  if (typeof dateField !== "string" || dateField === "") invalidOption(fn, "dateField", "must be a non-empty string", dateField);
  // Times and customers are kept (O(records)) for the trailing windows, which need exact
  // times; without a window only the per-period sets would be needed.
  const times: number[] = [];
  const customerOf: string[] = [];
  const counts = forEachActivity(fn, records, { name: "records", timeZone, dedupe: false, interactionFields: false, dateField }, (r) => {
    times.push(r.time);
    customerOf.push(r.customer);
  });
  const cols = { times, customers: customerOf, records: counts.records };
  const n = customerOf.length;
  const indices = Array.from({ length: n }, (_, i) => i);
  const limit = { fn, hint: "use a longer period, or fillGaps: false", pathOf: (i: number) => recordPath("records", i, dateField) };
  const groups = groupByPeriod(indices, cols.times, { unit: period, timeZone, weekStartsOn, fillGaps, limit });

  // Trailing windows: two pointers over the records sorted by time, with a count per customer.
  const order = indices.slice().sort((a, b) => cols.times[a]! - cols.times[b]!);
  const negative: Duration | null =
    window === null ? null : Object.fromEntries(Object.entries(window).map(([k, v]) => [k, -(v as number)]));
  const inWindow = new Map<string, number>();
  let hi = 0;
  let lo = 0;
  const firstStart = groups.length > 0 ? groups[0]!.start : 0;

  const all = new Set(cols.customers);
  let activeSum = 0;
  let stickySum = 0;
  let stickyCount = 0;
  const points = groups.map((g) => {
    const active = new Set<string>();
    for (const i of g.items) active.add(cols.customers[i]!);
    activeSum += active.size;
    if (negative === null) {
      return { ...periodInfo(g), active: active.size, rollingActive: null, stickiness: null, windowComplete: null };
    }
    const windowStart = addDuration(g.end, negative, timeZone);
    while (hi < n && cols.times[order[hi]!]! < g.end) {
      const c = cols.customers[order[hi++]!]!;
      inWindow.set(c, (inWindow.get(c) ?? 0) + 1);
    }
    while (lo < hi && cols.times[order[lo]!]! < windowStart) {
      const c = cols.customers[order[lo++]!]!;
      const left = inWindow.get(c)! - 1;
      if (left === 0) inWindow.delete(c);
      else inWindow.set(c, left);
    }
    const rolling = inWindow.size;
    const stickiness = rolling === 0 ? null : active.size / rolling;
    const windowComplete = windowStart >= firstStart;
    if (windowComplete && stickiness !== null) {
      stickySum += stickiness;
      stickyCount++;
    }
    return { ...periodInfo(g), active: active.size, rollingActive: rolling, stickiness, windowComplete };
  });
  return {
    period,
    timeZone,
    window,
    records: cols.records,
    customers: all.size,
    points,
    meanActive: points.length === 0 ? null : activeSum / points.length,
    meanStickiness: stickyCount === 0 ? null : stickySum / stickyCount,
  };
}
