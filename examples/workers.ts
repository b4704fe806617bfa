// Customer summary across worker threads: the main thread splits a seeded synthetic
// transaction log into chunks, each worker reads its chunk into a customer summary
// accumulator and posts the accumulator's plain state back, and the main thread merges the
// states and checks that the result equals `customerSummary` over the whole log.
// Node only (node:worker_threads). Run after `npm run build`: `npx tsx examples/workers.ts`.
import { Worker } from "node:worker_threads";
import {
  createCustomerSummaryAccumulator,
  customerSummary,
  generateTransactions,
  type CustomerSummaryAccumulatorState,
  type CustomerSummaryOptions,
  type Transaction,
} from "crm-metrics";

const options: CustomerSummaryOptions = { asOf: "2025-01-01T00:00:00.000Z", unit: "week" };

// The worker's code is plain JavaScript given as a string, so it runs without a TypeScript
// loader (tsx does not register itself in worker threads). It resolves "crm-metrics" from
// the working directory, like this script.
const workerCode = `
const { parentPort, workerData } = require("node:worker_threads");
import("crm-metrics").then(({ createCustomerSummaryAccumulator }) => {
  const acc = createCustomerSummaryAccumulator(workerData.options).addAll(workerData.transactions);
  parentPort.postMessage(acc.toJSON());
});
`;

/** Run one chunk in a worker thread and resolve to its accumulator state. */
function inWorker(transactions: readonly Transaction[]): Promise<CustomerSummaryAccumulatorState> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerCode, { eval: true, workerData: { transactions, options } });
    worker.once("message", (state: CustomerSummaryAccumulatorState) => resolve(state));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`worker exited with code ${code}`));
    });
  });
}

// Bench-like data (the distribution of `npm run bench`), at 5,000 customers so the example is quick.
const log = generateTransactions({ customers: 5_000, seed: 1, purchaseRate: { r: 0.9, alpha: 11.8 } });
const workers = 3;
const size = Math.ceil(log.length / workers);
const chunks = Array.from({ length: workers }, (_, w) => log.slice(w * size, (w + 1) * size));
const t0 = performance.now();
const states = await Promise.all(chunks.map((chunk) => inWorker(chunk)));
const merged = createCustomerSummaryAccumulator(options);
// merge in reverse order: the result does not depend on it
for (const state of [...states].reverse()) merged.merge(state);
const result = merged.result();
const took = performance.now() - t0;
const single = customerSummary(log, options);
console.log(`${log.length} transactions of ${single.customers.length} customers, ${workers} worker threads (${took.toFixed(0)} ms with start-up)`);
console.log(`  per worker: ${states.map((s) => `${s.transactions} transactions, ${s.ids.length} customers`).join("; ")}`);
const repeat = result.customers.filter((c) => c.frequency > 0);
const meanFrequency = repeat.reduce((s, c) => s + c.frequency, 0) / repeat.length;
console.log(`  ${repeat.length} repeat customers, mean frequency ${meanFrequency.toFixed(2)}, asOf ${result.asOf}`);
if (JSON.stringify(result) !== JSON.stringify(single)) throw new Error("merged worker states differ from customerSummary");
if (result.transactions !== log.length) throw new Error(`expected ${log.length} transactions, got ${result.transactions}`);
console.log("  merged result equals customerSummary over the whole log");
