// docs/cookbook.md cannot rot: every ```ts block is type-checked (tsconfig.json's options,
// "crm-metrics" resolved to src/ by its `paths`) and run against src/, and what it prints must
// be exactly the ```text block that follows it in the page.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { extractRecipes, normalise, runRecipe } from "./cookbookRunner.js";

const root = join(__dirname, "..", "..");
const page = "docs/cookbook.md";

const recipes = extractRecipes(readFileSync(join(root, page), "utf8"));
let typeErrors = new Map<number, string[]>();

beforeAll(() => {
  const configPath = join(root, "tsconfig.json");
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const options = { ...ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath)).options, noEmit: true };
  const host = ts.createCompilerHost(options, true);
  const virtual = new Map(recipes.map((r, k) => [join(root, "test", "docs", `__cookbook-${k}__.ts`).replaceAll("\\", "/"), r.code]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(fileName.replaceAll("\\", "/"));
    return text === undefined ? getSourceFile(fileName, languageVersion, onError, shouldCreate) : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(fileName.replaceAll("\\", "/")) || fileExists(fileName);
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  typeErrors = new Map();
  [...virtual.keys()].forEach((file, k) => {
    const source = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    typeErrors.set(
      k,
      diagnostics.map((d) => {
        const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        return `${page}:${recipes[k]!.line + 1 + at}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  });
}, 180_000);

describe(page, () => {
  it("has the recipes, each with its printed answer", () => {
    expect(recipes.length).toBeGreaterThanOrEqual(8);
    expect(recipes.filter((r) => r.expected === null).map((r) => `${r.title} (line ${r.line})`)).toEqual([]);
  });

  recipes.forEach((recipe, k) => {
    it(`${recipe.title} (line ${recipe.line}) type-checks and prints what the page shows`, async () => {
      expect(typeErrors.get(k) ?? []).toEqual([]);
      const printed = await runRecipe(recipe.code);
      expect(normalise(printed)).toBe(normalise(recipe.expected ?? ""));
    });
  });
});
