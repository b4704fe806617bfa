/**
 * Vitest setup file (vitest.config.ts `setupFiles`): one fast-check seed for every property
 * that does not pass its own, so that CI runs are reproducible, and a way to run the
 * properties longer or with another seed.
 *
 *   FC_SEED=123 npx vitest run            every property with seed 123 (its own seed is overridden)
 *   FC_NUM_RUNS=10000 npx vitest run      every property at least 10,000 runs
 *   FC_MAX_RUNS=20 npx vitest run         every property at most 20 runs (the mutation runs use
 *                                         this: vitest.mutation.config.ts)
 *
 * Without these variables each `fc.assert(..., { seed, numRuns })` keeps its own settings
 * and properties without a seed use 42. With them, `fc.assert` and `fc.check` are wrapped
 * (a `vi.mock` of fast-check that applies to every test file) so that FC_SEED replaces each
 * property's seed, FC_NUM_RUNS raises each property's run count to at least that and
 * FC_MAX_RUNS then caps it.
 */
import { vi } from "vitest";

vi.mock("fast-check", async (importOriginal) => {
  const real = await importOriginal<typeof import("fast-check")>();
  const env = readFastCheckEnv(process.env);
  if (env.seed === undefined && env.numRuns === undefined && env.maxRuns === undefined) return real;
  const assert = ((property: never, params?: never) => real.assert(property, fastCheckParams(params, env))) as typeof real.assert;
  const check = ((property: never, params?: never) => real.check(property, fastCheckParams(params, env))) as typeof real.check;
  return { ...real, assert, check, default: { ...real.default, assert, check } };
});

/** FC_SEED, FC_NUM_RUNS and FC_MAX_RUNS from an environment, checked. */
export interface FastCheckEnv {
  readonly seed: number | undefined;
  readonly numRuns: number | undefined;
  readonly maxRuns?: number | undefined;
}

/** A property's parameters under FC_SEED / FC_NUM_RUNS / FC_MAX_RUNS: the seed replaced, the run count raised, then capped. */
export function fastCheckParams<P extends { seed?: number; numRuns?: number }>(params: P | undefined, env: FastCheckEnv): P {
  const out: { seed?: number; numRuns?: number } = { ...params };
  if (env.seed !== undefined) out.seed = env.seed;
  if (env.numRuns !== undefined) out.numRuns = Math.max(out.numRuns ?? 0, env.numRuns);
  if (env.maxRuns !== undefined) out.numRuns = Math.min(out.numRuns ?? DEFAULT_RUNS, env.maxRuns);
  return out as P;
}

/** fast-check's own default run count. */
const DEFAULT_RUNS = 100;

/** Read FC_SEED, FC_NUM_RUNS and FC_MAX_RUNS; a malformed value stops the run with a clear message. */
export function readFastCheckEnv(environment: Record<string, string | undefined>): FastCheckEnv {
  const seedText = environment["FC_SEED"];
  const runsText = environment["FC_NUM_RUNS"];
  const seed = seedText === undefined || seedText === "" ? undefined : Number(seedText);
  const maxText = environment["FC_MAX_RUNS"];
  const numRuns = runsText === undefined || runsText === "" ? undefined : Number(runsText);
  const maxRuns = maxText === undefined || maxText === "" ? undefined : Number(maxText);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${seedText}`);
  if (numRuns !== undefined && !(Number.isSafeInteger(numRuns) && numRuns > 0)) {
    throw new Error(`FC_NUM_RUNS must be a positive integer, got ${runsText}`);
  }
  if (maxRuns !== undefined && !(Number.isSafeInteger(maxRuns) && maxRuns > 0)) {
    throw new Error(`FC_MAX_RUNS must be a positive integer, got ${maxText}`);
  }
  return maxRuns === undefined ? { seed, numRuns } : { seed, numRuns, maxRuns };
}

import fc from "fast-check";

const env = readFastCheckEnv(process.env);
/** The seed of this run: FC_SEED, or 42. */
export const FC_SEED: number = env.seed ?? 42;
/** The run count asked for with FC_NUM_RUNS, or undefined (fast-check's default of 100). */
export const FC_NUM_RUNS: number | undefined = env.numRuns;

/** The cap asked for with FC_MAX_RUNS, or undefined (no cap). */
export const FC_MAX_RUNS: number | undefined = env.maxRuns;

const globalRuns = FC_NUM_RUNS === undefined && FC_MAX_RUNS === undefined ? undefined : numRuns(DEFAULT_RUNS);
fc.configureGlobal(globalRuns === undefined ? { seed: FC_SEED } : { seed: FC_SEED, numRuns: globalRuns });

/**
 * A property's run count: `fallback` normally, at least FC_NUM_RUNS when that is set and at
 * most FC_MAX_RUNS (`fc.assert(prop, { numRuns: numRuns(50) })`). The wrapped `fc.assert` applies the same
 * rule to every property, so this is only needed where a count is used outside `fc.assert`.
 */
export function numRuns(fallback: number): number {
  const raised = FC_NUM_RUNS === undefined ? fallback : Math.max(fallback, FC_NUM_RUNS);
  return FC_MAX_RUNS === undefined ? raised : Math.min(raised, FC_MAX_RUNS);
}
