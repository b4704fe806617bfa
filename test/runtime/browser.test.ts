// The browser leg of the runtime matrix: esbuild bundles the built ESM package (dist/index.js)
// with its four runtime dependencies for `platform: "browser"`; the bundle must not import any
// Node built-in, and it must run in a fresh V8 context that has none of Node's globals
// (no process, require, Buffer, module) to compute nps and customerSummary.
import { builtinModules } from "node:module";
import { join } from "node:path";
import { runInContext, createContext } from "node:vm";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, root } from "./ensureBuilt";

let code = "";
let metafile: Metafile;

beforeAll(async () => {
  ensureBuilt();
  const result = await build({
    entryPoints: [join(root, "dist", "index.js")],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "CrmMetrics",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  code = result.outputFiles[0]?.text ?? "";
  metafile = result.metafile;
}, 120_000);

describe("browser bundle (esbuild, platform browser)", () => {
  it("bundles the package and its dependencies without any Node built-in", () => {
    expect(code.length).toBeGreaterThan(10_000);
    const inputs = Object.keys(metafile.inputs);
    for (const dep of ["zod", "date-fns", "@date-fns/tz", "decimal.js"]) {
      expect(inputs.some((p) => p.includes(`node_modules/${dep}/`))).toBe(true);
    }
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const imported = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imported.filter((p) => builtins.has(p) || p.startsWith("node:"))).toEqual([]);
    // Nothing left external, and no require() or import of a built-in in the output text.
    expect(Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external))).toEqual([]);
    expect(code).not.toMatch(/\brequire\(\s*["'](?:node:)?(?:fs|path|os|crypto|url|util|stream|buffer|child_process|module)["']\)/);
    expect(code).not.toMatch(/from\s*["']node:/);
  });

  it("computes nps and customerSummary in a context without Node globals", () => {
    const logs: string[] = [];
    const context = createContext({ console: { log: (...a: unknown[]) => logs.push(a.join(" ")) } });
    runInContext(code, context, { filename: "crm-metrics.browser.js" });
    const probe = runInContext(
      `JSON.stringify({
        globals: [typeof process, typeof require, typeof Buffer, typeof module, typeof globalThis.global],
        nps: CrmMetrics.nps([10, 9, 8, 6, 10]),
        summary: CrmMetrics.customerSummary([
          { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
          { customerId: "a", occurredAt: "2024-01-01", amount: 5 },
          { customerId: "a", occurredAt: "2024-01-08", amount: 30 },
          { customerId: "a", occurredAt: "2024-01-15", amount: 20 },
          { customerId: "constructor", occurredAt: "2024-03-31T01:30:00+01:00", amount: -4 },
        ], { asOf: "2024-01-29" }).customers.map((c) => [c.customerId, c.frequency, c.recency, c.T, c.monetaryValue, c.totalSpend]),
        berlin: CrmMetrics.satisfactionTrend(
          [{ kind: "nps", score: 10, respondedAt: "2024-03-30T23:30:00Z" }, { kind: "nps", score: 2, respondedAt: "2024-04-02" }],
          { metric: "nps", timeZone: "Europe/Berlin" },
        ).points.map((p) => p.label),
        error: (() => { try { CrmMetrics.nps([Number.NaN]); return null; } catch (e) { return [e.name, e.code, e.path]; } })(),
      })`,
      context,
    ) as string;
    const r = JSON.parse(probe) as {
      globals: string[];
      nps: { score: number; n: number; promoters: number; detractors: number };
      summary: [string, number, number, number, number, number][];
      berlin: string[];
      error: [string, string, string] | null;
    };
    expect(r.globals).toEqual(["undefined", "undefined", "undefined", "undefined", "undefined"]);
    expect(r.nps.score).toBe(40);
    expect([r.nps.n, r.nps.promoters, r.nps.detractors]).toEqual([5, 3, 1]);
    // The purchase dated after asOf is left out, as in the customerSummary TSDoc example.
    expect(r.summary.map((row) => row[0])).toEqual(["a"]);
    const [, frequency, recency, T, monetary, total] = r.summary[0] ?? [];
    expect(frequency).toBe(2);
    expect(recency).toBeCloseTo(14, 10);
    expect(T).toBeCloseTo(28, 10);
    expect(monetary).toBeCloseTo(25, 10);
    expect(total).toBeCloseTo(65, 10);
    // 2024-03-30T23:30Z is already 31 March in Berlin: the time-zone data comes from Intl, not Node.
    expect(r.berlin).toEqual(["2024-03", "2024-04"]);
    expect(r.error?.[0]).toBe("CrmMetricsError");
    expect(r.error?.[1]).toBe("INVALID_INPUT");
    expect(r.error?.[2]).toBe("input[0]");
    expect(logs).toEqual([]);
  });
});
