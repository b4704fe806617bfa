import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerSummary } from "../../src/core/customerSummary.js";
import { CrmMetricsError } from "../../src/core/errors.js";
import { TransactionSchema, type Transaction } from "../../src/models/transaction.js";
import { expectedPurchases } from "../../src/clv/expectedPurchases.js";
import type { PurchaseModelSpec } from "../../src/clv/types.js";
import { generateTransactions, type GenerateTransactionsOptions } from "../../src/synthetic/generateTransactions.js";
import { messageOf } from "../support/errors.js";
import { expectMean, expectOptionErrors, expectShare } from "./stats.js";

function expectOptionError(f: () => unknown, path: string): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CrmMetricsError);
  expect((error as CrmMetricsError).code).toBe("INVALID_OPTION");
  expect((error as CrmMetricsError).path).toBe(path);
}

describe("generateTransactions", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = generateTransactions({ customers: 200, seed: 5 });
    const b = generateTransactions({ customers: 200, seed: 5 });
    const c = generateTransactions({ customers: 200, seed: 6 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("produces valid transactions in time order within [start, end)", () => {
    const log = generateTransactions({ customers: 300, seed: 1, start: "2023-01-01", end: "2023-07-01" });
    expect(log.length).toBeGreaterThan(300);
    let previous = "";
    for (const t of log) {
      expect(TransactionSchema.safeParse(t).success).toBe(true);
      const at = t.occurredAt as string;
      expect(at >= previous).toBe(true);
      expect(at >= "2023-01-01T00:00:00.000Z" && at < "2023-07-01T00:00:00.000Z").toBe(true);
      previous = at;
      if (t.type === "refund") expect(Number(t.amount)).toBeLessThan(0);
      else expect(Number(t.amount)).toBeGreaterThan(0);
      expect(Math.round(Number(t.amount) * 100) / 100).toBe(t.amount);
    }
    const ids = new Set(log.map((t) => t.customerId));
    expect(ids.size).toBe(300);
    expect(new Set(log.map((t) => t.id)).size).toBe(log.length);
  });

  it("follows its spend and refund parameters on average", () => {
    const log = generateTransactions({ customers: 4000, seed: 3 });
    const purchases = log.filter((t) => t.type === "purchase");
    const refunds = log.filter((t) => t.type === "refund");
    const mean = purchases.reduce((s, t) => s + Number(t.amount), 0) / purchases.length;
    // Gamma-Gamma mean p * gamma / (q - 1) = 6.25 * 15.44 / 2.74 = 35.2
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(41);
    const share = refunds.length / purchases.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.035);
    const categories = new Map<string, number>();
    for (const t of purchases) categories.set(t.category!, (categories.get(t.category!) ?? 0) + 1);
    expect(categories.get("books")!).toBeGreaterThan(categories.get("toys")!);
  });

  it("makes a single cohort with acquisition 'start' and heavier buyers with a higher rate", () => {
    const cohort = generateTransactions({ customers: 500, seed: 2, acquisition: "start", refundRate: 0, order: "customer" });
    const first = new Map<string, string>();
    for (const t of cohort) if (!first.has(t.customerId as string)) first.set(t.customerId as string, t.occurredAt as string);
    for (const at of first.values()) expect(at.startsWith("2024-01-01")).toBe(true);
    const slow = generateTransactions({ customers: 500, seed: 2, purchaseRate: { r: 0.9, alpha: 90 } });
    const fast = generateTransactions({ customers: 500, seed: 2, purchaseRate: { r: 0.9, alpha: 10 } });
    expect(fast.length).toBeGreaterThan(slow.length);
    const loyal = generateTransactions({ customers: 500, seed: 2, dropout: { a: 0.1, b: 20 } });
    expect(loyal.length).toBeGreaterThan(slow.length);
  });

  it("puts purchases in local daytime of the time zone and can return epoch milliseconds", () => {
    const log = generateTransactions({ customers: 200, seed: 4, timeZone: "America/New_York", dateFormat: "epoch", refundRate: 0 });
    const hour = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric", hourCycle: "h23" });
    for (const t of log) {
      expect(typeof t.occurredAt).toBe("number");
      const h = Number(hour.format(new Date(t.occurredAt as number)));
      expect(h).toBeGreaterThanOrEqual(8);
      expect(h).toBeLessThan(22);
    }
  });

  it("feeds customerSummary with one row per customer", () => {
    const log = generateTransactions({ customers: 100, seed: 9, currency: "EUR", categories: ["a"] });
    expect(log.every((t) => t.currency === "EUR" && t.category === "a")).toBe(true);
    const summary = customerSummary(log);
    expect(summary.customers.length).toBe(100);
    expect(summary.customers[0]!.customerId).toBe("c001");
  });

  it("returns an empty log for zero customers", () => {
    expect(generateTransactions({ customers: 0 })).toEqual([]);
  });

  it("rejects bad options", () => {
    expectOptionError(() => generateTransactions({ customers: -1 }), "options.customers");
    expectOptionError(() => generateTransactions({ customers: 1.5 }), "options.customers");
    expectOptionError(() => generateTransactions({ start: "2024-02-01", end: "2024-01-01" }), "options.end");
    expectOptionError(() => generateTransactions({ start: "nope" }), "options.start");
    expectOptionError(() => generateTransactions({ purchaseRate: { r: 0, alpha: 1 } }), "options.purchaseRate.r");
    expectOptionError(() => generateTransactions({ dropout: 3 as never }), "options.dropout");
    expectOptionError(() => generateTransactions({ refundRate: 2 }), "options.refundRate");
    expectOptionError(() => generateTransactions({ categories: [] }), "options.categories");
    expectOptionError(() => generateTransactions({ currency: "euro" }), "options.currency");
    expectOptionError(() => generateTransactions({ order: "random" as never }), "options.order");
    expectOptionError(() => generateTransactions({ timeZone: "Nowhere/Town" }), "options.timeZone");
  });

  it("keeps every purchase between start and end for any span and seed (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 400 }), (seed, days) => {
        const start = Date.UTC(2024, 0, 1);
        const end = start + days * 86_400_000;
        const log = generateTransactions({ customers: 20, seed, start, end, dateFormat: "epoch", order: "customer" });
        for (const t of log) {
          expect(t.occurredAt as number).toBeGreaterThanOrEqual(start);
          expect(t.occurredAt as number).toBeLessThan(end);
        }
        expect(new Set(log.map((t) => t.customerId)).size).toBe(20);
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

const DAY = 86_400_000;
const DEFAULT_CATEGORIES = ["books", "music", "electronics", "home", "toys"];

/** Each refund with the purchase it refunds: in "customer" order a refund directly follows its purchase. */
function refundPairs(log: readonly Transaction[]): { purchase: Transaction; refund: Transaction }[] {
  const pairs: { purchase: Transaction; refund: Transaction }[] = [];
  log.forEach((t, i) => {
    if (t.type === "refund") pairs.push({ purchase: log[i - 1]!, refund: t });
  });
  return pairs;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** Local calendar date (YYYY-MM-DD) and hour of day (with minutes) of an instant in a time zone. */
function localParts(ms: number, timeZone: string): { date: string; hour: number } {
  let f = formats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "numeric", minute: "numeric", hourCycle: "h23" });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) + Number(p.minute) / 60 };
}

