// Customer lifetime value from a transaction log: summarise each customer (frequency,
// recency, age in weeks), fit BG/NBD for purchases and Gamma-Gamma for spend, and value
// each customer over the next year with monthly discounting. Then project a subscription
// cohort with the shifted-beta-geometric model.
// Run after `npm run build`: `npx tsx examples/clv.ts`.
import {
  conditionalExpectedPurchases,
  customerLifetimeValue,
  customerSummary,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  fitShiftedBetaGeometric,
  generateTransactions,
  probabilityAlive,
  sbgExpectedResidualLifetime,
  sbgRetentionRate,
  sbgSurvival,
} from "crm-metrics";

// 1. A year of purchases by 2,000 customers (seeded, so the numbers below are stable).
const log = generateTransactions({ customers: 2000, seed: 7, start: "2024-01-01T00:00:00Z", end: "2025-01-01T00:00:00Z", refundRate: 0 });

// 2. One row per customer, in weeks, as of the end of the log.
const summary = customerSummary(log, { asOf: "2024-12-31", unit: "week" });
const customers = summary.customers;
console.log(`${log.length} transactions -> ${customers.length} customers`);

// 3. Fit the purchase model (all customers) and the spend model (repeat customers only).
const purchaseModel = fitBgNbd(customers, { timeUnit: "week" });
const spendModel = fitGammaGamma(customers, { excludeNonRepeat: true });
const p = purchaseModel.params;
console.log(
  `BG/NBD: r=${p.r.toFixed(3)} alpha=${p.alpha.toFixed(2)} a=${p.a.toFixed(3)} b=${p.b.toFixed(3)}  LL=${purchaseModel.logLikelihood.toFixed(1)}  converged=${purchaseModel.converged}`,
);
const g = spendModel.params;
console.log(
  `Gamma-Gamma: p=${g.p.toFixed(2)} q=${g.q.toFixed(2)} gamma=${g.gamma.toFixed(2)}  (${spendModel.n} repeat customers, ${spendModel.excluded} one-time buyers left out, corr(freq, spend)=${spendModel.frequencyMonetaryCorrelation?.toFixed(3)})`,
);
if (!purchaseModel.converged || !spendModel.converged) throw new Error("a model did not converge");

// 4. Value every customer over the next 52 weeks, monthly steps, 1 % a month.
const clv = customerLifetimeValue({ purchaseModel, spendModel, customers, horizon: 52, step: 52 / 12, discountRate: 0.01 });
const top = [...clv.customers].sort((x, y) => y.clv - x.clv).slice(0, 5);
console.log(`\nNext-year value of the base: ${clv.totalClv.toFixed(0)} (mean ${clv.meanClv?.toFixed(2)} per customer)`);
console.log("Top customers:");
for (const c of top) {
  const row = customers.find((r) => r.customerId === c.customerId)!;
  console.log(
    `  ${String(c.customerId).padEnd(8)} x=${String(row.frequency).padStart(3)}  P(alive)=${probabilityAlive(purchaseModel, row).toFixed(3)}  E[purchases]=${c.expectedPurchases.toFixed(2)}  E[spend]=${c.expectedSpend.toFixed(2)}  CLV=${c.clv.toFixed(2)}`,
  );
}
const newCustomer = expectedPurchases(purchaseModel, 52);
console.log(`A new customer makes ${newCustomer.toFixed(2)} repeat purchases in their first year.`);
if (!(clv.totalClv > 0) || clv.customers.some((c) => !Number.isFinite(c.clv) || c.clv < 0)) throw new Error("CLV must be finite and non-negative");
const first = customers[0]!;
if (Math.abs(clv.customers[0]!.expectedPurchases - conditionalExpectedPurchases(purchaseModel, first, 52)) > 1e-9) {
  throw new Error("CLV's expected purchases must equal conditionalExpectedPurchases over the horizon");
}

// 5. A contractual cohort (Fader & Hardie 2007, "regular" customers): fit years 0-7, project 8-12.
const survivors = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const sbg = fitShiftedBetaGeometric(survivors.slice(0, 8));
console.log(`\nsBG: alpha=${sbg.params.alpha.toFixed(3)} beta=${sbg.params.beta.toFixed(3)} LL=${sbg.logLikelihood.toFixed(1)}`);
for (let t = 8; t <= 12; t++) {
  console.log(`  year ${t}: actual ${survivors[t]}, projected ${(1000 * sbgSurvival(sbg, t)).toFixed(0)}, retention ${sbgRetentionRate(sbg, t).toFixed(3)}`);
}
const derl = sbgExpectedResidualLifetime(sbg, { renewals: 0, discountRate: 0.1 });
console.log(`Discounted expected residual lifetime of a new subscriber at 10 %: ${derl?.toFixed(2)} payments`);
if (Math.abs(sbg.params.alpha - 0.704) > 0.001 || Math.abs(sbg.params.beta - 1.182) > 0.001) {
  throw new Error(`sBG should reproduce Fader & Hardie's alpha 0.704, beta 1.182, got ${sbg.params.alpha}, ${sbg.params.beta}`);
}
if (Math.abs(sbg.logLikelihood - -1680.3) > 0.1) throw new Error("sBG log-likelihood should be -1680.3");
