import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulateAsync, ces, createSatisfactionAccumulator, CrmMetricsError, csat, nps } from "../../src/index.js";

describe("createSatisfactionAccumulator", () => {
  it("gives exactly the one-shot result for NPS, CSAT and CES", () => {
    const s = [10, 9, 8, 6, 10, 0, 7];
    expect(createSatisfactionAccumulator({ metric: "nps" }).addAll(s).result()).toEqual(nps(s));
    expect(createSatisfactionAccumulator({ metric: "nps", method: "wald", level: 0.9 }).addAll(s).result()).toEqual(nps(s, { method: "wald", level: 0.9 }));
    const c = [5, 4, 3, 1, 5];
    expect(createSatisfactionAccumulator({ metric: "csat" }).addAll(c).result()).toEqual(csat(c));
    expect(createSatisfactionAccumulator({ metric: "csat", scale: 7, satisfiedMin: 5 }).addAll([7, 5, 2]).result()).toEqual(csat([7, 5, 2], { scale: 7, satisfiedMin: 5 }));
    const e = [7, 6, 5, 3, 7];
    expect(createSatisfactionAccumulator({ metric: "ces" }).addAll(e).result()).toEqual(ces(e));
    expect(createSatisfactionAccumulator({ metric: "ces", version: 1, easyThreshold: 1 }).addAll([1, 2, 5]).result()).toEqual(ces([1, 2, 5], { version: 1, easyThreshold: 1 }));
  });

  it("merges any split of the input, in any order, into the single-pass result", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.integer({ min: 0, max: 10 }), weight: fc.integer({ min: 1, max: 4 }) }), { maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (rows, cuts, reverse) => {
          const points = [...new Set(cuts.map((c) => (rows.length === 0 ? 0 : c % rows.length)))].sort((a, b) => a - b);
          const bounds = [0, ...points, rows.length];
          const parts = bounds.slice(1).map((end, i) => {
            const acc = createSatisfactionAccumulator({ metric: "nps" });
            rows.slice(bounds[i], end).forEach((r) => acc.add({ kind: "nps", score: r.score }, r.weight));
            return acc;
          });
          if (reverse) parts.reverse();
          const merged = parts.reduce((a, b) => a.merge(b.toJSON()), createSatisfactionAccumulator({ metric: "nps" }));
          const single = nps(rows.map((r) => r.score), { weights: rows.map((r) => r.weight) });
          const got = merged.result();
          expect(got.n).toBe(single.n);
          expect(got.promoters).toBe(single.promoters);
          if (single.score === null) expect(got.score).toBeNull();
          else {
            expect(got.score!).toBeCloseTo(single.score, 10);
            expect(got.standardError!).toBeCloseTo(single.standardError!, 10);
          }
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });

  it("round-trips its state through JSON", () => {
    const a = createSatisfactionAccumulator({ metric: "csat" }).addAll([5, 4, 2]);
    const state = JSON.parse(JSON.stringify(a)) as ReturnType<typeof a.toJSON>;
    const b = createSatisfactionAccumulator({ metric: "csat" }).merge(state);
    expect(b.result()).toEqual(a.result());
    expect(b.n).toBe(3);
  });

  it("reports bad responses with the running index and refuses foreign states", () => {
    const acc = createSatisfactionAccumulator({ metric: "nps" }).add(9);
    expect(() => acc.add(12)).toThrow("createSatisfactionAccumulator: input[1] must be an integer from 0 to 10, got 12");
    expect(() => acc.add(9, 0)).toThrow(CrmMetricsError);
    expect(() => acc.merge(createSatisfactionAccumulator({ metric: "csat" }) as never)).toThrow(CrmMetricsError);
    expect(() => acc.merge({ ...acc.toJSON(), counts: [1] })).toThrow(CrmMetricsError);
    expect(() => acc.merge({ ...acc.toJSON(), n: Number.NaN })).toThrow(CrmMetricsError);
    const c = createSatisfactionAccumulator({ metric: "csat", scale: 7 });
    expect(() => c.add({ kind: "csat", score: 5, scale: 5 })).toThrow("createSatisfactionAccumulator: input[0].scale must equal the accumulator's scale (7), got 5");
    expect(() => createSatisfactionAccumulator({ metric: "x" as never })).toThrow(CrmMetricsError);
    expect(() => createSatisfactionAccumulator({ metric: "csat", scale: 4 as never })).toThrow(CrmMetricsError);
    expect(() => createSatisfactionAccumulator({ metric: "ces", version: 3 as never })).toThrow(CrmMetricsError);
    expect(acc.n).toBe(1);
  });

  it("gives null metrics when empty", () => {
    expect(createSatisfactionAccumulator({ metric: "ces" }).result().meanScore).toBeNull();
  });
});

describe("accumulateAsync", () => {
  it("feeds async and sync iterables", async () => {
    async function* rows(): AsyncGenerator<number> {
      yield 10;
      yield 9;
      yield 3;
    }
    const a = await accumulateAsync(rows(), createSatisfactionAccumulator({ metric: "nps" }));
    expect(a.result().score).toBeCloseTo(100 / 3, 10);
    const b = await accumulateAsync([10, 9, 3], createSatisfactionAccumulator({ metric: "nps" }));
    expect(b.result()).toEqual(a.result());
  });

  it("rejects what is not iterable and passes on add errors", async () => {
    await expect(accumulateAsync(5 as never, createSatisfactionAccumulator({ metric: "nps" }))).rejects.toThrow(CrmMetricsError);
    await expect(accumulateAsync([11], createSatisfactionAccumulator({ metric: "nps" }))).rejects.toThrow("input[0]");
  });
});
