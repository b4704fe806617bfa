// Runs under Deno against the built package: `npx deno run --allow-read examples/deno/smoke.ts`.
import { nps, satisfactionTrend } from "crm-metrics";

const result = nps([10, 9, 8, 6, 10]);
if (result.score !== 40) throw new Error(`expected NPS 40, got ${result.score}`);
const trend = satisfactionTrend(
  [
    { kind: "nps", score: 10, respondedAt: "2024-03-30T23:30:00Z" },
    { kind: "nps", score: 2, respondedAt: "2024-04-02" },
  ],
  { metric: "nps", timeZone: "Europe/Berlin" },
);
if (trend.points.length !== 2) throw new Error("expected two monthly points");
console.log(`Deno ${Deno.version.deno}: nps = ${result.score}, months = ${trend.points.map((p) => p.label).join(", ")}`);