const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / DAY;
const ms = (t: Transaction): number => (typeof t.occurredAt === "number" ? t.occurredAt : Date.parse(t.occurredAt as string));

describe("generateTransactions, record by record", () => {
  it("writes a small seeded log as when written, every record following the documented rules", () => {
    const log = generateTransactions({ customers: 3, seed: 1, refundRate: 1, order: "customer", start: "2024-03-01", end: "2024-05-01" });
    // Printed when written.
    expect(log).toEqual([
      { id: "t1", customerId: "c1", occurredAt: "2024-03-03T12:48:05.962Z", amount: 11.57, currency: "USD", type: "purchase", category: "music", quantity: 1 },
      { id: "t2", customerId: "c1", occurredAt: "2024-03-16T18:48:57.711Z", amount: -11.57, currency: "USD", type: "refund", category: "music", quantity: 1 },
      { id: "t3", customerId: "c2", occurredAt: "2024-03-09T12:30:28.248Z", amount: 14.86, currency: "USD", type: "purchase", category: "music", quantity: 1 },
      { id: "t4", customerId: "c2", occurredAt: "2024-03-11T18:35:40.758Z", amount: -5.94, currency: "USD", type: "refund", category: "music", quantity: 1 },
      { id: "t5", customerId: "c3", occurredAt: "2024-03-25T13:53:12.408Z", amount: 105.51, currency: "USD", type: "purchase", category: "books", quantity: 2 },
      { id: "t6", customerId: "c3", occurredAt: "2024-04-09T14:05:24.822Z", amount: -105.51, currency: "USD", type: "refund", category: "books", quantity: 2 },
      { id: "t7", customerId: "c3", occurredAt: "2024-04-25T15:35:35.779Z", amount: 127.56, currency: "USD", type: "purchase", category: "books", quantity: 2 },
    ]);
    // Why each is right: first purchases in the first half of the span (March), all in
    // 08:00-22:00 UTC; every purchase before the last is refunded (refundRate 1) 1 to 30 days
    // later, in full (same quantity) or by a share of 0.2 to 0.8 (quantity 1: 5.94 is 0.40 of 14.86);
    // the last purchase's refund would fall after `end` (May) and is dropped.
    for (const [i, c] of ["c1", "c2", "c3"].entries()) {
      const first = log.find((t) => t.customerId === c)!;
      expect(ms(first)).toBeLessThan(Date.UTC(2024, 2, 31, 12));
      expect(first.id).toBe(["t1", "t3", "t5"][i]);
    }
    for (const t of log) expect(localParts(ms(t), "UTC").hour).toBeGreaterThanOrEqual(8);
    for (const { purchase, refund } of refundPairs(log)) {
      const share = -Number(refund.amount) / Number(purchase.amount);
      expect(share === 1 || (share >= 0.2 - 0.001 && share <= 0.8 + 0.001)).toBe(true);
      expect(refund.quantity).toBe(share === 1 ? purchase.quantity : 1);
      const days = daysBetween((purchase.occurredAt as string).slice(0, 10), (refund.occurredAt as string).slice(0, 10));
      expect(days >= 1 && days <= 30).toBe(true);
    }
  });

  it("orders by time the records it groups by customer, keeping generation order for ties, and renumbers the ids", () => {
    // The second log has ties: first purchases drawn after 12:00 on its only day are put at end - 1 ms.
    for (const end of ["2024-03-01T00:00:00Z", "2024-01-01T12:00:00Z"]) {
      const options: GenerateTransactionsOptions = { customers: 300, seed: 8, refundRate: 0.2, end };
      const grouped = generateTransactions({ ...options, order: "customer" });
      const timed = generateTransactions(options);
      const sorted = grouped.map((t, i) => ({ t, i })).sort((a, b) => ms(a.t) - ms(b.t) || a.i - b.i);
      expect(timed.map(({ id: _id, ...rest }) => rest)).toEqual(sorted.map(({ t: { id: _id, ...rest } }) => rest));
      expect(timed.map((t) => t.id)).toEqual(grouped.map((t) => t.id));
      const customerOrder = grouped.map((t) => Number((t.customerId as string).slice(1)));
      expect(customerOrder).toEqual([...customerOrder].sort((a, b) => a - b));
    }
    const tied = generateTransactions({ customers: 300, seed: 8, end: "2024-01-01T12:00:00Z" }).filter((t) => t.occurredAt === "2024-01-01T11:59:59.999Z");
    expect(tied.length).toBeGreaterThan(100);
    const owners = tied.map((t) => Number((t.customerId as string).slice(1)));
    expect(owners).toEqual([...owners].sort((a, b) => a - b));
  });

  it("pads customer and transaction ids to the width of their counts", () => {
    const nine = generateTransactions({ customers: 9, seed: 2 });
    expect([...new Set(nine.map((t) => t.customerId))].sort()).toEqual(["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"]);
    const ten = generateTransactions({ customers: 10, seed: 2 });
    expect([...new Set(ten.map((t) => t.customerId))].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `c${String(i + 1).padStart(2, "0")}`));
    const width = String(ten.length).length;
    expect(ten.length).toBeGreaterThanOrEqual(10);
    expect(ten.map((t) => t.id)).toEqual(Array.from({ length: ten.length }, (_, i) => `t${String(i + 1).padStart(width, "0")}`));
    const one = generateTransactions({ customers: 1, seed: 3, end: "2024-01-02" });
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ id: "t1", customerId: "c1", type: "purchase" });
  });

  it("uses the documented defaults, and fills in a parameter left out of purchaseRate, dropout or spend", () => {
    const explicit: GenerateTransactionsOptions = {
      seed: 42,
      start: "2024-01-01T00:00:00Z",
      end: "2025-01-01T00:00:00Z",
      acquisition: "uniform",
      purchaseRate: { r: 0.9, alpha: 30 },
      dropout: { a: 0.8, b: 6 },
      spend: { p: 6.25, q: 3.74, gamma: 15.44 },
      refundRate: 0.03,
      categories: DEFAULT_CATEGORIES,
      timeZone: "UTC",
      dateFormat: "iso",
      order: "time",
      currency: "USD",
    };
    const log = generateTransactions({ customers: 40 });
    expect(log).toEqual(generateTransactions({ customers: 40, ...explicit }));
    expect(generateTransactions({ customers: 40, purchaseRate: { r: 0.9 } as never, dropout: { b: 6 } as never, spend: { q: 3.74 } as never })).toEqual(log);
    expect(generateTransactions({ customers: 40, spend: { p: 6.25, gamma: 15.44 } as never, purchaseRate: { alpha: 30 } as never })).toEqual(log);
    expect(new Set(generateTransactions({ refundRate: 0 }).map((t) => t.customerId)).size).toBe(1000);
  });

  it("writes epoch milliseconds for the same instants as the ISO strings", () => {
    const iso = generateTransactions({ customers: 30, seed: 6 });
    const epoch = generateTransactions({ customers: 30, seed: 6, dateFormat: "epoch" });
    expect(epoch.map((t) => t.occurredAt)).toEqual(iso.map((t) => Date.parse(t.occurredAt as string)));
  });
});

