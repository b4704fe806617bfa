// Customer value report on a seeded synthetic shop: the customer summary (frequency,
// recency, T, monetary value) that the CLV models take, AOV, purchase frequency,
// historical CLV, the ARPA/churn formula and year-over-year customer growth.
// Run after `npm run build`: `npx tsx examples/value.ts`.
import {
  averageOrderValue,
  customerGrowth,
  customerSummary,
  formulaClv,
  generateTransactions,
  historicalClv,
  purchaseFrequency,
  splitCalibrationHoldout,
} from "crm-metrics";

const log = generateTransactions({ customers: 2000, seed: 11, start: "2023-01-01", end: "2025-01-01" });
console.log(`${log.length} transactions of 2000 customers, 2023-2024`);

// 1. Customer summary in weeks, as BG/NBD and Gamma-Gamma want it.
const summary = customerSummary(log, { asOf: "2024-12-31", unit: "week" });
const repeaters = summary.customers.filter((c) => c.frequency > 0);
console.log(`\nCustomer summary as of ${summary.asOf} (weeks)`);
console.log(`  customers ${summary.customers.length}, repeat buyers ${repeaters.length}`);
for (const c of summary.customers.slice(0, 3)) {
  console.log(`  ${c.customerId}: x=${c.frequency} t_x=${c.recency.toFixed(2)} T=${c.T.toFixed(2)} zbar=${c.monetaryValue.toFixed(2)} spend=${c.totalSpend}`);
}

// 2. Calibration / holdout split for model validation.
const split = splitCalibrationHoldout(log, { calibrationEnd: "2024-06-30", observationEnd: "2024-12-31", unit: "week" });
const holdoutPurchases = split.customers.reduce((s, c) => s + c.frequencyHoldout, 0);
console.log(`\nHoldout of ${split.durationHoldout?.toFixed(1)} weeks: ${holdoutPurchases} purchase days of ${split.customers.length} calibration customers`);

// 3. Simple value metrics for 2024.
const year = { start: "2024-01-01", end: "2025-01-01" };
const aov = averageOrderValue(log, { ...year, period: "quarter" });
const freq = purchaseFrequency(log, year);
const clv = historicalClv(log, { margin: 0.3 });
console.log(`\n2024: AOV ${aov.averageOrderValue?.toFixed(2)} over ${aov.orders} orders (refunds ${aov.refundAmount.toFixed(2)} reported apart)`);
for (const q of aov.periods ?? []) console.log(`  ${q.label}: ${q.orders} orders, AOV ${q.averageOrderValue?.toFixed(2)}`);
console.log(`  purchase frequency ${freq.purchaseFrequency?.toFixed(2)} orders per customer, repeat rate ${(100 * (freq.repeatCustomerRate ?? 0)).toFixed(1)}%`);
console.log(`Historical CLV at 30% margin: mean ${clv.averageClv?.toFixed(2)}, median ${clv.medianClv?.toFixed(2)} over ${clv.n} customers`);

// 4. Formula CLV from monthly ARPA and churn.
const monthly = formulaClv({ revenuePerPeriod: 42, churnRate: 0.04 }, { margin: 0.8 });
const discounted = formulaClv({ revenuePerPeriod: 42, churnRate: 0.04 }, { margin: 0.8, discountRate: 0.01 });
const chartmogul = formulaClv({ revenuePerPeriod: 42, churnRates: [0.05, 0.04, 0.03, 0.05, 0.04, 0.03] }, { method: "chartmogul" });
console.log(`\nFormula CLV: simple ${monthly.clv?.toFixed(2)}, discounted 1%/month ${discounted.clv?.toFixed(2)}, ChartMogul ${chartmogul.clv?.toFixed(2)}`);

// 5. Year-over-year growth per customer.
const growth = customerGrowth(log, { current: "2024-06-30" });
console.log(`\nSpend ${growth.basePeriod?.label} -> ${growth.currentPeriod?.label}: ${growth.baseSpend.toFixed(2)} -> ${growth.currentSpend.toFixed(2)} (${((growth.growthRate ?? 0) * 100).toFixed(1)}%)`);
console.log(`  new ${growth.counts.new}, lost ${growth.counts.lost}, growing ${growth.counts.growing}, declining ${growth.counts.declining}, flat ${growth.counts.flat}`);

// Checks.
if (summary.customers.length !== 2000) throw new Error(`expected 2000 customers, got ${summary.customers.length}`);
if (summary.customers.some((c) => c.recency > c.T || c.frequency < 0)) throw new Error("recency must not exceed T");
const spend = summary.customers.reduce((s, c) => s + c.totalSpend, 0);
if (Math.abs(spend - clv.totalRevenue) > 1e-6) throw new Error("summary spend and historical revenue must agree");
if (Math.abs((monthly.clv ?? 0) - 840) > 1e-6) throw new Error(`0.8 x 42 / 0.04 should be 840, got ${monthly.clv}`);
if (Math.abs((chartmogul.clv ?? 0) - 1050) > 1e-6) throw new Error(`42 / 0.04 should be 1050, got ${chartmogul.clv}`);
if (split.durationHoldout === null || Math.abs(split.durationHoldout - 184 / 7) > 1e-9) throw new Error("the holdout is 184 days");
if (aov.periods?.length !== 4) throw new Error("2024 has four quarters of orders");
