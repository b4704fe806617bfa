export { responseTimes } from "./responseTimes.js";
export type {
  ResponseDurationSummary,
  ResponseTimeUnit,
  ResponseTimesGroup,
  ResponseTimesOptions,
  ResponseTimesResult,
  ResponseTimesStats,
} from "./responseTimes.js";
export type { BusinessHours } from "./businessHours.js";
export { interactionCounts } from "./interactionCounts.js";
export type {
  InteractionCountsChannel,
  InteractionCountsCustomer,
  InteractionCountsOptions,
  InteractionCountsPeriod,
  InteractionCountsResult,
  InteractionTally,
} from "./interactionCounts.js";
export { engagementRate } from "./engagementRate.js";
export type { EngagementRateOptions, EngagementRatePeriod, EngagementRateResult } from "./engagementRate.js";
export { activeCustomers } from "./activeCustomers.js";
export type { ActiveCustomersOptions, ActiveCustomersPoint, ActiveCustomersResult, DatedRecord } from "./activeCustomers.js";
