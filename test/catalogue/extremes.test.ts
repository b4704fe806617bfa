/**
 * Numerical extremes: the models and statistics give finite, sensible answers on
 * degenerate and extreme data, and a fit that cannot be identified or did not converge says
 * so (`converged: false`, or standard errors `null` where the Hessian is singular, as
 * docs/metrics/clv.md documents).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ces,
  compareNps,
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  csat,
  customerLifetimeValue,
  expectedPurchases,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitLeadScoringModel,
  fitMbgNbd,
  fitParetoNbd,
  fitShiftedBetaGeometric,
  kaplanMeier,
  nps,
  probabilityAlive,
  probabilityOfPurchases,
  sbgExpectedResidualLifetime,
  sbgSurvival,
  type PurchaseHistory,
} from "../../src/index.js";
import { numRuns } from "../support/fastCheck.js";
import { BASES } from "./cases.js";
import { assertFiniteOrNull } from "./outcome.js";

const histories = BASES.histories() as PurchaseHistory[];
const spend = BASES.spendHistories() as { frequency: number; monetaryValue: number }[];
const bg = BASES.purchaseModel() as never;
const gg = { model: "gamma-gamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } } as never;

/** A shape parameter of the fit lies outside 1e-6..1e6: the fit ran off to a limit of the model. */
function atShapeLimit(params: Record<string, number>, shapes: readonly string[]): boolean {
  return shapes.some((name) => !(params[name]! >= 1e-6 && params[name]! <= 1e6));
}

describe("extremes: continuous-time purchase models", () => {
  const fits = { fitBgNbd, fitMbgNbd, fitParetoNbd } as const;
  const one = [{ frequency: 2, recency: 20, T: 30 }];
  const identical = Array.from({ length: 50 }, () => ({ frequency: 2, recency: 20, T: 30 }));

  for (const [name, fit] of Object.entries(fits)) {
    it(`${name}: 50 customers with 3 repeat purchases each run off to a limit of the model: converged is false, and throwOnNotConverged names the parameters`, () => {
      const alike = Array.from({ length: 50 }, () => ({ frequency: 3, recency: 20, T: 30 }));
      const model = fit(alike);
      assertFiniteOrNull(model);
      expect(model.converged).toBe(false);
      if (name === "fitParetoNbd") {
        // Pareto/NBD stops short of the limit (r ~ 1.5e5, s ~ 1.2e-6) without meeting its tolerance.
        expect(() => fit(alike, { throwOnNotConverged: true })).toThrow(expect.objectContaining({ code: "NOT_CONVERGED" }));
        return;
      }
      expect(atShapeLimit(model.params as never, ["r", "a", "b"])).toBe(true);
      expect(() => fit(alike, { throwOnNotConverged: true })).toThrow(
        expect.objectContaining({ code: "NOT_CONVERGED", message: expect.stringMatching(new RegExp(`^${name}: the estimate ran off to a limit of the model \\(r = [0-9.e+]+, `)) }),
      );
    });

    it(`${name}: one customer, and 50 identical customers, give finite parameters, flag the degenerate fit, and predict the observed rate`, () => {
      for (const data of [one, identical]) {
        const model = fit(data);
        assertFiniteOrNull(model);
        expect(model.converged).toBe(false);
        // Two repeat purchases in 30 periods: about 2 more in the next 30 while alive.
        const expected = conditionalExpectedPurchases(model, data[0]!, 30);
        expect(expected).toBeGreaterThan(0.5);
        expect(expected).toBeLessThan(3);
        const alive = probabilityAlive(model, data[0]!);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
      }
    });

    it(`${name}: a customer with frequency 10,000 gives a finite fit and predictions`, () => {
      const data = [...histories, { frequency: 10_000, recency: 29.9, T: 30 }];
      const model = fit(data);
      assertFiniteOrNull(model);
      const heavy = conditionalExpectedPurchases(model, data[data.length - 1]!, 30);
      expect(Number.isFinite(heavy)).toBe(true);
      expect(heavy).toBeGreaterThanOrEqual(0);
      expect(probabilityAlive(model, data[0]!)).toBeLessThanOrEqual(1);
    });
  }

  it("predictions stay finite for frequency 10,000 and horizons of a million periods", () => {
    const heavy = { frequency: 10_000, recency: 38, T: 38 };
    expect(probabilityAlive(bg, heavy)).toBeCloseTo(0.9999, 3);
    // Buying ~263 per period and almost surely alive: thousands over a year.
    expect(conditionalExpectedPurchases(bg, heavy, 52)).toBeGreaterThan(5000);
    expect(probabilityOfPurchases(bg, 10_000, 52)).toBeGreaterThanOrEqual(0);
    expect(expectedPurchases(bg, 1e6)).toBeGreaterThan(expectedPurchases(bg, 1e5));
    expect(Number.isFinite(expectedPurchases(bg, 1e6))).toBe(true);
  });
});

