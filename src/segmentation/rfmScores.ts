import { CrmMetricsError, describeValue, invalidOption } from "../core/errors.js";
import type { AsOfOptions, DateInput, MoneyInput, TimeZoneOptions } from "../core/options.js";
import { isoString, resolveTimeZone, toTimestampOption } from "../core/time.js";
import { isRecord, resolveEnum, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { createIsoInstantFormatter } from "../core/customerSummaryIso.js";
import { type CustomerTotals, createDayCounter, readCustomerTotals } from "./customerTotals.js";

/** How RFM scores are assigned: rank-based bins of the data, or given cut points. */
export type RfmMethod = "quantile" | "thresholds";

/**
 * Where a block of tied values is placed for `method: "quantile"`: at its first member
 * (`"min"`), its middle (`"average"`) or its last member (`"max"`), as pandas
 * `rank(method=...)`; all members of the block get the same score.
 */
export type RfmTies = "min" | "average" | "max";

/** What the monetary score measures: total net spend, or net spend per order. */
export type RfmMonetaryBasis = "total" | "average";

/**
 * A customer summary row that {@link rfmScores} and {@link abcTiers} accept instead of
 * transactions (the rows of `customerSummary` have these fields).
 */
export interface RfmCustomerSummary {
  /** Customer id. */
  readonly customerId: string | number;
  /** Time of the last purchase; `null` or omitted when `orders` is 0. */
  readonly lastPurchaseAt?: DateInput | null;
  /** Number of purchases (orders), an integer >= 0. */
  readonly orders: number;
  /** Net spend (purchases minus refunds). */
  readonly totalSpend: MoneyInput;
}

/**
 * Cut points of the three scores, in score order: entry `j` (0-based) is the threshold a
 * value must reach for a score above `j + 1`. `null` means no value reaches that score.
 *
 * - recency: a customer gets `1 +` the number of entries with `recencyDays <= entry`, so
 *   the entries decrease (`[180, 90, 60, 30]`: within 30 days scores 5);
 * - frequency and monetary: `1 +` the number of entries with `value >= entry`, so the
 *   entries increase (`[2, 3, 5, 10]`: 10 or more orders scores 5).
 */
export interface RfmCutPoints {
  /** Recency cut points in days, non-increasing. */
  readonly recencyDays: readonly (number | null)[];
  /** Frequency (orders) cut points, non-decreasing. */
  readonly frequency: readonly (number | null)[];
  /** Monetary cut points (same unit as `monetary`), non-decreasing. */
  readonly monetary: readonly (number | null)[];
}

/** Options of {@link rfmScores}. */
export interface RfmScoresOptions extends AsOfOptions, TimeZoneOptions {
  /**
   * `"quantile"`: equal-sized bins by rank, equal values always sharing a score (see
   * `ties`); `"thresholds"`: the cut points in `thresholds`.
   * @defaultValue `"quantile"`
   */
  readonly method?: RfmMethod;
  /**
   * Number of scores per dimension (2..9); scores run 1..bins, higher is better.
   * @defaultValue `5` (or the number of thresholds + 1)
   */
  readonly bins?: number;
  /**
   * How tied values are ranked for `method: "quantile"`: a customer's position is
   * `rank - 0.5`, with `rank` the pandas rank of that method (1-based), and its score is
   * `1 + floor(bins x position / n)`. `"min"` scores a tie block like its first member, so
   * one-time buyers get frequency score 1 even when they are most customers, as R's `rfm`
   * package does; `"average"` places it by its middle rank.
   * @defaultValue `"min"`
   */
  readonly ties?: RfmTies;
  /** Cut points for `method: "thresholds"`, `bins - 1` per dimension (see {@link RfmCutPoints}). */
  readonly thresholds?: RfmCutPoints;
  /**
   * What the monetary dimension measures.
   * @defaultValue `"total"`
   */
  readonly monetary?: RfmMonetaryBasis;
}

/** RFM values and scores of one customer. */
export interface RfmCustomerScore {
  /** Customer id (as a string). */
  readonly customerId: string;
  /** Last purchase (ISO-8601, UTC). */
  readonly lastPurchaseAt: string;
  /** Calendar days from the last purchase to `asOf`, in `timeZone` (0 = same day). */
  readonly recencyDays: number;
  /** Number of purchases. */
  readonly frequency: number;
  /** Monetary value: net spend (`"total"`) or net spend per order (`"average"`). */
  readonly monetary: number;
  /** Net spend (purchases minus refunds), exact sum. */
  readonly totalSpend: number;
  /** Recency score, 1..bins (bins = most recent). */
  readonly recencyScore: number;
  /** Frequency score, 1..bins. */
  readonly frequencyScore: number;
  /** Monetary score, 1..bins. */
  readonly monetaryScore: number;
  /** The three scores as a string, e.g. `"545"`. */
  readonly code: string;
  /** Sum of the three scores (3..3 x bins). */
  readonly scoreSum: number;
}

/** Result of {@link rfmScores}; also the model that {@link applyRfm} scores new customers with. */
export interface RfmScoresResult {
  /** Scored customers, sorted by id (code-unit order). */
  readonly customers: readonly RfmCustomerScore[];
  /** Number of scored customers. */
  readonly n: number;
  /** Records read (transactions or summary rows). */
  readonly records: number;
  /** Transactions after `asOf`, ignored. */
  readonly ignoredAfterAsOf: number;
  /** Customers with records but no purchase up to `asOf` (only refunds, or `orders: 0`), not scored, sorted. */
  readonly unscoredCustomerIds: readonly string[];
  /** Observation end (ISO-8601, UTC), or `null` when there was nothing to score. */
  readonly asOf: string | null;
  /** Time zone recency days are counted in. */
  readonly timeZone: string;
  /** Scoring method. */
  readonly method: RfmMethod;
  /** Scores per dimension. */
  readonly bins: number;
  /** Tie rule of the quantile method (`null` with thresholds). */
  readonly ties: RfmTies | null;
  /** Monetary basis. */
  readonly monetaryBasis: RfmMonetaryBasis;
  /** Cut points used; pass the result to {@link applyRfm} to score other customers with them. */
  readonly cutPoints: RfmCutPoints;
  /** Customers per score (index 0 = score 1) per dimension. */
  readonly scoreCounts: {
    readonly recency: readonly number[];
    readonly frequency: readonly number[];
    readonly monetary: readonly number[];
  };
}

/**
 * Recency, frequency and monetary scores 1..bins per customer (Hughes 1994; the scheme of
 * R's `rfm` package, pandas `qcut` recipes and SQL `NTILE`). Recency is counted in calendar
 * days from the last purchase to `asOf`, frequency is the number of purchases, monetary the
 * net spend (refunds subtracted). Higher is better for all three.
 *
 * With `method: "quantile"`, a customer's score is `1 + floor(bins x (rank - 0.5) / n)`,
 * `rank` being the 1-based rank of its value from worst to best with ties ranked by
 * `ties` (default `"min"`, the rank of the block's first member, like pandas
 * `rank(method="min")`): bins are equal-sized (sizes differ by at most one) when values are
 * distinct, and equal values always get the same score. This is deterministic and
 * independent of input order, unlike pandas `rank(method="first")` or SQL `NTILE`, which
 * split ties by row order. A single customer gets the middle score.
 *
 * @param input - Transactions, or customer summary rows `{ customerId, lastPurchaseAt,
 *   orders, totalSpend }` (such as the rows of `customerSummary`). The first record with
 *   `occurredAt` or `amount` (a transaction) or `totalSpend` (a summary row) decides how
 *   the list is read; error paths name records `transactions[i]` or `customers[i]`.
 * @param options - Method, bins, ties, thresholds, monetary basis, `asOf` (default: the latest
 *   transaction; later transactions are ignored, one at exactly `asOf` counts) and time zone.
 * @returns Per-customer values and scores, the cut points used and the counts.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad record (path such as
 *   `transactions[3].amount`); `INVALID_OPTION` for bad options.
 *
 * @example
 * const tx = [
 *   { customerId: "a", occurredAt: "2024-03-01", amount: 50 },
 *   { customerId: "a", occurredAt: "2024-03-20", amount: 70 },
 *   { customerId: "b", occurredAt: "2024-01-05", amount: 20 },
 *   { customerId: "c", occurredAt: "2024-03-30", amount: 300 },
 * ];
 * rfmScores(tx, { bins: 3 }).customers.map((c) => c.code)
 * // => ["232", "111", "313"]
 * @example
 * const tx = [
 *   { customerId: "a", occurredAt: "2024-03-01", amount: 50 },
 *   { customerId: "b", occurredAt: "2024-03-02", amount: 50 },
 *   { customerId: "c", occurredAt: "2024-03-02", amount: 50 },
 *   { customerId: "d", occurredAt: "2024-03-01", amount: 20 },
 *   { customerId: "d", occurredAt: "2024-03-02", amount: 20 },
 *   { customerId: "d", occurredAt: "2024-03-03", amount: 20 },
 * ];
 * [rfmScores(tx).customers.map((c) => c.frequencyScore), rfmScores(tx, { ties: "average" }).customers.map((c) => c.frequencyScore)]
 * // => [[1, 1, 1, 5], [2, 2, 2, 5]]
 * @see applyRfm
 * @see rfmSegments
 */
export function rfmScores(
  input: Iterable<Transaction> | Iterable<RfmCustomerSummary>,
  options?: RfmScoresOptions,
): RfmScoresResult {
  const fn = "rfmScores";
  const opts = resolveOptions(fn, options);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const asOf = opts.asOf === undefined ? Number.NaN : toTimestampOption(fn, "asOf", opts.asOf, timeZone);
  const method = resolveEnum<RfmMethod>(fn, "method", opts.method, ["quantile", "thresholds"], "quantile");
  const monetaryBasis = resolveEnum<RfmMonetaryBasis>(fn, "monetary", opts.monetary, ["total", "average"], "total");
  const ties = resolveEnum<RfmTies>(fn, "ties", opts.ties, ["min", "average", "max"], "min");
  let bins: number;
  let thresholds: RfmCutPoints | null = null;
  if (method === "thresholds") {
    if (opts.thresholds === undefined) invalidOption(fn, "thresholds", 'must be given when method is "thresholds"', undefined);
    thresholds = resolveCutPoints(fn, "options.thresholds", opts.thresholds);
    bins = thresholds.frequency.length + 1;
    if (opts.bins !== undefined && opts.bins !== bins) {
      invalidOption(fn, "bins", `must equal the number of thresholds + 1 (${bins})`, opts.bins);
    }
  } else {
    if (opts.thresholds !== undefined) invalidOption(fn, "thresholds", 'is only read when method is "thresholds"', opts.thresholds);
    bins = resolveNumberOption(fn, "bins", opts.bins, 5, { min: 2, max: 9, integer: true });
  }
  const totals = readCustomerTotals(fn, input, { asOf, timeZone, needRecency: true });
  return scoreTotals(totals, { asOf, timeZone, method, bins, monetaryBasis, thresholds, ties });
}

/** Settings of {@link scoreTotals}. @internal */
export interface RfmSettings {
  readonly asOf: number;
  readonly timeZone: string;
  readonly method: RfmMethod;
  readonly bins: number;
  readonly monetaryBasis: RfmMonetaryBasis;
  readonly thresholds: RfmCutPoints | null;
  readonly ties: RfmTies;
}

/** Score per-customer totals (shared by {@link rfmScores} and {@link applyRfm}). @internal */
export function scoreTotals(totals: CustomerTotals, s: RfmSettings): RfmScoresResult {
  const { ids, lastPurchase, orders, spend } = totals;
  const asOf = Number.isNaN(s.asOf) ? totals.latest : s.asOf;
  const scored: string[] = [];
  const unscored: string[] = [];
  for (let k = 0; k < ids.length; k++) {
    if (orders[k]! > 0) scored.push(ids[k]!);
    else unscored.push(ids[k]!);
  }
  // the default sort compares UTF-16 code units, like compareIds, and is faster than a comparator
  scored.sort();
  unscored.sort();
  const n = scored.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = totals.indexOf(scored[i]!);
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  const totalSpend = new Float64Array(n);
  const daysBetween = createDayCounter(s.timeZone);
  for (let i = 0; i < n; i++) {
    const k = order[i]!;
    recency[i] = daysBetween(lastPurchase[k]!, asOf);
    frequency[i] = orders[k]!;
    const total = spend.value(k);
    totalSpend[i] = total;
    monetary[i] = s.monetaryBasis === "total" ? total : clean(total / orders[k]!);
  }
  const cutPoints: RfmCutPoints =
    s.thresholds ??
    ({
      recencyDays: quantileCuts(recency, s.bins, true, s.ties),
      frequency: quantileCuts(frequency, s.bins, false, s.ties),
      monetary: quantileCuts(monetary, s.bins, false, s.ties),
    } satisfies RfmCutPoints);
  const counts = {
    recency: new Array<number>(s.bins).fill(0),
    frequency: new Array<number>(s.bins).fill(0),
    monetary: new Array<number>(s.bins).fill(0),
  };
  const customers: RfmCustomerScore[] = new Array<RfmCustomerScore>(n);
  const iso = createIsoInstantFormatter();
  // the codes of every score combination, made once rather than once per customer
  const codes: string[] = [];
  for (let r = 1; r <= s.bins; r++) for (let f = 1; f <= s.bins; f++) for (let m = 1; m <= s.bins; m++) codes.push(`${r}${f}${m}`);
  for (let i = 0; i < n; i++) {
    const r = scoreDown(recency[i]!, cutPoints.recencyDays);
    const f = scoreUp(frequency[i]!, cutPoints.frequency);
    const m = scoreUp(monetary[i]!, cutPoints.monetary);
    counts.recency[r - 1]!++;
    counts.frequency[f - 1]!++;
    counts.monetary[m - 1]!++;
    const k = order[i]!;
    customers[i] = {
      customerId: ids[k]!,
      lastPurchaseAt: iso(lastPurchase[k]!),
      recencyDays: recency[i]!,
      frequency: frequency[i]!,
      monetary: monetary[i]!,
      totalSpend: totalSpend[i]!,
      recencyScore: r,
      frequencyScore: f,
      monetaryScore: m,
      code: codes[((r - 1) * s.bins + (f - 1)) * s.bins + (m - 1)]!,
      scoreSum: r + f + m,
    };
  }
  return {
    customers,
    n,
    records: totals.records,
    ignoredAfterAsOf: totals.afterAsOf,
    unscoredCustomerIds: unscored,
    asOf: Number.isNaN(asOf) ? null : isoString(asOf),
    timeZone: s.timeZone,
    method: s.method,
    bins: s.bins,
    ties: s.thresholds === null ? s.ties : null,
    monetaryBasis: s.monetaryBasis,
    cutPoints,
    scoreCounts: counts,
  };
}

/**
 * Quantile cut points. With values sorted from worst to best, a tie block occupying
 * positions [start, end) sits at `start + 0.5` (min), `(start + end) / 2` (average) or
 * `end - 0.5` (max); cut `j` (1-based) is the first distinct value whose position is at
 * least `j x n / bins`. `descending` values are better when smaller (recency).
 */
function quantileCuts(values: Float64Array, bins: number, descending: boolean, ties: RfmTies): (number | null)[] {
  const n = values.length;
  const sorted = values.slice().sort();
  if (descending) sorted.reverse();
  const cuts: (number | null)[] = [];
  let j = 1;
  let start = 0;
  while (start < n && j < bins) {
    const v = sorted[start]!;
    let end = start + 1;
    while (end < n && sorted[end] === v) end++;
    // twice the position, so that the comparison stays in integers: bins * 2p >= 2 * j * n
    const twice = ties === "min" ? 2 * start + 1 : ties === "max" ? 2 * end - 1 : start + end;
    while (j < bins && bins * twice >= 2 * j * n) {
      cuts.push(clean(v));
      j++;
    }
    start = end;
  }
  while (cuts.length < bins - 1) cuts.push(null);
  return cuts;
}

/** 1 + the number of cut points the value reaches (value >= cut). */
function scoreUp(value: number, cuts: readonly (number | null)[]): number {
  let s = 1;
  for (const c of cuts) if (c !== null && value >= c) s++;
  return s;
}

/** 1 + the number of cut points the value stays within (value <= cut). */
function scoreDown(value: number, cuts: readonly (number | null)[]): number {
  let s = 1;
  for (const c of cuts) if (c !== null && value <= c) s++;
  return s;
}

/**
 * Validate cut points (from options or a saved model) found at `name` (a full path such as
 * `options.thresholds`): three arrays of the same length 1..8 with numbers or trailing
 * nulls, recency non-increasing, the others non-decreasing. Throws `INVALID_OPTION`.
 * @internal
 */
export function resolveCutPoints(fn: string, name: string, value: unknown): RfmCutPoints {
  function invalidOption(path: string, rule: string, v: unknown): never {
    throw new CrmMetricsError("INVALID_OPTION", `${fn}: ${path} ${rule}, got ${describeValue(v)}`, path);
  }
  if (!isRecord(value)) invalidOption(name, "must be an object { recencyDays, frequency, monetary }", value);
  const rec = value as Record<string, unknown>;
  const read = (key: "recencyDays" | "frequency" | "monetary", decreasing: boolean): (number | null)[] => {
    const arr = rec[key];
    if (!Array.isArray(arr) || arr.length < 1 || arr.length > 8) {
      invalidOption(`${name}.${key}`, "must be an array of 1 to 8 cut points", arr);
    }
    const out: (number | null)[] = [];
    let prev: number | null = null;
    let sawNull = false;
    (arr as unknown[]).forEach((c, i) => {
      const path = `${name}.${key}[${i}]`;
      if (c === null) {
        sawNull = true;
        out.push(null);
        return;
      }
      if (typeof c !== "number" || !Number.isFinite(c)) invalidOption(path, "must be a finite number or null", c);
      if (sawNull) invalidOption(path, "must be null after a null cut point", c);
      if (prev !== null && (decreasing ? c > prev : c < prev)) {
        invalidOption(path, `must be ${decreasing ? "<=" : ">="} the previous cut point ${prev}`, c);
      }
      prev = c as number;
      out.push(clean(c as number));
    });
    return out;
  };
  const recencyDays = read("recencyDays", true);
  const frequency = read("frequency", false);
  const monetary = read("monetary", false);
  if (recencyDays.length !== frequency.length || monetary.length !== frequency.length) {
    invalidOption(name, "must have the same number of cut points for recencyDays, frequency and monetary", value);
  }
  return { recencyDays, frequency, monetary };
}

function clean(x: number): number {
  return x === 0 ? 0 : x;
}
