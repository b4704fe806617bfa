import { defineConfig, type Options } from "tsup";

const config: Options = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  tsconfig: "tsconfig.build.json",
  sourcemap: false,
  clean: true,
  treeshake: true,
  target: "es2022",
  platform: "neutral",
  outDir: "dist",
};

export default defineConfig(config);
