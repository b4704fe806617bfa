// Unconstrained minimisation (BFGS with a strong-Wolfe line search) for the model fits.
// Numeric primitive: never throws; reports `converged: false` instead.

/**
 * An objective: returns f(x) and, when `gradient` is not null, writes the gradient into
 * it. Non-finite values are treated as +Infinity (the line search backs off). @internal
 */
export type Objective = (x: readonly number[], gradient: number[] | null) => number;

/** Options of {@link minimizeBfgs}. @internal */
export interface MinimizeOptions {
  /** Iteration cap. @defaultValue `500` */
  readonly maxIterations?: number;
  /** Stop when every gradient component is at most this in absolute value. @defaultValue `1e-8` */
  readonly gradientTolerance?: number;
}

/** Result of {@link minimizeBfgs}. @internal */
export interface MinimizeResult {
  /** The minimiser found. */
  readonly x: number[];
  /** f at `x`. */
  readonly value: number;
  /** Gradient at `x`. */
  readonly gradient: number[];
  /** BFGS iterations taken. */
  readonly iterations: number;
  /** Objective evaluations (each with its gradient). */
  readonly evaluations: number;
  /** Whether the gradient tolerance was met (or no further decrease was possible at a gradient below 1e-5). */
  readonly converged: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: readonly number[]): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return Number.isNaN(m) ? Number.POSITIVE_INFINITY : m;
}

/**
 * Minimise a smooth function with BFGS (Nocedal & Wright 2006, Algorithm 6.1): the
 * inverse-Hessian approximation starts as the identity scaled after the first step, the
 * step length satisfies the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9; Algorithm 3.5
 * with safeguarded cubic interpolation), and updates with non-positive curvature are
 * skipped. Deterministic. @internal
 */
export function minimizeBfgs(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-8;
  let evaluations = 0;
  const evaluate = (x: readonly number[], g: number[]): number => {
    evaluations++;
    const v = f(x, g);
    if (!Number.isFinite(v) || !g.every(Number.isFinite)) return Number.POSITIVE_INFINITY;
    return v;
  };
  let x = x0.slice();
  let g = new Array<number>(n).fill(0);
  let fx = evaluate(x, g);
  if (!Number.isFinite(fx)) return { x, value: fx, gradient: g, iterations: 0, evaluations, converged: false };
  // Inverse Hessian approximation, row-major.
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  let converged = maxAbs(g) <= gtol;
  let firstStep = true;
  while (!converged && iterations < maxIterations) {
    iterations++;
    const p = H.map((row) => -dot(row, g));
    let slope = dot(p, g);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      for (let i = 0; i < n; i++) p[i] = -g[i]!;
      slope = dot(p, g);
    }
    let alpha0 = 1;
    if (firstStep) alpha0 = Math.min(1, 1 / Math.max(maxAbs(p), 1e-300));
    const ls = lineSearch(evaluate, x, fx, g, p, slope, alpha0);
    if (ls === null) {
      converged = maxAbs(g) <= 1e-5;
      break;
    }
    const s = p.map((pi) => ls.alpha * pi);
    const y = ls.g.map((gi, i) => gi - g[i]!);
    const sy = dot(s, y);
    const fPrev = fx;
    x = ls.x;
    fx = ls.f;
    g = ls.g;
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) {
        const scale = sy / dot(y, y);
        H = H.map((row, i) => row.map((_, j) => (i === j ? scale : 0)));
      }
      firstStep = false;
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      const factor = (1 + rho * yHy) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i]![j] = H[i]![j]! + factor * s[i]! * s[j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!);
        }
      }
    }
    converged = maxAbs(g) <= gtol;
    if (!converged && fPrev - fx <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) <= 1e-5) converged = true;
  }
  return { x, value: fx, gradient: g, iterations, evaluations, converged };
}

interface LinePoint {
  readonly alpha: number;
  readonly x: number[];
  readonly f: number;
  readonly g: number[];
  readonly slope: number;
}

