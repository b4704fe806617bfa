// Acquisition report for a small subscription shop, Q1 2024 (Europe/Berlin): CAC per
// month and channel, payback and LTV:CAC, channel ROI/ROAS, multi-touch attribution and
// cross-sell / up-sell rates. Run after `npm run build`: `npx tsx examples/acquisition.ts`.
import {
  attribution,
  cac,
  cacPayback,
  channelPerformance,
  crossSellRate,
  ltvToCac,
  upsellRate,
  type Customer,
  type Interaction,
  type Lead,
  type MarketingSpend,
  type Transaction,
} from "crm-metrics";

const timeZone = "Europe/Berlin";

// Search is billed monthly; the newsletter has a quarterly contract spread pro rata; the
// trade fair is a one-off, unpaid "brand" cost.
const spend: MarketingSpend[] = [
  { channel: "search", periodStart: "2024-01-01", periodEnd: "2024-02-01", amount: "1800.00" },
  { channel: "search", periodStart: "2024-02-01", periodEnd: "2024-03-01", amount: "2100.00" },
  { channel: "search", periodStart: "2024-03-01", periodEnd: "2024-04-01", amount: "2400.00" },
  { channel: "newsletter", periodStart: "2024-01-01", periodEnd: "2024-04-01", amount: "910.00" },
  { channel: "fair", periodStart: "2024-02-14", amount: "1500.00", paid: false },
];

// Customers: channel and acquisition date (one per line: id, channel, date).
const customerRows: [string, string | undefined, string][] = [
  ["c01", "search", "2024-01-04"], ["c02", "search", "2024-01-11"], ["c03", "newsletter", "2024-01-15"],
  ["c04", "search", "2024-01-23"], ["c05", undefined, "2024-01-30"], ["c06", "search", "2024-02-02"],
  ["c07", "fair", "2024-02-15"], ["c08", "fair", "2024-02-16"], ["c09", "search", "2024-02-20"],
  ["c10", "newsletter", "2024-02-27"], ["c11", "search", "2024-03-05"], ["c12", "search", "2024-03-12"],
  ["c13", "search", "2024-03-19"], ["c14", "newsletter", "2024-03-21"], ["c15", "search", "2024-03-31T23:30:00"],
];
const customers: Customer[] = customerRows.map(([id, channel, acquiredAt]) => ({ id, acquiredAt, ...(channel ? { channel } : {}) }));

// Leads: one converted lead per customer, plus 16 search and 3 newsletter leads that did not convert.
const leads: Lead[] = [
  ...customers.map((c, i) => ({ id: `l${i}`, createdAt: c.acquiredAt!, channel: c.channel, customerId: c.id })),
  ...Array.from({ length: 16 }, (_, i) => ({ id: `s${i}`, createdAt: "2024-02-01", channel: "search" })),
  ...Array.from({ length: 3 }, (_, i) => ({ id: `n${i}`, createdAt: "2024-02-01", channel: "newsletter" })),
];

// Plans: basic 29, pro 79 a month, plus an accessories category. Each customer pays the
// first month on acquisition; some upgrade or buy an add-on later.
const transactions: Transaction[] = customers.flatMap((c, i) => {
  const first = { customerId: c.id, occurredAt: c.acquiredAt!, amount: i % 4 === 0 ? 79 : 29, productId: i % 4 === 0 ? "pro" : "basic", category: "plan" };
  const later: Transaction[] = [];
  if (i % 3 === 1) later.push({ customerId: c.id, occurredAt: "2024-04-10", amount: 79, productId: "pro", category: "plan" });
  if (i % 5 === 2) later.push({ customerId: c.id, occurredAt: "2024-04-20", amount: 15, productId: "cable", category: "accessories" });
  return [first, ...later];
});
transactions.push({ customerId: "c02", occurredAt: "2024-04-12", amount: 29, type: "refund", productId: "basic", category: "plan" });

// --- CAC per month -------------------------------------------------------------------
const acquisition = cac(spend, customers, { timeZone });
console.log(`CAC by month (${timeZone}); spend spread pro rata over its period`);
for (const p of acquisition.periods) {
  console.log(
    `  ${p.label}  spend ${p.spend.toFixed(2).padStart(8)}  new ${String(p.newCustomers).padStart(2)}  blended CAC ${p.cac?.toFixed(2).padStart(7)}  paid CAC ${p.paidCac?.toFixed(2).padStart(7)}`,
  );
}
console.log(`  Q1       spend ${acquisition.spend.toFixed(2)}  new ${acquisition.newCustomers}  blended CAC ${acquisition.cac?.toFixed(2)}  paid CAC ${acquisition.paidCac?.toFixed(2)}`);
for (const c of acquisition.channels) console.log(`  channel ${c.channel.padEnd(10)} ${c.paid ? "paid  " : "unpaid"} CAC ${c.cac === null ? "n/a" : c.cac.toFixed(2)}`);

