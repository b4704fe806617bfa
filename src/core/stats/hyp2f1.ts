// Gauss hypergeometric function 2F1 for the CLV models. Numeric primitive: never throws,
// returns NaN where the series does not converge within its cap.
import { logGamma } from "./special.js";

const MAX_TERMS = 2_000_000;
const REL_TOL = 1e-16;

/**
 * The Gauss series sum_k (a)_k (b)_k / ((c)_k k!) z^k for |z| < 1, summed until a term
 * falls below 1e-16 of the running sum twice in a row (capped at 2,000,000 terms). NaN if
 * c is zero or a negative integer, if |z| >= 1, or if the series has not converged at
 * the cap. Terminates early when a or b is a non-positive integer (polynomial case).
 * Accuracy: about 1e-15 relative when the terms do not alternate in sign; with alternating
 * terms the cancellation error is eps times the largest term.
 * @internal
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(z)) return Number.NaN;
  if (c <= 0 && Number.isInteger(c)) return Number.NaN;
  if (!(Math.abs(z) < 1)) return Number.NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  let term = 1;
  let sum = 1;
  let small = 0;
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    if (term === 0) return sum;
    sum += term;
    if (!Number.isFinite(sum)) return sum;
    if (Math.abs(term) <= REL_TOL * Math.abs(sum)) {
      // Only stop once the terms are also shrinking: early terms can grow before they fall.
      const next = Math.abs(((a + k + 1) * (b + k + 1)) / ((c + k + 1) * (k + 2)) * z);
      if (next < 1 && ++small >= 2) return sum;
    } else small = 0;
  }
  return Number.NaN;
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real z < 1. For 0 <= z <= 0.9 the
 * series is summed directly, or after Euler's transformation
 * 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) when that makes the
 * terms smaller (fewer, non-growing terms); for 0.999 < z < 1, where the series would need
 * tens of thousands of terms, the connection formula to 1 - z (Abramowitz & Stegun
 * 15.3.6) is used (about 1e-13 relative), with c shifted by +-1e-4 and the two values
 * averaged when c - a - b is within 1e-4 of an integer (the degenerate case; about 1e-8
 * relative there); for z < 0, Pfaff's transformation
 * 2F1(a, b; c; z) = (1 - z)^(-a) 2F1(a, c - b; c; z / (z - 1)) maps z into [0, 1).
 * NaN outside the domain (z >= 1, c a non-positive integer) or when a series does not
 * converge within 2,000,000 terms.
 * @internal
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (Number.isNaN(z) || !(z < 1)) return Number.NaN;
  if (isNonPositiveInteger(c)) return Number.NaN;
  if (z < 0) return (1 - z) ** -a * hyp2f1(a, c - b, c, z / (z - 1));
  if (z > 0.999 && !isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
    const d = c - a - b;
    if (Math.abs(d - Math.round(d)) < 1e-4) {
      return (connection(a, b, c + 1e-4, z) + connection(a, b, c - 1e-4, z)) / 2;
    }
    return connection(a, b, c, z);
  }
  const direct = Math.abs(a) + Math.abs(b);
  const euler = Math.abs(c - a) + Math.abs(c - b);
  if (euler < direct) return (1 - z) ** (c - a - b) * hyp2f1Series(c - a, c - b, c, z);
  return hyp2f1Series(a, b, c, z);
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** Sign of Gamma(x) (0 at the poles). */
function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * A&S 15.3.6 for c - a - b not an integer, w = 1 - z:
 * 2F1(a,b;c;z) = G(c)G(d)/(G(c-a)G(c-b)) 2F1(a, b; 1-d; w) + w^d G(c)G(-d)/(G(a)G(b)) 2F1(c-a, c-b; 1+d; w),
 * d = c - a - b, with the Gamma ratios taken in log space with their signs.
 */
function connection(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const d = c - a - b;
  const lgc = logGamma(c);
  const s1 = gammaSign(c) * gammaSign(d) * gammaSign(c - a) * gammaSign(c - b);
  const s2 = gammaSign(c) * gammaSign(-d) * gammaSign(a) * gammaSign(b);
  const t1 = s1 === 0 ? 0 : s1 * Math.exp(lgc + logGamma(d) - logGamma(c - a) - logGamma(c - b)) * hyp2f1Series(a, b, 1 - d, w);
  const t2 =
    s2 === 0 ? 0 : s2 * Math.exp(d * Math.log(w) + lgc + logGamma(-d) - logGamma(a) - logGamma(b)) * hyp2f1Series(c - a, c - b, 1 + d, w);
  return t1 + t2;
}

/**
 * Natural log of 2F1(a, b; c; z) for 0 <= z < 1 when the value is positive, computed
 * without overflow as (c - a - b) log(1 - z) + log 2F1(c - a, c - b; c; z) (Euler) or
 * directly, whichever has the smaller parameters. Used where the value itself would
 * overflow (Pareto/NBD with thousands of purchases). NaN outside the domain or when the
 * value is not positive.
 * @internal
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (Number.isNaN(z) || z < 0 || !(z < 1)) return Number.NaN;
  if (z > 0.999) {
    const v = hyp2f1(a, b, c, z);
    if (v > 0 && v < Number.POSITIVE_INFINITY) return Math.log(v);
  }
  const direct = Math.abs(a) + Math.abs(b);
  const euler = Math.abs(c - a) + Math.abs(c - b);
  if (euler < direct) {
    const s = hyp2f1Series(c - a, c - b, c, z);
    return s > 0 ? (c - a - b) * Math.log1p(-z) + Math.log(s) : Number.NaN;
  }
  const s = hyp2f1Series(a, b, c, z);
  return s > 0 ? Math.log(s) : Number.NaN;
}
