import type { Duration } from "date-fns";
import { invalidInput, recordPath } from "../core/errors.js";
import { divideMoney, MoneySum } from "../core/money.js";
import type { TimeZoneOptions } from "../core/options.js";
import { resolveDuration, resolveTimeZone } from "../core/time.js";
import { ratio, requireRecord, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";
import type { Customer } from "../models/customer.js";
import type { Lead } from "../models/lead.js";
import type { MarketingSpend } from "../models/spend.js";
import type { Transaction } from "../models/transaction.js";
import {
  compareChannels,
  CurrencyGuard,
  durationShifter,
  entry,
  readChannelField,
  readCustomer,
  readIdField,
  readRecord,
  readSpend,
  readTimeField,
  readTransaction,
} from "./records.js";

/** Input of {@link channelPerformance}: any of the four lists may be omitted. */
export interface ChannelPerformanceInput {
  /** Marketing spend per channel (paid and unpaid both count). */
  readonly spend?: Iterable<MarketingSpend>;
  /** Leads, by the channel they came from. */
  readonly leads?: Iterable<Lead>;
  /** The new customers of the analysed range, by acquisition channel. */
  readonly customers?: Iterable<Customer>;
  /** Transactions; only those of `customers` count as revenue (refunds subtract). */
  readonly transactions?: Iterable<Transaction>;
}

/** Options of {@link channelPerformance}. */
export interface ChannelPerformanceOptions extends TimeZoneOptions {
  /**
   * Gross margin (a fraction at most 1) applied to revenue in ROI.
   * @defaultValue `1` (ROI on revenue)
   */
  readonly grossMargin?: number;
  /**
   * Count only the revenue in `[acquiredAt, acquiredAt + revenueWindow)` of each customer
   * (every customer then needs `acquiredAt`). When omitted, all of a customer's
   * transactions count.
   */
  readonly revenueWindow?: Duration;
}

/** Performance of one channel. */
export interface ChannelPerformanceRow {
  /** Channel label; `"(none)"` for records without a channel. */
  readonly channel: string;
  /** Spend of the channel. */
  readonly spend: number;
  /** Leads from the channel. */
  readonly leads: number;
  /** Leads converted (with `convertedAt` or `customerId`). */
  readonly conversions: number;
  /** `conversions / leads`; `null` without leads. */
  readonly conversionRate: number | null;
  /** New customers acquired through the channel. */
  readonly newCustomers: number;
  /** This channel's share of all new customers (channel mix); `null` without customers. */
  readonly customerShare: number | null;
  /** `spend / newCustomers`; `null` without new customers. */
  readonly cac: number | null;
  /** Net revenue of the channel's customers (in the window, if any). */
  readonly revenue: number;
  /** `(revenue × grossMargin − spend) / spend`; `null` without spend. */
  readonly roi: number | null;
  /** `revenue / spend`; `null` without spend. */
  readonly roas: number | null;
}

/** Result of {@link channelPerformance}. */
export interface ChannelPerformanceResult {
  /** Channels by name, `"(none)"` last. */
  readonly channels: readonly ChannelPerformanceRow[];
  /** The same figures over all channels (its `channel` is `"(all)"`). */
  readonly total: ChannelPerformanceRow;
  readonly grossMargin: number;
  /** Transactions of customers not in `customers` (not counted as revenue). */
  readonly unmatchedTransactions: number;
  /** Transactions of listed customers outside their revenue window. */
  readonly transactionsOutsideWindow: number;
}

interface Row {
  readonly spend: MoneySum;
  leads: number;
  conversions: number;
  customers: number;
  readonly revenue: MoneySum;
}

/**
 * Acquisition performance per channel, in one pass over each input: spend, leads, lead
 * conversions and conversion rate, new customers and the channel mix, CAC, the revenue of
 * the channel's customers, ROI on gross margin and ROAS. A customer's channel is the
 * `channel` of its `Customer` record (first touch, as most CRMs store it); records with no
 * channel go to the `"(none)"` bucket.
 *
 * @param input - Spend, leads, customers and transactions (each optional).
 * @param options - Gross margin, revenue window after acquisition and time zone.
 * @returns One row per channel that appears in any input, and the total.
 * @throws {CrmMetricsError} `INVALID_INPUT` for invalid spend (see {@link cac}), a lead or
 *   customer without a valid id, a repeated customer id, a transaction without a valid
 *   customer id, date or amount, or a customer without `acquiredAt` when `revenueWindow`
 *   is set, or spend and transactions in different currencies; `INVALID_OPTION` for a bad option.
 *
 * @example
 * const spend = [{ channel: "ads", periodStart: "2024-01-01", amount: 500 }];
 * const leads = [
 *   { id: 1, createdAt: "2024-01-02", channel: "ads", convertedAt: "2024-01-05" },
 *   { id: 2, createdAt: "2024-01-03", channel: "ads" },
 * ];
 * const customers = [{ id: "c1", acquiredAt: "2024-01-05", channel: "ads" }];
 * const transactions = [{ customerId: "c1", occurredAt: "2024-01-05", amount: 1000 }];
 * const row = channelPerformance({ spend, leads, customers, transactions }, { grossMargin: 0.5 }).channels[0];
 * [row?.conversionRate, row?.cac, row?.roas, row?.roi]
 * // => [0.5, 500, 2, 0]
 */
export function channelPerformance(input: ChannelPerformanceInput, options?: ChannelPerformanceOptions): ChannelPerformanceResult {
  const fn = "channelPerformance";
  const opts = resolveOptions(fn, options);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const grossMargin = resolveNumberOption(fn, "grossMargin", opts.grossMargin, 1, { max: 1 });
  const window = opts.revenueWindow === undefined ? null : resolveDuration(fn, "revenueWindow", opts.revenueWindow, { days: 0 });
  const windowEnd = window === null ? null : durationShifter(window, timeZone, 1);
  const data = requireRecord(fn, "input", input);
  const list = (name: string): readonly unknown[] => (data[name] === undefined ? [] : toArray<unknown>(fn, name, data[name]));

  const rows = new Map<string, Row>();
  const row = (channel: string): Row =>
    entry(rows, channel, () => ({ spend: new MoneySum(), leads: 0, conversions: 0, customers: 0, revenue: new MoneySum() }));

  const currency = new CurrencyGuard(fn);
  const spend = list("spend");
  for (let i = 0; i < spend.length; i++) {
    const s = readSpend(fn, "spend", i, spend[i], timeZone, currency);
    row(s.channel).spend.add(s.amount);
  }

  const leads = list("leads");
  for (let i = 0; i < leads.length; i++) {
    const l = readRecord(fn, "leads", i, leads[i]);
    readIdField(fn, "leads", i, l, "id");
    const r = row(readChannelField(fn, "leads", i, l));
    r.leads++;
    const convertedAt = l["convertedAt"];
    if (convertedAt !== undefined && convertedAt !== null) readTimeField(fn, "leads", i, l, "convertedAt", timeZone);
    const customerId = l["customerId"];
    if (customerId !== undefined && customerId !== null) readIdField(fn, "leads", i, l, "customerId");
    if ((convertedAt !== undefined && convertedAt !== null) || (customerId !== undefined && customerId !== null)) r.conversions++;
  }

  // Customer id -> its row and revenue window (end is +Infinity without a window).
  const owners = new Map<string, { row: Row; from: number; to: number }>();
  const customers = list("customers");
  for (let i = 0; i < customers.length; i++) {
    const c = readCustomer(fn, "customers", i, customers[i], timeZone);
    if (owners.has(c.id)) invalidInput(fn, recordPath("customers", i, "id"), "must be unique", c.id);
    let from = Number.NEGATIVE_INFINITY;
    let to = Number.POSITIVE_INFINITY;
    if (window !== null) {
      if (c.acquiredAt === null) {
        invalidInput(fn, recordPath("customers", i, "acquiredAt"), "must be a valid date when options.revenueWindow is set", undefined);
      }
      from = c.acquiredAt as number;
      to = windowEnd!(from);
    }
    const r = row(c.channel);
    r.customers++;
    owners.set(c.id, { row: r, from, to });
  }

  const transactions = list("transactions");
  let unmatched = 0;
  let outside = 0;
  for (let i = 0; i < transactions.length; i++) {
    const t = readTransaction(fn, "transactions", i, transactions[i], timeZone, currency);
    const owner = owners.get(t.customerId);
    if (owner === undefined) unmatched++;
    else if (t.t < owner.from || t.t >= owner.to) outside++;
    else owner.row.revenue.add(t.amount);
  }

  let totalCustomers = 0;
  for (const r of rows.values()) totalCustomers += r.customers;
  const all: Row = { spend: new MoneySum(), leads: 0, conversions: 0, customers: 0, revenue: new MoneySum() };
  const channels = [...rows.keys()].sort(compareChannels).map((name) => {
    const r = rows.get(name)!;
    all.spend.merge(r.spend);
    all.revenue.merge(r.revenue);
    all.leads += r.leads;
    all.conversions += r.conversions;
    all.customers += r.customers;
    return figures(name, r, totalCustomers, grossMargin);
  });
  return {
    channels,
    total: figures("(all)", all, totalCustomers, grossMargin),
    grossMargin,
    unmatchedTransactions: unmatched,
    transactionsOutsideWindow: outside,
  };
}

function figures(channel: string, r: Row, totalCustomers: number, grossMargin: number): ChannelPerformanceRow {
  const spend = r.spend.value();
  const revenue = r.revenue.value();
  return {
    channel,
    spend,
    leads: r.leads,
    conversions: r.conversions,
    conversionRate: ratio(r.conversions, r.leads),
    newCustomers: r.customers,
    customerShare: ratio(r.customers, totalCustomers),
    cac: divideMoney(r.spend, r.customers),
    revenue,
    roi: ratio(revenue * grossMargin - spend, spend),
    roas: divideMoney(r.revenue, spend),
  };
}
