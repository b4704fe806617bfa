export { errorInfo as failure } from "../support/errors.js";
export { deepFreeze } from "../support/records.js";

