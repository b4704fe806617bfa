import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError, ces } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

describe("ces", () => {
  it("gives the mean with a Student-t interval for CES 2.0", () => {
    const r = ces([7, 6, 5, 3, 7]);
    expect(r.meanScore).toBeCloseTo(5.6, 12);
    // sd = sqrt(((1.4)^2 + 0.4^2 + 0.6^2 + 2.6^2 + 1.4^2) / 4) = sqrt(2.8)
    expect(r.standardDeviation!).toBeCloseTo(Math.sqrt(2.8), 12);
    expect(r.standardError!).toBeCloseTo(Math.sqrt(2.8 / 5), 12);
    // t(0.975, 4) = 2.776445105
    expect(r.confidenceInterval!.lower).toBeCloseTo(5.6 - 2.776445105197793 * Math.sqrt(2.8 / 5), 9);
    expect(r.confidenceInterval!.upper).toBeCloseTo(5.6 + 2.776445105197793 * Math.sqrt(2.8 / 5), 9);
    expect(r.easy).toBe(4);
    expect(r.easyShare).toBeCloseTo(0.8, 12);
    expect(r).toMatchObject({ version: 2, scale: 7, higherIsEasier: true, easyThreshold: 5 });
  });

  it("reads CES 1.0 with lower scores as easier", () => {
    const r = ces([1, 2, 2, 4], { version: 1 });
    expect(r.easyShare).toBeCloseTo(0.75, 12);
    expect(r).toMatchObject({ version: 1, scale: 5, higherIsEasier: false });
    expect(() => ces([6], { version: 1 })).toThrow("ces: input[0] must be an integer from 1 to 5, got 6");
  });

  it("returns null statistics for empty input and no spread for one answer", () => {
    expect(ces([])).toMatchObject({ n: 0, meanScore: null, easyShare: null, confidenceInterval: null });
    const one = ces([6]);
    expect(one.meanScore).toBe(6);
    expect(one.standardDeviation).toBeNull();
    expect(one.confidenceInterval).toBeNull();
    expect(one.easyShare).toBe(1);
  });

  it("gives a zero-width interval when all answers agree", () => {
    const r = ces([5, 5, 5]);
    expect(r.standardDeviation).toBe(0);
    expect(r.confidenceInterval).toEqual({ lower: 5, upper: 5, level: 0.95 });
  });

  it("weights answers", () => {
    const r = ces([7, 1], { weights: [1, 1] });
    const w = ces([7, 1], { weights: [2, 2] });
    expect(w.meanScore!).toBeCloseTo(r.meanScore!, 12);
    expect(w.standardError!).toBeCloseTo(r.standardError!, 12);
    expect(ces([7, 1], { weights: [3, 1] }).meanScore).toBeCloseTo(5.5, 12);
  });

  it("rejects bad input and options", () => {
    const info = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return `${(e as CrmMetricsError).code} ${(e as CrmMetricsError).path}`;
      }
      return "none";
    };
    expect(info(() => ces([0]))).toBe("INVALID_INPUT input[0]");
    expect(info(() => ces([8]))).toBe("INVALID_INPUT input[0]");
    expect(info(() => ces([5], { version: 3 as never }))).toBe("INVALID_OPTION options.version");
    expect(info(() => ces([5], { easyThreshold: 9 }))).toBe("INVALID_OPTION options.easyThreshold");
    expect(info(() => ces([{ kind: "ces", score: Number.NaN }]))).toBe("INVALID_INPUT input[0].score");
  });

  it("keeps the mean within the scale and inside its interval", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 100 }), (s) => {
        const r = ces(s);
        expect(r.meanScore!).toBeGreaterThanOrEqual(1);
        expect(r.meanScore!).toBeLessThanOrEqual(7);
        expect(r.confidenceInterval!.lower).toBeLessThanOrEqual(r.meanScore! + 1e-12);
        expect(r.confidenceInterval!.upper).toBeGreaterThanOrEqual(r.meanScore! - 1e-12);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe("ces: intervals, tiny weights and option checks", () => {
  it("gives the Wilson interval of the easy share", () => {
    // 4 of 5 easy: Wilson 95 % (0.37553, 0.96378)
    const r = ces([7, 6, 5, 3, 7]);
    expect(r.easyShareInterval!.lower).toBeCloseTo(0.37553, 4);
    expect(r.easyShareInterval!.upper).toBeCloseTo(0.96378, 4);
    expect(r.easyShareInterval!.level).toBe(0.95);
  });

  it("gives the weighted standard deviation with Kish's effective sample size", () => {
    // scores 7 (w 3) and 1 (w 1): mean 5.5, m2 = 3 * 1.5^2 + 4.5^2 = 27, total 4, n_eff = 16 / 10
    const r = ces([7, 1], { weights: [3, 1] });
    const sd = Math.sqrt((27 / 4) * (1.6 / 0.6));
    expect(r.standardDeviation!).toBeCloseTo(sd, 12);
    expect(r.standardError!).toBeCloseTo(sd / Math.sqrt(1.6), 12);
  });

  it("has no spread when the weights leave one effective response", () => {
    // two responses, but 1e-50 vanishes next to 1: (Σw)² / Σw² is exactly 1
    const r = ces([7, 3], { weights: [1, 1e-50] });
    expect(r.n).toBe(2);
    expect(r.meanScore).toBeCloseTo(7, 12);
    expect(r.standardDeviation).toBeNull();
    expect(r.confidenceInterval).toBeNull();
  });

  it("accepts both versions explicitly and checks the threshold", () => {
    expect(ces([7, 4], { version: 2 }).easyShare).toBeCloseTo(0.5, 12);
    expect(messageOf(() => ces([7], { version: 0 as never }))).toBe("ces: options.version must be 1 or 2, got 0");
    expect(errorInfo(() => ces([7], { easyThreshold: 4.5 }))).toBe("INVALID_OPTION options.easyThreshold");
    expect(ces([7, 4], { easyThreshold: 4 }).easyShare).toBeCloseTo(1, 12);
  });
});
