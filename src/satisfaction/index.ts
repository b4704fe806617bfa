/**
 * Satisfaction surveys: NPS (with confidence intervals and comparisons), CSAT, CES, their
 * trends over time and a streaming accumulator.
 *
 * Every name of this module is exported from the package root:
 * `import { nps } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/satisfaction.md`.
 *
 * @module satisfaction
 */
export { nps } from "./nps.js";
export type { NpsIntervalMethod, NpsOptions, NpsResult } from "./nps.js";
export { compareNps } from "./compareNps.js";
export type { CompareNpsOptions, CompareNpsResult, NpsInput } from "./compareNps.js";
export { csat } from "./csat.js";
export type { CsatOptions, CsatResult, CsatScale } from "./csat.js";
export { ces } from "./ces.js";
export type { CesOptions, CesResult, CesVersion } from "./ces.js";
export { satisfactionTrend } from "./satisfactionTrend.js";
export type {
  SatisfactionMetric,
  SatisfactionResultOf,
  SatisfactionTrendOptions,
  SatisfactionTrendPoint,
  SatisfactionTrendResult,
} from "./satisfactionTrend.js";
export { createSatisfactionAccumulator } from "./createSatisfactionAccumulator.js";
export type {
  SatisfactionAccumulator,
  SatisfactionAccumulatorOptions,
  SatisfactionAccumulatorState,
} from "./createSatisfactionAccumulator.js";
