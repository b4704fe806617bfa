import { compareIds, formatIsoInstant, parseIsoFast } from "./fastIso.js";
import { Decimal } from "decimal.js";
import { invalidInput, invalidOption, recordPath } from "./errors.js";
import { MoneySum, toAmount } from "./money.js";
import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit, WeekDay } from "./options.js";
import {
  localWallToInstant,
  parseTimestamp,
  resolvePeriod,
  resolveTimeZone,
  resolveWeekStartsOn,
  toTimestampOption,
  utcPeriodStart,
  zoneOffsetMinutes,
} from "./time.js";
import { isRecord, resolveEnum, resolveOptions } from "./validate.js";
import type { Transaction } from "../models/transaction.js";

/**
 * Unit that `recency` and `T` are measured in: fixed lengths (`"hour"`, `"day"`,
 * `"week"` = 7 days, as in the papers of Fader and Hardie) measured on the local calendar,
 * or `"period"`: whole calendar periods of the `period` option (months for
 * `period: "month"`, as lifetimes' `freq="M"` counts them).
 */
export type CustomerSummaryUnit = "hour" | "day" | "week" | "period";

/**
 * How refunds (negative amounts, or `type: "refund"`) enter the summary.
 * - `"net"`: a refund is not a purchase; its amount is netted into the value of its
 *   period and into `totalSpend`, but it never creates a purchase period on its own.
 * - `"ignore"`: refunds are skipped (and counted in `excluded.ignoredRefunds`).
 * - `"transaction"`: every record is a transaction whatever its sign, exactly as Python
 *   lifetimes treats a negative value (a refund-only day is a repeat purchase).
 */
export type CustomerSummaryRefunds = "net" | "ignore" | "transaction";

/** Options of {@link customerSummary}. */
export interface CustomerSummaryOptions extends AsOfOptions, PeriodOptions {
  /**
   * End of the observation (lifetimes' `observation_period_end`). Every transaction in the
   * calendar period that contains `asOf` is included (lifetimes compares period starts),
   * later ones are excluded and counted in `excluded.afterAsOf`; `T` runs to the start of
   * that period.
   * @defaultValue the latest transaction in the input
   */
  readonly asOf?: DateInput;
  /**
   * Calendar period within which a customer's purchases count as one transaction (their
   * value is the sum), like lifetimes' `freq`.
   * @defaultValue `"day"`
   */
  readonly period?: PeriodUnit;
  /**
   * Unit of `recency` and `T`.
   * @defaultValue `"day"`
   */
  readonly unit?: CustomerSummaryUnit;
  /**
   * Treatment of refunds.
   * @defaultValue `"net"`
   */
  readonly refunds?: CustomerSummaryRefunds;
  /**
   * Count the first purchase period in `frequency` and `monetaryValue` (lifetimes'
   * `include_first_transaction`).
   * @defaultValue `false`
   */
  readonly includeFirstPurchase?: boolean;
}

/** One customer of {@link customerSummary}. */
export interface CustomerSummaryRow {
  /** The customer id (numbers are turned into strings). */
  readonly customerId: string;
  /** Repeat purchase periods: purchase periods after the first (all of them with `includeFirstPurchase`). */
  readonly frequency: number;
  /** From the first to the last purchase period, in `unit` (0 when `frequency` is 0). */
  readonly recency: number;
  /** From the first purchase period to the `asOf` period, in `unit` (the customer's age). */
  readonly T: number;
  /** Mean value of the repeat purchase periods (same-period amounts summed, refunds netted); 0 when `frequency` is 0. */
  readonly monetaryValue: number;
  /** ISO instant of the first purchase. */
  readonly firstPurchaseAt: string;
  /** ISO instant of the last purchase. */
  readonly lastPurchaseAt: string;
  /** Purchase records counted (before same-period merging; refunds not included unless `refunds: "transaction"`). */
  readonly orders: number;
  /** Refund records counted (0 with `refunds: "ignore"` or `"transaction"`). */
  readonly refunds: number;
  /** Exact sum of all counted amounts, refunds netted. */
  readonly totalSpend: number;
}

