// Reads the ```ts blocks of docs/cookbook.md with the ```text block that shows each one's output,
// and runs a block against src/ capturing what it prints (used by cookbook.test.ts).
import { format } from "node:util";
import { transform } from "esbuild";
import * as lib from "../../src/index.js";

/** A code block of the page and the output the page shows for it. */
export interface Recipe {
  /** The `## ...` heading above the block. */
  readonly title: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** The following ```text block, or null when the page shows none. */
  readonly expected: string | null;
}

export function extractRecipes(markdown: string): Recipe[] {
  const lines = markdown.split("\n");
  const recipes: { title: string; line: number; code: string; expected: string | null }[] = [];
  let title = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("## ")) title = line.slice(3).trim();
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (fence[1] === "ts") recipes.push({ title, line: start + 1, code: body.join("\n"), expected: null });
    else if (fence[1] === "text" && recipes.length > 0 && recipes[recipes.length - 1]!.expected === null) {
      recipes[recipes.length - 1]!.expected = body.join("\n");
    }
  }
  return recipes;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (
  ...args: unknown[]
) => Promise<unknown>;

/** Runs a block against src/ and returns what it printed with console.log (as Node prints it). */
export async function runRecipe(code: string): Promise<string> {
  const withoutImports = code.replace(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+"crm-metrics";[ \t]*$/gm, (_all, isType: string | undefined, list: string) => {
    if (isType !== undefined) return "";
    const values = list
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "" && !n.startsWith("type "));
    return `const { ${values.join(", ")} } = __lib;`;
  });
  if (/^import\s/m.test(withoutImports)) throw new Error("a cookbook block may import only from \"crm-metrics\"");
  const { code: js } = await transform(withoutImports, { loader: "ts", format: "esm", target: "es2022" });
  const printed: string[] = [];
  const console = { log: (...args: unknown[]) => printed.push(format(...args)) };
  await new AsyncFunction("__lib", "console", js)(lib, console);
  return printed.join("\n");
}

/** Trailing spaces and blank lines at either end do not count. */
export function normalise(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .trim();
}

