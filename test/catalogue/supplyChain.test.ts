// Supply chain: the runtime dependency closure in the lock file and what the built package
// imports. test/runtime/package.test.ts already checks package.json itself (exactly the four
// runtime dependencies, pinned; no install hooks), so those are not repeated here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, root } from "../runtime/ensureBuilt";

const RUNTIME = ["@date-fns/tz", "date-fns", "decimal.js", "zod"];

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly hasInstallScript?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };

/** The lock-file key a package `name` required from `from` resolves to (npm's nested node_modules lookup). */
function resolve(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const key = `${dir === "" ? "" : `${dir}/`}node_modules/${name}`;
    if (lock.packages[key] !== undefined) return key;
    if (dir === "") return undefined;
    const at = dir.lastIndexOf("/node_modules/");
    dir = at === -1 ? "" : dir.slice(0, at);
  }
}

/** Every package the runtime dependencies pull in (required, optional and non-optional peer dependencies). */
function runtimeClosure(): Map<string, LockEntry> {
  const seen = new Map<string, LockEntry>();
  const visit = (from: string, name: string): void => {
    const key = resolve(from, name);
    expect(key, `${name} (required by ${from || "crm-metrics"}) is in package-lock.json`).toBeDefined();
    if (key === undefined || seen.has(key)) return;
    const entry = lock.packages[key]!;
    seen.set(key, entry);
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => entry.peerDependenciesMeta?.[p]?.optional !== true);
    for (const dep of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]) visit(key, dep);
  };
  for (const name of Object.keys(pkg.dependencies)) visit("", name);
  return seen;
}

describe("supply chain", () => {
  it("the lock file resolves the runtime dependencies to exactly the pinned versions, and they need nothing else", () => {
    const closure = runtimeClosure();
    expect([...closure.keys()].sort()).toEqual(RUNTIME.map((n) => `node_modules/${n}`).sort());
    for (const name of RUNTIME) expect(lock.packages[`node_modules/${name}`]!.version, name).toBe(pkg.dependencies[name]);
  });

  it("no package of the runtime closure has an install script or is a dev-only entry", () => {
    for (const [key, entry] of runtimeClosure()) {
      expect(entry.hasInstallScript ?? false, key).toBe(false);
      expect(entry.dev ?? false, key).toBe(false);
    }
  });

  describe("the built package", () => {
    beforeAll(() => ensureBuilt(), 120_000);

    /** Every .js/.cjs/.mjs file under dist/. */
    const distFiles = (): string[] =>
      readdirSync(join(root, "dist"), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.(c|m)?js$/.test(f))
        .map((f) => join(root, "dist", f));

    /** The module specifiers a built file imports, requires or re-exports. */
    function specifiers(code: string): string[] {
      const found: string[] = [];
      const patterns = [
        /\bimport\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+)["']/g,
        /\bexport\s*[\w*${}\s,]*?\s*from\s*["']([^"']+)["']/g,
        /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
        /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
      ];
      for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]!);
      return found;
    }

    it("imports only its four runtime dependencies (and its own files), in every built file", () => {
      const files = distFiles();
      expect(files.length).toBeGreaterThanOrEqual(2);
      const external = new Set<string>();
      for (const file of files) {
        for (const s of specifiers(readFileSync(file, "utf8"))) {
          if (s.startsWith("./") || s.startsWith("../")) continue;
          external.add(s);
        }
      }
      const packageOf = (s: string): string => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!);
      expect([...external].filter((s) => !RUNTIME.includes(packageOf(s)))).toEqual([]);
      expect([...external].some((s) => packageOf(s) === "zod")).toBe(true);
    });

    it("the scanner sees imports, requires and re-exports (so the check above cannot pass vacuously)", () => {
      const code = 'import { a } from "date-fns";\nimport "x-side";\nexport * from "./y.js";\nconst z = require("node:fs");\nawait import("w");';
      expect(specifiers(code).sort()).toEqual(["./y.js", "date-fns", "node:fs", "w", "x-side"]);
    });
  });
});
