// The API reference groups the library by family: typedoc.json has one entry point per
// family folder (src/<family>/index.ts, each a typedoc module), and each family's index.ts
// opens with a `@module` comment that describes it. A new family folder must be added there.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8")) as {
  readonly entryPoints: readonly string[];
  readonly treatWarningsAsErrors?: boolean;
};
const families = readdirSync(join(root, "src"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, "src", d.name, "index.ts")))
  .map((d) => d.name)
  .sort();

describe("typedoc.json", () => {
  it("has one entry point per family folder, and no other", () => {
    expect(families.length).toBeGreaterThanOrEqual(12);
    expect([...config.entryPoints].sort()).toEqual(families.map((f) => `src/${f}/index.ts`));
    expect(config.treatWarningsAsErrors).toBe(true);
  });

  it("every family index.ts re-exported by src/index.ts", () => {
    const index = readFileSync(join(root, "src", "index.ts"), "utf8");
    for (const family of families) expect(index).toContain(`export * from "./${family}/index.js";`);
  });

  for (const family of families) {
    it(`src/${family}/index.ts opens with its @module comment`, () => {
      const text = readFileSync(join(root, "src", family, "index.ts"), "utf8");
      const comment = /^\/\*\*([\s\S]*?)\*\//.exec(text);
      expect(comment, "the file must start with a /** ... */ comment").not.toBeNull();
      expect(comment?.[1]).toMatch(new RegExp(`@module ${family}\\s`));
      expect(comment?.[1]).toContain("crm-metrics");
    });
  }
});