describe("extremes: discrete-time and spend models", () => {
  it("fitBgBb: one customer and identical customers give finite parameters and say they did not converge", () => {
    for (const data of [[{ frequency: 2, recency: 4, periods: 6 }], Array.from({ length: 30 }, () => ({ frequency: 2, recency: 4, periods: 6 }))]) {
      const model = fitBgBb(data);
      assertFiniteOrNull(model);
      expect(model.converged).toBe(false);
    }
  });

  it("fitGammaGamma: one customer and identical customers give finite parameters and say they did not converge", () => {
    const single = fitGammaGamma([{ frequency: 2, monetaryValue: 20 }]);
    assertFiniteOrNull(single);
    expect(single.converged).toBe(false);
    // One customer does not identify the model: its prediction is finite but not to be used (converged: false).
    expect(Number.isFinite(conditionalExpectedSpend(single, { frequency: 2, monetaryValue: 20 }))).toBe(true);
    const identical = fitGammaGamma(Array.from({ length: 30 }, () => ({ frequency: 2, monetaryValue: 20 })));
    assertFiniteOrNull(identical);
    expect(identical.converged).toBe(false);
    expect(atShapeLimit(identical.params as never, ["p", "q"])).toBe(true);
    expect(conditionalExpectedSpend(identical, { frequency: 2, monetaryValue: 20 })).toBeCloseTo(20, 0);
  });

  it("fitGammaGamma: amounts of 1e-6 and 1e12 scale the expected spend by the same factor", () => {
    const base = conditionalExpectedSpend(fitGammaGamma(spend), { frequency: 2, monetaryValue: 22 });
    for (const scale of [1e-6, 1e12]) {
      const model = fitGammaGamma(spend.map((r) => ({ ...r, monetaryValue: r.monetaryValue * scale })));
      assertFiniteOrNull(model);
      const scaled = conditionalExpectedSpend(model, { frequency: 2, monetaryValue: 22 * scale });
      expect(scaled / scale / base).toBeCloseTo(1, 3);
    }
  });

  it("fitGammaGamma: a customer with frequency 10,000 gives a finite fit", () => {
    const model = fitGammaGamma([...spend, { frequency: 10_000, monetaryValue: 30 }]);
    assertFiniteOrNull(model);
    expect(conditionalExpectedSpend(model, { frequency: 10_000, monetaryValue: 30 })).toBeCloseTo(30, 1);
  });

  it("customerLifetimeValue: amounts of 1e-6 and 1e12 and frequency 10,000 give finite, proportional values", () => {
    const result = customerLifetimeValue({
      purchaseModel: bg,
      spendModel: gg,
      customers: [
        { customerId: "tiny", frequency: 2, recency: 30, T: 38, monetaryValue: 1e-6 },
        { customerId: "huge", frequency: 2, recency: 30, T: 38, monetaryValue: 1e12 },
        { customerId: "busy", frequency: 10_000, recency: 38, T: 38, monetaryValue: 20 },
      ],
      horizon: 52,
      step: 4.345,
      discountRate: 0.01,
    });
    assertFiniteOrNull(result);
    const [tiny, huge, busy] = result.customers;
    // A tiny spender's expected spend is pulled to the population mean (p·gamma/(p·x+q-1) share).
    expect(tiny!.clv).toBeGreaterThan(0);
    expect(huge!.expectedSpend / 1e12).toBeCloseTo((6.25 * 2) / (6.25 * 2 + 2.74), 3);
    expect(busy!.expectedSpend).toBeCloseTo(20, 1);
    expect(busy!.clv).toBeGreaterThan(huge!.clv / 1e12);
  });
});

