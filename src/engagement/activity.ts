// Reading activity records (interactions, transactions: anything with `customerId` and
// `occurredAt`) for the engagement metrics, in one validating pass.
import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import type { PeriodUnit, WeekDay } from "../core/options.js";
import { parseTimestamp, resolvePeriod, resolveTimeZone, resolveWeekStartsOn, toTimestamp } from "../core/time.js";
import { isRecord, readId, readOptionalString, resolveBooleanOption, toArray } from "../core/validate.js";

/** Interaction directions. @internal */
export type Direction = "inbound" | "outbound";

/** Activity records read into columns. @internal */
export interface ActivityColumns {
  /** Epoch ms of each kept record. */
  readonly times: Float64Array;
  /** Customer id of each kept record. */
  readonly customers: string[];
  /** Channel of each kept record (`null` when absent); filled only when asked. */
  readonly channels: (string | null)[];
  /** Direction of each kept record (`null` when absent); filled only when asked. */
  readonly directions: (Direction | null)[];
  /** Type of each kept record; filled only when asked. */
  readonly types: string[];
  /** Records read. */
  readonly records: number;
  /** Records dropped as duplicates of an earlier record with the same `id`. */
  readonly duplicates: number;
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

/**
 * Read activity records: validate `customerId` and the date field of every record (and
 * `channel`, `direction`, `type` when asked), dropping `id` duplicates when `dedupe` is
 * on. @internal
 */
export function readActivity(fn: string, input: unknown, options: ReadActivityOptions): ActivityColumns {
  const { name, timeZone, dedupe, interactionFields, dateField } = options;
  const items = toArray<unknown>(fn, name, input);
  const times = new Float64Array(items.length);
  const customers: string[] = [];
  const channels: (string | null)[] = [];
  const directions: (Direction | null)[] = [];
  const types: string[] = [];
  const seen = dedupe ? new Set<string>() : null;
  let duplicates = 0;
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    const r = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath(name, i), "must be a record object", r);
    const rec = r as Record<string, unknown>;
    const customer = fastId(rec["customerId"]) ?? readId(fn, recordPath(name, i, "customerId"), rec["customerId"]);
    let t = parseTimestamp(rec[dateField], timeZone);
    if (Number.isNaN(t)) t = toTimestamp(fn, recordPath(name, i, dateField), rec[dateField], timeZone);
    let channel: string | null = null;
    let direction: Direction | null = null;
    let type = "";
    if (interactionFields) {
      const ch = rec["channel"];
      channel = typeof ch === "string" ? ch : (readOptionalString(fn, recordPath(name, i, "channel"), ch) ?? null);
      const d = rec["direction"];
      if (d === "inbound" || d === "outbound") direction = d;
      else if (d !== undefined && d !== null) {
        invalidInput(fn, recordPath(name, i, "direction"), 'must be "inbound" or "outbound"', d);
      }
      const ty = rec["type"];
      if (typeof ty !== "string" || ty === "") invalidInput(fn, recordPath(name, i, "type"), "must be a non-empty string", ty);
      type = ty as string;
    }
    if (seen !== null && rec["id"] !== undefined && rec["id"] !== null) {
      const id = readId(fn, recordPath(name, i, "id"), rec["id"]);
      if (seen.has(id)) {
        duplicates++;
        continue;
      }
      seen.add(id);
    }
    times[k++] = t;
    customers.push(customer);
    if (interactionFields) {
      channels.push(channel);
      directions.push(direction);
      types.push(type);
    }
  }
  return { times: times.subarray(0, k), customers, channels, directions, types, records: items.length, duplicates };
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
