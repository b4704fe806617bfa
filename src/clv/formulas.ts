// Closed-form predictions of the CLV models, in log space where powers could overflow.
// Internal: the public prediction functions validate their inputs and call these.
import { bgNbdProbabilityAlive } from "../core/bgNbdAlive.js";
import { hyp2f1, logHyp2f1 } from "../core/stats/hyp2f1.js";
import { logBeta, logGamma, regularizedIncompleteBeta } from "../core/stats/special.js";
import type { BgBbParams, BgNbdParams, ParetoNbdParams } from "./types.js";

/**
 * Evaluate f at p, or, when p is within 1e-6 of a removable singularity at 1, as the mean
 * of f at 1 +- 1e-6 (the functions are smooth there, the error is O(1e-12)). @internal
 */
function nearOne(p: number, f: (q: number) => number): number {
  if (Math.abs(p - 1) >= 1e-6) return f(p);
  return (f(1 - 1e-6) + f(1 + 1e-6)) / 2;
}

/** 1 / (1 + exp(-z)) without overflow. @internal */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** MBG/NBD P(alive) = 1 / (1 + a / (b + x) ((alpha + T) / (alpha + t_x))^(r + x)). @internal */
export function mbgNbdProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  const logOdds = Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * Math.log1p((T - tx) / (p.alpha + tx));
  return logistic(-logOdds);
}

/**
 * BG/NBD (FHL 2005 eq. 10) and MBG/NBD (Batislam et al. 2007) expected purchases in
 * (T, T + t] given (x, t_x, T). With z = t / (alpha + T + t) and c = a + b + x - 1 (BG) or
 * a + b + x (MBG), Euler's transformation turns ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x
 * [+1]; c; z) into (1 - z)^(a - 1) 2F1(c - r - x, a - 1; c; z), whose parameters do not
 * grow with x, so nothing overflows:
 * E = c / (a - 1) * (1 - (1 - z)^(a-1) 2F1(c - r - x, a - 1; c; z)) * P(alive).
 * A new customer is x = t_x = T = 0. @internal
 */
export function bgFamilyConditionalExpected(
  p: BgNbdParams,
  modified: boolean,
  x: number,
  tx: number,
  T: number,
  t: number,
  knownAlive?: number,
): number {
  if (t === 0) return 0;
  const alive = knownAlive ?? (modified ? mbgNbdProbabilityAlive(p, x, tx, T) : bgNbdProbabilityAlive(p, x, tx, T));
  const logOneMinusZ = -Math.log1p(t / (p.alpha + T));
  const z = t / (p.alpha + T + t);
  return nearOne(p.a, (a) => {
    const c = modified ? a + p.b + x : a + p.b + x - 1;
    const F = hyp2f1(c - p.r - x, a - 1, c, z);
    const oneMinusG = -Math.expm1((a - 1) * logOneMinusZ + Math.log(F));
    return (c / (a - 1)) * oneMinusG * alive;
  });
}

/**
 * BG/NBD (FHL 2005 eq. 8) and MBG/NBD P(X(t) = n) for a new customer:
 * B(a, b + n [+1]) / B(a, b) * NBD(n; r, alpha, t) + B(a + 1, b + n - 1 [+1]) / B(a, b) * P(NBD >= n),
 * the second term only for n > 0 under BG/NBD; P(NBD >= n) = I_{t/(alpha+t)}(n, r). @internal
 */
export function bgFamilyPmf(p: BgNbdParams, modified: boolean, n: number, t: number): number {
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, a, b } = p;
  const shift = modified ? 1 : 0;
  const lbab = logBeta(a, b);
  const logNbd =
    logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * -Math.log1p(t / alpha) + (n === 0 ? 0 : n * Math.log(t / (alpha + t)));
  const first = Math.exp(logBeta(a, b + n + shift) - lbab + logNbd);
  if (n === 0 && !modified) return first;
  const tail = n === 0 ? 1 : regularizedIncompleteBeta(t / (alpha + t), n, r);
  return first + Math.exp(logBeta(a + 1, b + n - 1 + shift) - lbab) * tail;
}

/** Pieces of the Pareto/NBD likelihood: L = exp(prefix) * (exp(term1) + exp(term2)). @internal */
export interface ParetoParts {
  readonly prefix: number;
  readonly term1: number;
  readonly term2: number;
}

