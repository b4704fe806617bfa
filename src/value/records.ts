import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { toAmount } from "../core/money.js";
import type { DateInput } from "../core/options.js";
import { resolveTimeZone, toTimestamp, toTimestampOption } from "../core/time.js";
import { isRecord, readId, resolveEnum, toArray } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";

/** How refunds enter a value metric. */
export type ValueRefunds = "net" | "ignore";

/** Options fragment of the value metrics: the time window and the time zone. */
export interface ValueWindowOptions {
  /**
   * Only transactions at or after this instant count.
   * @defaultValue no lower bound
   */
  readonly start?: DateInput;
  /**
   * Only transactions before this instant count (the window is half-open, `[start, end)`).
   * @defaultValue no upper bound
   */
  readonly end?: DateInput;
  /**
   * IANA time zone in which ISO strings without an offset (and calendar periods) are read.
   * @defaultValue `"UTC"`
   */
  readonly timeZone?: string;
}

/** A validated transaction. @internal */
export interface ValueRecord {
  readonly customerId: string;
  readonly ms: number;
  /** Signed amount: negative for refunds. */
  readonly amount: number;
  readonly refund: boolean;
}

/** Resolved window: `[start, end)` in epoch ms (infinite when open) and the zone. @internal */
export interface ValueWindow {
  readonly start: number;
  readonly end: number;
  readonly timeZone: string;
}

/** Validate `start`, `end` and `timeZone`. @internal */
export function resolveWindow(fn: string, opts: ValueWindowOptions): ValueWindow {
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const start = opts.start === undefined ? Number.NEGATIVE_INFINITY : toTimestampOption(fn, "start", opts.start, timeZone);
  const end = opts.end === undefined ? Number.POSITIVE_INFINITY : toTimestampOption(fn, "end", opts.end, timeZone);
  if (!(end > start)) invalidOption(fn, "end", "must be after options.start", opts.end);
  return { start, end, timeZone };
}

/** Validate a `refunds` option. @internal */
export function resolveRefunds(fn: string, value: unknown, fallback: ValueRefunds): ValueRefunds {
  return resolveEnum<ValueRefunds>(fn, "refunds", value, ["net", "ignore"], fallback);
}

/**
 * Validate every transaction and call `visit` for those inside the window. A refund is a
 * negative amount or `type: "refund"` (whose amount is read as negative). Returns the
 * number of records read. @internal
 */
export function forEachTransaction(
  fn: string,
  input: Iterable<Transaction>,
  window: ValueWindow,
  visit: (record: ValueRecord) => void,
): number {
  const records = toArray<unknown>(fn, "transactions", input);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (!isRecord(rec)) invalidInput(fn, recordPath("transactions", i), "must be a transaction object", rec);
    const customerId = readId(fn, recordPath("transactions", i, "customerId"), rec.customerId);
    const ms = toTimestamp(fn, recordPath("transactions", i, "occurredAt"), rec.occurredAt, window.timeZone);
    let amount = toAmount(fn, recordPath("transactions", i, "amount"), rec.amount);
    const type = rec.type;
    if (type !== undefined && type !== "purchase" && type !== "refund") {
      invalidInput(fn, recordPath("transactions", i, "type"), 'must be "purchase" or "refund"', type);
    }
    if (type === "refund") amount = -Math.abs(amount);
    if (ms < window.start || ms >= window.end) continue;
    visit({ customerId, ms, amount: amount === 0 ? 0 : amount, refund: amount < 0 || type === "refund" });
  }
  return records.length;
}

/** Validate a fraction option in [0, 1]. @internal */
export function resolveFraction(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    invalidOption(fn, name, "must be a number from 0 to 1", value);
  }
  return value === 0 ? 0 : value;
}
