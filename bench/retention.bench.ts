// Cohort retention benchmark: 1,000,000 events over 100,000 customers (seeded synthetic,
// `generateEvents`), monthly n-period cohorts; prints the median of 5 runs, then the
// scaling rows (ns per row at 100k, 1M and 4M events, ISO strings as in `npm run bench`).
// Run with `node --import tsx bench/retention.bench.ts` (BENCH_SCALING=0 skips the scaling). The peer figure (DuckDB 0.09 s for the cohort counts
// written as SQL on this kind of machine) comes from the project brief; `npm run bench`
// runs DuckDB itself on the same data.
import { churnRate, cohortRetention, createCohortRetentionAccumulator, generateEvents, lifecycleStages } from "../src/index.js";
import { measure } from "./timing.js";

const DUCKDB_SECONDS = 0.09;
const RUNS = 5;


async function bench(label: string, run: () => unknown, peer: number | null = DUCKDB_SECONDS): Promise<number> {
  const t = await measure(run, RUNS);
  const ratio = peer === null ? "" : ` (x${(t.wall / peer).toFixed(2)} DuckDB's ${peer} s)`;
  console.log(`${label}: median ${t.wall.toFixed(3)} s of ${RUNS}${ratio}; CPU ${t.cpu.toFixed(3)} s`);
  return t.wall;
}

// Scaling first, while no other data set is in memory: the `npm run bench` call on 100k,
// 1M and 4M events (ISO strings); ns per row should stay flat.
if (process.env["BENCH_SCALING"] !== "0") {
  for (const customers of [10_000, 100_000, 400_000]) {
    const rows = generateEvents({ customers, meanEventsPerCustomer: 10, seed: 1 });
    const t = await measure(() => cohortRetention(rows, { period: "month", mode: "n-period" }), 3);
    console.log(
      `scaling: cohortRetention monthly n-period, ${rows.length} events: median ${t.wall.toFixed(3)} s, ${((t.wall * 1e9) / rows.length).toFixed(0)} ns per row (CPU ${((t.cpu * 1e9) / rows.length).toFixed(0)} ns per row)`,
    );
  }
}

const t0 = performance.now();
const events = generateEvents({ customers: 100_000, meanEventsPerCustomer: 10, seed: 42, timestamps: "epoch" });
console.log(`generated ${events.length} events over 100000 customers in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const r = cohortRetention(events);
console.log(`${r.cohorts.length} monthly cohorts, ${r.customers} customers; month-1 average retention ${r.average[1]?.rate?.toFixed(4)}`);
const nPeriod = await bench("cohortRetention monthly n-period (epoch ms)", () => cohortRetention(events));
await bench("cohortRetention monthly unbounded", () => cohortRetention(events, { mode: "unbounded" }));
await bench("cohortRetention weekly n-period, Europe/Berlin", () => cohortRetention(events, { period: "week", timeZone: "Europe/Berlin" }));
await bench("cohortRetention daily rolling", () => cohortRetention(events, { mode: "rolling", period: "day" }));
const dated = events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number) }));
await bench("cohortRetention monthly n-period (Date objects)", () => cohortRetention(dated));
const iso = events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number).toISOString() }));
await bench("cohortRetention monthly n-period (ISO strings)", () => cohortRetention(iso));
await bench("createCohortRetentionAccumulator: 4 chunks merged, monthly n-period (ISO strings)", () => {
  const quarter = Math.ceil(iso.length / 4);
  const total = createCohortRetentionAccumulator();
  for (let k = 0; k < 4; k++) total.merge(createCohortRetentionAccumulator().addAll(iso.slice(k * quarter, (k + 1) * quarter)));
  return total.result();
});
await bench("lifecycleStages monthly", () => lifecycleStages(events), null);
await bench("churnRate monthly, 90-day inactivity", () => churnRate(events), null);
if (nPeriod > 3 * DUCKDB_SECONDS) console.log(`WARNING: cohort retention slower than 3x DuckDB (${(3 * DUCKDB_SECONDS).toFixed(2)} s)`);
