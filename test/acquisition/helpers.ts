// Test helpers of the acquisition family.
import { CrmMetricsError } from "../../src/index.js";

/** `"CODE path"` of the CrmMetricsError thrown by `f`, or `"none"`. */
export function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CrmMetricsError) return `${e.code} ${e.path}`;
    throw e;
  }
  return "none";
}

/** The message of the error thrown by `f`. */
export function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "none";
}

/** Freeze an object graph (arrays, plain objects, Dates) deeply. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** Every number in a result is finite and no field is undefined (JSON-safe). */
export function isJsonSafe(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (value !== null && typeof value === "object") return Object.values(value).every(isJsonSafe);
  return true;
}
