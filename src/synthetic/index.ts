/**
 * Seeded synthetic data for examples, tests and benchmarks: transaction logs from the BG/NBD
 * and Gamma-Gamma story, events, leads, and CLV simulations.
 *
 * Every name of this module is exported from the package root:
 * `import { generateTransactions } from "crm-metrics"`.
 *
 * @module synthetic
 */
export {};
export { generateEvents } from "./generateEvents.js";
export type { GenerateEventsOptions } from "./generateEvents.js";
export { generateTransactions } from "./generateTransactions.js";
export type { GenerateTransactionsOptions } from "./generateTransactions.js";
export { generateLeads } from "./generateLeads.js";
export type { GenerateLeadsOptions, GenerateLeadsResult, GeneratedLeadModel } from "./generateLeads.js";
export { simulateClv } from "./simulateClv.js";
export type { SimulateClvOptions, SimulateClvResult, SimulatedClvCustomer } from "./simulateClv.js";
