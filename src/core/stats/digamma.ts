// Digamma function for the analytic gradients of the CLV likelihoods.

/**
 * Digamma psi(x) = d/dx log Gamma(x) for x > 0: recurrence up to x >= 10, then the
 * asymptotic series (absolute error below 1e-14). NaN for x <= 0 or NaN. @internal
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  result +=
    Math.log(x) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return result;
}
