// Runs every script in examples/ against the built package (dist/), under Node (ESM and
// CJS) and Deno, so that the documented usage cannot rot.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const dist = join(root, "dist", "index.js");
const bin = (name: string): string => join(root, "node_modules", ".bin", name);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
}

beforeAll(() => {
  // `npm test` builds first; when the tests run alone, build if dist/ is missing or stale.
  if (!existsSync(dist) || statSync(dist).mtimeMs < newestMtime(join(root, "src"))) run(bin("tsup"), ["--silent"]);
}, 180_000);

const nodeExamples = readdirSync(join(root, "examples"))
  .filter((f) => f.endsWith(".ts"))
  .sort();
const denoExamples = existsSync(join(root, "examples", "deno"))
  ? readdirSync(join(root, "examples", "deno")).filter((f) => f.endsWith(".ts")).sort()
  : [];

describe("examples under Node (ESM, built package)", () => {
  it("has at least one example", () => {
    expect(nodeExamples.length).toBeGreaterThan(0);
  });
  for (const file of nodeExamples) {
    it(`examples/${file} runs`, () => {
      const out = run(process.execPath, ["--import", "tsx", join("examples", file)]);
      expect(out.length).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe("the CommonJS build", () => {
  it("loads with require and computes", () => {
    const out = run(process.execPath, ["-e", 'const m = require("crm-metrics"); console.log(m.nps([10, 9, 8, 6, 10]).score, typeof m.CrmMetricsError);']);
    expect(out.trim()).toBe("40 function");
  });
});

describe("examples under Deno", () => {
  for (const file of denoExamples) {
    const path = join("examples", "deno", file);
    it(`examples/deno/${file} type-checks and runs`, () => {
      run(bin("deno"), ["check", path]);
      const out = run(bin("deno"), ["run", "--allow-read", "--allow-env", path]);
      expect(out).toMatch(/Deno \d+\.\d+/);
    }, 180_000);
  }
});
