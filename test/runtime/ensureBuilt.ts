// Shared by the runtime tests: `npm test` builds first; a test run alone rebuilds dist/ when it
// is missing or older than a source file.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const root: string = join(__dirname, "..", "..");

export function ensureBuilt(): void {
  const dist = join(root, "dist", "index.js");
  const src = join(root, "src");
  const built = existsSync(dist) ? statSync(dist).mtimeMs : 0;
  const stale = readdirSync(src, { recursive: true, encoding: "utf8" }).some((name) => statSync(join(src, name)).mtimeMs > built);
  if (stale) execFileSync(join(root, "node_modules", ".bin", "tsup"), ["--silent"], { cwd: root, stdio: "ignore" });
}
