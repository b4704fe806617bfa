// Type-checks every TSDoc `@example` in src/ (test/docs/examples.test.ts runs them and checks
// their values). All examples go into one in-memory TypeScript module that imports every public
// name of the library from src/index.ts, each example in its own async function; the compiler
// (the options of tsconfig.json: strict, noUncheckedIndexedAccess, ...) must report no error in
// that module. A failure names the example's file and line and the compiler's message.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { type DocExample, extractExamples, listSourceFiles } from "../support/docExamples.js";

const root = join(__dirname, "..", "..");
const examples = listSourceFiles(join(root, "src")).flatMap((f) => extractExamples(root, f));
/** The public value names (what examples.test.ts puts in scope), read by the compiler. */
let names: string[] = [];
/** The in-memory module; it sits in test/docs/ so that its relative import is the usual one. */
const virtualFile = join(root, "test", "docs", "__doc-examples__.ts").replaceAll("\\", "/");

/** One line of the generated module: which example it comes from and which source line. */
interface LineOrigin {
  readonly example: number;
  readonly location: string;
}

/**
 * The source line (`src/x.ts:57`) of each step's first line: the step's text is searched in the
 * comment, from the `@example` line on, so code fences and blank lines do not shift it.
 */
function stepLocations(ex: DocExample): string[] {
  const [file, lineText] = [ex.location.slice(0, ex.location.lastIndexOf(":")), ex.location.slice(ex.location.lastIndexOf(":") + 1)];
  const lines = readFileSync(join(root, file), "utf8")
    .split("\n")
    .map((l) => l.replace(/^\s*\*? ?/, "").trim());
  let cursor = Number(lineText) - 1;
  return ex.steps.map((step) => {
    const text = step.kind === "code" ? step.code : step.expression;
    const first = text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
    for (let i = cursor; i < lines.length; i++) {
      if (first !== "" && lines[i]!.includes(first)) {
        cursor = i;
        return `${file}:${i + 1}`;
      }
    }
    return ex.location;
  });
}

function generate(): { text: string; origins: LineOrigin[] } {
  const out: string[] = [
    `import { ${names.join(", ")} } from "../../src/index.js";`,
    "declare function __check(value: unknown): void;",
  ];
  const origins: LineOrigin[] = out.map(() => ({ example: -1, location: "(header)" }));
  const push = (text: string, origin: LineOrigin): void => {
    for (const line of text.split("\n")) {
      out.push(line);
      origins.push(origin);
    }
  };
  examples.forEach((ex, k) => {
    const locations = stepLocations(ex);
    push(`export async function __example${k}(): Promise<void> {`, { example: k, location: ex.location });
    ex.steps.forEach((step, s) => {
      const origin = { example: k, location: locations[s] ?? ex.location };
      // A check expression is wrapped so that it is read as an expression (an object literal
      // is not a block) and cannot merge with the next step.
      push(step.kind === "code" ? step.code : `__check(\n${step.expression}\n);`, origin);
    });
    push("}", { example: k, location: ex.location });
  });
  return { text: `${out.join("\n")}\n`, origins };
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, "tsconfig.json");
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  return { ...parsed.options, noEmit: true, incremental: false };
}

interface Failure {
  readonly example: number;
  readonly location: string;
  readonly message: string;
}

let failures: Failure[] = [];
let headerErrors: string[] = [];

beforeAll(() => {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const indexFile = join(root, "src", "index.ts");
  const libraryProgram = ts.createProgram({ rootNames: [indexFile], options, host });
  const libraryChecker = libraryProgram.getTypeChecker();
  const indexSymbol = libraryChecker.getSymbolAtLocation(libraryProgram.getSourceFile(indexFile)!)!;
  names = libraryChecker
    .getExportsOfModule(indexSymbol)
    .filter((s) => ((s.flags & ts.SymbolFlags.Alias ? libraryChecker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value) !== 0)
    .map((s) => s.getName())
    .sort();
  const { text, origins } = generate();
  const source = ts.createSourceFile(virtualFile, text, options.target ?? ts.ScriptTarget.ES2022, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    fileName.replaceAll("\\", "/") === virtualFile ? source : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName.replaceAll("\\", "/") === virtualFile || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => (fileName.replaceAll("\\", "/") === virtualFile ? text : readFile(fileName));
  const program = ts.createProgram({ rootNames: [virtualFile], options, host, oldProgram: libraryProgram });
  const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  failures = [];
  headerErrors = [];
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
    const origin = origins[line];
    const code = text.split("\n")[line]?.trim() ?? "";
    if (origin === undefined || origin.example < 0) headerErrors.push(`TS${d.code}: ${message}`);
    else failures.push({ example: origin.example, location: origin.location, message: `TS${d.code} at \`${code}\`: ${message}` });
  }
}, 180_000);

/**
 * Examples that do not type-check yet, each with the reason, keyed `file symbol #n` (the n-th
 * example of that symbol in the file). Empty: every example type-checks. An entry that starts
 * to type-check fails the test, so the list cannot go stale.
 */
const KNOWN_TYPE_ERRORS: Readonly<Record<string, string>> = {};

/** `src/clv/sbgSurvival.ts sbgSurvival #1`. */
function exampleKey(ex: DocExample, k: number): string {
  const file = ex.location.slice(0, ex.location.lastIndexOf(":"));
  const n = examples.slice(0, k + 1).filter((e) => e.symbol === ex.symbol && e.location.startsWith(`${file}:`)).length;
  return `${file} ${ex.symbol} #${n}`;
}

describe("TSDoc @example blocks type-check (tsconfig.json options)", () => {
  it("are found, and the generated module imports every public name", () => {
    expect(examples.length).toBeGreaterThan(5);
    expect(names.length).toBeGreaterThan(20);
    expect(headerErrors).toEqual([]);
  });

  it("list no known failure that is not an example", () => {
    const keys = new Set(examples.map(exampleKey));
    expect(Object.keys(KNOWN_TYPE_ERRORS).filter((key) => !keys.has(key))).toEqual([]);
  });

  examples.forEach((ex, k) => {
    const key = exampleKey(ex, k);
    const known = KNOWN_TYPE_ERRORS[key];
    it(`${key} (line ${ex.location.slice(ex.location.lastIndexOf(":") + 1)})${known === undefined ? "" : " [known type error]"}`, () => {
      const mine = failures.filter((f) => f.example === k).map((f) => `${f.location}: ${f.message}`);
      if (known === undefined) {
        expect(mine, `@example of ${ex.symbol} at ${ex.location} does not type-check:\n${mine.join("\n")}`).toEqual([]);
      } else {
        expect(mine.length, `${key} now type-checks: remove it from KNOWN_TYPE_ERRORS (${known})`).toBeGreaterThan(0);
      }
    });
  });
});
