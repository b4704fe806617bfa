// Stryker mutation testing: `npm run mutation` (see docs/mutation.md).
// One test runner process by default, because the machine is shared; ask for more with
// `npx stryker run --concurrency 2` or `STRYKER_CONCURRENCY=2 npm run mutation`.
const concurrency = Number.parseInt(process.env.STRYKER_CONCURRENCY ?? "1", 10);

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: ["src/**/*.ts", "!src/**/index.ts"],
  coverageAnalysis: "perTest",
  ignoreStatic: true,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1,
  dryRunTimeoutMinutes: 30,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
