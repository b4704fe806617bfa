import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulateAsync, ces, createSatisfactionAccumulator, CrmMetricsError, csat, nps } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

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

describe("createSatisfactionAccumulator: options, weights and merged states", () => {
  const fn = "createSatisfactionAccumulator";

  it("accepts each CSAT scale and CES version, and names the rule when one is wrong", () => {
    for (const scale of [5, 7, 10] as const) {
      expect(createSatisfactionAccumulator({ metric: "csat", scale }).add(scale).result().scale).toBe(scale);
    }
    expect(createSatisfactionAccumulator({ metric: "ces", version: 1 }).addAll([1, 2, 3, 5]).result()).toEqual(ces([1, 2, 3, 5], { version: 1 }));
    expect(createSatisfactionAccumulator({ metric: "ces", version: 2 }).addAll([7, 5, 4]).result()).toEqual(ces([7, 5, 4]));
    expect(messageOf(() => createSatisfactionAccumulator({ metric: "csat", scale: 4 as never }))).toBe(`${fn}: options.scale must be 5, 7 or 10, got 4`);
    expect(messageOf(() => createSatisfactionAccumulator({ metric: "ces", version: 3 as never }))).toBe(`${fn}: options.version must be 1 or 2, got 3`);
    expect(messageOf(() => createSatisfactionAccumulator({ metric: "nps", method: "exact" as never }))).toBe(
      `${fn}: options.method must be one of "adjusted-wald", "wald", got "exact"`,
    );
    expect(errorInfo(() => createSatisfactionAccumulator({ metric: "csat", satisfiedMin: 3.5 }))).toBe("INVALID_OPTION options.satisfiedMin");
    expect(errorInfo(() => createSatisfactionAccumulator({ metric: "csat", satisfiedMin: 6 }))).toBe("INVALID_OPTION options.satisfiedMin");
    expect(errorInfo(() => createSatisfactionAccumulator({ metric: "ces", easyThreshold: 2.5 }))).toBe("INVALID_OPTION options.easyThreshold");
    expect(errorInfo(() => createSatisfactionAccumulator({ metric: "ces", version: 1, easyThreshold: 6 }))).toBe("INVALID_OPTION options.easyThreshold");
    // CES 1.0: easy is 1..2 by default (not 1..5)
    expect(createSatisfactionAccumulator({ metric: "ces", version: 1 }).addAll([1, 2, 3, 5]).result().easyShare).toBeCloseTo(0.5, 12);
  });

  it("checks weights: finite numbers > 0, named by the running index", () => {
    const acc = createSatisfactionAccumulator({ metric: "nps" }).add(9, 2).add(0, 0.5);
    expect(acc.result().weightedN).toBeCloseTo(2.5, 12);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "2"]) {
      expect(errorInfo(() => acc.add(9, bad as never))).toBe("INVALID_INPUT weight[2]");
    }
    expect(messageOf(() => acc.add(9, -1))).toBe(`${fn}: weight[2] must be a finite number from 1e-50 to 1e50, got -1`);
    expect(acc.n).toBe(2);
  });

  it("reads the scale of CSAT records only", () => {
    const c = createSatisfactionAccumulator({ metric: "csat", scale: 7 });
    c.add({ kind: "csat", score: 6, scale: 7 }).add({ kind: "csat", score: 6 }).add(6);
    expect(c.n).toBe(3);
    expect(errorInfo(() => c.add({ kind: "csat", score: 6, scale: 10 }))).toBe("INVALID_INPUT input[3].scale");
    // NPS and CES records carry no CSAT scale; a stray one is not compared with the range
    const n = createSatisfactionAccumulator({ metric: "nps" }).add({ kind: "nps", score: 9, scale: 5 } as never);
    expect(n.n).toBe(1);
    const e = createSatisfactionAccumulator({ metric: "ces" }).add({ kind: "ces", score: 6, scale: 5 } as never);
    expect(e.n).toBe(1);
  });

  it("refuses inputs that are not iterable", () => {
    const acc = createSatisfactionAccumulator({ metric: "nps" });
    for (const bad of [null, undefined, 5, "910", {}]) {
      expect(errorInfo(() => acc.addAll(bad as never))).toBe("INVALID_INPUT input");
    }
    expect(messageOf(() => acc.addAll(null as never))).toBe(`${fn}: input must be an array or iterable of responses, got null`);
    expect(acc.addAll(new Set([9, 10])).n).toBe(2);
  });

  it("merges accumulators and plain states, and names what is wrong with a state", () => {
    const a = createSatisfactionAccumulator({ metric: "nps" }).addAll([10, 9, 3]);
    const state = a.toJSON();
    expect(createSatisfactionAccumulator({ metric: "nps" }).merge(a).result()).toEqual(a.result());
    // a state with a `toJSON` field that is not a function is still a state
    expect(createSatisfactionAccumulator({ metric: "nps" }).merge({ ...state, toJSON: 1 } as never).result()).toEqual(a.result());
    const target = createSatisfactionAccumulator({ metric: "nps" });
    for (const bad of [null, 5, "state", [], { ...state, metric: "csat" }, { ...state, min: 1 }, { ...state, max: 9 }]) {
      expect(errorInfo(() => target.merge(bad as never))).toBe("INVALID_INPUT other");
    }
    expect(messageOf(() => target.merge({ ...state, max: 9 }))).toBe(`${fn}: other must be the state of a nps accumulator on 0..10, got an object`);
    // same range, other metric: CES 1.0 (1..5) into CSAT on 1..5
    const ces1 = createSatisfactionAccumulator({ metric: "ces", version: 1 }).add(2);
    expect(errorInfo(() => createSatisfactionAccumulator({ metric: "csat" }).merge(ces1 as never))).toBe("INVALID_INPUT other");
    const counts = [...state.counts];
    for (const bad of [
      { ...state, counts: "x" },
      { ...state, counts: { length: 11 } },
      { ...state, weights: "x" },
      { ...state, counts: counts.slice(1) },
      { ...state, weights: state.weights.slice(1) },
      { ...state, counts: counts.map((c, i) => (i === 3 ? -1 : c)) },
      { ...state, weights: state.weights.map((w, i) => (i === 3 ? Number.NaN : w)) },
      { ...state, sumSquaredWeights: -1 },
      { ...state, n: Number.POSITIVE_INFINITY },
      { ...state, n: "3" },
    ]) {
      expect(errorInfo(() => target.merge(bad as never))).toBe("INVALID_INPUT other");
    }
    expect(messageOf(() => target.merge({ ...state, n: -1 }))).toBe(
      `${fn}: other must have finite, non-negative counts and weights for every score, got an object`,
    );
    expect(target.n).toBe(0);
  });
});
