import type { Duration } from "date-fns";
import { Decimal } from "decimal.js";
import type { AsOfOptions, TimeZoneOptions } from "../core/options.js";
import { MoneySum } from "../core/money.js";
import { addDuration, isoString, resolveDuration, resolveTimeZone, toTimestampOption } from "../core/time.js";
import { ratio, resolveEnum, resolveOptions } from "../core/validate.js";
import type { Deal } from "../models/deal.js";
import { type DealRow, readDeals, resolveStages } from "./deals.js";

/** How open deals are weighted. */
export type PipelineWeighting = "probability" | "historical";

/** Options of {@link pipelineForecast}. */
export interface PipelineForecastOptions extends AsOfOptions, TimeZoneOptions {
  /**
   * Length of the forecast horizon `[asOf, asOf + horizon)`; calendar units in `timeZone`.
   * @defaultValue `{ months: 3 }`
   */
  readonly horizon?: Duration;
  /**
   * `"probability"`: each deal's own `probability` (HubSpot's deal weighted total,
   * Salesforce's expected revenue). `"historical"`: the share of the deals closed by
   * `asOf` that passed through the deal's current stage and were won.
   * @defaultValue `"probability"`
   */
  readonly weighting?: PipelineWeighting;
  /**
   * Order of the per-stage breakdown; stages not listed follow in alphabetical order.
   * @defaultValue alphabetical
   */
  readonly stages?: readonly string[];
}

/** One stage of a {@link PipelineForecastResult}. */
export interface PipelineForecastStage {
  /** Current stage of the deals. */
  readonly stage: string;
  /** Open deals of the stage expected to close in the horizon. */
  readonly deals: number;
  /** Their total amount (exact). */
  readonly amount: number;
  /** Their weighted amount (exact). */
  readonly expectedAmount: number;
  /** Historical stage-to-won rate (`"historical"` only, else `null`; `null` without closed history). */
  readonly historicalWinRate: number | null;
  /** Closed deals that passed through the stage (`"historical"`; 0 otherwise). */
  readonly historicalClosed: number;
  /** Deals of the stage without a weight (no probability, or no history); not in `expectedAmount`. */
  readonly unweighted: number;
}

/** Result of {@link pipelineForecast}. */
export interface PipelineForecastResult {
  /** Start of the horizon (ISO-8601). */
  readonly asOf: string;
  /** End of the horizon, exclusive (ISO-8601). */
  readonly horizonEnd: string;
  readonly weighting: PipelineWeighting;
  /** Weighted sum of the amounts of the open deals expected to close in the horizon (exact). */
  readonly expectedAmount: number;
  /** Unweighted sum of the same deals (exact). */
  readonly pipelineAmount: number;
  /** `expectedAmount / pipelineAmount`; `null` when the pipeline is 0. */
  readonly weightedShare: number | null;
  /** Open deals expected to close in the horizon. */
  readonly deals: number;
  /** Of these, deals without a weight (counted in `pipelineAmount`, not in `expectedAmount`). */
  readonly unweighted: number;
  /** Open deals whose `expectedCloseAt` is before `asOf` (left out). */
  readonly overdue: number;
  /** Open deals without `expectedCloseAt` (left out). */
  readonly withoutCloseDate: number;
  /** Open deals expected to close after the horizon (left out). */
  readonly beyondHorizon: number;
  /** Per current stage. */
  readonly stages: readonly PipelineForecastStage[];
}

const D: typeof Decimal = /* @__PURE__ */ Decimal.clone({ precision: 60 });

/**
 * Pipeline-weighted revenue forecast: the sum, over open deals whose `expectedCloseAt` falls
 * in `[asOf, asOf + horizon)`, of amount x weight, where the weight is the deal's own
 * `probability` (HubSpot, Salesforce) or the historical share of won deals among the closed
 * deals that passed through the deal's current stage. Sums are exact decimals.
 *
 * @param deals - `Deal` records.
 * @param options - `asOf` (default: the latest date in the deals), horizon, weighting, stage order.
 * @returns Expected and unweighted amounts with counts of what was left out, per stage.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad deal (and, with `"historical"`, a
 *   closed deal without `closedAt`); `INVALID_OPTION` for a bad option.
 *
 * @example
 * pipelineForecast([
 *   { id: 1, stage: "contract", status: "open", amount: 1000, probability: 1, createdAt: "2024-01-01", expectedCloseAt: "2024-02-01" },
 *   { id: 2, stage: "proposal", status: "open", amount: 1000, probability: 0.9, createdAt: "2024-01-01", expectedCloseAt: "2024-02-10" },
 *   { id: 3, stage: "demo", status: "open", amount: 1000, probability: 0.4, createdAt: "2024-01-01", expectedCloseAt: "2024-03-01" },
 * ], { asOf: "2024-01-15" }).expectedAmount
 * // => 2300
 */
