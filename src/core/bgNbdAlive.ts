// BG/NBD probability that a customer is still alive, in log space. Shared by the CLV
// models (src/clv) and the churn early-warning metrics (src/retention).

/** Parameters of the BG/NBD model (Fader, Hardie & Lee 2005). @internal */
export interface BgNbdAliveParams {
  /** Shape of the gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the gamma distribution of purchase rates (in the time unit of `recency` and `T`). */
  readonly alpha: number;
  /** First shape of the beta distribution of the drop-out probability. */
  readonly a: number;
  /** Second shape of the beta distribution of the drop-out probability. */
  readonly b: number;
}

/**
 * BG/NBD probability that a customer with `frequency` repeat purchases, the last at
 * `recency`, observed for `T` time units, is still alive at `T` (Fader, Hardie & Lee 2005,
 * eq. 11; Hardie note 021):
 *
 * P(alive) = 1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)).
 *
 * The odds are computed in log space with `log1p`, so the power never overflows (frequency
 * up to 10,000 and more, T up to 10,000 and more). A customer without repeat purchases
 * (`frequency` 0) is alive with probability 1: a property of the model, not a bug (use
 * MBG/NBD if that matters). Numeric primitive: never throws, returns NaN for parameters
 * that are not positive finite numbers or for an impossible history
 * (negative frequency, recency outside [0, T], recency 0 with frequency > 0 is allowed).
 * @internal
 */
export function bgNbdProbabilityAlive(
  params: BgNbdAliveParams,
  frequency: number,
  recency: number,
  T: number,
): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !(r < Infinity && alpha < Infinity && a < Infinity && b < Infinity)) {
    return Number.NaN;
  }
  if (!(frequency >= 0) || !(recency >= 0) || !(T >= recency) || !Number.isFinite(T) || !Number.isFinite(frequency)) {
    return Number.NaN;
  }
  if (frequency === 0) return 1;
  // log odds of being dead: log(a) - log(b + x - 1) + (r + x) * log((alpha + T) / (alpha + t_x))
  const logOdds =
    Math.log(a) - Math.log(b + frequency - 1) + (r + frequency) * Math.log1p((T - recency) / (alpha + recency));
  return logistic(-logOdds);
}

/** 1 / (1 + exp(-z)) without overflow. */
function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
