// Retention report for a small subscription business and its product events: customer
// churn under two conventions, MRR movements, NRR/GRR, the quick ratio, a cohort heat map,
// a Kaplan-Meier lifetime curve and a churn early-warning list.
// Run after `npm run build`: `npx tsx examples/retention.ts`.
import {
  churnRate,
  churnRisk,
  cohortRetention,
  kaplanMeier,
  mrrMovements,
  quickRatio,
  revenueRetention,
  type Subscription,
} from "crm-metrics";

const subscriptions: Subscription[] = [
  { customerId: "acme", startedAt: "2024-01-05", mrr: 100, changes: [{ at: "2024-02-10", mrr: 120 }, { at: "2024-03-03", mrr: 90 }] },
  { customerId: "bolt", startedAt: "2024-01-15", endedAt: "2024-02-01", mrr: 40 },
  { customerId: "bolt", startedAt: "2024-03-20", mrr: 60 },
  { customerId: "cask", startedAt: "2024-02-02", endedAt: "2024-03-15", mrr: 25 },
  { customerId: "dune", startedAt: "2024-01-20", mrr: 200 },
  { customerId: "echo", startedAt: "2024-01-25", endedAt: "2024-02-20", mrr: 50 },
];
const asOf = "2024-04-01";

const fail = (message: string): never => {
  throw new Error(message);
};
const pct = (x: number | null): string => (x === null ? "  n/a" : `${(100 * x).toFixed(1).padStart(5)}%`);

console.log("Customer churn by month (ChartMogul standard vs Stripe)");
const standard = churnRate(subscriptions, { asOf });
const stripe = churnRate(subscriptions, { asOf, method: "stripe" });
standard.periods.forEach((p, k) => {
  console.log(`  ${p.label}  start ${p.startCount}  new ${p.newCount}  lost ${p.lostCount}  churn ${pct(p.rate)}  stripe ${pct(stripe.periods[k]!.rate)}`);
});
const feb = standard.periods.find((p) => p.label === "2024-02") ?? fail("no February");
if (feb.startCount !== 4 || Math.abs(feb.rate! - 0.5) > 1e-12) fail(`February churn should be 2/4, got ${feb.rate}`);

console.log("\nMRR movements");
const movements = mrrMovements(subscriptions, { asOf });
for (const p of movements.periods) {
  console.log(
    `  ${p.label}  start ${p.startMrr}  +new ${p.newMrr}  +exp ${p.expansionMrr}  +react ${p.reactivationMrr}  -contr ${p.contractionMrr}  -churn ${p.churnedMrr}  = ${p.endMrr}`,
  );
}
const march = movements.periods[2] ?? fail("no March");
if (march.endMrr !== 350 || march.reactivationMrr !== 60) fail(`March MRR should end at 350 with 60 reactivated, got ${march.endMrr}`);
const ratios = quickRatio(movements).periods.map((p) => (p.ratio === null ? "n/a" : p.ratio.toFixed(2)));
console.log(`  quick ratio by month: ${ratios.join(", ")}`);

const nrr = revenueRetention(subscriptions, { from: "2024-01-31", to: asOf });
console.log(`\nRevenue retention of the ${nrr.customers} customers paying on 31 Jan: NRR ${pct(nrr.netRevenueRetention)}, GRR ${pct(nrr.grossRevenueRetention)} (new logos excluded: ${nrr.excludedMrr} MRR)`);
if (Math.abs(nrr.netRevenueRetention! - 350 / 390) > 1e-12) fail(`NRR should be 350/390, got ${nrr.netRevenueRetention}`);

console.log("\nWeekly cohorts (n-period) of product events");
const events = [
  { customerId: "u1", occurredAt: "2024-03-04T09:00:00Z" },
  { customerId: "u2", occurredAt: "2024-03-05T10:00:00Z" },
  { customerId: "u3", occurredAt: "2024-03-06T11:00:00Z" },
  { customerId: "u1", occurredAt: "2024-03-12T09:00:00Z" },
  { customerId: "u2", occurredAt: "2024-03-13T09:00:00Z" },
  { customerId: "u1", occurredAt: "2024-03-20T09:00:00Z" },
  { customerId: "u4", occurredAt: "2024-03-11T09:00:00Z" },
  { customerId: "u4", occurredAt: "2024-03-26T09:00:00Z" },
];
const cohorts = cohortRetention(events, { period: "week", asOf: "2024-03-31T23:59:59Z" });
for (const c of cohorts.cohorts) {
  console.log(`  ${c.label}  size ${c.size}  ${c.cells.map((x) => pct(x.rate)).join(" ")}`);
}
const first = cohorts.cohorts[0] ?? fail("no cohort");
if (first.cells.map((x) => x.count).join() !== "3,2,1,0") fail(`first cohort should be 3,2,1,0, got ${first.cells.map((x) => x.count).join()}`);

console.log("\nCustomer lifetimes (Kaplan-Meier, months)");
const km = kaplanMeier([
  { duration: 1, churned: true },
  { duration: 2, churned: true },
  { duration: 3, churned: false },
  { duration: 4, churned: true },
  { duration: 6, churned: false },
  { duration: 8, churned: true },
  { duration: 12, churned: false },
]);
for (const p of km.points) console.log(`  t=${String(p.time).padStart(2)}  at risk ${p.atRisk}  S ${p.survival.toFixed(3)}  [${p.lower?.toFixed(3) ?? "  -  "}, ${p.upper?.toFixed(3) ?? "  -  "}]`);
console.log(`  median lifetime ${km.median} months (95% CI ${km.medianInterval.lower} to ${km.medianInterval.upper ?? "not reached"})`);
if (km.median !== 8) fail(`median lifetime should be 8, got ${km.median}`);

console.log("\nChurn early warning (shop orders)");
const orders = [
  { customerId: "ann", occurredAt: "2024-01-01", amount: 30 },
  { customerId: "ann", occurredAt: "2024-01-11", amount: 30 },
  { customerId: "ann", occurredAt: "2024-01-21", amount: 30 },
  { customerId: "ben", occurredAt: "2024-02-16", amount: 20 },
  { customerId: "ben", occurredAt: "2024-02-26", amount: 20 },
  { customerId: "cat", occurredAt: "2024-02-01", amount: 50 },
];
const risk = churnRisk(orders, { asOf: "2024-03-01" });
for (const c of risk.customers) console.log(`  ${c.customerId.padEnd(4)} ${c.risk.padEnd(7)} ${c.reason}`);
if (risk.customers[0]?.customerId !== "ann" || risk.counts.high !== 2) fail("ann should top the list with 2 high-risk customers");