/** What {@link customerSummary} left out, so that the result can be audited. */
export interface CustomerSummaryExcluded {
  /** Transactions in a period after the `asOf` period. */
  readonly afterAsOf: number;
  /** Customers all of whose transactions are after `asOf` (they have no row). */
  readonly customersAfterAsOf: number;
  /** Refunds skipped under `refunds: "ignore"`. */
  readonly ignoredRefunds: number;
  /** Customers with refunds but no purchase up to `asOf` (no row; their refunds are in `unmatchedRefunds`). */
  readonly customersWithoutPurchase: number;
  /** Refund records of the customers without purchase. */
  readonly unmatchedRefunds: number;
}

/** Result of {@link customerSummary}. */
export interface CustomerSummaryResult {
  /** One row per customer with a purchase up to `asOf`, sorted by `customerId`. */
  readonly customers: readonly CustomerSummaryRow[];
  /** Transactions read. */
  readonly transactions: number;
  /** ISO instant of the observation end: `asOf`, else the latest transaction; `null` for empty input. */
  readonly asOf: string | null;
  /** ISO instant of the start of the period that contains `asOf` (where `T` ends); `null` for empty input. */
  readonly asOfPeriodStart: string | null;
  /** Period used for same-period merging. */
  readonly period: PeriodUnit;
  /** Unit of `recency` and `T`. */
  readonly unit: CustomerSummaryUnit;
  /** Time zone of the calendar periods. */
  readonly timeZone: string;
  /** Refund treatment used. */
  readonly refunds: CustomerSummaryRefunds;
  /** Counts of what was left out. */
  readonly excluded: CustomerSummaryExcluded;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SCALE = 10_000;
const EXACT_LIMIT = 2 ** 52;
const MAX_TIME = 8.64e15;

/**
 * Per-customer state of the one-pass summary. Periods are kept sorted in flat arrays
 * `[code, scaledValue, ...]`: `code` is the day number of the period start in local wall
 * time (period starts are local midnights) times 2, plus 1 when the period has a purchase;
 * `scaledValue` is the net amount times 10^4 (an exact integer for amounts of at most four
 * decimals). Two numbers a period keep 4M transactions in about 260 MB. States of two
 * chunks merge by merging their period lists. @internal
 */
export class CustomerState {
  /** Periods up to `asOf`. */
  periods: number[] = [];
  /** Periods after `asOf` up to the holdout end (only filled when a holdout is asked for). */
  holdout: number[] | null = null;
  /** Earliest and latest purchase instant up to `asOf`. */
  firstAt: number = Number.POSITIVE_INFINITY;
  lastAt: number = Number.NEGATIVE_INFINITY;
  orders = 0;
  refunds = 0;
  /** Exact scaled total of amounts with at most four decimals. */
  scaled = 0;
  /** Sum of the other amounts. */
  big: MoneySum | null = null;

  /** Sum of the counted amounts (nearest double to the exact decimal sum). */
  total(): number {
    if (this.big === null) {
      const v = this.scaled / SCALE;
      return v === 0 ? 0 : v;
    }
    const s = new MoneySum().merge(this.big).add(new Decimal(this.scaled).div(SCALE));
    return s.value();
  }
}

/** Add an amount at period start `key` (a local midnight) into a sorted flat period list. @internal */
export function addPeriod(list: number[], key: number, value: number, purchase: boolean): void {
  const day = key / DAY;
  let i = list.length - 2;
  if (i < 0 || list[i]! >> 1 < day) {
    list.push(day * 2 + (purchase ? 1 : 0), value);
    return;
  }
  while (i >= 0 && list[i]! >> 1 > day) i -= 2;
  if (i >= 0 && list[i]! >> 1 === day) {
    if (purchase) list[i] = list[i]! | 1;
    list[i + 1]! += value;
    return;
  }
  list.splice(i + 2, 0, day * 2 + (purchase ? 1 : 0), value);
}

/** Merge two sorted flat period lists into a new one (same periods add up). */
function mergePeriodLists(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const da = i < a.length ? a[i]! >> 1 : Number.POSITIVE_INFINITY;
    const db = j < b.length ? b[j]! >> 1 : Number.POSITIVE_INFINITY;
    if (da < db) {
      out.push(a[i]!, a[i + 1]!);
      i += 2;
    } else if (db < da) {
      out.push(b[j]!, b[j + 1]!);
      j += 2;
    } else {
      out.push(a[i]! | (b[j]! & 1), a[i + 1]! + b[j + 1]!);
      i += 2;
      j += 2;
    }
  }
  return out;
}

