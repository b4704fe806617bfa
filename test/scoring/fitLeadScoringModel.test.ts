import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitLeadScoringModel, generateLeads, predictLeadScores } from "../../src/index.js";
import type { Lead, LeadScoringFeature } from "../../src/index.js";
import { caughtError, messageOf } from "../support/errors.js";
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

/** Leads with `properties.visits`: `[x, converted, not converted]` leads at each value x. */
const grouped = (rows: readonly (readonly [number, number, number])[]): { leads: Lead[]; outcomes: boolean[] } => {
  const leads: Lead[] = [];
  const outcomes: boolean[] = [];
  for (const [x, yes, no] of rows) {
    for (let k = 0; k < yes + no; k++) {
      leads.push({ id: leads.length, createdAt: 0, properties: { visits: x } });
      outcomes.push(k < yes);
    }
  }
  return { leads, outcomes };
};

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

  it("words its errors as `fitLeadScoringModel: path must be ..., got X`", () => {
    const x = visits([1, 2, 3, 4]);
    const y = [true, false, true, false];
    const fit = (leads: unknown, outcomes: unknown, options: unknown): (() => unknown) =>
      () => fitLeadScoringModel(leads as Lead[], outcomes as boolean[], options as { features: LeadScoringFeature[] });
    const cases: [() => unknown, string][] = [
      [fit(x, [true, false, "yes", false], { features: VISITS }), 'outcomes[2] must be true, false, 1 or 0, got "yes"'],
      [fit(x, new Map([["l0", true]]), { features: VISITS }), 'outcomes.get("l1") must be set for every lead, got undefined'],
      [fit(x, new Map<string, unknown>([["l0", true], ["l1", 2], ["l2", true], ["l3", false]]), { features: VISITS }), 'outcomes.get("l1") must be true, false, 1 or 0, got 2'],
      [fit(x, [true, false], { features: VISITS }), 'outcomes must have one outcome per lead (4), got "2 outcomes"'],
      [fit(x, y, { features: [] }), "options.features must list at least one feature, got an array"],
      [fit(x, y, { features: 7 }), "options.features must be an array of { field, type }, got 7"],
      [fit(x, y, { features: "channel" }), 'options.features must be an array of { field, type }, got "channel"'],
      [fit(x, y, { features: {} }), "options.features must be an array of { field, type }, got an object"],
      [fit(x, y, {}), "options.features must list at least one feature, got undefined"],
      [
        fit(x.map((l, i) => ({ ...l, channel: i < 2 ? "web" : "ads" })), y, { features: [{ field: "channel", type: "categorical", reference: "tv" }] }),
        'options.features[0].reference must be a level seen in the training data (ads, web), got "tv"',
      ],
      [fit(x, y, { features: [null] }), "options.features[0] must be an object { field, type }, got null"],
      [fit(x, y, { features: [{ field: "visits", type: "numeric" }] }), 'options.features[0].field must be "channel", "status" or "properties.<name>", got "visits"'],
      [fit(x, y, { features: [...VISITS, ...VISITS] }), 'options.features[1].field must be unique among features, got "properties.visits"'],
      [fit(x, y, { features: [{ field: "channel", type: "text" }] }), 'options.features[0].type must be "numeric" or "categorical", got "text"'],
      [fit(x, y, { features: [{ field: "properties.visits", type: "numeric", reference: "x" }] }), 'options.features[0].reference must be a level (string) of a categorical feature, got "x"'],
      [fit(x, y, { features: [{ field: "channel", type: "categorical", reference: 3 }] }), "options.features[0].reference must be a level (string) of a categorical feature, got 3"],
      [fit(x, y, { features: [{ field: "channel", type: "categorical", reference: "tv" }] }), 'options.features[0].reference must be a level seen in the training data ((missing)), got "tv"'],
      [fit([...x.slice(0, 3), 7], y, { features: VISITS }), "leads[3] must be an object, got 7"],
      [fit([...x.slice(0, 3), { ...x[3]!, id: "l0" }], y, { features: VISITS }), 'leads[3].id must be unique among leads, got "l0"'],
      [fit(x, [false, false, false, false], { features: VISITS }), "outcomes must have at least 1 converted and 1 not-converted leads, got 0 and 4"],
      [fit(x, y, { features: VISITS, minPositives: 3 }), "outcomes must have at least 3 converted and 3 not-converted leads, got 2 and 2"],
      [fit(visits([2, 2, 2, 2]), y, { features: VISITS }), "properties.visits is constant in the training data, got 2"],
      [fit(x, y, { features: VISITS, standardize: "yes" }), 'options.standardize must be true or false, got "yes"'],
      [fit(x, y, { features: VISITS, requireConvergence: 1 }), "options.requireConvergence must be true or false, got 1"],
      [fit(x, y, { features: VISITS, maxIterations: 2.5 }), "options.maxIterations must be an integer >= 1, got 2.5"],
      [fit(x, y, { features: VISITS, minPositives: 1.5 }), "options.minPositives must be an integer >= 1, got 1.5"],
      [fit(x, y, { features: VISITS, minPositives: 0 }), "options.minPositives must be an integer >= 1, got 0"],
    ];
    for (const [f, message] of cases) expect(messageOf(f)).toBe(`fitLeadScoringModel: ${message}`);
    expect(failure(fit(x, y, { features: null }))).toBe("INVALID_OPTION options.features");
    expect(failure(fit(x, 7, { features: VISITS }))).toBe("INVALID_INPUT outcomes");
    expect(failure(fit(7, y, { features: VISITS }))).toBe("INVALID_INPUT leads");
    expect(failure(fit([...x.slice(0, 3), { ...x[3]!, id: {} }], y, { features: VISITS }))).toBe("INVALID_INPUT leads[3].id");
    const twin: Lead[] = x.map((l) => ({ ...l, properties: { visits: l.properties!["visits"]!, copy: l.properties!["visits"]! } }));
    expect(messageOf(fit(twin, y, { features: [...VISITS, { field: "properties.copy", type: "numeric" }] }))).toBe(
      "fitLeadScoringModel: the design matrix is singular (collinear features or an empty level); drop a feature or set options.l2 > 0, got 3 columns",
    );
    const separated = fit(visits([1, 2, 3, 4, 5, 6]), [false, false, false, true, true, true], { features: VISITS, requireConvergence: true });
    expect(messageOf(separated)).toMatch(
      /^fitLeadScoringModel: the fit did not converge in \d+ iterations \(the outcomes are separated by the features; set options.l2 > 0\), got step \d/,
    );
    const e = caughtError(fit(fixture.leads, fixture.outcomes, { features: fixture.features, maxIterations: 2, requireConvergence: true }));
    expect(e).toMatchObject({ code: "NOT_CONVERGED", path: "options.maxIterations" });
    expect(e.message).toMatch(/^fitLeadScoringModel: the fit did not converge in 2 iterations, got step \d/);
  });

  it("accepts exactly minPositives converted and not-converted leads", () => {
    const m = fitLeadScoringModel(visits([1, 2, 3, 4]), [true, false, false, true], { features: VISITS, minPositives: 2 });
    expect(m).toMatchObject({ n: 4, positives: 2 });
    expect(m.converged).toBe(true);
  });

  it("standardises a numeric feature by its mean and its standard deviation with divisor n", () => {
    const m = fitLeadScoringModel(visits([0, 1, 2, 3, 4, 5, 6, 7]), [false, false, true, false, true, false, true, true], { features: VISITS });
    // mean 3.5, Σ(x − 3.5)² = 42, sd = √(42 / 8)
    expect(m.features[0]).toMatchObject({ field: "properties.visits", type: "numeric", levels: [], reference: null, center: 3.5 });
    expect(m.features[0]!.scale).toBeCloseTo(Math.sqrt(5.25), 14);
    expect(m.terms).toEqual([{ name: "properties.visits", feature: 0, level: null, mean: 3.5 }]);
  });

  it("gives two-sided p-values 2·(1 − Φ(|z|)) for the intercept and each coefficient", () => {
    const m = fitLeadScoringModel(visits([0, 1, 2, 3, 4, 5, 6, 7]), [false, false, true, false, true, false, true, true], { features: VISITS });
    expect(m.zValues!.coefficients).toHaveLength(1);
    expect(m.pValues!.coefficients).toHaveLength(1);
    expect(m.zValues!.coefficients[0]!).toBeCloseTo(1.3744266821, 8);
    expect(m.zValues!.intercept).toBeCloseTo(-1.1999168256, 8);
    // erfc(|z| / √2) by Python's math.erfc
    expect(m.pValues!.coefficients[0]!).toBeCloseTo(0.16930925736845387, 12);
    expect(m.pValues!.intercept).toBeCloseTo(0.23017164468345475, 12);
  });

  it("starts from the intercept-only model: a feature with no association converges in one step", () => {
    // at x = 0 and at x = 1 half the leads converted: β₀ = β₁ = 0 is the estimate and the start
    const m = fitLeadScoringModel(visits([0, 1, 0, 1]), [true, true, false, false], { features: VISITS });
    expect(m).toMatchObject({ converged: true, iterations: 1, separation: false });
    expect(m.params.intercept).toBeCloseTo(0, 14);
    expect(m.params.coefficients[0]!).toBeCloseTo(0, 14);
    expect(m.logLikelihood).toBeCloseTo(4 * Math.log(0.5), 14);
    expect(m.nullLogLikelihood).toBeCloseTo(4 * Math.log(0.5), 14);
  });

  it("stops after maxIterations without converging, and without calling that separation", () => {
    const m = fitLeadScoringModel(fixture.leads, fixture.outcomes, { features: fixture.features, maxIterations: 2 });
    expect(m).toMatchObject({ converged: false, iterations: 2, separation: false });
    expect(m.standardErrors).not.toBeNull();
  });

  it("has converged once the largest Newton step is at most the tolerance", () => {
    const leads = visits([0, 1, 2, 3, 4, 5, 6, 7]);
    const y = [false, false, true, false, true, false, true, true];
    const message = messageOf(() => fitLeadScoringModel(leads, y, { features: VISITS, maxIterations: 1, requireConvergence: true }));
    const step = Number(/got step (\S+)$/.exec(message)![1]);
    expect(step).toBeGreaterThan(0);
    expect(fitLeadScoringModel(leads, y, { features: VISITS, maxIterations: 1, tolerance: step }).converged).toBe(true);
    expect(fitLeadScoringModel(leads, y, { features: VISITS, maxIterations: 1, tolerance: step * (1 - 1e-12) }).converged).toBe(false);
  });

  it("halves Newton steps that overshoot: 1 of 2 converted at 0 visits, 100 of 101 at 100", () => {
    // The estimate fits both groups exactly: β₀ = logit(1/2) = 0, β₁ = logit(100/101) / 100 = ln(100) / 100.
    const { leads, outcomes } = grouped([[0, 1, 1], [100, 100, 1]]);
    for (const standardize of [true, false]) {
      const m = fitLeadScoringModel(leads, outcomes, { features: VISITS, standardize });
      expect(m).toMatchObject({ converged: true, separation: false });
      expect(m.params.intercept).toBeCloseTo(0, 10);
      expect(m.params.coefficients[0]!).toBeCloseTo(Math.log(100) / 100, 12);
      expect(m.logLikelihood).toBeCloseTo(2 * Math.log(0.5) + 100 * Math.log(100 / 101) + Math.log(1 / 101), 10);
    }
    // penalised (raw scale): the steps are halved on logL − λ/2 β₁², and the estimate solves
    // Σ (y − p) = 0 and Σ (y − p) x = λ β₁
    const l2 = 0.01;
    const m = fitLeadScoringModel(leads, outcomes, { features: VISITS, standardize: false, l2 });
    expect(m.converged).toBe(true);
    const p = (x: number): number => 1 / (1 + Math.exp(-(m.params.intercept + m.params.coefficients[0]! * x)));
    expect(Math.abs(1 - 2 * p(0) + 100 - 101 * p(100))).toBeLessThan(1e-9);
    expect(Math.abs(100 * (100 - 101 * p(100)) - l2 * m.params.coefficients[0]!)).toBeLessThan(1e-9);
    expect(m.params.coefficients[0]!).toBeLessThan(Math.log(100) / 100);
  });

  it("converges under a strong penalty, judging steps by the penalised objective", () => {
    // 1 of 2 converted at 0 visits, 100 of 101 at 10; λ = 10 and 100 on the standardised slope β̃ = β·s:
    // Σ (y − p) = 0 and Σ (y − p) x = λ β s²
    const { leads, outcomes } = grouped([[0, 1, 1], [10, 100, 1]]);
    for (const l2 of [10, 100]) {
      const m = fitLeadScoringModel(leads, outcomes, { features: VISITS, l2 });
      expect(m.converged).toBe(true);
      expect(m.iterations).toBeLessThan(10);
      const s = m.features[0]!.scale;
      const p = (x: number): number => 1 / (1 + Math.exp(-(m.params.intercept + m.params.coefficients[0]! * x)));
      expect(Math.abs(1 - 2 * p(0) + 100 - 101 * p(10))).toBeLessThan(1e-9);
      expect(Math.abs(10 * (100 - 101 * p(10)) - l2 * m.params.coefficients[0]! * s * s)).toBeLessThan(1e-9);
    }
  });

  it("fits a lead far out on a feature (log-odds beyond 30) without calling it separation", () => {
    // 1 of 2 converted at 0 visits and 2 of 3 at 1 fix β₀ = 0, β₁ = ln 2; the converted lead at
    // 50 (or 1000) visits is fitted at log-odds 50 ln 2 ≈ 34.7 (693) and hardly moves them.
    for (const far of [40, 50, 1000]) {
      const { leads, outcomes } = grouped([[0, 1, 1], [1, 2, 1], [far, 1, 0]]);
      const m = fitLeadScoringModel(leads, outcomes, { features: VISITS, requireConvergence: true });
      expect(m).toMatchObject({ converged: true, separation: false });
      // (the far lead's score term σ(−η)·x, about 1e-10 at 40 visits, moves them that much)
      expect(m.params.intercept).toBeCloseTo(0, 8);
      expect(m.params.coefficients[0]!).toBeCloseTo(Math.LN2, 8);
      expect(m.logLikelihood).toBeCloseTo(2 * Math.log(0.5) + 2 * Math.log(2 / 3) + Math.log(1 / 3), 10);
    }
  });

  it("keeps the log-likelihood finite when a penalised fit puts a lead at log-odds in the tens of thousands", () => {
    const { leads, outcomes } = grouped([[0, 1, 1], [1, 2, 1], [100_000, 1, 0]]);
    const m = fitLeadScoringModel(leads, outcomes, { features: VISITS, l2: 0.01, standardize: false });
    expect(m.converged).toBe(true);
    const eta = m.params.intercept + 100_000 * m.params.coefficients[0]!;
    expect(eta).toBeGreaterThan(1000);
    // the far lead adds log σ(η) = 0; the others are fitted as by hand from the estimate
    const ll = [0, 1].reduce((s, x, k) => {
      const p = 1 / (1 + Math.exp(-(m.params.intercept + x * m.params.coefficients[0]!)));
      return s + (k === 0 ? Math.log(p) + Math.log(1 - p) : 2 * Math.log(p) + Math.log(1 - p));
    }, 0);
    expect(m.logLikelihood).toBeCloseTo(ll, 10);
  });

  it("groups leads by their exact feature values (1 and 23 is not 12 and 3)", () => {
    const a = [1, 12, 2, 5, 7, 3, 9, 4, 6, 8];
    const b = [23, 3, 8, 1, 6, 2, 5, 7, 4, 9];
    const y = [1, 0, 0, 1, 1, 0, 1, 0, 1, 1];
    const leads: Lead[] = a.map((v, i) => ({ id: i, createdAt: 0, properties: { a: v, b: b[i]! } }));
    const m = fitLeadScoringModel(leads, y, {
      features: [{ field: "properties.a", type: "numeric" }, { field: "properties.b", type: "numeric" }],
    });
    expect(m.converged).toBe(true);
    // the score equations Σ (y − p) = Σ (y − p) a = Σ (y − p) b = 0 hold lead by lead
    let g0 = 0;
    let ga = 0;
    let gb = 0;
    a.forEach((ai, i) => {
      const r = y[i]! - 1 / (1 + Math.exp(-(m.params.intercept + m.params.coefficients[0]! * ai + m.params.coefficients[1]! * b[i]!)));
      g0 += r;
      ga += r * ai;
      gb += r * b[i]!;
    });
    for (const v of [g0, ga, gb]) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it("gives no standard errors when collinear columns are fitted with a penalty", () => {
    const x = visits([1, 2, 3, 4]);
    const twin: Lead[] = x.map((l) => ({ ...l, properties: { visits: l.properties!["visits"]!, copy: l.properties!["visits"]! } }));
    const features: LeadScoringFeature[] = [...VISITS, { field: "properties.copy", type: "numeric" }];
    const m = fitLeadScoringModel(twin, [true, false, false, true], { features, l2: 1 });
    expect(m).toMatchObject({ converged: true, standardErrors: null, zValues: null, pValues: null });
    // the penalty splits the slope equally between the twins
    expect(m.params.coefficients[0]!).toBeCloseTo(m.params.coefficients[1]!, 12);
    // a penalty too small to change the information leaves them unfitted, without an error
    const tiny = fitLeadScoringModel(twin, [true, false, false, true], { features, l2: 1e-300 });
    expect(tiny).toMatchObject({ converged: false, iterations: 1, separation: false, standardErrors: null });
  });

  it("sorts many levels in code-unit order whatever order they come in", () => {
    const names = Array.from({ length: 40 }, (_, k) => `L${String(k).padStart(2, "0")}`);
    const leads: Lead[] = [];
    const y: boolean[] = [];
    for (const name of [...names].reverse()) {
      for (const converted of [true, false]) {
        leads.push({ id: leads.length, createdAt: 0, channel: name });
        y.push(converted);
      }
    }
    const m = fitLeadScoringModel(leads, y, { features: [{ field: "channel", type: "categorical" }], l2: 1 });
    expect(m.features[0]!.levels).toEqual(names);
    expect(m.features[0]!.reference).toBe("L00");
    expect(m.terms.map((t) => t.level)).toEqual(names.slice(1));
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
