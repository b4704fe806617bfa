// `npm run bench`: crm-metrics against DuckDB (SQL on a loaded table, same process) and
// pandas (Debian's python3-pandas, a child process) on the same seeded synthetic data.
// Prints medians and ratios and writes bench/RESULTS.md. Not part of `npm test`.
//
// Run it as `npm run bench` (Node 20 from the system, not the Node 24 dev dependency).
// Options (environment): BENCH_CUSTOMERS (default 100000), BENCH_RUNS (default 5),
// BENCH_SCALING=0 to skip the 100k/1M/4M scaling rows, BENCH_PANDAS=0 to skip pandas.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as lib from "../src/index.js";
import { rules as scoringRules } from "./scoringRules.js";
import { median } from "./timing.js";
import { cohortSql, customerSummarySql, funnelSql, openDuck, rfmSql } from "./peers/duckdb.js";
import { cohortFloor, customerSummaryFloor, funnelFloor, rfmFloor } from "./floors.js";

const here = import.meta.dirname;
const tmp = join(here, ".tmp");
const customers = Number(process.env["BENCH_CUSTOMERS"] ?? 100_000);
const runs = Number(process.env["BENCH_RUNS"] ?? 5);
const FUNNEL_STEPS = ["signup", "activate", "view_pricing", "purchase"] as const;
const AS_OF = "2025-01-01T00:00:00.000Z";


async function timeIt(fn: () => unknown, n = runs): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push((performance.now() - t0) / 1000);
  }
  return out;
}

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

// ---------------------------------------------------------------- data
log(`generating ${customers} customers of transactions and events ...`);
const transactions = lib.generateTransactions({ customers, seed: 1, purchaseRate: { r: 0.9, alpha: 11.8 } });
const events = lib.generateEvents({ customers, seed: 1, meanEventsPerCustomer: 10 });
log(`  ${transactions.length} transactions, ${events.length} events`);
mkdirSync(tmp, { recursive: true });
const txCsv = join(tmp, "transactions.csv");
const evCsv = join(tmp, "events.csv");
/** Transactions as the CSV that DuckDB and pandas load. */
const transactionsCsv = (tx: readonly lib.Transaction[]): string =>
  `customer_id,occurred_at,amount\n${tx.map((t) => `${t.customerId},${new Date(t.occurredAt as string).toISOString()},${t.amount}`).join("\n")}\n`;
writeFileSync(txCsv, transactionsCsv(transactions));
writeFileSync(evCsv, `customer_id,occurred_at,name\n${events.map((e) => `${e.customerId},${new Date(e.occurredAt as string).toISOString()},${e.type}`).join("\n")}\n`);

// ---------------------------------------------------------------- cases
interface Row {
  readonly name: string;
  readonly rows: number;
  readonly ours: number | null;
  readonly duck: number | null;
  readonly pandas: number | null;
  /** A hand-written loop over the same records (bench/floors.ts). */
  readonly loop: number | null;
  readonly note?: string;
}
const results: Row[] = [];
const has = (name: string): boolean => typeof (lib as Record<string, unknown>)[name] === "function";
const call = (name: string, ...args: unknown[]): unknown => ((lib as Record<string, unknown>)[name] as (...a: unknown[]) => unknown)(...args);

const duck = await openDuck(txCsv, evCsv);
log(`DuckDB ${duck.version}, ${duck.threads} threads`);