/** Purchase periods of a list: count, first and last period start, value of all and of the first. @internal */
export interface PurchasePeriods {
  readonly count: number;
  readonly firstKey: number;
  readonly lastKey: number;
  /** Net amount of the purchase periods, as a number (not scaled). */
  readonly value: number;
  /** Net amount of the first purchase period. */
  readonly firstValue: number;
}

/** Summarise the purchase periods of a flat period list. @internal */
export function purchasePeriods(list: readonly number[]): PurchasePeriods {
  let count = 0;
  let first = -1;
  let last = -1;
  let value = 0;
  for (let i = 0; i < list.length; i += 2) {
    if ((list[i]! & 1) === 1) {
      if (first < 0) first = i;
      last = i;
      count++;
      value += list[i + 1]!;
    }
  }
  return {
    count,
    firstKey: first < 0 ? Number.NaN : (list[first]! >> 1) * DAY,
    lastKey: last < 0 ? Number.NaN : (list[last]! >> 1) * DAY,
    value: value / SCALE,
    firstValue: first < 0 ? 0 : list[first + 1]! / SCALE,
  };
}

/**
 * Merge the state of the same customer read from another chunk of the log into `into`
 * (chunks scanned with the same settings and observation end). The result equals the
 * state of a single pass over both chunks, in any order: the basis of the planned
 * `createCustomerSummaryAccumulator`. @internal
 */
export function mergeCustomerState(into: CustomerState, from: CustomerState): CustomerState {
  into.periods = mergePeriodLists(into.periods, from.periods);
  if (from.holdout !== null) into.holdout = into.holdout === null ? [...from.holdout] : mergePeriodLists(into.holdout, from.holdout);
  if (from.firstAt < into.firstAt) into.firstAt = from.firstAt;
  if (from.lastAt > into.lastAt) into.lastAt = from.lastAt;
  into.orders += from.orders;
  into.refunds += from.refunds;
  if (Math.abs(into.scaled + from.scaled) < EXACT_LIMIT) into.scaled += from.scaled;
  else (into.big ??= new MoneySum()).add(new Decimal(from.scaled).div(SCALE));
  if (from.big !== null) (into.big ??= new MoneySum()).merge(from.big);
  return into;
}

/** Resolved settings of a summary pass. @internal */
export interface SummarySettings {
  readonly fn: string;
  readonly period: PeriodUnit;
  readonly unit: CustomerSummaryUnit;
  readonly timeZone: string;
  readonly weekStartsOn: WeekDay;
  readonly refunds: CustomerSummaryRefunds;
  readonly includeFirstPurchase: boolean;
}

/** Resolve the options shared by the summary functions. @internal */
export function resolveSummarySettings(
  fn: string,
  opts: Omit<CustomerSummaryOptions, "asOf">,
): SummarySettings {
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const period = resolvePeriod(fn, opts.period, "day");
  const unit = resolveEnum<CustomerSummaryUnit>(fn, "unit", opts.unit, ["hour", "day", "week", "period"], "day");
  const weekStartsOn = resolveWeekStartsOn(fn, opts.weekStartsOn);
  const refunds = resolveEnum<CustomerSummaryRefunds>(fn, "refunds", opts.refunds, ["net", "ignore", "transaction"], "net");
  const includeFirstPurchase = opts.includeFirstPurchase ?? false;
  if (typeof includeFirstPurchase !== "boolean") {
    invalidOption(fn, "includeFirstPurchase", "must be true or false", includeFirstPurchase);
  }
  return { fn, period, unit, timeZone, weekStartsOn, refunds, includeFirstPurchase };
}

