import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases } from "../../src/clv/conditionalExpectedPurchases.js";
import { conditionalExpectedSpend } from "../../src/clv/conditionalExpectedSpend.js";
import { customerLifetimeValue } from "../../src/clv/customerLifetimeValue.js";
import { fitBgNbd } from "../../src/clv/fitBgNbd.js";
import { fitGammaGamma } from "../../src/clv/fitGammaGamma.js";
import { cdnowSummary, deepFreeze, errorOf } from "./data.js";
import { BG, BGBB, GG, MBG, PNBD } from "./models.js";

const c1 = { customerId: "c1", frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };

/** lifetimes' _customer_lifetime_value, transcribed: steps of `factor`, discount (1 + d)^i. */
function lifetimesClv(model: typeof BG, c: typeof c1, time: number, d: number, factor: number): number {
  let clv = 0;
  const m = conditionalExpectedSpend(GG, c);
  for (let i = 1; i <= time; i++) {
    const e = conditionalExpectedPurchases(model, c, i * factor) - conditionalExpectedPurchases(model, c, (i - 1) * factor);
    clv += (m * e) / (1 + d) ** i;
  }
  return clv;
}

describe("customerLifetimeValue", () => {
  it("matches lifetimes' customer_lifetime_value when given the same units", () => {
    // lifetimes(time=12, discount_rate=0.01, freq="W") steps 4.345 weeks.
    const r = customerLifetimeValue({ purchaseModel: BG, spendModel: GG, customers: deepFreeze([c1]), horizon: 12 * 4.345, step: 4.345, discountRate: 0.01 });
    expect(r.customers[0]!.clv).toBeCloseTo(lifetimesClv(BG, c1, 12, 0.01, 4.345), 10);
    expect(r.steps).toBe(12);
    expect(r.customers[0]!.customerId).toBe("c1");
  });

  it("equals expected purchases times expected spend without discounting", () => {
    const r = customerLifetimeValue({ purchaseModel: PNBD, spendModel: GG, customers: [c1], horizon: 52, step: 52 });
    const e = conditionalExpectedPurchases(PNBD, c1, 52);
    expect(r.customers[0]!.expectedPurchases).toBeCloseTo(e, 12);
    expect(r.customers[0]!.clv).toBeCloseTo(e * conditionalExpectedSpend(GG, c1), 10);
    expect(r.discountRate).toBe(0);
  });

  it("converts the discount rate's period: a monthly rate on weekly steps", () => {
    const weekly = customerLifetimeValue({ purchaseModel: BG, spendModel: GG, customers: [c1], horizon: 52, step: 1, discountRate: 0.01, discountPeriod: 4.345 });
    const monthly = customerLifetimeValue({ purchaseModel: BG, spendModel: GG, customers: [c1], horizon: 52, step: 4.345, discountRate: 0.01 });
    expect(weekly.steps).toBe(52);
    expect(monthly.steps).toBe(12);
    // Finer steps discount each purchase from closer to when it happens: slightly more value.
    expect(weekly.customers[0]!.clv).toBeGreaterThan(monthly.customers[0]!.clv);
    expect(Math.abs(weekly.customers[0]!.clv - monthly.customers[0]!.clv) / monthly.customers[0]!.clv).toBeLessThan(0.01);
  });

  it("values the CDNOW customers with fitted models; totals add up", () => {
    const data = cdnowSummary();
    const purchaseModel = fitBgNbd(data);
    const spendModel = fitGammaGamma(data, { excludeNonRepeat: true });
    const r = customerLifetimeValue({ purchaseModel, spendModel, customers: data, horizon: 52, step: 4.345, discountRate: 0.01 });
    expect(r.n).toBe(2357);
    const sum = r.customers.reduce((s, c) => s + c.clv, 0);
    expect(r.totalClv).toBeCloseTo(sum, 6);
    expect(r.meanClv!).toBeCloseTo(sum / 2357, 8);
    expect(r.customers.every((c) => c.clv >= 0 && Number.isFinite(c.clv))).toBe(true);
  });

  it("is monotone in the horizon and decreasing in the discount rate", () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 200, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), (h, d) => {
        const base = { purchaseModel: BG, spendModel: GG, customers: [c1], step: 4 };
        const a = customerLifetimeValue({ ...base, horizon: h, discountRate: d }).totalClv;
        const b = customerLifetimeValue({ ...base, horizon: 2 * h, discountRate: d }).totalClv;
        const c = customerLifetimeValue({ ...base, horizon: h, discountRate: d + 0.05 }).totalClv;
        return b >= a - 1e-9 && c <= a + 1e-9;
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it("supports BG/BB with whole opportunities", () => {
    const r = customerLifetimeValue({ purchaseModel: BGBB, spendModel: GG, customers: [{ frequency: 3, recency: 4, periods: 6, monetaryValue: 50 }], horizon: 5, step: 1, discountRate: 0.1 });
    expect(r.customers[0]!.clv).toBeGreaterThan(0);
    expect(r.customers[0]!.customerId).toBeNull();
    expect(errorOf(() => customerLifetimeValue({ purchaseModel: BGBB, spendModel: GG, customers: [], horizon: 5, step: 0.5 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.step" });
  });

  it("returns a null mean without customers and keeps ids such as __proto__", () => {
    const empty = customerLifetimeValue({ purchaseModel: BG, spendModel: GG, customers: [], horizon: 10, step: 1 });
    expect(empty.meanClv).toBeNull();
    expect(empty.totalClv).toBe(0);
    const r = customerLifetimeValue({ purchaseModel: BG, spendModel: GG, customers: [{ ...c1, customerId: "__proto__" }, { ...c1, customerId: 7 }], horizon: 10, step: 1 });
    expect(r.customers.map((c) => c.customerId)).toEqual(["__proto__", "7"]);
    expect(r.customers[0]!.clv).toBe(r.customers[1]!.clv);
  });

  it("validates models, options and customers", () => {
    const base = { purchaseModel: BG, spendModel: GG, customers: [c1], horizon: 10, step: 1 };
    expect(errorOf(() => customerLifetimeValue(null as never))).toMatchObject({ code: "INVALID_INPUT", path: "input" });
    expect(errorOf(() => customerLifetimeValue({ ...base, spendModel: BG as never }))).toMatchObject({ path: "spendModel.model" });
    expect(errorOf(() => customerLifetimeValue({ ...base, purchaseModel: GG as never }))).toMatchObject({ path: "purchaseModel.model" });
    expect(errorOf(() => customerLifetimeValue({ ...base, horizon: undefined as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.horizon" });
    expect(errorOf(() => customerLifetimeValue({ ...base, step: 0 }))).toMatchObject({ code: "INVALID_OPTION", path: "options.step" });
    expect(errorOf(() => customerLifetimeValue({ ...base, step: undefined as never }))).toMatchObject({ path: "options.step" });
    expect(errorOf(() => customerLifetimeValue({ ...base, step: 1e-6 }))).toMatchObject({ path: "options.step" });
    expect(errorOf(() => customerLifetimeValue({ ...base, discountRate: -0.1 }))).toMatchObject({ path: "options.discountRate" });
    expect(errorOf(() => customerLifetimeValue({ ...base, customers: [{ ...c1, monetaryValue: -3 }] }))).toMatchObject({ path: "customers[0].monetaryValue" });
    expect(errorOf(() => customerLifetimeValue({ ...base, customers: [{ ...c1, recency: 50 }] }))).toMatchObject({ path: "customers[0].recency" });
    expect(errorOf(() => customerLifetimeValue({ ...base, customers: [{ ...c1, customerId: "" }] }))).toMatchObject({ path: "customers[0].customerId" });
  });
});

describe("customerLifetimeValue with models read back from JSON", () => {
  it("gives the same values as with the fitted objects", () => {
    const data = cdnowSummary().slice(0, 400);
    const purchaseModel = fitBgNbd(data);
    const spendModel = fitGammaGamma(data, { excludeNonRepeat: true });
    const input = { customers: data, horizon: 26, step: 4.345, discountRate: 0.01 };
    const a = customerLifetimeValue({ purchaseModel, spendModel, ...input });
    const b = customerLifetimeValue({ purchaseModel: JSON.parse(JSON.stringify(purchaseModel)), spendModel: JSON.parse(JSON.stringify(spendModel)), ...input });
    expect(b).toEqual(a);
  });
});

describe("customerLifetimeValue for every purchase model", () => {
  it("discounts the same increments as conditionalExpectedPurchases gives", () => {
    const cases = [
      [MBG, c1, 52, 4],
      [PNBD, c1, 52, 4],
      [BG, c1, 52, 4],
      [BGBB, { frequency: 3, recency: 4, periods: 6, monetaryValue: 50 }, 6, 2],
    ] as const;
    for (const [model, customer, horizon, step] of cases) {
      const r = customerLifetimeValue({ purchaseModel: model as never, spendModel: GG, customers: [customer as never], horizon, step, discountRate: 0.05 });
      let expected = 0;
      let previous = 0;
      for (let t = step; t <= horizon; t += step) {
        const e = conditionalExpectedPurchases(model as never, customer as never, t);
        expected += (e - previous) / 1.05 ** (t / step);
        previous = e;
      }
      expect(r.customers[0]!.clv).toBeCloseTo(expected * conditionalExpectedSpend(GG, customer), 9);
    }
  });
});

describe("customerLifetimeValue steps and options", () => {
  const base = { purchaseModel: BG, spendModel: GG, customers: [] as never[] };

  it("cuts the horizon into whole steps, the last one shortened, and forgives rounding of horizon / step", () => {
    expect(customerLifetimeValue({ ...base, horizon: 10, step: 3 }).steps).toBe(4);
    expect(customerLifetimeValue({ ...base, horizon: 9, step: 3 }).steps).toBe(3);
    // 1.1 / 0.1 is 11.000000000000002 in doubles: still 11 steps.
    expect(customerLifetimeValue({ ...base, horizon: 1.1, step: 0.1 }).steps).toBe(11);
    expect(customerLifetimeValue({ ...base, horizon: 1e-12, step: 1 }).steps).toBe(1);
    expect(customerLifetimeValue({ ...base, horizon: 0.5, step: 2 }).steps).toBe(1);
  });

  it("discounts the shortened last step from the horizon, not from a whole step", () => {
    // Steps end at 3, 6, 9 and 10 (not 12); each increment discounted by 1.1^(t / 3).
    const r = customerLifetimeValue({ ...base, customers: [c1], horizon: 10, step: 3, discountRate: 0.1 });
    let expected = 0;
    let previous = 0;
    for (const t of [3, 6, 9, 10]) {
      const e = conditionalExpectedPurchases(BG, c1, t);
      expected += (e - previous) / 1.1 ** (t / 3);
      previous = e;
    }
    expect(r.customers[0]!.clv).toBeCloseTo(expected * conditionalExpectedSpend(GG, c1), 10);
    expect(r.customers[0]!.expectedPurchases).toBeCloseTo(conditionalExpectedPurchases(BG, c1, 10), 12);
    expect(r.customers[0]!.expectedSpend).toBeCloseTo(conditionalExpectedSpend(GG, c1), 12);
    expect(r).toMatchObject({ horizon: 10, step: 3, discountRate: 0.1, discountPeriod: 3, n: 1 });
  });

  it("allows at most 100,000 steps", () => {
    expect(customerLifetimeValue({ ...base, horizon: 100000, step: 1 }).steps).toBe(100000);
    expect(errorOf(() => customerLifetimeValue({ ...base, horizon: 100001, step: 1 }))).toEqual({
      code: "INVALID_OPTION",
      path: "options.step",
      message: "customerLifetimeValue: options.step must give at most 100000 steps over the horizon, got 100001",
    });
  });

  it("names a missing or bad horizon, step or discount in the house format", () => {
    const opts = { ...base, horizon: 10, step: 1 };
    expect(errorOf(() => customerLifetimeValue({ ...opts, horizon: undefined as never })).message).toBe(
      "customerLifetimeValue: options.horizon is required (a finite number > 0), got undefined",
    );
    expect(errorOf(() => customerLifetimeValue({ ...opts, step: undefined as never })).message).toBe(
      "customerLifetimeValue: options.step is required (a finite number > 0), got undefined",
    );
    expect(errorOf(() => customerLifetimeValue({ ...opts, horizon: 0 })).message).toBe("customerLifetimeValue: options.horizon must be a finite number > 0, got 0");
    expect(errorOf(() => customerLifetimeValue({ ...opts, step: 0 })).message).toBe("customerLifetimeValue: options.step must be a finite number > 0, got 0");
    expect(errorOf(() => customerLifetimeValue({ ...opts, step: -1 })).message).toBe("customerLifetimeValue: options.step must be a finite number > 0, got -1");
    expect(errorOf(() => customerLifetimeValue({ ...opts, customers: 5 as never }))).toMatchObject({ code: "INVALID_INPUT", path: "customers" });
    expect(errorOf(() => customerLifetimeValue({ ...opts, discountPeriod: 0 })).message).toBe(
      "customerLifetimeValue: options.discountPeriod must be a finite number > 0, got 0",
    );
    expect(errorOf(() => customerLifetimeValue({ ...opts, discountRate: -0.5 })).message).toBe(
      "customerLifetimeValue: options.discountRate must be a finite number >= 0, got -0.5",
    );
    expect(errorOf(() => customerLifetimeValue(7 as never)).message).toBe(
      "customerLifetimeValue: input must be an object with purchaseModel, spendModel, customers, horizon and step, got 7",
    );
  });

  it("requires whole opportunities under BG/BB, naming the step or the horizon", () => {
    const opts = { ...base, purchaseModel: BGBB, horizon: 6, step: 2 };
    expect(customerLifetimeValue(opts).steps).toBe(3);
    expect(errorOf(() => customerLifetimeValue({ ...opts, step: 1.5 })).message).toBe(
      "customerLifetimeValue: options.step must be an integer number of opportunities under BG/BB, got 1.5",
    );
    expect(errorOf(() => customerLifetimeValue({ ...opts, horizon: 5.5 }))).toEqual({
      code: "INVALID_OPTION",
      path: "options.horizon",
      message: "customerLifetimeValue: options.horizon must be an integer number of opportunities under BG/BB, got 5.5",
    });
    expect(errorOf(() => customerLifetimeValue({ ...opts, horizon: 5.5, step: 1.5 })).path).toBe("options.step");
    // Continuous models take fractional steps and horizons.
    expect(customerLifetimeValue({ ...base, horizon: 5.5, step: 1.5 }).steps).toBe(4);
  });
});

describe("customerLifetimeValue per customer", () => {
  it("values each history on its own (identical histories are computed once)", () => {
    const c2 = { customerId: "c2", frequency: 7, recency: 35, T: 38.86, monetaryValue: 40 };
    const c3 = { customerId: "c3", frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 };
    const input = { purchaseModel: MBG, spendModel: GG, horizon: 52, step: 4.345, discountRate: 0.01 };
    const together = customerLifetimeValue({ ...input, customers: [c1, c2, c3, { ...c1, customerId: "c1b" }] });
    const alone = [c1, c2, c3].map((c) => customerLifetimeValue({ ...input, customers: [c] }).customers[0]!);
    expect(together.customers.map((c) => c.clv)).toEqual([alone[0]!.clv, alone[1]!.clv, alone[2]!.clv, alone[0]!.clv]);
    expect(together.customers.map((c) => c.expectedPurchases)).toEqual([alone[0]!.expectedPurchases, alone[1]!.expectedPurchases, alone[2]!.expectedPurchases, alone[0]!.expectedPurchases]);
    expect(together.customers[3]!.customerId).toBe("c1b");
    expect(new Set(together.customers.map((c) => c.clv)).size).toBe(3);
  });

  it("gives a customer without repeat purchases the population mean spend, whatever the monetary value says", () => {
    const input = { purchaseModel: BG, spendModel: GG, horizon: 52, step: 52 };
    const r = customerLifetimeValue({ ...input, customers: [{ frequency: 0, recency: 0, T: 30, monetaryValue: -5 }] });
    const { p, q, gamma } = GG.params;
    expect(r.customers[0]!.expectedSpend).toBeCloseTo((p * gamma) / (q - 1), 12);
    expect(r.customers[0]!.clv).toBeCloseTo(((p * gamma) / (q - 1)) * conditionalExpectedPurchases(BG, { frequency: 0, recency: 0, T: 30 }, 52), 10);
    expect(errorOf(() => customerLifetimeValue({ ...input, customers: [{ frequency: 1, recency: 0, T: 30 } as never] })).message).toBe(
      "customerLifetimeValue: customers[0].monetaryValue must be a finite number >= 0, got undefined",
    );
  });

  it("sums the customers' values with compensation (a large value between small ones loses nothing)", () => {
    // Same history, so clv is nearly proportional to the expected spend; the second customer's
    // is about 1e16 times the others'. Plain left-to-right addition, or either half of the
    // compensation alone, is off in the last digits here.
    const h = { frequency: 2, recency: 30.43, T: 38.86 };
    const r = customerLifetimeValue({
      purchaseModel: BG,
      spendModel: GG,
      customers: [{ ...h, monetaryValue: 2 }, { ...h, monetaryValue: 1e17 }, { ...h, monetaryValue: 2 }, { ...h, monetaryValue: 2 }],
      horizon: 52,
      step: 52,
    });
    const values = r.customers.map((c) => c.clv);
    expect(r.totalClv).toBe(exactSum(values));
    expect(r.meanClv).toBe(exactSum(values) / 4);
  });
});

/** The correctly rounded sum of doubles through exact BigInt arithmetic (values in [2^-140, 2^1000)). */
function exactSum(values: readonly number[]): number {
  const view = new DataView(new ArrayBuffer(8));
  let total = 0n;
  for (const v of values) {
    view.setFloat64(0, v);
    const bits = view.getBigUint64(0);
    const exponent = (bits >> 52n) & 0x7ffn;
    const mantissa = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
    // v = mantissa * 2^(exponent - 1075); total holds the sum times 2^200.
    total += mantissa << (exponent - 1075n + 200n);
  }
  // Number() rounds a BigInt to the nearest double; dividing by 2^200 is then exact.
  return Number(total) / 2 ** 200;
}
