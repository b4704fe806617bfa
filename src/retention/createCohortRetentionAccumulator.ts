import { invalidInput } from "../core/errors.js";
import type { PeriodUnit, WeekDay } from "../core/options.js";
import { isRecord } from "../core/validate.js";
import {
  type AcquiredDates,
  checkColumnsState,
  CohortColumns,
  type CohortSettings,
  cohortTriangle,
  readAcquired,
  resolveCohortSettings,
} from "./cohortCounts.js";
import type { CohortEvent, CohortRetentionMode, CohortRetentionOptions, CohortRetentionResult } from "./cohortRetention.js";

/**
 * Plain state of a {@link CohortRetentionAccumulator}: strings, numbers and typed arrays,
 * so `structuredClone` and `postMessage` (worker threads) copy it as it is. Rebuild an
 * accumulator from it with `createCohortRetentionAccumulator(sameOptions).merge(state)`.
 */
export interface CohortRetentionAccumulatorState {
  /** The calendar settings it was built with; `merge` refuses a state with others. */
  readonly mode: CohortRetentionMode;
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly weekStartsOn: WeekDay;
  /** `asOf` in epoch ms, `null` when not set. */
  readonly asOf: number | null;
  /** Customer ids, indexed by the `customer` column. */
  readonly ids: readonly string[];
  /** Per kept event (a cohort or return event at or before `asOf`): index into `ids`. */
  readonly customer: Int32Array;
  /** Per kept event: epoch ms. */
  readonly time: Float64Array;
  /** Per kept event: 1 = cohort event, 2 = return event, 3 = both. */
  readonly flags: Uint8Array;
  /** Latest time of any event read at or before `asOf` (`null` before the first). */
  readonly maxTime: number | null;
}

/** A mergeable cohort retention triangle: see {@link createCohortRetentionAccumulator}. */
export interface CohortRetentionAccumulator<E extends CohortEvent = CohortEvent> {
  /** Events added with `add`/`addAll` to this accumulator (merged ones not included). */
  readonly added: number;
  /** Add one event (validated as {@link cohortRetention} does; paths count the events added so far). */
  add(event: E): CohortRetentionAccumulator<E>;
  /** Add every event of an iterable, one by one (it is never held in memory). */
  addAll(events: Iterable<E>): CohortRetentionAccumulator<E>;
  /**
   * Add everything another accumulator (or its `state()`) holds. Both must have been made
   * with the same options; the calendar ones are checked, the event matchers cannot be.
   */
  merge(other: CohortRetentionAccumulator<E> | CohortRetentionAccumulatorState): CohortRetentionAccumulator<E>;
  /** The triangle of everything added and merged: exactly `cohortRetention(allEvents, options)`. */
  result(): CohortRetentionResult;
  /** A copy of the state as plain data (see {@link CohortRetentionAccumulatorState}). */
  state(): CohortRetentionAccumulatorState;
}

