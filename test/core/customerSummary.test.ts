import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/core/errors.js";
import {
  CustomerState,
  customerSummary,
  mergeCustomerState,
  resolveSummarySettings,
  scanTransactions,
  summaryRow,
  type CustomerSummaryRow,
} from "../../src/core/customerSummary.js";
import { formatIsoInstant as isoInstant } from "../../src/core/fastIso.js";
import type { Transaction } from "../../src/models/transaction.js";

const fixtures = join(__dirname, "..", "fixtures");

/** CDNOW_sample.txt as transactions; the id is the sample id (2nd column) without zeros. */
function readCdnow(): Transaction[] {
  const lines = readFileSync(join(fixtures, "CDNOW_sample.txt"), "utf8").trim().split("\n");
  return lines.map((line) => {
    const [, id, d, , v] = line.trim().split(/\s+/);
    return {
      customerId: String(Number(id)),
      occurredAt: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`,
      amount: Number(v),
    };
  });
}

function readCsv(name: string): string[][] {
  return readFileSync(join(fixtures, name), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function byId(rows: readonly CustomerSummaryRow[]): Map<string, CustomerSummaryRow> {
  return new Map(rows.map((r) => [r.customerId, r]));
}

function expectError(f: () => unknown, code: string, path: string, message?: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CrmMetricsError);
    expect((e as CrmMetricsError).code).toBe(code);
    expect((e as CrmMetricsError).path).toBe(path);
    if (message) expect((e as CrmMetricsError).message).toMatch(message);
    return;
  }
  throw new Error("expected an error");
}

describe("customerSummary", () => {
  describe("on the CDNOW sample (Fader, Hardie & Lee 2005)", () => {
    const tx = readCdnow();
    const result = customerSummary(tx, { asOf: "1997-09-30", unit: "week" });
    const rows = byId(result.customers);

    it("rebuilds x, t_x, T and zbar of every customer to the printed precision", () => {
      const ref = readCsv("cdnow_customers_summary_with_transactions.csv");
      expect(ref.length).toBe(2357);
      expect(result.customers.length).toBe(2357);
      let checked = 0;
      for (const [id, x, tx_, T, zbar] of ref) {
        const row = rows.get(id!);
        expect(row, `customer ${id}`).toBeDefined();
        expect(row!.frequency).toBe(Number(x));
        // printed with two decimals: within half a unit of the last digit
        expect(Math.abs(row!.recency - Number(tx_))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(row!.T - Number(T))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(row!.monetaryValue - Number(zbar))).toBeLessThanOrEqual(0.005 + 1e-9);
        checked++;
      }
      expect(checked).toBe(2357);
    });

    it("agrees with the summary without spend as well", () => {
      const ref = readCsv("cdnow_customers_summary.csv");
      for (const [id, x, tx_, T] of ref) {
        const row = rows.get(id!)!;
        expect(row.frequency).toBe(Number(x));
        expect(Math.abs(row.recency - Number(tx_))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(row.T - Number(T))).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    });

    it("counts the holdout transactions as excluded and reports the observation end", () => {
      expect(result.transactions).toBe(6919);
      expect(result.excluded.afterAsOf).toBe(6919 - result.customers.reduce((s, r) => s + r.orders, 0));
      expect(result.excluded.customersAfterAsOf).toBe(0);
      expect(result.asOf).toBe("1997-09-30T00:00:00.000Z");
      expect(result.asOfPeriodStart).toBe("1997-09-30T00:00:00.000Z");
      // customer 1: 1997-01-01, 01-18, 08-02 (12-12 is after the calibration end)
      const one = rows.get("1")!;
      expect(one.orders).toBe(3);
      expect(one.totalSpend).toBe(74.02);
      expect(one.monetaryValue).toBeCloseTo((29.73 + 14.96) / 2, 12);
      expect(one.recency).toBeCloseTo(213 / 7, 12);
      expect(one.T).toBeCloseTo(272 / 7, 12);
      expect(one.firstPurchaseAt).toBe("1997-01-01T00:00:00.000Z");
      expect(one.lastPurchaseAt).toBe("1997-08-02T00:00:00.000Z");
    });

    it("totals the whole log exactly in cents", () => {
      const all = customerSummary(tx);
      const cents = tx.reduce((s, t) => s + Math.round(Number(t.amount) * 100), 0);
      const total = all.customers.reduce((s, r) => s + Math.round(r.totalSpend * 100), 0);
      expect(total).toBe(cents);
      expect(all.asOf).toBe("1998-06-30T00:00:00.000Z");
    });
  });

  describe("hand-computed cases", () => {
    const log: Transaction[] = [
      { customerId: "a", occurredAt: "2024-01-01T09:00:00Z", amount: 10 },
      { customerId: "a", occurredAt: "2024-01-01T18:30:00Z", amount: 5 },
      { customerId: "a", occurredAt: "2024-01-08", amount: 30 },
      { customerId: "a", occurredAt: "2024-01-15", amount: 20 },
      { customerId: "b", occurredAt: "2024-01-10", amount: 7.5 },
      { customerId: "c", occurredAt: "2024-02-10", amount: 99 },
    ];

    it("merges same-day purchases and measures from period starts in days", () => {
      const r = customerSummary(log, { asOf: "2024-01-29T12:00:00Z" });
      expect(r.customers.map((c) => c.customerId)).toEqual(["a", "b"]);
      const [a, b] = r.customers;
      expect(a).toEqual({
        customerId: "a",
        frequency: 2,
        recency: 14,
        T: 28,
        monetaryValue: 25,
        firstPurchaseAt: "2024-01-01T09:00:00.000Z",
        lastPurchaseAt: "2024-01-15T00:00:00.000Z",
        orders: 4,
        refunds: 0,
        totalSpend: 65,
      });
      expect(b).toMatchObject({ frequency: 0, recency: 0, T: 19, monetaryValue: 0, totalSpend: 7.5 });
      expect(r.excluded).toEqual({
        afterAsOf: 1,
        customersAfterAsOf: 1,
        ignoredRefunds: 0,
        customersWithoutPurchase: 0,
        unmatchedRefunds: 0,
      });
      expect(r.asOf).toBe("2024-01-29T12:00:00.000Z");
      expect(r.asOfPeriodStart).toBe("2024-01-29T00:00:00.000Z");
    });

    it("defaults asOf to the latest transaction", () => {
      const r = customerSummary(log);
      expect(r.asOf).toBe("2024-02-10T00:00:00.000Z");
      expect(byId(r.customers).get("c")).toMatchObject({ frequency: 0, T: 0, recency: 0 });
      expect(byId(r.customers).get("a")!.T).toBe(40);
    });

    it("offers weeks, hours and calendar periods as units", () => {
      const weeks = customerSummary(log, { asOf: "2024-01-29", unit: "week" }).customers[0]!;
      expect(weeks.recency).toBe(2);
      expect(weeks.T).toBe(4);
      const hours = customerSummary(log, { asOf: "2024-01-29", unit: "hour" }).customers[0]!;
      expect(hours.recency).toBe(14 * 24);
      const weekly = customerSummary(log, { asOf: "2024-01-29", period: "week", unit: "period" }).customers[0]!;
      // ISO weeks starting Monday 2024-01-01, 01-08, 01-15; asOf week starts 01-29
      expect(weekly).toMatchObject({ frequency: 2, recency: 2, T: 4 });
      const monthly = customerSummary(log, { period: "month", unit: "period" });
      expect(byId(monthly.customers).get("a")).toMatchObject({ frequency: 0, recency: 0, T: 1, monetaryValue: 0 });
      const quarterly = customerSummary(
        [
          { customerId: "q", occurredAt: "2024-01-05", amount: 1 },
          { customerId: "q", occurredAt: "2024-08-05", amount: 2 },
        ],
        { period: "quarter", unit: "period", asOf: "2025-02-01" },
      ).customers[0]!;
      expect(quarterly).toMatchObject({ frequency: 1, recency: 2, T: 4, monetaryValue: 2 });
      const yearly = customerSummary(
        [
          { customerId: "y", occurredAt: "2022-12-31", amount: 1 },
          { customerId: "y", occurredAt: "2024-01-01", amount: 2 },
        ],
        { period: "year", unit: "period" },
      ).customers[0]!;
      expect(yearly).toMatchObject({ frequency: 1, recency: 2, T: 2 });
      const weekDays = customerSummary(log, { asOf: "2024-01-29", period: "week", unit: "day", weekStartsOn: 0 });
      // Sunday weeks: 2023-12-31, 2024-01-07, 2024-01-14; asOf week 2024-01-28
      expect(weekDays.customers[0]).toMatchObject({ recency: 14, T: 28 });
    });

    it("can include the first purchase like lifetimes' include_first_transaction", () => {
      const r = customerSummary(log, { asOf: "2024-01-29", includeFirstPurchase: true }).customers[0]!;
      expect(r.frequency).toBe(3);
      expect(r.monetaryValue).toBeCloseTo(65 / 3, 12);
    });

    it("returns an empty summary for empty input", () => {
      const r = customerSummary([]);
      expect(r.customers).toEqual([]);
      expect(r.transactions).toBe(0);
      expect(r.asOf).toBeNull();
      expect(r.asOfPeriodStart).toBeNull();
      const withAsOf = customerSummary([], { asOf: "2024-01-01" });
      expect(withAsOf.asOf).toBe("2024-01-01T00:00:00.000Z");
    });

    it("summarises a single record", () => {
      const r = customerSummary([{ customerId: 7, occurredAt: 0, amount: "12.50" }]);
      expect(r.customers).toEqual([
        {
          customerId: "7",
          frequency: 0,
          recency: 0,
          T: 0,
          monetaryValue: 0,
          firstPurchaseAt: "1970-01-01T00:00:00.000Z",
          lastPurchaseAt: "1970-01-01T00:00:00.000Z",
          orders: 1,
          refunds: 0,
          totalSpend: 12.5,
        },
      ]);
    });

    it("accepts Date objects, epoch milliseconds, offsets and iterables", () => {
      const t0 = Date.UTC(2024, 0, 1, 12);
      const input = new Set<Transaction>([
        { customerId: "x", occurredAt: new Date(t0), amount: 1 },
        { customerId: "x", occurredAt: t0 + 2 * 86_400_000, amount: 2 },
        { customerId: "x", occurredAt: "2024-01-05T23:30:00-02:00", amount: 3 },
        { customerId: "x", occurredAt: "2024-01-07T10:00:00.250Z", amount: 4 },
        { customerId: "x", occurredAt: "2024-01-08T10:00", amount: 5 },
      ]);
      const r = customerSummary(input).customers[0]!;
      // days 01-01, 01-03, 01-06 (01:30Z), 01-07, 01-08
      expect(r.frequency).toBe(4);
      expect(r.recency).toBe(7);
      expect(r.lastPurchaseAt).toBe("2024-01-08T10:00:00.000Z");
      expect(r.monetaryValue).toBeCloseTo(14 / 4, 12);
    });

    it("formats purchase instants like Date#toISOString, also for odd epoch values", () => {
      for (const ms of [0, -1, 1.5, -86_400_001, 951_782_400_000, 253_402_300_799_999, -62_167_219_200_001, 8.64e15]) {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }
      const r = customerSummary([{ customerId: "f", occurredAt: 1.5, amount: 1 }]);
      expect(r.customers[0]!.firstPurchaseAt).toBe("1970-01-01T00:00:00.001Z");
      fc.assert(
        fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
          expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
        }),
        { seed: 42, numRuns: 500 },
      );
    });

    it("keeps ids such as __proto__ and constructor apart", () => {
      const r = customerSummary([
        { customerId: "__proto__", occurredAt: "2024-01-01", amount: 1 },
        { customerId: "constructor", occurredAt: "2024-01-02", amount: 2 },
        { customerId: "__proto__", occurredAt: "2024-01-03", amount: 3 },
        { customerId: "toString", occurredAt: "2024-01-03", amount: 4 },
      ]);
      expect(r.customers.map((c) => [c.customerId, c.frequency, c.totalSpend])).toEqual([
        ["__proto__", 1, 4],
        ["constructor", 0, 2],
        ["toString", 0, 4],
      ]);
    });

    it("sums money exactly", () => {
      const tx: Transaction[] = [];
      for (let i = 0; i < 1000; i++) tx.push({ customerId: "m", occurredAt: "2024-01-01", amount: 0.1 });
      tx.push({ customerId: "m", occurredAt: "2024-01-02", amount: 0.2 });
      tx.push({ customerId: "m", occurredAt: "2024-01-02", amount: 0.123456789 });
      tx.push({ customerId: "n", occurredAt: "2024-01-02", amount: 0.1 });
      tx.push({ customerId: "n", occurredAt: "2024-01-02", amount: 0.2 });
      const r = byId(customerSummary(tx).customers);
      expect(r.get("m")!.totalSpend).toBe(100.323456789);
      expect(r.get("m")!.monetaryValue).toBeCloseTo(0.323456789, 12);
      expect(r.get("n")!.totalSpend).toBe(0.3);
    });
  });

  describe("time zones and daylight saving", () => {
    it("reads calendar days in America/New_York across the March change", () => {
      const tx: Transaction[] = [
        { customerId: "ny", occurredAt: "2024-03-09T23:00:00-05:00", amount: 10 },
        { customerId: "ny", occurredAt: "2024-03-10T04:30:00Z", amount: 10 }, // 23:30 local on 03-09
        { customerId: "ny", occurredAt: "2024-03-11T01:00:00-04:00", amount: 10 },
        { customerId: "ny", occurredAt: "2024-03-12", amount: 10 }, // local midnight
      ];
      const r = customerSummary(tx, { timeZone: "America/New_York" });
      const row = r.customers[0]!;
      expect(row.frequency).toBe(2);
      expect(row.recency).toBe(3); // exactly 3 calendar days although one had 23 hours
      expect(row.T).toBe(3);
      expect(r.asOfPeriodStart).toBe("2024-03-12T04:00:00.000Z");
      // in UTC the first two fall on 03-10, so the span is one day shorter
      const utc = customerSummary(tx).customers[0]!;
      expect(utc).toMatchObject({ frequency: 2, recency: 2 });
    });

    it("reads calendar days in Europe/Berlin across the October change", () => {
      const tx: Transaction[] = [
        { customerId: "b", occurredAt: "2024-10-26T23:30:00+02:00", amount: 1 },
        { customerId: "b", occurredAt: "2024-10-27T23:30:00+01:00", amount: 1 },
        { customerId: "b", occurredAt: "2024-10-28T00:30:00+01:00", amount: 1 },
      ];
      const row = customerSummary(tx, { timeZone: "Europe/Berlin", unit: "hour" }).customers[0]!;
      expect(row.frequency).toBe(2);
      expect(row.recency).toBe(48);
      const weekly = customerSummary(tx, { timeZone: "Europe/Berlin", period: "week", unit: "period" }).customers[0]!;
      // Monday 2024-10-28 starts a new week in Berlin
      expect(weekly).toMatchObject({ frequency: 1, recency: 1 });
    });
  });

  describe("refunds", () => {
    const log: Transaction[] = [
      { customerId: "r", occurredAt: "2024-01-01", amount: 100 },
      { customerId: "r", occurredAt: "2024-01-05", amount: 40 },
      { customerId: "r", occurredAt: "2024-01-05", amount: -10 },
      { customerId: "r", occurredAt: "2024-01-09", amount: 25, type: "refund" },
      { customerId: "s", occurredAt: "2024-01-02", amount: -5 },
    ];

    it("nets refunds into their period by default without creating purchases", () => {
      const r = customerSummary(log);
      expect(r.customers.map((c) => c.customerId)).toEqual(["r"]);
      const row = r.customers[0]!;
      expect(row).toMatchObject({ frequency: 1, recency: 4, T: 8, monetaryValue: 30, orders: 2, refunds: 2, totalSpend: 105 });
      expect(row.lastPurchaseAt).toBe("2024-01-05T00:00:00.000Z");
      expect(r.excluded).toMatchObject({ customersWithoutPurchase: 1, unmatchedRefunds: 1, ignoredRefunds: 0 });
    });

    it("can ignore refunds", () => {
      const r = customerSummary(log, { refunds: "ignore" });
      expect(r.customers[0]).toMatchObject({ frequency: 1, monetaryValue: 40, refunds: 0, totalSpend: 140 });
      expect(r.excluded).toMatchObject({ ignoredRefunds: 3, customersWithoutPurchase: 0 });
    });

    it("can count refunds as transactions like lifetimes", () => {
      const r = byId(customerSummary(log, { refunds: "transaction" }).customers);
      expect(r.get("r")).toMatchObject({ frequency: 2, recency: 8, monetaryValue: (30 - 25) / 2, orders: 4, refunds: 0, totalSpend: 105 });
      expect(r.get("s")).toMatchObject({ frequency: 0, totalSpend: -5 });
    });
  });

  describe("validation", () => {
    it("names the bad record and field", () => {
      expectError(() => customerSummary([null as never]), "INVALID_INPUT", "transactions[0]");
      expectError(
        () => customerSummary([{ customerId: "", occurredAt: 0, amount: 1 }]),
        "INVALID_INPUT",
        "transactions[0].customerId",
      );
      expectError(
        () => customerSummary([{ customerId: Number.NaN, occurredAt: 0, amount: 1 }]),
        "INVALID_INPUT",
        "transactions[0].customerId",
      );
      const ok = { customerId: "a", occurredAt: "2024-01-01", amount: 1 };
      for (const bad of ["2024-02-30", "2024-13-01", "yesterday", "2024-01-01T25:00:00Z", "2024-01-01T10:61:00Z", "2024-01-01T10:00:00.5xZ"]) {
        expectError(
          () => customerSummary([ok, { customerId: "a", occurredAt: bad, amount: 1 }]),
          "INVALID_INPUT",
          "transactions[1].occurredAt",
          /^customerSummary: transactions\[1\]\.occurredAt must be a valid date/,
        );
      }
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN), null, true]) {
        expectError(() => customerSummary([{ ...ok, occurredAt: bad as never }]), "INVALID_INPUT", "transactions[0].occurredAt");
      }
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "ten", null, undefined]) {
        expectError(
          () => customerSummary([{ ...ok, amount: bad as never }]),
          "INVALID_INPUT",
          "transactions[0].amount",
          /must be a finite amount/,
        );
      }
      expectError(() => customerSummary([{ ...ok, type: "gift" as never }]), "INVALID_INPUT", "transactions[0].type");
      expectError(() => customerSummary(42 as never), "INVALID_INPUT", "transactions");
    });

    it("rejects bad options", () => {
      expectError(() => customerSummary([], { unit: "month" as never }), "INVALID_OPTION", "options.unit");
      expectError(() => customerSummary([], { period: "hour" as never }), "INVALID_OPTION", "options.period");
      expectError(() => customerSummary([], { refunds: "drop" as never }), "INVALID_OPTION", "options.refunds");
      expectError(() => customerSummary([], { asOf: "soon" }), "INVALID_OPTION", "options.asOf");
      expectError(() => customerSummary([], { timeZone: "Mars/Olympus" }), "INVALID_OPTION", "options.timeZone");
      expectError(() => customerSummary([], { includeFirstPurchase: 1 as never }), "INVALID_OPTION", "options.includeFirstPurchase");
      expectError(() => customerSummary([], "x" as never), "INVALID_OPTION", "options");
    });

    it("does not mutate its input", () => {
      const tx = deepFreeze([
        { customerId: "a", occurredAt: new Date(Date.UTC(2024, 0, 2)), amount: 3 },
        { customerId: "a", occurredAt: "2024-01-01", amount: 1 },
      ]);
      const before = JSON.stringify(tx);
      const r = customerSummary(tx);
      expect(r.customers[0]!.frequency).toBe(1);
      expect(JSON.stringify(tx)).toBe(before);
    });
  });

  describe("properties", () => {
    const record = fc.record({
      customerId: fc.constantFrom("a", "b", "__proto__", "constructor", 7),
      occurredAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 2, 31) }),
      amount: fc.integer({ min: -500, max: 5000 }).map((c) => c / 100),
    });

    it("does not depend on the order of the records", () => {
      fc.assert(
        fc.property(fc.array(record, { maxLength: 60 }), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (tx, stream) => {
          const shuffled = [...tx];
          const it = stream[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = Math.floor(it.next().value * (i + 1)) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const opts = { asOf: Date.UTC(2024, 2, 1), timeZone: "Europe/Berlin" };
          expect(customerSummary(shuffled, opts)).toEqual(customerSummary(tx, opts));
        }),
        { seed: 42, numRuns: 150 },
      );
    });

    it("keeps 0 <= recency <= T, frequency below the order count and totals exact", () => {
      fc.assert(
        fc.property(fc.array(record, { maxLength: 60 }), (tx) => {
          const r = customerSummary(tx, { refunds: "transaction" });
          let cents = 0;
          for (const row of r.customers) {
            expect(row.recency).toBeGreaterThanOrEqual(0);
            expect(row.recency).toBeLessThanOrEqual(row.T);
            expect(row.frequency).toBeLessThan(row.orders);
            expect(Number.isInteger(row.frequency)).toBe(true);
            if (row.frequency === 0) expect(row.monetaryValue).toBe(0);
            cents += Math.round(row.totalSpend * 100);
          }
          expect(cents).toBe(tx.reduce((s, t) => s + Math.round(t.amount * 100), 0));
          expect(JSON.parse(JSON.stringify(r))).toEqual(r);
        }),
        { seed: 42, numRuns: 150 },
      );
    });
  });
  describe("streaming and merging", () => {
    it("reads a lazy iterable without materialising it, and names bad records by position", () => {
      function* stream(): Generator<Transaction> {
        for (let i = 0; i < 1000; i++) yield { customerId: `c${i % 10}`, occurredAt: Date.UTC(2024, 0, 1 + (i % 50)), amount: 1 };
      }
      const r = customerSummary(stream());
      expect(r.transactions).toBe(1000);
      expect(r.customers).toHaveLength(10);
      expect(r.customers[0]).toMatchObject({ customerId: "c0", frequency: 4, orders: 100, totalSpend: 100 });
      function* bad(): Generator<unknown> {
        yield { customerId: "a", occurredAt: 0, amount: 1 };
        yield { customerId: "a", occurredAt: 0, amount: "x" };
      }
      expectError(() => customerSummary(bad() as never), "INVALID_INPUT", "transactions[1].amount");
    });

    it("merges per-customer states of any chunking into the single-pass state (property)", () => {
      const settings = resolveSummarySettings("customerSummary", { refunds: "net" });
      const record = fc.record({
        customerId: fc.constantFrom("a", "b", "__proto__"),
        occurredAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 1, 28) }),
        amount: fc.oneof(fc.integer({ min: -500, max: 5000 }).map((c) => c / 100), fc.constant(0.123456)),
      });
      fc.assert(
        fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 4 }), (tx, cuts) => {
          const asOf = Date.UTC(2024, 1, 1);
          const holdoutEnd = Date.UTC(2024, 2, 1);
          const whole = scanTransactions(settings, tx, asOf, holdoutEnd);
          const bounds = [...new Set(cuts.map((c) => c % (tx.length + 1)))].sort((x, y) => x - y);
          const chunks: Transaction[][] = [];
          let from = 0;
          for (const b of [...bounds, tx.length]) {
            chunks.push(tx.slice(from, b));
            from = b;
          }
          // merge the chunks in reverse order to show the order does not matter
          const merged = new Map<string, CustomerState>();
          for (const chunk of chunks.reverse()) {
            for (const [id, st] of scanTransactions(settings, chunk, asOf, holdoutEnd).states) {
              const have = merged.get(id);
              merged.set(id, have === undefined ? st : mergeCustomerState(have, st));
            }
          }
          expect([...merged.keys()].sort()).toEqual([...whole.states.keys()].sort());
          for (const [id, st] of whole.states) {
            const m = merged.get(id)!;
            expect(summaryRow(id, m, whole.asOfKey, settings)).toEqual(summaryRow(id, st, whole.asOfKey, settings));
            expect(m.holdout ?? []).toEqual(st.holdout ?? []);
          }
        }),
        { seed: 42, numRuns: 150 },
      );
    });
  });
});
