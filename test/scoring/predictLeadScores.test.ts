import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitLeadScoringModel, predictLeadScores } from "../../src/index.js";
import type { Lead, LeadScoringFeature, LeadScoringModel, LeadScoringModelSpec } from "../../src/index.js";
import { messageOf } from "../support/errors.js";
import { deepFreeze, failure } from "./helpers.js";

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "scoring_logit.json"), "utf8")) as {
  features: LeadScoringFeature[];
  leads: Lead[];
  outcomes: boolean[];
  probabilities: number[];
};
// Fitted inside the tests that use it (not at import), so that a fitting error fails those tests.
let fitted: LeadScoringModel | undefined;
const fixtureModel = (): LeadScoringModel => (fitted ??= fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features }));

describe("predictLeadScores", () => {
  it("reproduces statsmodels' fitted probabilities", () => {
    const model = fixtureModel();
    const r = predictLeadScores(model, fixture.leads);
    expect(r.n).toBe(400);
    r.predictions.forEach((p, i) => expect(Math.abs(p.probability - fixture.probabilities[i]!)).toBeLessThan(1e-9));
    expect(r.leadsWithUnseenLevels).toBe(0);
    expect(r.contributions).toBe("centered");
  });

  it("returns contributions that sum exactly to the linear predictor, in both modes", () => {
    const model = fixtureModel();
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
    const model = fixtureModel();
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
    const model = fixtureModel();
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
    const model = fixtureModel();
    const frozen = deepFreeze(structuredClone(fixture.leads.slice(0, 2).map((l, i) => ({ ...l, id: i === 0 ? "__proto__" : "constructor" }))));
    const r = predictLeadScores(deepFreeze(structuredClone(model)), frozen);
    expect(r.predictions.map((p) => p.leadId)).toEqual(["__proto__", "constructor"]);
    expect(predictLeadScores(model, [])).toMatchObject({ n: 0, predictions: [] });
  });

  it("rejects a bad model, bad leads and bad options", () => {
    const model = fixtureModel();
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

  // The model of the documented example: log-odds −1 + 0.5 · visits.
  const handWritten: LeadScoringModelSpec = {
    type: "logistic-regression",
    features: [{ field: "properties.visits", type: "numeric", levels: [], reference: null, center: 2, scale: 1 }],
    terms: [{ name: "properties.visits", feature: 0, level: null, mean: 2 }],
    params: { intercept: -1, coefficients: [0.5] },
  };
  const visitor: Lead = { id: "a", createdAt: 0, properties: { visits: 4, size: 10 } };

  it("rejects a model with any field a fitted model would not have, in the house format", () => {
    const bad = (model: unknown): string => failure(() => predictLeadScores(model as LeadScoringModelSpec, [visitor]));
    expect(predictLeadScores(handWritten, [visitor]).predictions[0]!.linearPredictor).toBeCloseTo(1, 12);
    expect(messageOf(() => predictLeadScores(null as unknown as LeadScoringModelSpec, [visitor]))).toBe(
      "predictLeadScores: model must be a model returned by fitLeadScoringModel, got null",
    );
    const term = handWritten.terms[0]!;
    for (const model of [
      { ...handWritten, type: "tree" },
      { ...handWritten, features: {}, terms: [], params: { intercept: 0, coefficients: [] } },
      { ...handWritten, features: {} },
      { ...handWritten, terms: "a" },
      { ...handWritten, params: null },
      { ...handWritten, params: { intercept: Number.NaN, coefficients: [0.5] } },
      { ...handWritten, terms: [term, term], params: { intercept: -1, coefficients: [0.5, Number.NaN] } },
      { ...handWritten, terms: [term, { ...term, mean: Number.NaN }], params: { intercept: -1, coefficients: [0.5, 0.1] } },
      { ...handWritten, terms: [null], params: { intercept: -1, coefficients: [0.5] } },
      { ...handWritten, terms: [{ ...term, feature: "0" }] },
      { ...handWritten, terms: [{ ...term, feature: 5 }] },
      { ...handWritten, terms: [{ ...term, mean: undefined }] },
    ]) {
      expect(bad(model)).toBe("INVALID_INPUT model");
    }
  });

  it("rejects leads that are not records, naming the lead", () => {
    expect(failure(() => predictLeadScores(handWritten, 7 as unknown as Lead[]))).toBe("INVALID_INPUT leads");
    expect(messageOf(() => predictLeadScores(handWritten, [7 as unknown as Lead]))).toBe("predictLeadScores: leads[0] must be an object, got 7");
    expect(failure(() => predictLeadScores(handWritten, [visitor, null as unknown as Lead]))).toBe("INVALID_INPUT leads[1]");
  });

  it("gives a feature without a term a contribution of 0", () => {
    const model: LeadScoringModelSpec = {
      ...handWritten,
      features: [...handWritten.features, { field: "properties.size", type: "numeric", levels: [], reference: null, center: 0, scale: 1 }],
    };
    const p = predictLeadScores(model, [visitor]).predictions[0]!;
    expect(p.contributions[1]).toEqual({ field: "properties.size", value: 10, contribution: 0 });
    // baseline −1 + 0.5 · 2 = 0, visits (4 − 2) · 0.5 = 1
    expect(p.linearPredictor).toBeCloseTo(1, 12);
    expect(p.probability).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(p.score).toBe(73);
  });

  it("scores with a categorical feature that had a single level in training (no term)", () => {
    const leads: Lead[] = [1, 2, 3, 4, 5, 6].map((v, i) => ({ id: i, createdAt: 0, channel: "web", properties: { visits: v } }));
    const m = fitLeadScoringModel(leads, [0, 1, 0, 1, 1, 1], {
      features: [{ field: "channel", type: "categorical" }, { field: "properties.visits", type: "numeric" }],
    });
    expect(m.features[0]).toMatchObject({ levels: ["web"], reference: "web" });
    expect(m.terms.map((t) => t.name)).toEqual(["properties.visits"]);
    const r = predictLeadScores(m, [leads[2]!, { ...leads[2]!, id: "tv", channel: "tv" }]);
    expect(r.predictions[0]!.contributions[0]!.contribution).toBe(0);
    expect(r.predictions[1]!.unseenLevels).toEqual(["channel"]);
    expect(r.predictions[1]!.probability).toBeCloseTo(r.predictions[0]!.probability, 15);
    expect(r.predictions[0]!.linearPredictor).toBeCloseTo(m.params.intercept + 3 * m.params.coefficients[0]!, 12);
  });

  it("never gives a contribution of −0 (a zero value times a negative coefficient)", () => {
    const model = { ...handWritten, params: { intercept: -1, coefficients: [-0.5] } };
    const p = predictLeadScores(model, [{ id: "z", createdAt: 0, properties: { visits: 0 } }], { contributions: "raw" }).predictions[0]!;
    expect(Object.is(p.contributions[0]!.contribution, 0)).toBe(true);
    expect(p.linearPredictor).toBeCloseTo(-1, 12);
  });

  it("keeps the exact-sum law and probabilities in (0, 1) for any lead (property)", () => {
    const model = fixtureModel();
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
