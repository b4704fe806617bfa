// The engine of cohortRetention and createCohortRetentionAccumulator: events read into
// typed-array columns (customer index, time, cohort/return flags), then the triangle
// computed from the columns. Both public functions share it, so an accumulator fed any
// split of the input gives exactly the one-shot result.
import { farEnd, grouped, type SeriesEnds, SeriesExtent } from "../core/periodLimit.js";
import { DenseIdIndex } from "../core/denseIdIndex.js";
import { CrmMetricsError, invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { eventTimestamp } from "../core/eventTimestamp.js";
import { keepScratch, scratch } from "../core/scratch.js";
import type { PeriodUnit, WeekDay } from "../core/options.js";
import { isoString, toTimestamp } from "../core/time.js";
import { isRecord, readId, resolveEnum, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";
import type { Customer } from "../models/customer.js";
import type {
  CohortEvent,
  CohortRetentionAverage,
  CohortRetentionCell,
  CohortRetentionMode,
  CohortRetentionOptions,
  CohortRetentionResult,
  CohortRetentionRow,
} from "./cohortRetention.js";
import { buildPeriodGrid, gridEndPath, gridPeriodInfo, periodIndex, resolveSeriesOptions } from "./periods.js";
import { readCustomerId, readTime } from "./spells.js";

const ROLLING_MS: Readonly<Partial<Record<PeriodUnit, number>>> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
};
/** Largest bitset (32-bit words) used to de-duplicate (customer, offset) pairs. */
const MAX_BITSET_WORDS = 1 << 23;
/**
 * The most cells (cohorts x offsets) a cohort table may have: 2^25 (a 256 MB count table,
 * 5,792 daily cohorts without maxPeriods). A calendar table has about periods^2 / 2 cells,
 * so 100,000 periods (the series limit) would need 40 GB.
 */
const MAX_TABLE_CELLS = 1 << 25;

/** Validated options of a cohort triangle. @internal */
export interface CohortSettings<E> {
  readonly fn: string;
  readonly mode: CohortRetentionMode;
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly weekStartsOn: WeekDay;
  readonly asOf: number | undefined;
  readonly maxPeriods: number;
  /** Rolling window length (0 when the period has none). */
  readonly windowMs: number;
  /** Every event is both a cohort and a return event. */
  readonly allEvents: boolean;
  readonly isCohort: (event: E) => boolean;
  readonly isReturn: (event: E) => boolean;
}

/** Validate the options shared by cohortRetention and its accumulator. @internal */
export function resolveCohortSettings<E extends CohortEvent>(fn: string, options: CohortRetentionOptions<E> | undefined): CohortSettings<E> {
  const opts = resolveOptions(fn, options);
  const mode = resolveEnum<CohortRetentionMode>(fn, "mode", opts.mode, ["n-period", "unbounded", "rolling"], "n-period");
  const { period, timeZone, weekStartsOn, asOf } = resolveSeriesOptions(fn, opts);
  const windowMs = ROLLING_MS[period] ?? 0;
  if (mode === "rolling" && windowMs === 0) {
    invalidOption(fn, "period", 'must be "day", "week" or "month" with mode "rolling"', period);
  }
  const maxPeriods = resolveNumberOption(fn, "maxPeriods", opts.maxPeriods, Number.MAX_SAFE_INTEGER, { integer: true, min: 0 });
  const isCohort = matcher<E>(fn, "cohortEvent", opts.cohortEvent);
  const isReturn = matcher<E>(fn, "returnEvent", opts.returnEvent);
  const allEvents = opts.cohortEvent === undefined && opts.returnEvent === undefined;
  return { fn, mode, period, timeZone, weekStartsOn, asOf, maxPeriods, windowMs, allEvents, isCohort, isReturn };
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

/** Acquisition dates of `options.customers`, validated (the last listing of an id wins). @internal */
export interface AcquiredDates {
  readonly ids: readonly string[];
  /** Per listing: the acquisition instant, or NaN for none (or after `asOf`). */
  readonly times: readonly number[];
  /** Per listing: its index in `options.customers`. */
  readonly indices: readonly number[];
}

/** Read `options.customers`. @internal */
export function readAcquired(fn: string, customers: unknown, timeZone: string, asOf: number | undefined): AcquiredDates {
  const list = toArray<Customer>(fn, "options.customers", customers);
  const ids: string[] = [];
  const times: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as unknown;
    if (!isRecord(r)) invalidInput(fn, recordPath("options.customers", i), "must be a Customer record", r);
    const acquired = r["acquiredAt"];
    const id = readId(fn, recordPath("options.customers", i, "id"), r["id"]);
    if (acquired === undefined || acquired === null) continue;
    const t = toTimestamp(fn, recordPath("options.customers", i, "acquiredAt"), acquired, timeZone);
    if (asOf !== undefined && t > asOf) continue;
    ids.push(id);
    times.push(t);
    indices.push(i);
  }
  return { ids, times, indices };
}

/**
 * Plain state of a cohort accumulator (structured-clone friendly: strings, numbers and
 * typed arrays). @internal
 */
export interface CohortColumnsState {
  readonly ids: readonly string[];
  readonly customer: Int32Array;
  readonly time: Float64Array;
  readonly flags: Uint8Array;
  readonly maxTime: number | null;
}

/**
 * The events that matter, as columns: customer index, time and flags (1 = cohort event,
 * 2 = return event) of every event at or before `asOf` that is a cohort or return event,
 * plus the latest time of any event at or before `asOf`. @internal
 */
export class CohortColumns<E> {
  readonly index: DenseIdIndex;
  customer: Int32Array;
  time: Float64Array;
  flags: Uint8Array;
  /** Rows used. */
  n: number = 0;
  maxTime: number = Number.NEGATIVE_INFINITY;
  /** Earliest cohort event and latest event read, with their paths (for the series length check). */
  readonly extent: SeriesExtent = new SeriesExtent();
  private readonly s: CohortSettings<E>;
  private readonly utc: boolean;

  /**
   * With `reuse`, the customer and time columns are reused from the last call (see
   * core/scratch.ts) and must be handed back with {@link CohortColumns.release}.
   */
  constructor(settings: CohortSettings<E>, capacity = 1024, reuse = false) {
    this.s = settings;
    this.utc = settings.timeZone === "UTC";
    const cap = Math.max(16, capacity);
    // every element below `n` is written before it is read
    this.customer = reuse ? scratch("cohort.customer", Int32Array, cap) : new Int32Array(cap);
    this.time = reuse ? scratch("cohort.time", Float64Array, cap) : new Float64Array(cap);
    this.flags = new Uint8Array(cap);
    this.index = new DenseIdIndex();
  }

  /** Read record `i` of `events` (validated: throws `INVALID_INPUT` with its path). */
  read(r: unknown, i: number): void {
    const s = this.s;
    if (r === null || typeof r !== "object" || Array.isArray(r)) invalidInput(s.fn, recordPath("events", i), "must be an event record", r);
    const rec = r as Record<string, unknown>;
    const id = readCustomerId(s.fn, "events", i, rec["customerId"]);
    const at = rec["occurredAt"];
    let t = eventTimestamp(at, s.timeZone, this.utc);
    if (t !== t) t = readTime(s.fn, "events", i, "occurredAt", at, s.timeZone);
    if (s.asOf !== undefined && t > s.asOf) return;
    if (t > this.maxTime) this.maxTime = t;
    const f = s.allEvents ? 3 : (s.isCohort(r as E) ? 1 : 0) | (s.isReturn(r as E) ? 2 : 0);
    if ((f & 1) !== 0) this.extent.add(t, "events", i, "occurredAt");
    else this.extent.addLast(t, "events", i, "occurredAt");
    if (f === 0) return;
    this.push(this.index.intern(id), t, f);
  }

  private push(c: number, t: number, f: number): void {
    const k = this.n;
    if (k === this.customer.length) this.grow(k * 2);
    this.customer[k] = c;
    this.time[k] = t;
    this.flags[k] = f;
    this.n = k + 1;
  }

  private grow(cap: number): void {
    const customer = new Int32Array(cap);
    customer.set(this.customer);
    const time = new Float64Array(cap);
    time.set(this.time);
    const flags = new Uint8Array(cap);
    flags.set(this.flags);
    this.customer = customer;
    this.time = time;
    this.flags = flags;
  }

  /** Hand the customer and time columns back for the next call: the columns must not be used afterwards. */
  release(): void {
    keepScratch("cohort.customer", this.customer);
    keepScratch("cohort.time", this.time);
  }

  /** A copy of the columns as plain data. */
  state(): CohortColumnsState {
    return {
      ids: this.index.ids.slice(),
      customer: this.customer.slice(0, this.n),
      time: this.time.slice(0, this.n),
      flags: this.flags.slice(0, this.n),
      maxTime: this.maxTime === Number.NEGATIVE_INFINITY ? null : this.maxTime,
    };
  }

  /** Append the rows of a state (customers matched by id). */
  append(st: CohortColumnsState): void {
    const remap = new Int32Array(st.ids.length);
    for (let k = 0; k < st.ids.length; k++) remap[k] = this.index.intern(st.ids[k]!);
    if (this.n + st.customer.length > this.customer.length) this.grow(Math.max(this.customer.length * 2, this.n + st.customer.length));
    for (let k = 0; k < st.customer.length; k++) {
      this.customer[this.n] = remap[st.customer[k]!]!;
      this.time[this.n] = st.time[k]!;
      this.flags[this.n] = st.flags[k]!;
      if ((st.flags[k]! & 1) !== 0) this.extent.add(st.time[k]!, "events", -1, "");
      this.n++;
    }
    if (st.maxTime !== null) this.extent.addLast(st.maxTime, "events", -1, "");
    if (st.maxTime !== null && st.maxTime > this.maxTime) this.maxTime = st.maxTime;
  }
}

/** Check that `value` is a well-formed {@link CohortColumnsState}, or throw `INVALID_INPUT` at `path`. @internal */
export function checkColumnsState(fn: string, path: string, value: unknown): CohortColumnsState {
  const bad = (rule: string): never => invalidInput(fn, path, rule, value);
  if (!isRecord(value)) return bad("must be a cohort accumulator or its state()");
  const { ids, customer, time, flags, maxTime } = value;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) return bad("must have ids: an array of strings");
  if (!(customer instanceof Int32Array) || !(time instanceof Float64Array) || !(flags instanceof Uint8Array)) {
    return bad("must have customer (Int32Array), time (Float64Array) and flags (Uint8Array) columns");
  }
  if (time.length !== customer.length || flags.length !== customer.length) return bad("must have columns of equal length");
  if (!(maxTime === null || (typeof maxTime === "number" && Number.isFinite(maxTime)))) return bad("must have maxTime: a number or null");
  const latest = maxTime ?? Number.NEGATIVE_INFINITY;
  for (let k = 0; k < customer.length; k++) {
    const c = customer[k]!;
    const f = flags[k]!;
    if (c < 0 || c >= ids.length || f < 1 || f > 3 || !Number.isFinite(time[k]!) || time[k]! > latest) {
      return bad(`must have valid rows (row ${k} is not)`);
    }
  }
  return value as unknown as CohortColumnsState;
}

