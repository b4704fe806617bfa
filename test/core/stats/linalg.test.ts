import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cholesky, choleskySolve, invertMatrix, invertSymmetricPositiveDefinite, solveLinear } from "../../../src/core/stats/linalg.js";

describe("linear algebra", () => {
  const a = [
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ];

  it("factors the classic Cholesky example", () => {
    expect(cholesky(a)).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
    expect(cholesky([[1, 2], [2, 1]])).toBeNull();
  });

  it("solves and inverts", () => {
    const l = cholesky(a)!;
    const x = choleskySolve(l, [1, 2, 3]);
    const back = a.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i]!, 10));
    const inv = invertSymmetricPositiveDefinite(a)!;
    const inv2 = invertMatrix(a)!;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(inv[i]![j]!).toBeCloseTo(inv2[i]![j]!, 8);
    expect(invertSymmetricPositiveDefinite([[0]])).toBeNull();
    expect(invertMatrix([[1, 2], [2, 4]])).toBeNull();
    expect(solveLinear([[0, 1], [1, 0]], [2, 3])).toEqual([3, 2]);
  });

  it("solves random well-conditioned systems", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 9, maxLength: 9 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }), (v, b) => {
        // diagonally dominant, so non-singular
        const m = [0, 1, 2].map((i) => [0, 1, 2].map((j) => v[i * 3 + j]! + (i === j ? 20 : 0)));
        const x = solveLinear(m, b)!;
        m.forEach((row, i) => expect(row.reduce((s, c, j) => s + c * x[j]!, 0)).toBeCloseTo(b[i]!, 8));
      }),
      { seed: 2, numRuns: 100 },
    );
  });
});

describe("linear algebra, shapes and overflow", () => {
  it("returns inverses with exactly n columns", () => {
    expect(invertSymmetricPositiveDefinite([[4]])).toEqual([[0.25]]);
    expect(invertMatrix([[2]])).toEqual([[0.5]]);
    expect(invertMatrix([
      [0, 2],
      [4, 0],
    ])).toEqual([
      [0, 0.25],
      [0.5, 0],
    ]);
  });

  it("gives null when one component of the solution overflows", () => {
    // x0 = 1e200 / 1e-200 = Infinity, x1 = 1: not a solution in doubles
    expect(solveLinear([
      [1e-200, 0],
      [0, 1],
    ], [1e200, 1])).toBeNull();
  });
});
