// Test helpers of the engagement family (the error and freezing helpers are shared with
// the acquisition tests).
export { deepFreeze, errorOf, messageOf } from "../acquisition/helpers.js";

/** Every number in a result is finite and nothing is undefined. */
export function isJsonSafe(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (value !== null && typeof value === "object") return Object.values(value).every(isJsonSafe);
  return true;
}
