// Renders the charts in docs/charts/ as SVG from the library's own results:
// cohort retention heat map, funnel bars, survival curve, RFM segment map and CLV
// distribution. Run after `npm run build`: `npx tsx examples/charts.ts`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import {
  cohortRetention,
  customerLifetimeValue,
  customerSummary,
  DEFAULT_RFM_SEGMENT_MAP,
  fitBgNbd,
  fitGammaGamma,
  funnel,
  generateEvents,
  generateTransactions,
  kaplanMeier,
  rfmScores,
  rfmSegments,
  type Transaction,
} from "crm-metrics";

const out = new URL("../docs/charts/", import.meta.url);
mkdirSync(out, { recursive: true });
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const svg = (w: number, h: number, body: string[]): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="Helvetica, Arial, sans-serif" font-size="12">\n<rect width="${w}" height="${h}" fill="#fff"/>\n${body.join("\n")}\n</svg>\n`;
const text = (x: number, y: number, s: string, extra = ""): string => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${extra}>${esc(s)}</text>`;
const rect = (x: number, y: number, w: number, h: number, fill: string, extra = ""): string =>
  `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" fill="${fill}" ${extra}/>`;
const blue = (t: number): string => {
  // white -> deep blue
  const c = (a: number, b: number): number => Math.round(a + (b - a) * Math.min(1, Math.max(0, t)));
  return `rgb(${c(247, 8)},${c(251, 48)},${c(255, 107)})`;
};
const written: string[] = [];
const save = (name: string, content: string): void => {
  writeFileSync(new URL(name, out), content);
  written.push(name);
};

