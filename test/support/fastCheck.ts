/**
 * Vitest setup file (vitest.config.ts `setupFiles`): one fast-check seed for every property
 * that does not pass its own, so that CI runs are reproducible, and a way to run the
 * properties longer.
 *
 *   FC_SEED=123 npx vitest run            another seed
 *   FC_NUM_RUNS=10000 npx vitest run      more runs for properties without their own numRuns
 *
 * Options passed to `fc.assert(..., { seed, numRuns })` override these global ones; use
 * {@link numRuns} in a property to keep its own count but let FC_NUM_RUNS raise it.
 */
import fc from "fast-check";

/** The seed of this run: FC_SEED, or 42. */
export const FC_SEED: number = Number(process.env["FC_SEED"] ?? 42);

const envRuns = process.env["FC_NUM_RUNS"];
/** The run count asked for with FC_NUM_RUNS, or undefined (fast-check's default of 100). */
export const FC_NUM_RUNS: number | undefined = envRuns === undefined || envRuns === "" ? undefined : Number(envRuns);

if (!Number.isSafeInteger(FC_SEED)) throw new Error(`FC_SEED must be an integer, got ${process.env["FC_SEED"]}`);
if (FC_NUM_RUNS !== undefined && !(Number.isSafeInteger(FC_NUM_RUNS) && FC_NUM_RUNS > 0)) {
  throw new Error(`FC_NUM_RUNS must be a positive integer, got ${envRuns}`);
}

fc.configureGlobal(FC_NUM_RUNS === undefined ? { seed: FC_SEED } : { seed: FC_SEED, numRuns: FC_NUM_RUNS });

/**
 * A property's run count: `fallback` normally, at least FC_NUM_RUNS when that is set
 * (`fc.assert(prop, { numRuns: numRuns(50) })`).
 */
export function numRuns(fallback: number): number {
  return FC_NUM_RUNS === undefined ? fallback : Math.max(fallback, FC_NUM_RUNS);
}
