// A small customer analysis in notebook cells (`// %%` marks a cell, as in Jupyter's percent
// format: the Deno Jupyter kernel and VS Code run each cell on its own). It runs as a script too,
// against the built package: `npx deno run --allow-read --allow-env examples/deno/notebook.ts`.

// %% Imports: the package self-reference resolves to the built dist/ under Deno.
import {
  averageOrderValue,
  cohortRetention,
  conditionalExpectedPurchases,
  customerSummary,
  nps,
  probabilityAlive,
  rfmScores,
} from "crm-metrics";
import type { BgNbdModel } from "crm-metrics";

const lines: string[] = [];
const say = (line: string): void => {
  lines.push(line);
};
const check = (ok: boolean, what: string): void => {
  if (!ok) throw new Error(`notebook check failed: ${what}`);
};

// %% Data: a week of orders from a tiny shop (one refund, one customer id that is a JS keyword).
const orders = [
  { customerId: "ana", occurredAt: "2024-01-03", amount: 40 },
  { customerId: "ben", occurredAt: "2024-01-09", amount: 20 },
  { customerId: "ana", occurredAt: "2024-02-01", amount: 30 },
  { customerId: "ana", occurredAt: "2024-02-10", amount: -30 },
  { customerId: "constructor", occurredAt: "2024-02-07", amount: 55 },
  { customerId: "ben", occurredAt: "2024-03-05", amount: 25 },
];
say(`${orders.length} orders from ${new Set(orders.map((o) => o.customerId)).size} customers`);

// %% Value: average order value, refunds excluded and netted.
const aov = averageOrderValue(orders.slice(0, 4));
const aovNet = averageOrderValue(orders.slice(0, 4), { refunds: "net" });
say(`AOV (first four orders): ${aov.averageOrderValue} gross of refunds, ${aovNet.averageOrderValue} net`);
check(aov.averageOrderValue === 30 && aovNet.averageOrderValue === 20, "AOV 30 and 20");

// %% Retention: monthly acquisition cohorts.
const cohorts = cohortRetention(
  [
    { customerId: "a", occurredAt: "2024-01-03" },
    { customerId: "b", occurredAt: "2024-01-20" },
    { customerId: "a", occurredAt: "2024-02-11" },
    { customerId: "b", occurredAt: "2024-03-05" },
    { customerId: "c", occurredAt: "2024-02-07" },
  ],
  { asOf: "2024-03-31" },
);
const counts = cohorts.cohorts.map((c) => c.cells.map((x) => x.count));
say(`cohort active counts by month: ${JSON.stringify(counts)}`);
check(JSON.stringify(counts) === "[[2,1,1],[1,0],[0]]", "cohort counts");

// %% Segmentation: RFM scores with three bins.
const rfm = rfmScores(
  [
    { customerId: "a", occurredAt: "2024-03-01", amount: 50 },
    { customerId: "a", occurredAt: "2024-03-20", amount: 70 },
    { customerId: "b", occurredAt: "2024-01-05", amount: 20 },
    { customerId: "c", occurredAt: "2024-03-30", amount: 300 },
  ],
  { bins: 3 },
);
const codes = rfm.customers.map((c) => c.code);
say(`RFM codes (a, b, c): ${codes.join(" ")}`);
check(codes.join(",") === "232,111,313", "RFM codes");

// %% CLV: the customer summary feeds a BG/NBD model (CDNOW parameters as printed by FHL 2005).
const summary = customerSummary(
  [
    { customerId: 1, occurredAt: "1997-01-01", amount: 29.33 },
    { customerId: 1, occurredAt: "1997-01-18", amount: 29.73 },
    { customerId: 1, occurredAt: "1997-08-02", amount: 14.96 },
  ],
  { asOf: "1997-09-30", unit: "week" },
);
const row = summary.customers[0];
check(row !== undefined && row.frequency === 2, "one repeat customer with two repeat purchases");
const model: BgNbdModel = {
  model: "bg-nbd",
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  standardErrors: { r: null, alpha: null, a: null, b: null },
  logLikelihood: -9582.4,
  converged: true,
  iterations: 0,
  n: 2357,
  distinctRows: 2357,
  penalizer: 0,
  timeUnit: "week",
};
const history = { frequency: 2, recency: 30.43, T: 38.86 };
const alive = probabilityAlive(model, history);
const next39 = conditionalExpectedPurchases(model, history, 39);
say(`customer 1: T = ${row?.T.toFixed(2)} weeks, P(alive) = ${alive.toFixed(4)}, purchases in the next 39 weeks = ${next39.toFixed(3)}`);
check(Math.abs((row?.T ?? 0) - 38.86) < 0.01, "T = 38.86 weeks");
check(Math.abs(alive - 0.7266) < 5e-5 && Math.abs(next39 - 1.226) < 5e-4, "FHL 2005 figures 0.7266 and 1.226");

// %% Satisfaction: NPS with its interval.
const score = nps([10, 9, 8, 6, 10]);
say(`NPS ${score.score} (n = ${score.n}, 95% interval ${score.confidenceInterval?.lower.toFixed(1)} to ${score.confidenceInterval?.upper.toFixed(1)})`);
check(score.score === 40, "NPS 40");

// %% Report
console.log(`Deno ${Deno.version.deno} notebook\n${lines.map((l) => `  ${l}`).join("\n")}`);