/** Output of {@link scanTransactions}. @internal */
export interface ScanResult {
  readonly states: Map<string, CustomerState>;
  readonly transactions: number;
  /** Period key (local wall time) of the observation end, or NaN for empty input. */
  readonly asOfKey: number;
  /** Instant of the observation end, or NaN for empty input. */
  readonly asOfMs: number;
  readonly afterAsOf: number;
  readonly customersAfterAsOf: number;
  readonly ignoredRefunds: number;
  /** Instant of the latest record read (NaN for empty input). */
  readonly latestMs: number;
  /** The period key (local wall time of the period start) of an instant. */
  readonly keyOf: (ms: number) => number;
}

/**
 * Read a transaction log in one pass into per-customer states. Records in periods after
 * the `asOf` period go to `holdout` lists when `holdoutEnd` is given (up to its period;
 * `Infinity`: all of them), else they are counted as excluded. @internal
 */
export function scanTransactions(
  settings: SummarySettings,
  input: Iterable<Transaction>,
  asOf: number | undefined,
  holdoutEnd?: number,
): ScanResult {
  const { fn, period, timeZone, weekStartsOn, refunds } = settings;
  if (!Array.isArray(input) && !isIterableObject(input)) {
    invalidInput(fn, "transactions", "must be an array or iterable of records", input);
  }
  const utc = timeZone === "UTC";
  const utcDay = utc && period === "day";
  const offsets = new Map<number, number>();
  const keyOf = (ms: number): number => {
    if (utcDay) return Math.floor(ms / DAY) * DAY;
    if (utc) return utcPeriodStart(ms, period, weekStartsOn);
    const q = Math.floor(ms / (15 * MINUTE));
    let off = offsets.get(q);
    if (off === undefined) {
      off = zoneOffsetMinutes(ms, timeZone);
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(q, off);
    }
    return utcPeriodStart(ms + off * MINUTE, period, weekStartsOn);
  };
  const asOfKey = asOf === undefined ? Number.POSITIVE_INFINITY : keyOf(asOf);
  const holdoutKey =
    holdoutEnd === undefined
      ? Number.NEGATIVE_INFINITY
      : holdoutEnd === Number.POSITIVE_INFINITY
        ? holdoutEnd
        : keyOf(holdoutEnd);
  const states = new Map<string, CustomerState>();
  const lateIds = new Set<string>();
  let afterAsOf = 0;
  let ignoredRefunds = 0;
  // A typed slot, not a captured `let`: updating a captured double would allocate a number per record.
  const latest = new Float64Array([Number.NEGATIVE_INFINITY]);
  const visit = (rec: unknown, i: number): void => {
    if (!isRecord(rec)) invalidInput(fn, recordPath("transactions", i), "must be a transaction object", rec);
    const rawId = rec.customerId;
    let id: string;
    if (typeof rawId === "string" && rawId.length > 0) id = rawId;
    else if (typeof rawId === "number" && Number.isFinite(rawId)) id = String(rawId);
    else return invalidInput(fn, recordPath("transactions", i, "customerId"), "must be a non-empty string or a finite number", rawId);
    const at = rec.occurredAt;
    let ms: number;
    if (typeof at === "number") ms = Number.isFinite(at) && Math.abs(at) <= MAX_TIME ? at : Number.NaN;
    else if (typeof at === "string") {
      ms = parseIsoFast(at, utc);
      if (ms !== ms) ms = parseTimestamp(at, timeZone);
    } else if (at instanceof Date) ms = at.getTime();
    else ms = Number.NaN;
    if (ms !== ms) {
      invalidInput(fn, recordPath("transactions", i, "occurredAt"), "must be a valid date (Date, ISO-8601 string or epoch milliseconds)", at);
    }
    const rawAmount = rec.amount;
    let amount = typeof rawAmount === "number" && Number.isFinite(rawAmount) ? rawAmount : toAmount(fn, recordPath("transactions", i, "amount"), rawAmount);
    const type = rec.type;
    if (type !== undefined && type !== "purchase") {
      if (type !== "refund") invalidInput(fn, recordPath("transactions", i, "type"), 'must be "purchase" or "refund"', type);
      amount = -Math.abs(amount);
    }
    if (amount === 0) amount = 0;
    if (ms > latest[0]!) latest[0] = ms;
    const key = keyOf(ms);
    const isRefund = amount < 0 || type === "refund";
    const holdout = key > asOfKey;
    if (holdout && key > holdoutKey) {
      afterAsOf++;
      lateIds.add(id);
      return;
    }
    if (isRefund && refunds === "ignore") {
      ignoredRefunds++;
      return;
    }
    let st = states.get(id);
    if (st === undefined) {
      st = new CustomerState();
      states.set(id, st);
    }
    const purchase = !isRefund || refunds === "transaction";
    const scaled = scaledAmount(amount);
    if (holdout) {
      addPeriod((st.holdout ??= []), key, scaled, purchase);
      return;
    }
    addPeriod(st.periods, key, scaled, purchase);
    if (purchase) {
      st.orders++;
      if (ms < st.firstAt) st.firstAt = ms;
      if (ms > st.lastAt) st.lastAt = ms;
    } else st.refunds++;
    if (Number.isInteger(scaled) && Math.abs(st.scaled + scaled) < EXACT_LIMIT) st.scaled += scaled;
    else (st.big ??= new MoneySum()).add(amount);
  };
  let n = 0;
  if (Array.isArray(input)) {
    n = input.length;
    for (let i = 0; i < n; i++) visit(input[i], i);
  } else {
    // Other iterables are read lazily, so a log can be streamed without holding it in memory.
    for (const rec of input) visit(rec, n++);
  }
  let customersAfterAsOf = 0;
  for (const id of lateIds) {
    const st = states.get(id);
    if (st === undefined || st.periods.length === 0) customersAfterAsOf++;
  }
  const maxMs = latest[0]!;
  const endMs = asOf ?? (n === 0 ? Number.NaN : maxMs);
  return {
    states,
    transactions: n,
    asOfKey: endMs === endMs ? keyOf(endMs) : Number.NaN,
    asOfMs: endMs,
    afterAsOf,
    customersAfterAsOf,
    ignoredRefunds,
    latestMs: n === 0 ? Number.NaN : maxMs,
    keyOf,
  };
}

