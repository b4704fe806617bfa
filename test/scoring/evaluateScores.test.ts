import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateScores } from "../../src/index.js";
import { messageOf } from "../support/errors.js";
import { deepFreeze, failure } from "./helpers.js";

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "scoring_logit.json"), "utf8")) as {
  outcomes: boolean[];
  probabilities: number[];
  auc: number;
  logLoss: number;
  brierScore: number;
};

describe("evaluateScores", () => {
  it("reproduces the AUC (scipy midranks), log loss and Brier score of the statsmodels fit", () => {
    const r = evaluateScores(fixture.probabilities, fixture.outcomes);
    expect(r.auc!).toBeCloseTo(fixture.auc, 12);
    expect(r.logLoss!).toBeCloseTo(fixture.logLoss, 12);
    expect(r.brierScore!).toBeCloseTo(fixture.brierScore, 12);
    expect(r.auc!).toBeCloseTo(0.74067, 5);
    expect(r).toMatchObject({ n: 400, positives: 216, negatives: 184, probabilities: true });
    expect(r.gini!).toBeCloseTo(2 * fixture.auc - 1, 12);
  });

  it("hand-checks a small case: AUC, log loss, Brier, lift and calibration", () => {
    const scores = [0.9, 0.8, 0.7, 0.3, 0.2];
    const y = [true, false, true, false, false];
    const r = evaluateScores(scores, y, { groups: 5, calibrationBins: 2 });
    expect(r.auc!).toBeCloseTo(5 / 6, 12);
    const ll = -(Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.7) + Math.log(0.8)) / 5;
    expect(r.logLoss!).toBeCloseTo(ll, 12);
    expect(r.brierScore!).toBeCloseTo((0.01 + 0.64 + 0.09 + 0.09 + 0.04) / 5, 12);
    expect(r.conversionRate).toBeCloseTo(0.4, 12);
    expect(r.lift.map((row) => [row.group, row.n, row.positives, row.cumulativePositives])).toEqual([
      [1, 1, 1, 1],
      [2, 1, 0, 1],
      [3, 1, 1, 2],
      [4, 1, 0, 2],
      [5, 1, 0, 2],
    ]);
    expect(r.lift[0]!.lift!).toBeCloseTo(2.5, 12);
    expect(r.lift[2]!.gain!).toBeCloseTo(1, 12);
    expect(r.lift[2]!.cumulativeLift!).toBeCloseTo(2 / 3 / 0.4, 12);
    expect(r.lift[4]!).toMatchObject({ minScore: 0.2, maxScore: 0.2, cumulativeN: 5 });
    expect(r.calibration).toHaveLength(2);
    expect(r.calibration[0]).toMatchObject({ lower: 0, upper: 0.5, n: 2, observedRate: 0 });
    expect(r.calibration[0]!.meanPredicted!).toBeCloseTo(0.25, 12);
    expect(r.calibration[1]!.meanPredicted!).toBeCloseTo(0.8, 12);
    expect(r.calibration[1]!.observedRate!).toBeCloseTo(2 / 3, 12);
    // ECE = (2/5)·0.25 + (3/5)·|2/3 − 0.8|
    expect(r.calibrationError!).toBeCloseTo(0.4 * 0.25 + 0.6 * (0.8 - 2 / 3), 12);
  });

  it("counts ties one half in the AUC and keeps tied scores in one lift group", () => {
    const r = evaluateScores([0.5, 0.5, 0.5, 0.1], [true, false, false, true], { groups: 2 });
    // pairs (pos, neg): (0.5, 0.5) x2 ties = 1, (0.1, 0.5) x2 = 0 -> 1/4
    expect(r.auc!).toBeCloseTo(0.25, 12);
    expect(r.lift.map((row) => row.n)).toEqual([3, 1]);
    expect(evaluateScores([3, 3, 3], [1, 0, 1]).auc!).toBeCloseTo(0.5, 12);
    const all = evaluateScores([0.4, 0.4, 0.4, 0.4], [1, 0, 0, 0]);
    expect(all.lift).toHaveLength(1);
    expect(all.lift[0]!).toMatchObject({ n: 4, positives: 1 });
    expect(all.lift[0]!.lift!).toBeCloseTo(1, 12);
  });

  it("clips probabilities at eps in the log loss and puts p = 1 in the last calibration bin", () => {
    const r = evaluateScores([0, 1], [true, false]);
    expect(r.logLoss!).toBeCloseTo(-Math.log(1e-15), 10);
    expect(r.calibration[9]!.n).toBe(1);
    expect(r.calibration[0]!.n).toBe(1);
    expect(r.calibration[5]).toMatchObject({ n: 0, meanPredicted: null, observedRate: null });
    expect(evaluateScores([0], [true], { eps: 1e-3 }).logLoss!).toBeCloseTo(-Math.log(1e-3), 12);
    expect(r.auc).toBe(0);
  });

  it("gives null where a metric is undefined", () => {
    expect(evaluateScores([], [])).toMatchObject({
      n: 0,
      auc: null,
      gini: null,
      logLoss: null,
      brierScore: null,
      calibrationError: null,
      conversionRate: null,
      lift: [],
      calibration: [],
    });
    const oneClass = evaluateScores([0.2, 0.7], [false, false]);
    expect(oneClass.auc).toBeNull();
    expect(oneClass.lift[0]).toMatchObject({ lift: null, gain: null, cumulativeLift: null });
    expect(oneClass.logLoss!).toBeGreaterThan(0);
    const points = evaluateScores([40, 75, 12], [false, true, false]);
    expect(points).toMatchObject({ probabilities: false, logLoss: null, brierScore: null, calibration: [], auc: 1 });
    expect(evaluateScores([0.3], [true]).lift).toHaveLength(1);
  });

  it("rejects invalid scores, outcomes and options", () => {
    expect(failure(() => evaluateScores([0.1, Number.NaN], [true, false]))).toBe("INVALID_INPUT scores[1]");
    expect(failure(() => evaluateScores([0.1, "0.2" as unknown as number], [true, false]))).toBe("INVALID_INPUT scores[1]");
    expect(failure(() => evaluateScores([0.1, Number.POSITIVE_INFINITY], [true, false]))).toBe("INVALID_INPUT scores[1]");
    expect(failure(() => evaluateScores([0.1, 0.2], [true, 2]))).toBe("INVALID_INPUT outcomes[1]");
    expect(failure(() => evaluateScores([0.1, 0.2], [true]))).toBe("INVALID_INPUT outcomes");
    expect(failure(() => evaluateScores(7 as unknown as number[], []))).toBe("INVALID_INPUT scores");
    expect(failure(() => evaluateScores([0.1], [true], { eps: 0.5 }))).toBe("INVALID_OPTION options.eps");
    expect(failure(() => evaluateScores([0.1], [true], { groups: 0 }))).toBe("INVALID_OPTION options.groups");
    expect(failure(() => evaluateScores([0.1], [true], { calibrationBins: 2.5 }))).toBe("INVALID_OPTION options.calibrationBins");
  });

  it("words its errors as `evaluateScores: path must be ..., got X`", () => {
    expect(messageOf(() => evaluateScores([0.1, 0.2], [true, 2]))).toBe("evaluateScores: outcomes[1] must be true, false, 1 or 0, got 2");
    expect(messageOf(() => evaluateScores([0.1, 0.2], [true]))).toBe(
      'evaluateScores: outcomes must have one outcome per score (2), got "1 outcomes"',
    );
    expect(messageOf(() => evaluateScores([0.1, Number.NaN], [true, false]))).toBe("evaluateScores: scores[1] must be a finite number, got NaN");
    expect(failure(() => evaluateScores([0.1], 7 as unknown as boolean[]))).toBe("INVALID_INPUT outcomes");
    expect(messageOf(() => evaluateScores([0.1], [true], { groups: 2.5 }))).toBe("evaluateScores: options.groups must be an integer >= 1, got 2.5");
  });

  it("treats a negative score as not a probability", () => {
    const r = evaluateScores([-0.5, 0.5], [false, true]);
    expect(r).toMatchObject({ probabilities: false, logLoss: null, brierScore: null, calibrationError: null, calibration: [], auc: 1 });
  });

  it("gives no AUC when every lead converted", () => {
    const r = evaluateScores([0.2, 0.7], [true, true]);
    expect(r.auc).toBeNull();
    expect(r.gini).toBeNull();
    expect(r.lift[0]!.lift!).toBeCloseTo(1, 12);
  });

  it("clips a certain hit at 1 − eps: log loss −ln(1 − eps)", () => {
    // q = 1 is clipped to 0.9, so each lead costs −ln 0.9 ≈ 0.10536
    expect(evaluateScores([1, 0], [true, false], { eps: 0.1 }).logLoss!).toBeCloseTo(-Math.log(0.9), 12);
    expect(evaluateScores([1, 0], [true, false], { eps: 0.1 }).logLoss!).toBeCloseTo(0.1053605, 7);
  });

  it("gives each calibration bin its edges b/bins and (b+1)/bins", () => {
    const r = evaluateScores([0.1, 0.6, 0.9], [false, true, true], { calibrationBins: 4 });
    expect(r.calibration.map((b) => [b.lower, b.upper, b.n])).toEqual([
      [0, 0.25, 1],
      [0.25, 0.5, 0],
      [0.5, 0.75, 1],
      [0.75, 1, 1],
    ]);
  });

  it("does not mutate its inputs", () => {
    const s = deepFreeze([0.3, 0.1, 0.9]);
    const y = deepFreeze([true, false, true]);
    expect(evaluateScores(s, y).auc).toBe(1);
    expect(s).toEqual([0.3, 0.1, 0.9]);
  });

  const sample = fc
    .array(fc.record({ s: fc.integer({ min: 0, max: 20 }), y: fc.boolean() }), { minLength: 2, maxLength: 60 })
    .filter((xs) => xs.some((x) => x.y) && xs.some((x) => !x.y));

  it("keeps the AUC under monotone transforms, and 1 − AUC for reversed scores (property)", () => {
    fc.assert(
      fc.property(sample, (xs) => {
        const y = xs.map((x) => x.y);
        const p = xs.map((x) => x.s / 20);
        const auc = evaluateScores(p, y).auc!;
        expect(evaluateScores(p.map((v) => Math.exp(3 * v) - 7), y).auc!).toBeCloseTo(auc, 12);
        expect(evaluateScores(p.map((v) => -v), y).auc!).toBeCloseTo(1 - auc, 12);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        // brute-force Mann-Whitney
        let u = 0;
        let pairs = 0;
        for (const a of xs) if (a.y) for (const b of xs) if (!b.y) {
          pairs++;
          u += a.s > b.s ? 1 : a.s === b.s ? 0.5 : 0;
        }
        expect(auc).toBeCloseTo(u / pairs, 12);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("does not depend on the order of the leads, and the gain ends at 1 (property)", () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 1, max: 12 }), (xs, groups) => {
        const p = xs.map((x) => x.s / 20);
        const y = xs.map((x) => x.y);
        const a = evaluateScores(p, y, { groups });
        const b = evaluateScores([...p].reverse(), [...y].reverse(), { groups });
        expect(b).toEqual(a);
        expect(a.lift[a.lift.length - 1]!.gain).toBe(1);
        expect(a.lift.reduce((t, r) => t + r.n, 0)).toBe(xs.length);
        expect(a.lift.length).toBeLessThanOrEqual(groups);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
