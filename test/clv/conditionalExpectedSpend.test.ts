import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionalExpectedSpend } from "../../src/clv/conditionalExpectedSpend.js";
import { fitGammaGamma } from "../../src/clv/fitGammaGamma.js";
import { cdnowSummary, deepFreeze, errorOf } from "./data.js";
import { BG, GG } from "./models.js";

describe("conditionalExpectedSpend", () => {
  it("is (p gamma + p x m) / (p x + q - 1)", () => {
    const { p, q, gamma } = GG.params;
    expect(conditionalExpectedSpend(GG, deepFreeze({ frequency: 2, monetaryValue: 22.35 }))).toBeCloseTo((p * gamma + p * 2 * 22.35) / (p * 2 + q - 1), 12);
  });

  it("gives the population mean p gamma / (q - 1) without repeat purchases", () => {
    const { p, q, gamma } = GG.params;
    expect(conditionalExpectedSpend(GG, { frequency: 0, monetaryValue: 0 })).toBeCloseTo((p * gamma) / (q - 1), 12);
  });

  it("gives the CDNOW population mean spend: 35.22 at the published parameters, 35.17 at full precision", () => {
    expect(conditionalExpectedSpend(GG, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(35.22, 2);
    const fit = fitGammaGamma(cdnowSummary(), { excludeNonRepeat: true });
    expect(conditionalExpectedSpend(fit, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(35.17, 2);
  });

  it("lies between the population mean and the customer's own mean", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 10000, noNaN: true }), (x, m) => {
        const e = conditionalExpectedSpend(GG, { frequency: x, monetaryValue: m });
        const pop = conditionalExpectedSpend(GG, { frequency: 0, monetaryValue: 0 });
        return e >= Math.min(pop, m) - 1e-9 && e <= Math.max(pop, m) + 1e-9;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("refuses a population mean when q <= 1", () => {
    const bad = { ...GG, params: { ...GG.params, q: 0.8 } };
    expect(errorOf(() => conditionalExpectedSpend(bad, { frequency: 0, monetaryValue: 0 }))).toMatchObject({ code: "INVALID_INPUT", path: "spendModel.params.q" });
    expect(conditionalExpectedSpend(bad, { frequency: 3, monetaryValue: 10 })).toBeGreaterThan(0);
  });

  it("validates the model and the record", () => {
    expect(errorOf(() => conditionalExpectedSpend(BG as never, { frequency: 1, monetaryValue: 1 }))).toMatchObject({ path: "spendModel.model" });
    expect(errorOf(() => conditionalExpectedSpend(GG, { frequency: 1, monetaryValue: -5 }))).toMatchObject({ path: "customer.monetaryValue" });
    expect(errorOf(() => conditionalExpectedSpend(GG, { frequency: 1.2, monetaryValue: 5 }))).toMatchObject({ path: "customer.frequency" });
    expect(errorOf(() => conditionalExpectedSpend(GG, null as never))).toMatchObject({ path: "customer" });
  });
});

describe("conditionalExpectedSpend at the edges", () => {
  it("gives the customer's own mean for a frequency so large that p x overflows", () => {
    expect(conditionalExpectedSpend(GG, { frequency: 1e308, monetaryValue: 50 })).toBeCloseTo(50, 10);
  });

  it("refuses the population mean at q = 1 exactly, with the house message", () => {
    const q1 = { ...GG, params: { ...GG.params, q: 1 } };
    expect(errorOf(() => conditionalExpectedSpend(q1, { frequency: 0, monetaryValue: 0 })).message).toBe(
      "conditionalExpectedSpend: spendModel.params.q must be > 1 to predict the spend of a customer without repeat purchases, got 1",
    );
    // With repeat purchases q = 1 is fine: (p gamma + p x m) / (p x).
    expect(conditionalExpectedSpend(q1, { frequency: 2, monetaryValue: 10 })).toBeCloseTo((6.25 * 15.44 + 6.25 * 20) / 12.5, 12);
  });

  it("ignores the monetary value of a customer without repeat purchases", () => {
    const { p, q, gamma } = GG.params;
    expect(conditionalExpectedSpend(GG, { frequency: 0, monetaryValue: -1 })).toBeCloseTo((p * gamma) / (q - 1), 12);
    expect(errorOf(() => conditionalExpectedSpend(GG, { frequency: 1, monetaryValue: -1 })).message).toBe(
      "conditionalExpectedSpend: customer.monetaryValue must be a finite number >= 0, got -1",
    );
    expect(errorOf(() => conditionalExpectedSpend(GG, 4 as never)).message).toBe("conditionalExpectedSpend: customer must be an object with frequency and monetaryValue, got 4");
  });
});
