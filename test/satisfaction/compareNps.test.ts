import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError, compareNps, nps } from "../../src/index.js";

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
});
