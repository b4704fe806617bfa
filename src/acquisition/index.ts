/**
 * Acquisition: CAC (blended and per channel), CAC payback, LTV:CAC, channel performance,
 * attribution (rule-based and Markov) and cross-sell and upsell rates.
 *
 * Every name of this module is exported from the package root:
 * `import { cac } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/acquisition.md`.
 *
 * @module acquisition
 */
export { cac } from "./cac.js";
export type { CacChannel, CacFigures, CacMissingAcquisition, CacOptions, CacPeriod, CacResult, CacSpendAllocation } from "./cac.js";
export { cacPayback } from "./cacPayback.js";
export type { CacPaybackInput, CacPaybackResult } from "./cacPayback.js";
export { ltvToCac } from "./ltvToCac.js";
export type { LtvToCacInput, LtvToCacOptions, LtvToCacResult } from "./ltvToCac.js";
export { channelPerformance } from "./channelPerformance.js";
export type { ChannelPerformanceInput, ChannelPerformanceOptions, ChannelPerformanceResult, ChannelPerformanceRow } from "./channelPerformance.js";
export { attribution } from "./attribution.js";
export type {
  AttributionChannel,
  AttributionConversion,
  AttributionJourney,
  AttributionJourneyTouch,
  AttributionModel,
  AttributionOptions,
  AttributionResult,
  MarkovChainSummary,
  MarkovRemovalEffect,
  PositionWeights,
} from "./attribution.js";
export { crossSellRate } from "./crossSellRate.js";
export type { CrossSellRateOptions, CrossSellRateResult } from "./crossSellRate.js";
export { upsellRate } from "./upsellRate.js";
export type { UpsellRateOptions, UpsellRateResult } from "./upsellRate.js";
export type { FollowOnPurchaseCounts, FollowOnPurchaseOptions } from "./purchases.js";
