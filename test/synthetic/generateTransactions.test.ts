import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerSummary } from "../../src/core/customerSummary.js";
import { CrmMetricsError } from "../../src/core/errors.js";
import { TransactionSchema } from "../../src/models/transaction.js";
import { generateTransactions } from "../../src/synthetic/generateTransactions.js";

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
