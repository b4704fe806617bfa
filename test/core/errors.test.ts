import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/index.js";
import { describeValue, invalidInput, invalidOption, recordPath } from "../../src/core/errors.js";
import {
  isRecord,
  ratio,
  readId,
  readNumber,
  readOptionalString,
  requireRecord,
  resolveBooleanOption,
  resolveEnum,
  resolveLevel,
  resolveNumberOption,
  resolveOptions,
  toArray,
} from "../../src/core/validate.js";

const caught = (f: () => unknown): CrmMetricsError => {
  try {
    f();
  } catch (e) {
    if (e instanceof CrmMetricsError) return e;
    throw e;
  }
  throw new Error("no error thrown");
};

describe("CrmMetricsError", () => {
  it("carries a stable code, a path and a JSON form", () => {
    const e = caught(() => invalidInput("nps", "input[2]", "must be an integer from 0 to 10", 11));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("CrmMetricsError");
    expect(e.message).toBe("nps: input[2] must be an integer from 0 to 10, got 11");
    expect(e.toJSON()).toEqual({ name: "CrmMetricsError", code: "INVALID_INPUT", path: "input[2]", message: e.message });
    const o = caught(() => invalidOption("nps", "level", "must be in (0, 1)", 2));
    expect(o.code).toBe("INVALID_OPTION");
    expect(o.path).toBe("options.level");
    expect(new CrmMetricsError("EMPTY_INPUT", "x").path).toBe("");
    expect(recordPath("deals", 3)).toBe("deals[3]");
    expect(recordPath("deals", 3, "amount")).toBe("deals[3].amount");
  });

  it("describes offending values briefly", () => {
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(null)).toBe("null");
    expect(describeValue(-0)).toBe("-0");
    expect(describeValue(Number.NaN)).toBe("NaN");
    expect(describeValue("x".repeat(100))).toBe(JSON.stringify(`${"x".repeat(37)}...`));
    expect(describeValue("x".repeat(41))).toBe(JSON.stringify(`${"x".repeat(37)}...`));
    expect(describeValue("x".repeat(40))).toBe(JSON.stringify("x".repeat(40)));
    expect(describeValue(10n)).toBe("10n");
    expect(describeValue(true)).toBe("true");
    expect(describeValue(false)).toBe("false");
    expect(describeValue(new Date(Number.NaN))).toBe("Invalid Date");
    expect(describeValue(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(describeValue([1])).toBe("an array");
    expect(describeValue({})).toBe("an object");
    expect(describeValue(() => 1)).toBe("function");
    expect(describeValue(Symbol("s"))).toBe("symbol");
  });
});

describe("validation helpers", () => {
  it("read collections, records, ids and numbers", () => {
    const arr = [1, 2];
    expect(toArray("f", "input", arr)).toBe(arr);
    expect(toArray("f", "input", new Set([1, 2]))).toEqual([1, 2]);
    expect(caught(() => toArray("f", "input", "ab")).path).toBe("input");
    expect(caught(() => toArray("f", "input", { length: 2 })).path).toBe("input");
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(requireRecord("f", "x[0]", { a: 1 })).toEqual({ a: 1 });
    expect(caught(() => requireRecord("f", "x[0]", 5)).path).toBe("x[0]");
    expect(readId("f", "id", "__proto__")).toBe("__proto__");
    expect(readId("f", "id", 42)).toBe("42");
    for (const bad of ["", Number.NaN, null, undefined, {}, true]) expect(caught(() => readId("f", "x[1].customerId", bad)).path).toBe("x[1].customerId");
    expect(readOptionalString("f", "p", undefined)).toBeUndefined();
    expect(readOptionalString("f", "p", null)).toBeUndefined();
    expect(readOptionalString("f", "p", "a")).toBe("a");
    expect(caught(() => readOptionalString("f", "p", 1)).message).toBe("f: p must be a string, got 1");
    expect(readNumber("f", "p", 3, { min: 0, max: 5, integer: true })).toBe(3);
    expect(Object.is(readNumber("f", "p", -0), 0)).toBe(true);
    expect(caught(() => readNumber("f", "p", 6, { min: 0, max: 5, integer: true })).message).toBe("f: p must be an integer from 0 to 5, got 6");
    expect(caught(() => readNumber("f", "p", 0, { min: 0, minExclusive: true })).message).toBe("f: p must be a finite number > 0, got 0");
    expect(caught(() => readNumber("f", "p", 9, { max: 5 })).message).toBe("f: p must be a finite number <= 5, got 9");
    expect(caught(() => readNumber("f", "p", "1")).message).toBe('f: p must be a finite number, got "1"');
  });

  it("resolve options with defaults and clear errors", () => {
    expect(resolveOptions("f", undefined)).toEqual({});
    expect(caught(() => resolveOptions("f", 3 as never)).path).toBe("options");
    expect(resolveNumberOption("f", "k", undefined, 5)).toBe(5);
    expect(resolveNumberOption("f", "k", 3, 5, { integer: true, min: 1 })).toBe(3);
    expect(caught(() => resolveNumberOption("f", "k", 0, 5, { integer: true, min: 1, max: 9 })).message).toBe(
      "f: options.k must be an integer >= 1 and <= 9, got 0",
    );
    expect(caught(() => resolveNumberOption("f", "k", Number.POSITIVE_INFINITY, 5)).message).toBe("f: options.k must be a finite number, got Infinity");
    expect(resolveLevel("f", undefined)).toBe(0.95);
    expect(caught(() => resolveLevel("f", 0)).path).toBe("options.level");
    expect(resolveEnum("f", "m", undefined, ["a", "b"], "a")).toBe("a");
    expect(caught(() => resolveEnum("f", "m", "c", ["a", "b"], "a")).message).toBe('f: options.m must be one of "a", "b", got "c"');
    expect(resolveBooleanOption("f", "b", undefined, true)).toBe(true);
    expect(caught(() => resolveBooleanOption("f", "b", "yes", true)).path).toBe("options.b");
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
    expect(Object.is(ratio(-0, 4), 0)).toBe(true);
  });
});
