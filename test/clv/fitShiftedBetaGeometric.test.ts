import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitShiftedBetaGeometric } from "../../src/clv/fitShiftedBetaGeometric.js";
import { sbgSurvival } from "../../src/clv/sbgSurvival.js";
import { REGULAR_COHORT, deepFreeze, errorOf, relDiff } from "./data.js";

const years07 = deepFreeze(REGULAR_COHORT.slice(0, 8));
const model = fitShiftedBetaGeometric(years07);

describe("fitShiftedBetaGeometric", () => {
  it("reproduces Fader & Hardie (2007) on the 'regular' cohort, years 0-7", () => {
    expect(relDiff(model.params.alpha, 0.704)).toBeLessThan(1e-3);
    expect(relDiff(model.params.beta, 1.182)).toBeLessThan(1e-3);
    expect(Math.abs(model.logLikelihood - -1680.3)).toBeLessThan(0.1);
    expect(model.n).toBe(1000);
  });

  it("tracks the held-out years 8-12 within 2 % of the cohort", () => {
    for (let t = 8; t <= 12; t++) {
      expect(Math.abs(1000 * sbgSurvival(model, t) - REGULAR_COHORT[t]!)).toBeLessThan(20);
    }
  });

  it("recovers alpha and beta from expected survivor curves", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), (alpha, beta) => {
        const truth = { model: "shifted-beta-geometric" as const, params: { alpha, beta } } as never;
        const survivors = Array.from({ length: 10 }, (_, t) => 1e6 * sbgSurvival(truth, t));
        const fit = fitShiftedBetaGeometric(survivors);
        return relDiff(fit.params.alpha, alpha) < 1e-3 && relDiff(fit.params.beta, beta) < 1e-3;
      }),
      { seed: 42, numRuns: 10 },
    );
  });

  it("handles a cohort that dies out completely", () => {
    const m = fitShiftedBetaGeometric([100, 40, 10, 0]);
    expect(Number.isFinite(m.logLikelihood)).toBe(true);
  });

  it("validates the survivor counts", () => {
    expect(errorOf(() => fitShiftedBetaGeometric([1000]))).toMatchObject({ code: "INSUFFICIENT_DATA" });
    expect(errorOf(() => fitShiftedBetaGeometric([100, 100]))).toMatchObject({ code: "INSUFFICIENT_DATA" });
    expect(errorOf(() => fitShiftedBetaGeometric([0, 0]))).toMatchObject({ code: "INSUFFICIENT_DATA" });
    expect(errorOf(() => fitShiftedBetaGeometric([100, 120]))).toMatchObject({ code: "INVALID_INPUT", path: "survivors[1]" });
    expect(errorOf(() => fitShiftedBetaGeometric([100, -1]))).toMatchObject({ code: "INVALID_INPUT", path: "survivors[1]" });
    expect(errorOf(() => fitShiftedBetaGeometric([100, Number.NaN]))).toMatchObject({ path: "survivors[1]" });
    expect(errorOf(() => fitShiftedBetaGeometric("abc" as never))).toMatchObject({ code: "INVALID_INPUT", path: "survivors" });
  });
});
