import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitLeadScoringModel, generateLeads, predictLeadScores } from "../../src/index.js";
import type { Lead, LeadScoringFeature } from "../../src/index.js";
import { deepFreeze, failure } from "./helpers.js";

interface LogitFixture {
  features: LeadScoringFeature[];
  leads: Lead[];
  outcomes: boolean[];
  terms: string[];
  intercept: number;
  coefficients: number[];
  interceptStandardError: number;
  standardErrors: number[];
  logLikelihood: number;
  positives: number;
  n: number;
}

const fixture = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "scoring_logit.json"), "utf8"),
) as LogitFixture;

const visits = (values: readonly number[]): Lead[] =>
  values.map((v, i) => ({ id: `l${i}`, createdAt: "2026-01-01", properties: { visits: v } }));
const VISITS: LeadScoringFeature[] = [{ field: "properties.visits", type: "numeric" }];

describe("fitLeadScoringModel", () => {
  it("matches statsmodels Logit coefficients and standard errors to 1e-6", () => {
    const m = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features });
    expect(m.terms.map((t) => t.name.replace("properties.", ""))).toEqual(fixture.terms);
    expect(m.converged).toBe(true);
    expect(Math.abs(m.params.intercept - fixture.intercept)).toBeLessThan(1e-6);
    expect(Math.abs(m.standardErrors!.intercept - fixture.interceptStandardError)).toBeLessThan(1e-6);
    fixture.coefficients.forEach((c, j) => {
      expect(Math.abs(m.params.coefficients[j]! - c)).toBeLessThan(1e-6);
      expect(Math.abs(m.standardErrors!.coefficients[j]! - fixture.standardErrors[j]!)).toBeLessThan(1e-6);
    });
    expect(m.logLikelihood).toBeCloseTo(fixture.logLikelihood, 8);
    // statsmodels prints: const -2.2694 (0.477), x1 0.4101 (0.083), LL -237.82
    expect(m.params.intercept).toBeCloseTo(-2.2694, 4);
    expect(m.params.coefficients[0]!).toBeCloseTo(0.4101, 4);
    expect(m.standardErrors!.intercept).toBeCloseTo(0.477, 3);
    expect(m).toMatchObject({ n: 400, positives: fixture.positives, l2: 0, standardized: true, separation: false });
    expect(m.zValues!.coefficients[0]!).toBeCloseTo(m.params.coefficients[0]! / m.standardErrors!.coefficients[0]!, 12);
    // z = 4.914 -> p = 8.9e-7 (statsmodels prints 0.000)
    expect(m.pValues!.coefficients[0]!).toBeLessThan(1e-5);
    expect(m.features[3]).toEqual({
      field: "properties.industry",
      type: "categorical",
      levels: ["finance", "health", "retail", "software"],
      reference: "finance",
      center: 0,
      scale: 1,
    });
  });

  it("gives the same unpenalised fit without standardisation and with outcomes in a Map", () => {
    const a = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features });
    const b = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features, standardize: false });
    const byId = new Map(fixture.leads.map((l, i) => [String(l.id), fixture.outcomes[i]!]));
    const c = fitLeadScoringModel(fixture.leads, byId, { features: fixture.features });
    for (const m of [b, c]) {
      expect(m.params.intercept).toBeCloseTo(a.params.intercept, 8);
      m.params.coefficients.forEach((v, j) => expect(v).toBeCloseTo(a.params.coefficients[j]!, 8));
      m.standardErrors!.coefficients.forEach((v, j) => expect(v).toBeCloseTo(a.standardErrors!.coefficients[j]!, 8));
    }
    expect(b.features[0]).toMatchObject({ center: 0, scale: 1 });
  });

  it("fits duplicated data to the same coefficients with standard errors divided by √2", () => {
    const a = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features });
    const twice = [...fixture.leads, ...fixture.leads.map((l) => ({ ...l, id: `${l.id}-copy` }))];
    const b = fitLeadScoringModel(twice, [...fixture.outcomes, ...fixture.outcomes], { features: fixture.features });
    expect(b.params.intercept).toBeCloseTo(a.params.intercept, 9);
    b.params.coefficients.forEach((v, j) => expect(v).toBeCloseTo(a.params.coefficients[j]!, 9));
    b.standardErrors!.coefficients.forEach((v, j) => expect(v * Math.SQRT2).toBeCloseTo(a.standardErrors!.coefficients[j]!, 9));
    expect(b.logLikelihood).toBeCloseTo(2 * a.logLikelihood, 8);
    expect(b.n).toBe(800);
  });

  it("hand-checks a one-feature fit: the score equations hold at the estimate", () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = [false, false, true, false, true, false, true, true];
    const m = fitLeadScoringModel(visits(x), y, { features: VISITS });
    const b0 = m.params.intercept;
    const b1 = m.params.coefficients[0]!;
    let g0 = 0;
    let g1 = 0;
    x.forEach((xi, i) => {
      const r = (y[i] ? 1 : 0) - 1 / (1 + Math.exp(-(b0 + b1 * xi)));
      g0 += r;
      g1 += r * xi;
    });
    expect(Math.abs(g0)).toBeLessThan(1e-10);
    expect(Math.abs(g1)).toBeLessThan(1e-10);
    expect(b1).toBeCloseTo(0.5941, 4);
    expect(m.nullLogLikelihood).toBeCloseTo(8 * Math.log(0.5), 12);
  });

  it("puts the L2 penalty on the standardised slopes, not on the intercept", () => {
    const l2 = 3;
    const m = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features, l2 });
    expect(m.converged).toBe(true);
    // Stationarity in the standardised space: Σ (y - p) z_j = λ β̃_j, Σ (y - p) = 0.
    const pred = predictLeadScores(m, fixture.leads, { contributions: "raw" }).predictions;
    const grads = new Array<number>(m.terms.length).fill(0);
    let g0 = 0;
    fixture.leads.forEach((lead, i) => {
      const r = (fixture.outcomes[i] ? 1 : 0) - pred[i]!.probability;
      g0 += r;
      m.terms.forEach((t, j) => {
        const f = m.features[t.feature]!;
        const raw =
          t.level === null
            ? ((lead.properties as Record<string, number>)[f.field.slice(11)]! - f.center) / f.scale
            : pred[i]!.contributions[t.feature]!.value === t.level
              ? 1
              : 0;
        grads[j] = grads[j]! + r * raw;
      });
    });
    expect(Math.abs(g0)).toBeLessThan(1e-8);
    m.terms.forEach((t, j) => {
      const standardised = m.params.coefficients[j]! * m.features[t.feature]!.scale;
      expect(Math.abs(grads[j]! - l2 * standardised)).toBeLessThan(1e-8);
    });
    const unpenalised = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features });
    const norm = (c: readonly number[]): number => c.reduce((s, v) => s + v * v, 0);
    expect(norm(m.params.coefficients)).toBeLessThan(norm(unpenalised.params.coefficients));
    expect(m.logLikelihood).toBeLessThan(unpenalised.logLikelihood);
  });

  it("reports separation with converged: false, or throws NOT_CONVERGED, and fits with a penalty", () => {
    const leads = visits([1, 2, 3, 4, 5, 6]);
    const y = [false, false, false, true, true, true];
    const m = fitLeadScoringModel(leads, y, { features: VISITS });
    expect(m.converged).toBe(false);
    expect(m.separation).toBe(true);
    expect(Number.isFinite(m.params.coefficients[0]!)).toBe(true);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(failure(() => fitLeadScoringModel(leads, y, { features: VISITS, requireConvergence: true }))).toBe(
      "NOT_CONVERGED options.maxIterations",
    );
    const ridge = fitLeadScoringModel(leads, y, { features: VISITS, l2: 1 });
    expect(ridge).toMatchObject({ converged: true, separation: false });
    expect(ridge.params.coefficients[0]!).toBeGreaterThan(0);
    // quasi-complete separation by a level
    const cat: Lead[] = ["a", "a", "b", "b", "b", "c", "c"].map((v, i) => ({ id: i, createdAt: 0, channel: v }));
    const q = fitLeadScoringModel(cat, [false, true, true, true, true, false, true], {
      features: [{ field: "channel", type: "categorical" }],
    });
    expect(q).toMatchObject({ converged: false, separation: true });
  });

  it("codes a missing categorical value as the level (missing) and honours the reference", () => {
    const leads: Lead[] = [
      { id: 1, createdAt: 0, channel: "ads" },
      { id: 2, createdAt: 0, channel: "ads" },
      { id: 3, createdAt: 0 },
      { id: 4, createdAt: 0, channel: "" },
      { id: 5, createdAt: 0, channel: "web" },
      { id: 6, createdAt: 0, channel: "web" },
    ];
    const m = fitLeadScoringModel(leads, [1, 0, 1, 0, 1, 1], {
      features: [{ field: "channel", type: "categorical", reference: "web" }],
      l2: 0.5,
    });
    expect(m.features[0]).toMatchObject({ levels: ["(missing)", "ads", "web"], reference: "web" });
    expect(m.terms.map((t) => t.name)).toEqual(["channel=(missing)", "channel=ads"]);
    expect(m.terms[0]!.mean).toBeCloseTo(2 / 6, 12);
  });

  it("rejects bad options, records and degenerate data", () => {
    const x = visits([1, 2, 3, 4]);
    const y = [true, false, true, false];
    expect(failure(() => fitLeadScoringModel(x, y))).toBe("INVALID_OPTION options.features");
    expect(failure(() => fitLeadScoringModel(x, y, { features: [{ field: "visits", type: "numeric" }] }))).toBe(
      "INVALID_OPTION options.features[0].field",
    );
    expect(failure(() => fitLeadScoringModel(x, y, { features: [{ field: "channel", type: "text" as "numeric" }] }))).toBe(
      "INVALID_OPTION options.features[0].type",
    );
    expect(failure(() => fitLeadScoringModel(x, y, { features: [...VISITS, ...VISITS] }))).toBe(
      "INVALID_OPTION options.features[1].field",
    );
    expect(failure(() => fitLeadScoringModel(x, y, { features: [{ field: "properties.visits", type: "numeric", reference: "x" }] }))).toBe(
      "INVALID_OPTION options.features[0].reference",
    );
    expect(failure(() => fitLeadScoringModel(x, y, { features: [null as unknown as LeadScoringFeature] }))).toBe(
      "INVALID_OPTION options.features[0]",
    );
    expect(failure(() => fitLeadScoringModel(x, y, { features: [{ field: "channel", type: "categorical", reference: "tv" }] }))).toBe(
      "INVALID_OPTION options.features[0].reference",
    );
    expect(failure(() => fitLeadScoringModel(x, y, { features: VISITS, l2: -1 }))).toBe("INVALID_OPTION options.l2");
    expect(failure(() => fitLeadScoringModel(x, y, { features: VISITS, maxIterations: 0 }))).toBe("INVALID_OPTION options.maxIterations");
    expect(failure(() => fitLeadScoringModel(x, y, { features: VISITS, tolerance: 0 }))).toBe("INVALID_OPTION options.tolerance");
    expect(failure(() => fitLeadScoringModel(x, [true, false], { features: VISITS }))).toBe("INVALID_INPUT outcomes");
    expect(failure(() => fitLeadScoringModel(x, [true, false, "yes" as unknown as boolean, false], { features: VISITS }))).toBe(
      "INVALID_INPUT outcomes[2]",
    );
    expect(failure(() => fitLeadScoringModel(x, new Map([["l0", true]]), { features: VISITS }))).toBe(
      'INVALID_INPUT outcomes.get("l1")',
    );
    expect(failure(() => fitLeadScoringModel([...x.slice(0, 3), { ...x[3]!, id: "l0" }], y, { features: VISITS }))).toBe(
      "INVALID_INPUT leads[3].id",
    );
    expect(failure(() => fitLeadScoringModel([...x.slice(0, 3), { id: "z", createdAt: 0 }], y, { features: VISITS }))).toBe(
      "INVALID_INPUT leads[3].properties.visits",
    );
    expect(
      failure(() => fitLeadScoringModel([...x.slice(0, 3), { id: "z", createdAt: 0, properties: { visits: Number.NaN } }], y, { features: VISITS })),
    ).toBe("INVALID_INPUT leads[3].properties.visits");
    expect(failure(() => fitLeadScoringModel([...x.slice(0, 3), 7 as unknown as Lead], y, { features: VISITS }))).toBe(
      "INVALID_INPUT leads[3]",
    );
    expect(failure(() => fitLeadScoringModel(x, [true, true, true, true], { features: VISITS }))).toBe("INSUFFICIENT_DATA outcomes");
    expect(failure(() => fitLeadScoringModel(x, y, { features: VISITS, minPositives: 3 }))).toBe("INSUFFICIENT_DATA outcomes");
    expect(failure(() => fitLeadScoringModel(visits([2, 2, 2, 2]), y, { features: VISITS }))).toBe(
      "INSUFFICIENT_DATA options.features[0]",
    );
    const twin: Lead[] = x.map((l) => ({ ...l, properties: { visits: l.properties!["visits"]!, copy: l.properties!["visits"]! } }));
    expect(
      failure(() => fitLeadScoringModel(twin, y, { features: [...VISITS, { field: "properties.copy", type: "numeric" }] })),
    ).toBe("INSUFFICIENT_DATA options.features");
    expect(failure(() => fitLeadScoringModel([], [], { features: VISITS }))).toBe("INSUFFICIENT_DATA outcomes");
  });

  it("does not mutate its inputs and saves as JSON that predicts the same", () => {
    const leads = deepFreeze(structuredClone(fixture.leads));
    const outcomes = deepFreeze([...fixture.outcomes]);
    const m = fitLeadScoringModel(leads, outcomes, { features: deepFreeze(structuredClone(fixture.features)), l2: 0.1 });
    const restored = JSON.parse(JSON.stringify(m)) as typeof m;
    expect(predictLeadScores(restored, leads.slice(0, 20))).toEqual(predictLeadScores(m, leads.slice(0, 20)));
  });

  it("recovers the true model of generateLeads within four standard errors (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const data = generateLeads({ n: 3000, seed });
        const m = fitLeadScoringModel(data.leads, data.outcomes, { features: data.trueModel.features });
        expect(m.converged).toBe(true);
        expect(Math.abs(m.params.intercept - data.trueModel.intercept)).toBeLessThan(4 * m.standardErrors!.intercept);
        m.terms.forEach((t, j) => {
          const truth = data.trueModel.coefficients[t.name] ?? 0;
          expect(Math.abs(m.params.coefficients[j]! - truth)).toBeLessThan(4 * m.standardErrors!.coefficients[j]!);
        });
      }),
      { seed: 42, numRuns: 3 },
    );
  });

  it("scales a coefficient by 1/c when its feature is multiplied by c (property)", () => {
    const base = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features });
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), (c) => {
        const scaled = fixture.leads.map((l) => ({
          ...l,
          properties: { ...l.properties, revenueM: (l.properties!["revenueM"] as number) * c },
        }));
        const m = fitLeadScoringModel(scaled, fixture.outcomes, { features: fixture.features });
        expect(m.params.coefficients[2]! * c).toBeCloseTo(base.params.coefficients[2]!, 8);
        expect(m.standardErrors!.coefficients[2]! * c).toBeCloseTo(base.standardErrors!.coefficients[2]!, 8);
        expect(m.logLikelihood).toBeCloseTo(base.logLikelihood, 8);
      }),
      { seed: 42, numRuns: 10 },
    );
  });
});
