// Satisfaction report: NPS, CSAT and CES per month, and whether June's NPS drop is
// significant. Run after `npm run build`: `npx tsx examples/satisfaction.ts`.
import { ces, compareNps, csat, nps, satisfactionTrend, type SurveyResponse } from "crm-metrics";
import surveys from "./data/surveys.json" with { type: "json" };

const responses = surveys as SurveyResponse[];
const byKind = (kind: SurveyResponse["kind"]): SurveyResponse[] => responses.filter((r) => r.kind === kind);

const trend = satisfactionTrend(byKind("nps"), { metric: "nps", period: "month", timeZone: "Europe/Berlin" });
console.log("NPS by month (Europe/Berlin), adjusted-Wald 95% interval");
for (const p of trend.points) {
  const r = p.result;
  const ci = r.confidenceInterval;
  console.log(`  ${p.label}  n=${String(r.n).padStart(3)}  NPS ${r.score?.toFixed(1).padStart(6)}  [${ci?.lower.toFixed(1)}, ${ci?.upper.toFixed(1)}]`);
}

const months = trend.points;
const may = byKind("nps").filter((r) => String(r.respondedAt).startsWith("2024-05"));
const june = byKind("nps").filter((r) => String(r.respondedAt).startsWith("2024-06"));
const change = compareNps(june, may);
console.log(
  `\nJune vs May: ${change.difference?.toFixed(1)} points, z = ${change.z?.toFixed(2)}, p = ${change.pValue?.toExponential(2)} -> ${change.significant ? "significant" : "not significant"} at 95%`,
);

const satisfaction = csat(byKind("csat"));
const effort = ces(byKind("ces"));
console.log(`CSAT (top-2-box of 5): ${(100 * (satisfaction.satisfiedShare ?? 0)).toFixed(1)}% of ${satisfaction.n}, mean ${satisfaction.meanScore?.toFixed(2)}`);
console.log(`CES 2.0: mean ${effort.meanScore?.toFixed(2)} of 7, ${(100 * (effort.easyShare ?? 0)).toFixed(1)}% found it easy`);

const overall = nps(byKind("nps"));
if (months.length !== 6) throw new Error(`expected six months, got ${months.length}`);
if (overall.n !== months.reduce((s, p) => s + p.result.n, 0)) throw new Error("monthly counts must add up to the total");
if (change.significant !== true) throw new Error("the June drop should be significant in this data");