// ------------------------------------------------------------ data
const cdnow: Transaction[] = readFileSync(new URL("./data/cdnow_sample.txt", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => {
    const [, id, ymd, , dollars] = line.trim().split(/\s+/);
    return { customerId: id!, occurredAt: `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6, 8)}`, amount: Number(dollars) };
  });

// ------------------------------------------------------------ 1. cohort heat map
{
  const tx = generateTransactions({ customers: 3000, seed: 7, start: "2024-01-01", end: "2025-01-01" });
  const r = cohortRetention(tx, { period: "month", mode: "n-period", asOf: "2024-12-31" });
  const rows = r.cohorts.filter((c) => c.size > 0);
  const cols = Math.max(...rows.map((c) => c.cells.length));
  const cw = 46;
  const ch = 24;
  const left = 120;
  const top = 56;
  const body = [text(16, 24, "Monthly cohort retention (n-period): share of each cohort buying in month k", 'font-size="14" font-weight="bold"')];
  for (let k = 0; k < cols; k++) body.push(text(left + k * cw + cw / 2, top - 8, `m${k}`, 'text-anchor="middle" fill="#555"'));
  rows.forEach((c, i) => {
    const y = top + i * ch;
    body.push(text(16, y + 16, `${c.label}  (${c.size})`));
    c.cells.forEach((cell, k) => {
      const rate = cell.rate ?? 0;
      const shade = k === 0 ? 1 : Math.sqrt(rate / 0.5);
      body.push(rect(left + k * cw, y, cw - 2, ch - 2, blue(shade)));
      body.push(text(left + k * cw + cw / 2 - 1, y + 15, cell.rate === null ? "" : `${Math.round(100 * rate)}%`, `text-anchor="middle" fill="${shade > 0.55 ? "#fff" : "#222"}" font-size="11"`));
    });
  });
  save("cohort-retention.svg", svg(left + cols * cw + 16, top + rows.length * ch + 16, body));
}

// ------------------------------------------------------------ 2. funnel bars
{
  const events = generateEvents({ customers: 5000, seed: 3 });
  const steps = ["signup", "activate", "view_pricing", "purchase"].map((event) => ({ event }));
  const r = funnel(events, steps, { window: { days: 14 } });
  const w = 640;
  const barH = 36;
  const top = 48;
  const max = r.steps[0]!.entered || 1;
  const body = [text(16, 24, "Funnel, 14-day window from signup (PostHog semantics)", 'font-size="14" font-weight="bold"')];
  r.steps.forEach((s, i) => {
    const y = top + i * (barH + 14);
    const bw = ((w - 260) * s.entered) / max;
    body.push(text(16, y + 23, s.name));
    body.push(rect(120, y, bw, barH, "#3b6fb6", 'rx="3"'));
    const conv = s.conversionRateFromStart === null ? "" : ` (${(100 * s.conversionRateFromStart).toFixed(1)}%)`;
    body.push(text(128 + bw, y + 23, `${s.entered.toLocaleString("en-US")}${conv}`));
  });
  save("funnel.svg", svg(w, top + r.steps.length * (barH + 14) + 8, body));
}

// ------------------------------------------------------------ 3. survival curve
{
  // CDNOW repeat buyers' lifetimes: weeks from the first to the last purchase; a customer
  // with no purchase in the last 13 weeks (after 1998-03-31) counts as churned.
  const s = customerSummary(cdnow, { asOf: "1998-06-30", unit: "week" }).customers.filter((c) => c.frequency > 0);
  const cutoff = Date.parse("1998-03-31T00:00:00Z");
  const lifetimes = s.map((c) => ({ duration: c.recency, churned: Date.parse(c.lastPurchaseAt) < cutoff }));
  const km = kaplanMeier(lifetimes);
  const w = 720;
  const h = 360;
  const L = 56;
  const B = h - 44;
  const R = w - 20;
  const T = 44;
  const maxT = Math.max(...km.points.map((p) => p.time), 1);
  const x = (t: number): number => L + ((R - L) * t) / maxT;
  const y = (v: number): number => B - (B - T) * v;
  const step = (get: (p: (typeof km.points)[number]) => number | null): string => {
    let d = `M${x(0)},${y(1)}`;
    let prev = 1;
    for (const p of km.points) {
      const v = get(p);
      if (v === null) continue;
      d += ` H${x(p.time).toFixed(1)} V${y(v).toFixed(1)}`;
      prev = v;
    }
    return `${d} H${x(maxT).toFixed(1)} V${y(prev).toFixed(1)}`;
  };
  const body = [
    text(16, 24, `Kaplan-Meier survival of CDNOW repeat buyers (n = ${km.n}, ${km.churned} churned), 95% band`, 'font-size="14" font-weight="bold"'),
    `<line x1="${L}" y1="${B}" x2="${R}" y2="${B}" stroke="#888"/>`,
    `<line x1="${L}" y1="${T}" x2="${L}" y2="${B}" stroke="#888"/>`,
    `<path d="${step((p) => p.upper)}" fill="none" stroke="#9bb7e0" stroke-dasharray="4 3"/>`,
    `<path d="${step((p) => p.lower)}" fill="none" stroke="#9bb7e0" stroke-dasharray="4 3"/>`,
    `<path d="${step((p) => p.survival)}" fill="none" stroke="#3b6fb6" stroke-width="2"/>`,
  ];
  for (const v of [0, 0.25, 0.5, 0.75, 1]) body.push(text(L - 8, y(v) + 4, v.toFixed(2), 'text-anchor="end" fill="#555"'));
  for (let t = 0; t <= maxT; t += 13) body.push(text(x(t), B + 18, `${t}`, 'text-anchor="middle" fill="#555"'));
  body.push(text((L + R) / 2, h - 8, "weeks from first to last purchase", 'text-anchor="middle" fill="#555"'));
  if (km.median !== null) body.push(text(x(km.median) + 6, y(0.5) - 6, `median ${km.median.toFixed(1)} weeks`, 'fill="#3b6fb6"'));
  save("survival.svg", svg(w, h, body));
}

// ------------------------------------------------------------ 4. RFM segment map
{
  const scores = rfmScores(cdnow, { asOf: "1998-06-30" });
  const seg = rfmSegments(scores.customers, { map: DEFAULT_RFM_SEGMENT_MAP });
  const byCell = new Map<string, { n: number; segments: Map<string, number> }>();
  const segmentOf = new Map(seg.customers.map((c) => [c.customerId, c.segment]));
  for (const c of scores.customers) {
    const key = `${c.recencyScore},${c.frequencyScore}`;
    const cell = byCell.get(key) ?? { n: 0, segments: new Map<string, number>() };
    cell.n++;
    const s = segmentOf.get(c.customerId) ?? "?";
    cell.segments.set(s, (cell.segments.get(s) ?? 0) + 1);
    byCell.set(key, cell);
  }
  const palette = ["#1b9e77", "#66a61e", "#a6d854", "#7570b3", "#8da0cb", "#e6ab02", "#fc8d62", "#d95f02", "#e7298a", "#a6761d", "#666666"];
  const names = [...new Set(seg.segments.map((s) => s.segment))];
  const color = new Map(names.map((n, i) => [n, palette[i % palette.length]!]));
  const size = 84;
  const left = 70;
  const top = 50;
  const body = [text(16, 24, "RFM segment map of CDNOW on 1998-06-30 (cell: R x F, colour: largest segment)", 'font-size="14" font-weight="bold"')];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      const cell = byCell.get(`${r},${f}`);
      const x0 = left + (f - 1) * size;
      const y0 = top + (5 - r) * size;
      const main = cell === undefined ? null : [...cell.segments.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      body.push(rect(x0, y0, size - 3, size - 3, main === null ? "#eee" : color.get(main)!, 'rx="4"'));
      if (cell !== undefined) {
        body.push(text(x0 + 6, y0 + 18, main!.length > 13 ? `${main!.slice(0, 12)}.` : main!, 'fill="#fff" font-size="11"'));
        body.push(text(x0 + 6, y0 + 38, `${cell.n}`, 'fill="#fff" font-size="16" font-weight="bold"'));
      }
    }
  }
  for (let k = 1; k <= 5; k++) {
    body.push(text(left + (k - 1) * size + size / 2, top + 5 * size + 16, `F${k}`, 'text-anchor="middle" fill="#555"'));
    body.push(text(left - 12, top + (5 - k) * size + size / 2, `R${k}`, 'text-anchor="end" fill="#555"'));
  }
  names.forEach((n, i) => {
    body.push(rect(left + 5 * size + 24, top + i * 22, 14, 14, color.get(n)!));
    body.push(text(left + 5 * size + 44, top + i * 22 + 12, n));
  });
  save("rfm-segments.svg", svg(left + 5 * size + 200, top + 5 * size + 30, body));
}

