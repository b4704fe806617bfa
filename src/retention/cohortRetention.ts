import { invalidInput } from "../core/errors.js";
import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit } from "../core/options.js";
import type { PeriodInfo } from "../core/trend.js";
import type { Customer } from "../models/customer.js";
import { CohortColumns, cohortTriangle, readAcquired, resolveCohortSettings } from "./cohortCounts.js";

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
 *   `INVALID_OPTION` for a bad option (`"rolling"` supports day, week and month). More
 *   than 100,000 periods from the first cohort to `asOf`, or a table of more than 2^25
 *   cells (cohorts x offsets: 5,793 daily cohorts without `maxPeriods`), throw before the
 *   table is built: `INVALID_INPUT` at the event that sets the far end (one dated in year
 *   9999), `INVALID_OPTION` at `options.asOf` or `options.customers[i].acquiredAt`.
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
 * cohortRetention(events, { mode: "unbounded", asOf: "2024-03-31" }).cohorts[0]?.cells.map((x) => x.rate)
 * // => [1, 0.5, 0.5]
 */
export function cohortRetention<E extends CohortEvent>(
  events: Iterable<E>,
  options?: CohortRetentionOptions<E>,
): CohortRetentionResult {
  const fn = "cohortRetention";
  const settings = resolveCohortSettings<E>(fn, options);
  const isArray = Array.isArray(events);
  if (!isArray && !isIterable(events)) invalidInput(fn, "events", "must be an array or iterable of records", events);
  const cols = new CohortColumns<E>(settings, isArray ? events.length : 1024, true);
  if (isArray) {
    for (let i = 0; i < events.length; i++) cols.read(events[i], i);
  } else {
    let i = 0;
    for (const e of events) cols.read(e, i++);
  }
  const customers = options?.customers;
  const acquired = customers === undefined ? null : readAcquired(fn, customers, settings.timeZone, settings.asOf);
  const result = cohortTriangle(settings, cols, acquired);
  cols.release();
  return result;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return value !== null && typeof value === "object" && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}
