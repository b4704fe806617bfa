// Lead scoring report: a HubSpot-style rule score (fit + engagement, A1..C3 grades, MQL
// flag) and a trained logistic model with Einstein-style top factors, both evaluated on
// held-out leads. Data: 3,000 seeded synthetic leads (generateLeads).
// Run after `npm run build`: `npx tsx examples/scoring.ts`.
import {
  evaluateScores,
  fitLeadScoringModel,
  generateLeads,
  predictLeadScores,
  scoreLeads,
  type LeadScoringModel,
  type LeadScoringRules,
} from "crm-metrics";

const data = generateLeads({ n: 3000, seed: 7 });
const train = data.leads.slice(0, 2000);
const trainOutcomes = data.outcomes.slice(0, 2000);
const test = data.leads.slice(2000);
const testOutcomes = data.outcomes.slice(2000);

// 1. Rules, as a CRM would store them (plain JSON).
const rules: LeadScoringRules = {
  limit: 100,
  groups: [
    {
      id: "fit",
      kind: "fit",
      limit: 50,
      rules: [
        { id: "software", when: [{ field: "properties.industry", operator: "eq", value: "software" }], points: 20 },
        { id: "retail", when: [{ field: "properties.industry", operator: "eq", value: "retail" }], points: -10 },
        { id: "senior", when: [{ field: "properties.seniority", operator: "gte", value: 4 }], points: 20 },
        { id: "referral", when: [{ field: "channel", operator: "in", value: ["referral", "events"] }], points: 15 },
      ],
    },
    {
      id: "engagement",
      kind: "engagement",
      limit: 50,
      decay: { halfLifeDays: 30 },
      rules: [
        { id: "visit", when: [{ field: "type", operator: "eq", value: "page_view" }], points: 4, limit: 20 },
        { id: "click", when: [{ field: "type", operator: "eq", value: "email_click" }], points: 5 },
        { id: "demo", when: [{ field: "type", operator: "eq", value: "demo_request" }], points: 30, per: "match" },
      ],
    },
  ],
  grades: { type: "matrix", fit: [35, 15], engagement: [25, 8] },
  mqlThreshold: 45,
};

const ruleScores = scoreLeads(test, rules, { interactions: data.interactions, asOf: data.asOf });
console.log(`Rule-based scores of ${ruleScores.n} held-out leads (as of ${data.asOf.slice(0, 10)})`);
const byGrade = new Map<string, { n: number; won: number }>();
ruleScores.scores.forEach((s, i) => {
  const g = byGrade.get(s.grade!) ?? { n: 0, won: 0 };
  g.n++;
  if (testOutcomes[i]) g.won++;
  byGrade.set(s.grade!, g);
});
for (const { grade } of ruleScores.gradeCounts) {
  const g = byGrade.get(grade!)!;
  console.log(`  ${grade}  ${String(g.n).padStart(4)} leads  converted ${((100 * g.won) / g.n).toFixed(1).padStart(5)}%`);
}
console.log(`  MQLs: ${ruleScores.mqlCount}`);
const best = ruleScores.scores.reduce((a, b) => (b.score > a.score ? b : a));
console.log(`  Top lead ${best.leadId}: ${best.score.toFixed(1)} points, grade ${best.grade}; fired:`);
for (const f of best.fired) {
  console.log(`    ${f.ruleId.padEnd(9)} ${f.points.toFixed(1).padStart(6)} points${f.cappedBy > 0 ? ` (capped by ${f.cappedBy.toFixed(1)})` : ""}`);
}

// 2. Trained model: fitted on 2,000 leads, saved as JSON, scored on the other 1,000.
const fitted = fitLeadScoringModel(train, trainOutcomes, { features: data.trueModel.features, l2: 1 });
const model = JSON.parse(JSON.stringify(fitted)) as LeadScoringModel;
console.log(`\nLogistic model (${fitted.iterations} Newton iterations, converged: ${fitted.converged})`);
console.log(`  ${"term".padEnd(34)} estimate   s.e.   true`);
console.log(`  ${"(intercept)".padEnd(34)} ${fitted.params.intercept.toFixed(3).padStart(8)} ${fitted.standardErrors!.intercept.toFixed(3).padStart(6)} ${data.trueModel.intercept.toFixed(2).padStart(6)}`);
fitted.terms.forEach((t, j) => {
  const truth = data.trueModel.coefficients[t.name] ?? 0;
  console.log(`  ${t.name.padEnd(34)} ${fitted.params.coefficients[j]!.toFixed(3).padStart(8)} ${fitted.standardErrors!.coefficients[j]!.toFixed(3).padStart(6)} ${truth.toFixed(2).padStart(6)}`);
});

const predictions = predictLeadScores(model, test).predictions;
const top = predictions.reduce((a, b) => (b.probability > a.probability ? b : a));
const factors = [...top.contributions].sort((a, b) => b.contribution - a.contribution);
console.log(`\n  Most likely lead ${top.leadId}: p = ${top.probability.toFixed(3)} (score ${top.score}); baseline log-odds ${top.baseline.toFixed(3)}`);
for (const f of factors) console.log(`    ${f.field.padEnd(22)} = ${String(f.value).padEnd(9)} ${f.contribution >= 0 ? "+" : ""}${f.contribution.toFixed(3)}`);

// 3. Evaluation on the held-out leads.
const modelEval = evaluateScores(predictions.map((p) => p.probability), testOutcomes);
const rulesEval = evaluateScores(ruleScores.scores.map((s) => s.score), testOutcomes);
console.log(`\nHeld-out evaluation (${modelEval.n} leads, ${modelEval.positives} converted)`);
console.log(`  model: AUC ${modelEval.auc!.toFixed(3)}, log loss ${modelEval.logLoss!.toFixed(3)}, Brier ${modelEval.brierScore!.toFixed(3)}`);
console.log(`  rules: AUC ${rulesEval.auc!.toFixed(3)}`);
console.log("  decile  leads  conv%  lift  gain");
for (const row of modelEval.lift) {
  console.log(`  ${String(row.group).padStart(6)} ${String(row.n).padStart(6)} ${(100 * row.conversionRate).toFixed(1).padStart(6)} ${row.lift!.toFixed(2).padStart(5)} ${(100 * row.gain!).toFixed(0).padStart(4)}%`);
}

// Checks (the example is run by CI).
const sum = top.contributions.reduce((s, c) => s + c.contribution, top.baseline);
if (sum !== top.linearPredictor) throw new Error("contributions must add up to the linear predictor");
if (!fitted.converged) throw new Error("the model should converge with l2 = 1");
if (!(modelEval.auc! > 0.7)) throw new Error(`model AUC too low: ${modelEval.auc}`);
if (!(rulesEval.auc! > 0.7)) throw new Error(`rule AUC too low: ${rulesEval.auc}`);
const a1 = byGrade.get("A1");
const c3 = byGrade.get("C3");
if (a1 === undefined || c3 === undefined || !(a1.won / a1.n > c3.won / c3.n)) throw new Error("A1 leads should convert more than C3 leads");
if (modelEval.lift[modelEval.lift.length - 1]!.gain !== 1) throw new Error("the cumulative gain must end at 100%");
