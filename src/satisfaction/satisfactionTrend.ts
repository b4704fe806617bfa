import { CrmMetricsError, invalidInput, recordPath } from "../core/errors.js";
import type { PeriodOptions } from "../core/options.js";
import { resolvePeriod, resolveTimeZone, resolveWeekStartsOn, toTimestamp } from "../core/time.js";
import { groupByPeriod, periodInfo, type PeriodInfo } from "../core/trend.js";
import { isRecord, resolveBooleanOption, resolveEnum, resolveOptions, toArray } from "../core/validate.js";
import type { SurveyResponse } from "../models/survey.js";
import { ces, type CesOptions, type CesResult } from "./ces.js";
import { csat, type CsatOptions, type CsatResult } from "./csat.js";
import { nps, type NpsOptions, type NpsResult } from "./nps.js";

/** Satisfaction metrics a trend can follow. */
export type SatisfactionMetric = "nps" | "csat" | "ces";

/** Options of {@link satisfactionTrend}. */
export interface SatisfactionTrendOptions<M extends SatisfactionMetric> extends PeriodOptions {
  /** Which metric to compute per period. */
  readonly metric: M;
  /** Options passed to the metric (without weights: use the records' `weight`). */
  readonly metricOptions?: Omit<M extends "nps" ? NpsOptions : M extends "csat" ? CsatOptions : CesOptions, "weights">;
  /**
   * Emit periods without responses (with `n: 0` and `null` metrics) between the first and
   * the last period, so charts have no silent gaps.
   * @defaultValue `true`
   */
  readonly fillGaps?: boolean;
}

/** The result type of each metric. */
export type SatisfactionResultOf<M extends SatisfactionMetric> = M extends "nps"
  ? NpsResult
  : M extends "csat"
    ? CsatResult
    : CesResult;

/** One period of a {@link SatisfactionTrendResult}. */
export interface SatisfactionTrendPoint<M extends SatisfactionMetric> extends PeriodInfo {
  /** The metric over the responses of this period. */
  readonly result: SatisfactionResultOf<M>;
}

/** Result of {@link satisfactionTrend}. */
export interface SatisfactionTrendResult<M extends SatisfactionMetric> {
  readonly metric: M;
  readonly period: NonNullable<PeriodOptions["period"]>;
  readonly timeZone: string;
  /** Periods in ascending order. */
  readonly points: readonly SatisfactionTrendPoint<M>[];
}

/**
 * NPS, CSAT or CES per calendar period (day, week, month, quarter, year) of `respondedAt`,
 * in a time zone. Each period is computed by the metric's own function with the same
 * options, so a period's numbers equal what {@link nps}, {@link csat} or {@link ces} give
 * on that period's responses.
 *
 * @param responses - `SurveyResponse` records of the metric's kind, each with `respondedAt`.
 * @param options - Metric, period, time zone and metric options.
 * @returns The periods in ascending order with the metric of each.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid `respondedAt` or
 *   with a bad score, or when, with `fillGaps`, the earliest and the latest response are
 *   more than 100,000 periods apart (the path names the one farther from 1970, such as a
 *   response in year 9999); `INVALID_OPTION` for a bad option.
 *
 * @example
 * satisfactionTrend([
 *   { kind: "nps", score: 10, respondedAt: "2024-01-15" },
 *   { kind: "nps", score: 3, respondedAt: "2024-01-20" },
 *   { kind: "nps", score: 9, respondedAt: "2024-03-02" },
 * ], { metric: "nps" }).points.map((p) => [p.label, p.result.score])
 * // => [["2024-01", 0], ["2024-02", null], ["2024-03", 100]]
 */
export function satisfactionTrend<M extends SatisfactionMetric>(
  responses: Iterable<SurveyResponse>,
  options: SatisfactionTrendOptions<M>,
): SatisfactionTrendResult<M> {
  const fn = "satisfactionTrend";
  const opts = resolveOptions(fn, options as SatisfactionTrendOptions<M> | undefined);
  const metric = resolveEnum<SatisfactionMetric>(fn, "metric", opts.metric ?? "", ["nps", "csat", "ces"], "nps") as M;
  const period = resolvePeriod(fn, opts.period);
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const weekStartsOn = resolveWeekStartsOn(fn, opts.weekStartsOn);
  const fillGaps = resolveBooleanOption(fn, "fillGaps", opts.fillGaps, true);
  const metricOptions = resolveOptions(fn, opts.metricOptions as object | undefined);
  const items = toArray<SurveyResponse>(fn, "responses", responses);
  const times = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const r: unknown = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath("responses", i), "must be a SurveyResponse record", r);
    times[i] = toTimestamp(fn, recordPath("responses", i, "respondedAt"), (r as Record<string, unknown>)["respondedAt"], timeZone);
  }
  // Validate every record (scores, kinds) over the whole input first, so that an error's
  // path indexes the full list (`satisfactionTrend: responses[7].score ...`), not a period's slice.
  try {
    compute(metric, items, metricOptions);
  } catch (error) {
    throw asTrendError(error, metric);
  }
  const limit = { fn, hint: "use a longer period, or fillGaps: false", pathOf: (i: number) => recordPath("responses", i, "respondedAt") };
  const groups = groupByPeriod(items, times, { unit: period, timeZone, weekStartsOn, fillGaps, limit });
  return {
    metric,
    period,
    timeZone,
    points: groups.map((g) => ({ ...periodInfo(g), result: compute(metric, g.items, metricOptions) as SatisfactionResultOf<M> })),
  };
}

/**
 * An error of the metric function restated as this function's own: `nps: input[7].score ...`
 * becomes `satisfactionTrend: responses[7].score ...`, `options.weights` becomes
 * `options.metricOptions.weights`.
 */
function asTrendError(error: unknown, metric: SatisfactionMetric): unknown {
  if (!(error instanceof CrmMetricsError)) return error;
  const path = error.path.startsWith("input")
    ? `responses${error.path.slice("input".length)}`
    : error.path.startsWith("options.")
      ? `options.metricOptions.${error.path.slice("options.".length)}`
      : error.path;
  const prefix = `${metric}: ${error.path}`;
  const message = error.message.startsWith(prefix) ? `satisfactionTrend: ${path}${error.message.slice(prefix.length)}` : error.message;
  return new CrmMetricsError(error.code, message, path);
}

function compute(metric: SatisfactionMetric, items: readonly SurveyResponse[], options: object): NpsResult | CsatResult | CesResult {
  switch (metric) {
    case "nps":
      return nps(items, options as NpsOptions);
    case "csat":
      return csat(items, options as CsatOptions);
    case "ces":
      return ces(items, options as CesOptions);
  }
}
