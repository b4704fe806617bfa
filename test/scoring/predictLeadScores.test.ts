import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitLeadScoringModel, predictLeadScores } from "../../src/index.js";
import type { Lead, LeadScoringFeature, LeadScoringModel } from "../../src/index.js";
import { deepFreeze, failure } from "./helpers.js";

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "scoring_logit.json"), "utf8")) as {
  features: LeadScoringFeature[];
  leads: Lead[];
  outcomes: boolean[];
  probabilities: number[];
};
const model = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features });

describe("predictLeadScores", () => {
  it("reproduces statsmodels' fitted probabilities", () => {
    const r = predictLeadScores(model, fixture.leads);
    expect(r.n).toBe(400);
    r.predictions.forEach((p, i) => expect(Math.abs(p.probability - fixture.probabilities[i]!)).toBeLessThan(1e-9));
    expect(r.leadsWithUnseenLevels).toBe(0);
    expect(r.contributions).toBe("centered");
  });

  it("returns contributions that sum exactly to the linear predictor, in both modes", () => {
    const centred = predictLeadScores(model, fixture.leads.slice(0, 50)).predictions;
    const raw = predictLeadScores(model, fixture.leads.slice(0, 50), { contributions: "raw" }).predictions;
    centred.forEach((p, i) => {
      const sum = p.contributions.reduce((s, c) => s + c.contribution, p.baseline);
      expect(sum === p.linearPredictor).toBe(true);
      const r = raw[i]!;
      expect(r.contributions.reduce((s, c) => s + c.contribution, r.baseline) === r.linearPredictor).toBe(true);
      expect(r.baseline).toBe(model.params.intercept);
      expect(p.linearPredictor).toBeCloseTo(r.linearPredictor, 12);
      expect(p.probability).toBeCloseTo(1 / (1 + Math.exp(-p.linearPredictor)), 14);
      expect(p.score).toBe(Math.round(98 * p.probability + 1));
    });
    // centred baseline: log-odds of the mean profile
    const means = model.terms.reduce((s, t, j) => s + model.params.coefficients[j]! * t.mean, model.params.intercept);
    expect(centred[0]!.baseline).toBeCloseTo(means, 12);
  });

  it("hand-checks one lead: raw contributions are coefficient times value", () => {
    const lead: Lead = {
      id: "x",
      createdAt: 0,
      channel: "referral",
      properties: { seniority: 3, webVisits: 2, revenueM: 1.5, industry: "software" },
    };
    const p = predictLeadScores(model, [lead], { contributions: "raw" }).predictions[0]!;
    const b = model.params.coefficients;
    expect(p.contributions.map((c) => c.field)).toEqual([
      "properties.seniority",
      "properties.webVisits",
      "properties.revenueM",
      "properties.industry",
      "channel",
    ]);
    expect(p.contributions[0]).toEqual({ field: "properties.seniority", value: 3, contribution: 3 * b[0]! });
    expect(p.contributions[3]).toEqual({ field: "properties.industry", value: "software", contribution: b[5]! });
    expect(p.contributions[4]!.contribution).toBe(b[7]!);
    const eta = model.params.intercept + 3 * b[0]! + 2 * b[1]! + 1.5 * b[2]! + b[5]! + b[7]!;
    expect(p.linearPredictor).toBeCloseTo(eta, 12);
  });

  it("codes unseen levels as all zeros (like the reference) and lists them", () => {
    const lead = (industry: string): Lead => ({
      id: industry,
      createdAt: 0,
      channel: "ads",
      properties: { seniority: 1, webVisits: 0, revenueM: 1, industry },
    });
    const r = predictLeadScores(model, [lead("mining"), lead("finance")], { contributions: "raw" });
    expect(r.predictions[0]!.unseenLevels).toEqual(["properties.industry"]);
    expect(r.predictions[0]!.contributions[3]!.contribution).toBe(0);
    expect(r.predictions[0]!.probability).toBe(r.predictions[1]!.probability);
    expect(r.predictions[1]!.unseenLevels).toEqual([]);
    expect(r.leadsWithUnseenLevels).toBe(1);
  });

  it("handles ids such as __proto__, empty input and does not mutate inputs", () => {
    const frozen = deepFreeze(structuredClone(fixture.leads.slice(0, 2).map((l, i) => ({ ...l, id: i === 0 ? "__proto__" : "constructor" }))));
    const r = predictLeadScores(deepFreeze(structuredClone(model)), frozen);
    expect(r.predictions.map((p) => p.leadId)).toEqual(["__proto__", "constructor"]);
    expect(predictLeadScores(model, [])).toMatchObject({ n: 0, predictions: [] });
  });

  it("rejects a bad model, bad leads and bad options", () => {
    const lead = fixture.leads[0]!;
    expect(failure(() => predictLeadScores({} as LeadScoringModel, [lead]))).toBe("INVALID_INPUT model");
    expect(
      failure(() => predictLeadScores({ ...model, params: { intercept: 0, coefficients: [1] } }, [lead])),
    ).toBe("INVALID_INPUT model");
    expect(failure(() => predictLeadScores(model, [{ ...lead, properties: { ...lead.properties, seniority: "3" } }]))).toBe(
      "INVALID_INPUT leads[0].properties.seniority",
    );
    expect(failure(() => predictLeadScores(model, [{ ...lead, channel: { x: 1 } as never }]))).toBe("INVALID_INPUT leads[0].channel");
    expect(failure(() => predictLeadScores(model, [{ ...lead, id: undefined as never }]))).toBe("INVALID_INPUT leads[0].id");
    expect(failure(() => predictLeadScores(model, [lead], { contributions: "shap" as "raw" }))).toBe(
      "INVALID_OPTION options.contributions",
    );
  });

  it("keeps the exact-sum law and probabilities in (0, 1) for any lead (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 50 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.constantFrom("finance", "health", "retail", "software", "other"),
        fc.option(fc.constantFrom("ads", "organic", "referral", "tv"), { nil: undefined }),
        fc.constantFrom("centered", "raw"),
        (seniority, webVisits, revenueM, industry, channel, mode) => {
          const lead: Lead = { id: "p", createdAt: 0, properties: { seniority, webVisits, revenueM, industry }, ...(channel ? { channel } : {}) };
          const p = predictLeadScores(model, [lead], { contributions: mode as "raw" }).predictions[0]!;
          expect(p.contributions.reduce((s, c) => s + c.contribution, p.baseline) === p.linearPredictor).toBe(true);
          expect(p.probability).toBeGreaterThanOrEqual(0);
          expect(p.probability).toBeLessThanOrEqual(1);
          expect(p.score).toBeGreaterThanOrEqual(1);
          expect(p.score).toBeLessThanOrEqual(99);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
