import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/core/errors.js";
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

/** The CrmMetricsError that `run` throws, for checking its code, path and message together. */
function thrown(run: () => unknown): { code: string; path: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof CrmMetricsError) return { code: error.code, path: error.path, message: error.message };
    throw error;
  }
  throw new Error("expected a CrmMetricsError");
}

const inputError = (path: string, message: string) => ({ code: "INVALID_INPUT", path, message });
const optionError = (path: string, message: string) => ({ code: "INVALID_OPTION", path, message });

describe("toArray", () => {
  it("returns an array itself, without copying", () => {
    const input = [{ a: 1 }];
    expect(toArray("f", "input", input)).toBe(input);
  });

  it("materialises other iterables: Sets, Maps, generators", () => {
    expect(toArray("f", "input", new Set([1, 2]))).toEqual([1, 2]);
    expect(toArray("f", "input", new Map([["k", 1]]))).toEqual([["k", 1]]);
    function* gen(): Generator<string> {
      yield "a";
      yield "b";
    }
    expect(toArray("f", "input", gen())).toEqual(["a", "b"]);
    expect(toArray("f", "input", { [Symbol.iterator]: () => [7][Symbol.iterator]() })).toEqual([7]);
  });

  it("rejects strings and anything not iterable with INVALID_INPUT at the name", () => {
    const rule = "must be an array or iterable of records";
    expect(thrown(() => toArray("churnRate", "customers", "abc"))).toEqual(inputError("customers", `churnRate: customers ${rule}, got "abc"`));
    expect(thrown(() => toArray("f", "input", null))).toEqual(inputError("input", `f: input ${rule}, got null`));
    expect(thrown(() => toArray("f", "input", undefined))).toEqual(inputError("input", `f: input ${rule}, got undefined`));
    expect(thrown(() => toArray("f", "input", 3))).toEqual(inputError("input", `f: input ${rule}, got 3`));
    expect(thrown(() => toArray("f", "input", {}))).toEqual(inputError("input", `f: input ${rule}, got an object`));
    expect(thrown(() => toArray("f", "input", { [Symbol.iterator]: [] }))).toEqual(inputError("input", `f: input ${rule}, got an object`));
  });
});

describe("isRecord and requireRecord", () => {
  it("takes non-null, non-array objects as records", () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    expect(isRecord(new Date(0))).toBe(true);
    for (const v of [null, undefined, [], [1], "x", 1, true, () => ({})]) expect(isRecord(v)).toBe(false);
  });

  it("returns the record or throws INVALID_INPUT naming the path", () => {
    const rec = { id: "c1" };
    expect(requireRecord("f", "input[0]", rec)).toBe(rec);
    expect(thrown(() => requireRecord("cac", "spend[3]", [1]))).toEqual(inputError("spend[3]", "cac: spend[3] must be an object, got an array"));
    expect(thrown(() => requireRecord("cac", "spend[4]", null))).toEqual(inputError("spend[4]", "cac: spend[4] must be an object, got null"));
    expect(thrown(() => requireRecord("cac", "spend[5]", "x"))).toEqual(inputError("spend[5]", 'cac: spend[5] must be an object, got "x"'));
  });
});

describe("readId", () => {
  it("reads non-empty strings as they are and finite numbers as their string form", () => {
    expect(readId("f", "p", "c-1")).toBe("c-1");
    expect(readId("f", "p", "__proto__")).toBe("__proto__");
    expect(readId("f", "p", " ")).toBe(" ");
    expect(readId("f", "p", 42)).toBe("42");
    expect(readId("f", "p", -0)).toBe("0");
    expect(readId("f", "p", 1.5)).toBe("1.5");
    expect(readId("f", "p", 1e21)).toBe("1e+21");
  });

  it("rejects the empty string, non-finite numbers and other types", () => {
    const rule = "must be a non-empty string or a finite number";
    const path = "transactions[2].customerId";
    const cases: [unknown, string][] = [
      ["", '""'],
      [Number.NaN, "NaN"],
      [Number.POSITIVE_INFINITY, "Infinity"],
      [null, "null"],
      [undefined, "undefined"],
      [true, "true"],
      [{}, "an object"],
      [5n, "5n"],
    ];
    for (const [value, shown] of cases) {
      expect(thrown(() => readId("aov", path, value))).toEqual(inputError(path, `aov: ${path} ${rule}, got ${shown}`));
    }
  });
});

