/**
 * Customer value from transactions: average order value, purchase frequency, historical and
 * formula CLV, customer growth.
 *
 * Every name of this module is exported from the package root:
 * `import { historicalClv } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/value.md`.
 *
 * @module value
 */
export { averageOrderValue } from "./averageOrderValue.js";
export type { AverageOrderValueOptions, AverageOrderValuePeriod, AverageOrderValueResult } from "./averageOrderValue.js";
export { purchaseFrequency } from "./purchaseFrequency.js";
export type { PurchaseFrequencyOptions, PurchaseFrequencyResult } from "./purchaseFrequency.js";
export { historicalClv } from "./historicalClv.js";
export type { HistoricalClvCustomer, HistoricalClvOptions, HistoricalClvResult } from "./historicalClv.js";
export { formulaClv } from "./formulaClv.js";
export type { FormulaClvInput, FormulaClvMethod, FormulaClvOptions, FormulaClvResult } from "./formulaClv.js";
export { customerGrowth } from "./customerGrowth.js";
export type { CustomerGrowthOptions, CustomerGrowthResult, CustomerGrowthRow, CustomerGrowthStatus } from "./customerGrowth.js";
export type { ValueRefunds, ValueWindowOptions } from "./records.js";
