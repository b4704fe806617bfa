import { expect } from "vitest";
import { expectCrmError, messageOf } from "../support/errors.js";

/** Sample mean and its standard error (sample standard deviation over sqrt(n)). */
export function meanAndStandardError(values: readonly number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** The sample mean of `values` is within 4 standard errors of `expected`. */
export function expectMean(values: readonly number[], expected: number): void {
  const { mean, se } = meanAndStandardError(values);
  expect(values.length).toBeGreaterThan(30);
  expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
}

/** `count` of `n` is within 4 binomial standard errors of the share `expected`. */
export function expectShare(count: number, n: number, expected: number): void {
  expect(Math.abs(count / n - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
}

/**
 * Each `[options, name, rule]` case makes `call` throw `INVALID_OPTION` at `options.<name>`
 * with the message `<fn>: options.<name> <rule>`.
 */
export function expectOptionErrors<O>(fn: string, call: (options: O) => unknown, cases: readonly (readonly [O, string, string])[]): void {
  for (const [options, name, rule] of cases) {
    expectCrmError(() => call(options), "INVALID_OPTION", `options.${name}`);
    expect(messageOf(() => call(options))).toBe(`${fn}: options.${name} ${rule}`);
  }
}
