// The SQL of docs/scale.md, run in DuckDB on the same data as the library: the documented
// queries must give what customerSummary and cohortRetention give.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { cohortRetention, customerSummary, generateEvents, generateTransactions } from "../../src/index.js";
import type { Transaction } from "../../src/index.js";

const doc = readFileSync(join(__dirname, "..", "..", "docs", "scale.md"), "utf8");
function sqlBlock(name: string): string {
  const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.startsWith(`-- name: ${name}\n`));
  if (block === undefined) throw new Error(`docs/scale.md has no sql block named ${name}`);
  return block;
}

async function duck(): Promise<{ run(sql: string): Promise<Record<string, unknown>[]>; close(): void }> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  return {
    async run(sql) {
      return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

async function loadTransactions(db: Awaited<ReturnType<typeof duck>>, tx: readonly Transaction[]): Promise<void> {
  await db.run("create table transactions (customer_id varchar, occurred_at timestamp, amount decimal(18, 4), type varchar)");
  const values = tx.map((t) => `(${sqlString(String(t.customerId))}, timestamp ${sqlString(new Date(t.occurredAt as string).toISOString().replace("T", " ").replace("Z", ""))}, ${Number(t.amount)}, ${t.type === undefined ? "null" : sqlString(t.type)})`);
  for (let i = 0; i < values.length; i += 2000) await db.run(`insert into transactions values ${values.slice(i, i + 2000).join(",")}`);
}

describe("docs/scale.md warehouse SQL", () => {
  it("computes customerSummary in DuckDB, row for row", async () => {
    const tx = generateTransactions({ customers: 400, seed: 11, refundRate: 0.05 });
    const asOf = "2024-10-15T12:00:00.000Z";
    const db = await duck();
    try {
      await loadTransactions(db, tx);
      const sql = sqlBlock("customer-summary").replaceAll("$as_of", `timestamp ${sqlString(asOf.replace("T", " ").replace("Z", ""))}`);
      const rows = await db.run(sql);
      const ours = customerSummary(tx, { asOf, refunds: "ignore" }).customers;
      expect(rows.length).toBe(ours.length);
      expect(ours.length).toBeGreaterThan(200);
      ours.forEach((c, i) => {
        const r = rows[i]!;
        expect(r["customer_id"]).toBe(c.customerId);
        expect(Number(r["frequency"])).toBe(c.frequency);
        expect(Number(r["recency"])).toBe(c.recency);
        expect(Number(r["T"])).toBe(c.T);
        expect(Number(r["orders"])).toBe(c.orders);
        expect(Math.abs(Number(r["monetary_value"]) - c.monetaryValue)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.monetaryValue)));
        expect(Math.abs(Number(r["total_spend"]) - c.totalSpend)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.totalSpend)));
      });
    } finally {
      db.close();
    }
  }, 120_000);

  it("computes customerSummary with refunds netted (the default) in DuckDB, row for row", async () => {
    const tx: Transaction[] = [
      ...generateTransactions({ customers: 400, seed: 12, refundRate: 0.1 }),
      // refund forms the generator does not make: a positive amount of type refund, a negative
      // amount without type, a refund-only customer, a zero purchase, a refund before the first purchase
      { customerId: "zz-a", occurredAt: "2024-03-01T10:00:00.000Z", amount: 40 },
      { customerId: "zz-a", occurredAt: "2024-03-01T18:00:00.000Z", amount: 15, type: "refund" },
      { customerId: "zz-a", occurredAt: "2024-03-09T10:00:00.000Z", amount: -5 },
      { customerId: "zz-a", occurredAt: "2024-03-12T10:00:00.000Z", amount: 12.5 },
      { customerId: "zz-b", occurredAt: "2024-04-01T10:00:00.000Z", amount: -20 },
      { customerId: "zz-c", occurredAt: "2024-05-01T10:00:00.000Z", amount: 0 },
      { customerId: "zz-c", occurredAt: "2024-04-20T10:00:00.000Z", amount: 9, type: "refund" },
      { customerId: "zz-c", occurredAt: "2024-05-03T10:00:00.000Z", amount: 30, type: "purchase" },
    ];
    const asOf = "2024-10-15T12:00:00.000Z";
    const db = await duck();
    try {
      await loadTransactions(db, tx);
      const sql = sqlBlock("customer-summary-net").replaceAll("$as_of", `timestamp ${sqlString(asOf.replace("T", " ").replace("Z", ""))}`);
      const rows = await db.run(sql);
      const result = customerSummary(tx, { asOf });
      const ours = result.customers;
      expect(result.refunds).toBe("net");
      expect(result.excluded.customersWithoutPurchase).toBeGreaterThan(0);
      expect(ours.reduce((s, c) => s + c.refunds, 0)).toBeGreaterThan(20);
      expect(rows.length).toBe(ours.length);
      ours.forEach((c, i) => {
        const r = rows[i]!;
        expect(r["customer_id"]).toBe(c.customerId);
        expect(Number(r["frequency"])).toBe(c.frequency);
        expect(Number(r["recency"])).toBe(c.recency);
        expect(Number(r["T"])).toBe(c.T);
        expect(Number(r["orders"])).toBe(c.orders);
        expect(Number(r["refunds"])).toBe(c.refunds);
        expect(Math.abs(Number(r["monetary_value"]) - c.monetaryValue)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.monetaryValue)));
        expect(Math.abs(Number(r["total_spend"]) - c.totalSpend)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.totalSpend)));
      });
      const a = ours.find((c) => c.customerId === "zz-a")!;
      expect(a).toMatchObject({ frequency: 1, recency: 11, orders: 2, refunds: 2, monetaryValue: 12.5, totalSpend: 32.5 });
    } finally {
      db.close();
    }
  }, 120_000);

  it("computes the monthly n-period cohort counts in DuckDB", async () => {
    const events = generateEvents({ customers: 300, seed: 5, days: 120 });
    const db = await duck();
    try {
      await db.run("create table events (customer_id varchar, occurred_at timestamp)");
      const values = events.map((e) => `(${sqlString(String(e.customerId))}, timestamp ${sqlString(String(e.occurredAt).replace("T", " ").replace("Z", ""))})`);
      for (let i = 0; i < values.length; i += 2000) await db.run(`insert into events values ${values.slice(i, i + 2000).join(",")}`);
      const rows = await db.run(sqlBlock("cohort-counts"));
      const sqlCounts = new Map(rows.map((r) => [`${new Date(r["cohort"] as Date).toISOString().slice(0, 7)}/${Number(r["k"])}`, Number(r["customers"])]));
      const ours = cohortRetention(events, { period: "month", mode: "n-period" });
      let compared = 0;
      for (const cohort of ours.cohorts) {
        for (const cell of cohort.cells) {
          const key = `${cohort.label}/${cell.offset}`;
          expect(cell.count, key).toBe(sqlCounts.get(key) ?? 0);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(5);
      const total = [...sqlCounts.values()].reduce((a, b) => a + b, 0);
      const oursTotal = ours.cohorts.reduce((s, c) => s + c.cells.reduce((t, x) => t + x.count, 0), 0);
      expect(oursTotal).toBe(total);
    } finally {
      db.close();
    }
  }, 120_000);
});
