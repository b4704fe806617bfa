import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileSorted, roundTo, RunningMoments, sortedCopy } from "../../../src/core/stats/descriptive.js";

describe("quantileSorted", () => {
  it("interpolates between order statistics as R's quantile(type = 7) does", () => {
    // h = (n - 1) q; Q = x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 14); // R: quantile(1:4, 0.25) = 1.75
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 14);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25, 14);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.9)).toBeCloseTo(46, 12);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 12);
    expect(quantileSorted([1, 3, 6, 10], 0.5)).toBeCloseTo(4.5, 14);
    expect(quantileSorted([1, 3, 6, 10], 1 / 3)).toBeCloseTo(3, 14);
    expect(quantileSorted(Float64Array.of(-5, -1, 0, 7), 0.8)).toBeCloseTo(2.8, 14); // h = 2.4: 0 + 0.4 * 7
  });

  it("gives the minimum at q = 0 and the maximum at q = 1", () => {
    expect(quantileSorted([2, 5, 9], 0)).toBeCloseTo(2, 15);
    expect(quantileSorted([2, 5, 9], 1)).toBeCloseTo(9, 15);
    expect(quantileSorted(Float64Array.of(-3, 4), 1)).toBeCloseTo(4, 15);
  });

  it("gives the one value of a single-element sample for every q, and NaN for an empty one", () => {
    for (const q of [0, 0.3, 1]) expect(quantileSorted([42], q)).toBeCloseTo(42, 15);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(quantileSorted(new Float64Array(0), 0)).toBeNaN();
  });

  it("hits each order statistic at q = k / (n - 1), is monotone in q and stays within [min, max] (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q1, q2) => {
          const sorted = sortedCopy(values);
          const n = sorted.length;
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = quantileSorted(sorted, lo);
          const b = quantileSorted(sorted, hi);
          const tol = 1e-9 * (1 + Math.abs(a) + Math.abs(b));
          expect(a).toBeLessThanOrEqual(b + tol);
          expect(a).toBeGreaterThanOrEqual(sorted[0]! - tol);
          expect(b).toBeLessThanOrEqual(sorted[n - 1]! + tol);
          const k = Math.floor(q1 * (n - 1));
          if (n > 1) expect(quantileSorted(sorted, k / (n - 1))).toBeCloseTo(sorted[k]!, 6);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("sortedCopy", () => {
  it("sorts numerically (not as strings) into a new Float64Array, leaving the input alone", () => {
    const input = [10, 9, 1, -2, 0.5, 100];
    const out = sortedCopy(input);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([-2, 0.5, 1, 9, 10, 100]);
    expect(input).toEqual([10, 9, 1, -2, 0.5, 100]);
  });

  it("reads any iterable", () => {
    function* gen(): Generator<number> {
      yield 3;
      yield -1;
      yield 2;
    }
    expect(Array.from(sortedCopy(gen()))).toEqual([-1, 2, 3]);
    expect(Array.from(sortedCopy(new Set([5, 4])))).toEqual([4, 5]);
    expect(sortedCopy([]).length).toBe(0);
  });

  it("agrees with a numeric Array#sort (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }).map((x) => (x === 0 ? 0 : x))), (values) => {
        expect(Array.from(sortedCopy(values))).toEqual([...values].sort((a, b) => a - b));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("RunningMoments", () => {
  it("gives the mean and sample variance of a textbook sample", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squared deviations 32, sample variance 32 / 7
    const m = new RunningMoments();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) m.add(x);
    expect(m.n).toBe(8);
    expect(m.weight).toBe(8);
    expect(m.mean).toBeCloseTo(5, 14);
    expect(m.m2).toBeCloseTo(32, 12);
    expect(m.sampleVariance()).toBeCloseTo(32 / 7, 13);
  });

  it("treats a weight as that many copies of the value", () => {
    // 1 (weight 2) and 4 (weight 1) = 1, 1, 4: mean 2, squared deviations 1 + 1 + 4 = 6, variance 6 / 2
    const m = new RunningMoments().add(1, 2).add(4, 1);
    expect(m.n).toBe(2);
    expect(m.weight).toBe(3);
    expect(m.mean).toBeCloseTo(2, 14);
    expect(m.m2).toBeCloseTo(6, 13);
    expect(m.sampleVariance()).toBeCloseTo(3, 13);
  });

  it("has no sample variance below a total weight above one", () => {
    expect(new RunningMoments().sampleVariance()).toBeNaN();
    expect(new RunningMoments().add(3).sampleVariance()).toBeNaN();
    // two halves: weight exactly 1 with a spread, still no variance (not Infinity)
    expect(new RunningMoments().add(0, 0.5).add(2, 0.5).sampleVariance()).toBeNaN();
    // weight 1.5: m2 / 0.5; values 0 (w 1) and 3 (w 0.5): mean 1, m2 = 1 * 1 + 0.5 * 4 = 3
    const m = new RunningMoments().add(0, 1).add(3, 0.5);
    expect(m.mean).toBeCloseTo(1, 14);
    expect(m.sampleVariance()).toBeCloseTo(6, 13);
  });

  it("merges with an empty accumulator either way round", () => {
    const a = new RunningMoments().add(1).add(3);
    a.merge(new RunningMoments());
    expect([a.n, a.weight, a.mean, a.m2]).toEqual([2, 2, 2, 2]);
    const b = new RunningMoments().merge(new RunningMoments().add(1).add(3));
    expect([b.n, b.weight, b.mean, b.m2]).toEqual([2, 2, 2, 2]);
    // merging into an empty accumulator is the identity: the other's moments exactly, not recomputed
    // (0.1 * 3 / 3 would be 0.10000000000000002)
    const other = new RunningMoments().add(0.1, 3);
    const copy = new RunningMoments().merge(other);
    expect([copy.n, copy.weight, copy.mean, copy.m2]).toEqual([other.n, other.weight, other.mean, other.m2]);
    const c = new RunningMoments().merge(new RunningMoments());
    expect([c.n, c.weight, c.mean, c.m2]).toEqual([0, 0, 0, 0]);
  });

  it("merges two samples into the moments of their union", () => {
    // {1, 3} and {5, 7, 9}: union mean 5, squared deviations 16 + 4 + 0 + 4 + 16 = 40
    const left = new RunningMoments().add(1).add(3);
    const right = new RunningMoments().add(5).add(7).add(9);
    const merged = left.merge(right);
    expect(merged).toBe(left);
    expect(merged.n).toBe(5);
    expect(merged.weight).toBe(5);
    expect(merged.mean).toBeCloseTo(5, 14);
    expect(merged.m2).toBeCloseTo(40, 12);
    expect(merged.sampleVariance()).toBeCloseTo(10, 13);
  });

  it("gives the two-pass weighted mean and variance, whatever the split (property)", () => {
    const obs = fc.record({ x: fc.double({ min: -1000, max: 1000, noNaN: true }), w: fc.double({ min: 0.1, max: 10, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(obs, { minLength: 2, maxLength: 30 }), fc.nat(), (data, cut) => {
        const k = cut % (data.length + 1);
        const a = new RunningMoments();
        const b = new RunningMoments();
        data.slice(0, k).forEach(({ x, w }) => a.add(x, w));
        data.slice(k).forEach(({ x, w }) => b.add(x, w));
        const merged = a.merge(b);
        const W = data.reduce((s, d) => s + d.w, 0);
        const mean = data.reduce((s, d) => s + d.w * d.x, 0) / W;
        const m2 = data.reduce((s, d) => s + d.w * (d.x - mean) ** 2, 0);
        expect(merged.n).toBe(data.length);
        expect(merged.weight).toBeCloseTo(W, 9);
        expect(Math.abs(merged.mean - mean)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(mean)));
        expect(Math.abs(merged.m2 - m2)).toBeLessThanOrEqual(1e-8 * (1 + m2));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("roundTo", () => {
  it("rounds to the given number of decimals, halves up", () => {
    expect(roundTo(1.23456, 2)).toBeCloseTo(1.23, 15);
    expect(roundTo(1.23556, 2)).toBeCloseTo(1.24, 15);
    expect(roundTo(2.5, 0)).toBeCloseTo(3, 15);
    expect(roundTo(-2.5, 0)).toBeCloseTo(-2, 15);
    expect(roundTo(33.333333, 2)).toBeCloseTo(33.33, 15);
    expect(roundTo(1234.5, -2)).toBeCloseTo(1200, 12);
    expect(roundTo(7, 3)).toBeCloseTo(7, 15);
  });

  it("never returns -0", () => {
    expect(Object.is(roundTo(-0.004, 2), 0)).toBe(true);
    expect(Object.is(roundTo(-0, 3), 0)).toBe(true);
    expect(Object.is(roundTo(-0.4, 0), 0)).toBe(true);
  });
});
