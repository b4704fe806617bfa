import {
  type CustomerSummaryOptions,
  type CustomerSummaryRefunds,
  type CustomerSummaryResult,
  type CustomerSummaryUnit,
  resolveSummarySettings,
  SummaryColumns,
  type SummaryColumnsState,
} from "./customerSummary.js";
import { invalidInput } from "./errors.js";
import type { PeriodUnit, WeekDay } from "./options.js";
import { toTimestampOption } from "./time.js";
import { isRecord, resolveOptions } from "./validate.js";
import type { Transaction } from "../models/transaction.js";

/** Options of {@link createCustomerSummaryAccumulator}: those of `customerSummary`. */
export type CustomerSummaryAccumulatorOptions = CustomerSummaryOptions;

/**
 * Plain, JSON-safe state of a {@link CustomerSummaryAccumulator} (`toJSON()`), for sending
 * between worker threads or processes (`postMessage`, `JSON.stringify`) and merging with
 * `merge(state)`. Per customer (index `k` in `ids`) it holds the totals, and per customer
 * and calendar period one entry of the period log. Treat it as opaque.
 */
export interface CustomerSummaryAccumulatorState {
  /** The resolved options the state was read with; `asOf` in epoch ms or `null`. */
  readonly options: {
    readonly period: PeriodUnit;
    readonly unit: CustomerSummaryUnit;
    readonly timeZone: string;
    readonly weekStartsOn: WeekDay;
    readonly refunds: CustomerSummaryRefunds;
    readonly includeFirstPurchase: boolean;
    readonly asOf: number | null;
  };
  /** Customer ids. */
  readonly ids: readonly string[];
  /** Per customer: 1 = has counted records, 2 = has records after `asOf` (bit flags). */
  readonly flags: readonly number[];
  /** Per customer: first and last purchase instant (epoch ms), `null` without purchase. */
  readonly firstAt: readonly (number | null)[];
  readonly lastAt: readonly (number | null)[];
  /** Per customer: purchase and refund records counted. */
  readonly orders: readonly number[];
  readonly refunds: readonly number[];
  /** Per customer: total of the amounts with at most four decimals, times 10^4. */
  readonly scaledTotal: readonly number[];
  /** Customers whose total also has an exact decimal part: `[k, decimal string]`. */
  readonly exactTotals: readonly (readonly [number, string])[];
  /**
   * Period log: customer index, day number of the period start (local), value times 10^4
   * (`"Infinity"`, `"-Infinity"` or `"NaN"` where amounts near the largest double overflowed
   * it), purchase (1) or refund only (0).
   */
  readonly periodCustomer: readonly number[];
  readonly periodDay: readonly number[];
  readonly periodValue: readonly (number | string)[];
  readonly periodPurchase: readonly number[];
  /** Records read, records after `asOf`, refunds ignored. */
  readonly transactions: number;
  readonly afterAsOf: number;
  readonly ignoredRefunds: number;
  /** Latest instant read (epoch ms), `null` before the first record. */
  readonly latest: number | null;
}

/** A mergeable running customer summary: see {@link createCustomerSummaryAccumulator}. */
export interface CustomerSummaryAccumulator {
  /** Transactions read so far (merged ones included). */
  readonly transactions: number;
  /**
   * Add one transaction. A bad record throws `INVALID_INPUT` with the path
   * `transactions[i]...`, `i` counting the records this accumulator has read so far
   * (merged ones included), and leaves the accumulator as it was.
   */
  add(record: Transaction): CustomerSummaryAccumulator;
  /** Add every transaction of an array or iterable. */
  addAll(records: Iterable<Transaction>): CustomerSummaryAccumulator;
  /**
   * Add what another accumulator, or its `toJSON()` state, has read. Both must have been
   * created with the same options (`asOf` included). `other` is not changed.
   */
  merge(other: CustomerSummaryAccumulator | CustomerSummaryAccumulatorState): CustomerSummaryAccumulator;
  /** The summary of everything added, exactly as `customerSummary` computes it on all the records. */
  result(): CustomerSummaryResult;
  /** The state as plain, JSON-safe data. */
  toJSON(): CustomerSummaryAccumulatorState;
}

