// RFM scores for 1,000,000 transactions over 100,000 customers (generateTransactions, seeded),
// median of 5 runs after a warm-up, with ISO strings and with epoch milliseconds, against
// DuckDB running the same aggregation and NTILE scores (bench/peers/duckdb.ts, rfmSql) on the
// same rows in the same process. Issue 7 target: within 2x of DuckDB (0.17 s here).
// Run with the system Node 20 (as `npm run bench`): node --import tsx bench/segmentation.bench.ts
// (`npx tsx` picks the Node 24 dev dependency); BENCH_DUCKDB=0 skips the peer.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { abcTiers, generateTransactions, rfmScores, rfmSegments } from "../src/index.js";
import type { Transaction } from "../src/index.js";
import { openDuck, rfmSql } from "./peers/duckdb.js";
import { measure } from "./timing.js";

const CUSTOMERS = 100_000;
const TRANSACTIONS = 1_000_000;
const AS_OF = "2025-01-01T00:00:00.000Z";



function report(label: string, t: { wall: number; cpu: number }, peer?: number): void {
  const ratio = peer === undefined ? "" : `  ${(t.wall / peer).toFixed(2)}x DuckDB`;
  // CPU time is printed too: on a shared, loaded machine wall time overstates the cost.
  console.log(`${label.padEnd(44)} median ${t.wall.toFixed(3)} s wall, ${t.cpu.toFixed(3)} s CPU${ratio}`);
}

function generate(dateFormat: "iso" | "epoch"): Transaction[] {
  const log = generateTransactions({ customers: CUSTOMERS, seed: 1, purchaseRate: { r: 0.9, alpha: 16 }, dropout: { a: 0.5, b: 8 }, dateFormat });
  return log.length > TRANSACTIONS ? log.slice(0, TRANSACTIONS) : log;
}

const iso = generate("iso");
const epoch = generate("epoch");
const customers = new Set(iso.map((t) => t.customerId)).size;
console.log(`${iso.length} transactions over ${customers} customers, asOf ${AS_OF}`);

let duck: number | undefined;
if (process.env["BENCH_DUCKDB"] !== "0") {
  const dir = mkdtempSync(join(tmpdir(), "crm-seg-bench-"));
  try {
    const txCsv = join(dir, "tx.csv");
    const evCsv = join(dir, "ev.csv");
    writeFileSync(txCsv, `customer_id,occurred_at,amount\n${iso.map((t) => `${t.customerId},${t.occurredAt as string},${t.amount}`).join("\n")}\n`);
    writeFileSync(evCsv, "customer_id,occurred_at,name\nx,2024-01-01T00:00:00.000Z,y\n");
    const peer = await openDuck(txCsv, evCsv);
    const sql = rfmSql(AS_OF);
    const t = await measure(() => peer.time(sql));
    duck = t.wall;
    report(`DuckDB ${peer.version} (${peer.threads} threads), rfmSql`, t);
    peer.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

report("rfmScores, ISO strings", await measure(() => rfmScores(iso, { asOf: AS_OF })), duck);
report("rfmScores, epoch ms", await measure(() => rfmScores(epoch, { asOf: AS_OF })), duck);
report("rfmScores, monetary average", await measure(() => rfmScores(epoch, { asOf: AS_OF, monetary: "average" })), duck);
const scores = rfmScores(epoch, { asOf: AS_OF });
report("rfmSegments, 100k scored customers", await measure(() => rfmSegments(scores)));
report("abcTiers, ISO strings", await measure(() => abcTiers(iso, { asOf: AS_OF })));
