import { invalidOption } from "../core/errors.js";
import { MoneySum } from "../core/money.js";
import type { AsOfOptions, MoneyInput, TimeZoneOptions } from "../core/options.js";
import { resolveTimeZone, toTimestampOption } from "../core/time.js";
import { ratio, resolveEnum, resolveOptions } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { compareIds } from "../core/fastIso.js";
import { readCustomerTotals } from "./customerTotals.js";

/**
 * Which tier gets the customer whose revenue crosses a boundary: `"upper"` puts it in the
 * higher tier (A is the smallest set of top customers that reaches 80 %), `"lower"` in the
 * next one (A holds only customers whose cumulative share stays within 80 %).
 */
export type AbcBoundaryRule = "upper" | "lower";

/** A customer summary row accepted by {@link abcTiers} instead of transactions. */
export interface AbcCustomerRevenue {
  /** Customer id. */
  readonly customerId: string | number;
  /** Net revenue of the customer (purchases minus refunds). */
  readonly totalSpend: MoneyInput;
}

/** Options of {@link abcTiers}. */
export interface AbcTiersOptions extends AsOfOptions, TimeZoneOptions {
  /**
   * Cumulative revenue shares that close each tier but the last, increasing, in (0, 1).
   * @defaultValue `[0.8, 0.95]`
   */
  readonly boundaries?: readonly number[];
  /**
   * Tier labels, one more than `boundaries`.
   * @defaultValue `["A", "B", "C", ...]`
   */
  readonly labels?: readonly string[];
  /**
   * Where the customer that crosses a boundary goes.
   * @defaultValue `"upper"`
   */
  readonly crossing?: AbcBoundaryRule;
}

/** One customer's tier. */
export interface AbcCustomer {
  /** Customer id. */
  readonly customerId: string;
  /** Net revenue. */
  readonly revenue: number;
  /** Rank by revenue, 1 = highest; equal revenues share the lowest rank number. */
  readonly rank: number;
  /** Revenue / total positive revenue, or `null` when no customer has positive revenue. */
  readonly revenueShare: number | null;
  /**
   * Share of positive revenue of this customer and everyone ranked above or tied with it
   * (1 for customers with zero or negative revenue), or `null` when there is none.
   */
  readonly cumulativeShare: number | null;
  /** Tier label. */
  readonly tier: string;
}

/** Totals of one tier. */
export interface AbcTier {
  /** Tier label. */
  readonly tier: string;
  /** Upper cumulative share of the tier (1 for the last tier). */
  readonly boundary: number;
  /** Customers in the tier. */
  readonly customers: number;
  /** Share of all customers, or `null` without customers. */
  readonly customerShare: number | null;
  /** Net revenue of the tier. */
  readonly revenue: number;
  /** Tier revenue / total positive revenue, or `null` when there is none. */
  readonly revenueShare: number | null;
}

/** Result of {@link abcTiers}. */
export interface AbcTiersResult {
  /** Customers by revenue, highest first (ties by id). */
  readonly customers: readonly AbcCustomer[];
  /** One row per tier, in order. */
  readonly tiers: readonly AbcTier[];
  /** Number of customers. */
  readonly n: number;
  /** Net revenue of all customers. */
  readonly totalRevenue: number;
  /** Sum of the revenue of customers with positive revenue: the denominator of the shares. */
  readonly positiveRevenue: number;
  /** Customers with zero or negative revenue (always in the last tier). */
  readonly nonPositiveCustomers: number;
  /** Records read. */
  readonly records: number;
  /** Transactions after `asOf`, ignored. */
  readonly ignoredAfterAsOf: number;
  /** Boundaries used. */
  readonly boundaries: readonly number[];
  /** Crossing rule used. */
  readonly crossing: AbcBoundaryRule;
}

/**
 * ABC (Pareto) tiers of customers by their cumulative share of revenue: customers sorted
 * by net revenue, highest first, fill tier A until the cumulative share reaches 80 %, then
 * B until 95 %, the rest are C (the inventory-style ABC analysis applied to customers).
 * With `crossing: "upper"` (default) the customer whose revenue crosses a boundary is in
 * the higher tier, so A is the smallest set of top customers that makes 80 % of revenue.
 * Customers with equal revenue are one block and always share a tier. Shares are of the
 * total positive revenue; customers with zero or negative net revenue (refunds) add
 * nothing, are placed in the last tier and counted in `nonPositiveCustomers`.
 *
 * @param input - Transactions (net revenue per customer: purchases minus refunds), or rows
 *   `{ customerId, totalSpend }` (such as the rows of `customerSummary`). The first record
 *   with `occurredAt` or `amount` (a transaction) or `totalSpend` (a row) decides how the
 *   list is read; error paths name records `transactions[i]` or `customers[i]`.
 * @param options - Boundaries, labels, crossing rule, `asOf` (later transactions are
 *   ignored) and the time zone of ISO dates without offset.
 * @returns Customers with rank, share, cumulative share and tier; totals per tier.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad record; `INVALID_OPTION` for bad
 *   boundaries or labels.
 *
 * @example
 * const rows = [
 *   { customerId: "a", totalSpend: 700 },
 *   { customerId: "b", totalSpend: 200 },
 *   { customerId: "c", totalSpend: 60 },
 *   { customerId: "d", totalSpend: 40 },
 * ];
 * abcTiers(rows).customers.map((c) => c.tier)
 * // => ["A", "A", "B", "C"]
 * @example
 * const rows = [
 *   { customerId: "a", totalSpend: 700 },
 *   { customerId: "b", totalSpend: 200 },
 *   { customerId: "c", totalSpend: 60 },
 *   { customerId: "d", totalSpend: 40 },
 * ];
 * abcTiers(rows, { crossing: "lower" }).customers.map((c) => c.tier)
 * // => ["A", "B", "C", "C"]
 */