describe("generateTransactions, in distribution", () => {
  it.each([
    [{ r: 0.9, alpha: 30 }, { a: 0.8, b: 6 }, 11],
    [{ r: 2, alpha: 20 }, { a: 1.5, b: 3 }, 12],
  ])("makes as many repeat purchases as BG/NBD expects over the year (rate %o, dropout %o)", (purchaseRate, dropout, seed) => {
    // One cohort at the start, so each customer is observed for the 366 days of 2024 (less the
    // hours of the first day: a difference of about 0.01 purchases, far below the error).
    const n = 10_000;
    const log = generateTransactions({ customers: n, seed, acquisition: "start", refundRate: 0, order: "customer", purchaseRate, dropout });
    const counts = new Map<string, number>();
    for (const t of log) counts.set(t.customerId as string, (counts.get(t.customerId as string) ?? 0) + 1);
    expect(counts.size).toBe(n);
    const expected = expectedPurchases({ model: "bg-nbd", params: { ...purchaseRate, ...dropout } } as PurchaseModelSpec, 366);
    expectMean([...counts.values()].map((c) => c - 1), expected);
  });

  it("spreads first purchases uniformly over the first half of the span with acquisition 'uniform'", () => {
    const n = 4000;
    const log = generateTransactions({ customers: n, seed: 13, refundRate: 0, order: "customer" });
    const first = new Map<string, number>();
    for (const t of log) if (!first.has(t.customerId as string)) first.set(t.customerId as string, ms(t));
    const days = [...first.values()].map((t) => (t - Date.UTC(2024, 0, 1)) / DAY);
    // Uniform on [0, 183) days, then moved to a daytime hour of the same day (mean 15:00, +0.6 day).
    expectMean(days, 183 / 2 + 15 / 24 - 0.5);
    expect(Math.max(...days)).toBeLessThan(184);
    expect(Math.max(...days)).toBeGreaterThan(180);
    expect(Math.min(...days)).toBeLessThan(2);
  });

  it("draws each customer's first amount with the Gamma-Gamma mean p gamma / (q - 1), rounded to cents and at least 0.01", () => {
    const firstAmounts = (options: GenerateTransactionsOptions): number[] => {
      const seen = new Set<string>();
      const out: number[] = [];
      for (const t of generateTransactions({ ...options, customers: 8000, refundRate: 0, order: "customer", end: "2024-02-01" })) {
        if (!seen.has(t.customerId as string)) out.push(Number(t.amount));
        seen.add(t.customerId as string);
      }
      return out;
    };
    expectMean(firstAmounts({ seed: 14 }), (6.25 * 15.44) / 2.74);
    const custom = firstAmounts({ seed: 15, spend: { p: 2, q: 5, gamma: 40 } });
    expectMean(custom, (2 * 40) / 4);
    expect(custom.every((a) => Math.round(a * 100) / 100 === a && a >= 0.01)).toBe(true);
    const tiny = firstAmounts({ seed: 16, spend: { p: 0.05, q: 50, gamma: 1 } });
    expect(tiny.filter((a) => a === 0.01).length).toBeGreaterThan(7000);
    expect(tiny.every((a) => a >= 0.01)).toBe(true);
  });

  it("refunds refundRate of the purchases, 60 % in full, the rest 20 % to 80 %, 1 to 30 days later in the same category", () => {
    const log = generateTransactions({ customers: 3000, seed: 17, refundRate: 0.2, order: "customer" });
    const pairs = refundPairs(log);
    expect(pairs.every(({ purchase }) => purchase.type === "purchase")).toBe(true);
    // Purchases more than 31 days before the end cannot lose their refund to the end.
    const early = log.filter((t) => t.type === "purchase" && ms(t) < Date.UTC(2024, 11, 1));
    const earlyRefunds = pairs.filter(({ purchase }) => ms(purchase) < Date.UTC(2024, 11, 1));
    expectShare(earlyRefunds.length, early.length, 0.2);
    const shares = pairs.map(({ purchase, refund }) => -Number(refund.amount) / Number(purchase.amount));
    const full = shares.filter((s) => s === 1).length;
    expectShare(full, pairs.length, 0.6);
    const partial = shares.filter((s) => s !== 1);
    expect(partial.every((s) => s > 0.19 && s < 0.81)).toBe(true);
    expectMean(partial, 0.5);
    for (const { purchase, refund } of pairs) {
      expect(refund.category).toBe(purchase.category);
      expect(refund.customerId).toBe(purchase.customerId);
      expect(refund.quantity).toBe(-Number(refund.amount) === Number(purchase.amount) ? purchase.quantity : 1);
      expect(Math.round(Number(refund.amount) * 100) / 100).toBe(refund.amount);
    }
    const lags = pairs.map(({ purchase, refund }) => daysBetween((purchase.occurredAt as string).slice(0, 10), (refund.occurredAt as string).slice(0, 10)));
    expect(Math.min(...lags)).toBe(1);
    expect(Math.max(...lags)).toBe(30);
    expectMean(lags.filter((_, i) => ms(pairs[i]!.purchase) < Date.UTC(2024, 11, 1)), 15.5);
    expect(log.every((t) => ms(t) < Date.UTC(2025, 0, 1))).toBe(true);
  });

  it("refunds the default 3 % of purchases, and none with refundRate 0", () => {
    const log = generateTransactions({ customers: 6000, seed: 18, order: "customer", end: "2024-12-01" });
    const early = log.filter((t) => t.type === "purchase" && ms(t) < Date.UTC(2024, 9, 30));
    const refunds = refundPairs(log).filter(({ purchase }) => ms(purchase) < Date.UTC(2024, 9, 30));
    expectShare(refunds.length, early.length, 0.03);
    expect(generateTransactions({ customers: 500, seed: 18, refundRate: 0 }).some((t) => t.type === "refund")).toBe(false);
  });

  it("never refunds 0: a partial refund of a one-cent purchase is one cent", () => {
    const log = generateTransactions({ customers: 300, seed: 19, refundRate: 1, order: "customer", spend: { p: 0.05, q: 50, gamma: 1 } });
    const pairs = refundPairs(log);
    expect(pairs.filter(({ purchase, refund }) => purchase.amount === 0.01 && refund.quantity === 1 && refund.amount === -0.01).length).toBeGreaterThan(20);
    expect(pairs.every(({ refund }) => Number(refund.amount) <= -0.01)).toBe(true);
  });

  it("draws categories with the Zipf weights 1, 1/2, 1/3, ... of their position", () => {
    const shares = (categories: string[] | undefined, seed: number): void => {
      const purchases = generateTransactions({ customers: 3000, seed, refundRate: 0, order: "customer", ...(categories ? { categories } : {}) });
      const names = categories ?? DEFAULT_CATEGORIES;
      const total = names.reduce((s, _, k) => s + 1 / (k + 1), 0);
      names.forEach((name, k) => expectShare(purchases.filter((t) => t.category === name).length, purchases.length, 1 / (k + 1) / total));
      expect(purchases.every((t) => names.includes(t.category!))).toBe(true);
    };
    shares(undefined, 20);
    shares(["x", "y", "z"], 21);
  });

  it("draws quantities 1 + Poisson(0.4)", () => {
    const purchases = generateTransactions({ customers: 2000, seed: 22, refundRate: 0 });
    expectMean(purchases.map((t) => Number(t.quantity)), 1.4);
    expectShare(purchases.filter((t) => t.quantity === 1).length, purchases.length, Math.exp(-0.4));
  });

  it.each(["UTC", "Asia/Kolkata", "America/Los_Angeles"])("puts purchases uniformly in 08:00-22:00 local time in %s, refunds 1 to 30 local days later", (timeZone) => {
    // In Kolkata the default end (00:00 UTC) is 05:30 local: a repeat purchase drawn on the last
    // local day used to be moved to 05:29:59.999, outside daytime; now it ends the history.
    const log = generateTransactions({ customers: 1500, seed: 23, timeZone, refundRate: 0.3, order: "customer", dateFormat: "epoch" });
    const hours = log.map((t) => localParts(t.occurredAt as number, timeZone).hour);
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...hours)).toBeLessThan(22);
    expectMean(hours, 15);
    for (const { purchase, refund } of refundPairs(log)) {
      const lag = daysBetween(localParts(purchase.occurredAt as number, timeZone).date, localParts(refund.occurredAt as number, timeZone).date);
      expect(lag >= 1 && lag <= 30).toBe(true);
    }
  });

  it("takes the local day of a time zone: a cohort starting at 20:00 UTC buys on the next day in Kolkata, the same in Los Angeles", () => {
    // 2024-01-01T20:00Z is 01:30 on 2 January in Kolkata (UTC+5:30): the whole local daytime is after the start.
    const kolkata = generateTransactions({ customers: 200, seed: 24, timeZone: "Asia/Kolkata", acquisition: "start", start: "2024-01-01T20:00:00Z", order: "customer" });
    const firsts = kolkata.filter((t, i) => i === 0 || kolkata[i - 1]!.customerId !== t.customerId);
    expect(firsts).toHaveLength(200);
    for (const t of firsts) expect(localParts(ms(t), "Asia/Kolkata").date).toBe("2024-01-02");
    // It is 12:00 on 1 January in Los Angeles (UTC-8): local hours before noon are moved to the start.
    const la = generateTransactions({ customers: 1000, seed: 24, timeZone: "America/Los_Angeles", acquisition: "start", start: "2024-01-01T20:00:00Z", order: "customer", refundRate: 0 });
    const laFirsts = la.filter((t, i) => i === 0 || la[i - 1]!.customerId !== t.customerId);
    expectShare(laFirsts.filter((t) => t.occurredAt === "2024-01-01T20:00:00.000Z").length, 1000, 4 / 14);
    for (const t of laFirsts) expect(localParts(ms(t), "America/Los_Angeles").date).toBe("2024-01-01");
  });

  it("moves a first purchase drawn before the start to the start, and one after the end to just before it", () => {
    const cohort = generateTransactions({ customers: 2000, seed: 25, acquisition: "start", start: "2024-01-01T20:00:00Z", refundRate: 0, order: "customer" });
    const firsts = cohort.filter((t, i) => i === 0 || cohort[i - 1]!.customerId !== t.customerId);
    // Hours 08:00-20:00 of the 14 daytime hours are before the start.
    expectShare(firsts.filter((t) => t.occurredAt === "2024-01-01T20:00:00.000Z").length, 2000, 12 / 14);
    expect(cohort.every((t) => (t.occurredAt as string) >= "2024-01-01T20:00:00.000Z")).toBe(true);
    const short = generateTransactions({ customers: 2000, seed: 26, start: "2024-01-01T00:00:00Z", end: "2024-01-01T10:00:00Z", refundRate: 0 });
    // Every purchase falls on the only day; hours 10:00-22:00 of 14 are after the end.
    expectShare(short.filter((t) => t.occurredAt === "2024-01-01T09:59:59.999Z").length, short.length, 12 / 14);
    expect(short.every((t) => (t.occurredAt as string) < "2024-01-01T10:00:00.000Z" && (t.occurredAt as string) >= "2024-01-01T08:00:00.000Z")).toBe(true);
  });

  it("rejects each bad option with its path and rule", () => {
    const cases: [GenerateTransactionsOptions, string, string][] = [
      [{ customers: -1 }, "customers", "must be an integer >= 0 and <= 10000000, got -1"],
      [{ customers: 1.5 }, "customers", "must be an integer >= 0 and <= 10000000, got 1.5"],
      [{ customers: 10_000_001 }, "customers", "must be an integer >= 0 and <= 10000000, got 10000001"],
      [{ seed: 1.5 }, "seed", "must be an integer, got 1.5"],
      [{ start: "nope" }, "start", 'must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "nope"'],
      [{ end: "nope" }, "end", 'must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "nope"'],
      [{ start: "2024-02-01", end: "2024-01-01" }, "end", 'must be after options.start, got "2024-01-01"'],
      [{ start: "2024-01-01", end: "2024-01-01" }, "end", 'must be after options.start, got "2024-01-01"'],
      [{ start: "2025-06-01" }, "end", "must be after options.start, got undefined"],
      [{ acquisition: "later" as never }, "acquisition", 'must be one of "start", "uniform", got "later"'],
      [{ purchaseRate: 3 as never }, "purchaseRate", 'must be an object such as {"r":0.9,"alpha":30}, got 3'],
      [{ purchaseRate: null as never }, "purchaseRate", 'must be an object such as {"r":0.9,"alpha":30}, got null'],
      [{ purchaseRate: [1] as never }, "purchaseRate", 'must be an object such as {"r":0.9,"alpha":30}, got an array'],
      [{ purchaseRate: { r: 0, alpha: 1 } }, "purchaseRate.r", "must be a finite number > 0, got 0"],
      [{ purchaseRate: { r: 1, alpha: -1 } }, "purchaseRate.alpha", "must be a finite number > 0, got -1"],
      [{ dropout: "x" as never }, "dropout", 'must be an object such as {"a":0.8,"b":6}, got "x"'],
      [{ dropout: { a: 0, b: 1 } }, "dropout.a", "must be a finite number > 0, got 0"],
      [{ spend: 1 as never }, "spend", 'must be an object such as {"p":6.25,"q":3.74,"gamma":15.44}, got 1'],
      [{ spend: { p: 1, q: 1, gamma: 0 } }, "spend.gamma", "must be a finite number > 0, got 0"],
      [{ refundRate: -0.1 }, "refundRate", "must be a finite number >= 0 and <= 1, got -0.1"],
      [{ refundRate: 1.5 }, "refundRate", "must be a finite number >= 0 and <= 1, got 1.5"],
      [{ categories: [] }, "categories", "must be a non-empty array of strings, got an array"],
      [{ categories: "abc" as never }, "categories", 'must be a non-empty array of strings, got "abc"'],
      [{ categories: ["a", 1] as never }, "categories", "must be a non-empty array of strings, got an array"],
      [{ dateFormat: "unix" as never }, "dateFormat", 'must be one of "iso", "epoch", got "unix"'],
      [{ order: "random" as never }, "order", 'must be one of "time", "customer", got "random"'],
      [{ currency: "euro" }, "currency", 'must be an ISO 4217 code such as "USD", got "euro"'],
      [{ currency: "EURO" }, "currency", 'must be an ISO 4217 code such as "USD", got "EURO"'],
      [{ currency: 5 as never }, "currency", 'must be an ISO 4217 code such as "USD", got 5'],
      [{ timeZone: "Nowhere/Town" }, "timeZone", 'must be an IANA time zone name such as "Europe/Berlin", got "Nowhere/Town"'],
    ];
    expectOptionErrors("generateTransactions", (o) => generateTransactions({ customers: 1, ...o }), cases);
    expect(messageOf(() => generateTransactions(7 as never))).toBe("generateTransactions: options must be an object, got 7");
  });
});

