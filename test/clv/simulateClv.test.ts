import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulateClv } from "../../src/synthetic/simulateClv.js";
import { errorOf } from "./data.js";

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

  it("rounds times to the grid", () => {
    const sim = simulateClv({ customers: 100, resolution: 1, T: { min: 10, max: 20 }, seed: 3 });
    expect(sim.customers.every((c) => Number.isInteger(c.T) && Number.isInteger(c.recency))).toBe(true);
  });

  it("validates its options", () => {
    expect(errorOf(() => simulateClv({ model: "nope" as never }))).toMatchObject({ code: "INVALID_OPTION", path: "options.model" });
    expect(errorOf(() => simulateClv({ params: { r: -1 } }))).toMatchObject({ code: "INVALID_OPTION", path: "options.params.r" });
    expect(errorOf(() => simulateClv({ params: 3 as never }))).toMatchObject({ path: "options.params" });
    expect(errorOf(() => simulateClv({ T: { min: 5, max: 2 } }))).toMatchObject({ path: "options.T.max" });
    expect(errorOf(() => simulateClv({ T: "x" as never }))).toMatchObject({ path: "options.T" });
    expect(errorOf(() => simulateClv({ model: "bg-bb", T: 2.5 }))).toMatchObject({ path: "options.T" });
    expect(errorOf(() => simulateClv({ spend: { p: 1, q: 0, gamma: 1 } }))).toMatchObject({ path: "options.spend.q" });
    expect(errorOf(() => simulateClv({ spend: 1 as never }))).toMatchObject({ path: "options.spend" });
    expect(errorOf(() => simulateClv({ customers: -1 }))).toMatchObject({ path: "options.customers" });
  });
});
