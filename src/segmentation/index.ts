/**
 * Segmentation: RFM scores (quantile bins), named RFM segment maps and ABC (Pareto) tiers.
 *
 * Every name of this module is exported from the package root:
 * `import { rfmScores } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/segmentation.md`.
 *
 * @module segmentation
 */
export { rfmScores } from "./rfmScores.js";
export type {
  RfmCustomerScore,
  RfmCustomerSummary,
  RfmCutPoints,
  RfmMethod,
  RfmMonetaryBasis,
  RfmScoresOptions,
  RfmScoresResult,
  RfmTies,
} from "./rfmScores.js";
export { applyRfm } from "./applyRfm.js";
export type { ApplyRfmOptions, RfmModel } from "./applyRfm.js";
export { rfmSegments } from "./rfmSegments.js";
export type {
  RfmScoreRow,
  RfmSegmentAssignment,
  RfmSegmentsOptions,
  RfmSegmentsResult,
  RfmSegmentSummary,
} from "./rfmSegments.js";
export { validateSegmentMap } from "./validateSegmentMap.js";
export type { UnreachableRfmRule, ValidateSegmentMapResult } from "./validateSegmentMap.js";
export {
  DEFAULT_RFM_SEGMENT_MAP,
  PANDAS_RF_SEGMENT_MAP,
  PUBLISHED_RFM_SEGMENT_MAP,
  RfmSegmentMapSchema,
} from "./rfmSegmentMaps.js";
export type { RfmScoreRange, RfmSegmentMap, RfmSegmentMapName, RfmSegmentRule } from "./rfmSegmentMaps.js";
export { abcTiers } from "./abcTiers.js";
export type {
  AbcBoundaryRule,
  AbcCustomer,
  AbcCustomerRevenue,
  AbcTier,
  AbcTiersOptions,
  AbcTiersResult,
} from "./abcTiers.js";
