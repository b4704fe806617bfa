// Hand-written JavaScript passes for `npm run bench`: what a plain loop over the same
// in-memory records costs when it computes the same result with none of the library's
// guarantees (no validation, no exact money, no time zones, no out-of-order records: the
// synthetic logs are sorted by time, and these loops rely on it). They put the DuckDB ratios
// in proportion: the library cannot read JavaScript objects faster than a loop that only
// reads them. Each returns rows like the library's, so the comparison includes building them.
import type { Interaction, Transaction } from "../src/index.js";

const DAY = 86_400_000;

interface SummaryAcc {
  firstDay: number;
  lastDay: number;
  periods: number;
  openValue: number;
  rest: number;
  total: number;
  orders: number;
  firstAt: number;
  lastAt: number;
}

/** Customer summary (daily periods, days, refunds as purchases): one Map pass, rows sorted by id. */
export function customerSummaryFloor(transactions: readonly Transaction[], asOfIso: string): unknown[] {
  const asOfDay = Math.floor(Date.parse(asOfIso) / DAY);
  const byId = new Map<string, SummaryAcc>();
  for (const t of transactions) {
    const ms = Date.parse(t.occurredAt as string);
    const day = Math.floor(ms / DAY);
    if (day > asOfDay) continue;
    const amount = t.amount as number;
    const id = t.customerId as string;
    const c = byId.get(id);
    if (c === undefined) {
      byId.set(id, { firstDay: day, lastDay: day, periods: 1, openValue: amount, rest: 0, total: amount, orders: 1, firstAt: ms, lastAt: ms });
      continue;
    }
    if (day !== c.lastDay) {
      if (c.periods > 1) c.rest += c.openValue;
      c.periods++;
      c.lastDay = day;
      c.openValue = 0;
    }
    c.openValue += amount;
    c.total += amount;
    c.orders++;
    c.lastAt = ms;
  }
  const ids = [...byId.keys()].sort();
  return ids.map((id) => {
    const c = byId.get(id)!;
    const frequency = c.periods - 1;
    const rest = c.periods > 1 ? c.rest + c.openValue : 0;
    return {
      customerId: id,
      frequency,
      recency: c.lastDay - c.firstDay,
      T: asOfDay - c.firstDay,
      monetaryValue: frequency === 0 ? 0 : rest / frequency,
      firstPurchaseAt: new Date(c.firstAt).toISOString(),
      lastPurchaseAt: new Date(c.lastAt).toISOString(),
      orders: c.orders,
      totalSpend: c.total,
    };
  });
}

/** RFM quintiles (recency in days, order count, total spend), ties broken by id as in the SQL peer. */
export function rfmFloor(transactions: readonly Transaction[], asOfIso: string): unknown[] {
  const asOf = Date.parse(asOfIso);
  const byId = new Map<string, { last: number; orders: number; spend: number }>();
  for (const t of transactions) {
    const ms = Date.parse(t.occurredAt as string);
    const id = t.customerId as string;
    const c = byId.get(id);
    if (c === undefined) byId.set(id, { last: ms, orders: 1, spend: t.amount as number });
    else {
      if (ms > c.last) c.last = ms;
      c.orders++;
      c.spend += t.amount as number;
    }
  }
  const rows = [...byId].map(([id, c]) => ({ customerId: id, recency: Math.floor((asOf - c.last) / DAY), frequency: c.orders, monetary: c.spend, r: 0, f: 0, m: 0 }));
  const n = rows.length;
  const byId2 = (a: { customerId: string }, b: { customerId: string }): number => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
  const tile = (i: number): number => Math.floor((i * 5) / n) + 1;
  [...rows].sort((a, b) => b.recency - a.recency || byId2(a, b)).forEach((row, i) => (row.r = tile(i)));
  [...rows].sort((a, b) => a.frequency - b.frequency || byId2(a, b)).forEach((row, i) => (row.f = tile(i)));
  [...rows].sort((a, b) => a.monetary - b.monetary || byId2(a, b)).forEach((row, i) => (row.m = tile(i)));
  return rows;
}

/** Monthly n-period cohort counts: distinct customers active k months after their first month. */
export function cohortFloor(events: readonly Interaction[]): Map<string, number> {
  const months = new Map<string, Set<number>>();
  const first = new Map<string, number>();
  for (const e of events) {
    const d = new Date(e.occurredAt as string);
    const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const id = e.customerId as string;
    let set = months.get(id);
    if (set === undefined) {
      set = new Set();
      months.set(id, set);
      first.set(id, month);
    }
    set.add(month);
    if (month < first.get(id)!) first.set(id, month);
  }
  const counts = new Map<string, number>();
  for (const [id, set] of months) {
    const cohort = first.get(id)!;
    for (const m of set) {
      const key = `${cohort}:${m - cohort}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** First-attempt ordered funnel, window from the first step: customers reaching each step. */
export function funnelFloor(events: readonly Interaction[], steps: readonly string[], windowDays: number): number[] {
  const stepOf = new Map(steps.map((s, i) => [s, i]));
  const state = new Map<string, { step: number; t0: number; t: number }>();
  const reached = new Array<number>(steps.length).fill(0);
  const window = windowDays * DAY;
  for (const e of events) {
    const i = stepOf.get(e.type as string);
    if (i === undefined) continue;
    const t = Date.parse(e.occurredAt as string);
    const id = e.customerId as string;
    const s = state.get(id);
    if (s === undefined) {
      if (i === 0) {
        state.set(id, { step: 1, t0: t, t });
        reached[0]!++;
      }
      continue;
    }
    if (i === s.step && t >= s.t && t <= s.t0 + window) {
      s.step++;
      s.t = t;
      reached[i]!++;
    }
  }
  return reached;
}
