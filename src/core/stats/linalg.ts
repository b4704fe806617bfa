// Small dense linear algebra for model fitting (Hessians, IRLS). Matrices are arrays of
// rows. Primitives never throw: a singular or non-positive-definite matrix gives `null`.

/** A dense matrix as rows. @internal */
export type Matrix = number[][];

/** Cholesky factor L (lower) of a symmetric positive-definite matrix, or null. @internal */
export function cholesky(a: readonly (readonly number[])[]): Matrix | null {
  const n = a.length;
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / l[j]![j]!;
      }
    }
  }
  return l;
}

/** Solve A x = b given the Cholesky factor L of A. @internal */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix, or null. @internal */
export function invertSymmetricPositiveDefinite(a: readonly (readonly number[])[]): Matrix | null {
  const l = cholesky(a);
  if (l === null) return null;
  const n = a.length;
  const inv: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e);
    for (let i = 0; i < n; i++) inv[i]![j] = col[i]!;
  }
  return inv;
}

/**
 * Solve A x = b for a general square matrix by LU with partial pivoting; null when A is
 * singular to working precision. @internal
 */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = a.length;
  const m = a.map((row) => row.slice());
  const x = b.slice();
  for (let col = 0; col < n; col++) {
    let piv = col;
    let best = Math.abs(m[col]![col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(m[r]![col]!);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > 1e-300)) return null;
    if (piv !== col) {
      [m[col], m[piv]] = [m[piv]!, m[col]!];
      [x[col], x[piv]] = [x[piv]!, x[col]!];
    }
    const pivotRow = m[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = m[r]!;
      const f = row[col]! / pivotRow[col]!;
      if (f === 0) continue;
      for (let k = col; k < n; k++) row[k] = row[k]! - f * pivotRow[k]!;
      x[r] = x[r]! - f * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Inverse of a general square matrix by LU, or null when singular. @internal */
export function invertMatrix(a: readonly (readonly number[])[]): Matrix | null {
  const n = a.length;
  const inv: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = solveLinear(a, e);
    if (col === null) return null;
    for (let i = 0; i < n; i++) inv[i]![j] = col[i]!;
  }
  return inv;
}
