import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit } from "../core/options.js";
import { isoString, toTimestamp } from "../core/time.js";
import type { PeriodInfo } from "../core/trend.js";
import { isRecord, readId, resolveEnum, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";
import type { Customer } from "../models/customer.js";
import { readCustomerId, readTime } from "./spells.js";
import { buildPeriodGrid, gridPeriodInfo, periodIndex, resolveSeriesOptions } from "./periods.js";

/**
 * How a return is counted at offset k:
 * - `"n-period"`: active in exactly calendar period k after the cohort period (Amplitude
 *   "Return On", Mixpanel "On", PostHog's default);
 * - `"unbounded"`: active in period k or any later one (Amplitude "Return On or After",
 *   Mixpanel "On or After", PostHog `cumulative`); never increases with k;
 * - `"rolling"`: active in the k-th window of 24 h, 7 days or 30 days after the
 *   customer's own cohort event (Amplitude's default, PostHog `24_hour_windows`).
 */
export type CohortRetentionMode = "n-period" | "unbounded" | "rolling";

/** An event for cohort retention: any record with `customerId`, `occurredAt` and optionally `type`. */
export interface CohortEvent {
  readonly customerId: string | number;
  readonly occurredAt: DateInput;
  /** Event name, matched by `cohortEvent` and `returnEvent`. */
  readonly type?: string;
}

/** Which events qualify: an event name, a list of names, or a predicate. */
export type EventMatcher<E> = string | readonly string[] | ((event: E) => boolean);

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions<E extends CohortEvent = CohortEvent> extends PeriodOptions, AsOfOptions {
  /**
   * Retention mode (see {@link CohortRetentionMode}).
   * @defaultValue `"n-period"`
   */
  readonly mode?: CohortRetentionMode;
  /**
   * Events that put a customer in a cohort (their first one does).
   * @defaultValue every event
   */
  readonly cohortEvent?: EventMatcher<E>;
  /**
   * Events that count as a return.
   * @defaultValue every event
   */
  readonly returnEvent?: EventMatcher<E>;
  /**
   * Customer records whose `acquiredAt` sets their cohort instead of their first cohort
   * event (customers without `acquiredAt`, or not listed, fall back to it). Listed
   * customers without any event still count in their cohort's size.
   */
  readonly customers?: Iterable<Customer>;
  /**
   * Largest offset reported per cohort.
   * @defaultValue as many as `asOf` allows
   */
  readonly maxPeriods?: number;
}

/** One cell of the triangle. */
export interface CohortRetentionCell {
  /** Periods since the cohort period (0 = the cohort period itself: every member). */
  readonly offset: number;
  /** Members counted as retained at this offset. */
  readonly count: number;
  /** `count / size`; `null` for an empty cohort. */
  readonly rate: number | null;
  /** Whether the whole offset window had passed by `asOf` for every member. */
  readonly complete: boolean;
}

/** One cohort (a row of the heat map). */
export interface CohortRetentionRow extends PeriodInfo {
  /** Members of the cohort. */
  readonly size: number;
  /** Cells at offsets 0, 1, ... up to what `asOf` (or `maxPeriods`) allows. */
  readonly cells: readonly CohortRetentionCell[];
}

/** Pooled average of an offset over the cohorts whose cell is complete. */
export interface CohortRetentionAverage {
  readonly offset: number;
  /** Sum of the complete cells' counts. */
  readonly count: number;
  /** Sum of those cohorts' sizes. */
  readonly eligible: number;
  /** `count / eligible` (pooled, ΣC/ΣP); `null` when no cohort is eligible. */
  readonly rate: number | null;
}

/** Result of {@link cohortRetention}. */
export interface CohortRetentionResult {
  readonly mode: CohortRetentionMode;
  readonly period: PeriodUnit;
  readonly timeZone: string;
  /** The observation instant (ISO), `null` when there is no event. */
  readonly asOf: string | null;
  /** Customers in a cohort. */
  readonly customers: number;
  /** Events read (those after `asOf` excluded). */
  readonly events: number;
  /** Cohorts in ascending order, one per period from the first cohort to `asOf` (empty ones included). */
  readonly cohorts: readonly CohortRetentionRow[];
  /** Pooled average per offset over complete cells. */
  readonly average: readonly CohortRetentionAverage[];
}

const ROLLING_MS: Readonly<Partial<Record<PeriodUnit, number>>> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
};

