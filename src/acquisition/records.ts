// Private readers shared by the acquisition functions: marketing spend, customers' channels
// and acquisition dates, with the library's validation rules and error paths.
import { tz } from "@date-fns/tz";
import { add, sub, type Duration } from "date-fns";
import { invalidInput, recordPath } from "../core/errors.js";
import { toAmount } from "../core/money.js";
import { parseTimestamp, toTimestamp } from "../core/time.js";
import { isRecord, readId } from "../core/validate.js";

/** Bucket of records without a channel (customers, leads, touchpoints). @internal */
export const NO_CHANNEL = "(none)";

// Field readers: the error path is only built when a value is bad, so that reading
// millions of records does not allocate three path strings per record.

/** Read an id field (see `readId`). @internal */
export function readIdField(fn: string, name: string, index: number, record: Record<string, unknown>, field: string): string {
  const v = record[field];
  if (typeof v === "string" && v.length > 0) return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return readId(fn, recordPath(name, index, field), v);
}

/** Read a date field as epoch ms (see `toTimestamp`). @internal */
export function readTimeField(fn: string, name: string, index: number, record: Record<string, unknown>, field: string, zone: string): number {
  const t = parseTimestamp(record[field], zone);
  return Number.isNaN(t) ? toTimestamp(fn, recordPath(name, index, field), record[field], zone) : t;
}

/** Read a money field (see `toAmount`). @internal */
export function readAmountField(fn: string, name: string, index: number, record: Record<string, unknown>, field: string): number {
  const v = record[field];
  if (typeof v === "number" && Number.isFinite(v)) return v === 0 ? 0 : v;
  return toAmount(fn, recordPath(name, index, field), v);
}

/** Read the `channel` field (see {@link readChannel}). @internal */
export function readChannelField(fn: string, name: string, index: number, record: Record<string, unknown>): string {
  const v = record["channel"];
  if (typeof v === "string" && v !== "") return v;
  return readChannel(fn, recordPath(name, index, "channel"), v);
}

/** A validated spend record. @internal */
export interface SpendRecord {
  readonly channel: string;
  readonly start: number;
  /** Exclusive end, or `null` when the spend is booked at `start`. */
  readonly end: number | null;
  readonly amount: number;
  readonly paid: boolean;
}

/** Read one record of a list, throwing when it is not an object. @internal */
export function readRecord(fn: string, name: string, index: number, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) invalidInput(fn, recordPath(name, index), "must be an object", value);
  return value as Record<string, unknown>;
}

/**
 * Read a channel label: a non-empty string, or `NO_CHANNEL` when `undefined`, `null` or
 * `""`. Other types throw. @internal
 */
export function readChannel(fn: string, path: string, value: unknown): string {
  if (value === undefined || value === null || value === "") return NO_CHANNEL;
  if (typeof value !== "string") invalidInput(fn, path, "must be a string", value);
  return value as string;
}

/**
 * Validate a `MarketingSpend` record: a non-empty `channel`, a valid `periodStart`, an
 * optional `periodEnd` after it, an `amount` >= 0 and an optional boolean `paid`. @internal
 */
export function readSpend(fn: string, name: string, index: number, value: unknown, zone: string, currency: CurrencyGuard): SpendRecord {
  const r = readRecord(fn, name, index, value);
  currency.check(name, index, r);
  const channel = r["channel"];
  if (typeof channel !== "string" || channel === "") {
    invalidInput(fn, recordPath(name, index, "channel"), "must be a non-empty string", channel);
  }
  const start = readTimeField(fn, name, index, r, "periodStart", zone);
  let end: number | null = null;
  if (r["periodEnd"] !== undefined && r["periodEnd"] !== null) {
    end = readTimeField(fn, name, index, r, "periodEnd", zone);
    if (end <= start) invalidInput(fn, recordPath(name, index, "periodEnd"), "must be after periodStart", r["periodEnd"]);
  }
  const amount = readAmountField(fn, name, index, r, "amount");
  if (amount < 0) invalidInput(fn, recordPath(name, index, "amount"), "must be >= 0 (spend cannot be negative)", r["amount"]);
  const paid = r["paid"];
  if (paid !== undefined && typeof paid !== "boolean") {
    invalidInput(fn, recordPath(name, index, "paid"), "must be true or false", paid);
  }
  return { channel: channel as string, start, end, amount, paid: paid !== false };
}

