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

/** `count` draws of `f`. */
function draws<T>(count: number, f: () => T): T[] {
  return Array.from({ length: count }, f);
}

describe("createRandom streams", () => {
  it("draws the sfc32 stream seeded through splitmix32, after 12 discarded outputs", () => {
    // 32-bit outputs computed by an independent Python implementation of splitmix32 and
    // sfc32 (Doty-Humphrey's small fast counting generator), M = 0xffffffff:
    //   def splitmix():  s = (s + 0x9e3779b9) & M; z = s
    //                    z = ((z ^ z >> 16) * 0x85ebca6b) & M; z = ((z ^ z >> 13) * 0xc2b2ae35) & M
    //                    return z ^ z >> 16
    //   a, b, c, d = (splitmix() for 4 draws)
    //   def sfc32():     t = (a + b + d) & M; d = (d + 1) & M; a = b ^ b >> 9
    //                    b = (c + (c << 3)) & M; c = ((c << 21 | c >> 11) & M) + t & M; return t
    //   12 outputs discarded, then the next four for each seed.
    const expected: [number, number[]][] = [
      [1, [1828152527, 3394835397, 2967886022, 2251045104]],
      [42, [1028872839, 2516511472, 400437680, 853279530]],
      [0xdeadbeef, [2442117875, 788981206, 3066316946, 3016461537]],
    ];
    for (const [seed, words] of expected) {
      const r = createRandom(seed);
      expect(draws(4, () => r.next() * 4294967296)).toEqual(words);
    }
    // the seed is read as an unsigned 32-bit integer
    expect(createRandom(2 ** 32 + 1).next()).toBe(createRandom(1).next());
  });

  it("pairs normal draws by the Box-Muller transform of two uniforms, cosine first then sine", () => {
    const r = createRandom(7);
    const u = createRandom(7);
    for (let i = 0; i < 500; i++) {
      const u1 = u.next();
      const u2 = u.next();
      const radius = Math.sqrt(-2 * Math.log(u1));
      expect(r.normal()).toBeCloseTo(radius * Math.cos(2 * Math.PI * u2), 12);
      expect(r.normal()).toBeCloseTo(radius * Math.sin(2 * Math.PI * u2), 12);
    }
  });

  it("draws gamma variates by Marsaglia and Tsang's method, boosting shapes below 1", () => {
    // Marsaglia & Tsang (2000), "A simple method for generating gamma variables", from the
    // paper's code: shape a >= 1 by squeeze and log acceptance of d·v with v = (1 + c·x)^3;
    // a < 1 as Gamma(a + 1) · U^(1/a), the uniform drawn first.
    const marsagliaTsang = (src: ReturnType<typeof createRandom>, a: number): number => {
      if (a < 1) {
        let w = 0;
        while (w === 0) w = src.next();
        return marsagliaTsang(src, a + 1) * Math.pow(w, 1 / a);
      }
      const d = a - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        let x = src.normal();
        let v = 1 + c * x;
        while (v <= 0) {
          x = src.normal();
          v = 1 + c * x;
        }
        v = v * v * v;
        const w = src.next();
        const x2 = x * x;
        if (w < 1 - 0.0331 * x2 * x2) return d * v;
        if (Math.log(w) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
      }
    };
    for (const [shape, rate] of [[0.5, 2], [1, 1], [2.5, 1], [30, 0.1]] as const) {
      const r = createRandom(11);
      const ref = createRandom(11);
      for (let i = 0; i < 3000; i++) {
        const want = marsagliaTsang(ref, shape) / rate;
        expect(r.gamma(shape, rate)).toBeCloseTo(want, 10);
      }
    }
  });

  it("draws beta variates as G1 / (G1 + G2) of two gamma draws", () => {
    const r = createRandom(5);
    const ref = createRandom(5);
    for (let i = 0; i < 200; i++) {
      const g1 = ref.gamma(2, 1);
      const g2 = ref.gamma(0.7, 1);
      expect(r.beta(2, 0.7)).toBeCloseTo(g1 / (g1 + g2), 12);
    }
  });

  it("draws Poisson counts below mean 30 by multiplying uniforms until the product reaches exp(-mean)", () => {
    for (const mean of [0.3, 2.5, 29.5]) {
      const r = createRandom(3);
      const ref = createRandom(3);
      for (let i = 0; i < 1000; i++) {
        const limit = Math.exp(-mean);
        let k = 0;
        for (let p = ref.next(); p > limit; p *= ref.next()) k++;
        expect(r.poisson(mean)).toBe(k);
      }
    }
  });

  it("splits a Poisson mean of 30 or more at the m-th arrival of a unit-rate process, m = floor(0.875 mean)", () => {
    // Arrival m comes at G ~ Gamma(m, 1). When G > mean, the count in [0, mean] is
    // Binomial(m - 1, mean / G); otherwise it is m plus a Poisson count with mean - G.
    let below = 0;
    for (const mean of [30, 100, 1000.5]) {
      const r = createRandom(9);
      const ref = createRandom(9);
      const m = Math.floor(mean * 0.875);
      for (let i = 0; i < 400; i++) {
        const g = ref.gamma(m, 1);
        let want: number;
        if (g > mean) {
          below++;
          want = 0;
          for (let j = 0; j < m - 1; j++) if (ref.next() < mean / g) want++;
        } else {
          want = m + ref.poisson(mean - g);
        }
        expect(r.poisson(mean)).toBe(want);
      }
    }
    // both branches were taken
    expect(below).toBeGreaterThan(50);
    expect(below).toBeLessThan(1100);
  });

  it("returns 0 for a Poisson mean of 0, a negative mean or NaN, without drawing", () => {
    const r = createRandom(1);
    expect([r.poisson(0), r.poisson(-1), r.poisson(Number.NaN)]).toEqual([0, 0, 0]);
    expect(r.next()).toBe(createRandom(1).next());
  });

  it("makes bernoulli(p) true exactly when the uniform draw is below p", () => {
    const u = createRandom(1).next(); // 1828152527 / 2^32
    expect(createRandom(1).bernoulli(u)).toBe(false);
    expect(createRandom(1).bernoulli(u + 2 ** -32)).toBe(true);
    expect(createRandom(1).bernoulli(0)).toBe(false);
    expect(createRandom(1).bernoulli(1)).toBe(true);
  });
});
