import { Decimal } from "decimal.js";
import { invalidInput, recordPath } from "../core/errors.js";
import { divideMoney, MoneySum } from "../core/money.js";
import type { PeriodOptions, PeriodUnit } from "../core/options.js";
import {
  addPeriods,
  createPeriodBucketer,
  periodLabel,
  resolvePeriod,
  resolveTimeZone,
  resolveWeekStartsOn,
} from "../core/time.js";
import { checkPeriodCount, periodCount, SeriesExtent } from "../core/periodLimit.js";
import { nextPeriodStart, periodInfo, type PeriodInfo } from "../core/trend.js";
import { resolveBooleanOption, resolveEnum, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";
import type { Customer } from "../models/customer.js";
import type { MarketingSpend } from "../models/spend.js";
import { compareChannels, CurrencyGuard, entry, readCustomer, readSpend } from "./records.js";

/**
 * How a spend record with a `periodEnd` is placed in calendar periods: `"pro-rata"`
 * spreads it over `[periodStart, periodEnd)` in proportion to elapsed time; `"start"`
 * books all of it in the period of `periodStart`.
 */
export type CacSpendAllocation = "pro-rata" | "start";

/** What to do with a customer that has no `acquiredAt`. */
export type CacMissingAcquisition = "error" | "skip";

/** Options of {@link cac}. */
export interface CacOptions extends PeriodOptions {
  /**
   * How spend with a `periodEnd` is spread over periods. A record without `periodEnd` is
   * always booked at `periodStart`.
   * @defaultValue `"pro-rata"`
   */
  readonly allocation?: CacSpendAllocation;
  /**
   * Periods between spend and the acquisitions it pays for: spend of period `p` is set
   * against the customers acquired in period `p + lagPeriods`.
   * @defaultValue `0`
   */
  readonly lagPeriods?: number;
  /**
   * A customer without `acquiredAt` throws `INVALID_INPUT` (`"error"`), or is left out
   * and counted in `skippedCustomers` (`"skip"`).
   * @defaultValue `"error"`
   */
  readonly missingAcquisition?: CacMissingAcquisition;
  /**
   * Emit the periods without spend or customers between the first and the last period.
   * @defaultValue `true`
   */
  readonly fillGaps?: boolean;
}

/** Spend, new customers and CAC, blended and paid. */
export interface CacFigures {
  /** All sales and marketing spend (paid and unpaid). */
  readonly spend: number;
  /** All new customers, of every channel (including organic and `"(none)"`). */
  readonly newCustomers: number;
  /** Blended CAC: `spend / newCustomers`; `null` without new customers. */
  readonly cac: number | null;
  /** Spend of records with `paid !== false`. */
  readonly paidSpend: number;
  /** New customers whose channel has paid spend. */
  readonly paidCustomers: number;
  /** Paid CAC: `paidSpend / paidCustomers`; `null` without paid customers. */
  readonly paidCac: number | null;
}

/** Spend, new customers and CAC of one channel. */
export interface CacChannel {
  /** Channel label (`"(none)"` for customers without a channel). */
  readonly channel: string;
  /** Whether the channel has paid spend (any record with `paid !== false`). */
  readonly paid: boolean;
  /** Spend of the channel. */
  readonly spend: number;
  /** New customers of the channel. */
  readonly newCustomers: number;
  /** `spend / newCustomers`; `null` without new customers. */
  readonly cac: number | null;
}

/** One calendar period of a {@link CacResult}. */
export interface CacPeriod extends PeriodInfo, CacFigures {
  /** Channels with spend or new customers in the period, by name (`"(none)"` last). */
  readonly channels: readonly CacChannel[];
}

/** Result of {@link cac}. The top-level figures are the totals over all periods. */
export interface CacResult extends CacFigures {
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly allocation: CacSpendAllocation;
  readonly lagPeriods: number;
  /** Periods in ascending order. */
  readonly periods: readonly CacPeriod[];
  /** Channels over all periods, by name (`"(none)"` last). */
  readonly channels: readonly CacChannel[];
  /** Customers left out for lack of `acquiredAt` (with `missingAcquisition: "skip"`). */
  readonly skippedCustomers: number;
}

interface Cell {
  readonly spend: MoneySum;
  readonly paidSpend: MoneySum;
  customers: number;
}

const D: typeof Decimal = /* @__PURE__ */ Decimal.clone({ precision: 50 });

/**
 * Customer acquisition cost per calendar period and per channel. Blended CAC is all sales
 * and marketing spend over all new customers (organic included), as defined by Skok and
 * Finmark; paid CAC is the spend of paid records (`paid !== false`) over the customers
 * acquired through channels that have paid spend. Spend and acquisitions are bucketed in
 * the same time zone. Money is summed exactly.
 *
 * @param spend - `MarketingSpend` records (channel, periodStart, optional periodEnd, amount >= 0).
 * @param newCustomers - `Customer` records with `acquiredAt` and `channel` (missing channel: `"(none)"`).
 * @param options - Period, time zone, spend allocation, lag and handling of missing dates.
 * @returns Totals, periods (each with its channels) and channels; a CAC with no customers
 *   is `null` while the spend is still shown.
 * @throws {CrmMetricsError} `INVALID_INPUT` for spend without a channel or a valid
 *   `periodStart`, a `periodEnd` not after its start, a negative or non-finite amount, a
 *   customer without a valid id or `acquiredAt` (unless skipped), a repeated customer
 *   id, or spend records in different currencies; also when a series would have more
 *   than 100,000 periods: a pro-rata spend record spanning more (path
 *   `spend[i].periodEnd`), or, with `fillGaps`, the earliest and the latest date more
 *   than 100,000 periods apart (the path names the one farther from 1970, such as a
 *   customer acquired in year 9999); `INVALID_OPTION` for a bad option.
 *
 * @example
 * const spend = [
 *   { channel: "search", periodStart: "2024-01-01", periodEnd: "2024-03-01", amount: 1000 },
 *   { channel: "events", periodStart: "2024-02-10", amount: 300, paid: false },
 * ];
 * const customers = [
 *   { id: "a", acquiredAt: "2024-01-20", channel: "search" },
 *   { id: "b", acquiredAt: "2024-02-03", channel: "search" },
 *   { id: "c", acquiredAt: "2024-02-15", channel: "referral" },
 * ];
 * const result = cac(spend, customers);
 * [result.cac, result.paidCac, result.periods.map((p) => p.spend)]
 * // => [433.3333, 500, [516.6667, 783.3333]]
 */
export function cac(spend: Iterable<MarketingSpend>, newCustomers: Iterable<Customer>, options?: CacOptions): CacResult {
  const fn = "cac";
  const opts = resolveOptions(fn, options);
  const unit = resolvePeriod(fn, opts.period);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const weekStartsOn = resolveWeekStartsOn(fn, opts.weekStartsOn);
  const allocation = resolveEnum<CacSpendAllocation>(fn, "allocation", opts.allocation, ["pro-rata", "start"], "pro-rata");
  const lagPeriods = resolveNumberOption(fn, "lagPeriods", opts.lagPeriods, 0, { integer: true, min: 0 });
  const missing = resolveEnum<CacMissingAcquisition>(fn, "missingAcquisition", opts.missingAcquisition, ["error", "skip"], "error");
  const fillGaps = resolveBooleanOption(fn, "fillGaps", opts.fillGaps, true);
  const bucket = createPeriodBucketer(unit, { timeZone, weekStartsOn });
  const shift = (p: number): number => (lagPeriods === 0 ? p : addPeriods(p, unit, lagPeriods, timeZone));

  const cells = new Map<number, Map<string, Cell>>();
  const cell = (p: number, channel: string): Cell =>
    entry(entry(cells, p, () => new Map<string, Cell>()), channel, () => ({ spend: new MoneySum(), paidSpend: new MoneySum(), customers: 0 }));
  const paidChannels = new Set<string>();

  const spendRecords = toArray<unknown>(fn, "spend", spend);
  const currency = new CurrencyGuard(fn);
  const calendar = { unit, timeZone, weekStartsOn };
  const limit = { fn, hint: fillGaps ? "use a longer period, or fillGaps: false" : "use a longer period" };
  const spanLimit = { fn, hint: 'use a longer period, or allocation: "start"' };
  const extent = new SeriesExtent();
  for (let i = 0; i < spendRecords.length; i++) {
    const s = readSpend(fn, "spend", i, spendRecords[i], timeZone, currency);
    if (s.paid) paidChannels.add(s.channel);
    extent.add(s.start, "spend", i, "periodStart");
    const add = (p: number, amount: number | Decimal): void => {
      const c = cell(shift(p), s.channel);
      c.spend.add(amount);
      if (s.paid) c.paidSpend.add(amount);
    };
    if (s.end === null || allocation === "start") {
      add(bucket(s.start), s.amount);
      continue;
    }
    // Pro rata by elapsed time; the last piece takes the exact remainder.
    extent.add(s.end, "spend", i, "periodEnd");
    const pieces = periodCount(s.start, s.end - 1, calendar); // periodEnd is exclusive
    checkPeriodCount(spanLimit, calendar, s.start, s.end, (end) => recordPath("spend", i, end === "first" ? "periodStart" : "periodEnd"), pieces);
    const total = new D(s.amount);
    const length = s.end - s.start;
    let rest = total;
    let p = bucket(s.start);
    while (p < s.end) {
      const next = nextPeriodStart(p, unit, timeZone);
      if (next >= s.end) {
        add(p, rest);
        break;
      }
      const piece = total.times(next - Math.max(p, s.start)).div(length);
      add(p, piece);
      rest = rest.minus(piece);
      p = next;
    }
  }

  const customers = toArray<unknown>(fn, "newCustomers", newCustomers);
  const seen = new Set<string>();
  let skippedCustomers = 0;
  for (let i = 0; i < customers.length; i++) {
    const c = readCustomer(fn, "newCustomers", i, customers[i], timeZone);
    if (seen.has(c.id)) invalidInput(fn, recordPath("newCustomers", i, "id"), "must be unique", c.id);
    seen.add(c.id);
    if (c.acquiredAt === null) {
      if (missing === "error") {
        invalidInput(fn, recordPath("newCustomers", i, "acquiredAt"), "must be a valid date (set missingAcquisition: \"skip\" to leave such customers out)", undefined);
      }
      skippedCustomers++;
      continue;
    }
    cell(bucket(c.acquiredAt), c.channel).customers++;
    extent.add(c.acquiredAt, "newCustomers", i, "acquiredAt");
  }

  const starts = [...cells.keys()].sort((a, b) => a - b);
  const periodStarts: number[] = [];
  if (starts.length > 0) {
    if (fillGaps) {
      const count = periodCount(starts[0]!, starts[starts.length - 1]!, calendar);
      checkPeriodCount(limit, calendar, extent.firstAt, extent.lastAt, (end) => extent.path(end), count);
      for (let p = starts[0]!; p <= starts[starts.length - 1]!; p = nextPeriodStart(p, unit, timeZone)) periodStarts.push(p);
    } else periodStarts.push(...starts);
  }

  const totals = new Accumulator();
  const channelTotals = new Map<string, { spend: MoneySum; customers: number }>();
  const periods: CacPeriod[] = periodStarts.map((p) => {
    const acc = new Accumulator();
    const channelCells = cells.get(p) ?? new Map<string, Cell>();
    const names = [...channelCells.keys()].sort(compareChannels);
    const channels = names.map((name) => {
      const c = channelCells.get(name)!;
      const paid = paidChannels.has(name);
      acc.add(c, paid);
      totals.add(c, paid);
      const t = entry(channelTotals, name, () => ({ spend: new MoneySum(), customers: 0 }));
      t.spend.merge(c.spend);
      t.customers += c.customers;
      return channelFigures(name, paid, c.spend, c.customers);
    });
    const end = nextPeriodStart(p, unit, timeZone);
    return { ...periodInfo({ start: p, end, label: periodLabel(p, unit, timeZone) }), ...acc.figures(), channels };
  });
  const channels = [...channelTotals.keys()]
    .sort(compareChannels)
    .map((name) => {
      const t = channelTotals.get(name)!;
      return channelFigures(name, paidChannels.has(name), t.spend, t.customers);
    });
  return { period: unit, timeZone, allocation, lagPeriods, ...totals.figures(), periods, channels, skippedCustomers };
}

function channelFigures(channel: string, paid: boolean, spend: MoneySum, customers: number): CacChannel {
  return { channel, paid, spend: spend.value(), newCustomers: customers, cac: divideMoney(spend, customers) };
}

class Accumulator {
  private readonly spend = new MoneySum();
  private readonly paidSpend = new MoneySum();
  private customers = 0;
  private paidCustomers = 0;

  add(c: Cell, paidChannel: boolean): void {
    this.spend.merge(c.spend);
    this.paidSpend.merge(c.paidSpend);
    this.customers += c.customers;
    if (paidChannel) this.paidCustomers += c.customers;
  }

  figures(): CacFigures {
    return {
      spend: this.spend.value(),
      newCustomers: this.customers,
      cac: divideMoney(this.spend, this.customers),
      paidSpend: this.paidSpend.value(),
      paidCustomers: this.paidCustomers,
      paidCac: divideMoney(this.paidSpend, this.paidCustomers),
    };
  }
}
