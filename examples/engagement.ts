// Service and engagement report: support response times in New York business hours,
// interactions and engagement by month, daily actives with DAU/MAU stickiness, and a
// Holt-Winters forecast of monthly revenue with its backtest.
// Run after `npm run build`: `npx tsx examples/engagement.ts`.
import { activeCustomers, engagementRate, interactionCounts, responseTimes, revenueForecast } from "crm-metrics";

// --- support tickets ---------------------------------------------------------------
const tickets = [
  { id: "T-1", channel: "email", openedAt: "2024-03-08T16:00:00-05:00", firstResponseAt: "2024-03-11T10:00:00-04:00", resolvedAt: "2024-03-11T15:00:00-04:00" },
  { id: "T-2", channel: "chat", openedAt: "2024-03-11T09:30:00-04:00", firstResponseAt: "2024-03-11T09:45:00-04:00", resolvedAt: "2024-03-11T11:00:00-04:00" },
  { id: "T-3", channel: "email", openedAt: "2024-12-20T15:00:00-05:00", firstResponseAt: "2024-12-26T11:00:00-05:00" },
  { id: "T-4", channel: "phone", openedAt: "2024-12-27T10:00:00-05:00" },
];
const calendar = { timeZone: "America/New_York", start: "09:00", end: "17:00", holidays: ["2024-12-24", "2024-12-25"] };
const service = responseTimes(tickets, { businessHours: calendar, firstResponseTarget: { hours: 4 }, groupBy: "channel" });
const fr = service.firstResponse;
console.log("First response (New York business hours, 4-hour SLA)");
console.log(`  answered ${fr.n} of ${service.tickets}, unanswered ${fr.missing}`);
console.log(`  median ${fr.median?.toFixed(2)} h, p90 ${fr.p90?.toFixed(2)} h, within SLA ${((fr.withinTargetShare ?? 0) * 100).toFixed(0)}%`);
for (const g of service.groups) console.log(`  ${String(g.key).padEnd(6)} tickets ${g.tickets}, mean first response ${g.firstResponse.mean === null ? "-" : `${g.firstResponse.mean.toFixed(2)} h`}`);

// --- interactions ------------------------------------------------------------------
const interactions = [
  { id: 1, customerId: "acme", occurredAt: "2024-01-03T10:00:00Z", type: "email", channel: "email", direction: "outbound" as const },
  { id: 2, customerId: "acme", occurredAt: "2024-01-04T12:00:00Z", type: "email_click", channel: "email", direction: "inbound" as const },
  { id: 3, customerId: "bolt", occurredAt: "2024-01-10T09:00:00Z", type: "login", channel: "web", direction: "inbound" as const },
  { id: 4, customerId: "bolt", occurredAt: "2024-01-12T09:00:00Z", type: "email_click", channel: "email", direction: "inbound" as const },
  { id: 5, customerId: "cora", occurredAt: "2024-01-15T15:00:00Z", type: "login", channel: "web", direction: "inbound" as const },
  { id: 6, customerId: "acme", occurredAt: "2024-02-02T08:00:00Z", type: "call", channel: "phone", direction: "outbound" as const },
  { id: 7, customerId: "cora", occurredAt: "2024-02-20T16:00:00Z", type: "email_click", channel: "email", direction: "inbound" as const },
  { id: 7, customerId: "cora", occurredAt: "2024-02-20T16:00:00Z", type: "email_click", channel: "email", direction: "inbound" as const },
];
const counts = interactionCounts(interactions, { timeZone: "Europe/Berlin", dedupe: true });
console.log(`\nInteractions (Europe/Berlin months, ${counts.duplicates} duplicate dropped)`);
for (const p of counts.byPeriod) console.log(`  ${p.label}: ${p.total} (${p.inbound} in, ${p.outbound} out), ${p.customers} customers`);
const engagement = engagementRate(interactions, { types: ["email_click"], dedupe: true, timeZone: "Europe/Berlin" });
for (const p of engagement.points) console.log(`  ${p.label}: engagement ${p.engaged}/${p.base} = ${p.rate === null ? "-" : (p.rate * 100).toFixed(0)}%`);

// --- daily actives -----------------------------------------------------------------
const activity: { customerId: string; occurredAt: number }[] = [];
for (let d = 0; d < 60; d++) {
  const at = Date.UTC(2024, 0, 1 + d, 12);
  activity.push({ customerId: "acme", occurredAt: at });
  if (d % 2 === 0) activity.push({ customerId: "bolt", occurredAt: at });
  if (d % 10 === 0) activity.push({ customerId: "cora", occurredAt: at });
}
const actives = activeCustomers(activity, { period: "day", window: { days: 30 } });
console.log(`\nDaily actives over ${actives.points.length} days: mean DAU ${actives.meanActive?.toFixed(2)}, mean DAU/MAU ${actives.meanStickiness?.toFixed(3)}`);

// --- revenue forecast --------------------------------------------------------------
const revenue = [
  41, 39, 45, 47, 50, 55, 58, 57, 52, 49, 47, 60,
  46, 44, 51, 53, 56, 62, 65, 64, 58, 55, 52, 67,
  51, 49, 57, 59, 63, 69, 72, 71, 65, 61, 58, 74,
].map((v, i) => ({ periodStart: new Date(Date.UTC(2021, i, 1)), value: v * 1000 }));
const forecast = revenueForecast(revenue, { seasonLength: 12, horizon: 6, damped: true, backtest: { folds: 6, horizon: 1 } });
console.log(`\nRevenue forecast (Holt-Winters, damped, alpha ${forecast.params.alpha.toFixed(2)}, gamma ${forecast.params.gamma?.toFixed(2)})`);
for (const p of forecast.forecasts) console.log(`  ${p.label}: ${p.value.toFixed(0)} [${p.lower.toFixed(0)}, ${p.upper.toFixed(0)}]`);
const bt = forecast.backtest;
console.log(`  backtest: MAPE ${((bt?.mape ?? 0) * 100).toFixed(1)}%, MASE ${bt?.mase?.toFixed(2)}`);

// --- checks ------------------------------------------------------------------------
if (Math.abs((service.groups.find((g) => g.key === "email")?.firstResponse.mean ?? 0) - 7) > 1e-9) {
  throw new Error("email tickets: 2 h (across the DST weekend) and 12 h (across Christmas) should average 7 h");
}
if (fr.missing !== 1) throw new Error("one ticket is unanswered");
if (counts.total !== 7 || counts.duplicates !== 1) throw new Error("seven interactions after dropping one duplicate");
if (engagement.points[0]?.rate !== 2 / 3) throw new Error("January: two of three active customers clicked");
if (actives.points.length !== 60) throw new Error("sixty days of actives");
if (forecast.forecasts[0]?.label !== "2024-01") throw new Error("the forecast starts in January 2024");
if (!(forecast.forecasts[5]!.value > forecast.forecasts[0]!.value)) throw new Error("June should forecast above January");
if (bt === null || bt.mape === null || bt.mape > 0.1) throw new Error("the backtest MAPE should be under 10% on this regular series");
