// Test helpers of the engagement family (shared ones live in test/support).
export { errorInfo as errorOf, messageOf } from "../support/errors.js";
export { deepFreeze, isJsonSafe } from "../support/records.js";