/**
 * A running {@link customerSummary} that can be fed record by record (a database cursor, a
 * CSV stream, `accumulateAsync`) and merged across chunks, processes or worker threads.
 * Its state is per-customer totals plus one entry per customer and calendar period, so any
 * split of the log, accumulated separately and merged in any order, gives exactly the
 * summary of the whole log (for amounts with at most four decimals; others are summed in
 * floating point per period, so `monetaryValue` can differ in the last digit with the
 * order).
 *
 * The observation end works as in `customerSummary`: with an `asOf` option every
 * accumulator (all must be created with the same one) leaves out later transactions as
 * they arrive; without it nothing is left out and the end is the latest transaction of
 * everything added and merged (the maximum of the parts), as if one pass had read it all.
 *
 * @param options - The options of `customerSummary`, fixed when the accumulator is made.
 * @returns An empty accumulator.
 * @throws {CrmMetricsError} `INVALID_OPTION` for a bad option; `add` throws
 *   `INVALID_INPUT` for a bad record (its path counts the records read so far), `merge`
 *   for a state read with other options.
 *
 * @example
 * const monday = createCustomerSummaryAccumulator({ asOf: "2024-01-29" });
 * monday.add({ customerId: "a", occurredAt: "2024-01-01", amount: 10 });
 * monday.add({ customerId: "a", occurredAt: "2024-01-08", amount: 30 });
 * const tuesday = createCustomerSummaryAccumulator({ asOf: "2024-01-29" });
 * tuesday.add({ customerId: "a", occurredAt: "2024-01-15", amount: 20 });
 * const row = monday.merge(tuesday.toJSON()).result().customers[0];
 * [row?.frequency, row?.recency, row?.T, row?.monetaryValue, row?.totalSpend]
 * // => [2, 14, 28, 25, 60]
 * @see customerSummary
 * @see accumulateAsync
 */
export function createCustomerSummaryAccumulator(options?: CustomerSummaryAccumulatorOptions): CustomerSummaryAccumulator {
  const fn = "createCustomerSummaryAccumulator";
  const opts = resolveOptions(fn, options);
  const settings = resolveSummarySettings(fn, opts);
  const asOf = opts.asOf === undefined ? undefined : toTimestampOption(fn, "asOf", opts.asOf, settings.timeZone);
  const resolved: CustomerSummaryAccumulatorState["options"] = {
    period: settings.period,
    unit: settings.unit,
    timeZone: settings.timeZone,
    weekStartsOn: settings.weekStartsOn,
    refunds: settings.refunds,
    includeFirstPurchase: settings.includeFirstPurchase,
    asOf: asOf ?? null,
  };
  const columns = new SummaryColumns(settings, asOf);
  const acc: CustomerSummaryAccumulator = {
    get transactions() {
      return columns.transactions;
    },
    add(record) {
      columns.add(record, columns.transactions);
      return acc;
    },
    addAll(records) {
      columns.addAll(records, columns.transactions);
      return acc;
    },
    merge(other) {
      const state = isRecord(other) && typeof other.toJSON === "function" ? (other as CustomerSummaryAccumulator).toJSON() : other;
      columns.mergeState(checkState(fn, state, resolved));
      return acc;
    },
    result() {
      return columns.result();
    },
    toJSON() {
      return { options: resolved, ...columns.state() };
    },
  };
  return acc;
}

/** Check that `value` is a state read with the options `expected`; return it typed. */
function checkState(
  fn: string,
  value: unknown,
  expected: CustomerSummaryAccumulatorState["options"],
): SummaryColumnsState {
  if (!isRecord(value) || !isRecord(value["options"])) {
    return invalidInput(fn, "other", "must be a customer summary accumulator or its toJSON() state", value);
  }
  const got = value["options"];
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (got[key] !== expected[key]) {
      invalidInput(fn, `other.options.${key}`, `must equal this accumulator's ${key} (${String(expected[key])})`, got[key]);
    }
  }
  const s = value as unknown as CustomerSummaryAccumulatorState;
  const customers = Array.isArray(s.ids) ? s.ids.length : -1;
  const columns = ["flags", "firstAt", "lastAt", "orders", "refunds", "scaledTotal"] as const;
  const periods = Array.isArray(s.periodCustomer) ? s.periodCustomer.length : -1;
  const log = ["periodDay", "periodValue", "periodPurchase"] as const;
  const ok =
    customers >= 0 &&
    s.ids.every((id) => typeof id === "string" && id.length > 0) &&
    columns.every((c) => Array.isArray(s[c]) && s[c].length === customers) &&
    periods >= 0 &&
    log.every((c) => Array.isArray(s[c]) && s[c].length === periods) &&
    s.periodCustomer.every((k) => Number.isInteger(k) && k >= 0 && k < customers) &&
    s.periodDay.every((d) => Number.isInteger(d)) &&
    s.periodValue.every((v) => Number.isFinite(v) || v === "Infinity" || v === "-Infinity" || v === "NaN") &&
    Array.isArray(s.exactTotals) &&
    s.exactTotals.every((e) => Array.isArray(e) && Number.isInteger(e[0]) && e[0] >= 0 && e[0] < customers && typeof e[1] === "string") &&
    [s.transactions, s.afterAsOf, s.ignoredRefunds].every((c) => Number.isInteger(c) && c >= 0) &&
    (s.latest === null || Number.isFinite(s.latest));
  if (!ok) invalidInput(fn, "other", "must be a complete customer summary accumulator state", "a damaged state");
  return s;
}