function isIterableObject(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

/** Amount times 10^4: an exact integer when the amount has at most four decimals. */
function scaledAmount(amount: number): number {
  const v = amount * SCALE;
  const r = Math.round(v);
  return r / SCALE === amount ? r : v;
}



/** Length from period key `a` to period key `b` in `unit` (keys are local wall times). @internal */
export function summaryDuration(a: number, b: number, unit: CustomerSummaryUnit, period: PeriodUnit): number {
  const diff = b - a;
  if (diff === 0) return 0;
  switch (unit) {
    case "hour":
      return diff / HOUR;
    case "day":
      return diff / DAY;
    case "week":
      return diff / (7 * DAY);
    case "period": {
      if (period === "day") return Math.round(diff / DAY);
      if (period === "week") return Math.round(diff / (7 * DAY));
      const da = new Date(a);
      const db = new Date(b);
      const months = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
      return period === "month" ? months : period === "quarter" ? Math.round(months / 3) : Math.round(months / 12);
    }
  }
}

/** The instant of a period key (local wall time) in `zone`. @internal */
export function keyToInstant(key: number, zone: string): number {
  return zone === "UTC" ? key : localWallToInstant(key, zone);
}

/** Build the row of one customer from its state, or `null` without a purchase period. @internal */
export function summaryRow(
  id: string,
  st: CustomerState,
  asOfKey: number,
  settings: SummarySettings,
): CustomerSummaryRow | null {
  const p = purchasePeriods(st.periods);
  if (p.count === 0) return null;
  const frequency = settings.includeFirstPurchase ? p.count : p.count - 1;
  const repeatValue = settings.includeFirstPurchase ? p.value : p.value - p.firstValue;
  const monetary = frequency === 0 ? 0 : repeatValue / frequency;
  return {
    customerId: id,
    frequency,
    recency: summaryDuration(p.firstKey, p.lastKey, settings.unit, settings.period),
    T: summaryDuration(p.firstKey, asOfKey, settings.unit, settings.period),
    monetaryValue: monetary === 0 ? 0 : monetary,
    firstPurchaseAt: formatIsoInstant(st.firstAt),
    lastPurchaseAt: formatIsoInstant(st.lastAt),
    orders: st.orders,
    refunds: st.refunds,
    totalSpend: st.total(),
  };
}


/**
 * Customer-level summary of a transaction log: for each customer the number of repeat
 * purchase periods (`frequency`), the age at the last purchase (`recency`), the age at the
 * end of observation (`T`) and the mean value of the repeat purchases (`monetaryValue`),
 * the sufficient statistics of BG/NBD, Pareto/NBD and Gamma-Gamma. Follows Python
 * lifetimes' `summary_data_from_transaction_data`: purchases in the same calendar period
 * count once with their summed value, times are measured between period starts, and the
 * first purchase is left out of `frequency` and `monetaryValue`.
 *
 * @param transactions - Transactions (array or iterable). Refunds are negative amounts or
 *   `type: "refund"`.
 * @param options - Observation end, period, unit, time zone and refund treatment.
 * @returns One row per customer (sorted by id) with the counts of what was excluded.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid `customerId`,
 *   `occurredAt`, `amount` or `type`; `INVALID_OPTION` for a bad option.
 *
 * @example
 * const log = [
 *   { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
 *   { customerId: "a", occurredAt: "2024-01-01", amount: 5 },
 *   { customerId: "a", occurredAt: "2024-01-08", amount: 30 },
 *   { customerId: "a", occurredAt: "2024-01-15", amount: 20 },
 * ];
 * const row = customerSummary(log, { asOf: "2024-01-29" }).customers[0];
 * [row.frequency, row.recency, row.T, row.monetaryValue, row.totalSpend]
 * // => [2, 14, 28, 25, 65]
 * @example
 * const log = [
 *   { customerId: 1, occurredAt: "1997-01-01", amount: 29.33 },
 *   { customerId: 1, occurredAt: "1997-01-18", amount: 29.73 },
 * ];
 * customerSummary(log, { asOf: "1997-09-30", unit: "week" }).customers[0].T
 * // => 38.86
 */
export function customerSummary(
  transactions: Iterable<Transaction>,
  options?: CustomerSummaryOptions,
): CustomerSummaryResult {
  const fn = "customerSummary";
  const opts = resolveOptions(fn, options);
  const settings = resolveSummarySettings(fn, opts);
  const asOf = opts.asOf === undefined ? undefined : toTimestampOption(fn, "asOf", opts.asOf, settings.timeZone);
  const scan = scanTransactions(settings, transactions, asOf);
  const rows: CustomerSummaryRow[] = [];
  let customersWithoutPurchase = 0;
  let unmatchedRefunds = 0;
  for (const [id, st] of scan.states) {
    const row = summaryRow(id, st, scan.asOfKey, settings);
    if (row === null) {
      customersWithoutPurchase++;
      unmatchedRefunds += st.refunds;
    } else rows.push(row);
  }
  rows.sort((a, b) => compareIds(a.customerId, b.customerId));
  const empty = scan.asOfMs !== scan.asOfMs;
  return {
    customers: rows,
    transactions: scan.transactions,
    asOf: empty ? null : new Date(scan.asOfMs).toISOString(),
    asOfPeriodStart: empty ? null : new Date(keyToInstant(scan.asOfKey, settings.timeZone)).toISOString(),
    period: settings.period,
    unit: settings.unit,
    timeZone: settings.timeZone,
    refunds: settings.refunds,
    excluded: {
      afterAsOf: scan.afterAsOf,
      customersAfterAsOf: scan.customersAfterAsOf,
      ignoredRefunds: scan.ignoredRefunds,
      customersWithoutPurchase,
      unmatchedRefunds,
    },
  };
}
