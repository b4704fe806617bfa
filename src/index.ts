/**
 * crm-metrics: customer metrics from raw CRM records.
 * @packageDocumentation
 */
export * from "./core/index.js";
export * from "./models/index.js";
export * from "./satisfaction/index.js";
export * from "./value/index.js";
export * from "./clv/index.js";
export * from "./retention/index.js";
export * from "./acquisition/index.js";
export * from "./funnel/index.js";
export * from "./engagement/index.js";
export * from "./segmentation/index.js";
export * from "./scoring/index.js";
export * from "./synthetic/index.js";
