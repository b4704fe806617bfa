// CLV model benchmark. Run: npx tsx bench/clv.bench.ts
// Fits on the CDNOW 1/10 sample (2,357 customers, test/fixtures) and on the donations data,
// median of 5 runs after warm-up runs (10 for the fast fits, so the JIT has compiled them), against Python lifetimes 0.11.3 on this kind of machine
// (shared/data/README.md: BG/NBD 0.092 s, Pareto/NBD 0.48 s, MBG/NBD 0.069 s, Gamma-Gamma
// 0.056 s, BG/BB 0.093 s). Targets: BG/NBD on CDNOW >= 10x faster than lifetimes (< 9 ms);
// BG/NBD on 1,000,000 simulated customers < 5 s (identical customers are merged first).
// Wall-clock and process CPU times are both printed: on a shared machine the CPU time is
// the fairer figure. Set BENCH_1M=0 to skip the 1M run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  customerLifetimeValue,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  simulateClv,
} from "../src/index.js";
import { measure } from "./timing.js";

const fixtures = join(fileURLToPath(new URL(".", import.meta.url)), "..", "test", "fixtures");
const rows = (name: string): number[][] =>
  readFileSync(join(fixtures, name), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(",").map(Number));
const cdnow = rows("clv_cdnow_summary_with_spend.csv").map(([, frequency, recency, T, monetaryValue]) => ({
  frequency: frequency!,
  recency: recency!,
  T: T!,
  monetaryValue: monetaryValue!,
}));
const donations = rows("clv_donations.csv").map(([frequency, recency, periods, weight]) => ({
  frequency: frequency!,
  recency: recency!,
  periods: periods!,
  weight: weight!,
}));



interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function time(label: string, run: () => unknown, runs = 5, peerSeconds?: number, warmups = 1): Promise<Timing> {
  const m = await measure(run, runs, warmups);
  const t = { wallMs: m.wall * 1000, cpuMs: m.cpu * 1000 };
  const peer = peerSeconds === undefined ? "" : `  lifetimes ${peerSeconds} s: ${((peerSeconds * 1000) / t.wallMs).toFixed(1)}x faster (wall), ${((peerSeconds * 1000) / t.cpuMs).toFixed(1)}x (CPU)`;
  console.log(`${label.padEnd(44)} wall ${t.wallMs.toFixed(1).padStart(8)} ms  cpu ${t.cpuMs.toFixed(1).padStart(8)} ms${peer}`);
  return t;
}

const bg = await time("BG/NBD fit, CDNOW (2,357 customers)", () => fitBgNbd(cdnow), 5, 0.092, 10);
await time("Pareto/NBD fit, CDNOW", () => fitParetoNbd(cdnow), 5, 0.48, 3);
await time("MBG/NBD fit, CDNOW", () => fitMbgNbd(cdnow), 5, 0.069, 10);
await time("Gamma-Gamma fit, CDNOW repeat customers (946)", () => fitGammaGamma(cdnow, { excludeNonRepeat: true }), 5, 0.056, 10);
await time("BG/BB fit, donations (11,104 donors)", () => fitBgBb(donations), 5, 0.093, 10);

const purchaseModel = fitBgNbd(cdnow);
const spendModel = fitGammaGamma(cdnow, { excludeNonRepeat: true });
const sim100k = simulateClv({ customers: 100_000, T: { min: 26, max: 39 }, seed: 7, spend: { p: 6.25, q: 3.74, gamma: 15.44 } }).customers;
await time(
  "CLV, 100,000 customers, 12 monthly steps (exact T)",
  () => customerLifetimeValue({ purchaseModel, spendModel, customers: sim100k, horizon: 52, step: 52 / 12, discountRate: 0.01 }),
  3,
);
const sim100kDaily = simulateClv({ customers: 100_000, T: { min: 26, max: 39 }, resolution: 1 / 7, seed: 7, spend: { p: 6.25, q: 3.74, gamma: 15.44 } }).customers;
await time(
  "CLV, 100,000 customers, 12 steps (daily grid)",
  () => customerLifetimeValue({ purchaseModel, spendModel, customers: sim100kDaily, horizon: 52, step: 52 / 12, discountRate: 0.01 }),
  3,
);

const okSmall = bg.wallMs < 9 || bg.cpuMs < 9;
console.log(`BG/NBD CDNOW target < 9 ms: ${okSmall ? "met" : "NOT met"} (wall ${bg.wallMs.toFixed(1)} ms, cpu ${bg.cpuMs.toFixed(1)} ms)`);

if (process.env.BENCH_1M !== "0") {
  const big = simulateClv({ customers: 1_000_000, T: { min: 26, max: 39 }, resolution: 1 / 7, seed: 3 }).customers;
  let distinct = 0;
  const t = await time(
    "BG/NBD fit, 1,000,000 simulated customers (daily grid)",
    () => {
      distinct = fitBgNbd(big).distinctRows;
    },
    3,
  );
  console.log(`  ${distinct} distinct rows after merging; target < 5 s: ${t.wallMs < 5000 || t.cpuMs < 5000 ? "met" : "NOT met"}`);
}
