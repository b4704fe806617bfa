import { describe, expect, it } from "vitest";
import {
  isLeadField,
  MISSING_LEVEL,
  readCategoricalFeature,
  readLeadField,
  readNumericFeature,
  readRecordId,
  sigmoid,
} from "../../src/scoring/leadFeatures.js";
import { expectCrmError } from "../support/errors.js";

describe("isLeadField", () => {
  it("accepts channel, status and properties.<name>", () => {
    expect(["channel", "status", "properties.x", "properties.industry"].map(isLeadField)).toEqual([true, true, true, true]);
  });

  it("rejects other fields, a bare properties. prefix and non-strings", () => {
    // "properties." has no name; "company_size" is longer than the prefix but is not a property
    expect(["properties.", "type", "company_size", "", "Channel"].map(isLeadField)).toEqual([false, false, false, false, false]);
    expect([5, null, undefined, ["channel"]].map(isLeadField)).toEqual([false, false, false, false]);
  });
});

describe("readLeadField", () => {
  it("reads a top-level field and an own property", () => {
    const lead = { id: "a", channel: "ads", properties: { industry: "software" } };
    expect(readLeadField("fit", lead, 0, "channel")).toBe("ads");
    expect(readLeadField("fit", lead, 0, "properties.industry")).toBe("software");
    expect(readLeadField("fit", lead, 0, "properties.size")).toBeUndefined();
  });

  it("reads missing and null properties objects as undefined, and no inherited property", () => {
    expect(readLeadField("fit", { id: "a" }, 0, "properties.x")).toBeUndefined();
    expect(readLeadField("fit", { id: "a", properties: null }, 0, "properties.x")).toBeUndefined();
    expect(readLeadField("fit", { id: "a", properties: {} }, 0, "properties.constructor")).toBeUndefined();
  });

  it("rejects a lead or a properties value that is not an object, naming the record", () => {
    const e = expectCrmError(() => readLeadField("fit", null, 3, "channel"), "INVALID_INPUT", "leads[3]");
    expect(e.message).toBe("fit: leads[3] must be an object, got null");
    const p = expectCrmError(() => readLeadField("fit", { id: "a", properties: "x" }, 2, "properties.x"), "INVALID_INPUT", "leads[2].properties");
    expect(p.message).toBe('fit: leads[2].properties must be an object, got "x"');
    expectCrmError(() => readLeadField("fit", { id: "a", properties: [1] }, 0, "properties.x"), "INVALID_INPUT", "leads[0].properties");
  });
});

describe("readNumericFeature", () => {
  it("returns a finite number", () => {
    expect(readNumericFeature("fit", { properties: { n: -2.5 } }, 0, "properties.n")).toBe(-2.5);
  });

  it("rejects anything else with the lead's path and field", () => {
    const e = expectCrmError(() => readNumericFeature("fit", { properties: { n: "5" } }, 4, "properties.n"), "INVALID_INPUT", "leads[4].properties.n");
    expect(e.message).toBe('fit: leads[4].properties.n must be a finite number (numeric feature), got "5"');
    expectCrmError(() => readNumericFeature("fit", { properties: { n: Number.NaN } }, 0, "properties.n"), "INVALID_INPUT", "leads[0].properties.n");
    expectCrmError(() => readNumericFeature("fit", {}, 1, "properties.n"), "INVALID_INPUT", "leads[1].properties.n");
  });
});

describe("readCategoricalFeature", () => {
  it("reads undefined, null and the empty string as the missing level", () => {
    const read = (v: unknown): string => readCategoricalFeature("fit", { properties: { c: v } }, 0, "properties.c");
    expect([undefined, null, ""].map(read)).toEqual([MISSING_LEVEL, MISSING_LEVEL, MISSING_LEVEL]);
    expect(MISSING_LEVEL).toBe("(missing)");
  });

  it("gives strings as they are and finite numbers and booleans as their strings", () => {
    const read = (v: unknown): string => readCategoricalFeature("fit", { properties: { c: v } }, 0, "properties.c");
    expect(["ads", 5, -0.5, 0, true, false].map(read)).toEqual(["ads", "5", "-0.5", "0", "true", "false"]);
  });

  it("rejects non-finite numbers and objects with the lead's path and field", () => {
    const read = (v: unknown): unknown => readCategoricalFeature("fit", { properties: { c: v } }, 1, "properties.c");
    const e = expectCrmError(() => read(Number.POSITIVE_INFINITY), "INVALID_INPUT", "leads[1].properties.c");
    expect(e.message).toBe("fit: leads[1].properties.c must be a string, finite number or boolean (categorical feature), got Infinity");
    expectCrmError(() => read(Number.NaN), "INVALID_INPUT", "leads[1].properties.c");
    expectCrmError(() => read({ a: 1 }), "INVALID_INPUT", "leads[1].properties.c");
  });
});

describe("sigmoid", () => {
  it("is 1/2 at 0 and symmetric: sigmoid(-x) = 1 - sigmoid(x)", () => {
    expect(sigmoid(0)).toBeCloseTo(0.5, 15);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(sigmoid(-2)).toBeCloseTo(1 - 1 / (1 + Math.exp(-2)), 15);
  });

  it("stays finite far in the tails: 1 at +800 and exp(-710) (subnormal, not 0) at -710", () => {
    // exp(800) overflows, so e/(1+e) would be NaN there; 1/(1+exp(710)) would round to 0
    expect(sigmoid(800)).toBeCloseTo(1, 15);
    const tail = sigmoid(-710);
    expect(tail).toBeGreaterThan(0);
    expect(tail / Math.exp(-710)).toBeCloseTo(1, 6);
  });
});

describe("readRecordId", () => {
  it("returns non-empty strings and finite numbers as strings", () => {
    expect(readRecordId("fit", "a", "leads", 0, "id")).toBe("a");
    expect(readRecordId("fit", 7, "leads", 0, "id")).toBe("7");
  });

  it("rejects an empty string with the record's path", () => {
    expectCrmError(() => readRecordId("fit", "", "leads", 2, "id"), "INVALID_INPUT", "leads[2].id");
  });
});
