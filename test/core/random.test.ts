import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/core/random.js";

describe("createRandom", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const c = createRandom(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    xs.forEach((x) => {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    });
  });

  it("draws from distributions with the right moments", () => {
    const r = createRandom(42);
    const n = 100_000;
    const mean = (f: () => number): [number, number] => {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = f();
        s += x;
        s2 += x * x;
      }
      return [s / n, s2 / n - (s / n) ** 2];
    };
    const [gm, gv] = mean(() => r.gamma(0.5, 2));
    expect(gm).toBeCloseTo(0.25, 2);
    expect(gv).toBeCloseTo(0.125, 2);
    const [g3] = mean(() => r.gamma(3, 1));
    expect(g3).toBeCloseTo(3, 1);
    const [pm, pv] = mean(() => r.poisson(100));
    expect(Math.abs(pm - 100)).toBeLessThan(0.3);
    expect(Math.abs(pv - 100)).toBeLessThan(3);
    const [ps] = mean(() => r.poisson(2.5));
    expect(ps).toBeCloseTo(2.5, 1);
    expect(r.poisson(0)).toBe(0);
    const [bm] = mean(() => r.beta(2, 5));
    expect(bm).toBeCloseTo(2 / 7, 2);
    const [em] = mean(() => r.exponential(4));
    expect(em).toBeCloseTo(0.25, 2);
    const [nm, nv] = mean(() => r.normal());
    expect(Math.abs(nm)).toBeLessThan(0.02);
    expect(nv).toBeCloseTo(1, 1);
    const [bern] = mean(() => (r.bernoulli(0.3) ? 1 : 0));
    expect(bern).toBeCloseTo(0.3, 2);
    const ints = new Set(Array.from({ length: 1000 }, () => r.int(6)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
