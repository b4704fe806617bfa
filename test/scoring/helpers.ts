import { CrmMetricsError } from "../../src/index.js";

/** Freeze a value and everything inside it, so a test fails if a function mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** `"CODE path"` of the CrmMetricsError `f` throws, or `"none"`. */
export function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CrmMetricsError) return `${e.code} ${e.path}`;
    throw e;
  }
  return "none";
}
