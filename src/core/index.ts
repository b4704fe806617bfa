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
