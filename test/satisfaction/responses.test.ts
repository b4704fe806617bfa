// The record and weight checks shared by nps, csat and ces (src/satisfaction/responses.ts).
import { describe, expect, it } from "vitest";
import { ces, csat, nps } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

describe("survey responses and weights", () => {
  it("requires a declared scale to be a positive integer", () => {
    for (const bad of [0, -7, 7.5, "7", Number.NaN]) {
      expect(errorInfo(() => csat([{ kind: "csat", score: 3, scale: bad as never }]))).toBe("INVALID_INPUT input[0].scale");
    }
    expect(messageOf(() => csat([{ kind: "csat", score: 3 }, { kind: "csat", score: 3, scale: 0 }]))).toBe(
      "csat: input[1].scale must be a positive integer, got 0",
    );
    expect(csat([{ kind: "csat", score: 3 }, { kind: "csat", score: 9, scale: 10 }]).scale).toBe(10);
  });

  it("requires one finite weight > 0 per response", () => {
    expect(csat([5, 1], { weights: [1, 3] }).satisfiedShare).toBeCloseTo(0.25, 12);
    expect(nps([10, 0], { weights: new Set([2, 1]) as never }).score).toBeCloseTo(100 / 3, 10);
    expect(errorInfo(() => nps([9], { weights: 5 as never }))).toBe("INVALID_INPUT options.weights");
    expect(messageOf(() => nps([9, 9], { weights: [1] }))).toBe('nps: options.weights must have one weight per response (2), got "1 weights"');
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "2", null]) {
      expect(errorInfo(() => ces([7, 6], { weights: [1, bad as never] }))).toBe("INVALID_OPTION options.weights[1]");
    }
    expect(messageOf(() => ces([7], { weights: [0] }))).toBe("ces: options.weights[0] must be a finite number from 1e-50 to 1e50, got 0");
  });
});

describe("one response: score, record kind and record weight", () => {
  it("names the expected kind and the accepted shapes", () => {
    expect(messageOf(() => nps([{ kind: "csat", score: 9 }]))).toBe('nps: input[0].kind must be "nps", got "csat"');
    expect(messageOf(() => nps(["9" as never]))).toBe('nps: input[0] must be a score or a SurveyResponse of kind "nps", got "9"');
    expect(messageOf(() => nps([9, 11]))).toBe("nps: input[1] must be an integer from 0 to 10, got 11");
    expect(messageOf(() => nps([{ kind: "nps", score: -1 }]))).toBe("nps: input[0].score must be an integer from 0 to 10, got -1");
  });

  it("requires a record weight to be a finite number from 1e-50 to 1e50", () => {
    expect(nps([{ kind: "nps", score: 10, weight: 3 }, { kind: "nps", score: 0 }]).score).toBeCloseTo(50, 10);
    for (const bad of [0, -2, Number.NaN, Number.POSITIVE_INFINITY, "2"]) {
      expect(errorInfo(() => nps([{ kind: "nps", score: 9, weight: bad as never }]))).toBe("INVALID_INPUT input[0].weight");
    }
    expect(messageOf(() => nps([{ kind: "nps", score: 9, weight: 0 }]))).toBe("nps: input[0].weight must be a finite number from 1e-50 to 1e50, got 0");
  });

  it("rejects weights whose squares would underflow or overflow, and keeps every figure finite at the bounds", () => {
    // 1e-200 squared underflows to 0 and 1e200 squared overflows: Kish's effective n was 0 and NaN.
    expect(errorInfo(() => nps([9, 3], { weights: [1e-200, 1e-200] }))).toBe("INVALID_OPTION options.weights[0]");
    expect(errorInfo(() => nps([9, 3], { weights: [1, 1e200] }))).toBe("INVALID_OPTION options.weights[1]");
    expect(errorInfo(() => csat([{ kind: "csat", score: 5, weight: 1e-51 }]))).toBe("INVALID_INPUT input[0].weight");
    for (const w of [1e-50, 1e50]) {
      // a record weight times an option weight, both at the bound
      const r = nps([{ kind: "nps", score: 9, weight: w }, { kind: "nps", score: 3, weight: w }], { weights: [w, w] });
      expect(r.effectiveN).toBeCloseTo(2, 10);
      expect(r.score).toBe(0);
      expect(Number.isFinite(r.confidenceInterval?.lower)).toBe(true);
    }
  });


  it("gives the passive share", () => {
    expect(nps([7, 8, 9, 0]).passiveShare).toBeCloseTo(0.5, 12);
    expect(nps([7, 10], { weights: [1, 3] }).passiveShare).toBeCloseTo(0.25, 12);
  });
});
