/**
 * Engagement and service: first-response and resolution times in business hours, interaction
 * counts, engagement rate, daily/weekly/monthly active customers.
 *
 * Every name of this module is exported from the package root:
 * `import { responseTimes } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/engagement.md`.
 *
 * @module engagement
 */
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
