import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitGammaGamma } from "../../src/clv/fitGammaGamma.js";
import { logGamma } from "../../src/core/stats/special.js";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { cdnowSummary, deepFreeze, errorOf, relDiff } from "./data.js";

const cdnow = deepFreeze(cdnowSummary());
const repeat = cdnow.filter((c) => c.frequency > 0);
// Fitted inside each test that uses it, so that the fit runs while the test does.
const fitted = (): ReturnType<typeof fitGammaGamma> => fitGammaGamma(repeat);

describe("fitGammaGamma", () => {
  it("reproduces Fader & Hardie (2013) on CDNOW repeat customers", () => {
    const model = fitted();
    expect(relDiff(model.params.p, 6.25)).toBeLessThan(1e-3);
    expect(relDiff(model.params.q, 3.74)).toBeLessThan(2e-3);
    expect(relDiff(model.params.gamma, 15.44)).toBeLessThan(1e-3);
    expect(model.n).toBe(946);
    expect(model.frequencyMonetaryCorrelation!).toBeCloseTo(0.1139, 3);
    expect(model.warnings).toEqual([]);
    expect(model.excluded).toBe(0);
  });

  it("refuses customers without repeat purchases unless told to skip them", () => {
    const model = fitted();
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

describe("fitGammaGamma, details", () => {
  it("computes the weighted Pearson correlation of frequency and spend, and words its warning", () => {
    // x = 1, 2, 3; m = 10, 20, 40: cov = 10, var x = 2/3, var m = 1400/9, r = 10 / sqrt(2/3 * 1400/9).
    const rows = [
      { frequency: 1, monetaryValue: 10 },
      { frequency: 2, monetaryValue: 20 },
      { frequency: 3, monetaryValue: 40 },
    ];
    const r = 10 / Math.sqrt((2 / 3) * (1400 / 9));
    const m = fitGammaGamma(rows);
    expect(m.frequencyMonetaryCorrelation!).toBeCloseTo(r, 12);
    expect(m.warnings[0]).toBe(`frequency and monetary value are correlated (Pearson r = ${r.toFixed(3)}), but the Gamma-Gamma model assumes they are independent`);
    // A weight counts as that many identical customers.
    const weighted = fitGammaGamma([{ ...rows[0]!, weight: 3 }, rows[1]!, rows[2]!]);
    const repeated = fitGammaGamma([rows[0]!, rows[0]!, rows[0]!, rows[1]!, rows[2]!]);
    expect(weighted.frequencyMonetaryCorrelation!).toBeCloseTo(repeated.frequencyMonetaryCorrelation!, 12);
    expect(weighted.n).toBe(5);
    expect(weighted.distinctRows).toBe(3);
    expect(weighted.logLikelihood).toBeCloseTo(repeated.logLikelihood, 8);
    expect(errorOf(() => fitGammaGamma(rows, { onCorrelation: "throw" }))).toEqual({
      code: "INVALID_INPUT",
      path: "customers",
      message: `fitGammaGamma: frequency and monetary value are correlated (Pearson r = ${r.toFixed(3)}), but the Gamma-Gamma model assumes they are independent`,
    });
  });

  it("reports a correlation at the threshold, negative ones by their size, and none below it", () => {
    const rows = [
      { frequency: 1, monetaryValue: 40 },
      { frequency: 2, monetaryValue: 20 },
      { frequency: 3, monetaryValue: 10 },
      { frequency: 3, monetaryValue: 30 },
    ];
    const r = fitGammaGamma(rows, { correlationThreshold: 1 }).frequencyMonetaryCorrelation!;
    expect(r).toBeLessThan(-0.5);
    expect(fitGammaGamma(rows, { correlationThreshold: -r }).warnings).toHaveLength(1);
    expect(fitGammaGamma(rows, { correlationThreshold: -r + 1e-9 }).warnings).toEqual([]);
  });

  it("has a null correlation when spend does not vary", () => {
    const m = fitGammaGamma([
      { frequency: 1, monetaryValue: 20 },
      { frequency: 2, monetaryValue: 20 },
      { frequency: 5, monetaryValue: 20 },
    ]);
    expect(m.frequencyMonetaryCorrelation).toBeNull();
  });

  it("merges customers with the same frequency and spend", () => {
    const m = fitGammaGamma([
      { frequency: 2, monetaryValue: 15 },
      { frequency: 1, monetaryValue: 20 },
      { frequency: 2, monetaryValue: 15, weight: 2 },
      { frequency: 2, monetaryValue: 25 },
      { frequency: 1, monetaryValue: 20 },
    ]);
    expect(m.n).toBe(6);
    expect(m.distinctRows).toBe(3);
  });

  it("gives exactly the same fit whatever the order of the customers", () => {
    const sample = repeat.slice(0, 200);
    const base = fitGammaGamma(sample);
    const reversed = fitGammaGamma(sample.slice().reverse());
    const interleaved = fitGammaGamma(sample.filter((_, i) => i % 2 === 1).concat(sample.filter((_, i) => i % 2 === 0)));
    expect(reversed).toEqual(base);
    expect(interleaved).toEqual(base);
  });

  it("counts the weight of the customers it skips", () => {
    const m = fitGammaGamma([...repeat.slice(0, 50), { frequency: 0, monetaryValue: 0, weight: 2.5 }, { frequency: 0, monetaryValue: 0 }], { excludeNonRepeat: true });
    expect(m.excluded).toBe(3.5);
    expect(m.n).toBe(50);
  });

  it("warns when the fitted q is at most 1: the population mean spend is undefined", () => {
    const sim = simulateClv({ customers: 3000, T: 26, params: { r: 2, alpha: 5, a: 1, b: 6 }, spend: { p: 6, q: 0.8, gamma: 15 }, seed: 4 });
    const m = fitGammaGamma(sim.customers, { excludeNonRepeat: true });
    expect(m.converged).toBe(true);
    expect(m.params.q).toBeLessThan(1);
    expect(m.warnings).toEqual([`q = ${m.params.q.toFixed(3)} <= 1: the population mean spend p * gamma / (q - 1) is undefined`]);
    expect(fitGammaGamma(repeat.slice(0, 300)).warnings.filter((w) => w.startsWith("q ="))).toEqual([]);
  });

  it("names a bad record in the house format", () => {
    expect(errorOf(() => fitGammaGamma([{ frequency: 0, monetaryValue: 5 }])).message).toBe(
      "fitGammaGamma: customers[0].frequency must be > 0 (pass excludeNonRepeat: true to skip customers without repeat purchases), got 0",
    );
    expect(errorOf(() => fitGammaGamma([{ frequency: 1, monetaryValue: 0 }])).message).toBe("fitGammaGamma: customers[0].monetaryValue must be a finite number > 0, got 0");
    expect(errorOf(() => fitGammaGamma([{ frequency: 1, monetaryValue: 5, weight: 0 }])).message).toBe("fitGammaGamma: customers[0].weight must be a finite number > 0, got 0");
    expect(errorOf(() => fitGammaGamma([{ frequency: -1, monetaryValue: 5 }])).message).toBe("fitGammaGamma: customers[0].frequency must be an integer >= 0, got -1");
    expect(errorOf(() => fitGammaGamma([7 as never])).message).toBe("fitGammaGamma: customers[0] must be an object with frequency and monetaryValue, got 7");
    expect(errorOf(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }], { excludeNonRepeat: true }))).toEqual({
      code: "EMPTY_INPUT",
      path: "customers",
      message: "fitGammaGamma: customers must hold at least one repeat customer",
    });
    expect(errorOf(() => fitGammaGamma(repeat, { excludeNonRepeat: "yes" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.excludeNonRepeat" });
    expect(errorOf(() => fitGammaGamma(repeat, { correlationThreshold: -0.1 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.correlationThreshold" });
    expect(errorOf(() => fitGammaGamma(repeat, { maxIterations: 0 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.maxIterations" });
  });

  it("keeps the time unit and reports the penalty", () => {
    const m = fitGammaGamma(repeat.slice(0, 100), { timeUnit: "week", penalizer: 0.01 });
    expect(m.timeUnit).toBe("week");
    expect(m.penalizer).toBe(0.01);
  });
});

describe("fitGammaGamma correlation guards", () => {
  it("has a null correlation when frequency or spend is constant, even where rounding leaves a variance of 1e-4", () => {
    // x = 1e6 throughout: E[x^2] - E[x]^2 comes out as 1.2e-4, far below 1e-12 E[x^2].
    const constantFrequency = [10, 17, 24].map((m, i) => ({ frequency: 1e6, monetaryValue: m, weight: [0.1, 0.2, 0.3][i]! }));
    expect(fitGammaGamma(constantFrequency).frequencyMonetaryCorrelation).toBeNull();
    const constantSpend = [1, 2, 3].map((x, i) => ({ frequency: x, monetaryValue: 1e6, weight: [0.1, 0.2, 0.3][i]! }));
    expect(fitGammaGamma(constantSpend).frequencyMonetaryCorrelation).toBeNull();
    // A threshold of 0 reports every correlation, but a null one is not a correlation.
    expect(fitGammaGamma(constantSpend, { correlationThreshold: 0 }).warnings.filter((w) => /correlated/.test(w))).toEqual([]);
  });

  it("reports a small but real spread: one customer in a million buying once more, for more", () => {
    const rows = [
      { frequency: 100, monetaryValue: 20, weight: 1e6 },
      { frequency: 101, monetaryValue: 30 },
    ];
    const m = fitGammaGamma(rows);
    expect(m.frequencyMonetaryCorrelation).toBe(1);
    expect(m.warnings[0]).toMatch(/^frequency and monetary value are correlated \(Pearson r = 1\.000\)/);
  });

  it("does not hold gamma, a scale in the money unit, to the shape limits", () => {
    // CDNOW spend in millionths of a dollar: gamma becomes 15.44e6, p and q stay.
    const fine = fitGammaGamma(repeat.map((c) => ({ frequency: c.frequency, monetaryValue: c.monetaryValue * 1e6 })));
    expect(relDiff(fine.params.gamma, 15.44e6)).toBeLessThan(2e-3);
    expect(relDiff(fine.params.p, 6.25)).toBeLessThan(2e-3);
    expect(fine.converged).toBe(true);
  });

  it("names the input when it is not a list", () => {
    expect(errorOf(() => fitGammaGamma(5 as never))).toMatchObject({ code: "INVALID_INPUT", path: "customers" });
  });
});

describe("fitGammaGamma log-likelihood", () => {
  it("is the sum of the log densities of the mean spends at the estimate (Fader, Hardie & Lee 2005)", () => {
    // f(m | p, q, gamma; x) = Gamma(px + q) / (Gamma(px) Gamma(q)) gamma^q x^(px) m^(px - 1) / (gamma + m x)^(px + q).
    const rows = [
      { frequency: 1, monetaryValue: 12 },
      { frequency: 2, monetaryValue: 20, weight: 2 },
      { frequency: 3, monetaryValue: 35 },
      { frequency: 5, monetaryValue: 18 },
      { frequency: 4, monetaryValue: 28 },
    ];
    const model = fitGammaGamma(rows);
    const { p, q, gamma } = model.params;
    let ll = 0;
    for (const { frequency: x, monetaryValue: m, weight = 1 } of rows as { frequency: number; monetaryValue: number; weight?: number }[]) {
      const px = p * x;
      ll +=
        weight *
        (logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + px * Math.log(x) + (px - 1) * Math.log(m) - (px + q) * Math.log(gamma + m * x));
    }
    expect(model.logLikelihood).toBeCloseTo(ll, 9);
  });
});
