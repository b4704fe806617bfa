import { describe, expect, it } from "vitest";
import { customerSummary } from "../../src/core/customerSummary.js";
import { fitBgNbd } from "../../src/clv/fitBgNbd.js";
import { generateTransactions } from "../../src/synthetic/generateTransactions.js";

describe("generateTransactions follows the BG/NBD model it documents", () => {
  it("lets fitBgNbd recover the default purchase-rate and dropout parameters", () => {
    const log = generateTransactions({ customers: 10_000, seed: 5, acquisition: "start", refundRate: 0 });
    const summary = customerSummary(log, { asOf: "2025-01-01T00:00:00Z", unit: "day" });
    const model = fitBgNbd(summary.customers);
    expect(model.converged).toBe(true);
    const truth = { r: 0.9, alpha: 30, a: 0.8, b: 6 };
    // Printed when written: r 0.9187, alpha 31.78, a 0.8150, b 6.081.
    expect(model.params.r).toBeCloseTo(0.9187, 3);
    expect(model.params.alpha).toBeCloseTo(31.78, 1);
    expect(model.params.a).toBeCloseTo(0.815, 2);
    expect(model.params.b).toBeCloseTo(6.081, 2);
    for (const key of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(model.params[key] / truth[key] - 1)).toBeLessThan(0.1);
    }
  });

  it("makes no customer drop out right after the first purchase (zero-repeat share matches the model)", () => {
    // With dropout only after repeat purchases, a customer with rate lambda makes no repeat
    // in [0, T) with probability exp(-lambda T); averaged over Gamma(r, alpha) that is
    // (alpha / (alpha + T))^r. T = 366 days (2024 is a leap year).
    const log = generateTransactions({ customers: 20_000, seed: 11, acquisition: "start", refundRate: 0 });
    const summary = customerSummary(log, { asOf: "2025-01-01T00:00:00Z", unit: "day" });
    const zero = summary.customers.filter((c) => c.frequency === 0).length / summary.customers.length;
    const expected = (30 / (30 + 366)) ** 0.9;
    expect(Math.abs(zero - expected)).toBeLessThan(0.01);
  });
});