/**
 * Cohort retention fed event by event (a database cursor, a stream, `accumulateAsync`)
 * and merged across chunks or worker threads. It keeps, per cohort or return event at or
 * before `asOf`, the customer, the time and the event's role (13 bytes an event, the
 * events that match neither are dropped), because a customer's cohort is only known when
 * all of their events have been seen. `result()` runs the same engine as
 * {@link cohortRetention} on them, so any split of the input, merged in any order, gives
 * exactly the one-shot triangle.
 *
 * To move an accumulator to another thread, send `state()` (plain data with typed arrays)
 * and rebuild it there with `createCohortRetentionAccumulator(sameOptions).merge(state)`.
 *
 * @param options - The options of {@link cohortRetention} (fixed when the accumulator is created).
 * @returns An empty accumulator.
 * @throws {CrmMetricsError} `INVALID_OPTION` for a bad option and `INVALID_INPUT` for a bad
 *   `customers` record (both at creation); `add` throws `INVALID_INPUT` for a bad event
 *   (path `events[k]`, k counting the events added so far); `merge` throws `INVALID_INPUT`
 *   for a state made with other calendar settings or malformed; `result` throws as
 *   {@link cohortRetention} does for more than 100,000 periods or 2^25 table cells (path
 *   `events[k].occurredAt`, or `events` for an event that came in through `merge`).
 *
 * @example
 * const january = [
 *   { customerId: "a", occurredAt: "2024-01-03" },
 *   { customerId: "b", occurredAt: "2024-01-20" },
 * ];
 * const later = [
 *   { customerId: "a", occurredAt: "2024-02-11" },
 *   { customerId: "b", occurredAt: "2024-03-05" },
 *   { customerId: "c", occurredAt: "2024-02-07" },
 * ];
 * const options = { asOf: "2024-03-31" };
 * const acc = createCohortRetentionAccumulator(options).addAll(january);
 * acc.merge(createCohortRetentionAccumulator(options).addAll(later));
 * acc.result().cohorts.map((c) => c.cells.map((x) => x.count))
 * // => [[2, 1, 1], [1, 0], [0]]
 * @example
 * const acc = createCohortRetentionAccumulator({ asOf: "2024-03-31" });
 * acc.add({ customerId: "a", occurredAt: "2024-01-03" });
 * const copy = createCohortRetentionAccumulator({ asOf: "2024-03-31" }).merge(structuredClone(acc.state()));
 * copy.add({ customerId: "a", occurredAt: "2024-03-09" }).result().cohorts.map((c) => c.cells.map((x) => x.rate))
 * // => [[1, 0, 1], [null, null], [null]]
 */
export function createCohortRetentionAccumulator<E extends CohortEvent = CohortEvent>(
  options?: CohortRetentionOptions<E>,
): CohortRetentionAccumulator<E> {
  const fn = "createCohortRetentionAccumulator";
  const settings: CohortSettings<E> = resolveCohortSettings<E>(fn, options);
  const customers = options?.customers;
  const acquired: AcquiredDates | null = customers === undefined ? null : readAcquired(fn, customers, settings.timeZone, settings.asOf);
  const cols = new CohortColumns<E>(settings);
  let added = 0;
  const state = (): CohortRetentionAccumulatorState => ({
    mode: settings.mode,
    period: settings.period,
    timeZone: settings.timeZone,
    weekStartsOn: settings.weekStartsOn,
    asOf: settings.asOf ?? null,
    ...cols.state(),
  });
  const acc: CohortRetentionAccumulator<E> = {
    get added() {
      return added;
    },
    add(event) {
      cols.read(event, added);
      added++;
      return acc;
    },
    addAll(events) {
      if (events === null || typeof events !== "object" || typeof (events as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") {
        invalidInput(fn, "events", "must be an array or iterable of records", events);
      }
      if (Array.isArray(events)) {
        for (let i = 0; i < events.length; i++) {
          cols.read(events[i], added);
          added++;
        }
      } else for (const e of events) acc.add(e);
      return acc;
    },
    merge(other) {
      const st = isRecord(other) && typeof other["state"] === "function" ? (other as CohortRetentionAccumulator<E>).state() : other;
      if (!isRecord(st)) invalidInput(fn, "other", "must be a cohort retention accumulator or its state()", st);
      const s = st as unknown as CohortRetentionAccumulatorState;
      if (
        s.mode !== settings.mode ||
        s.period !== settings.period ||
        s.timeZone !== settings.timeZone ||
        s.weekStartsOn !== settings.weekStartsOn ||
        s.asOf !== (settings.asOf ?? null)
      ) {
        invalidInput(fn, "other", `must be the state of an accumulator with the same mode, period, timeZone, weekStartsOn and asOf`, st);
      }
      cols.append(checkColumnsState(fn, "other", st));
      return acc;
    },
    result() {
      return cohortTriangle(settings, cols, acquired);
    },
    state,
  };
  return acc;
}
