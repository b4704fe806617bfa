import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDiscreteHistories, readPurchaseHistories } from "../../src/clv/fitCommon.js";

describe("readPurchaseHistories", () => {
  it("merges identical customers into weighted rows, whatever their number and order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 3000 }),
        (triples) => {
          const rows = triples.map(([x, a, b]) => {
            const T = Math.max(a, b) / 7;
            return x === 0 ? { frequency: 0, recency: 0, T } : { frequency: x, recency: Math.min(a, b) / 7, T };
          });
          const d = readPurchaseHistories("f", rows);
          const keys = new Map<string, number>();
          for (const r of rows) keys.set(`${r.frequency}|${r.recency}|${r.T}`, (keys.get(`${r.frequency}|${r.recency}|${r.T}`) ?? 0) + 1);
          if (d.rows !== keys.size || d.n !== rows.length) return false;
          for (let i = 0; i < d.rows; i++) {
            if (keys.get(`${d.x[i]}|${d.tx[i]}|${d.T[i]}`) !== d.w[i]) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 30 },
    );
  });

  it("treats -0 as 0 and sums weights", () => {
    const d = readPurchaseHistories("f", [
      { frequency: 0, recency: -0, T: 5, weight: 2.5 },
      { frequency: -0, recency: 0, T: 5 },
    ]);
    expect(d.rows).toBe(1);
    expect(d.w[0]).toBe(3.5);
  });
});

describe("readDiscreteHistories", () => {
  it("merges identical patterns", () => {
    const d = readDiscreteHistories("f", [
      { frequency: 1, recency: 2, periods: 6 },
      { frequency: 1, recency: 2, periods: 6, weight: 4 },
      { frequency: 0, recency: 0, periods: 6 },
    ]);
    expect(d.rows).toBe(2);
    expect(d.n).toBe(6);
  });
});
