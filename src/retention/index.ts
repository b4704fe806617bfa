/**
 * Retention and churn: churn and retention rates (ChartMogul, Stripe, Baremetrics, Shopify
 * conventions), cohort tables, MRR movements, gross and net revenue retention, quick ratio,
 * Kaplan-Meier survival, churn risk and lifecycle stages.
 *
 * Every name of this module is exported from the package root:
 * `import { cohortRetention } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/retention.md`.
 *
 * @module retention
 */
export { churnRate } from "./churnRate.js";
export type { ChurnMethod, ChurnRateOptions, ChurnRatePeriod, ChurnRateResult } from "./churnRate.js";
export { retentionRate } from "./retentionRate.js";
export type { RetentionRateOptions, RetentionRatePeriod, RetentionRateResult } from "./retentionRate.js";
export type { RetentionInput } from "./spells.js";
export { kaplanMeier } from "./kaplanMeier.js";
export type { KaplanMeierOptions, KaplanMeierPoint, KaplanMeierResult, Lifetime } from "./kaplanMeier.js";
export { cohortRetention } from "./cohortRetention.js";
export type {
  CohortEvent,
  CohortRetentionAverage,
  CohortRetentionCell,
  CohortRetentionMode,
  CohortRetentionOptions,
  CohortRetentionResult,
  CohortRetentionRow,
  EventMatcher,
} from "./cohortRetention.js";
export { createCohortRetentionAccumulator } from "./createCohortRetentionAccumulator.js";
export type { CohortRetentionAccumulator, CohortRetentionAccumulatorState } from "./createCohortRetentionAccumulator.js";
export { mrrMovements } from "./mrrMovements.js";
export type { MrrMovementCounts, MrrMovementsOptions, MrrMovementsPeriod, MrrMovementsResult } from "./mrrMovements.js";
export { revenueRetention } from "./revenueRetention.js";
export type { RevenueRetentionOptions, RevenueRetentionResult } from "./revenueRetention.js";
export { quickRatio } from "./quickRatio.js";
export type { QuickRatioOptions, QuickRatioPeriod, QuickRatioResult } from "./quickRatio.js";
export { customerGrowthRate } from "./customerGrowthRate.js";
export type { CustomerGrowthRateOptions, CustomerGrowthRatePeriod, CustomerGrowthRateResult } from "./customerGrowthRate.js";
export { activeCustomerShare } from "./activeCustomerShare.js";
export type { ActiveCustomerShareOptions, ActiveCustomerSharePeriod, ActiveCustomerShareResult } from "./activeCustomerShare.js";
export { lifecycleStages } from "./lifecycleStages.js";
export type { LifecycleStagesOptions, LifecycleStagesPeriod, LifecycleStagesResult } from "./lifecycleStages.js";
export { repurchaseRate } from "./repurchaseRate.js";
export type { RepurchaseMethod, RepurchaseRateOptions, RepurchaseRatePeriod, RepurchaseRateResult } from "./repurchaseRate.js";
export { churnRisk } from "./churnRisk.js";
export type {
  ChurnRiskBgNbdModel,
  ChurnRiskLevel,
  ChurnRiskOptions,
  ChurnRiskResult,
  ChurnRiskRow,
  ChurnRiskSummary,
} from "./churnRisk.js";
