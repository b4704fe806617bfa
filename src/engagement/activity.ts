// Reading activity records (interactions, transactions: anything with `customerId` and
// `occurredAt`) for the engagement metrics, in one validating streaming pass.
import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import type { PeriodUnit, WeekDay } from "../core/options.js";
import { parseTimestamp, resolvePeriod, resolveTimeZone, resolveWeekStartsOn, toTimestamp } from "../core/time.js";
import { checkPeriodCount, type SeriesEnds, type SeriesLimit } from "../core/periodLimit.js";
import { groupByPeriod, type PeriodGroup } from "../core/trend.js";
import { isRecord, readId, readOptionalString, resolveBooleanOption } from "../core/validate.js";

/** Interaction directions. @internal */
export type Direction = "inbound" | "outbound";

/** One validated activity record, passed to the visitor of {@link forEachActivity}. @internal */
export interface ActivityFields {
  /** Position of the record in the input. */
  index: number;
  customer: string;
  /** Epoch ms. */
  time: number;
  /** Channel (`null` when absent); read only with `interactionFields`. */
  channel: string | null;
  /** Direction (`null` when absent); read only with `interactionFields`. */
  direction: Direction | null;
  /** Type; read only with `interactionFields` (else `""`). */
  type: string;
}

/** What to read besides customer and time. @internal */
export interface ReadActivityOptions {
  readonly name: string;
  readonly timeZone: string;
  /** Drop records whose `id` was already seen. */
  readonly dedupe: boolean;
  /** Read `channel`, `direction` and `type` (interactions). */
  readonly interactionFields: boolean;
  /** Name of the date field. */
  readonly dateField: string;
}

/** Counts of a {@link forEachActivity} pass. @internal */
export interface ActivityCounts {
  /** Records read. */
  readonly records: number;
  /** Records dropped as duplicates of an earlier record with the same `id`. */
  readonly duplicates: number;
}

/**
 * Stream activity records (an array or any iterable, read once, not copied): validate
 * `customerId` and the date field of every record (and `channel`, `direction`, `type`
 * when asked), drop `id` duplicates when `dedupe` is on, and call `visit` with each kept
 * record. The `fields` object is reused between calls. @internal
 */
export function forEachActivity(
  fn: string,
  input: unknown,
  options: ReadActivityOptions,
  visit: (fields: Readonly<ActivityFields>) => void,
): ActivityCounts {
  const { name, timeZone, dedupe, interactionFields, dateField } = options;
  const iterable =
    input !== null && typeof input === "object" && typeof (input as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
  if (!iterable) invalidInput(fn, name, "must be an array or iterable of records", input);
  const seen = dedupe ? new Set<string>() : null;
  const fields: ActivityFields = { index: 0, customer: "", time: 0, channel: null, direction: null, type: "" };
  let duplicates = 0;
  let i = 0;
  for (const r of input as Iterable<unknown>) {
    if (!isRecord(r)) invalidInput(fn, recordPath(name, i), "must be a record object", r);
    const rec = r as Record<string, unknown>;
    fields.index = i;
    fields.customer = fastId(rec["customerId"]) ?? readId(fn, recordPath(name, i, "customerId"), rec["customerId"]);
    let t = parseTimestamp(rec[dateField], timeZone);
    if (Number.isNaN(t)) t = toTimestamp(fn, recordPath(name, i, dateField), rec[dateField], timeZone);
    fields.time = t;
    if (interactionFields) {
      const ch = rec["channel"];
      fields.channel = typeof ch === "string" ? ch : (readOptionalString(fn, recordPath(name, i, "channel"), ch) ?? null);
      const d = rec["direction"];
      if (d === "inbound" || d === "outbound") fields.direction = d;
      else if (d === undefined || d === null) fields.direction = null;
      else invalidInput(fn, recordPath(name, i, "direction"), 'must be "inbound" or "outbound"', d);
      const ty = rec["type"];
      if (typeof ty !== "string" || ty === "") invalidInput(fn, recordPath(name, i, "type"), "must be a non-empty string", ty);
      fields.type = ty as string;
    }
    let keep = true;
    if (seen !== null && rec["id"] !== undefined && rec["id"] !== null) {
      const id = fastId(rec["id"]) ?? readId(fn, recordPath(name, i, "id"), rec["id"]);
      if (seen.has(id)) {
        duplicates++;
        keep = false;
      } else seen.add(id);
    }
    if (keep) visit(fields);
    i++;
  }
  return { records: i, duplicates };
}

/**
 * The calendar periods from the first to the last of `starts` (period starts), with their
 * ends and labels; all periods in between when `fillGaps`, else only those in `starts`.
 * With `fillGaps`, more than 100,000 periods (`MAX_PERIODS`) from the earliest to the
 * latest date of `extent` throw before any is built. @internal
 */
export function periodsOf(starts: Iterable<number>, options: ResolvedPeriodOptions, limit: SeriesLimit, extent: SeriesEnds): PeriodGroup<number>[] {
  if (options.fillGaps) {
    const calendar = { unit: options.period, timeZone: options.timeZone, weekStartsOn: options.weekStartsOn };
    checkPeriodCount(limit, calendar, extent.firstAt, extent.lastAt, (end) => extent.path(end));
  }
  const list = Float64Array.from(starts);
  return groupByPeriod(Array.from(list), list, {
    unit: options.period,
    timeZone: options.timeZone,
    weekStartsOn: options.weekStartsOn,
    fillGaps: options.fillGaps,
  });
}

/** A valid id read without building an error path (the common case), else `undefined`. @internal */
export function fastId(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Period options every engagement function resolves the same way. @internal */
export interface ResolvedPeriodOptions {
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly weekStartsOn: WeekDay;
  readonly fillGaps: boolean;
}

/** Resolve `period`, `timeZone`, `weekStartsOn` and `fillGaps`. @internal */
export function resolvePeriodOptions(
  fn: string,
  opts: { period?: unknown; timeZone?: unknown; weekStartsOn?: unknown; fillGaps?: unknown },
  fallback: PeriodUnit,
): ResolvedPeriodOptions {
  return {
    period: resolvePeriod(fn, opts.period, fallback),
    timeZone: resolveTimeZone(fn, opts.timeZone),
    weekStartsOn: resolveWeekStartsOn(fn, opts.weekStartsOn),
    fillGaps: resolveBooleanOption(fn, "fillGaps", opts.fillGaps, true),
  };
}

/** Validate an optional list-of-strings option (e.g. `types`); `null` when absent. @internal */
export function resolveStringSet(fn: string, name: string, value: unknown): Set<string> | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) invalidOption(fn, name, "must be an array of strings", value);
  const out = new Set<string>();
  (value as unknown[]).forEach((v, i) => {
    if (typeof v !== "string" || v === "") invalidOption(fn, `${name}[${i}]`, "must be a non-empty string", v);
    out.add(v as string);
  });
  return out;
}

/** Compare strings by UTF-16 code units (deterministic, locale-free). @internal */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
