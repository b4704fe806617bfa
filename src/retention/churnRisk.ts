import { bgNbdProbabilityAlive } from "../core/bgNbdAlive.js";
import {
  resolveSummarySettings,
  scanTransactions,
  summaryRow,
} from "../core/customerSummary.js";
import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { compareIds } from "../core/fastIso.js";
import type { AsOfOptions } from "../core/options.js";
import { toTimestampOption } from "../core/time.js";
import { quantileSorted } from "../core/stats/descriptive.js";
import { isRecord, readId, readNumber, resolveEnum, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";

/** A customer summary as {@link churnRisk} reads it (the rows of `customerSummary`). */
export interface ChurnRiskSummary {
  readonly customerId: string | number;
  /** Repeat purchase periods (purchases after the first). */
  readonly frequency: number;
  /** From the first to the last purchase, in `unit`. */
  readonly recency: number;
  /** From the first purchase to `asOf`, in `unit`. */
  readonly T: number;
}

/** A fitted BG/NBD model to read P(alive) from; `unit` is the time unit it was fitted in. */
export interface ChurnRiskBgNbdModel {
  readonly model: "bg-nbd";
  readonly params: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number };
  /** Time unit of `alpha` (and of the summaries it was fitted on). */
  readonly unit: "day" | "week";
}

/** Options of {@link churnRisk}. */
export interface ChurnRiskOptions extends AsOfOptions {
  /**
   * IANA time zone of the calendar days of transactions.
   * @defaultValue `"UTC"`
   */
  readonly timeZone?: string;
  /**
   * A customer is high risk when the time since their last purchase exceeds this many
   * times their typical gap between purchases (medium risk above 1 time).
   * @defaultValue `2`
   */
  readonly threshold?: number;
  /** Fitted BG/NBD model: when given, the risk comes from P(alive). */
  readonly model?: ChurnRiskBgNbdModel;
  /**
   * Unit of `recency` and `T` when the input is summaries.
   * @defaultValue `"day"`
   */
  readonly unit?: "day" | "week";
}

/** Risk bands. `"unknown"`: no gap to compare with (no repeat buyer in the data) and no model. */
export type ChurnRiskLevel = "high" | "medium" | "low" | "unknown";

/** One customer of {@link ChurnRiskResult}. */
export interface ChurnRiskRow {
  readonly customerId: string;
  readonly risk: ChurnRiskLevel;
  /** Why, in words. */
  readonly reason: string;
  /** Repeat purchases. */
  readonly frequency: number;
  /** Days from the last purchase to `asOf`. */
  readonly daysSinceLastPurchase: number;
  /** The customer's mean days between purchases; `null` for one-time buyers. */
  readonly typicalGapDays: number | null;
  /** daysSinceLastPurchase / the gap compared with (own, else the population median); `null` without a gap. */
  readonly gapRatio: number | null;
  /** BG/NBD P(alive) at `asOf`; `null` without a model. */
  readonly probabilityAlive: number | null;
}

/** Result of {@link churnRisk}. */
export interface ChurnRiskResult {
  /** Customers ranked from the highest risk down. */
  readonly customers: readonly ChurnRiskRow[];
  /** Customers per risk level. */
  readonly counts: { readonly high: number; readonly medium: number; readonly low: number; readonly unknown: number };
  /** Median typical gap of repeat buyers, the yardstick for one-time buyers; `null` without repeat buyers. */
  readonly populationGapDays: number | null;
  /** Whether P(alive) from a BG/NBD model set the risk. */
  readonly usedModel: boolean;
}

const UNIT_DAYS = { day: 1, week: 7 } as const;
const LEVEL_ORDER: Readonly<Record<ChurnRiskLevel, number>> = { high: 0, medium: 1, low: 2, unknown: 3 };

/**
 * Churn early warning for non-contractual customers (no subscription says when they
 * leave). Rule: the days since a customer's last purchase against their own typical gap
 * between purchases (mean of the gaps: recency / repeat purchases, Klaviyo's "average time
 * between orders"); above 1 time the gap the customer is overdue (medium risk), above
 * `threshold` (2) times high risk. One-time buyers are compared with the median gap of the
 * repeat buyers. With a fitted BG/NBD model, the risk is 1 − P(alive) in Klaviyo's bands
 * (high above 2/3, medium from 1/3); BG/NBD considers a customer without repeat purchases
 * alive (P = 1), which the reason says. Customers are ranked from the highest risk down.
 *
 * @param input - `Transaction` records (summarised by calendar day, refunds netted, as
 *   `customerSummary` does) or summaries `{ customerId, frequency, recency, T }`.
 * @param options - `asOf`, time zone, threshold, BG/NBD model, summaries' unit.
 * @returns Ranked customers with their risk, reason and the numbers behind it.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad transaction or summary;
 *   `INVALID_OPTION` for a bad threshold or model (parameters must be positive, `unit` given).
 *
 * @example
 * const orders = [
 *   { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
 *   { customerId: "a", occurredAt: "2024-01-11", amount: 10 },
 *   { customerId: "a", occurredAt: "2024-01-21", amount: 10 },
 *   { customerId: "b", occurredAt: "2024-02-16", amount: 10 },
 *   { customerId: "b", occurredAt: "2024-02-26", amount: 10 },
 * ];
 * churnRisk(orders, { asOf: "2024-03-01" }).customers.map((c) => [c.customerId, c.risk, c.gapRatio])
 * // => [["a", "high", 4], ["b", "low", 0.4]]
 */