describe("generateTransactions, seeded stream", () => {
  it("draws no refund coin with refundRate 0: a seeded log as when written", () => {
    const log = generateTransactions({ customers: 2, seed: 1, refundRate: 0, order: "customer" });
    // Printed when written: [occurredAt, amount, category, quantity]. The first purchase is the
    // same as with the default refund rate (t01 of seed 1); the later ones differ because no
    // refund coin is drawn after each purchase.
    expect(log.map((t) => [t.occurredAt, t.amount, t.category, t.quantity])).toEqual([
      ["2024-01-13T12:48:05.962Z", 11.57, "music", 1],
      ["2024-01-19T13:53:19.403Z", 25.13, "electronics", 2],
      ["2024-02-05T15:19:14.790Z", 36.73, "books", 1],
      ["2024-04-20T12:30:28.248Z", 8.08, "music", 1],
      ["2024-11-11T18:35:40.758Z", 20.24, "toys", 2],
      ["2024-11-22T20:31:25.969Z", 43.09, "home", 1],
      ["2024-03-20T11:52:14.884Z", 21.09, "music", 1],
      ["2024-04-05T16:21:07.133Z", 12.96, "electronics", 1],
      ["2024-04-26T10:16:07.475Z", 13.31, "books", 2],
      ["2024-05-18T11:24:45.870Z", 14.04, "toys", 1],
      ["2024-06-05T18:46:42.067Z", 13.4, "books", 1],
    ]);
    expect(log.map((t) => t.customerId)).toEqual(["c1", "c1", "c1", "c1", "c1", "c1", "c2", "c2", "c2", "c2", "c2"]);
    expect(log.every((t) => t.type === "purchase")).toBe(true);
    expect(generateTransactions({ customers: 2, seed: 1 })[0]).toMatchObject({ occurredAt: "2024-01-13T12:48:05.962Z", amount: 11.57 });
  });

  it("rejects a currency that only turns into a code as a string (an array, an object with toString)", () => {
    expectOptionErrors("generateTransactions", (o: GenerateTransactionsOptions) => generateTransactions({ customers: 1, ...o }), [
      [{ currency: ["EUR"] as never }, "currency", 'must be an ISO 4217 code such as "USD", got an array'],
      [{ currency: { toString: () => "EUR" } as never }, "currency", 'must be an ISO 4217 code such as "USD", got an object'],
    ]);
  });
});
