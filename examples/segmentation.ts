// Segmentation report: RFM scores and named segments for a seeded synthetic shop, scoring
// new customers with the same bins, checking segment maps, and ABC (Pareto) tiers.
// Run after `npm run build`: `npx tsx examples/segmentation.ts`.
import { abcTiers, applyRfm, generateTransactions, rfmScores, rfmSegments, validateSegmentMap } from "crm-metrics";

const pct = (x: number | null): string => (x === null ? "n/a" : `${(100 * x).toFixed(1)}%`);

// 1. The worked example of docs/metrics/segmentation.md, checked.
const small = [
  { customerId: "a", occurredAt: "2024-03-01", amount: 50 },
  { customerId: "a", occurredAt: "2024-03-20", amount: 70 },
  { customerId: "b", occurredAt: "2024-01-05", amount: 20 },
  { customerId: "c", occurredAt: "2024-03-30", amount: 300 },
];
const smallScores = rfmScores(small, { bins: 3 });
const codes = smallScores.customers.map((c) => c.code).join(" ");
console.log(`Worked example (3 bins): ${codes}`);
if (codes !== "232 111 313") throw new Error(`unexpected RFM codes ${codes}`);

// 2. RFM scores of a synthetic shop, as of the end of 2024.
const log = generateTransactions({ customers: 2000, seed: 7, start: "2023-01-01", end: "2025-01-01" });
const scores = rfmScores(log, { asOf: "2024-12-31T23:59:59Z" });
console.log(`\nRFM scores of ${scores.n} customers from ${scores.records} transactions, asOf ${scores.asOf}`);
console.log(`  unscored (refunds only): ${scores.unscoredCustomerIds.length}`);
console.log(`  cut points: recency days ${JSON.stringify(scores.cutPoints.recencyDays)}, orders ${JSON.stringify(scores.cutPoints.frequency)}`);
console.log(`              net spend ${JSON.stringify(scores.cutPoints.monetary)}`);
console.log(`  customers per frequency score 1..5: ${scores.scoreCounts.frequency.join(", ")}`);
for (const key of ["recency", "frequency", "monetary"] as const) {
  const total = scores.scoreCounts[key].reduce((s, x) => s + x, 0);
  if (total !== scores.n) throw new Error(`${key} score counts do not add up`);
}

// 3. Named segments with the shipped 11-segment map.
const segments = rfmSegments(scores);
console.log(`\nSegments (${segments.map}):`);
console.log(`  ${"segment".padEnd(20)} ${"customers".padStart(9)} ${"share".padStart(7)} ${"revenue".padStart(12)} ${"of revenue".padStart(10)}`);
for (const s of segments.segments) {
  console.log(`  ${s.segment.padEnd(20)} ${String(s.customers).padStart(9)} ${pct(s.customerShare).padStart(7)} ${s.revenue.toFixed(2).padStart(12)} ${pct(s.revenueShare).padStart(10)}`);
}
const assigned = segments.segments.reduce((s, x) => s + x.customers, 0);
if (assigned !== scores.n) throw new Error("every customer must land in exactly one segment");

// 4. Why the shipped map: the published table leaves combinations unassigned.
const published = validateSegmentMap("published");
const shipped = validateSegmentMap("default");
console.log(`\nPublished 11-segment table: ${published.unassignedCells.length} of ${published.cells} combinations unassigned, unreachable: ${published.unreachableSegments.join(", ")}`);
console.log(`Shipped map: valid ${shipped.valid}`);
if (published.unassignedCells.length !== 36 || published.unreachableSegments.length !== 4 || !shipped.valid) {
  throw new Error("segment map check changed");
}

// 5. Score customers who arrive later with the same bins.
const newcomers = [
  { customerId: "new-1", occurredAt: "2025-01-10", amount: 480 },
  { customerId: "new-2", occurredAt: "2024-06-01", amount: 12 },
];
const later = applyRfm(scores, newcomers, { asOf: "2025-01-15" });
for (const c of later.customers) console.log(`  ${c.customerId}: ${c.code} (${c.recencyDays} days, ${c.frequency} order, ${c.monetary})`);
if (later.customers[0]!.recencyScore !== 5) throw new Error("a purchase 5 days before asOf must score recency 5");

// 6. ABC tiers: who makes 80 % and 95 % of revenue.
const abc = abcTiers(log, { asOf: "2024-12-31T23:59:59Z" });
console.log(`\nABC tiers (${abc.n} customers, net revenue ${abc.totalRevenue.toFixed(2)}):`);
for (const t of abc.tiers) console.log(`  ${t.tier}: ${t.customers} customers (${pct(t.customerShare)}) make ${pct(t.revenueShare)} of revenue`);
const tierA = abcTiers([
  { customerId: "a", totalSpend: 700 },
  { customerId: "b", totalSpend: 200 },
  { customerId: "c", totalSpend: 60 },
  { customerId: "d", totalSpend: 40 },
]);
if (tierA.customers.map((c) => c.tier).join("") !== "AABC") throw new Error("ABC worked example changed");
if (abc.tiers[0]!.revenueShare! < 0.8) throw new Error("tier A must reach 80 % of revenue");
console.log("\nAll checks passed.");