/**
 * Pareto/NBD likelihood of (x, t_x, T) in CLVTools' factored form (Fader & Hardie note 009
 * eqs. 18-20): prefix = lgamma(r+x) - lgamma(r) + r log alpha + s log beta,
 * term1 = -(r+x) log(alpha+T) - s log(beta+T), term2 = log(s / (r+s+x)) + log A0 with
 * A0 = 2F1(r+s+x, b'; r+s+x+1; |alpha-beta|/(m+t_x)) / (m+t_x)^(r+s+x) - (same at T),
 * m = max(alpha, beta), b' = s+1 (alpha >= beta) or r+x. The 2F1 values are taken in log
 * space after Euler's transformation and the difference as l1 + log(-expm1(l2 - l1)), so
 * neither the powers nor the 2F1 overflow at thousands of purchases. @internal
 */
export function paretoNbdParts(p: ParetoNbdParams, x: number, tx: number, T: number): ParetoParts {
  const { r, alpha, s, beta } = p;
  const prefix = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const term1 = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  let term2 = Number.NEGATIVE_INFINITY;
  if (tx < T) {
    const big = alpha >= beta;
    const m = big ? alpha : beta;
    const bb = big ? s + 1 : r + x;
    const aa = r + s + x;
    const diff = Math.abs(alpha - beta);
    const l1 = logHyp2f1(aa, bb, aa + 1, diff / (m + tx)) - aa * Math.log(m + tx);
    const l2 = logHyp2f1(aa, bb, aa + 1, diff / (m + T)) - aa * Math.log(m + T);
    if (l1 > l2) term2 = Math.log(s / aa) + l1 + Math.log(-Math.expm1(l2 - l1));
  }
  return { prefix, term1, term2 };
}

/** Pareto/NBD P(alive) = exp(term1) / (exp(term1) + exp(term2)). @internal */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { term1, term2 } = paretoNbdParts(p, x, tx, T);
  if (term2 === Number.NEGATIVE_INFINITY) return 1;
  return logistic(term1 - term2);
}

/** (1 - exp(-(s - 1) L)) / (s - 1), stable at s = 1 (where it is L). @internal */
function powerIntegral(s: number, L: number): number {
  const k = s - 1;
  if (Math.abs(k * L) < 1e-12) return L;
  return -Math.expm1(-k * L) / k;
}

/**
 * Pareto/NBD expected purchases in (T, T + t] (Schmittlein et al. 1987):
 * (r + x)(beta + T) / (alpha + T) * [1 - ((beta+T)/(beta+T+t))^(s-1)] / (s - 1) * P(alive).
 * @internal
 */
export function paretoNbdConditionalExpected(
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
  knownAlive?: number,
): number {
  if (t === 0) return 0;
  const alive = knownAlive ?? paretoNbdProbabilityAlive(p, x, tx, T);
  return (((p.r + x) * (p.beta + T)) / (p.alpha + T)) * powerIntegral(p.s, Math.log1p(t / (p.beta + T))) * alive;
}

/**
 * Pareto/NBD P(X(t) = n) for a new customer (Fader & Hardie 2006, "Deriving an expression
 * for P(X(t) = x) under the Pareto/NBD model", eq. 19). @internal
 */
export function paretoNbdPmf(p: ParetoNbdParams, n: number, t: number): number {
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, s, beta } = p;
  const first = Math.exp(
    logGamma(r + n) -
      logGamma(r) -
      logGamma(n + 1) -
      r * Math.log1p(t / alpha) +
      (n === 0 ? 0 : n * Math.log(t / (alpha + t))) -
      s * Math.log1p(t / beta),
  );
  const big = alpha >= beta;
  const m = big ? alpha : beta;
  const bb = big ? s + 1 : r + n;
  const c = r + s + n + 1;
  const diff = Math.abs(alpha - beta);
  const logFront = r * Math.log(alpha) + s * Math.log(beta) + logBeta(r + n, s + 1) - logBeta(r, s);
  // B1 - sum_j Gamma(r+s+j) / (Gamma(r+s) j!) t^j B2_j, all terms taken relative to B1.
  const logB1 = logHyp2f1(r + s, bb, c, diff / m) - (r + s) * Math.log(m);
  let rel = 0;
  const lgrs = logGamma(r + s);
  for (let j = 0; j <= n; j++) {
    const logB2 = logHyp2f1(r + s + j, bb, c, diff / (m + t)) - (r + s + j) * Math.log(m + t);
    rel += Math.exp(logGamma(r + s + j) - lgrs - logGamma(j + 1) + (j === 0 ? 0 : j * Math.log(t)) + logB2 - logB1);
  }
  const second = Math.exp(logFront + logB1) * Math.max(0, 1 - rel);
  return first + second;
}

