import type { TimeZoneOptions } from "../core/options.js";
import { quantileSorted } from "../core/stats/descriptive.js";
import { UNIT_MS, resolveTimeZone } from "../core/time.js";
import { ratio, resolveBooleanOption, resolveOptions } from "../core/validate.js";
import type { Deal } from "../models/deal.js";
import { readDeals, resolveStages } from "./deals.js";

/** Options of {@link stageConversion}. */
export interface StageConversionOptions extends TimeZoneOptions {
  /**
   * Count a deal that jumps over a stage (from stage 1 straight to stage 3) as having
   * passed the skipped stage. With `false`, a stage counts only deals that entered it.
   * @defaultValue `true`
   */
  readonly countSkipped?: boolean;
}

/** One pipeline stage of a {@link StageConversionResult}. */
export interface StageConversionStage {
  /** Stage name. */
  readonly stage: string;
  /** Deals that reached the stage (entered it, or passed it when `countSkipped`). */
  readonly reached: number;
  /** Deals that entered the stage (in `stageHistory` or as current `stage`). */
  readonly entered: number;
  /** Deals that went past the stage without entering it. */
  readonly skipped: number;
  /** Deals of `reached` that reached the next stage; `null` for the last stage. */
  readonly convertedToNext: number | null;
  /** `convertedToNext / reached`; `null` for the last stage or when `reached` is 0. */
  readonly conversionRateToNext: number | null;
  /** `reached / reached of the first stage`; `null` when the first stage has none. */
  readonly conversionRateFromFirst: number | null;
  /** Deals with an entry time in both this stage and the next (the next not earlier). */
  readonly timedToNext: number;
  /** Median days from first entering this stage to first entering the next; `null` without timed deals. */
  readonly medianDaysToNext: number | null;
  /** Mean of the same. */
  readonly meanDaysToNext: number | null;
}

/** Result of {@link stageConversion}. */
export interface StageConversionResult {
  /** The stages in pipeline order. */
  readonly stages: readonly StageConversionStage[];
  /** Deals read. */
  readonly deals: number;
  /** Deals that reached the last stage over those that reached the first; `null` on 0. */
  readonly overallConversionRate: number | null;
  /** History entries (and current stages) naming a stage outside `stages`; ignored. */
  readonly unknownStageEntries: number;
  /** Whether skipped stages were counted as passed. */
  readonly countSkipped: boolean;
}

/**
 * Stage-to-stage conversion of a sales pipeline from each deal's `stageHistory` (in any
 * order; sorted per deal by time) and current `stage`, for an ordered list of stages: how
 * many deals reached each stage, the share that reached the next one, and the median and
 * mean days between first entering a stage and first entering the next. A deal's furthest
 * stage decides what it reached; moving back does not undo it.
 *
 * @param deals - `Deal` records with `stageHistory` (optional) and `stage`.
 * @param stages - Pipeline stages in order (at least two, distinct).
 * @param options - Skipped-stage rule and the time zone of dates without an offset.
 * @returns Per-stage counts, rates and times; rates are `null` on empty denominators.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad deal; `INVALID_OPTION` for bad
 *   `stages` or options.
 *
 * @example
 * stageConversion([
 *   { id: 1, stage: "proposal", status: "open", amount: 10, createdAt: "2024-01-01",
 *     stageHistory: [{ stage: "lead", enteredAt: "2024-01-01" }, { stage: "proposal", enteredAt: "2024-01-05" }] },
 *   { id: 2, stage: "lead", status: "open", amount: 10, createdAt: "2024-01-02",
 *     stageHistory: [{ stage: "lead", enteredAt: "2024-01-02" }] },
 * ], ["lead", "demo", "proposal"]).stages.map((s) => s.reached)
 * // => [2, 1, 1]
 * @example
 * stageConversion([
 *   { id: 1, stage: "proposal", status: "open", amount: 10, createdAt: "2024-01-01",
 *     stageHistory: [{ stage: "lead", enteredAt: "2024-01-01" }, { stage: "proposal", enteredAt: "2024-01-05" }] },
 * ], ["lead", "demo", "proposal"], { countSkipped: false }).stages.map((s) => s.reached)
 * // => [1, 0, 1]
 */
export function stageConversion(
  deals: Iterable<Deal>,
  stages: readonly string[],
  options?: StageConversionOptions,
): StageConversionResult {
  const fn = "stageConversion";
  const opts = resolveOptions(fn, options);
  const zone = resolveTimeZone(fn, opts.timeZone);
  const countSkipped = resolveBooleanOption(fn, "countSkipped", opts.countSkipped, true);
  const stageIndex = resolveStages(fn, stages);
  const m = stages.length;
  const rows = readDeals(fn, deals, zone, false);
  const reached = new Array<number>(m).fill(0);
  const entered = new Array<number>(m).fill(0);
  const skipped = new Array<number>(m).fill(0);
  const converted = new Array<number>(m).fill(0);
  const gaps: number[][] = stages.map(() => []);
  let unknown = 0;
  for (const r of rows) {
    const first = new Array<number>(m).fill(Number.NaN);
    const did = new Array<boolean>(m).fill(false);
    let furthest = -1;
    for (const h of r.history) {
      const k = stageIndex.get(h.stage);
      if (k === undefined) {
        unknown++;
        continue;
      }
      did[k] = true;
      if (Number.isNaN(first[k]!)) first[k] = h.at;
      if (k > furthest) furthest = k;
    }
    const cur = stageIndex.get(r.stage);
    if (cur === undefined) {
      if (!r.history.some((h) => h.stage === r.stage)) unknown++;
    } else {
      did[cur] = true;
      if (cur > furthest) furthest = cur;
    }
    const has = (k: number): boolean => (countSkipped ? furthest >= k : did[k]!);
    for (let k = 0; k < m; k++) {
      if (did[k]) entered[k]!++;
      else if (furthest > k) skipped[k]!++;
      if (!has(k)) continue;
      reached[k]!++;
      if (k + 1 < m && has(k + 1)) {
        converted[k]!++;
        const a = first[k]!;
        const b = first[k + 1]!;
        if (b >= a) gaps[k]!.push((b - a) / UNIT_MS.day);
      }
    }
  }
  const out: StageConversionStage[] = stages.map((stage, k) => {
    const g = gaps[k]!.sort((a, b) => a - b);
    let sum = 0;
    for (const x of g) sum += x;
    const isLast = k === m - 1;
    return {
      stage,
      reached: reached[k]!,
      entered: entered[k]!,
      skipped: skipped[k]!,
      convertedToNext: isLast ? null : converted[k]!,
      conversionRateToNext: isLast ? null : ratio(converted[k]!, reached[k]!),
      conversionRateFromFirst: ratio(reached[k]!, reached[0]!),
      timedToNext: g.length,
      medianDaysToNext: g.length === 0 ? null : quantileSorted(g, 0.5),
      meanDaysToNext: g.length === 0 ? null : sum / g.length,
    };
  });
  return {
    stages: out,
    deals: rows.length,
    overallConversionRate: ratio(reached[m - 1]!, reached[0]!),
    unknownStageEntries: unknown,
    countSkipped,
  };
}