/**
 * Cohort retention triangle, ready to draw as a heat map: customers grouped by the
 * calendar period (day, week, month, ... in a time zone) of their first cohort event (or
 * their `acquiredAt`), and for each later offset the share who came back, in the
 * `"n-period"`, `"unbounded"` or `"rolling"` sense of Amplitude and PostHog. The return
 * event may differ from the cohort event. Offset 0 is the cohort size (every member), as
 * in both tools. Cells whose window had not fully passed by `asOf` are flagged
 * `complete: false` and left out of the averages. One pass over the events after reading,
 * memory O(customers).
 *
 * @param events - Records with `customerId`, `occurredAt` and optional `type` (interactions, transactions).
 * @param options - Mode, period, time zone, cohort and return events, acquisition dates, `asOf`.
 * @returns Cohort rows with sizes and cells, and the pooled average per offset.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid id or date;
 *   `INVALID_OPTION` for a bad option (`"rolling"` supports day, week and month).
 *
 * @example
 * const events = [
 *   { customerId: "a", occurredAt: "2024-01-03" },
 *   { customerId: "b", occurredAt: "2024-01-20" },
 *   { customerId: "a", occurredAt: "2024-02-11" },
 *   { customerId: "b", occurredAt: "2024-03-05" },
 *   { customerId: "c", occurredAt: "2024-02-07" },
 * ];
 * cohortRetention(events, { asOf: "2024-03-31" }).cohorts.map((c) => c.cells.map((x) => x.count))
 * // => [[2, 1, 1], [1, 0], [0]]
 * @example
 * const events = [
 *   { customerId: "a", occurredAt: "2024-01-03" },
 *   { customerId: "b", occurredAt: "2024-01-20" },
 *   { customerId: "b", occurredAt: "2024-03-05" },
 * ];
 * cohortRetention(events, { mode: "unbounded", asOf: "2024-03-31" }).cohorts[0].cells.map((x) => x.rate)
 * // => [1, 0.5, 0.5]
 */
