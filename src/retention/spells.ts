// Customer activity spells shared by the retention metrics: subscriptions (active while
// subscribed) or activity records (active until `inactiveAfter` has passed since the last
// record) become, per customer, sorted disjoint intervals [start, end) of being a customer.
import { SeriesExtent } from "../core/periodLimit.js";
import type { Duration } from "date-fns";
import { invalidInput, recordPath } from "../core/errors.js";
import { addDuration, parseTimestamp, toTimestamp } from "../core/time.js";
import { isRecord, readId, toArray } from "../core/validate.js";
import type { ActivityRecord } from "../models/activity.js";
import type { Interaction } from "../models/interaction.js";
import type { Subscription } from "../models/subscription.js";
import type { Transaction } from "../models/transaction.js";

/** What the customer-count metrics accept: subscriptions, or activity records. */
export type RetentionInput =
  | Iterable<Subscription>
  | Iterable<Transaction>
  | Iterable<Interaction>
  | Iterable<ActivityRecord>;

/** Sorted, disjoint, non-adjacent spells of one customer. @internal */
export interface Spells {
  readonly starts: number[];
  /** Exclusive ends; `Infinity` while still active. */
  readonly ends: number[];
}

/** Spells of every customer, and the data's time range. @internal */
export interface SpellSet {
  readonly kind: "subscriptions" | "activity";
  readonly customers: Map<string, Spells>;
  /** Earliest spell start (`Infinity` when empty). */
  readonly minTime: number;
  /** Latest date read in the input (`-Infinity` when empty). */
  readonly maxTime: number;
  /** The earliest and the latest date read, with their paths (for the series length check). */
  readonly extent: SeriesExtent;
}

const FIXED_MS: Readonly<Record<string, number>> = {
  weeks: 7 * 86_400_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
};

/** A fast `t => t + duration` when the duration has no calendar fields in UTC. @internal */
export function durationAdder(duration: Duration, timeZone: string): (t: number) => number {
  let fixed = 0;
  let calendar = timeZone !== "UTC";
  for (const [k, v] of Object.entries(duration)) {
    const ms = FIXED_MS[k];
    if (ms === undefined) calendar = true;
    else fixed += (v as number) * ms;
  }
  if (!calendar) return (t) => t + fixed;
  return (t) => addDuration(t, duration, timeZone);
}

/**
 * Read subscriptions or activity records into per-customer spells. The kind is set by
 * the first record (`startedAt` means subscriptions, `occurredAt` activity); every record
 * must be of that kind. @internal
 */
export function readSpells(
  fn: string,
  name: string,
  input: unknown,
  inactiveAfter: Duration,
  timeZone: string,
): SpellSet {
  const items = toArray<unknown>(fn, name, input);
  const head = items[0];
  if (isRecord(head) && !("startedAt" in head) && "occurredAt" in head) {
    return readActivitySpells(fn, name, items, durationAdder(inactiveAfter, timeZone), timeZone);
  }
  // the head is not an activity record here, so every record must be a subscription
  const raw = new Map<string, number[]>(); // flat [start, end, start, end, ...]
  let maxTime = -Infinity;
  const extent = new SeriesExtent();
  for (let i = 0; i < items.length; i++) {
    const r = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath(name, i), "must be a subscription or activity record", r);
    const rec = r as Record<string, unknown>;
    if (!("startedAt" in rec)) {
      if ("occurredAt" in rec) invalidInput(fn, recordPath(name, i), `must be of the same kind as ${name}[0] (a subscription)`, r);
      invalidInput(fn, recordPath(name, i), "must have startedAt (a subscription) or occurredAt (an activity record)", r);
    }
    const id = readCustomerId(fn, name, i, rec["customerId"]);
    const start = readTime(fn, name, i, "startedAt", rec["startedAt"], timeZone);
    let end: number;
    const e = rec["endedAt"];
    if (e === undefined || e === null) end = Infinity;
    else {
      end = readTime(fn, name, i, "endedAt", e, timeZone);
      if (end < start) invalidInput(fn, recordPath(name, i, "endedAt"), "must not be before startedAt", e);
      if (end > maxTime) maxTime = end;
      extent.add(end, name, i, "endedAt");
    }
    extent.add(start, name, i, "startedAt");
    if (start > maxTime) maxTime = start;
    if (end === start) continue; // zero-length: never a customer
    let list = raw.get(id);
    if (list === undefined) {
      list = [];
      raw.set(id, list);
    }
    list.push(start, end);
  }
  const customers = new Map<string, Spells>();
  let minTime = Infinity;
  for (const [id, flat] of raw) {
    const spells = mergeIntervals(flat);
    customers.set(id, spells);
    if (spells.starts[0]! < minTime) minTime = spells.starts[0]!;
  }
  return { kind: items.length === 0 ? "activity" : "subscriptions", customers, minTime, maxTime, extent };
}

