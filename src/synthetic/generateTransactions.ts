import type { DateInput } from "../core/options.js";
import { createRandom } from "../core/random.js";
import { localWallToInstant, resolveTimeZone, toTimestampOption, zoneOffsetMinutes } from "../core/time.js";
import { invalidOption } from "../core/errors.js";
import { resolveEnum, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";

/** Options of {@link generateTransactions}. */
export interface GenerateTransactionsOptions {
  /**
   * Number of customers (each makes at least its first purchase).
   * @defaultValue `1000`
   */
  readonly customers?: number;
  /**
   * Seed of the random source: the same seed and options give the same log.
   * @defaultValue `42`
   */
  readonly seed?: number;
  /**
   * Start of the log (inclusive).
   * @defaultValue `"2024-01-01T00:00:00Z"`
   */
  readonly start?: DateInput;
  /**
   * End of the log (exclusive).
   * @defaultValue `"2025-01-01T00:00:00Z"`
   */
  readonly end?: DateInput;
  /**
   * When customers make their first purchase: all at `start` (one cohort, as in the
   * CDNOW data) or uniformly over the first half of the span.
   * @defaultValue `"uniform"`
   */
  readonly acquisition?: "start" | "uniform";
  /**
   * Heterogeneous purchase rates of the BG/NBD model: each customer's rate per day is
   * Gamma(r, alpha) (mean r / alpha).
   * @defaultValue `{ r: 0.9, alpha: 30 }` (mean 0.03 a day, about 11 a year while active)
   */
  readonly purchaseRate?: { readonly r: number; readonly alpha: number };
  /**
   * Dropout of the BG/NBD model: after each repeat purchase a customer becomes inactive
   * with probability p, p ~ Beta(a, b) across customers (every customer is active at
   * the first purchase, as the model assumes).
   * @defaultValue `{ a: 0.8, b: 6 }`
   */
  readonly dropout?: { readonly a: number; readonly b: number };
  /**
   * Spend of the Gamma-Gamma model: each amount is Gamma(p, nu) with the customer's nu ~
   * Gamma(q, gamma) (mean spend p * gamma / (q - 1)); amounts are rounded to cents.
   * @defaultValue `{ p: 6.25, q: 3.74, gamma: 15.44 }` (Fader and Hardie's CDNOW estimates, mean about 35)
   */
  readonly spend?: { readonly p: number; readonly q: number; readonly gamma: number };
  /**
   * Share of purchases that are partly or fully refunded 1 to 30 days later (a refund is
   * a record with `type: "refund"` and a negative amount; refunds after `end` are dropped).
   * @defaultValue `0.03`
   */
  readonly refundRate?: number;
  /**
   * Product categories, drawn with decreasing popularity (Zipf-like weights 1, 1/2, 1/3...).
   * @defaultValue `["books", "music", "electronics", "home", "toys"]`
   */
  readonly categories?: readonly string[];
  /**
   * Time zone whose local daytime (08:00 to 22:00) the purchases fall in.
   * @defaultValue `"UTC"`
   */
  readonly timeZone?: string;
  /**
   * Form of `occurredAt`: ISO strings (UTC, with `Z`) or epoch milliseconds.
   * @defaultValue `"iso"`
   */
  readonly dateFormat?: "iso" | "epoch";
  /**
   * Order of the records: by time (ties by customer, then generation order), like a
   * real log, or grouped by customer (faster for very large logs).
   * @defaultValue `"time"`
   */
  readonly order?: "time" | "customer";
  /**
   * ISO 4217 currency code on every record.
   * @defaultValue `"USD"`
   */
  readonly currency?: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * A seeded, realistic transaction log for examples, tests and benchmarks. Customers buy
 * according to the BG/NBD story (Fader, Hardie & Lee 2005): Poisson purchases at a
 * Gamma-distributed rate while active, a Beta-distributed chance of dropping out after
 * each purchase; amounts follow the Gamma-Gamma spend model; a few purchases are
 * refunded later; purchases fall in local daytime hours of `timeZone` (one whose hour falls
 * before `start` is moved to `start`; a first purchase whose hour falls at or after `end` is
 * moved to just before it, a later one ends the customer's history); each purchase has a
 * quantity of 1 + Poisson(0.4). Customer ids are `c` and the customer's number padded to the
 * width of `customers` (`c0001` to `c1000` for 1000 customers); transaction ids likewise
 * `t` and the position in the log, padded to the width of its length.
 *
 * @param options - Size, seed, span, model parameters and output format.
 * @returns The transactions, in time order by default.
 * @throws {CrmMetricsError} `INVALID_OPTION` for a bad option.
 *
 * @example
 * const log = generateTransactions({ customers: 50, seed: 7 });
 * [log.length > 50, String(log[0]?.customerId).startsWith("c"), log.every((t) => t.occurredAt < "2025-01-01")]
 * // => [true, true, true]
 * @example
 * generateTransactions({ customers: 3, seed: 1 }).length === generateTransactions({ customers: 3, seed: 1 }).length
 * // => true
 */
export function generateTransactions(options?: GenerateTransactionsOptions): Transaction[] {
  const fn = "generateTransactions";
  const opts = resolveOptions(fn, options);
  const customers = resolveNumberOption(fn, "customers", opts.customers, 1000, { integer: true, min: 0, max: 10_000_000 });
  const seed = resolveNumberOption(fn, "seed", opts.seed, 42, { integer: true });
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const start = opts.start === undefined ? Date.UTC(2024, 0, 1) : toTimestampOption(fn, "start", opts.start, timeZone);
  const end = opts.end === undefined ? Date.UTC(2025, 0, 1) : toTimestampOption(fn, "end", opts.end, timeZone);
  if (!(end > start)) invalidOption(fn, "end", "must be after options.start", opts.end);
  const acquisition = resolveEnum(fn, "acquisition", opts.acquisition, ["start", "uniform"], "uniform");
  const rate = readParams(fn, "purchaseRate", opts.purchaseRate, { r: 0.9, alpha: 30 });
  const dropout = readParams(fn, "dropout", opts.dropout, { a: 0.8, b: 6 });
  const spend = readParams(fn, "spend", opts.spend, { p: 6.25, q: 3.74, gamma: 15.44 });
  const refundRate = resolveNumberOption(fn, "refundRate", opts.refundRate, 0.03, { min: 0, max: 1 });
  const categories = opts.categories ?? ["books", "music", "electronics", "home", "toys"];
  if (!Array.isArray(categories) || categories.length === 0 || !categories.every((c) => typeof c === "string")) {
    invalidOption(fn, "categories", "must be a non-empty array of strings", categories);
  }
  const dateFormat = resolveEnum(fn, "dateFormat", opts.dateFormat, ["iso", "epoch"], "iso");
  const order = resolveEnum(fn, "order", opts.order, ["time", "customer"], "time");
  const currency = opts.currency ?? "USD";
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency)) {
    invalidOption(fn, "currency", "must be an ISO 4217 code such as \"USD\"", currency);
  }

  const rng = createRandom(seed);
  const cumulative: number[] = [];
  let w = 0;
  for (let k = 0; k < categories.length; k++) cumulative.push((w += 1 / (k + 1)));
  const pickCategory = (): string => {
    const u = rng.next() * w;
    let k = 0;
    while (cumulative[k]! <= u) k++;
    return categories[k]!;
  };
  const offsetCache = new Map<number, number>();
  // A local daytime instant on the local day that contains `ms`.
  const daytime = (ms: number): number => {
    const hourOfDay = 8 + rng.next() * 14;
    if (timeZone === "UTC") return Math.floor(ms / DAY) * DAY + Math.floor(hourOfDay * HOUR);
    const dayIndex = Math.floor(ms / DAY);
    let off = offsetCache.get(dayIndex);
    if (off === undefined) {
      off = zoneOffsetMinutes(ms, timeZone) * 60_000;
      offsetCache.set(dayIndex, off);
    }
    const localDay = Math.floor((ms + off) / DAY) * DAY;
    return localWallToInstant(localDay + Math.floor(hourOfDay * HOUR), timeZone);
  };
  const pad = String(Math.max(customers, 1)).length;
  const times: number[] = [];
  const amounts: number[] = [];
  const owners: number[] = [];
  const cats: string[] = [];
  const quantities: number[] = [];
  const refundOf: number[] = []; // -1 for purchases, else the index of the refunded purchase
  const span = end - start;
  for (let c = 0; c < customers; c++) {
    const lambda = rng.gamma(rate.r, rate.alpha) / DAY;
    const p = rng.beta(dropout.a, dropout.b);
    const nu = rng.gamma(spend.q, spend.gamma);
    let t = acquisition === "start" ? start : start + rng.next() * (span / 2);
    const firstIndex = times.length;
    for (;;) {
      const local = daytime(t);
      // A repeat purchase whose daytime falls at or after the end is past the log: the history
      // ends. Only a first purchase is moved into [start, end), so that every customer has one.
      if (local >= end && times.length !== firstIndex) break;
      const at = Math.max(start, Math.min(local, end - 1));
      const quantity = 1 + rng.poisson(0.4);
      const amount = Math.max(0.01, Math.round(rng.gamma(spend.p, nu) * 100) / 100);
      const index = times.length;
      times.push(at);
      amounts.push(amount);
      owners.push(c);
      cats.push(pickCategory());
      quantities.push(quantity);
      refundOf.push(-1);
      if (refundRate > 0 && rng.next() < refundRate) {
        const when = daytime(at + (1 + rng.int(30)) * DAY);
        if (when < end) {
          const share = rng.next() < 0.6 ? 1 : Math.round((0.2 + 0.6 * rng.next()) * 100) / 100;
          times.push(when);
          amounts.push(-Math.round(amount * share * 100) / 100 || -0.01);
          owners.push(c);
          cats.push(cats[index]!);
          quantities.push(share === 1 ? quantity : 1);
          refundOf.push(index);
        }
      }
      // BG/NBD: a customer can drop out only after a repeat purchase, never right after the first.
      if ((index !== firstIndex && rng.next() < p) || lambda <= 0) break;
      t = at + rng.exponential(1) / lambda;
      if (!(t < end)) break;
    }
  }
  const n = times.length;
  let indices: Uint32Array | null = null;
  if (order === "time") {
    indices = new Uint32Array(n);
    for (let i = 0; i < n; i++) indices[i] = i;
    const tt = Float64Array.from(times);
    indices.sort((a, b) => tt[a]! - tt[b]! || a - b);
  }
  const ids: string[] = new Array<string>(customers);
  for (let c = 0; c < customers; c++) ids[c] = `c${String(c + 1).padStart(pad, "0")}`;
  const tpad = String(Math.max(n, 1)).length;
  const out: Transaction[] = new Array<Transaction>(n);
  for (let k = 0; k < n; k++) {
    const i = indices === null ? k : indices[k]!;
    const ms = times[i]!;
    const refund = refundOf[i]! >= 0;
    out[k] = {
      id: `t${String(k + 1).padStart(tpad, "0")}`,
      customerId: ids[owners[i]!]!,
      occurredAt: dateFormat === "iso" ? new Date(ms).toISOString() : ms,
      amount: amounts[i]!,
      currency,
      type: refund ? "refund" : "purchase",
      category: cats[i]!,
      quantity: quantities[i]!,
    };
  }
  return out;
}

/** Validate an object of positive finite parameters, filling in defaults. */
function readParams<T extends Record<string, number>>(fn: string, name: string, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    invalidOption(fn, name, `must be an object such as ${JSON.stringify(fallback)}`, value);
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const key of Object.keys(fallback)) {
    const v = record[key] ?? fallback[key];
    out[key] = resolveNumberOption(fn, `${name}.${key}`, v, fallback[key]!, { min: 0, minExclusive: true });
  }
  return out as T;
}
