// Extracts every `@example` block from the TSDoc comments in src/ so that a test can run
// each one and check the value after `// =>`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface DocCheck {
  /** The expression whose value is checked. */
  readonly expression: string;
  /** The JavaScript literal after `// =>`. */
  readonly expected: string;
}

export interface DocExample {
  /** `src/satisfaction/nps.ts:42`. */
  readonly location: string;
  /** The symbol the comment documents, when it can be read. */
  readonly symbol: string;
  /** Setup code and checks, in order. */
  readonly steps: readonly ({ kind: "code"; code: string } | ({ kind: "check" } & DocCheck))[];
  /** The raw example text. */
  readonly source: string;
}

export function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSourceFiles(full));
    else if (name.endsWith(".ts")) out.push(full);
  }
  return out;
}

export function extractExamples(root: string, file: string): DocExample[] {
  const text = readFileSync(file, "utf8");
  const examples: DocExample[] = [];
  const commentRe = /\/\*\*([\s\S]*?)\*\//g;
  let m: RegExpExecArray | null;
  while ((m = commentRe.exec(text)) !== null) {
    const body = m[1]!;
    const startLine = text.slice(0, m.index).split("\n").length;
    const after = text.slice(commentRe.lastIndex, commentRe.lastIndex + 300);
    const sym = /(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function|class|const|interface|type)\s+([A-Za-z0-9_$]+)/.exec(after);
    const lines = body.split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    let i = 0;
    while (i < lines.length) {
      if (/^@example\b/.test(lines[i]!.trim())) {
        const exampleLine = startLine + i;
        const block: string[] = [];
        const first = lines[i]!.trim().replace(/^@example\s*/, "");
        if (first !== "") block.push(first);
        i++;
        while (i < lines.length && !/^@\w+/.test(lines[i]!.trim())) block.push(lines[i++]!);
        const code = block.filter((l) => !/^\s*```/.test(l));
        examples.push({
          location: `${relative(root, file)}:${exampleLine}`,
          symbol: sym?.[1] ?? "?",
          steps: toSteps(code),
          source: code.join("\n").trim(),
        });
      } else i++;
    }
  }
  return examples;
}

function toSteps(lines: string[]): DocExample["steps"] {
  const steps: DocExample["steps"][number][] = [];
  let buffer: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith("// =>")) {
      // The checked expression: the lines after the last statement that ends with ";".
      let k = buffer.length - 1;
      while (k >= 0 && !/;\s*(\/\/.*)?$/.test(buffer[k]!.trim())) k--;
      const setup = buffer.slice(0, k + 1).join("\n");
      const expression = buffer.slice(k + 1).join("\n").trim();
      if (setup.trim() !== "") steps.push({ kind: "code", code: setup });
      steps.push({ kind: "check", expression, expected: t.slice(5).trim() });
      buffer = [];
    } else buffer.push(line);
  }
  if (buffer.join("").trim() !== "") steps.push({ kind: "code", code: buffer.join("\n") });
  return steps;
}

/** Number of decimals written in a numeric literal (`0.667` has 3). */
function decimalsOf(literal: string): number {
  const m = /\.(\d+)(?:e|$)/i.exec(literal);
  return m === null ? 0 : m[1]!.length;
}

/**
 * Compare a value with the expected literal: numbers to the precision written, arrays and
 * objects by their expected keys, everything else strictly.
 */
export function matches(actual: unknown, expectedLiteral: string): boolean {
  // biome-ignore lint: evaluation of a trusted literal from the repository's own docs
  const expected: unknown = new Function(`return (${expectedLiteral});`)();
  const numberLiterals = expectedLiteral.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) ?? [];
  let cursor = 0;
  const nextDecimals = (): number => {
    const lit = numberLiterals[cursor++];
    return lit === undefined ? 0 : decimalsOf(lit);
  };
  const walk = (a: unknown, e: unknown): boolean => {
    if (typeof e === "number") {
      const d = nextDecimals();
      if (typeof a !== "number" || !Number.isFinite(a)) return Object.is(a, e);
      const tol = 0.5 * 10 ** -d + 1e-12 * Math.abs(e);
      return Math.abs(a - e) <= tol;
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) return false;
      return e.every((v, i) => walk(a[i], v));
    }
    if (e !== null && typeof e === "object") {
      if (a === null || typeof a !== "object") return false;
      return Object.keys(e).every((k) => walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k]));
    }
    return Object.is(a, e);
  };
  return walk(actual, expected);
}