describe("readOptionalString", () => {
  it("gives undefined for undefined and null, and strings as they are", () => {
    expect(readOptionalString("f", "p", undefined)).toBeUndefined();
    expect(readOptionalString("f", "p", null)).toBeUndefined();
    expect(readOptionalString("f", "p", "email")).toBe("email");
    expect(readOptionalString("f", "p", " ")).toBe(" ");
  });

  it("keeps the empty string (the record schemas accept it) rather than treating it as absent or invalid", () => {
    expect(readOptionalString("f", "p", "")).toBe("");
  });

  it("rejects other types with INVALID_INPUT", () => {
    const path = "interactions[1].channel";
    expect(thrown(() => readOptionalString("activity", path, 5))).toEqual(inputError(path, `activity: ${path} must be a string, got 5`));
    expect(thrown(() => readOptionalString("activity", path, {}))).toEqual(inputError(path, `activity: ${path} must be a string, got an object`));
  });
});

describe("readNumber", () => {
  it("reads finite numbers and turns -0 into 0", () => {
    expect(readNumber("f", "p", 2.5)).toBe(2.5);
    expect(readNumber("f", "p", -1e300)).toBe(-1e300);
    expect(Object.is(readNumber("f", "p", -0), 0)).toBe(true);
    expect(Object.is(readNumber("f", "p", -0, { min: 0 }), 0)).toBe(true);
  });

  it("states the rule it checks in the message", () => {
    const p = "rows[0].x";
    const msg = (rule: string, got: string) => inputError(p, `g: ${p} ${rule}, got ${got}`);
    expect(thrown(() => readNumber("g", p, "1"))).toEqual(msg("must be a finite number", '"1"'));
    expect(thrown(() => readNumber("g", p, Number.NaN))).toEqual(msg("must be a finite number", "NaN"));
    expect(thrown(() => readNumber("g", p, Number.NEGATIVE_INFINITY))).toEqual(msg("must be a finite number", "-Infinity"));
    expect(thrown(() => readNumber("g", p, 1.5, { integer: true }))).toEqual(msg("must be an integer", "1.5"));
    expect(thrown(() => readNumber("g", p, -1, { min: 0 }))).toEqual(msg("must be a finite number >= 0", "-1"));
    expect(thrown(() => readNumber("g", p, 0, { min: 0, minExclusive: true }))).toEqual(msg("must be a finite number > 0", "0"));
    expect(thrown(() => readNumber("g", p, 11, { max: 10 }))).toEqual(msg("must be a finite number <= 10", "11"));
    expect(thrown(() => readNumber("g", p, 11, { min: 0, max: 10, integer: true }))).toEqual(msg("must be an integer from 0 to 10", "11"));
    expect(thrown(() => readNumber("g", p, 2.5, { min: 0, max: 10, integer: true }))).toEqual(msg("must be an integer from 0 to 10", "2.5"));
    expect(thrown(() => readNumber("g", p, -0.5, { min: 0, max: 1 }))).toEqual(msg("must be a finite number from 0 to 1", "-0.5"));
    expect(thrown(() => readNumber("g", p, 3, { min: 5, integer: true }))).toEqual(msg("must be an integer >= 5", "3"));
    expect(thrown(() => readNumber("g", p, 3, { max: 2, integer: true }))).toEqual(msg("must be an integer <= 2", "3"));
  });

  it("keeps an exclusive minimum in the message when a maximum is given too (as resolveNumberOption words it)", () => {
    const p = "rows[0].x";
    const msg = (rule: string, got: string) => inputError(p, `g: ${p} ${rule}, got ${got}`);
    expect(thrown(() => readNumber("g", p, 0, { min: 0, max: 1, minExclusive: true }))).toEqual(msg("must be a finite number > 0 and <= 1", "0"));
    expect(thrown(() => readNumber("g", p, 1.5, { min: 0, max: 1, minExclusive: true }))).toEqual(msg("must be a finite number > 0 and <= 1", "1.5"));
    expect(thrown(() => readNumber("g", p, 0, { min: 0, max: 5, integer: true, minExclusive: true }))).toEqual(msg("must be an integer > 0 and <= 5", "0"));
    expect(thrown(() => readNumber("g", p, -1, { min: 0, max: 1, minExclusive: false }))).toEqual(msg("must be a finite number from 0 to 1", "-1"));
    expect(thrown(() => resolveNumberOption("g", "x", 0, 1, { min: 0, max: 1, minExclusive: true }))).toEqual(
      optionError("options.x", "g: options.x must be a finite number > 0 and <= 1, got 0"),
    );
  });

  it("includes the bounds, except a minimum marked exclusive", () => {
    expect(readNumber("f", "p", 0, { min: 0 })).toBe(0);
    expect(readNumber("f", "p", 10, { max: 10 })).toBe(10);
    expect(readNumber("f", "p", 10, { min: 0, max: 10, integer: true })).toBe(10);
    expect(readNumber("f", "p", 1e-300, { min: 0, minExclusive: true })).toBe(1e-300);
    expect(readNumber("f", "p", 0, { min: 0, minExclusive: false })).toBe(0);
    expect(readNumber("f", "p", 3, { integer: false })).toBe(3);
    expect(readNumber("f", "p", 3.5, { integer: false })).toBe(3.5);
    expect(() => readNumber("f", "p", 10.000001, { max: 10 })).toThrow(CrmMetricsError);
    expect(() => readNumber("f", "p", -1e-9, { min: 0 })).toThrow(CrmMetricsError);
  });

  it("accepts exactly the values inside the rule (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: -5, max: 15 })), fc.boolean(), fc.boolean(), (v, integer, minExclusive) => {
        const rule = { min: 0, max: 10, integer, minExclusive };
        const ok = Number.isFinite(v) && (!integer || Number.isInteger(v)) && (minExclusive ? v > 0 : v >= 0) && v <= 10;
        if (ok) expect(readNumber("f", "p", v, rule)).toBe(v === 0 ? 0 : v);
        else expect(() => readNumber("f", "p", v, rule)).toThrow(CrmMetricsError);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("resolveOptions", () => {
  it("gives an empty object for undefined and the object itself otherwise", () => {
    expect(resolveOptions("f", undefined)).toEqual({});
    const options = { level: 0.9 };
    expect(resolveOptions("f", options)).toBe(options);
  });

  it("rejects anything that is not an object with INVALID_OPTION at path options", () => {
    const cases: [unknown, string][] = [
      [null, "null"],
      [[], "an array"],
      ["x", '"x"'],
      [5, "5"],
      [false, "false"],
    ];
    for (const [value, shown] of cases) {
      expect(thrown(() => resolveOptions("nps", value as object))).toEqual(optionError("options", `nps: options must be an object, got ${shown}`));
    }
  });
});

describe("resolveNumberOption", () => {
  it("gives the fallback for undefined, else the value", () => {
    expect(resolveNumberOption("f", "n", undefined, 7)).toBe(7);
    expect(resolveNumberOption("f", "n", undefined, 7, { min: 10 })).toBe(7);
    expect(resolveNumberOption("f", "n", 3.25, 7)).toBe(3.25);
  });

  it("checks type, integrality and each bound, inclusive unless marked exclusive", () => {
    expect(resolveNumberOption("f", "n", 1, 0, { min: 1, max: 5, integer: true })).toBe(1);
    expect(resolveNumberOption("f", "n", 5, 0, { min: 1, max: 5, integer: true })).toBe(5);
    expect(resolveNumberOption("f", "n", 5, 0, { max: 5, maxExclusive: false })).toBe(5);
    expect(resolveNumberOption("f", "n", 1, 0, { min: 1, minExclusive: false })).toBe(1);
    expect(resolveNumberOption("f", "n", 4.999, 0, { max: 5, maxExclusive: true })).toBe(4.999);
    expect(resolveNumberOption("f", "n", 1.001, 0, { min: 1, minExclusive: true })).toBe(1.001);
    expect(resolveNumberOption("f", "n", 2.5, 0, { integer: false })).toBe(2.5);
  });

  it("states the rule in the message with INVALID_OPTION at options.<name>", () => {
    const err = (rule: string, got: string) => optionError("options.horizon", `fit: options.horizon ${rule}, got ${got}`);
    expect(thrown(() => resolveNumberOption("fit", "horizon", "3", 1))).toEqual(err("must be a finite number", '"3"'));
    expect(thrown(() => resolveNumberOption("fit", "horizon", null, 1))).toEqual(err("must be a finite number", "null"));
    expect(thrown(() => resolveNumberOption("fit", "horizon", Number.POSITIVE_INFINITY, 1))).toEqual(err("must be a finite number", "Infinity"));
    expect(thrown(() => resolveNumberOption("fit", "horizon", 0.5, 1, { integer: true }))).toEqual(err("must be an integer", "0.5"));
    expect(thrown(() => resolveNumberOption("fit", "horizon", 0, 1, { min: 1 }))).toEqual(err("must be a finite number >= 1", "0"));
    expect(thrown(() => resolveNumberOption("fit", "horizon", 1, 2, { min: 1, minExclusive: true }))).toEqual(err("must be a finite number > 1", "1"));
    expect(thrown(() => resolveNumberOption("fit", "horizon", 6, 1, { max: 5 }))).toEqual(err("must be a finite number <= 5", "6"));
    expect(thrown(() => resolveNumberOption("fit", "horizon", 5, 1, { max: 5, maxExclusive: true }))).toEqual(err("must be a finite number < 5", "5"));
    expect(thrown(() => resolveNumberOption("fit", "horizon", 0, 1, { min: 1, max: 5, integer: true }))).toEqual(
      err("must be an integer >= 1 and <= 5", "0"),
    );
    expect(thrown(() => resolveNumberOption("fit", "horizon", 9, 1, { min: 1, max: 5, integer: true }))).toEqual(
      err("must be an integer >= 1 and <= 5", "9"),
    );
  });
});

describe("resolveLevel", () => {
  it("defaults to 0.95 and takes any level strictly between 0 and 1", () => {
    expect(resolveLevel("f", undefined)).toBe(0.95);
    expect(resolveLevel("f", 0.9)).toBe(0.9);
    expect(resolveLevel("f", 1e-9)).toBe(1e-9);
    expect(resolveLevel("f", 1 - 1e-9)).toBe(1 - 1e-9);
  });

  it("rejects 0, 1 and anything outside or not a number", () => {
    const cases: [unknown, string][] = [
      [0, "0"],
      [1, "1"],
      [95, "95"],
      [-0.5, "-0.5"],
      [Number.NaN, "NaN"],
      ["0.9", '"0.9"'],
    ];
    for (const [value, shown] of cases) {
      expect(thrown(() => resolveLevel("csat", value))).toEqual(
        optionError("options.level", `csat: options.level must be a finite number > 0 and < 1, got ${shown}`),
      );
    }
  });
});

describe("resolveEnum", () => {
  const methods = ["wald", "wilson"] as const;

  it("gives the fallback for undefined and an allowed value as it is", () => {
    expect(resolveEnum("f", "method", undefined, methods, "wilson")).toBe("wilson");
    expect(resolveEnum("f", "method", "wald", methods, "wilson")).toBe("wald");
  });

  it("rejects other strings, other types and inherited names, listing the allowed values", () => {
    const cases: [unknown, string][] = [
      ["Wald", '"Wald"'],
      ["", '""'],
      ["toString", '"toString"'],
      [1, "1"],
      [null, "null"],
    ];
    for (const [value, shown] of cases) {
      expect(thrown(() => resolveEnum("nps", "method", value, methods, "wilson"))).toEqual(
        optionError("options.method", `nps: options.method must be one of "wald", "wilson", got ${shown}`),
      );
    }
  });
});

describe("resolveBooleanOption", () => {
  it("gives the fallback for undefined and booleans as they are", () => {
    expect(resolveBooleanOption("f", "x", undefined, true)).toBe(true);
    expect(resolveBooleanOption("f", "x", undefined, false)).toBe(false);
    expect(resolveBooleanOption("f", "x", false, true)).toBe(false);
    expect(resolveBooleanOption("f", "x", true, false)).toBe(true);
  });

  it("rejects anything else", () => {
    for (const [value, shown] of [["true", '"true"'], [0, "0"], [null, "null"]] as [unknown, string][]) {
      expect(thrown(() => resolveBooleanOption("funnel", "strict", value, false))).toEqual(
        optionError("options.strict", `funnel: options.strict must be true or false, got ${shown}`),
      );
    }
  });
});

describe("ratio", () => {
  it("divides, and never returns -0", () => {
    expect(ratio(1, 4)).toBeCloseTo(0.25, 15);
    expect(ratio(3, -2)).toBeCloseTo(-1.5, 15);
    expect(Object.is(ratio(0, 5), 0)).toBe(true);
    expect(Object.is(ratio(-0, 5), 0)).toBe(true);
    expect(Object.is(ratio(0, -5), 0)).toBe(true);
  });

  it("is null for an empty or non-finite denominator", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, -0)).toBeNull();
    expect(ratio(1, Number.POSITIVE_INFINITY)).toBeNull();
    expect(ratio(1, Number.NEGATIVE_INFINITY)).toBeNull();
    expect(ratio(1, Number.NaN)).toBeNull();
  });
});