let pandasTimes: Record<string, number[]> = {};
let pandasVersion = "missing";
const python = "/usr/bin/python3";
if (process.env["BENCH_PANDAS"] !== "0") {
  const probe = existsSync(python) ? spawnSync(python, ["-c", "import pandas"], { encoding: "utf8" }) : null;
  if (probe === null || probe.status !== 0) {
    log("pandas not found: install it with `apt-get install -y python3-pandas` (Debian); skipping the pandas peer");
  } else {
    log("running the pandas peer ...");
    const out = execFileSync(python, [join(here, "peers", "pandas_peer.py"), txCsv, evCsv, AS_OF, String(runs), JSON.stringify(FUNNEL_STEPS)], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const parsed = JSON.parse(out) as { pandas: string; times: Record<string, number[]> };
    pandasTimes = parsed.times;
    pandasVersion = parsed.pandas;
  }
}
const pandas = (name: string): number | null => (pandasTimes[name] === undefined ? null : median(pandasTimes[name]!));

async function bench(
  name: string,
  rows: number,
  ours: (() => unknown) | null,
  sql: string | null,
  note?: string,
  loop?: () => unknown,
): Promise<void> {
  log(`  ${name}`);
  // one untimed run of each first: the medians are of the steady state, not of compiling the
  // code or of collecting the garbage the data preparation left behind
  if (ours !== null) await ours();
  if (sql !== null) await duck.time(sql);
  if (loop !== undefined) loop();
  const o = ours === null ? null : median(await timeIt(ours));
  const d = sql === null ? null : median(await timeIt(() => duck.time(sql)));
  const l = loop === undefined ? null : median(await timeIt(loop));
  results.push({ name, rows, ours: o, duck: d, pandas: pandas(name), loop: l, ...(note === undefined ? {} : { note }) });
}

log("timing ...");
await bench(
  "customer summary",
  transactions.length,
  () => lib.customerSummary(transactions, { asOf: AS_OF }),
  customerSummarySql(AS_OF),
  undefined,
  () => customerSummaryFloor(transactions, AS_OF),
);
await bench(
  "RFM scores",
  transactions.length,
  has("rfmScores") ? () => call("rfmScores", transactions, { asOf: AS_OF }) : null,
  rfmSql(AS_OF),
  undefined,
  () => rfmFloor(transactions, AS_OF),
);
await bench(
  "cohort retention",
  events.length,
  has("cohortRetention") ? () => call("cohortRetention", events, { period: "month", mode: "n-period" }) : null,
  cohortSql,
  undefined,
  () => cohortFloor(events),
);
await bench(
  "funnel (4 steps)",
  events.length,
  has("funnel") ? () => call("funnel", events, FUNNEL_STEPS.map((event) => ({ event })), { order: "ordered", attempt: "first", window: { days: 14 } }) : null,
  funnelSql(FUNNEL_STEPS, 14),
  "first-attempt ordered funnel, 14-day window from step 1",
  () => funnelFloor(events, FUNNEL_STEPS, 14),
);

{
  // The CDNOW sample summary (2,357 customers, weeks): the data lifetimes' timing is for.
  const text = readFileSync(join(here, "..", "examples", "data", "cdnow_sample.txt"), "utf8");
  const cdnow = text
    .trim()
    .split("\n")
    .map((line) => {
      const [, id, ymd, , dollars] = line.trim().split(/\s+/);
      return { customerId: id!, occurredAt: `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6, 8)}`, amount: Number(dollars) };
    });
  const cdnowSummary = lib.customerSummary(cdnow, { asOf: "1997-09-30", unit: "week" }).customers;
  for (let i = 0; i < 3; i++) lib.fitBgNbd(cdnowSummary); // warm up the JIT as a long-running process would be
  const t = median(await timeIt(() => lib.fitBgNbd(cdnowSummary), 11));
  results.push({ name: "BG/NBD fit, CDNOW", rows: cdnowSummary.length, ours: t, duck: null, pandas: null, loop: null, note: `lifetimes 0.11.3: 0.092 s (${(0.092 / t).toFixed(0)}x slower)` });
  const tp = median(await timeIt(() => lib.fitParetoNbd(cdnowSummary), 5));
  results.push({ name: "Pareto/NBD fit, CDNOW", rows: cdnowSummary.length, ours: tp, duck: null, pandas: null, loop: null, note: `lifetimes 0.11.3: 0.48 s` });
}

if (has("fitBgNbd")) {
  // Refunds are left out of the CLV inputs: a net-refunded mean spend can be <= 0, which Gamma-Gamma rejects.
  const summary = lib.customerSummary(transactions, { asOf: AS_OF, unit: "week", refunds: "ignore" }).customers;
  const model = call("fitBgNbd", summary) as unknown;
  await bench("BG/NBD fit (synthetic)", summary.length, () => call("fitBgNbd", summary), null, "100,000 customers compressed to distinct rows");
  if (has("customerLifetimeValue") && has("fitGammaGamma")) {
    const repeat = summary.filter((c) => c.frequency > 0);
    const spendModel = call("fitGammaGamma", repeat) as unknown;
    await bench(
      "CLV prediction",
      summary.length,
      () => call("customerLifetimeValue", { purchaseModel: model, spendModel, customers: summary, horizon: 52, step: 52 / 12, discountRate: 0.01 }),
      null,
    );
  }
}

{
  const leads = lib.generateLeads({ n: customers, seed: 2026 });
  const options = { interactions: leads.interactions, asOf: leads.asOf };
  lib.scoreLeads(leads.leads, scoringRules, options);
  const t = median(await timeIt(() => lib.scoreLeads(leads.leads, scoringRules, options)));
  results.push({
    name: "lead scores, 20 rules",
    rows: leads.leads.length,
    ours: t,
    duck: null,
    pandas: null,
    loop: null,
    note: `${Math.round(leads.leads.length / t).toLocaleString("en-US")} leads/s with explanations (${leads.interactions.length.toLocaleString("en-US")} interactions)`,
  });
}

if (process.env["BENCH_SCALING"] !== "0") {
  // DuckDB runs the same query on a table of the same rows, so that the cost per row of each
  // size can be read against a peer's (docs/scale.md says why the library's grows at 400k
  // customers while DuckDB's stays nearly flat).
  const perRow = (t: number, rows: number): string => `${((t / rows) * 1e9).toFixed(0)} ns`;
  for (const scale of [0.1, 1, 4]) {
    const n = Math.round(customers * scale);
    const tx = scale === 1 ? transactions : lib.generateTransactions({ customers: n, seed: 2, purchaseRate: { r: 0.9, alpha: 11.8 } });
    let peer = duck;
    if (scale !== 1) {
      const csv = join(tmp, `transactions-${n}.csv`);
      writeFileSync(csv, transactionsCsv(tx));
      peer = await openDuck(csv, evCsv);
    }
    const sql = customerSummarySql(AS_OF);
    await peer.time(sql);
    const d = median(await timeIt(() => peer.time(sql), 3));
    if (peer !== duck) peer.close();
    const t = median(await timeIt(() => lib.customerSummary(tx, { asOf: AS_OF }), 3));
    results.push({ name: `customer summary (scaling)`, rows: tx.length, ours: t, duck: d, pandas: null, loop: null, note: `per row: ${perRow(t, tx.length)}, DuckDB ${perRow(d, tx.length)}` });
  }
}
duck.close();

// ---------------------------------------------------------------- report
const fmt = (x: number | null): string => (x === null ? "–" : x < 0.01 ? `${(x * 1000).toFixed(2)} ms` : `${x.toFixed(3)} s`);
const ratio = (a: number | null, b: number | null): string => (a === null || b === null ? "–" : `${(a / b).toFixed(2)}x`);
const header = "| case | rows | crm-metrics | DuckDB | pandas | JS loop | ours / DuckDB | pandas / ours | ours / JS loop | note |";
const lines = [
  header,
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.rows.toLocaleString("en-US")} | ${fmt(r.ours)} | ${fmt(r.duck)} | ${fmt(r.pandas)} | ${fmt(r.loop)} | ${ratio(r.ours, r.duck)} | ${ratio(r.pandas, r.ours)} | ${ratio(r.ours, r.loop)} | ${r.note ?? ""} |`,
  ),
];
const env = `Node ${process.version}, DuckDB ${duck.version} (${duck.threads} threads), pandas ${pandasVersion}; medians of ${runs} runs after one untimed run; ${new Date().toISOString().slice(0, 10)}`;
console.log(`${env}\n\n${lines.join("\n")}`);
writeFileSync(
  join(here, "RESULTS.md"),
  `# Benchmark results\n\nGenerated by \`npm run bench\` (bench/run.ts) on seeded synthetic data: ${transactions.length.toLocaleString("en-US")} transactions and ${events.length.toLocaleString("en-US")} events over ${customers.toLocaleString("en-US")} customers. DuckDB runs the same computation in SQL on a table already loaded (bench/peers/duckdb.ts), pandas on a data frame already loaded (bench/peers/pandas_peer.py). "JS loop" is a hand-written pass over the same in-memory records that computes the same result without validation, exact money or out-of-order handling (bench/floors.ts): what plain JavaScript costs on these records. The scaling rows time the customer summary and DuckDB's query on 10k, 100k and 400k customers' transactions (the 1M row is the data above). Times are medians.\n\n${env}\n\n${lines.join("\n")}\n`,
);
