import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";
import { extractExamples, listSourceFiles, matches } from "../support/docExamples.js";

const root = join(__dirname, "..", "..");
const files = listSourceFiles(join(root, "src"));
const examples = files.flatMap((f) => extractExamples(root, f));
const names = Object.keys(lib);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (
  ...args: unknown[]
) => Promise<unknown>;

describe("TSDoc @example blocks", () => {
  it("exist for the public functions", () => {
    expect(examples.length).toBeGreaterThan(5);
  });

  for (const ex of examples) {
    it(`${ex.symbol} (${ex.location}) gives what its comment says`, async () => {
      const checks: { expression: string; expected: string; actual: unknown }[] = [];
      let body = "";
      ex.steps.forEach((step, i) => {
        if (step.kind === "code") body += `${step.code}\n`;
        else body += `__record(${i}, await (${step.expression}));\n`;
      });
      const recorded = new Map<number, unknown>();
      const run = new AsyncFunction("__lib", "__record", `const { ${names.join(", ")} } = __lib;\n${body}`);
      await run(lib, (i: number, v: unknown) => recorded.set(i, v));
      ex.steps.forEach((step, i) => {
        if (step.kind === "check") checks.push({ expression: step.expression, expected: step.expected, actual: recorded.get(i) });
      });
      expect(checks.length, "an @example must end with an expression and a `// =>` line").toBeGreaterThan(0);
      for (const c of checks) {
        expect(matches(c.actual, c.expected), `${c.expression}\n// => ${c.expected}\ngot ${JSON.stringify(c.actual)}`).toBe(true);
      }
    });
  }
});