export function abcTiers(
  input: Iterable<Transaction> | Iterable<AbcCustomerRevenue>,
  options?: AbcTiersOptions,
): AbcTiersResult {
  const fn = "abcTiers";
  const opts = resolveOptions(fn, options);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const asOf = opts.asOf === undefined ? Number.NaN : toTimestampOption(fn, "asOf", opts.asOf, timeZone);
  const crossing = resolveEnum<AbcBoundaryRule>(fn, "crossing", opts.crossing, ["upper", "lower"], "upper");
  const boundaries = resolveBoundaries(fn, opts.boundaries);
  const labels = resolveLabels(fn, opts.labels, boundaries.length + 1);
  const totals = readCustomerTotals(fn, input, { asOf, timeZone, needRecency: false });
  const count = totals.ids.length;
  const revenue = new Float64Array(count);
  const positive = new MoneySum();
  const net = new MoneySum();
  for (let k = 0; k < count; k++) {
    const v = totals.spend.value(k);
    revenue[k] = v;
    net.add(v);
    if (v > 0) positive.add(v);
  }
  const positiveTotal = positive.value();
  const order = Array.from({ length: count }, (_, k) => k);
  order.sort((a, b) => revenue[b]! - revenue[a]! || compareIds(totals.ids[a]!, totals.ids[b]!));
  const last = labels.length - 1;
  const tierCounts = new Array<number>(labels.length).fill(0);
  const tierRevenue = labels.map(() => new MoneySum());
  const customers: AbcCustomer[] = [];
  const running = new MoneySum();
  let nonPositive = 0;
  let i = 0;
  while (i < count) {
    // a block of equal revenue: one rank, one cumulative share, one tier
    const v = revenue[order[i]!]!;
    let j = i + 1;
    while (j < count && revenue[order[j]!] === v) j++;
    let tier = last;
    let cumulative: number | null;
    if (v > 0) {
      const before = positiveTotal > 0 ? running.value() / positiveTotal : 0;
      for (let t = 0; t < j - i; t++) running.add(v);
      cumulative = Math.min(1, running.value() / positiveTotal);
      for (let t = 0; t < boundaries.length; t++) {
        const inTier = crossing === "upper" ? before < boundaries[t]! : cumulative <= boundaries[t]!;
        if (inTier) {
          tier = t;
          break;
        }
      }
    } else {
      cumulative = positiveTotal > 0 ? 1 : null;
      nonPositive += j - i;
    }
    for (let p = i; p < j; p++) {
      const k = order[p]!;
      tierCounts[tier]!++;
      tierRevenue[tier]!.add(v);
      customers.push({
        customerId: totals.ids[k]!,
        revenue: v,
        rank: i + 1,
        revenueShare: positiveTotal > 0 ? ratio(v, positiveTotal) : null,
        cumulativeShare: cumulative,
        tier: labels[tier]!,
      });
    }
    i = j;
  }
  return {
    customers,
    tiers: labels.map((tier, t) => {
      const rev = tierRevenue[t]!.value();
      return {
        tier,
        boundary: t < boundaries.length ? boundaries[t]! : 1,
        customers: tierCounts[t]!,
        customerShare: ratio(tierCounts[t]!, count),
        revenue: rev,
        revenueShare: positiveTotal > 0 ? ratio(rev, positiveTotal) : null,
      };
    }),
    n: count,
    totalRevenue: net.value(),
    positiveRevenue: positiveTotal,
    nonPositiveCustomers: nonPositive,
    records: totals.records,
    ignoredAfterAsOf: totals.afterAsOf,
    boundaries,
    crossing,
  };
}

function resolveBoundaries(fn: string, value: unknown): number[] {
  if (value === undefined) return [0.8, 0.95];
  if (!Array.isArray(value) || value.length === 0 || value.length > 25) {
    invalidOption(fn, "boundaries", "must be an array of 1 to 25 increasing shares in (0, 1)", value);
  }
  const out: number[] = [];
  (value as unknown[]).forEach((b, i) => {
    if (typeof b !== "number" || !Number.isFinite(b) || b <= 0 || b >= 1 || (i > 0 && b <= out[i - 1]!)) {
      invalidOption(fn, `boundaries[${i}]`, "must be a share in (0, 1), greater than the previous boundary", b);
    }
    out.push(b as number);
  });
  return out;
}

function resolveLabels(fn: string, value: unknown, size: number): string[] {
  if (value === undefined) {
    // at most 25 boundaries, so at most 26 letters
    return Array.from({ length: size }, (_, i) => String.fromCharCode(65 + i));
  }
  if (!Array.isArray(value) || value.length !== size) {
    invalidOption(fn, "labels", `must be an array of ${size} labels (one more than boundaries)`, value);
  }
  const seen = new Set<string>();
  (value as unknown[]).forEach((l, i) => {
    if (typeof l !== "string" || l === "" || seen.has(l)) invalidOption(fn, `labels[${i}]`, "must be a unique non-empty string", l);
    seen.add(l as string);
  });
  return [...(value as string[])];
}
