// Build layout (dist/):
// - ESM, unbundled: one module per source file (dist/index.js, dist/satisfaction/nps.js, ...),
//   written by esbuild after the tsup build. With `sideEffects: false`, a bundler drops every
//   module an application does not reach, so `import { nps }` does not pull in the zod schemas
//   or the constant tables of other families (a single bundled file keeps their module-level
//   calls, which a bundler cannot prove unused).
// - CJS, bundled: dist/index.cjs (require() users get one file; no tree-shaking there anyway).
// - Types, bundled: dist/index.d.ts (ESM) and dist/index.d.cts (CJS), both from src/index.ts.
import { readdirSync } from "node:fs";
import { build } from "esbuild";
import { defineConfig, type Options } from "tsup";

const target = "es2022";

/** Every source module (type-only modules become empty ESM modules, which is harmless). */
function sourceModules(): string[] {
  return readdirSync("src", { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => `src/${name.replaceAll("\\", "/")}`)
    .sort();
}

async function buildUnbundledEsm(): Promise<void> {
  await build({
    entryPoints: sourceModules(),
    outdir: "dist",
    outbase: "src",
    format: "esm",
    bundle: false,
    platform: "neutral",
    target,
    tsconfig: "tsconfig.build.json",
    sourcemap: false,
    logLevel: "warning",
  });
}

const config: Options = {
  entry: ["src/index.ts"],
  // tsup also writes a bundled dist/index.js (needed for its dist/index.d.ts); onSuccess
  // replaces it with the unbundled ESM entry.
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  tsconfig: "tsconfig.build.json",
  sourcemap: false,
  clean: true,
  treeshake: true,
  target,
  platform: "neutral",
  outDir: "dist",
  // Runs after tsup has cleaned dist/ and written both formats.
  onSuccess: buildUnbundledEsm,
};

export default defineConfig(config);