/** The dates of the events and of `options.customers` (acquisition dates start cohorts too). */
function acquiredExtent(events: SeriesEnds, acquired: AcquiredDates | null): SeriesEnds {
  if (acquired === null) return events;
  const all = new SeriesExtent();
  all.add(events.firstAt, "", -1, "");
  all.add(events.lastAt, "", -1, "");
  for (let j = 0; j < acquired.ids.length; j++) all.add(acquired.times[j]!, "options.customers", acquired.indices[j]!, "acquiredAt");
  return {
    firstAt: all.firstAt,
    lastAt: all.lastAt,
    path: (end) => (all.path(end) === "" ? events.path(end) : all.path(end)),
  };
}

/** The cohort triangle of the columns, with the acquisition dates applied. @internal */
export function cohortTriangle<E>(s: CohortSettings<E>, cols: CohortColumns<E>, acquired: AcquiredDates | null): CohortRetentionResult {
  const { mode, period, timeZone, windowMs, maxPeriods } = s;
  const { customer, time, flags } = cols;
  const n = cols.n;
  let maxTime = cols.maxTime;

  // Cohort start per customer: acquiredAt, else the first cohort event.
  const known = cols.index.size;
  let extra: Map<string, number> | null = null;
  if (acquired !== null) {
    for (const id of acquired.ids) {
      if (cols.index.get(id) < 0) {
        extra ??= new Map();
        if (!extra.has(id)) extra.set(id, known + extra.size);
      }
    }
  }
  const nCust = known + (extra === null ? 0 : extra.size);
  const starts = new Float64Array(nCust).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    if ((flags[i]! & 1) !== 0) {
      const c = customer[i]!;
      if (time[i]! < starts[c]!) starts[c] = time[i]!;
    }
  }
  if (acquired !== null) {
    for (let j = 0; j < acquired.ids.length; j++) {
      const id = acquired.ids[j]!;
      const t = acquired.times[j]!;
      const k = cols.index.get(id);
      starts[k >= 0 ? k : extra!.get(id)!] = t;
      if (t > maxTime) maxTime = t;
    }
  }
  const asOf = s.asOf ?? maxTime;
  let first = Number.POSITIVE_INFINITY;
  let members = 0;
  for (let c = 0; c < nCust; c++) {
    const t = starts[c]!;
    if (t < Number.POSITIVE_INFINITY) {
      members++;
      if (t < first) first = t;
    }
  }
  const base = { mode, period, timeZone, customers: members, events: n };
  if (members === 0) return { ...base, asOf: Number.isFinite(asOf) ? isoString(asOf) : null, cohorts: [], average: [] };

  const limit = { fn: s.fn, hint: "pass asOf, or use a longer period", options: { asOf: s.asOf }, records: acquiredExtent(cols.extent, acquired) };
  const grid = buildPeriodGrid(first, asOf, asOf, period, timeZone, s.weekStartsOn, limit);
  const bounds = Float64Array.from(grid.boundaries);
  const nPeriods = grid.labels.length;
  const periodOf = createPeriodLookup(bounds, grid.boundaries);
  const cohortOf = new Int32Array(nCust).fill(-1);
  const sizes = new Float64Array(nPeriods);
  for (let c = 0; c < nCust; c++) {
    if (starts[c]! < Number.POSITIVE_INFINITY) {
      const p = periodOf(starts[c]!);
      cohortOf[c] = p;
      sizes[p]!++;
    }
  }
  // Cells each cohort can have: calendar offsets up to asOf's period; rolling windows started by asOf.
  const cellCount = new Int32Array(nPeriods);
  let width = 0;
  for (let p = 0; p < nPeriods; p++) {
    const max = mode === "rolling" ? Math.floor((asOf - bounds[p]!) / windowMs) : nPeriods - 1 - p;
    cellCount[p] = Math.min(max, maxPeriods) + 1;
    if (cellCount[p]! > width) width = cellCount[p]!;
  }
  if (nPeriods * width > MAX_TABLE_CELLS) {
    const end = farEnd(first, asOf);
    const path = gridEndPath(limit, end, end === "first" ? first : asOf);
    throw new CrmMetricsError(
      path.startsWith("options.") ? "INVALID_OPTION" : "INVALID_INPUT",
      `${s.fn}: ${path} must keep the cohort table within ${grouped(MAX_TABLE_CELLS)} cells (pass maxPeriods, asOf, or use a longer period), ` +
        `got ${isoString(end === "first" ? first : asOf)}, which makes ${grouped(nPeriods)} cohorts of up to ${grouped(width)} periods`,
      path,
    );
  }
  const counts = new Float64Array(nPeriods * width);

  // Offset of each return event of a cohort member (-1 when not counted).
  const rolling = mode === "rolling";
  const offsetOf = (i: number, c: number): number =>
    rolling ? Math.floor((time[i]! - starts[c]!) / windowMs) : periodOf(time[i]!) - cohortOf[c]!;
  if (mode === "unbounded") {
    const maxOff = new Int32Array(nCust);
    for (let i = 0; i < n; i++) {
      if ((flags[i]! & 2) === 0) continue;
      const c = customer[i]!;
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
    const words = (width + 31) >>> 5;
    if (nCust * words <= MAX_BITSET_WORDS) {
      // Distinct (customer, offset) pairs as one bitset per customer.
      const seen = new Int32Array(nCust * words);
      for (let i = 0; i < n; i++) {
        if ((flags[i]! & 2) === 0) continue;
        const c = customer[i]!;
        const p = cohortOf[c]!;
        if (p < 0) continue;
        const k = offsetOf(i, c);
        if (k >= 1 && k < cellCount[p]!) seen[c * words + (k >>> 5)]! |= 1 << (k & 31);
      }
      for (let c = 0; c < nCust; c++) {
        const p = cohortOf[c]!;
        if (p < 0) continue;
        for (let w = 0; w < words; w++) {
          let bits = seen[c * words + w]!;
          while (bits !== 0) {
            const low = bits & -bits;
            counts[p * width + w * 32 + 31 - Math.clz32(low)]!++;
            bits ^= low;
          }
        }
      }
    } else {
      countDistinctBySort(n, nCust, width, customer, flags, cohortOf, cellCount, counts, offsetOf);
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
      const complete = rolling ? bounds[p + 1]! + (k + 1) * windowMs <= asOf + 1 : grid.complete[p + k]!;
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

/**
 * Index of the period of `bounds` that contains `t` (-1 before the first, the last index
 * past the end), remembering the last period found: events in time order hit it again.
 */
function createPeriodLookup(bounds: Float64Array, boundaries: readonly number[]): (t: number) => number {
  const last = bounds.length - 2;
  let p = 0;
  return (t) => {
    if (p <= last && bounds[p]! <= t && t < bounds[p + 1]!) return p;
    const q = periodIndex(boundaries, t);
    if (q >= 0 && q <= last) p = q;
    return q;
  };
}

/** Distinct (customer, offset) pairs by bucketing return events per customer (for very wide triangles). */
function countDistinctBySort(
  n: number,
  nCust: number,
  width: number,
  customer: Int32Array,
  flags: Uint8Array,
  cohortOf: Int32Array,
  cellCount: Int32Array,
  counts: Float64Array,
  offsetOf: (i: number, c: number) => number,
): void {
  const head = new Int32Array(nCust + 1);
  const offs = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if ((flags[i]! & 2) === 0) continue;
    const c = customer[i]!;
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
  for (let i = 0; i < n; i++) if (offs[i]! >= 1) byCust[fill[customer[i]!]!++] = offs[i]!;
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
