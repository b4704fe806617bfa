// Cohort retention benchmark: 1,000,000 events over 100,000 customers (seeded synthetic,
// `generateEvents`), monthly n-period cohorts; prints the median of 5 runs. Run with
// `npx tsx bench/retention.bench.ts`. The peer figure (DuckDB 0.09 s for the cohort counts
// written as SQL on this kind of machine) comes from the project brief; `npm run bench`
// runs DuckDB itself on the same data.
import { churnRate, cohortRetention, generateEvents, lifecycleStages } from "../src/index.js";

const DUCKDB_SECONDS = 0.09;
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(label: string, run: () => unknown, peer: number | null = DUCKDB_SECONDS): number {
  run(); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const s = performance.now();
    run();
    times.push((performance.now() - s) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const m = median(times);
  const ratio = peer === null ? "" : ` (x${(m / peer).toFixed(2)} DuckDB's ${peer} s)`;
  // CPU time is reported too: on a shared machine it is the steadier figure.
  console.log(`${label}: median ${m.toFixed(3)} s of ${RUNS}${ratio}; CPU ${median(cpu).toFixed(3)} s`);
  return m;
}

const t0 = performance.now();
const events = generateEvents({ customers: 100_000, meanEventsPerCustomer: 10, seed: 42, timestamps: "epoch" });
console.log(`generated ${events.length} events over 100000 customers in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const r = cohortRetention(events);
console.log(`${r.cohorts.length} monthly cohorts, ${r.customers} customers; month-1 average retention ${r.average[1]?.rate?.toFixed(4)}`);
const nPeriod = bench("cohortRetention monthly n-period (epoch ms)", () => cohortRetention(events));
bench("cohortRetention monthly unbounded", () => cohortRetention(events, { mode: "unbounded" }));
bench("cohortRetention weekly n-period, Europe/Berlin", () => cohortRetention(events, { period: "week", timeZone: "Europe/Berlin" }));
bench("cohortRetention daily rolling", () => cohortRetention(events, { mode: "rolling", period: "day" }));
const dated = events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number) }));
bench("cohortRetention monthly n-period (Date objects)", () => cohortRetention(dated));
const iso = events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number).toISOString() }));
bench("cohortRetention monthly n-period (ISO strings)", () => cohortRetention(iso));
bench("lifecycleStages monthly", () => lifecycleStages(events), null);
bench("churnRate monthly, 90-day inactivity", () => churnRate(events), null);
if (nPeriod > 3 * DUCKDB_SECONDS) console.log(`WARNING: cohort retention slower than 3x DuckDB (${(3 * DUCKDB_SECONDS).toFixed(2)} s)`);
