import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitGammaGamma } from "../../src/clv/fitGammaGamma.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { cdnowSummary, deepFreeze, errorOf, relDiff } from "./data.js";

const cdnow = deepFreeze(cdnowSummary());
const repeat = cdnow.filter((c) => c.frequency > 0);
const model = fitGammaGamma(repeat);

describe("fitGammaGamma", () => {
  it("reproduces Fader & Hardie (2013) on CDNOW repeat customers", () => {
    expect(relDiff(model.params.p, 6.25)).toBeLessThan(1e-3);
    expect(relDiff(model.params.q, 3.74)).toBeLessThan(2e-3);
    expect(relDiff(model.params.gamma, 15.44)).toBeLessThan(1e-3);
    expect(model.n).toBe(946);
    expect(model.frequencyMonetaryCorrelation!).toBeCloseTo(0.1139, 3);
    expect(model.warnings).toEqual([]);
    expect(model.excluded).toBe(0);
  });

  it("refuses customers without repeat purchases unless told to skip them", () => {
    expect(errorOf(() => fitGammaGamma(cdnow))).toMatchObject({ code: "INVALID_INPUT", path: "customers[2].frequency" });
    const skipped = fitGammaGamma(cdnow, { excludeNonRepeat: true });
    expect(skipped.excluded).toBe(1411);
    expect(skipped.params.p).toBeCloseTo(model.params.p, 8);
  });

  it("warns about, or refuses, a strong frequency-spend correlation", () => {
    const correlated = Array.from({ length: 40 }, (_, i) => ({ frequency: 1 + (i % 8), monetaryValue: 10 + 5 * (i % 8) + (i % 3) }));
    const m = fitGammaGamma(correlated);
    expect(m.frequencyMonetaryCorrelation!).toBeGreaterThan(0.9);
    expect(m.warnings[0]).toMatch(/correlated/);
    expect(errorOf(() => fitGammaGamma(correlated, { onCorrelation: "throw" }))).toMatchObject({ code: "INVALID_INPUT", path: "customers" });
    expect(fitGammaGamma(correlated, { correlationThreshold: 1 }).warnings.filter((w) => /correlated/.test(w))).toEqual([]);
  });

  it("has a null correlation when frequency does not vary", () => {
    const m = fitGammaGamma([
      { frequency: 2, monetaryValue: 10 },
      { frequency: 2, monetaryValue: 30 },
      { frequency: 2, monetaryValue: 18 },
    ]);
    expect(m.frequencyMonetaryCorrelation).toBeNull();
  });

  it("recovers the spend parameters of simulated customers", () => {
    fc.assert(
      fc.property(fc.nat(1000), (seed) => {
        const spend = { p: 6, q: 4, gamma: 15 };
        const sim = simulateClv({ customers: 8000, T: 26, params: { r: 2, alpha: 5, a: 1, b: 6 }, spend, seed });
        const fit = fitGammaGamma(sim.customers, { excludeNonRepeat: true });
        const mean = (s: typeof spend): number => (s.p * s.gamma) / (s.q - 1);
        return relDiff(mean(fit.params), mean(spend)) < 0.05;
      }),
      { seed: 42, numRuns: 2 },
    );
  });

  it("validates records and options", () => {
    expect(errorOf(() => fitGammaGamma([{ frequency: 1, monetaryValue: -5 }]))).toMatchObject({ code: "INVALID_INPUT", path: "customers[0].monetaryValue" });
    expect(errorOf(() => fitGammaGamma([{ frequency: 1, monetaryValue: 0 }]))).toMatchObject({ path: "customers[0].monetaryValue" });
    expect(errorOf(() => fitGammaGamma([{ frequency: 1, monetaryValue: Number.NaN }]))).toMatchObject({ path: "customers[0].monetaryValue" });
    expect(errorOf(() => fitGammaGamma(["x" as never]))).toMatchObject({ path: "customers[0]" });
    expect(errorOf(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }], { excludeNonRepeat: true }))).toMatchObject({ code: "EMPTY_INPUT" });
    expect(errorOf(() => fitGammaGamma(repeat, { onCorrelation: "ignore" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.onCorrelation" });
    expect(errorOf(() => fitGammaGamma(repeat, { correlationThreshold: 2 }))).toMatchObject({ code: "INVALID_OPTION" });
  });
});