/** A validated customer: id, channel and acquisition time (`null` when missing). @internal */
export interface CustomerRecord {
  readonly id: string;
  readonly channel: string;
  readonly acquiredAt: number | null;
}

/** Validate a `Customer` record's id, channel and optional `acquiredAt`. @internal */
export function readCustomer(fn: string, name: string, index: number, value: unknown, zone: string): CustomerRecord {
  const r = readRecord(fn, name, index, value);
  const id = readIdField(fn, name, index, r, "id");
  const channel = readChannelField(fn, name, index, r);
  const raw = r["acquiredAt"];
  const acquiredAt = raw === undefined || raw === null ? null : readTimeField(fn, name, index, r, "acquiredAt", zone);
  return { id, channel, acquiredAt };
}

/** Sort channel labels by name, with `NO_CHANNEL` last. @internal */
export function compareChannels(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_CHANNEL) return 1;
  if (b === NO_CHANNEL) return -1;
  return a < b ? -1 : 1;
}

/** Get or create a Map entry. @internal */
export function entry<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = create();
    map.set(key, v);
  }
  return v;
}

/** A validated transaction: the record, customer id, time and signed amount. @internal */
export interface TransactionRecord {
  readonly record: Record<string, unknown>;
  readonly customerId: string;
  readonly t: number;
  /** The amount, negative for refunds (`type: "refund"` with a positive amount is negated). */
  readonly amount: number;
  readonly refund: boolean;
}

/** Validate a `Transaction`'s customer id, date and amount. @internal */
export function readTransaction(
  fn: string,
  name: string,
  index: number,
  value: unknown,
  zone: string,
  currency: CurrencyGuard,
): TransactionRecord {
  const record = readRecord(fn, name, index, value);
  currency.check(name, index, record);
  const customerId = readIdField(fn, name, index, record, "customerId");
  const t = readTimeField(fn, name, index, record, "occurredAt", zone);
  const raw = readAmountField(fn, name, index, record, "amount");
  const refund = record["type"] === "refund" || raw < 0;
  const amount = refund && raw > 0 ? -raw : raw;
  return { record, customerId, t, amount, refund };
}

const DAY_MS = 86_400_000;

/**
 * A function that adds (`direction: 1`) or subtracts (`-1`) a date-fns `Duration` to an
 * instant, with calendar fields read in `zone`. In UTC, durations without years and months
 * are a constant number of milliseconds and are added by arithmetic (date-fns with a time
 * zone costs tens of microseconds a call); otherwise date-fns does the calendar work.
 * @internal
 */
export function durationShifter(duration: Duration, zone: string, direction: 1 | -1): (ms: number) => number {
  if (zone === "UTC" && (duration.years ?? 0) === 0 && (duration.months ?? 0) === 0) {
    // date-fns truncates the calendar days (days + 7 weeks) and adds the clock fields as ms.
    const days = Math.trunc((duration.days ?? 0) + 7 * (duration.weeks ?? 0));
    const clock = 1000 * ((duration.seconds ?? 0) + 60 * ((duration.minutes ?? 0) + 60 * (duration.hours ?? 0)));
    const delta = direction * (days * DAY_MS + clock);
    return (t) => t + delta;
  }
  const ctx = { in: tz(zone) };
  return direction === 1 ? (t) => add(t, duration, ctx).getTime() : (t) => sub(t, duration, ctx).getTime();
}

/**
 * Checks that every record that names a `currency` names the same one, since the
 * functions add amounts and never convert currencies. Records without a currency are
 * taken to be in the common one. @internal
 */
export class CurrencyGuard {
  private code: string | undefined;
  private firstPath = "";

  constructor(private readonly fn: string) {}

  /** Validate the `currency` of record `name[index]`. */
  check(name: string, index: number, record: Record<string, unknown>): void {
    const value = record["currency"];
    if (value === undefined || value === null || value === this.code) return;
    const at = recordPath(name, index, "currency");
    if (typeof value !== "string" || value === "") invalidInput(this.fn, at, "must be a currency code such as \"USD\"", value);
    if (this.code === undefined) {
      this.code = value as string;
      this.firstPath = at;
    } else if (value !== this.code) {
      invalidInput(this.fn, at, `must be ${JSON.stringify(this.code)} like ${this.firstPath} (amounts are never converted between currencies)`, value);
    }
  }
}
