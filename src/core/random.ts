// Seeded pseudo-random numbers for the synthetic generators, simulations and tests.
// Deterministic for a given seed on every platform.

/** A seeded random source. @internal */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /** Standard normal. */
  normal(): number;
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number;
  /** Gamma with shape k > 0 and rate (mean k/rate). */
  gamma(shape: number, rate: number): number;
  /** Beta(a, b). */
  beta(a: number, b: number): number;
  /** Poisson with the given mean. */
  poisson(mean: number): number;
  /** Bernoulli: true with probability p. */
  bernoulli(p: number): boolean;
}

/**
 * A seeded generator (sfc32 seeded through splitmix32) with samplers for the common
 * distributions: normal (Box-Muller), gamma (Marsaglia & Tsang), beta (two gammas),
 * Poisson (inversion for small means, normal-approximated rejection-free PTRS for large).
 * @internal
 */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const gamma = (shape: number, rate: number): number => {
    if (shape < 1) {
      let u = 0;
      while (u === 0) u = next();
      return gamma(shape + 1, rate) * u ** (1 / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x) return (dd * v) / rate;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return (dd * v) / rate;
    }
  };
  const poisson = (mean: number): number => {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    }
    // Split a large mean into a gamma-distributed waiting time (exact, Ahrens & Dieter style).
    const m = Math.floor(mean * 0.875);
    const g = gamma(m, 1);
    if (g > mean) {
      // k < m: the count is binomial(m - 1, mean / g)
      let k = 0;
      const p = mean / g;
      for (let i = 0; i < m - 1; i++) if (next() < p) k++;
      return k;
    }
    return m + poisson(mean - g);
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal,
    exponential: (rate) => {
      let u = 0;
      while (u === 0) u = next();
      return -Math.log(u) / rate;
    },
    gamma,
    beta: (x, y) => {
      const g1 = gamma(x, 1);
      const g2 = gamma(y, 1);
      return g1 / (g1 + g2);
    },
    poisson,
    bernoulli: (p) => next() < p,
  };
}
