import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formulaClv } from "../../src/value/formulaClv.js";
import { expectCrmError } from "./helpers.js";

describe("formulaClv", () => {
  it("computes margin x ARPA / churn (Skok)", () => {
    const r = formulaClv({ revenuePerPeriod: 100, churnRate: 0.05 }, { margin: 0.8 });
    expect(r).toEqual({
      clv: 1600,
      method: "simple",
      churnRate: 0.05,
      churnPeriods: 1,
      retentionRate: 0.95,
      expectedLifetimePeriods: 20,
      revenuePerPeriod: 100,
      margin: 0.8,
      discountRate: 0,
    });
  });

  it("discounts with Gupta & Lehmann's m r / (1 + d - r)", () => {
    // m = 100, r = 0.8, d = 0.1: 80 / 0.3
    const end = formulaClv({ revenuePerPeriod: 100, churnRate: 0.2 }, { discountRate: 0.1 });
    expect(end.method).toBe("discounted");
    expect(end.clv!).toBeCloseTo(266.6667, 4);
    // with the first payment now: m (1 + d) / (1 + d - r) = 110 / 0.3
    const start = formulaClv({ revenuePerPeriod: 100, churnRate: 0.2 }, { discountRate: 0.1, paymentTiming: "start" });
    expect(start.clv!).toBeCloseTo(366.6667, 4);
    // Gupta & Lehmann's rule of thumb: with r = 0.9 and d = 0.12 the multiple is r / (1 + d - r) = 4.09
    expect(formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { discountRate: 0.12 }).clv!).toBeCloseTo(4.0909, 4);
    // without discounting, start timing equals the simple formula
    const same = formulaClv({ revenuePerPeriod: 50, churnRate: 0.25 }, { method: "discounted", paymentTiming: "start" });
    expect(same.clv).toBeCloseTo(formulaClv({ revenuePerPeriod: 50, churnRate: 0.25 }).clv!, 12);
    // zero churn stays finite when discounted
    expect(formulaClv({ revenuePerPeriod: 10, churnRate: 0 }, { discountRate: 0.1 }).clv!).toBeCloseTo(100, 10);
  });

  it("follows ChartMogul: ARPA over the trailing six-month mean churn", () => {
    const r = formulaClv({ revenuePerPeriod: 50, churnRates: [0.1, 0.02, 0.03, 0.04, 0.05, 0.03, 0.03] }, { method: "chartmogul" });
    expect(r.churnPeriods).toBe(6);
    expect(r.churnRate).toBeCloseTo(0.2 / 6, 12);
    expect(r.clv!).toBeCloseTo(1500, 9);
    const short = formulaClv({ revenuePerPeriod: 50, churnRates: [0.05, 0.15] }, { method: "chartmogul", trailingPeriods: 6 });
    expect(short).toMatchObject({ churnPeriods: 2, clv: 500 });
    const three = formulaClv({ revenuePerPeriod: 30, churnRates: [0.5, 0.1, 0.1, 0.1] }, { method: "chartmogul", trailingPeriods: 3 });
    expect(three.clv!).toBeCloseTo(300, 9);
    // a single churnRate is enough
    expect(formulaClv({ revenuePerPeriod: 30, churnRate: 0.1 }, { method: "chartmogul" }).clv!).toBeCloseTo(300, 9);
    // the simple method averages a whole history when no single rate is given
    expect(formulaClv({ revenuePerPeriod: 30, churnRates: [0.05, 0.15] }).clv!).toBeCloseTo(300, 9);
  });

  it("returns null (never Infinity) when churn is 0", () => {
    expect(formulaClv({ revenuePerPeriod: 100, churnRate: 0 })).toMatchObject({ clv: null, expectedLifetimePeriods: null, retentionRate: 1 });
    expect(formulaClv({ revenuePerPeriod: 100, churnRates: [0, 0] }, { method: "chartmogul" }).clv).toBeNull();
    expect(formulaClv({ revenuePerPeriod: 100, churnRate: 0 }, { method: "discounted" }).clv).toBeNull();
    expect(formulaClv({ revenuePerPeriod: 0, churnRate: 0.5 }).clv).toBe(0);
  });

  it("validates inputs and options", () => {
    expectCrmError(() => formulaClv(null as never), "INVALID_INPUT", "input");
    expectCrmError(() => formulaClv({ revenuePerPeriod: -1, churnRate: 0.1 }), "INVALID_INPUT", "input.revenuePerPeriod");
    expectCrmError(() => formulaClv({ revenuePerPeriod: Number.NaN, churnRate: 0.1 }), "INVALID_INPUT", "input.revenuePerPeriod");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 1.5 }), "INVALID_INPUT", "input.churnRate");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1 }), "INVALID_INPUT", "input.churnRate");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRates: [] }, { method: "chartmogul" }), "INVALID_INPUT", "input.churnRate");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRates: [0.1, -0.1] }), "INVALID_INPUT", "input.churnRates[1]");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRates: "0.1" as never }), "INVALID_INPUT", "input.churnRates");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { margin: -0.1 }), "INVALID_OPTION", "options.margin");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { discountRate: -0.1 }), "INVALID_OPTION", "options.discountRate");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { method: "ltv" as never }), "INVALID_OPTION", "options.method");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { paymentTiming: "mid" as never }), "INVALID_OPTION", "options.paymentTiming");
    expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { trailingPeriods: 0 }), "INVALID_OPTION", "options.trailingPeriods");
    const input = Object.freeze({ revenuePerPeriod: 10, churnRates: Object.freeze([0.1, 0.2]) });
    expect(formulaClv(input).clv!).toBeCloseTo(10 / 0.15, 9);
  });

  it("falls as churn or the discount rate rises, and discounted <= simple (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (arpa, c1, c2, d) => {
          const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
          const a = formulaClv({ revenuePerPeriod: arpa, churnRate: lo }).clv!;
          const b = formulaClv({ revenuePerPeriod: arpa, churnRate: hi }).clv!;
          expect(a).toBeGreaterThanOrEqual(b * (1 - 1e-12));
          const disc = formulaClv({ revenuePerPeriod: arpa, churnRate: lo }, { discountRate: d }).clv!;
          expect(disc).toBeLessThanOrEqual(a * (1 + 1e-12));
          expect(disc).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it("names the rule in every error message", () => {
    const msg = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return "none";
    };
    expect(msg(() => formulaClv(5 as never))).toBe("formulaClv: input must be an object with revenuePerPeriod and churnRate, got 5");
    expect(msg(() => formulaClv({ revenuePerPeriod: Number.NaN, churnRate: 0.1 }))).toBe("formulaClv: input.revenuePerPeriod must be a finite number >= 0, got NaN");
    expect(msg(() => formulaClv({ revenuePerPeriod: "100" as never, churnRate: 0.1 }))).toBe('formulaClv: input.revenuePerPeriod must be a finite number >= 0, got "100"');
    expect(msg(() => formulaClv({ revenuePerPeriod: 1e308, churnRate: 0.001 }))).toBe(
      "formulaClv: input.revenuePerPeriod must be small enough for the CLV to be a finite number, got 1e+308",
    );
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "0.1"]) {
      expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { discountRate: bad as never }), "INVALID_OPTION", "options.discountRate");
    }
    expect(msg(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { discountRate: -0.1 }))).toBe("formulaClv: options.discountRate must be a finite number >= 0, got -0.1");
    for (const bad of [2.5, "3", Number.NaN]) {
      expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { trailingPeriods: bad as never }), "INVALID_OPTION", "options.trailingPeriods");
    }
    expect(msg(() => formulaClv({ revenuePerPeriod: 1, churnRate: 0.1 }, { trailingPeriods: 0 }))).toBe("formulaClv: options.trailingPeriods must be an integer >= 1, got 0");
    expect(msg(() => formulaClv({ revenuePerPeriod: 1 }))).toBe("formulaClv: input.churnRate is required (or a non-empty input.churnRates), got undefined");
    expect(msg(() => formulaClv({ revenuePerPeriod: 1, churnRate: 1.5 }))).toBe("formulaClv: input.churnRate must be a churn rate from 0 to 1, got 1.5");
    for (const bad of [Number.NaN, "0.1", Number.NEGATIVE_INFINITY]) {
      expectCrmError(() => formulaClv({ revenuePerPeriod: 1, churnRate: bad as never }), "INVALID_INPUT", "input.churnRate");
    }
    expect(msg(() => formulaClv({ revenuePerPeriod: 1, churnRates: 0.1 as never }))).toBe("formulaClv: input.churnRates must be an array of churn rates, got 0.1");
  });

  it("accepts each method and timing by name, and the boundary values", () => {
    // explicit "simple" wins over the discounted default that a discount rate implies
    expect(formulaClv({ revenuePerPeriod: 100, churnRate: 0.2 }, { method: "simple", discountRate: 0.1 }).clv!).toBeCloseTo(500, 9);
    expect(formulaClv({ revenuePerPeriod: 100, churnRate: 0.2 }, { discountRate: 0.1, paymentTiming: "end" }).clv!).toBeCloseTo(800 / 3, 9);
    // start: 100 * 1.1 / 0.3
    expect(formulaClv({ revenuePerPeriod: 100, churnRate: 0.2 }, { discountRate: 0.1, paymentTiming: "start" }).clv!).toBeCloseTo(1100 / 3, 9);
    // churn 1: everyone leaves after one period
    expect(formulaClv({ revenuePerPeriod: 40, churnRate: 1 })).toMatchObject({ clv: 40, retentionRate: 0, expectedLifetimePeriods: 1 });
    // one trailing period
    expect(formulaClv({ revenuePerPeriod: 30, churnRates: [0.5, 0.1] }, { method: "chartmogul", trailingPeriods: 1 }).clv!).toBeCloseTo(300, 9);
    // -0 in, +0 out
    expect(Object.is(formulaClv({ revenuePerPeriod: -0, churnRate: 0.5 }).clv, 0)).toBe(true);
    expect(Object.is(formulaClv({ revenuePerPeriod: 1, churnRate: -0 }).churnRate, 0)).toBe(true);
  });

  it("uses the churn history for chartmogul even when a single rate is given, and all of it otherwise", () => {
    expect(formulaClv({ revenuePerPeriod: 30, churnRate: 0.5, churnRates: [0.1] }, { method: "chartmogul" }).clv!).toBeCloseTo(300, 9);
    expect(formulaClv({ revenuePerPeriod: 30, churnRate: 0.5, churnRates: [0.1] }).clv!).toBeCloseTo(60, 9);
    const rates = [0.5, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const simple = formulaClv({ revenuePerPeriod: 11, churnRates: rates });
    expect(simple.churnPeriods).toBe(7);
    expect(simple.clv!).toBeCloseTo(70, 9);
    expect(formulaClv({ revenuePerPeriod: 11, churnRates: rates }, { method: "chartmogul" }).clv!).toBeCloseTo(110, 9);
  });
});
