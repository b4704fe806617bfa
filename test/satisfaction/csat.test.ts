import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError, csat } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

describe("csat", () => {
  it("counts top-2-box answers as satisfied and gives a Wilson interval", () => {
    const r = csat([5, 4, 3, 5, 2]);
    expect(r.satisfied).toBe(3);
    expect(r.satisfiedShare).toBeCloseTo(0.6, 12);
    expect(r.meanScore).toBeCloseTo(3.8, 12);
    // Wilson, p = 0.6, n = 5, z = 1.959964: (0.2307, 0.8824)
    expect(r.confidenceInterval!.lower).toBeCloseTo(0.23072, 4);
    expect(r.confidenceInterval!.upper).toBeCloseTo(0.88236, 4);
    expect(r.scale).toBe(5);
    expect(r.satisfiedMin).toBe(4);
  });

  it("follows the scale: 6-7 of 7 and 9-10 of 10 by default", () => {
    expect(csat([7, 6, 5, 4], { scale: 7 }).satisfiedShare).toBeCloseTo(0.5, 12);
    expect(csat([10, 9, 8, 1], { scale: 10 }).satisfiedShare).toBeCloseTo(0.5, 12);
    expect(csat([10, 9, 8, 1], { scale: 10, satisfiedMin: 8 }).satisfiedShare).toBeCloseTo(0.75, 12);
  });

  it("reads the scale from the records", () => {
    const r = csat([
      { kind: "csat", score: 7, scale: 7 },
      { kind: "csat", score: 3, scale: 7 },
    ]);
    expect(r.scale).toBe(7);
    expect(r.satisfiedShare).toBeCloseTo(0.5, 12);
    expect(() => csat([{ kind: "csat", score: 7, scale: 7 }, { kind: "csat", score: 3, scale: 5 }])).toThrow(
      "csat: input[1].scale must equal the scale of the other responses (7), got 5",
    );
  });

  it("returns null metrics for empty input", () => {
    expect(csat([])).toMatchObject({ n: 0, satisfiedShare: null, meanScore: null, confidenceInterval: null });
  });

  it("handles a single answer and all-satisfied answers", () => {
    const one = csat([5]);
    expect(one.satisfiedShare).toBe(1);
    expect(one.confidenceInterval!.upper).toBe(1);
    expect(one.confidenceInterval!.lower).toBeGreaterThan(0);
  });

  it("weights answers", () => {
    const r = csat([5, 1], { weights: [3, 1] });
    expect(r.satisfiedShare).toBeCloseTo(0.75, 12);
    expect(r.meanScore).toBeCloseTo(4, 12);
  });

  it("rejects scores off the scale and bad options", () => {
    const codeOf = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return `${(e as CrmMetricsError).code} ${(e as CrmMetricsError).path}`;
      }
      return "none";
    };
    expect(codeOf(() => csat([0]))).toBe("INVALID_INPUT input[0]");
    expect(codeOf(() => csat([6]))).toBe("INVALID_INPUT input[0]");
    expect(codeOf(() => csat([4.5]))).toBe("INVALID_INPUT input[0]");
    expect(codeOf(() => csat([4], { scale: 4 as never }))).toBe("INVALID_OPTION options.scale");
    expect(codeOf(() => csat([4], { satisfiedMin: 6 }))).toBe("INVALID_OPTION options.satisfiedMin");
    expect(codeOf(() => csat([{ kind: "csat", score: 3, scale: 3 }]))).toBe("INVALID_OPTION options.scale");
    expect(codeOf(() => csat([{ kind: "nps", score: 3 }]))).toBe("INVALID_INPUT input[0].kind");
  });

  it("keeps the share in [0, 1] inside its interval", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 100 }), (s) => {
        const r = csat(s);
        expect(r.satisfiedShare!).toBeGreaterThanOrEqual(r.confidenceInterval!.lower);
        expect(r.satisfiedShare!).toBeLessThanOrEqual(r.confidenceInterval!.upper);
        expect(r.meanScore!).toBeGreaterThanOrEqual(1);
        expect(r.meanScore!).toBeLessThanOrEqual(5);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("names the allowed scales and satisfiedMin rule in its error messages", () => {
    // No response at all: the scale option is still checked.
    expect(messageOf(() => csat([], { scale: 4 as never }))).toBe("csat: options.scale must be 5, 7 or 10, got 4");
    expect(messageOf(() => csat([{ kind: "csat", score: 3, scale: 3 }]))).toBe(
      "csat: options.scale must be 5, 7 or 10 (read from the records), got 3",
    );
    expect(errorInfo(() => csat([4], { satisfiedMin: 3.5 }))).toBe("INVALID_OPTION options.satisfiedMin");
    expect(errorInfo(() => csat([4], { satisfiedMin: 0 }))).toBe("INVALID_OPTION options.satisfiedMin");
    expect(csat([1, 2], { satisfiedMin: 1 }).satisfiedShare).toBeCloseTo(1, 12);
    expect(csat([4, 5], { satisfiedMin: 5 }).satisfiedShare).toBeCloseTo(0.5, 12);
  });
});
