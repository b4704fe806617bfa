import { erfc, logGamma, regularizedIncompleteBeta } from "./special.js";

const SQRT2 = Math.SQRT2;

/** Standard normal CDF Phi(z). @internal */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** Standard normal upper tail 1 - Phi(z), accurate far into the tail. @internal */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / SQRT2);
}

const A = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/**
 * Standard normal quantile Phi^-1(p) for 0 < p < 1: Acklam's rational approximation
 * refined by two Halley steps on the exact CDF (error below 1e-15). @internal
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -(((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  }
  for (let i = 0; i < 2; i++) {
    // Halley step; work in the smaller tail for accuracy
    const err = p < 0.5 ? normalCdf(x) - p : 1 - p - normalSurvival(x);
    const u = err * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    // below p ~ 1e-310 exp(x^2 / 2) overflows: keep the approximation rather than return NaN
    if (!Number.isFinite(u)) break;
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/**
 * P(|T| > |t|) for T Student-t with `df` degrees of freedom: I_x(df/2, 1/2) at
 * x = df / (df + t^2), with 1 - x passed as t^2 / (df + t^2) rather than rounded from x (near
 * t = 0 the rounded 1 - x would lose all of t^2 below 1e-16 df).
 */
function studentTwoSidedTail(t: number, df: number): number {
  const t2 = t * t;
  return regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/**
 * Student-t CDF with `df` > 0 degrees of freedom. Absolute error about 1e-16 up to df = 1e5;
 * beyond, the incomplete beta's continued fraction loses digits near |t| = 1.8 (measured up to
 * 4e-12 at df = 1e6, 3e-11 at 1e7, 4e-9 at 1e9), while next to t = 0 it stays at 1e-16.
 * @internal
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  const tail = 0.5 * studentTwoSidedTail(t, df);
  return t > 0 ? 1 - tail : tail;
}

/**
 * Student-t quantile for probability `p` and `df` > 0 degrees of freedom, by safeguarded
 * Newton iteration on the CDF from the normal quantile (error about 1e-12). Below p = 1/2 it
 * solves for the lower tail p itself, not for 1 - p, which would round. @internal
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df === Number.POSITIVE_INFINITY || df > 1e7) return normalQuantile(p);
  // find s > 0 with P(T > s) = target, the smaller tail (1 - p is exact for p >= 1/2)
  const target = p < 0.5 ? p : 1 - p;
  const tail = (t: number): number => 0.5 * studentTwoSidedTail(t, df);
  let lo = 0;
  let hi = Math.max(1, -normalQuantile(target));
  while (tail(hi) > target && hi < 1e300) {
    lo = hi;
    hi *= 2;
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = tail(t) - target; // decreasing in t
    if (f > 0) lo = t;
    else hi = t;
    const dens = Math.exp(
      logStudentDensityConst(df) - ((df + 1) / 2) * Math.log1p((t * t) / df),
    );
    let next = t + f / dens;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) {
      t = next;
      break;
    }
    t = next;
  }
  return p < 0.5 ? -t : t;
}

function logStudentDensityConst(df: number): number {
  return lgammaHalf(df + 1) - lgammaHalf(df) - 0.5 * Math.log(df * Math.PI);
}

function lgammaHalf(v: number): number {
  return logGamma(v / 2);
}
