/**
 * Quantile of sorted values by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R, NumPy and pandas). `sorted` must be ascending
 * and non-empty; `q` in [0, 1]. @internal
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

/** Ascending numeric sort into a new Float64Array. @internal */
export function sortedCopy(values: Iterable<number>): Float64Array {
  const arr = Float64Array.from(values);
  arr.sort();
  return arr;
}

/**
 * Running mean and variance (Welford), with optional weights, mergeable (Chan et al.).
 * @internal
 */
export class RunningMoments {
  n = 0;
  weight = 0;
  mean = 0;
  m2 = 0;

  add(x: number, w = 1): this {
    this.n++;
    this.weight += w;
    const delta = x - this.mean;
    this.mean += (w / this.weight) * delta;
    this.m2 += w * delta * (x - this.mean);
    return this;
  }

  merge(other: RunningMoments): this {
    if (other.weight === 0) return this;
    if (this.weight === 0) {
      this.n = other.n;
      this.weight = other.weight;
      this.mean = other.mean;
      this.m2 = other.m2;
      return this;
    }
    const w = this.weight + other.weight;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.weight) / w;
    this.m2 += other.m2 + (delta * delta * this.weight * other.weight) / w;
    this.weight = w;
    this.n += other.n;
    return this;
  }

  /** Sample variance with denominator (weight - 1); NaN below two observations. */
  sampleVariance(): number {
    return this.weight > 1 ? this.m2 / (this.weight - 1) : Number.NaN;
  }
}

/** Round to `digits` significant decimals, never returning -0. @internal */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}
