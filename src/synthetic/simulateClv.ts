import { invalidOption } from "../core/errors.js";
import { createRandom } from "../core/random.js";
import { isRecord, resolveEnum, resolveNumberOption, resolveOptions } from "../core/validate.js";

/** Options of {@link simulateClv}. */
export interface SimulateClvOptions {
  /**
   * Purchase model to simulate from.
   * @defaultValue `"bg-nbd"`
   */
  readonly model?: "bg-nbd" | "mbg-nbd" | "pareto-nbd" | "bg-bb";
  /**
   * Model parameters: `{ r, alpha, a, b }` (BG/NBD, MBG/NBD), `{ r, alpha, s, beta }`
   * (Pareto/NBD) or `{ alpha, beta, gamma, delta }` (BG/BB).
   * @defaultValue Fader, Hardie & Lee's CDNOW estimates `{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }`
   *   (BG/BB: FHS's donation estimates `{ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }`)
   */
  readonly params?: Readonly<Record<string, number>>;
  /**
   * Number of customers, at most 10,000,000.
   * @defaultValue `1000`
   */
  readonly customers?: number;
  /**
   * Observation length T in the model's time unit (for BG/BB: the number of purchase
   * opportunities), one value for all customers, or a range `{ min, max }` from which each
   * customer's T is drawn uniformly (staggered acquisition).
   * @defaultValue `39` (BG/BB: `6`)
   */
  readonly T?: number | { readonly min: number; readonly max: number };
  /**
   * Time grid of the continuous models: purchase times and T are rounded down to
   * multiples of it (1/7 records weekly data to the day), which makes identical customers
   * (and compression) likely. 0 keeps exact times.
   * @defaultValue `0`
   */
  readonly resolution?: number;
  /**
   * Gamma-Gamma spend `{ p, q, gamma }`: each transaction's value is gamma(p, nu) with the
   * customer's nu ~ gamma(q, gamma); `monetaryValue` is the mean over the repeat purchases.
   * Omitted: no spend is simulated.
   */
  readonly spend?: { readonly p: number; readonly q: number; readonly gamma: number };
  /**
   * Seed of the random source: the same seed and options give the same customers.
   * @defaultValue `42`
   */
  readonly seed?: number;
}

/** A simulated customer. */
export interface SimulatedClvCustomer {
  /** `"c1"`, `"c2"`, ... */
  readonly customerId: string;
  /** Repeat purchases in (0, T]. */
  readonly frequency: number;
  /** Time (or opportunity) of the last repeat purchase; 0 without one. */
  readonly recency: number;
  /** Observation length (continuous models). */
  readonly T: number;
  /** Number of opportunities (BG/BB; equal to `T`). */
  readonly periods: number;
  /** Mean value of the repeat purchases (0 without one, or without `spend`). */
  readonly monetaryValue: number;
  /** Whether the customer is still alive at the end of observation (the hidden truth). */
  readonly alive: boolean;
}

/** Result of {@link simulateClv}. */
export interface SimulateClvResult {
  /** The simulated customers. */
  readonly customers: readonly SimulatedClvCustomer[];
  /** The model and parameters used. */
  readonly model: string;
  readonly params: Readonly<Record<string, number>>;
}

const DEFAULTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "bg-nbd": { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  "mbg-nbd": { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
  "pareto-nbd": { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 },
  "bg-bb": { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 },
};

const NAMES: Readonly<Record<string, readonly string[]>> = {
  "bg-nbd": ["r", "alpha", "a", "b"],
  "mbg-nbd": ["r", "alpha", "a", "b"],
  "pareto-nbd": ["r", "alpha", "s", "beta"],
  "bg-bb": ["alpha", "beta", "gamma", "delta"],
};

/**
 * Simulate customer summaries from a probabilistic purchase model (BG/NBD, MBG/NBD,
 * Pareto/NBD or BG/BB), optionally with Gamma-Gamma spend, for tests, benchmarks and
 * parameter-recovery checks. Each customer's latent rates are drawn from the model's
 * mixing distributions with a seeded generator; purchases are then simulated over the
 * observation window. Deterministic for a given seed.
 *
 * @param options - Model, parameters, number of customers, observation length, grid,
 *   spend, seed.
 * @returns The customers (`frequency`, `recency`, `T`, `monetaryValue`, hidden `alive`).
 * @throws {CrmMetricsError} `INVALID_OPTION` for a bad option.
 *
 * @example
 * const sim = simulateClv({ customers: 3, seed: 7 });
 * sim.customers.length
 * // => 3
 */
export function simulateClv(options?: SimulateClvOptions): SimulateClvResult {
  const fn = "simulateClv";
  const opts = resolveOptions(fn, options);
  const model = resolveEnum(fn, "model", opts.model, ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"] as const, "bg-nbd");
  const n = resolveNumberOption(fn, "customers", opts.customers, 1000, { min: 0, integer: true });
  if (n > 10_000_000) invalidOption(fn, "customers", "must be at most 10000000", n);
  const seed = resolveNumberOption(fn, "seed", opts.seed, 42, { integer: true });
  const resolution = resolveNumberOption(fn, "resolution", opts.resolution, 0, { min: 0 });
  const params: Record<string, number> = { ...DEFAULTS[model]! };
  if (opts.params !== undefined) {
    if (!isRecord(opts.params)) invalidOption(fn, "params", "must be an object", opts.params);
    for (const name of NAMES[model]!) {
      const v = (opts.params as Record<string, unknown>)[name];
      if (v !== undefined) params[name] = resolveNumberOption(fn, `params.${name}`, v, 1, { min: 0, minExclusive: true });
    }
  }
  const discrete = model === "bg-bb";
  let tMin: number;
  let tMax: number;
  const Topt = opts.T;
  if (Topt === undefined) tMin = tMax = discrete ? 6 : 39;
  else if (typeof Topt === "number") {
    tMin = tMax = resolveNumberOption(fn, "T", Topt, 0, discrete ? { min: 1, integer: true } : { min: 0, minExclusive: true });
  } else {
    if (!isRecord(Topt)) invalidOption(fn, "T", "must be a number or { min, max }", Topt);
    const rule = discrete ? { min: 1, integer: true } : { min: 0, minExclusive: true };
    tMin = requiredNumber(fn, "T.min", Topt.min, rule);
    tMax = requiredNumber(fn, "T.max", Topt.max, rule);
    if (tMax < tMin) invalidOption(fn, "T.max", `must be >= T.min (${tMin})`, tMax);
  }
  let spend: { p: number; q: number; gamma: number } | null = null;
  if (opts.spend !== undefined) {
    if (!isRecord(opts.spend)) invalidOption(fn, "spend", "must be an object { p, q, gamma }", opts.spend);
    const pos = { min: 0, minExclusive: true };
    spend = {
      p: requiredNumber(fn, "spend.p", opts.spend.p, pos),
      q: requiredNumber(fn, "spend.q", opts.spend.q, pos),
      gamma: requiredNumber(fn, "spend.gamma", opts.spend.gamma, pos),
    };
  }
  const rnd = createRandom(seed);
  const grid = (t: number): number => (resolution > 0 ? Math.floor(t / resolution + 1e-9) * resolution : t);
  const customers: SimulatedClvCustomer[] = [];
  for (let i = 0; i < n; i++) {
    let T: number;
    if (discrete) T = tMin + rnd.int(tMax - tMin + 1);
    else T = grid(tMin === tMax ? tMin : tMin + rnd.next() * (tMax - tMin));
    let x = 0;
    let tx = 0;
    let alive = true;
    if (discrete) {
      const p = rnd.beta(params.alpha!, params.beta!);
      const theta = rnd.beta(params.gamma!, params.delta!);
      for (let k = 1; k <= T; k++) {
        if (rnd.bernoulli(theta)) {
          alive = false;
          break;
        }
        if (rnd.bernoulli(p)) {
          x++;
          tx = k;
        }
      }
    } else {
      const lambda = rnd.gamma(params.r!, params.alpha!);
      let death = Number.POSITIVE_INFINITY;
      let p = 0;
      if (model === "pareto-nbd") death = rnd.exponential(rnd.gamma(params.s!, params.beta!));
      else {
        p = rnd.beta(params.a!, params.b!);
        if (model === "mbg-nbd" && rnd.bernoulli(p)) death = 0;
      }
      let t = 0;
      while (t < death) {
        t += rnd.exponential(lambda);
        if (t > T || t > death) break;
        x++;
        tx = t;
        if (model !== "pareto-nbd" && rnd.bernoulli(p)) death = t;
      }
      alive = death > T;
      tx = grid(tx);
    }
    let monetaryValue = 0;
    if (spend !== null && x > 0) {
      const nu = rnd.gamma(spend.q, spend.gamma);
      let total = 0;
      for (let k = 0; k < x; k++) total += rnd.gamma(spend.p, nu);
      monetaryValue = total / x;
    }
    customers.push({ customerId: `c${i + 1}`, frequency: x, recency: tx, T, periods: T, monetaryValue, alive });
  }
  return { customers, model, params };
}

/**
 * A field of an option object that has no default (`T.min`, `spend.gamma`): missing is an
 * error like any other bad value, where `resolveNumberOption` would fall back silently.
 */
function requiredNumber(fn: string, name: string, value: unknown, rule: { min: number; integer?: boolean; minExclusive?: boolean }): number {
  if (value === undefined) {
    const kind = rule.integer === true ? "an integer" : "a finite number";
    invalidOption(fn, name, `must be ${kind} ${rule.minExclusive === true ? ">" : ">="} ${rule.min}`, value);
  }
  return resolveNumberOption(fn, name, value, rule.min, rule);
}
