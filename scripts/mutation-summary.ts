// Per-folder summary of a Stryker JSON report (docs/mutation.md).
//
//   npx tsx scripts/mutation-summary.ts                      reports/mutation/mutation.json
//   npx tsx scripts/mutation-summary.ts --by-file            one row per file instead of per folder
//   npx tsx scripts/mutation-summary.ts --survivors src/value
//                                                            also list the undetected mutants under a path
//   npx tsx scripts/mutation-summary.ts a.json b.json         read other reports; for a source file
//                                                            in several, the last report given wins
//
// Score as Stryker computes it: (killed + timeout) / (killed + timeout + survived + no coverage);
// compile and runtime errors and ignored mutants do not count.
import { readFileSync } from "node:fs";

interface Position {
  readonly line: number;
  readonly column: number;
}

interface MutantResult {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: Position; readonly end: Position };
}

interface FileResult {
  readonly source: string;
  readonly mutants: readonly MutantResult[];
}

interface Report {
  readonly files: Readonly<Record<string, FileResult>>;
}

interface Row {
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  errors: number;
  ignored: number;
}

/** The row a file is counted in: `src/core` (with its stats/ subfolder) or `src/<family>`. */
export function folderOf(file: string, byFile: boolean): string {
  const path = file.replace(/\\/g, "/");
  if (byFile) return path;
  const parts = path.split("/");
  const src = parts.indexOf("src");
  return src >= 0 && parts.length > src + 2 ? parts.slice(0, src + 2).join("/") : path;
}

/** Mutation score in percent, or null when no mutant counts. */
export function score(row: Row): number | null {
  const detected = row.killed + row.timeout;
  const total = detected + row.survived + row.noCoverage;
  return total === 0 ? null : (100 * detected) / total;
}

function emptyRow(): Row {
  return { killed: 0, survived: 0, noCoverage: 0, timeout: 0, errors: 0, ignored: 0 };
}

function count(row: Row, status: string): void {
  if (status === "Killed") row.killed += 1;
  else if (status === "Survived") row.survived += 1;
  else if (status === "NoCoverage") row.noCoverage += 1;
  else if (status === "Timeout") row.timeout += 1;
  else if (status === "Ignored") row.ignored += 1;
  else row.errors += 1;
}

function main(args: readonly string[]): void {
  const byFile = args.includes("--by-file");
  const survivorsAt = args.indexOf("--survivors");
  const survivorsPrefix = survivorsAt >= 0 ? (args[survivorsAt + 1] ?? "src") : null;
  const paths = args.filter((a, i) => !a.startsWith("--") && (survivorsAt < 0 || i !== survivorsAt + 1));
  const files = new Map<string, FileResult>();
  for (const path of paths.length > 0 ? paths : ["reports/mutation/mutation.json"]) {
    const report = JSON.parse(readFileSync(path, "utf8")) as Report;
    for (const [file, result] of Object.entries(report.files)) files.set(file, result);
  }

  const rows = new Map<string, Row>();
  const total = emptyRow();
  const undetected: string[] = [];
  for (const file of [...files.keys()].sort()) {
    const key = folderOf(file, byFile);
    const row = rows.get(key) ?? emptyRow();
    rows.set(key, row);
    const result = files.get(file)!;
    const lines = result.source.split("\n");
    for (const m of result.mutants) {
      count(row, m.status);
      count(total, m.status);
      if (
        survivorsPrefix !== null &&
        (m.status === "Survived" || m.status === "NoCoverage") &&
        file.replace(/\\/g, "/").startsWith(survivorsPrefix)
      ) {
        const line = m.location.start.line;
        const text = (lines[line - 1] ?? "").trim().slice(0, 100);
        const replacement = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
        undetected.push(`${file}:${line}:${m.location.start.column} ${m.status} ${m.mutatorName} -> ${replacement}\n    ${text}`);
      }
    }
  }

  const header = ["folder", "killed", "survived", "no-coverage", "timeout", "errors", "score"];
  const table = [...rows.entries()].map(([name, r]) => [name, r, score(r)] as const);
  const format = (name: string, r: Row, s: number | null): string[] => [
    name,
    String(r.killed),
    String(r.survived),
    String(r.noCoverage),
    String(r.timeout),
    String(r.errors),
    s === null ? "n/a" : `${s.toFixed(2)}%`,
  ];
  const body = [...table.map(([n, r, s]) => format(n, r, s)), format("all", total, score(total))];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const cells of body) console.log(line(cells));
  if (survivorsPrefix !== null) {
    console.log(`\nUndetected mutants under ${survivorsPrefix}: ${undetected.length}`);
    for (const u of undetected) console.log(u);
  }
}

main(process.argv.slice(2));
