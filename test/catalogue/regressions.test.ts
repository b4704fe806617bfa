/** The bugs the bad-input catalogue found, each pinned by a direct test of the fix. */
import { describe, expect, it } from "vitest";
import {
  conditionalExpectedSpend,
  createSatisfactionAccumulator,
  fitBgNbd,
  fitGammaGamma,
  formulaClv,
  generateLeads,
  sbgSurvival,
  simulateClv,
} from "../../src/index.js";
import { expectCrmError } from "../support/errors.js";
import { BASES } from "./cases.js";

describe("fixes found by the catalogue", () => {
  it("generateLeads and simulateClv reject a count above 10,000,000 instead of running out of memory", () => {
    const e = expectCrmError(() => generateLeads({ n: 1e308 }), "INVALID_OPTION", "options.n");
    expect(e.message).toBe("generateLeads: options.n must be at most 10000000, got 1e+308");
    expectCrmError(() => simulateClv({ customers: 10_000_001 }), "INVALID_OPTION", "options.customers");
    expect(generateLeads({ n: 2, seed: 1 }).leads).toHaveLength(2);
  });

  it("createSatisfactionAccumulator's addAll and merge reject a non-iterable or null instead of a TypeError", () => {
    const acc = createSatisfactionAccumulator({ metric: "nps" });
    const e = expectCrmError(() => acc.addAll(null as never), "INVALID_INPUT", "input");
    expect(e.message).toBe("createSatisfactionAccumulator: input must be an array or iterable of responses, got null");
    expectCrmError(() => acc.addAll(42 as never), "INVALID_INPUT", "input");
    expectCrmError(() => acc.addAll("910" as never), "INVALID_INPUT", "input");
    expectCrmError(() => acc.merge(null as never), "INVALID_INPUT", "other");
    expect(acc.addAll(new Set([10, 9, 3])).result().score).toBeCloseTo(33.33, 2);
  });

  it("formulaClv throws instead of returning Infinity when the CLV overflows", () => {
    const e = expectCrmError(() => formulaClv({ revenuePerPeriod: 1e308, churnRate: 0.05 }), "INVALID_INPUT", "input.revenuePerPeriod");
    expect(e.message).toBe("formulaClv: input.revenuePerPeriod must be small enough for the CLV to be a finite number, got 1e+308");
    expect(formulaClv({ revenuePerPeriod: 1e300, churnRate: 0.5 }).clv).toBeCloseTo(2e300, -290);
  });

  it("conditionalExpectedSpend gives the customer's own mean for a huge frequency instead of NaN", () => {
    const gg = { model: "gamma-gamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } } as never;
    expect(conditionalExpectedSpend(gg, { frequency: 1e308, monetaryValue: 22.35 })).toBeCloseTo(22.35, 10);
    // The published worked example (Fader & Hardie 2013) is unchanged.
    expect(conditionalExpectedSpend(gg, { frequency: 2, monetaryValue: 22.35 })).toBeCloseTo(24.66, 2);
    expect(conditionalExpectedSpend(gg, { frequency: 0, monetaryValue: 0 })).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
  });

  it("sbgSurvival stays a probability for huge parameters instead of NaN", () => {
    const model = (alpha: number, beta: number) => ({ model: "shifted-beta-geometric", params: { alpha, beta } }) as never;
    expect(sbgSurvival(model(1e308, 1.182), 3)).toBeCloseTo(0, 12);
    expect(sbgSurvival(model(0.704, 1e308), 3)).toBeCloseTo(1, 12);
    expect(sbgSurvival(model(1e16, 1e16), 2)).toBeCloseTo(0.25, 10);
    // Fader & Hardie (2007) "regular" customers: S(1) = 0.6267.
    expect(sbgSurvival(model(0.704, 1.182), 1)).toBeCloseTo(0.6267, 4);
  });

  it("BG/NBD and Gamma-Gamma fits are identical whatever the order of the customers", () => {
    const histories = [...(BASES.histories() as { frequency: number; recency: number; T: number }[]), { frequency: 3, recency: 12, T: 25 }];
    expect(fitBgNbd([...histories].reverse())).toEqual(fitBgNbd(histories));
    const spend = BASES.spendHistories() as { frequency: number; monetaryValue: number }[];
    const a = fitGammaGamma(spend);
    const b = fitGammaGamma([...spend].reverse());
    expect(b.params).toEqual(a.params);
    expect(b.logLikelihood).toBe(a.logLikelihood);
  });
});
