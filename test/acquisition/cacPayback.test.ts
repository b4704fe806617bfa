import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cacPayback } from "../../src/index.js";
import { deepFreeze, errorOf, messageOf } from "./helpers.js";

describe("cacPayback", () => {
  it("divides CAC by the gross-margin revenue per period (Finmark: CAC / (MRR x GM%))", () => {
    const r = cacPayback({ cac: 1200, revenuePerCustomerPerPeriod: 100, grossMargin: 0.8 });
    expect(r.periods!).toBeCloseTo(15, 12);
    expect(r.marginPerCustomerPerPeriod).toBeCloseTo(80, 12);
    expect(r).toMatchObject({ cac: 1200, revenuePerCustomerPerPeriod: 100, grossMargin: 0.8 });
  });

  it("gives revenue payback without a margin, and accepts decimal strings", () => {
    expect(cacPayback({ cac: "450.00", revenuePerCustomerPerPeriod: "30" }).periods!).toBeCloseTo(15, 12);
    expect(cacPayback({ cac: 0, revenuePerCustomerPerPeriod: 30 }).periods).toBe(0);
  });

  it("returns null when margin revenue is zero or negative (never paid back)", () => {
    expect(cacPayback({ cac: 100, revenuePerCustomerPerPeriod: 0, grossMargin: 0.5 }).periods).toBeNull();
    expect(cacPayback({ cac: 100, revenuePerCustomerPerPeriod: 50, grossMargin: 0 }).periods).toBeNull();
    expect(cacPayback({ cac: 100, revenuePerCustomerPerPeriod: 50, grossMargin: -0.2 }).periods).toBeNull();
    expect(cacPayback({ cac: 100, revenuePerCustomerPerPeriod: -50 }).periods).toBeNull();
    expect(cacPayback({ cac: 100, revenuePerCustomerPerPeriod: 0 }).marginPerCustomerPerPeriod).toBe(0);
  });

  it("reports a margin revenue of 0 (not -0) for no revenue at a negative margin", () => {
    const r = cacPayback({ cac: 100, revenuePerCustomerPerPeriod: 0, grossMargin: -0.5 });
    expect(Object.is(r.marginPerCustomerPerPeriod, 0)).toBe(true);
    expect(r.periods).toBeNull();
    expect(cacPayback({ cac: 100, revenuePerCustomerPerPeriod: 40, grossMargin: -0.5 }).marginPerCustomerPerPeriod).toBe(-20);
  });

  it("accepts a gross margin of exactly 1 and names the rule a negative CAC breaks", () => {
    expect(cacPayback({ cac: 50, revenuePerCustomerPerPeriod: 10, grossMargin: 1 }).periods).toBe(5);
    expect(messageOf(() => cacPayback({ cac: -1, revenuePerCustomerPerPeriod: 1 }))).toBe("cacPayback: input.cac must be >= 0, got -1");
  });

  it("rejects bad input with its path", () => {
    expect(errorOf(() => cacPayback({ cac: -1, revenuePerCustomerPerPeriod: 1 }))).toBe("INVALID_INPUT input.cac");
    expect(errorOf(() => cacPayback({ cac: Number.NaN, revenuePerCustomerPerPeriod: 1 }))).toBe("INVALID_INPUT input.cac");
    expect(errorOf(() => cacPayback({ cac: 1, revenuePerCustomerPerPeriod: Number.POSITIVE_INFINITY }))).toBe(
      "INVALID_INPUT input.revenuePerCustomerPerPeriod",
    );
    expect(errorOf(() => cacPayback({ cac: 1, revenuePerCustomerPerPeriod: 1, grossMargin: 1.5 }))).toBe("INVALID_INPUT input.grossMargin");
    expect(errorOf(() => cacPayback({ cac: 1, revenuePerCustomerPerPeriod: 1, grossMargin: "0.5" as never }))).toBe("INVALID_INPUT input.grossMargin");
    expect(errorOf(() => cacPayback(null as never))).toBe("INVALID_INPUT input");
  });

  it("does not mutate its input", () => {
    const input = deepFreeze({ cac: 10, revenuePerCustomerPerPeriod: 5, grossMargin: 0.5 });
    expect(cacPayback(input).periods).toBe(4);
  });

  it("scales linearly with CAC and inversely with margin (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (c, rev, gm) => {
          const r = cacPayback({ cac: c, revenuePerCustomerPerPeriod: rev, grossMargin: gm });
          expect(r.periods).not.toBeNull();
          expect(r.periods! * rev * gm).toBeCloseTo(c, 6);
          const doubled = cacPayback({ cac: 2 * c, revenuePerCustomerPerPeriod: rev, grossMargin: gm });
          expect(doubled.periods!).toBeCloseTo(2 * r.periods!, 6);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
