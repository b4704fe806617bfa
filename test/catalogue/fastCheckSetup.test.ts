import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FC_NUM_RUNS, FC_SEED, numRuns } from "../support/fastCheck.js";

/** The values a property sees on its runs. */
function seen(params: fc.Parameters<[number]>): number[] {
  const values: number[] = [];
  fc.assert(
    fc.property(fc.integer(), (v) => {
      values.push(v);
    }),
    params,
  );
  return values;
}

describe("the fast-check setup file (test/support/fastCheck.ts)", () => {
  it("sets the global seed (FC_SEED, default 42) and run count (FC_NUM_RUNS, default fast-check's 100)", () => {
    expect(fc.readConfigureGlobal().seed).toBe(Number(process.env["FC_SEED"] ?? 42));
    expect(FC_SEED).toBe(fc.readConfigureGlobal().seed);
    expect(seen({})).toHaveLength(FC_NUM_RUNS ?? 100);
  });

  it("makes properties without their own seed reproducible", () => {
    expect(seen({ numRuns: 20 })).toEqual(seen({ numRuns: 20 }));
    expect(seen({ numRuns: 20 })).toEqual(seen({ numRuns: 20, seed: FC_SEED }));
  });

  it("lets a property's own seed and numRuns override the global ones", () => {
    expect(seen({ seed: 7, numRuns: 5 })).toEqual(fc.sample(fc.integer(), { seed: 7, numRuns: 5 }));
    expect(seen({ seed: 7, numRuns: 5 })).not.toEqual(seen({ seed: 8, numRuns: 5 }));
  });

  it("numRuns(n) keeps n unless FC_NUM_RUNS asks for more", () => {
    expect(numRuns(50)).toBe(FC_NUM_RUNS === undefined ? 50 : Math.max(50, FC_NUM_RUNS));
  });
});
