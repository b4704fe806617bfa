import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nps } from "../../src/index.js";
import { expectCrmError as expectError } from "../support/errors.js";


describe("nps", () => {
  it("computes the worked example of docs/metrics/satisfaction.md", () => {
    // 20 answers: 9 promoters, 6 passives, 5 detractors
    const scores = [10, 10, 10, 9, 9, 9, 9, 9, 10, 8, 8, 7, 7, 8, 7, 6, 5, 0, 3, 6];
    const r = nps(scores);
    expect(r.n).toBe(20);
    expect(r.promoters).toBe(9);
    expect(r.passives).toBe(6);
    expect(r.detractors).toBe(5);
    expect(r.score).toBeCloseTo(20, 12);
    // adjusted Wald: n' = 23, p' = 9.75/23, d' = 5.75/23
    const p = 9.75 / 23;
    const d = 5.75 / 23;
    const v = p + d - (p - d) ** 2;
    const se = Math.sqrt(v / 23);
    expect(r.standardError!).toBeCloseTo(100 * se, 10);
    expect(r.marginOfError!).toBeCloseTo(100 * 1.959963984540054 * se, 8);
    expect(r.confidenceInterval!.lower).toBeCloseTo(100 * (p - d - 1.959963984540054 * se), 8);
    expect(r.confidenceInterval!.upper).toBeCloseTo(100 * (p - d + 1.959963984540054 * se), 8);
    expect(r.confidenceInterval!.lower).toBeCloseTo(-15.40, 2);
    expect(r.confidenceInterval!.upper).toBeCloseTo(50.18, 2);
  });

  it("uses the plain multinomial variance under wald", () => {
    const r = nps([10, 9, 8, 6, 10], { method: "wald", level: 0.9 });
    // p = 0.6, d = 0.2, var = 0.8 - 0.16 = 0.64, se = sqrt(0.64 / 5)
    expect(r.standardError!).toBeCloseTo(100 * Math.sqrt(0.64 / 5), 12);
    expect(r.marginOfError!).toBeCloseTo(100 * 1.6448536269514722 * Math.sqrt(0.64 / 5), 9);
    expect(r.confidenceInterval!.level).toBe(0.9);
    expect(r.method).toBe("wald");
  });

  it("returns n 0 and null metrics for empty input", () => {
    const r = nps([]);
    expect(r).toMatchObject({ n: 0, score: null, standardError: null, marginOfError: null, confidenceInterval: null, promoterShare: null });
  });

  it("handles a single response", () => {
    const r = nps([9]);
    expect(r.score).toBe(100);
    expect(r.confidenceInterval!.upper).toBeLessThanOrEqual(100);
    const w = nps([9], { method: "wald" });
    expect(w.standardError).toBe(0);
    expect(w.confidenceInterval).toEqual({ lower: 100, upper: 100, level: 0.95 });
  });

  it("clips the interval to -100..100", () => {
    const r = nps([0, 0, 0]);
    expect(r.score).toBe(-100);
    expect(r.confidenceInterval!.lower).toBeGreaterThanOrEqual(-100);
  });

  it("never returns -0", () => {
    const r = nps([9, 6]);
    expect(Object.is(r.score, -0)).toBe(false);
    expect(r.score).toBe(0);
  });

  it("reads SurveyResponse records and their weights", () => {
    const r = nps([
      { kind: "nps", score: 10, weight: 3 },
      { kind: "nps", score: 0, weight: 1 },
    ]);
    expect(r.score).toBeCloseTo(50, 12);
    expect(r.weightedN).toBe(4);
    expect(r.effectiveN).toBeCloseTo(16 / 10, 12);
    expect(r.promoters).toBe(1);
  });

  it("matches unweighted results when all weights are equal", () => {
    const s = [10, 9, 3, 7, 8, 10, 2];
    const a = nps(s);
    const b = nps(s, { weights: s.map(() => 2.5) });
    expect(b.score!).toBeCloseTo(a.score!, 12);
    expect(b.standardError!).toBeCloseTo(a.standardError!, 12);
  });

  it("rejects out-of-range, non-integer and non-number scores with the index", () => {
    expectError(() => nps([10, 11]), "INVALID_INPUT", "input[1]");
    expectError(() => nps([10, -1]), "INVALID_INPUT", "input[1]");
    expectError(() => nps([7.5]), "INVALID_INPUT", "input[0]");
    expectError(() => nps([Number.NaN]), "INVALID_INPUT", "input[0]");
    expectError(() => nps([Number.POSITIVE_INFINITY]), "INVALID_INPUT", "input[0]");
    expectError(() => nps(["9" as unknown as number]), "INVALID_INPUT", "input[0]");
    expectError(() => nps([{ kind: "nps" } as never]), "INVALID_INPUT", "input[0].score");
    expectError(() => nps([{ kind: "csat", score: 5 }]), "INVALID_INPUT", "input[0].kind");
    expectError(() => nps([{ kind: "nps", score: 9, weight: 0 }]), "INVALID_INPUT", "input[0].weight");
    expectError(() => nps(null as never), "INVALID_INPUT", "input");
    expectError(() => nps("9" as never), "INVALID_INPUT", "input");
  });

  it("says what was wrong in the message", () => {
    expect(() => nps([10, 9, 11])).toThrow("nps: input[2] must be an integer from 0 to 10, got 11");
  });

  it("rejects bad options", () => {
    expectError(() => nps([9], { method: "bootstrap" as never }), "INVALID_OPTION", "options.method");
    expectError(() => nps([9], { level: 1 }), "INVALID_OPTION", "options.level");
    expectError(() => nps([9], { level: Number.NaN }), "INVALID_OPTION", "options.level");
    expectError(() => nps([9], { weights: [1, 2] }), "INVALID_OPTION", "options.weights");
    expectError(() => nps([9], { weights: [-1] }), "INVALID_OPTION", "options.weights[0]");
    expectError(() => nps([9], "x" as never), "INVALID_OPTION", "options");
  });

  it("accepts any iterable and does not mutate its input", () => {
    const input = Object.freeze([10, 9, 0]);
    const r = nps(input);
    expect(nps(new Set([10, 9, 0])).score).toBe(r.score);
    expect(input).toEqual([10, 9, 0]);
  });

  it("keeps the score in -100..100 and inside its interval's range, whatever the answers", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 }), fc.constantFrom("adjusted-wald", "wald"), (scores, method) => {
        const r = nps(scores, { method: method as "wald" });
        expect(r.score!).toBeGreaterThanOrEqual(-100);
        expect(r.score!).toBeLessThanOrEqual(100);
        expect(r.confidenceInterval!.lower).toBeLessThanOrEqual(r.confidenceInterval!.upper);
        expect(r.promoters + r.passives + r.detractors).toBe(scores.length);
        expect(Number.isFinite(r.standardError!)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("does not depend on the order of the answers", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 100 }), (scores) => {
        const a = nps(scores);
        const b = nps([...scores].reverse());
        expect(b.score!).toBeCloseTo(a.score!, 10);
        expect(b.standardError!).toBeCloseTo(a.standardError!, 10);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("narrows the interval as the sample grows", () => {
    const base = [10, 9, 8, 7, 6, 3];
    const small = nps(base);
    const large = nps(Array.from({ length: 50 }, () => base).flat());
    expect(large.marginOfError!).toBeLessThan(small.marginOfError!);
  });
});
