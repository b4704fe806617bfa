import { expect } from "vitest";
import { CrmMetricsError } from "../../src/index.js";

/** The CrmMetricsError that `f` throws (fails the test when it throws nothing or something else). */
export function caughtError(f: () => unknown): CrmMetricsError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CrmMetricsError);
    return e as CrmMetricsError;
  }
  throw new Error("expected a CrmMetricsError, but nothing was thrown");
}

/** Assert that `f` throws a CrmMetricsError with this code and path. */
export function expectCrmError(f: () => unknown, code: CrmMetricsError["code"], path: string): CrmMetricsError {
  const e = caughtError(f);
  expect(e.code).toBe(code);
  expect(e.path).toBe(path);
  return e;
}

/** `"CODE path"` of the error `f` throws, or `"none"`. */
export function errorInfo(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CrmMetricsError) return `${e.code} ${e.path}`;
    throw e;
  }
  return "none";
}

/** The message of the error thrown by `f`, or `"none"`. */
export function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "none";
}
