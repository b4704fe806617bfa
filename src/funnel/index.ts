/**
 * Funnels and pipeline: event funnels (PostHog semantics), win rate, sales cycle, stage
 * conversion, weighted pipeline and revenue forecasts.
 *
 * Every name of this module is exported from the package root:
 * `import { funnel } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/funnel.md`.
 *
 * @module funnel
 */
export { funnel } from "./funnel.js";
export type {
  FunnelAttempt,
  FunnelBreakdownRow,
  FunnelCounting,
  FunnelExclusion,
  FunnelOptions,
  FunnelOrder,
  FunnelPropertyValue,
  FunnelResult,
  FunnelStep,
  FunnelStepDefinition,
  FunnelStepResult,
  FunnelSummary,
  FunnelTimeBin,
  FunnelTimeToConvert,
} from "./funnel.js";
export { winRate } from "./winRate.js";
export type { WinRateCounts, WinRateGroup, WinRateOptions, WinRatePeriod, WinRateResult } from "./winRate.js";
export { salesCycle } from "./salesCycle.js";
export type { SalesCycleGroup, SalesCycleOptions, SalesCycleResult } from "./salesCycle.js";
export type { DaysSummary } from "./deals.js";
export { stageConversion } from "./stageConversion.js";
export type { StageConversionOptions, StageConversionResult, StageConversionStage } from "./stageConversion.js";
export { pipelineForecast } from "./pipelineForecast.js";
export type { PipelineForecastOptions, PipelineForecastResult, PipelineForecastStage, PipelineWeighting } from "./pipelineForecast.js";
export { revenueForecast } from "./revenueForecast.js";
export type { ForecastSeasonality, ForecastTrend, HoltWintersParams, HoltWintersStates, RevenueForecastBacktest, RevenueForecastOptions, RevenueForecastPoint, RevenueForecastResult, RevenuePoint } from "./revenueForecast.js";
