// Test helpers of the acquisition family (shared ones live in test/support).
export { errorInfo as errorOf, messageOf } from "../support/errors.js";
export { deepFreeze, isJsonSafe } from "../support/records.js";
