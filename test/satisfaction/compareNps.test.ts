import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError, compareNps, nps } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

describe("compareNps", () => {
  const march = [10, 10, 9, 9, 9, 8, 7, 6, 3, 10];
  const april = [6, 5, 9, 7, 8, 4, 10, 3, 6, 2];

  it("reproduces the hand-computed adjusted-Wald test", () => {
    const r = compareNps(march, april);
    // each: n' = 13; march p' = 6.75/13, d' = 2.75/13; april the mirror image
    const p = 6.75 / 13;
    const d = 2.75 / 13;
    const v = p + d - (p - d) ** 2;
    const se = Math.sqrt((2 * v) / 13);
    expect(r.difference).toBeCloseTo(80, 12);
    expect(r.testedDifference!).toBeCloseTo(100 * 2 * (p - d), 10);
    expect(r.standardError!).toBeCloseTo(100 * se, 10);
    expect(r.z!).toBeCloseTo((2 * (p - d)) / se, 10);
    expect(r.z!).toBeCloseTo(1.9672, 3);
    expect(r.pValue!).toBeCloseTo(0.04916, 4);
    expect(r.significant).toBe(true);
    expect(compareNps(march, april, { level: 0.99 }).significant).toBe(false);
  });

  it("uses plain variances under wald", () => {
    const r = compareNps(march, april, { method: "wald" });
    // march: p .6 d .2 var .64 ; april: p .2 d .6 var .64
    const se = Math.sqrt(0.64 / 10 + 0.64 / 10);
    expect(r.standardError!).toBeCloseTo(100 * se, 10);
    expect(r.z!).toBeCloseTo(0.8 / se, 10);
  });

  it("accepts NpsResult objects", () => {
    const r = compareNps(nps(march), nps(april));
    expect(r.pValue!).toBeCloseTo(compareNps(march, april).pValue!, 12);
  });

  it("gives null statistics when a sample is empty", () => {
    const r = compareNps([], april);
    expect(r).toMatchObject({ difference: null, z: null, pValue: null, significant: null, confidenceInterval: null });
  });

  it("gives a null z when the standard error is zero", () => {
    const r = compareNps([10, 10], [0, 0], { method: "wald" });
    expect(r.difference).toBe(200);
    expect(r.z).toBeNull();
    expect(r.pValue).toBeNull();
  });

  it("names the bad sample in errors", () => {
    try {
      compareNps([9], [9, 12]);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(CrmMetricsError);
      expect((e as CrmMetricsError).path).toBe("b[1]");
      expect((e as CrmMetricsError).message).toBe("compareNps: b[1] must be an integer from 0 to 10, got 12");
    }
    expect(() => compareNps({ ...nps([9]), effectiveN: Number.NaN }, [9])).toThrow(CrmMetricsError);
  });

  it("is antisymmetric and its p-value lies in [0, 1]", () => {
    const sample = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = compareNps(a, b);
        const ba = compareNps(b, a);
        expect(ab.difference!).toBeCloseTo(-ba.difference!, 10);
        expect(ab.pValue!).toBeGreaterThanOrEqual(0);
        expect(ab.pValue!).toBeLessThanOrEqual(1);
        expect(ab.pValue!).toBeCloseTo(ba.pValue!, 10);
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it("gives the hand-computed interval of the difference, clipped to [-200, 200]", () => {
    const z975 = 1.959963984540054;
    const p = 6.75 / 13;
    const d = 2.75 / 13;
    const se = Math.sqrt((2 * (p + d - (p - d) ** 2)) / 13);
    const ci = compareNps(march, april).confidenceInterval!;
    expect(ci.lower).toBeCloseTo(100 * (2 * (p - d) - z975 * se), 8);
    expect(ci.upper).toBeCloseTo(100 * (2 * (p - d) + z975 * se), 8);
    expect(ci.level).toBe(0.95);
    // wald: a = [0, 0, 0, 10] (NPS -50, variance 0.75), b its mirror; diff -1, se sqrt(0.375)
    const low = compareNps([0, 0, 0, 10], [10, 10, 10, 0], { method: "wald" });
    expect(low.confidenceInterval!.lower).toBe(-200);
    expect(low.confidenceInterval!.upper).toBeCloseTo(100 * (-1 + z975 * Math.sqrt(0.375)), 8);
    const high = compareNps([10, 10, 10, 0], [0, 0, 0, 10], { method: "wald" });
    expect(high.confidenceInterval!.upper).toBe(200);
    expect(high.confidenceInterval!.lower).toBeCloseTo(100 * (1 - z975 * Math.sqrt(0.375)), 8);
    expect(high.z!).toBeCloseTo(1 / Math.sqrt(0.375), 10);
    // no spread at all: a zero-width interval at the difference, no z
    const flat = compareNps([10, 10], [0, 0], { method: "wald" });
    expect(flat.confidenceInterval).toEqual({ lower: 200, upper: 200, level: 0.95 });
    expect(flat.significant).toBeNull();
    const same = compareNps([9, 9], [9, 9], { method: "wald" });
    expect(Object.is(same.difference, 0)).toBe(true);
    expect(same.confidenceInterval).toEqual({ lower: 0, upper: 0, level: 0.95 });
  });

  it("is significant exactly when the p-value is below 1 - level", () => {
    const r = compareNps(march, april);
    const level = 1 - r.pValue!;
    // 1 - level is exact for a level in [0.5, 1]; the p-value falls between two such steps,
    // so the levels one step either side of 1 - p decide it each way
    const step = 2 ** -53;
    for (const k of [-2, -1, 0, 1, 2]) {
      const l = level + k * step;
      expect(compareNps(march, april, { level: l }).significant).toBe(r.pValue! < 1 - l);
    }
    expect(compareNps(march, april, { level: level + step }).significant).toBe(false);
    expect(compareNps(march, april, { level: level - step }).significant).toBe(true);
    expect(compareNps(march, april, { level: level - 1e-9 }).significant).toBe(true);
    expect(compareNps(march, april, { level: level + 1e-9 }).significant).toBe(false);
    expect(compareNps(april, march).z!).toBeCloseTo(-r.z!, 10);
  });

  it("tells NpsResult objects from record iterables, and checks their counts", () => {
    const result = nps(march);
    expect(errorInfo(() => compareNps({ n: 3, promoters: 1 } as never, april))).toBe("INVALID_INPUT a");
    expect(errorInfo(() => compareNps({ promoters: 1, effectiveN: 3 } as never, april))).toBe("INVALID_INPUT a");
    expect(errorInfo(() => compareNps({ n: 3, effectiveN: 3 } as never, april))).toBe("INVALID_INPUT a");
    expect(errorInfo(() => compareNps({ ...result, promoters: -1 }, april))).toBe("INVALID_INPUT a.promoters");
    expect(errorInfo(() => compareNps(april, { ...result, detractors: Number.POSITIVE_INFINITY }))).toBe("INVALID_INPUT b.detractors");
    expect(errorInfo(() => compareNps(april, { ...result, passives: 0, detractors: 0 }))).toBe("none");
    expect(messageOf(() => compareNps({ ...result, passives: -2 }, april))).toBe(
      "compareNps: a.passives must be a finite number >= 0, got -2",
    );
    expect(messageOf(() => compareNps(april, march, { method: "exact" as never }))).toBe(
      'compareNps: options.method must be one of "adjusted-wald", "wald", got "exact"',
    );
    expect(compareNps(march, april, { method: "wald" }).method).toBe("wald");
  });

  it("gives null statistics for a result object that is empty in any of its fields", () => {
    const result = nps(march);
    const nulls = { difference: null, z: null, pValue: null, significant: null, confidenceInterval: null };
    expect(compareNps({ ...result, n: 0 }, april)).toMatchObject(nulls);
    expect(compareNps(april, { ...result, n: 0 })).toMatchObject(nulls);
    expect(compareNps({ ...result, score: null }, april)).toMatchObject(nulls);
    expect(compareNps(april, { ...result, score: null })).toMatchObject(nulls);
    expect(compareNps(march, [])).toMatchObject(nulls);
  });

  it("names the default method and never returns -0", () => {
    const r = compareNps(march, april);
    expect(r.method).toBe("adjusted-wald");
    expect(r.a.method).toBe("adjusted-wald");
    const result = nps([9, 0]);
    const d = compareNps({ ...result, score: -0 }, result).difference;
    expect(Object.is(d, 0)).toBe(true);
  });
});