function lineSearch(
  evaluate: (x: readonly number[], g: number[]) => number,
  x: readonly number[],
  f0: number,
  g0: readonly number[],
  p: readonly number[],
  slope0: number,
  alphaInit: number,
): LinePoint | null {
  const n = x.length;
  const at = (alpha: number): LinePoint => {
    const xa = new Array<number>(n);
    for (let i = 0; i < n; i++) xa[i] = x[i]! + alpha * p[i]!;
    const ga = new Array<number>(n).fill(0);
    const fa = evaluate(xa, ga);
    return { alpha, x: xa, f: fa, g: ga, slope: Number.isFinite(fa) ? dot(ga, p) : Number.NaN };
  };
  let prev: LinePoint = { alpha: 0, x: x.slice(), f: f0, g: g0.slice(), slope: slope0 };
  let alpha = alphaInit;
  for (let i = 0; i < 40; i++) {
    const cur = at(alpha);
    if (!Number.isFinite(cur.f)) {
      // Outside the domain: shrink towards the last good point.
      alpha = prev.alpha + (alpha - prev.alpha) * 0.1;
      // Nothing finite beyond the last good point: keep it (if it is past the start).
      if (alpha - prev.alpha < 1e-20) return prev.alpha > 0 ? prev : null;
      continue;
    }
    if (cur.f > f0 + C1 * alpha * slope0 || (i > 0 && cur.f >= prev.f)) return zoom(at, f0, slope0, prev, cur);
    if (Math.abs(cur.slope) <= -C2 * slope0) return cur;
    if (cur.slope >= 0) return zoom(at, f0, slope0, cur, prev);
    prev = cur;
    alpha *= 2;
  }
  return prev.alpha > 0 ? prev : null;
}

function zoom(
  at: (alpha: number) => LinePoint,
  f0: number,
  slope0: number,
  lo: LinePoint,
  hi: LinePoint,
): LinePoint | null {
  for (let i = 0; i < 60; i++) {
    const a = interpolate(lo, hi);
    const cur = at(a);
    if (!Number.isFinite(cur.f) || cur.f > f0 + C1 * a * slope0 || cur.f >= lo.f) {
      hi = cur;
    } else {
      if (Math.abs(cur.slope) <= -C2 * slope0) return cur;
      if (cur.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
      lo = cur;
    }
    if (Math.abs(hi.alpha - lo.alpha) < 1e-16 * Math.max(1, lo.alpha)) break;
  }
  return lo.alpha > 0 && lo.f < f0 ? lo : null;
}

/** Cubic interpolation between two bracketing points, safeguarded to the inner 80% of the interval. */
function interpolate(lo: LinePoint, hi: LinePoint): number {
  const a0 = lo.alpha;
  const a1 = hi.alpha;
  const left = Math.min(a0, a1);
  const width = Math.abs(a1 - a0);
  let t = Number.NaN;
  if (Number.isFinite(hi.f) && Number.isFinite(hi.slope)) {
    const d1 = lo.slope + hi.slope - (3 * (lo.f - hi.f)) / (a0 - a1);
    const disc = d1 * d1 - lo.slope * hi.slope;
    if (disc >= 0) {
      const d2 = Math.sign(a1 - a0) * Math.sqrt(disc);
      t = a1 - (a1 - a0) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
    }
  }
  if (!Number.isFinite(t) || t < left + 0.1 * width || t > left + 0.9 * width) t = (a0 + a1) / 2;
  return t;
}

/**
 * Wrap a value-only function as an {@link Objective} with central-difference gradients
 * (step h * max(1, |x_i|), h = 1e-6 by default; truncation error O(h^2)). @internal
 */
export function withNumericGradient(f: (x: readonly number[]) => number, h = 1e-6): Objective {
  return (x, gradient) => {
    const v = f(x);
    if (gradient !== null) {
      const xs = x.slice();
      for (let i = 0; i < x.length; i++) {
        const step = h * Math.max(1, Math.abs(x[i]!));
        xs[i] = x[i]! + step;
        const up = f(xs);
        xs[i] = x[i]! - step;
        const down = f(xs);
        xs[i] = x[i]!;
        gradient[i] = (up - down) / (2 * step);
      }
    }
    return v;
  };
}

/**
 * Hessian of an objective by differences of its gradient (step h * max(1, |x_i|), h = 1e-5
 * by default), symmetrised: central differences (2n gradient evaluations), or forward
 * differences from `gradientAtX` when it is given (n evaluations, error O(h)). Entries are
 * NaN where the gradient is not finite.
 * @internal
 */
export function numericHessian(
  f: Objective,
  x: readonly number[],
  h = 1e-5,
  gradientAtX?: readonly number[],
): number[][] {
  const n = x.length;
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const gUp = new Array<number>(n).fill(0);
  const gDown = new Array<number>(n).fill(0);
  const xs = x.slice();
  for (let i = 0; i < n; i++) {
    const step = h * Math.max(1, Math.abs(x[i]!));
    xs[i] = x[i]! + step;
    f(xs, gUp);
    if (gradientAtX === undefined) {
      xs[i] = x[i]! - step;
      f(xs, gDown);
    }
    xs[i] = x[i]!;
    for (let j = 0; j < n; j++) {
      H[i]![j] = gradientAtX === undefined ? (gUp[j]! - gDown[j]!) / (2 * step) : (gUp[j]! - gradientAtX[j]!) / step;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = (H[i]![j]! + H[j]![i]!) / 2;
      H[i]![j] = m;
      H[j]![i] = m;
    }
  }
  return H;
}