// ------------------------------------------------------------ 5. CLV distribution
{
  const s = customerSummary(cdnow, { asOf: "1997-09-30", unit: "week" }).customers;
  const purchaseModel = fitBgNbd(s);
  const spendModel = fitGammaGamma(s, { excludeNonRepeat: true });
  const clv = customerLifetimeValue({ purchaseModel, spendModel, customers: s, horizon: 52, step: 52 / 12, discountRate: 0.01 });
  const values = clv.customers.map((c) => c.clv);
  const binWidth = 10;
  const bins = new Array<number>(21).fill(0);
  for (const v of values) bins[Math.min(20, Math.max(0, Math.floor(v / binWidth)))]!++;
  const w = 700;
  const h = 320;
  const L = 56;
  const B = h - 44;
  const T = 44;
  const bw = (w - L - 20) / bins.length;
  const max = Math.max(...bins);
  const body = [text(16, 24, `CDNOW 52-week CLV per customer (BG/NBD and Gamma-Gamma), mean $${(clv.meanClv ?? 0).toFixed(2)}`, 'font-size="14" font-weight="bold"')];
  bins.forEach((b, i) => {
    const bh = ((B - T) * b) / max;
    body.push(rect(L + i * bw + 1, B - bh, bw - 2, bh, "#3b6fb6"));
  });
  for (let i = 0; i <= 20; i += 5) body.push(text(L + i * bw, B + 18, i === 20 ? "$200+" : `$${i * binWidth}`, 'text-anchor="middle" fill="#555"'));
  body.push(text(L - 8, T + 4, `${max}`, 'text-anchor="end" fill="#555"'));
  body.push(text(L - 8, B, "0", 'text-anchor="end" fill="#555"'));
  save("clv-distribution.svg", svg(w, h, body));
}

console.log(`wrote ${written.map((n) => `docs/charts/${n}`).join(", ")}`);
if (written.length !== 5) throw new Error("expected five charts");
