import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedPurchases } from "../../src/clv/expectedPurchases.js";
import { probabilityOfPurchases } from "../../src/clv/probabilityOfPurchases.js";
import type { PurchaseModelSpec } from "../../src/clv/types.js";
import { hyp2f1 } from "../../src/core/stats/hyp2f1.js";
import { logBeta } from "../../src/core/stats/special.js";
import { simulateClv, type SimulateClvOptions } from "../../src/synthetic/simulateClv.js";
import { messageOf } from "../support/errors.js";
import { expectMean, expectOptionErrors, expectShare, meanAndStandardError } from "./stats.js";

type Model = NonNullable<SimulateClvOptions["model"]>;
const MODELS: readonly Model[] = ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"];
const CDNOW_SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };

/**
 * P(alive at the end of observation) for a new customer, unconditionally:
 * - BG/NBD: alive iff no repeat purchase in (0, T] triggered the dropout, probability
 *   exp(-lambda p T); over Gamma(r, alpha) that is (alpha / (alpha + p T))^r, and over
 *   p ~ Beta(a, b) Euler's integral gives 2F1(r, a; a + b; -T / alpha).
 * - MBG/NBD: also survive the dropout chance at time 0, a factor (1 - p):
 *   b / (a + b) 2F1(r, a; a + b + 1; -T / alpha).
 * - Pareto/NBD: lifetime Exp(mu), mu ~ Gamma(s, beta): (beta / (beta + T))^s.
 * - BG/BB: survive T opportunities, (1 - theta)^T over Beta(gamma, delta):
 *   B(gamma, delta + T) / B(gamma, delta).
 */
function aliveShare(model: Model, p: Readonly<Record<string, number>>, T: number): number {
  switch (model) {
    case "bg-nbd":
      return hyp2f1(p.r!, p.a!, p.a! + p.b!, -T / p.alpha!);
    case "mbg-nbd":
      return (p.b! / (p.a! + p.b!)) * hyp2f1(p.r!, p.a!, p.a! + p.b! + 1, -T / p.alpha!);
    case "pareto-nbd":
      return (p.beta! / (p.beta! + T)) ** p.s!;
    default:
      return Math.exp(logBeta(p.gamma!, p.delta! + T) - logBeta(p.gamma!, p.delta!));
  }
}

