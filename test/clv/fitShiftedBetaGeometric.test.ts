import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitShiftedBetaGeometric } from "../../src/clv/fitShiftedBetaGeometric.js";
import { sbgSurvival } from "../../src/clv/sbgSurvival.js";
import { REGULAR_COHORT, deepFreeze, errorOf, relDiff } from "./data.js";

const years07 = deepFreeze(REGULAR_COHORT.slice(0, 8));
// Fitted inside each test that uses it, so that the fit runs while the test does.
const fitted = (): ReturnType<typeof fitShiftedBetaGeometric> => fitShiftedBetaGeometric(years07);

describe("fitShiftedBetaGeometric", () => {
  it("reproduces Fader & Hardie (2007) on the 'regular' cohort, years 0-7", () => {
    const model = fitted();
    expect(relDiff(model.params.alpha, 0.704)).toBeLessThan(1e-3);
    expect(relDiff(model.params.beta, 1.182)).toBeLessThan(1e-3);
    expect(Math.abs(model.logLikelihood - -1680.3)).toBeLessThan(0.1);
    expect(model.n).toBe(1000);
    expect(model.model).toBe("shifted-beta-geometric");
  });

  it("tracks the held-out years 8-12 within 2 % of the cohort", () => {
    const model = fitted();
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

describe("fitShiftedBetaGeometric, details", () => {
  it("maximises the sBG likelihood: churners at t weigh B(alpha + 1, beta + t - 1) / B(alpha, beta), survivors B(alpha, beta + T) / B(alpha, beta)", () => {
    // 100 -> 60 -> 45 -> 45 -> 30: a period without churn, and 30 still active after T = 4.
    const counts = [100, 60, 45, 45, 30];
    const m = fitShiftedBetaGeometric(counts);
    const ll = (alpha: number, beta: number): number => {
      const s = (t: number): number => sbgSurvival({ model: "shifted-beta-geometric", params: { alpha, beta } } as never, t);
      let v = 0;
      for (let t = 1; t < counts.length; t++) {
        const churned = counts[t - 1]! - counts[t]!;
        if (churned > 0) v += churned * Math.log(s(t - 1) - s(t));
      }
      return v + 30 * Math.log(s(4));
    };
    const { alpha, beta } = m.params;
    expect(m.logLikelihood).toBeCloseTo(ll(alpha, beta), 8);
    for (const [da, db] of [
      [1.01, 1],
      [0.99, 1],
      [1, 1.01],
      [1, 0.99],
    ] as const) {
      expect(ll(alpha * da, beta * db)).toBeLessThan(m.logLikelihood);
    }
    expect(m.n).toBe(100);
    expect(m.distinctRows).toBe(4);
    expect(m.converged).toBe(true);
  });

  it("names a bad survivor count in the house format", () => {
    expect(errorOf(() => fitShiftedBetaGeometric([1000]))).toEqual({
      code: "INSUFFICIENT_DATA",
      path: "survivors",
      message: "fitShiftedBetaGeometric: survivors must hold at least two periods, got 1",
    });
    expect(errorOf(() => fitShiftedBetaGeometric([100, 100]))).toEqual({
      code: "INSUFFICIENT_DATA",
      path: "survivors",
      message: "fitShiftedBetaGeometric: survivors must show some churn in a non-empty cohort",
    });
    expect(errorOf(() => fitShiftedBetaGeometric([100, 80, 90])).message).toBe("fitShiftedBetaGeometric: survivors[2] must be <= the previous count (80), got 90");
    expect(errorOf(() => fitShiftedBetaGeometric([100, -1])).message).toBe("fitShiftedBetaGeometric: survivors[1] must be a finite number >= 0, got -1");
    expect(errorOf(() => fitShiftedBetaGeometric([100, 50], { penalizer: -1 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.penalizer" });
  });
});