/**
 * Log-likelihood of one BG/BB history (FHS 2010 eq. 5):
 * log[B(alpha+x, beta+n-x)/B(alpha,beta) B(gamma, delta+n)/B(gamma,delta) +
 * sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha,beta) B(gamma+1, delta+t_x+i)/B(gamma,delta)].
 * The sum's terms decrease, so it is taken relative to its first term with the term
 * ratios (no underflow, stops once the terms no longer matter) and combined with the
 * first part as a max-shifted log-sum-exp. @internal
 */
export function bgBbLogLikelihoodOne(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const lab = logBeta(alpha, beta);
  const lgd = logBeta(gamma, delta);
  const first = logBeta(alpha + x, beta + n - x) - lab + logBeta(gamma, delta + n) - lgd;
  const count = n - tx;
  if (count <= 0) return first;
  const t0 = logBeta(alpha + x, beta + tx - x) - lab + logBeta(gamma + 1, delta + tx) - lgd;
  let rel = 1;
  let sum = 1;
  for (let i = 0; i < count - 1; i++) {
    rel *= ((beta + tx - x + i) / (alpha + beta + tx + i)) * ((delta + tx + i) / (gamma + 1 + delta + tx + i));
    sum += rel;
    if (rel < 1e-17 * sum) break;
  }
  const second = t0 + Math.log(sum);
  return first > second ? first + Math.log1p(Math.exp(second - first)) : second + Math.log1p(Math.exp(first - second));
}

/**
 * BG/BB probability of being alive at opportunity n + m given (x, t_x, n): m = 0 is "alive
 * now" (lifetimes' default), m = 1 is FHS 2010 eq. 11 (alive at the next opportunity).
 * @internal
 */
export function bgBbProbabilityAlive(p: BgBbParams, x: number, tx: number, n: number, m = 0): number {
  const { alpha, beta, gamma, delta } = p;
  const v =
    logBeta(alpha + x, beta + n - x) -
    logBeta(alpha, beta) +
    logBeta(gamma, delta + n + m) -
    logBeta(gamma, delta) -
    bgBbLogLikelihoodOne(p, x, tx, n);
  return Math.min(1, Math.exp(v));
}

/** u(m) = lgamma(1 + delta + m) - lgamma(gamma + delta + m). */
function bgBbU(gamma: number, delta: number, m: number): number {
  return logGamma(1 + delta + m) - logGamma(gamma + delta + m);
}

/**
 * BG/BB expected purchases in the next `t` opportunities given (x, t_x, n) (FHS 2010
 * eq. 13); a new customer (FHS eq. 9) is handled by `x = t_x = n = 0` with L = 1. @internal
 */
export function bgBbConditionalExpected(
  p: BgBbParams,
  x: number,
  tx: number,
  n: number,
  t: number,
  knownLogLikelihood?: number,
): number {
  if (t === 0) return 0;
  const { alpha, beta, delta } = p;
  const newCustomer = n === 0;
  const lead = newCustomer
    ? Math.log(alpha / (alpha + beta))
    : logBeta(alpha + x + 1, beta + n - x) - logBeta(alpha, beta) - (knownLogLikelihood ?? bgBbLogLikelihoodOne(p, x, tx, n));
  return nearOne(p.gamma, (gamma) => {
    const u0 = bgBbU(gamma, delta, n);
    const u1 = bgBbU(gamma, delta, n + t);
    const ratio = logGamma(gamma + delta) - logGamma(1 + delta) + u0;
    return (Math.exp(lead + ratio) * delta * -Math.expm1(u1 - u0)) / (gamma - 1);
  });
}

/**
 * BG/BB P(X(n) = k) for a new customer over n opportunities (FHS 2010 eq. 7):
 * C(n, k) B(alpha+k, beta+n-k)/B(alpha,beta) B(gamma, delta+n)/B(gamma,delta) +
 * sum_{i=k}^{n-1} C(i, k) B(alpha+k, beta+i-k)/B(alpha,beta) B(gamma+1, delta+i)/B(gamma,delta).
 * @internal
 */
export function bgBbPmf(p: BgBbParams, k: number, n: number): number {
  if (k > n) return 0;
  const { alpha, beta, gamma, delta } = p;
  const lab = logBeta(alpha, beta);
  const lgd = logBeta(gamma, delta);
  const logChoose = (m: number, j: number): number => logGamma(m + 1) - logGamma(j + 1) - logGamma(m - j + 1);
  let sum = Math.exp(logChoose(n, k) + logBeta(alpha + k, beta + n - k) - lab + logBeta(gamma, delta + n) - lgd);
  for (let i = k; i < n; i++) {
    sum += Math.exp(logChoose(i, k) + logBeta(alpha + k, beta + i - k) - lab + logBeta(gamma + 1, delta + i) - lgd);
  }
  return sum;
}
