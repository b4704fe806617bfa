import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FC_MAX_RUNS, FC_NUM_RUNS, FC_SEED, fastCheckParams, numRuns, readFastCheckEnv } from "../support/fastCheck.js";

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
    expect(seen({})).toHaveLength(numRuns(100));
  });

  it("makes properties without their own seed reproducible", () => {
    expect(seen({ numRuns: 20 })).toEqual(seen({ numRuns: 20 }));
    expect(seen({ numRuns: 20 })).toEqual(seen({ numRuns: 20, seed: FC_SEED }));
  });

  it.runIf(process.env["FC_SEED"] === undefined && process.env["FC_NUM_RUNS"] === undefined && process.env["FC_MAX_RUNS"] === undefined)(
    "lets a property's own seed and numRuns override the global ones when FC_SEED and FC_NUM_RUNS are unset",
    () => {
      expect(seen({ seed: 7, numRuns: 5 })).toEqual(fc.sample(fc.integer(), { seed: 7, numRuns: 5 }));
      expect(seen({ seed: 7, numRuns: 5 })).not.toEqual(seen({ seed: 8, numRuns: 5 }));
    },
  );

  it("under FC_SEED / FC_NUM_RUNS replaces each property's seed and raises its run count", () => {
    const env = readFastCheckEnv({ FC_SEED: "9", FC_NUM_RUNS: "500" });
    expect(env).toEqual({ seed: 9, numRuns: 500 });
    expect(fastCheckParams({ seed: 42, numRuns: 50 }, env)).toEqual({ seed: 9, numRuns: 500 });
    expect(fastCheckParams({ seed: 42, numRuns: 900 }, env)).toEqual({ seed: 9, numRuns: 900 });
    expect(fastCheckParams(undefined, { seed: undefined, numRuns: 30 })).toEqual({ numRuns: 30 });
    expect(fastCheckParams({ seed: 1, numRuns: 5, verbose: true }, { seed: undefined, numRuns: undefined })).toEqual({ seed: 1, numRuns: 5, verbose: true });
  });

  it("applies FC_NUM_RUNS and FC_SEED to a property that passes its own settings (fc.assert is wrapped)", () => {
    expect(seen({ seed: 7, numRuns: 5 })).toHaveLength(numRuns(5));
    const seed = process.env["FC_SEED"] === undefined ? 7 : FC_SEED;
    expect(seen({ seed: 7, numRuns: 5 })).toEqual(fc.sample(fc.integer(), { seed, numRuns: numRuns(5) }));
  });

  it("stops the run with a clear message on a malformed FC_SEED or FC_NUM_RUNS", () => {
    expect(() => readFastCheckEnv({ FC_SEED: "abc" })).toThrow("FC_SEED must be an integer, got abc");
    expect(() => readFastCheckEnv({ FC_NUM_RUNS: "0" })).toThrow("FC_NUM_RUNS must be a positive integer, got 0");
    expect(() => readFastCheckEnv({ FC_MAX_RUNS: "-3" })).toThrow("FC_MAX_RUNS must be a positive integer, got -3");
    expect(readFastCheckEnv({})).toEqual({ seed: undefined, numRuns: undefined });
  });

  it("under FC_MAX_RUNS caps each property's run count, after FC_NUM_RUNS has raised it", () => {
    const env = readFastCheckEnv({ FC_MAX_RUNS: "20" });
    expect(env).toEqual({ seed: undefined, numRuns: undefined, maxRuns: 20 });
    expect(fastCheckParams({ seed: 1, numRuns: 500 }, env)).toEqual({ seed: 1, numRuns: 20 });
    expect(fastCheckParams({ numRuns: 5 }, env)).toEqual({ numRuns: 5 });
    expect(fastCheckParams(undefined, env)).toEqual({ numRuns: 20 });
    expect(fastCheckParams({ numRuns: 5 }, readFastCheckEnv({ FC_NUM_RUNS: "300", FC_MAX_RUNS: "50" }))).toEqual({ numRuns: 50 });
  });

  it("numRuns(n) keeps n unless FC_NUM_RUNS asks for more", () => {
    const raised = FC_NUM_RUNS === undefined ? 50 : Math.max(50, FC_NUM_RUNS);
    expect(numRuns(50)).toBe(FC_MAX_RUNS === undefined ? raised : Math.min(raised, FC_MAX_RUNS));
  });
});