export function cohortRetention<E extends CohortEvent>(
  events: Iterable<E>,
  options?: CohortRetentionOptions<E>,
): CohortRetentionResult {
  const fn = "cohortRetention";
  const opts = resolveOptions(fn, options);
  const mode = resolveEnum<CohortRetentionMode>(fn, "mode", opts.mode, ["n-period", "unbounded", "rolling"], "n-period");
  const { period, timeZone, weekStartsOn, asOf: asOfOpt } = resolveSeriesOptions(fn, opts);
  const windowMs = ROLLING_MS[period] ?? 0;
  if (mode === "rolling" && windowMs === 0) {
    invalidOption(fn, "period", 'must be "day", "week" or "month" with mode "rolling"', period);
  }
  const maxPeriods = resolveNumberOption(fn, "maxPeriods", opts.maxPeriods, Number.MAX_SAFE_INTEGER, { integer: true, min: 0 });
  const isCohort = matcher<E>(fn, "cohortEvent", opts.cohortEvent);
  const isReturn = matcher<E>(fn, "returnEvent", opts.returnEvent);
  const items = toArray<E>(fn, "events", events);
  const n = items.length;

  // Pass 1: read every record once.
  const index = new Map<string, number>();
  const custOf = new Int32Array(n);
  const times = new Float64Array(n);
  const flags = new Uint8Array(n); // 1 = cohort event, 2 = return event
  let maxTime = -Infinity;
  let lastId = "";
  let lastIndex = 0;
  const allEvents = opts.cohortEvent === undefined && opts.returnEvent === undefined;
  for (let i = 0; i < n; i++) {
    const r = items[i] as unknown;
    if (!isRecord(r)) invalidInput(fn, recordPath("events", i), "must be an event record", r);
    const rec = r as Record<string, unknown>;
    const id = readCustomerId(fn, "events", i, rec["customerId"]);
    const t = readTime(fn, "events", i, "occurredAt", rec["occurredAt"], timeZone);
    let c: number | undefined;
    if (id === lastId) c = lastIndex;
    else {
      c = index.get(id);
      if (c === undefined) {
        c = index.size;
        index.set(id, c);
      }
      lastId = id;
      lastIndex = c;
    }
    custOf[i] = c;
    times[i] = t;
    if (asOfOpt !== undefined && t > asOfOpt) continue;
    flags[i] = allEvents ? 3 : (isCohort(r as E) ? 1 : 0) | (isReturn(r as E) ? 2 : 0);
    if (t > maxTime) maxTime = t;
  }

  // Cohort start per customer: acquiredAt, else the first cohort event.
  const starts: number[] = new Array<number>(index.size).fill(Infinity);
  let used = 0;
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if (f === 0) continue;
    used++;
    if ((f & 1) !== 0 && times[i]! < starts[custOf[i]!]!) starts[custOf[i]!] = times[i]!;
  }
  if (opts.customers !== undefined) {
    const list = toArray<Customer>(fn, "options.customers", opts.customers);
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as unknown;
      if (!isRecord(r)) invalidInput(fn, recordPath("options.customers", i), "must be a Customer record", r);
      const acquired = r["acquiredAt"];
      const id = readId(fn, recordPath("options.customers", i, "id"), r["id"]);
      if (acquired === undefined || acquired === null) continue;
      const t = toTimestamp(fn, recordPath("options.customers", i, "acquiredAt"), acquired, timeZone);
      if (asOfOpt !== undefined && t > asOfOpt) continue;
      let c = index.get(id);
      if (c === undefined) {
        c = index.size;
        index.set(id, c);
        starts.push(t);
      } else starts[c] = t;
      if (t > maxTime) maxTime = t;
    }
  }
  const asOf = asOfOpt ?? maxTime;
  let first = Infinity;
  let members = 0;
  for (const s of starts) {
    if (s < Infinity) {
      members++;
      if (s < first) first = s;
    }
  }
  const base = { mode, period, timeZone, customers: members, events: used };
  if (members === 0) return { ...base, asOf: Number.isFinite(asOf) ? isoString(asOf) : null, cohorts: [], average: [] };

  const grid = buildPeriodGrid(first, asOf, asOf, period, timeZone, weekStartsOn);
  const bounds = grid.boundaries;
  const nPeriods = grid.labels.length;
  const periodOf = (t: number): number => periodIndex(bounds, t);
  const nCust = starts.length;
  const cohortOf = new Int32Array(nCust).fill(-1);
  const sizes = new Float64Array(nPeriods);
  for (let c = 0; c < nCust; c++) {
    if (starts[c]! < Infinity) {
      const p = periodOf(starts[c]!);
      cohortOf[c] = p;
      sizes[p]!++;
    }
  }
  // Cells each cohort can have: calendar offsets up to asOf's period; rolling windows started by asOf.
  const cellCount = new Int32Array(nPeriods);
  for (let p = 0; p < nPeriods; p++) {
    const max = mode === "rolling" ? Math.floor((asOf - bounds[p]!) / windowMs) : nPeriods - 1 - p;
    cellCount[p] = Math.min(max, maxPeriods) + 1;
  }
  const width = Math.max(...cellCount);
  const counts = new Float64Array(nPeriods * width);

  const offsetOf = (i: number, c: number): number => {
    if (mode === "rolling") return Math.floor((times[i]! - starts[c]!) / windowMs);
    return periodOf(times[i]!) - cohortOf[c]!;
  };
  if (mode === "unbounded") {
    const maxOff = new Int32Array(nCust);
    for (let i = 0; i < n; i++) {
      if ((flags[i]! & 2) === 0) continue;
      const c = custOf[i]!;
      if (cohortOf[c]! < 0) continue;
      const k = offsetOf(i, c);
      if (k > maxOff[c]!) maxOff[c] = k;
    }
    for (let c = 0; c < nCust; c++) {
      const p = cohortOf[c]!;
      if (p < 0) continue;
      const k = Math.min(maxOff[c]!, cellCount[p]! - 1);
      if (k >= 1) counts[p * width + k]!++;
    }
    for (let p = 0; p < nPeriods; p++) {
      for (let k = width - 2; k >= 1; k--) counts[p * width + k]! += counts[p * width + k + 1]!;
    }
  } else {
    // Distinct (customer, offset) pairs: bucket return events by customer, then de-duplicate.
    const head = new Int32Array(nCust + 1);
    const offs = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      offs[i] = -1;
      if ((flags[i]! & 2) === 0) continue;
      const c = custOf[i]!;
      const p = cohortOf[c]!;
      if (p < 0) continue;
      const k = offsetOf(i, c);
      if (k >= 1 && k < cellCount[p]!) {
        offs[i] = k;
        head[c + 1]!++;
      }
    }
    for (let c = 0; c < nCust; c++) head[c + 1]! += head[c]!;
    const fill = head.slice(0, nCust);
    const byCust = new Int32Array(head[nCust]!);
    for (let i = 0; i < n; i++) if (offs[i]! >= 1) byCust[fill[custOf[i]!]!++] = offs[i]!;
    const stamp = new Int32Array(width).fill(-1);
    for (let c = 0; c < nCust; c++) {
      const p = cohortOf[c]!;
      for (let j = head[c]!; j < head[c + 1]!; j++) {
        const k = byCust[j]!;
        if (stamp[k] !== c) {
          stamp[k] = c;
          counts[p * width + k]!++;
        }
      }
    }
  }

  const cohorts: CohortRetentionRow[] = [];
  const avgCount = new Float64Array(width);
  const avgEligible = new Float64Array(width);
  for (let p = 0; p < nPeriods; p++) {
    const size = sizes[p]!;
    const cells: CohortRetentionCell[] = [];
    for (let k = 0; k < cellCount[p]!; k++) {
      const count = k === 0 ? size : counts[p * width + k]!;
      const complete =
        mode === "rolling" ? bounds[p + 1]! + (k + 1) * windowMs <= asOf + 1 : grid.complete[p + k]!;
      cells.push({ offset: k, count, rate: size === 0 ? null : count / size, complete });
      if (complete && size > 0) {
        avgCount[k]! += count;
        avgEligible[k]! += size;
      }
    }
    cohorts.push({ ...gridPeriodInfo(grid, p), size, cells });
  }
  const average: CohortRetentionAverage[] = [];
  for (let k = 0; k < width; k++) {
    average.push({ offset: k, count: avgCount[k]!, eligible: avgEligible[k]!, rate: avgEligible[k] === 0 ? null : avgCount[k]! / avgEligible[k]! });
  }
  return { ...base, asOf: isoString(asOf), cohorts, average };
}

function matcher<E>(fn: string, name: string, value: unknown): (event: E) => boolean {
  if (value === undefined) return () => true;
  if (typeof value === "function") return (e) => (value as (event: E) => unknown)(e) === true;
  if (typeof value === "string") return (e) => (e as { type?: unknown }).type === value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    const set = new Set<unknown>(value);
    return (e) => set.has((e as { type?: unknown }).type);
  }
  return invalidOption(fn, name, "must be an event name, a list of names or a predicate", value);
}