/**
 * The activity path of {@link readSpells}, for millions of records: customer indexes from
 * one `Map`, timestamps in typed arrays bucketed by customer (counting sort), each
 * customer's times sorted in place, then spells [t, t + inactiveAfter) merged in one sweep.
 */
function readActivitySpells(
  fn: string,
  name: string,
  items: readonly unknown[],
  add: (t: number) => number,
  timeZone: string,
): SpellSet {
  const n = items.length;
  const index = new Map<string, number>();
  const ids: string[] = [];
  const custOf = new Int32Array(n);
  const times = new Float64Array(n);
  let maxTime = -Infinity;
  const extent = new SeriesExtent();
  for (let i = 0; i < n; i++) {
    const r = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath(name, i), "must be a subscription or activity record", r);
    const rec = r as Record<string, unknown>;
    if ("startedAt" in rec || !("occurredAt" in rec)) {
      invalidInput(fn, recordPath(name, i), `must be of the same kind as ${name}[0] (an activity record with occurredAt)`, r);
    }
    const id = readCustomerId(fn, name, i, rec["customerId"]);
    const t = readTime(fn, name, i, "occurredAt", rec["occurredAt"], timeZone);
    let c = index.get(id);
    if (c === undefined) {
      c = ids.length;
      index.set(id, c);
      ids.push(id);
    }
    custOf[i] = c;
    times[i] = t;
    if (t > maxTime) maxTime = t;
    extent.add(t, name, i, "occurredAt");
  }
  const nc = ids.length;
  const offsets = new Int32Array(nc + 1);
  for (let i = 0; i < n; i++) offsets[custOf[i]! + 1]!++;
  for (let c = 0; c < nc; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, nc);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[fill[custOf[i]!]!++] = times[i]!;
  const customers = new Map<string, Spells>();
  let minTime = Infinity;
  for (let c = 0; c < nc; c++) {
    const ts = sorted.subarray(offsets[c]!, offsets[c + 1]!).sort();
    const starts: number[] = [];
    const ends: number[] = [];
    for (let k = 0; k < ts.length; k++) {
      const t = ts[k]!;
      const e = add(t);
      if (e !== t) appendSpell(starts, ends, t, e); // zero-length: never a customer
    }
    if (starts.length === 0) continue;
    customers.set(ids[c]!, { starts, ends });
    if (starts[0]! < minTime) minTime = starts[0]!;
  }
  return { kind: "activity", customers, minTime, maxTime, extent };
}

/** Merge flat [start, end, ...] pairs into sorted disjoint spells (touching ones join). @internal */
export function mergeIntervals(flat: readonly number[]): Spells {
  const n = flat.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => flat[2 * a]! - flat[2 * b]! || flat[2 * a + 1]! - flat[2 * b + 1]!);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const i of order) appendSpell(starts, ends, flat[2 * i]!, flat[2 * i + 1]!);
  return { starts, ends };
}

/** Append [s, e) to spells sorted by start, joining it to the last one when they touch or overlap. */
function appendSpell(starts: number[], ends: number[], s: number, e: number): void {
  const last = ends.length - 1;
  if (last >= 0 && s <= ends[last]!) {
    if (e > ends[last]!) ends[last] = e;
  } else {
    starts.push(s);
    ends.push(e);
  }
}

/**
 * Whether the customer is a customer "at" boundary `t`: active just before it, i.e. some
 * spell has start < t <= end. A spell that starts at `t` belongs to the period that `t`
 * opens; one that ends at `t` was still counted at `t`. @internal
 */
export function activeAt(spells: Spells, t: number): boolean {
  const { starts, ends } = spells;
  // binary search for the last spell with start < t
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && t <= ends[found]!;
}

/**
 * Read the id of record `i` (`name[i].customerId`): the path string is only built when
 * the value is invalid, which keeps hot loops over millions of records cheap. @internal
 */
export function readCustomerId(fn: string, name: string, i: number, value: unknown): string {
  return typeof value === "string" && value.length > 0 ? value : readId(fn, recordPath(name, i, "customerId"), value);
}

/** Read the date `field` of record `i` (path built only on failure). @internal */
export function readTime(fn: string, name: string, i: number, field: string, value: unknown, timeZone: string): number {
  const t = parseTimestamp(value, timeZone);
  return Number.isNaN(t) ? toTimestamp(fn, recordPath(name, i, field), value, timeZone) : t;
}