// --- Unit economics --------------------------------------------------------------------
const arpa = 41.5; // average monthly revenue per new account
const payback = cacPayback({ cac: acquisition.cac!, revenuePerCustomerPerPeriod: arpa, grossMargin: 0.8 });
const ltv = (arpa * 0.8) / 0.03; // ARPA x margin / monthly churn of 3 %
const unit = ltvToCac({ ltv, cac: acquisition.cac! });
console.log(`\nCAC payback ${payback.periods?.toFixed(1)} months; LTV ${ltv.toFixed(0)}, LTV:CAC ${unit.ratio?.toFixed(2)} (${unit.meetsBenchmark ? "meets" : "below"} 3x)`);

// --- Channel performance ----------------------------------------------------------------
const perf = channelPerformance({ spend, leads, customers, transactions }, { grossMargin: 0.8, timeZone });
console.log("\nChannel performance (all revenue to date, margin 80 %)");
for (const r of perf.channels) {
  console.log(
    `  ${r.channel.padEnd(10)} leads ${String(r.leads).padStart(2)} conv ${(100 * (r.conversionRate ?? 0)).toFixed(0).padStart(3)}%  mix ${(100 * (r.customerShare ?? 0)).toFixed(0).padStart(3)}%  revenue ${r.revenue.toFixed(2).padStart(7)}  ROAS ${r.roas?.toFixed(2) ?? " n/a"}  ROI ${r.roi?.toFixed(2) ?? "n/a"}`,
  );
}

// --- Attribution ------------------------------------------------------------------------
const day = 86_400_000;
const touchpoints: Interaction[] = [];
const conversions = customers.map((c) => ({ customerId: c.id, occurredAt: c.acquiredAt!, value: 29 }));
customers.forEach((c, i) => {
  const at = new Date(`${String(c.acquiredAt).slice(0, 10)}T12:00:00Z`).getTime();
  touchpoints.push({ customerId: c.id, occurredAt: at - (10 + (i % 3)) * day, channel: i % 2 === 0 ? "social" : "search", type: "visit" });
  touchpoints.push({ customerId: c.id, occurredAt: at - 2 * day, channel: c.channel ?? "direct", type: "visit" });
});
for (let i = 0; i < 10; i++) touchpoints.push({ customerId: `prospect${i}`, occurredAt: "2024-02-01", channel: i < 7 ? "social" : "search", type: "visit" });
console.log("\nAttributed conversions by model");
const models = ["first-touch", "last-touch", "linear", "position-based", "markov"] as const;
const results = models.map((model) => attribution(touchpoints, conversions, { model, timeZone }));
const channelNames = [...new Set(results.flatMap((r) => r.channels.map((c) => c.channel)))];
console.log(`  ${"channel".padEnd(11)}${models.map((m) => m.padStart(15)).join("")}`);
for (const name of channelNames) {
  console.log(`  ${name.padEnd(11)}${results.map((r) => (r.channels.find((c) => c.channel === name)?.conversions ?? 0).toFixed(2).padStart(15)).join("")}`);
}
const markov = results[4]!.markov!;
console.log(`  Markov P(conversion) = ${markov.conversionProbability.toFixed(3)}; removal effects ${markov.removalEffects.map((e) => `${e.channel} ${e.removalEffect.toFixed(2)}`).join(", ")}`);

// --- Cross-sell and up-sell -------------------------------------------------------------
const cross = crossSellRate(transactions, { timeZone });
const up = upsellRate(transactions, { timeZone, prices: new Map([["basic", 29], ["pro", 79], ["cable", 15]]) });
console.log(`\nCross-sell rate (90 days): ${cross.crossSoldCustomers}/${cross.customers} = ${(100 * cross.rate!).toFixed(1)}%`);
console.log(`Up-sell rate (90 days, list prices): ${up.upsoldCustomers}/${up.customers} = ${(100 * up.rate!).toFixed(1)}%`);

// --- Checks ------------------------------------------------------------------------------
const close = (a: number | null, b: number, tol = 1e-6): boolean => a !== null && Math.abs(a - b) <= tol;
if (acquisition.spend !== 8710) throw new Error(`total spend should be 8710, got ${acquisition.spend}`);
if (acquisition.newCustomers !== 15) throw new Error("15 new customers expected");
// c15 signed up at 23:30 on 31 March in Berlin: March, not April.
if (acquisition.periods.length !== 3) throw new Error("three months expected in Europe/Berlin");
if (!close(acquisition.cac, 8710 / 15)) throw new Error(`blended CAC should be 580.67, got ${acquisition.cac}`);
// Paid: search and newsletter spend (7210) over their 12 customers.
if (!close(acquisition.paidCac, 7210 / 12)) throw new Error(`paid CAC should be 600.83, got ${acquisition.paidCac}`);
if (!close(payback.periods, 8710 / 15 / (41.5 * 0.8))) throw new Error("payback mismatch");
for (const r of results) {
  const sum = r.channels.reduce((s, c) => s + c.conversions, 0);
  if (!close(sum, r.attributedConversions, 1e-9)) throw new Error(`${r.model}: credits must sum to the conversions`);
}
if (cross.rate === null || cross.rate <= 0 || up.rate === null || up.rate <= 0) throw new Error("cross-sell and up-sell should be positive");
console.log("\nall checks passed");