export function churnRisk(
  input: Iterable<Transaction> | Iterable<ChurnRiskSummary>,
  options?: ChurnRiskOptions,
): ChurnRiskResult {
  const fn = "churnRisk";
  const opts = resolveOptions(fn, options);
  const threshold = resolveNumberOption(fn, "threshold", opts.threshold, 2, { min: 1, minExclusive: true });
  const model = resolveModel(fn, opts.model);
  const items = toArray<unknown>(fn, "input", input);
  const summaries = items.length > 0 && isRecord(items[0]) && "frequency" in items[0];
  let rows: { id: string; frequency: number; recency: number; T: number }[]; // in days
  if (summaries) {
    const unitDays = UNIT_DAYS[resolveEnum(fn, "unit", opts.unit, ["day", "week"], "day")];
    rows = items.map((r, i) => {
      if (!isRecord(r)) invalidInput(fn, recordPath("input", i), "must be a customer summary", r);
      const frequency = readNumber(fn, recordPath("input", i, "frequency"), r["frequency"], { min: 0, integer: true });
      const T = readNumber(fn, recordPath("input", i, "T"), r["T"], { min: 0 });
      const recency = readNumber(fn, recordPath("input", i, "recency"), r["recency"], { min: 0, max: T });
      return { id: readId(fn, recordPath("input", i, "customerId"), r["customerId"]), frequency, recency: recency * unitDays, T: T * unitDays };
    });
  } else {
    const settings = resolveSummarySettings(fn, { timeZone: opts.timeZone, period: "day", unit: "day" });
    const asOf = opts.asOf === undefined ? undefined : toTimestampOption(fn, "asOf", opts.asOf, settings.timeZone);
    const scan = scanTransactions(settings, items as Transaction[], asOf);
    rows = [];
    for (const [id, st] of scan.states) {
      const row = summaryRow(id, st, scan.asOfKey, settings);
      if (row !== null) rows.push({ id, frequency: row.frequency, recency: row.recency, T: row.T });
    }
  }
  const gaps = rows.filter((r) => r.frequency > 0 && r.recency > 0).map((r) => r.recency / r.frequency).sort((a, b) => a - b);
  const populationGap = gaps.length === 0 ? null : quantileSorted(gaps, 0.5);
  const out: ChurnRiskRow[] = rows.map((r) => {
    const since = r.T - r.recency;
    const own = r.frequency > 0 && r.recency > 0 ? r.recency / r.frequency : null;
    const yardstick = own ?? populationGap;
    const gapRatio = yardstick === null ? null : since / yardstick;
    let risk: ChurnRiskLevel;
    let reason: string;
    let probabilityAlive: number | null = null;
    if (model !== null) {
      const u = UNIT_DAYS[model.unit];
      probabilityAlive = bgNbdProbabilityAlive(model.params, r.frequency, r.recency / u, r.T / u);
      const churn = 1 - probabilityAlive;
      risk = churn > 2 / 3 ? "high" : churn >= 1 / 3 ? "medium" : "low";
      reason =
        r.frequency === 0
          ? `no repeat purchase: BG/NBD counts one-time buyers as alive (P(alive) 1); last purchase ${fmt(since)} days ago`
          : `P(alive) ${fmt(probabilityAlive)} under the BG/NBD model: ${r.frequency} repeat purchase${r.frequency === 1 ? "" : "s"}, the last ${fmt(since)} days ago`;
    } else if (gapRatio === null) {
      risk = "unknown";
      reason = `one purchase ${fmt(since)} days ago and no repeat buyer to compare with`;
    } else {
      risk = gapRatio > threshold ? "high" : gapRatio > 1 ? "medium" : "low";
      reason =
        own !== null
          ? `${fmt(since)} days since the last purchase, ${fmt(gapRatio)} times the usual ${fmt(own)} days between purchases`
          : `one purchase ${fmt(since)} days ago, ${fmt(gapRatio)} times the median gap of repeat buyers (${fmt(yardstick!)} days)`;
    }
    return { customerId: r.id, risk, reason, frequency: r.frequency, daysSinceLastPurchase: since, typicalGapDays: own, gapRatio, probabilityAlive };
  });
  out.sort(
    (x, y) =>
      LEVEL_ORDER[x.risk] - LEVEL_ORDER[y.risk] ||
      (x.probabilityAlive ?? 0) - (y.probabilityAlive ?? 0) ||
      (y.gapRatio ?? -1) - (x.gapRatio ?? -1) ||
      compareIds(x.customerId, y.customerId),
  );
  const counts = { high: 0, medium: 0, low: 0, unknown: 0 };
  for (const r of out) counts[r.risk]++;
  return { customers: out, counts, populationGapDays: populationGap, usedModel: model !== null };
}

function resolveModel(fn: string, value: unknown): ChurnRiskBgNbdModel | null {
  if (value === undefined) return null;
  if (!isRecord(value) || value["model"] !== "bg-nbd") invalidOption(fn, "model", 'must be { model: "bg-nbd", params, unit }', value);
  const m = value as Record<string, unknown>;
  resolveEnum(fn, "model.unit", m["unit"] ?? "", ["day", "week"], "day");
  const params = m["params"];
  if (!isRecord(params)) invalidOption(fn, "model.params", "must be { r, alpha, a, b }", params);
  for (const k of ["r", "alpha", "a", "b"]) {
    resolveNumberOption(fn, `model.params.${k}`, (params as Record<string, unknown>)[k] ?? Number.NaN, 0, { min: 0, minExclusive: true });
  }
  return value as unknown as ChurnRiskBgNbdModel;
}

function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}
