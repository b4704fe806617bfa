// Writes examples/data/surveys.json: seeded NPS, CSAT and CES answers over six months,
// with NPS falling in the last month so that the demo has a change worth testing.
// Run: npx tsx scripts/make-demo-data.ts
import { writeFileSync } from "node:fs";
import { createRandom } from "../src/core/random.js";

const rnd = createRandom(2024);
const responses: { id: string; customerId: string; kind: string; score: number; scale?: number; respondedAt: string }[] = [];
const pick = (weights: number[]): number => {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rnd.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
};
let n = 0;
for (let month = 0; month < 6; month++) {
  const worse = month === 5;
  const perMonth = 60 + rnd.int(30);
  for (let i = 0; i < perMonth; i++) {
    const day = 1 + rnd.int(28);
    const at = new Date(Date.UTC(2024, month, day, rnd.int(24), rnd.int(60))).toISOString();
    const customerId = `C${String(1 + rnd.int(400)).padStart(4, "0")}`;
    // NPS 0..10: more promoters early, more detractors in the last month
    const npsWeights = worse ? [3, 2, 2, 3, 3, 4, 5, 7, 8, 6, 5] : [1, 1, 1, 1, 2, 2, 4, 8, 10, 12, 12];
    responses.push({ id: `R${++n}`, customerId, kind: "nps", score: pick(npsWeights), respondedAt: at });
    if (rnd.next() < 0.6) responses.push({ id: `R${++n}`, customerId, kind: "csat", score: 1 + pick([1, 2, 4, 10, 9]), scale: 5, respondedAt: at });
    if (rnd.next() < 0.4) responses.push({ id: `R${++n}`, customerId, kind: "ces", score: 1 + pick([1, 1, 2, 3, 6, 8, 6]), respondedAt: at });
  }
}
writeFileSync(new URL("../examples/data/surveys.json", import.meta.url), `${JSON.stringify(responses, null, 0).replace(/\},\{/g, "},\n{")}\n`);
console.log(`wrote ${responses.length} survey responses`);
