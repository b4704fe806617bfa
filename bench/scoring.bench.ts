// Lead scoring speed on 100,000 seeded synthetic leads (generateLeads, ~560k interactions),
// median of 5 runs after a warm-up:
// - scoreLeads with a 20-rule model (8 fit rules, 6 engagement rules in a 30-day time frame,
//   6 with a 14-day half-life decay), with and without explanations: leads/s;
// - fitLeadScoringModel (4 features, 9 columns; unpenalised and l2 = 1), predictLeadScores
//   and evaluateScores on the same leads.
// Peer: statsmodels Logit (Newton) on the same design, timed inside Python, when Debian's
// python3-statsmodels is installed (/usr/bin/python3). Run: npx tsx bench/scoring.bench.ts
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  evaluateScores,
  fitLeadScoringModel,
  generateLeads,
  predictLeadScores,
  scoreLeads,
} from "../src/index.js";
import { rules } from "./scoringRules.js";
import { measure, type Measured } from "./timing.js";

const N = 100_000;



async function time(label: string, run: () => unknown, unit?: { count: number; name: string }): Promise<Measured> {
  const t = await measure(run);
  const rate = unit === undefined ? "" : `, ${Math.round(unit.count / t.wall).toLocaleString("en-US")} ${unit.name}/s`;
  console.log(`${label.padEnd(52)} median ${t.wall.toFixed(3)} s wall, ${t.cpu.toFixed(3)} s CPU${rate}`);
  return t;
}

const data = generateLeads({ n: N, seed: 2026 });
console.log(`${N.toLocaleString("en-US")} leads, ${data.interactions.length.toLocaleString("en-US")} interactions, 20 rules`);
const ruleCount = rules.groups.reduce((s, g) => s + g.rules.length, 0);
if (ruleCount !== 20) throw new Error(`expected 20 rules, got ${ruleCount}`);

await time("scoreLeads, 20 rules, with explanations", () => scoreLeads(data.leads, rules, { interactions: data.interactions, asOf: data.asOf }), { count: N, name: "leads" });
await time("scoreLeads, 20 rules, explain: false", () => scoreLeads(data.leads, rules, { interactions: data.interactions, asOf: data.asOf, explain: false }), { count: N, name: "leads" });
const features = data.trueModel.features;
const ours = await time("fitLeadScoringModel, 100k leads, 9 columns", () => fitLeadScoringModel(data.leads, data.outcomes, { features }));
await time("fitLeadScoringModel, l2 = 1", () => fitLeadScoringModel(data.leads, data.outcomes, { features, l2: 1 }));
const model = fitLeadScoringModel(data.leads, data.outcomes, { features });
await time("predictLeadScores, centred contributions", () => predictLeadScores(model, data.leads), { count: N, name: "leads" });
const probabilities = predictLeadScores(model, data.leads).predictions.map((p) => p.probability);
await time("evaluateScores (AUC, log loss, lift, calibration)", () => evaluateScores(probabilities, data.outcomes), { count: N, name: "leads" });

// Peer: statsmodels Logit on the same design (the fit only, timed in Python).
const python = "/usr/bin/python3";
const dir = mkdtempSync(join(tmpdir(), "crm-scoring-bench-"));
try {
  const csv = ["y," + model.terms.map((t) => JSON.stringify(t.name)).join(",")];
  data.leads.forEach((lead, i) => {
    const row = model.terms.map((t) => {
      const f = model.features[t.feature]!;
      const v = f.field === "channel" ? lead.channel : lead.properties![f.field.slice(11)];
      return t.level === null ? String(v) : v === t.level ? "1" : "0";
    });
    csv.push(`${data.outcomes[i] ? 1 : 0},${row.join(",")}`);
  });
  writeFileSync(join(dir, "design.csv"), `${csv.join("\n")}\n`);
  const script = `
import time, numpy as np, statsmodels.api as sm
d = np.loadtxt(${JSON.stringify(join(dir, "design.csv"))}, delimiter=",", skiprows=1)
y, X = d[:, 0], sm.add_constant(d[:, 1:])
runs, cpu = [], []
for _ in range(6):
    t0, c0 = time.perf_counter(), time.process_time()
    fit = sm.Logit(y, X).fit(method="newton", disp=False)
    runs.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
print(sorted(runs[1:])[2], sorted(cpu[1:])[2], fit.params[1])
`;
  const out = spawnSync(python, ["-c", script], { encoding: "utf8" });
  if (out.status === 0) {
    const [secs, cpuSecs, b1] = out.stdout.trim().split(" ").map(Number);
    console.log(
      `${"statsmodels Logit (newton), same design".padEnd(52)} median ${secs!.toFixed(3)} s wall, ${cpuSecs!.toFixed(3)} s CPU` +
        `  -> crm-metrics ${(ours.wall / secs!).toFixed(2)}x wall, ${(ours.cpu / cpuSecs!).toFixed(2)}x CPU`,
    );
    if (Math.abs(b1! - model.params.coefficients[0]!) > 1e-6) throw new Error(`coefficient differs from statsmodels: ${b1}`);
  } else {
    console.log("statsmodels peer skipped (install Debian python3-statsmodels)");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
