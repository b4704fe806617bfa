// Vitest configuration used only by Stryker (`npm run mutation`, see docs/mutation.md).
// It runs the tests that exercise src/ directly and leaves out:
// - test/runtime/**: checks the built dist/ package (ESM/CJS, Node 24, browser bundle), which a
//   mutant of src/ never changes;
// - test/scale/**: runs DuckDB against the documented SQL (slow, and not a test of src/);
// - test/docs/exampleTypes.test.ts: type-checks the TSDoc examples with the TypeScript compiler
//   (slow; a mutant changes values, not types). test/docs/examples.test.ts, which runs the
//   examples and checks their values, stays in.
// Every fast-check property runs at most 25 times (FC_MAX_RUNS, test/support/fastCheck.ts):
// a mutant reached by a property test is nearly always caught in its first runs, and the
// long properties (merge laws over chunkings, model fits) otherwise make each mutant of
// src/core cost seconds.
// Everything else (setup files, timeouts) comes from vitest.config.ts.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(base, defineConfig({
  test: {
    exclude: ["test/runtime/**", "test/scale/**", "test/docs/exampleTypes.test.ts", "**/node_modules/**"],
    // Stryker runs every mutant in a fresh worker: share modules between the test files of
    // one run and load the dependencies pre-bundled (date-fns alone is ~250 modules), which
    // cuts the start-up cost of each mutant run by more than half.
    isolate: false,
    env: { FC_MAX_RUNS: process.env["FC_MAX_RUNS"] ?? "25" },
    deps: {
      optimizer: {
        ssr: { enabled: true, include: ["date-fns", "@date-fns/tz", "zod", "decimal.js", "fast-check"] },
      },
    },
  },
}));
