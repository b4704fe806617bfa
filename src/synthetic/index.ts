export {};
export { generateTransactions } from "./generateTransactions.js";
export type { GenerateTransactionsOptions } from "./generateTransactions.js";