describe("extremes: survival", () => {
  it("fitShiftedBetaGeometric: a cohort that never falls to half gives finite parameters, survival and residual lifetime", () => {
    const model = fitShiftedBetaGeometric([1000, 990, 985, 982, 980, 979, 978]);
    assertFiniteOrNull(model);
    expect(sbgSurvival(model, 100)).toBeGreaterThan(0.5);
    const residual = sbgExpectedResidualLifetime(model, { discountRate: 0.1 });
    expect(residual).not.toBeNull();
    expect(residual!).toBeGreaterThan(5);
    expect(residual!).toBeLessThanOrEqual(11); // at most 1.1 / 0.1 with no churn at all
  });

  it("fitShiftedBetaGeometric: everyone leaving in the first period gives a finite fit with S(1) near 0", () => {
    const model = fitShiftedBetaGeometric([1000, 0, 0]);
    assertFiniteOrNull(model);
    expect(sbgSurvival(model, 1)).toBeLessThan(0.01);
  });

  it("kaplanMeier: a curve that never reaches 0.5 has a null median; one lifetime and all-censored data stay finite", () => {
    const never = kaplanMeier([{ duration: 3, churned: true }, { duration: 5, churned: false }, { duration: 9, churned: false }, { duration: 9, churned: false }]);
    assertFiniteOrNull(never);
    expect(never.median).toBeNull();
    expect(never.points.at(-1)!.survival).toBeCloseTo(0.75, 12);
    const single = kaplanMeier([4]);
    assertFiniteOrNull(single);
    expect(single.median).toBe(4);
    const censored = kaplanMeier([{ duration: 3, churned: false }, { duration: 5, churned: false }]);
    assertFiniteOrNull(censored);
    expect(censored.median).toBeNull();
    expect(censored.points.map((p) => p.survival)).toEqual([1, 1]);
  });
});

describe("extremes: lead scoring", () => {
  it("fitLeadScoringModel on perfectly separable data gives finite coefficients and converged: false", () => {
    const leads = [0, 1, 2, 3, 4, 5, 6, 7].map((v) => ({ id: `l${v}`, createdAt: "2026-01-01", properties: { visits: v } }));
    const model = fitLeadScoringModel(leads, [false, false, false, false, true, true, true, true], {
      features: [{ field: "properties.visits", type: "numeric" }],
    });
    assertFiniteOrNull(model);
    expect(model.converged).toBe(false);
    expect(model.params.coefficients[0]!).toBeGreaterThan(0);
  });
});

describe("extremes: satisfaction statistics", () => {
  it("NPS, CSAT and CES of a single answer have finite intervals inside their scales", () => {
    const one = nps([10]);
    assertFiniteOrNull(one);
    expect(one.score).toBe(100);
    expect(one.confidenceInterval!.lower).toBeGreaterThanOrEqual(-100);
    expect(one.confidenceInterval!.upper).toBeLessThanOrEqual(100);
    const wald = nps([10], { method: "wald" });
    expect(wald.marginOfError).toBe(0); // the Wald interval collapses at n = 1: why adjusted Wald is the default
    const c = csat([5]);
    assertFiniteOrNull(c);
    expect(c.confidenceInterval!.lower).toBeGreaterThan(0);
    expect(c.confidenceInterval!.upper).toBeLessThanOrEqual(1);
    const e = ces([7]);
    assertFiniteOrNull(e);
    expect(e.standardDeviation).toBeNull();
    expect(compareNps([10], [0]).significant).toBe(false);
  });

  it("all-identical answers give a point score with a non-degenerate interval inside the scale", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 200 }), (score, n) => {
        const r = nps(new Array<number>(n).fill(score));
        assertFiniteOrNull(r);
        expect(r.score).toBe(score >= 9 ? 100 : score <= 6 ? -100 : 0);
        expect(r.confidenceInterval!.lower).toBeGreaterThanOrEqual(-100);
        expect(r.confidenceInterval!.upper).toBeLessThanOrEqual(100);
        expect(r.confidenceInterval!.upper - r.confidenceInterval!.lower).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: numRuns(60) },
    );
    const same = csat([3, 3, 3]);
    expect(same.satisfiedShare).toBe(0);
    expect(same.confidenceInterval!.upper).toBeGreaterThan(0);
  });
});
