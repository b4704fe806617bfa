export { CrmMetricsError, describeValue, invalidInput, invalidOption, recordPath } from "./errors.js";
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