describe("simulateClv", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = simulateClv({ customers: 50, seed: 1 });
    const b = simulateClv({ customers: 50, seed: 1 });
    const c = simulateClv({ customers: 50, seed: 2 });
    expect(a).toEqual(b);
    expect(a.customers).not.toEqual(c.customers);
    expect(a.model).toBe("bg-nbd");
    expect(a.params).toEqual({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
  });

  it("defaults to 1000 customers, seed 42, T = 39 (BG/BB: 6 opportunities) and each model's published estimates", () => {
    const sim = simulateClv();
    expect(sim.customers).toHaveLength(1000);
    expect(sim).toEqual(simulateClv({ seed: 42, model: "bg-nbd", T: 39, resolution: 0 }));
    expect(sim.customers.every((c) => c.T === 39 && c.periods === 39)).toBe(true);
    const bgbb = simulateClv({ model: "bg-bb", customers: 20 });
    expect(bgbb.customers.every((c) => c.T === 6 && c.periods === 6)).toBe(true);
    expect(bgbb.params).toEqual({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
    expect(simulateClv({ model: "mbg-nbd", customers: 0 }).params).toEqual({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 });
    expect(simulateClv({ model: "pareto-nbd", customers: 0 }).params).toEqual({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 });
    expect(simulateClv({ customers: 0 }).customers).toEqual([]);
  });

  it("names the customers c1, c2, ... in order and gives BG/BB customers periods equal to T", () => {
    const sim = simulateClv({ model: "bg-bb", customers: 12, seed: 5, T: { min: 1, max: 9 } });
    expect(sim.customers.map((c) => c.customerId)).toEqual(Array.from({ length: 12 }, (_, i) => `c${i + 1}`));
    for (const c of sim.customers) expect(c.periods).toBe(c.T);
  });

  it("keeps the parameters given for the model and the defaults for the others, ignoring other models' names", () => {
    expect(simulateClv({ customers: 0, params: { r: 0.5, s: 3 } }).params).toEqual({ r: 0.5, alpha: 4.414, a: 0.793, b: 2.426 });
    expect(simulateClv({ model: "pareto-nbd", customers: 0, params: { beta: 2, a: 9 } }).params).toEqual({
      r: 0.553,
      alpha: 10.58,
      s: 0.606,
      beta: 2,
    });
    expect(simulateClv({ model: "bg-bb", customers: 0, params: { delta: 1, r: 9 } }).params).toEqual({
      alpha: 1.204,
      beta: 0.75,
      gamma: 0.657,
      delta: 1,
    });
  });

  // The first customers of seed 3 with CDNOW spend, printed when written; each row is checked
  // against the model's rules too (recency of the last of `frequency` repeat purchases, in
  // (0, T]; a mean spend only with a repeat purchase).
  const FIRST: Record<Model, readonly (readonly [number, number, number, number, boolean])[]> = {
    "bg-nbd": [
      [0, 0, 39, 0, true],
      [2, 25.77992770785275, 39, 45.046168451990624, false],
      [0, 0, 39, 0, true],
      [0, 0, 39, 0, true],
    ],
    "mbg-nbd": [
      [1, 22.414961556255612, 39, 23.08169160892458, true],
      [0, 0, 39, 0, true],
      [2, 24.161200907427773, 39, 25.027578855862835, true],
      [1, 2.1093002108059933, 39, 34.56158815931791, false],
    ],
    "pareto-nbd": [
      [0, 0, 39, 0, false],
      [1, 1.5560357923781252, 39, 91.7771396456399, false],
      [0, 0, 39, 0, false],
      [0, 0, 39, 0, true],
    ],
    "bg-bb": [
      [2, 3, 6, 55.12611255860136, false],
      [3, 4, 6, 98.08318935252504, true],
      [0, 0, 6, 0, false],
      [4, 4, 6, 23.761731628878177, false],
    ],
  };

  it.each(MODELS)("gives the same first customers of seed 3 under %s as when written", (model) => {
    const sim = simulateClv({ model, customers: 4, seed: 3, spend: CDNOW_SPEND });
    expect(sim.model).toBe(model);
    sim.customers.forEach((c, i) => {
      const [frequency, recency, T, monetaryValue, alive] = FIRST[model][i]!;
      expect(c.frequency).toBe(frequency);
      expect(c.recency).toBeCloseTo(recency, 10);
      expect(c.T).toBe(T);
      expect(c.monetaryValue).toBeCloseTo(monetaryValue, 10);
      expect(c.alive).toBe(alive);
      expect(c.recency > 0).toBe(c.frequency > 0);
      expect(c.recency).toBeLessThanOrEqual(c.T);
      expect(c.monetaryValue > 0).toBe(c.frequency > 0);
      if (model === "bg-bb") expect(Number.isInteger(c.recency) && c.recency >= c.frequency).toBe(true);
    });
  });

  it.each(MODELS)("matches %s's expected repeat purchases, zero-purchase share and alive share at T", (model) => {
    const n = 20_000;
    const sim = simulateClv({ model, customers: n, seed: 1 });
    const T = model === "bg-bb" ? 6 : 39;
    const spec = { model, params: sim.params } as unknown as PurchaseModelSpec;
    expectMean(sim.customers.map((c) => c.frequency), expectedPurchases(spec, T));
    expectShare(sim.customers.filter((c) => c.frequency === 0).length, n, probabilityOfPurchases(spec, 0, T));
    expectShare(sim.customers.filter((c) => c.alive).length, n, aliveShare(model, sim.params, T));
  });

  it.each(MODELS)("matches %s's closed forms with other parameters and T too", (model) => {
    const params: Record<Model, Record<string, number>> = {
      "bg-nbd": { r: 2, alpha: 10, a: 2, b: 5 },
      "mbg-nbd": { r: 2, alpha: 10, a: 2, b: 5 },
      "pareto-nbd": { r: 2, alpha: 10, s: 2, beta: 20 },
      "bg-bb": { alpha: 2, beta: 3, gamma: 1.5, delta: 6 },
    };
    const n = 20_000;
    const T = model === "bg-bb" ? 9 : 20;
    const sim = simulateClv({ model, customers: n, seed: 2, params: params[model], T });
    expect(sim.params).toEqual(params[model]);
    const spec = { model, params: sim.params } as unknown as PurchaseModelSpec;
    expectMean(sim.customers.map((c) => c.frequency), expectedPurchases(spec, T));
    expectShare(sim.customers.filter((c) => c.frequency === 0).length, n, probabilityOfPurchases(spec, 0, T));
    expectShare(sim.customers.filter((c) => c.alive).length, n, aliveShare(model, sim.params, T));
    const recency = meanAndStandardError(sim.customers.filter((c) => c.frequency > 0).map((c) => c.recency / c.T));
    expect(recency.mean).toBeGreaterThan(0.3);
    expect(recency.mean).toBeLessThan(1);
  });

  it("draws spend whose mean per buyer is the Gamma-Gamma mean p gamma / (q - 1), and none without spend", () => {
    // Each buyer's mean spend is p / nu on average, and E[1 / nu] = gamma / (q - 1) for nu ~ Gamma(q, gamma).
    const spend = { p: 6, q: 4, gamma: 15 };
    const sim = simulateClv({ customers: 20_000, seed: 4, spend, params: { r: 2, alpha: 10, a: 2, b: 5 } });
    const buyers = sim.customers.filter((c) => c.frequency > 0);
    expectMean(buyers.map((c) => c.monetaryValue), (6 * 15) / 3);
    expect(sim.customers.filter((c) => c.frequency === 0).every((c) => c.monetaryValue === 0)).toBe(true);
    const without = simulateClv({ customers: 2000, seed: 4, params: { r: 2, alpha: 10, a: 2, b: 5 } });
    expect(without.customers.some((c) => c.frequency > 0)).toBe(true);
    expect(without.customers.every((c) => c.monetaryValue === 0)).toBe(true);
  });

  it("averages a buyer's spend over the repeat purchases: the spread of the means shrinks with frequency", () => {
    // Given nu, the mean of x Gamma(p, nu) amounts has variance p / (x nu^2): more purchases, tighter means.
    const sim = simulateClv({ customers: 20_000, seed: 6, spend: { p: 2, q: 50, gamma: 490 }, params: { r: 4, alpha: 4, a: 2, b: 20 } });
    const spread = (pred: (x: number) => boolean): number => {
      const values = sim.customers.filter((c) => pred(c.frequency)).map((c) => c.monetaryValue);
      return meanAndStandardError(values).se * Math.sqrt(values.length);
    };
    // nu ~ Gamma(50, 490) is about 0.102 (CV 1 / sqrt(50)): one amount has SD sqrt(2) / nu = 13.9, and nu's
    // own spread adds about 2.8 to the means' SD; so one purchase spreads about 14, ten or more at most
    // 13.9 / sqrt(10) = 4.4 plus that (printed when written: 14.5 and 4.4).
    expect(spread((x) => x === 1)).toBeGreaterThan(12);
    expect(spread((x) => x >= 10)).toBeLessThan(6);
  });

  it("draws T uniformly from a range: continuous on [min, max), BG/BB each integer min..max about equally often", () => {
    const n = 8000;
    const cont = simulateClv({ customers: n, seed: 8, T: { min: 10, max: 40 } }).customers.map((c) => c.T);
    expect(Math.min(...cont)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...cont)).toBeLessThan(40);
    expectMean(cont, 25);
    const disc = simulateClv({ model: "bg-bb", customers: n, seed: 8, T: { min: 2, max: 9 } }).customers.map((c) => c.T);
    for (let T = 2; T <= 9; T++) expectShare(disc.filter((t) => t === T).length, n, 1 / 8);
    expect(disc.every((t) => t >= 2 && t <= 9)).toBe(true);
    expect(simulateClv({ customers: 5, seed: 8, T: { min: 7, max: 7 } }).customers.every((c) => c.T === 7)).toBe(true);
    expect(simulateClv({ model: "bg-bb", customers: 5, T: { min: 4, max: 4 } }).customers.every((c) => c.T === 4)).toBe(true);
  });

  it("rounds T and purchase times down to the grid", () => {
    const sim = simulateClv({ customers: 100, resolution: 1, T: { min: 10, max: 20 }, seed: 3 });
    expect(sim.customers.every((c) => Number.isInteger(c.T) && Number.isInteger(c.recency))).toBe(true);
    // Printed when written: T 14, 17 4/7, 15 6/7, 14 6/7 on a weekly grid in days-as-weeks.
    const weekly = simulateClv({ customers: 4, seed: 3, T: { min: 10, max: 20 }, resolution: 1 / 7 }).customers.map((c) => c.T * 7);
    [98, 123, 111, 104].forEach((days, i) => expect(weekly[i]).toBeCloseTo(days, 9));
    expect(simulateClv({ customers: 1, T: 10.9, resolution: 1 }).customers[0]!.T).toBe(10);
    const buyers = simulateClv({ customers: 500, seed: 1, resolution: 0.5 }).customers.filter((c) => c.frequency > 0);
    expect(buyers.length).toBeGreaterThan(100);
    expect(buyers.every((c) => Number.isInteger(c.recency * 2))).toBe(true);
    expect(simulateClv({ customers: 500, seed: 1 }).customers.some((c) => !Number.isInteger(c.recency * 2))).toBe(true);
  });

  it("does not lose a grid step to binary rounding: 0.3 on a 0.1 grid stays 0.3, though 0.3 / 0.1 is 2.9999999999999996", () => {
    expect(simulateClv({ customers: 1, T: 0.3, resolution: 0.1 }).customers[0]!.T).toBeCloseTo(0.3, 12);
    expect(simulateClv({ customers: 1, T: 39, resolution: 1 / 7 }).customers[0]!.T).toBeCloseTo(39, 12);
  });

  it("produces valid histories for every model", () => {
    fc.assert(
      fc.property(fc.constantFrom("bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb" as const), fc.nat(10000), (model, seed) => {
        const sim = simulateClv({ model, customers: 200, seed, T: model === "bg-bb" ? { min: 3, max: 8 } : { min: 10, max: 40 }, resolution: 1 / 7, spend: { p: 6, q: 4, gamma: 15 } });
        return sim.customers.every(
          (c) =>
            Number.isInteger(c.frequency) &&
            c.recency >= 0 &&
            c.recency <= c.T &&
            (c.frequency > 0 || c.recency === 0) &&
            (c.frequency > 0 ? c.monetaryValue > 0 : c.monetaryValue === 0) &&
            (model !== "bg-bb" || (Number.isInteger(c.T) && c.T >= 3 && c.T <= 8 && c.frequency <= c.T)),
        );
      }),
      { seed: 42, numRuns: 20 },
    );
  });

  it("rejects bad options with their path and the rule", () => {
    const cases: [SimulateClvOptions, string, string][] = [
      [{ model: "nope" as never }, "model", 'must be one of "bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb", got "nope"'],
      [{ customers: -1 }, "customers", "must be an integer >= 0, got -1"],
      [{ customers: 1.5 }, "customers", "must be an integer >= 0, got 1.5"],
      [{ customers: 10_000_001 }, "customers", "must be at most 10000000, got 10000001"],
      [{ seed: 1.5 }, "seed", "must be an integer, got 1.5"],
      [{ resolution: -1 }, "resolution", "must be a finite number >= 0, got -1"],
      [{ params: 3 as never }, "params", "must be an object, got 3"],
      [{ params: null as never }, "params", "must be an object, got null"],
      [{ params: { r: -1 } }, "params.r", "must be a finite number > 0, got -1"],
      [{ params: { alpha: 0 } }, "params.alpha", "must be a finite number > 0, got 0"],
      [{ model: "pareto-nbd", params: { beta: "x" as never } }, "params.beta", 'must be a finite number > 0, got "x"'],
      [{ model: "bg-bb", params: { delta: -2 } }, "params.delta", "must be a finite number > 0, got -2"],
      [{ T: 0 }, "T", "must be a finite number > 0, got 0"],
      [{ model: "bg-bb", T: 0 }, "T", "must be an integer >= 1, got 0"],
      [{ model: "bg-bb", T: 2.5 }, "T", "must be an integer >= 1, got 2.5"],
      [{ T: "x" as never }, "T", 'must be a number or { min, max }, got "x"'],
      [{ T: null as never }, "T", "must be a number or { min, max }, got null"],
      [{ T: { min: 0, max: 3 } }, "T.min", "must be a finite number > 0, got 0"],
      [{ T: { min: 1, max: 0 } }, "T.max", "must be a finite number > 0, got 0"],
      [{ T: { min: 5, max: 2 } }, "T.max", "must be >= T.min (5), got 2"],
      [{ model: "bg-bb", T: { min: 0.5, max: 3 } }, "T.min", "must be an integer >= 1, got 0.5"],
      [{ model: "bg-bb", T: { min: 2, max: 1.5 } }, "T.max", "must be an integer >= 1, got 1.5"],
      [{ model: "bg-bb", T: { min: 4, max: 3 } }, "T.max", "must be >= T.min (4), got 3"],
      [{ spend: 1 as never }, "spend", "must be an object { p, q, gamma }, got 1"],
      [{ spend: null as never }, "spend", "must be an object { p, q, gamma }, got null"],
      [{ spend: { p: 0, q: 1, gamma: 1 } }, "spend.p", "must be a finite number > 0, got 0"],
      [{ spend: { p: 1, q: 0, gamma: 1 } }, "spend.q", "must be a finite number > 0, got 0"],
      [{ spend: { p: 1, q: 1, gamma: 0 } }, "spend.gamma", "must be a finite number > 0, got 0"],
    ];
    expectOptionErrors("simulateClv", simulateClv, cases);
    expect(messageOf(() => simulateClv(5 as never))).toBe("simulateClv: options must be an object, got 5");
  });

  it("rejects a missing T.min, T.max or spend field instead of silently using 0", () => {
    // Before: { T: { max: 2 } } under BG/BB gave customers with 0 opportunities, and a
    // spend without gamma gave buyers a mean spend of 0.
    const cases: [SimulateClvOptions, string, string][] = [
      [{ T: { max: 5 } as never }, "T.min", "must be a finite number > 0, got undefined"],
      [{ model: "bg-bb", T: { min: 2 } as never }, "T.max", "must be an integer >= 1, got undefined"],
      [{ spend: { q: 2, gamma: 1 } as never }, "spend.p", "must be a finite number > 0, got undefined"],
      [{ spend: { p: 1, gamma: 1 } as never }, "spend.q", "must be a finite number > 0, got undefined"],
      [{ spend: { p: 1, q: 2 } as never }, "spend.gamma", "must be a finite number > 0, got undefined"],
    ];
    expectOptionErrors("simulateClv", simulateClv, cases);
  });
});

describe("simulateClv, seeded stream", () => {
  it("draws nothing more for an MBG/NBD customer who drops out at time 0", () => {
    // Printed when written: c1 drops out before any repeat purchase (frequency 0, not alive);
    // the customers after it are drawn from where its draws stopped.
    const sim = simulateClv({ model: "mbg-nbd", customers: 4, seed: 2 });
    expect(sim.customers.map((c) => [c.frequency, c.alive])).toEqual([
      [0, false],
      [1, true],
      [1, false],
      [0, false],
    ]);
    expect(sim.customers[1]!.recency).toBeCloseTo(24.26017047913409, 10);
    expect(sim.customers[2]!.recency).toBeCloseTo(1.33375883564657, 10);
  });
});
