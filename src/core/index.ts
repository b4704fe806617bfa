/**
 * Shared building blocks: the error type ({@link CrmMetricsError}), the option and result
 * types every family uses (dates, money, periods, time zones, confidence intervals), the
 * per-customer purchase summary (frequency, recency, T, monetary value) that the CLV models
 * and RFM start from, calibration/holdout splits and async accumulation.
 *
 * Every name of this module is exported from the package root:
 * `import { customerSummary } from "crm-metrics"`.
 *
 * @module core
 */
export { CrmMetricsError } from "./errors.js";
export type { CrmMetricsErrorCode } from "./errors.js";
export type {
  AsOfOptions,
  ConfidenceInterval,
  ConfidenceOptions,
  DateInput,
  MoneyInput,
  PeriodOptions,
  PeriodUnit,
  TimeZoneOptions,
  WeekDay,
} from "./options.js";
export type { PeriodInfo } from "./trend.js";
export { customerSummary } from "./customerSummary.js";
export type {
  CustomerSummaryExcluded,
  CustomerSummaryOptions,
  CustomerSummaryRefunds,
  CustomerSummaryResult,
  CustomerSummaryRow,
  CustomerSummaryUnit,
} from "./customerSummary.js";
export { splitCalibrationHoldout } from "./splitCalibrationHoldout.js";
export type {
  CalibrationHoldoutRow,
  SplitCalibrationHoldoutExcluded,
  SplitCalibrationHoldoutOptions,
  SplitCalibrationHoldoutResult,
} from "./splitCalibrationHoldout.js";
export { accumulateAsync } from "./accumulateAsync.js";
export { createCustomerSummaryAccumulator } from "./customerSummaryAccumulator.js";
export type {
  CustomerSummaryAccumulator,
  CustomerSummaryAccumulatorOptions,
  CustomerSummaryAccumulatorState,
} from "./customerSummaryAccumulator.js";
