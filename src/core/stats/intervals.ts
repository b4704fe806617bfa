import { normalQuantile } from "./distributions.js";

/**
 * Wilson score interval for a proportion `successes / n` at a two-sided `level`. With
 * `n = 0` the interval is [0, 1]. Weighted counts (non-integers) are accepted. @internal
 */
export function wilsonInterval(successes: number, n: number, level: number): { lower: number; upper: number } {
  if (!(n > 0)) return { lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // The bounds are exactly 0 and 1 when no (all) trials succeed; rounding must not move them.
  return {
    lower: successes <= 0 ? 0 : clamp01(centre - half),
    upper: successes >= n ? 1 : clamp01(centre + half),
  };
}

/** Two-sided critical value z_{1 - (1 - level) / 2}. @internal */
export function zCritical(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