export function pipelineForecast(deals: Iterable<Deal>, options?: PipelineForecastOptions): PipelineForecastResult {
  const fn = "pipelineForecast";
  const opts = resolveOptions(fn, options);
  const zone = resolveTimeZone(fn, opts.timeZone);
  const horizon = resolveDuration(fn, "horizon", opts.horizon, { months: 3 });
  const weighting = resolveEnum<PipelineWeighting>(fn, "weighting", opts.weighting, ["probability", "historical"], "probability");
  const order = opts.stages === undefined ? null : resolveOrder(fn, opts.stages);
  const rows = readDeals(fn, deals, zone, weighting === "historical");
  const asOf = opts.asOf === undefined ? latestDate(rows) : toTimestampOption(fn, "asOf", opts.asOf, zone);
  const end = addDuration(asOf, horizon, zone);

  // historical stage-to-won rates from deals closed by asOf
  const closedThrough = new Map<string, number>();
  const wonThrough = new Map<string, number>();
  if (weighting === "historical") {
    for (const r of rows) {
      if (r.status === "open" || r.closedAt! > asOf) continue;
      const passed = new Set<string>(r.history.map((h) => h.stage));
      passed.add(r.stage);
      for (const s of passed) {
        closedThrough.set(s, (closedThrough.get(s) ?? 0) + 1);
        if (r.status === "won") wonThrough.set(s, (wonThrough.get(s) ?? 0) + 1);
      }
    }
  }

  interface Acc {
    deals: number;
    unweighted: number;
    amount: MoneySum;
    expected: MoneySum;
  }
  const byStage = new Map<string, Acc>();
  const total = new MoneySum();
  const expected = new MoneySum();
  let n = 0;
  let unweighted = 0;
  let overdue = 0;
  let withoutCloseDate = 0;
  let beyond = 0;
  for (const r of rows) {
    if (r.status !== "open" || r.createdAt > asOf) continue;
    if (r.expectedCloseAt === null) {
      withoutCloseDate++;
      continue;
    }
    if (r.expectedCloseAt < asOf) {
      overdue++;
      continue;
    }
    if (r.expectedCloseAt >= end) {
      beyond++;
      continue;
    }
    let acc = byStage.get(r.stage);
    if (acc === undefined) {
      acc = { deals: 0, unweighted: 0, amount: new MoneySum(), expected: new MoneySum() };
      byStage.set(r.stage, acc);
    }
    n++;
    acc.deals++;
    acc.amount.add(r.amount);
    total.add(r.amount);
    const w = weightOf(r);
    if (w === null) {
      unweighted++;
      acc.unweighted++;
      continue;
    }
    const value = new D(r.amount).times(w);
    acc.expected.add(value);
    expected.add(value);
  }

  const stageNames = [...byStage.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const stages: PipelineForecastStage[] = stageNames.map((stage) => {
    const acc = byStage.get(stage)!;
    return {
      stage,
      deals: acc.deals,
      amount: acc.amount.value(),
      expectedAmount: acc.expected.value(),
      historicalWinRate: weighting === "historical" ? historicalRate(stage) : null,
      historicalClosed: weighting === "historical" ? (closedThrough.get(stage) ?? 0) : 0,
      unweighted: acc.unweighted,
    };
  });
  const pipelineAmount = total.value();
  const expectedAmount = expected.value();
  return {
    asOf: isoString(asOf),
    horizonEnd: isoString(end),
    weighting,
    expectedAmount,
    pipelineAmount,
    weightedShare: ratio(expectedAmount, pipelineAmount),
    deals: n,
    unweighted,
    overdue,
    withoutCloseDate,
    beyondHorizon: beyond,
    stages,
  };

  function historicalRate(stage: string): number | null {
    return ratio(wonThrough.get(stage) ?? 0, closedThrough.get(stage) ?? 0);
  }
  function weightOf(r: DealRow): number | null {
    return weighting === "probability" ? r.probability : historicalRate(r.stage);
  }
  function rank(stage: string): number {
    return order?.get(stage) ?? Number.MAX_SAFE_INTEGER;
  }
}

function resolveOrder(fn: string, stages: unknown): Map<string, number> {
  if (Array.isArray(stages) && stages.length === 1 && typeof stages[0] === "string" && stages[0] !== "") {
    return new Map([[stages[0], 0]]);
  }
  return resolveStages(fn, stages, "options.stages");
}

/** The latest date found in the deals (created, closed, expected close excluded, history). */
function latestDate(rows: readonly DealRow[]): number {
  let t = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    if (r.createdAt > t) t = r.createdAt;
    if (r.closedAt !== null && r.closedAt > t) t = r.closedAt;
    for (const h of r.history) if (h.at > t) t = h.at;
  }
  return Number.isFinite(t) ? t : 0;
}
