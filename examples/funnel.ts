// Funnel and pipeline report: a product funnel over generated event streams (with a
// breakdown by acquisition channel and the PostHog / Mixpanel attempt conventions side by
// side), then win rate, sales cycle, stage conversion and a weighted pipeline forecast on
// a small inline deal list. Run after `npm run build`: `npx tsx examples/funnel.ts`.
import { funnel, generateEvents, pipelineForecast, salesCycle, stageConversion, winRate, type Deal } from "crm-metrics";

const events = generateEvents({ customers: 2000, seed: 11 });
const steps = ["signup", "activate", "view_pricing", "purchase"];
const result = funnel(events, steps, { window: { days: 14 }, breakdownBy: "channel" });

const pct = (x: number | null): string => (x === null ? "  n/a" : `${(100 * x).toFixed(1).padStart(5)}%`);
console.log(`Product funnel, ${events.length} events of ${result.customers} customers, 14-day window`);
for (const s of result.steps) {
  console.log(
    `  ${s.name.padEnd(13)} ${String(s.entered).padStart(5)}  from previous ${pct(s.conversionRateFromPrevious)}  from start ${pct(s.conversionRateFromStart)}  median time ${s.medianTimeFromPrevious ?? "-"}`,
  );
}
console.log(`  time to convert: median ${result.timeToConvert.median}, ${result.timeToConvert.bins.length} histogram bins`);
console.log("  by first-touch channel:");
for (const row of result.breakdown ?? []) {
  console.log(`    ${String(row.value ?? row.kind).padEnd(9)} entered ${String(row.entered).padStart(4)}  converted ${pct(row.conversionRate)}`);
}
const first = funnel(events, steps, { attempt: "first" });
const attempts = funnel(events, steps, { counting: "attempts" });
console.log(`  converted: ${result.converted} (latest attempt, PostHog), ${first.converted} (first attempt, Mixpanel), ${attempts.entered} attempts in total`);

const day = (d: number): string => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString();
const hist = (...entries: [string, number][]): { stage: string; enteredAt: string }[] => entries.map(([stage, d]) => ({ stage, enteredAt: day(d) }));
const deals: Deal[] = [
  { id: "D1", owner: "ana", stage: "won", status: "won", amount: 12000, createdAt: day(0), closedAt: day(21), stageHistory: hist(["lead", 0], ["demo", 5], ["proposal", 12], ["won", 21]) },
  { id: "D2", owner: "ana", stage: "lost", status: "lost", amount: 8000, createdAt: day(3), closedAt: day(40), stageHistory: hist(["lead", 3], ["demo", 9], ["lost", 40]) },
  { id: "D3", owner: "ben", stage: "won", status: "won", amount: 4500, createdAt: day(10), closedAt: day(55), stageHistory: hist(["lead", 10], ["proposal", 30], ["won", 55]) },
  { id: "D4", owner: "ben", stage: "lost", status: "lost", amount: 20000, createdAt: day(12), closedAt: day(70), stageHistory: hist(["lead", 12], ["demo", 20], ["proposal", 45], ["lost", 70]) },
  { id: "D5", owner: "ana", stage: "proposal", status: "open", amount: 15000, probability: 0.6, createdAt: day(50), expectedCloseAt: day(100), stageHistory: hist(["lead", 50], ["demo", 60], ["proposal", 80]) },
  { id: "D6", owner: "ben", stage: "demo", status: "open", amount: 6000, probability: 0.3, createdAt: day(75), expectedCloseAt: day(120), stageHistory: hist(["lead", 75], ["demo", 85]) },
  { id: "D7", owner: "ben", stage: "lead", status: "open", amount: 9000, probability: 0.1, createdAt: day(88), expectedCloseAt: day(200) },
];

const wins = winRate(deals, { groupBy: "owner" });
const cycle = salesCycle(deals);
const stages = stageConversion(deals, ["lead", "demo", "proposal", "won"]);
const forecast = pipelineForecast(deals, { asOf: day(90), horizon: { months: 3 } });
const historical = pipelineForecast(deals, { asOf: day(90), horizon: { months: 3 }, weighting: "historical" });

console.log(`\nPipeline: win rate ${pct(wins.winRate)} (${wins.won}/${wins.closed}), 95% Wilson [${pct(wins.confidenceInterval!.lower)}, ${pct(wins.confidenceInterval!.upper)}]`);
for (const g of wins.groups ?? []) console.log(`  ${g.key}: ${g.won}/${g.closed} won`);
console.log(`Sales cycle of won deals: median ${cycle.medianDays} days, mean ${cycle.meanDays} days (n = ${cycle.n})`);
for (const s of stages.stages) {
  console.log(`  ${s.stage.padEnd(9)} reached ${s.reached}  to next ${pct(s.conversionRateToNext)}  median ${s.medianDaysToNext ?? "-"} days`);
}
console.log(`Forecast for ${forecast.asOf.slice(0, 10)} .. ${forecast.horizonEnd.slice(0, 10)}: ${forecast.expectedAmount} expected of ${forecast.pipelineAmount} (probability), ${historical.expectedAmount.toFixed(2)} (historical)`);

if (result.steps[0]!.entered !== 2000) throw new Error(`every generated customer signs up, got ${result.steps[0]!.entered}`);
for (let k = 1; k < result.steps.length; k++) {
  if (result.steps[k]!.entered > result.steps[k - 1]!.entered) throw new Error("funnel counts must not increase");
}
if (first.converted > funnel(events, steps, { attempt: "longest" }).converted) throw new Error("longest must convert at least as many as first");
if (wins.won !== 2 || wins.closed !== 4) throw new Error(`expected 2 of 4 deals won, got ${wins.won}/${wins.closed}`);
if (cycle.medianDays !== 33) throw new Error(`expected a median cycle of 33 days, got ${cycle.medianDays}`);
if (forecast.expectedAmount !== 10800) throw new Error(`expected 15000 x 0.6 + 6000 x 0.3 = 10800, got ${forecast.expectedAmount}`);
if (stages.stages[1]!.skipped !== 1) throw new Error("D3 skips the demo stage");
