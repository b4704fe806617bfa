// `npm run demo`: a metrics report from data shipped in examples/data.
//   - CDNOW music store sample (2,357 customers who first bought in Q1 1997, 6,919
//     purchases to June 1998): customer summary, BG/NBD and Gamma-Gamma fits, a holdout
//     check, lifetime value, RFM segments and monthly cohort retention;
//   - six months of NPS, CSAT and CES answers.
import { readFileSync } from "node:fs";
import {
  cohortRetention,
  compareNps,
  conditionalExpectedPurchases,
  csat,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  rfmScores,
  rfmSegments,
  satisfactionTrend,
  splitCalibrationHoldout,
  type SurveyResponse,
  type Transaction,
} from "crm-metrics";
import surveys from "./data/surveys.json" with { type: "json" };

const money = (x: number): string => `$${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (x: number | null): string => (x === null ? "  –  " : `${(100 * x).toFixed(1).padStart(5)}%`);
const title = (s: string): void => console.log(`\n${s}\n${"-".repeat(s.length)}`);

// ------------------------------------------------------------------ data
const text = readFileSync(new URL("./data/cdnow_sample.txt", import.meta.url), "utf8");
const transactions: Transaction[] = text
  .trim()
  .split("\n")
  .map((line) => {
    const [, id, ymd, , dollars] = line.trim().split(/\s+/);
    return { customerId: id!, occurredAt: `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6, 8)}`, amount: Number(dollars) };
  });
console.log("crm-metrics demo: CDNOW sample, %d purchases by %d customers (Jan 1997 - Jun 1998)", transactions.length, new Set(transactions.map((t) => t.customerId)).size);

// ------------------------------------------------------------------ value
title("Purchases: 39-week calibration (to 1997-09-30), 39-week holdout (to 1998-06-30)");
const split = splitCalibrationHoldout(transactions, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "week" });
const customers = split.customers;
const repeaters = customers.filter((c) => c.frequency > 0);
console.log(`customers ${customers.length}, repeat buyers ${repeaters.length} (${pct(repeaters.length / customers.length).trim()})`);

const t0 = performance.now();
const bgnbd = fitBgNbd(customers);
const fitMs = performance.now() - t0;
const p = bgnbd.params;
console.log(
  `BG/NBD fit in ${fitMs.toFixed(1)} ms: r ${p.r.toFixed(3)}, alpha ${p.alpha.toFixed(3)}, a ${p.a.toFixed(3)}, b ${p.b.toFixed(3)}, log-likelihood ${bgnbd.logLikelihood.toFixed(1)}`,
);
const holdoutWeeks = split.durationHoldout ?? 39;
const predicted = customers.reduce((s, c) => s + conditionalExpectedPurchases(bgnbd, c, holdoutWeeks), 0);
const actual = customers.reduce((s, c) => s + c.frequencyHoldout, 0);
console.log(`holdout purchases: predicted ${predicted.toFixed(0)}, actual ${actual} (${(100 * (predicted / actual - 1)).toFixed(1)}% off)`);

const gg = fitGammaGamma(repeaters);
console.log(`Gamma-Gamma spend model: p ${gg.params.p.toFixed(2)}, q ${gg.params.q.toFixed(2)}, gamma ${gg.params.gamma.toFixed(2)}`);
const clv = customerLifetimeValue({ purchaseModel: bgnbd, spendModel: gg, customers, horizon: 52, step: 52 / 12, discountRate: 0.01 });
console.log(`52-week CLV at 1% a month: mean ${money(clv.meanClv ?? 0)}, total ${money(clv.totalClv)}`);
console.log("top customers:");
for (const c of [...clv.customers].sort((a, b) => b.clv - a.clv).slice(0, 5)) {
  const row = customers.find((x) => x.customerId === c.customerId)!;
  console.log(`  ${String(c.customerId).padStart(5)}  ${String(row.frequency).padStart(2)} repeat purchases  ${c.expectedPurchases.toFixed(1).padStart(5)} expected  CLV ${money(c.clv).padStart(9)}`);
}

// ------------------------------------------------------------------ segments
title("RFM segments on 1998-06-30");
const scores = rfmScores(transactions, { asOf: "1998-06-30" });
const segments = rfmSegments(scores.customers);
for (const s of segments.segments.filter((x) => x.customers > 0)) {
  console.log(`  ${s.segment.padEnd(20)} ${String(s.customers).padStart(5)} customers  ${pct(s.customerShare)}  revenue ${pct(s.revenueShare)}`);
}

// ------------------------------------------------------------------ cohorts
title("Monthly cohort retention (share of each cohort buying in month k)");
const cohorts = cohortRetention(transactions, { period: "month", mode: "n-period", asOf: "1998-06-30", maxPeriods: 6 });
const widest = Math.max(...cohorts.cohorts.map((c) => c.cells.length));
console.log(`  cohort   size ${Array.from({ length: widest }, (_, k) => `m${k}`.padStart(7)).join("")}`);
for (const c of cohorts.cohorts.filter((x) => x.size > 0)) {
  console.log(`  ${c.label}  ${String(c.size).padStart(4)} ${c.cells.map((x) => pct(x.rate).padStart(7)).join("")}`);
}

// ------------------------------------------------------------------ satisfaction
title("Satisfaction, 2024 (examples/data/surveys.json)");
const responses = surveys as SurveyResponse[];
const npsAnswers = responses.filter((r) => r.kind === "nps");
const trend = satisfactionTrend(npsAnswers, { metric: "nps", period: "month" });
for (const pnt of trend.points) {
  const r = pnt.result;
  console.log(`  ${pnt.label}  NPS ${r.score!.toFixed(1).padStart(6)}  95% CI [${r.confidenceInterval!.lower.toFixed(1)}, ${r.confidenceInterval!.upper.toFixed(1)}]  n=${r.n}`);
}
const inMonth = (m: string) => npsAnswers.filter((r) => String(r.respondedAt).startsWith(m));
const drop = compareNps(inMonth("2024-06"), inMonth("2024-05"));
console.log(`  June vs May: ${drop.difference!.toFixed(1)} points, p = ${drop.pValue!.toFixed(4)} (${drop.significant ? "significant" : "not significant"})`);
const c = csat(responses.filter((r) => r.kind === "csat"));
console.log(`  CSAT ${pct(c.satisfiedShare).trim()} satisfied (95% CI ${pct(c.confidenceInterval!.lower).trim()} - ${pct(c.confidenceInterval!.upper).trim()}), n=${c.n}`);

if (Math.abs(p.r - 0.243) > 0.001 || Math.abs(bgnbd.logLikelihood + 9582.4) > 0.1) throw new Error("BG/NBD no longer reproduces Fader, Hardie & Lee (2005)");
