import { describe, expect, it } from "vitest";
import {
  CustomerState,
  mergeCustomerState,
  purchasePeriods,
  resolveSummarySettings,
  scanTransactions,
  summaryRow,
} from "../../src/core/customerSummary.js";
import type { Transaction } from "../../src/models/transaction.js";
import { expectCrmError } from "../support/errors.js";

/**
 * The per-customer state engine behind splitCalibrationHoldout and churnRisk
 * (scanTransactions, its sorted period lists, mergeCustomerState and summaryRow), with
 * hand-computed values. A period list holds [day * 2 + purchase flag, value * 10^4, ...].
 */

const DAY = 86_400_000;
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
const settings = resolveSummarySettings("customerSummary", {});

function expectError(f: () => unknown, path: string, message: string): void {
  expect(expectCrmError(f, "INVALID_INPUT", path).message).toBe(message);
}

describe("scanTransactions", () => {
  it("names the bad record and field in the house format", () => {
    const scan = (tx: unknown): unknown => scanTransactions(settings, tx as Transaction[], undefined);
    const ok = { customerId: "a", occurredAt: "2024-01-01", amount: 1 };
    expectError(() => scan(42), "transactions", "customerSummary: transactions must be an array or iterable of records, got 42");
    expectError(() => scan([ok, null]), "transactions[1]", "customerSummary: transactions[1] must be a transaction object, got null");
    const idRule = "must be a non-empty string or a finite number";
    expectError(() => scan([{ ...ok, customerId: "" }]), "transactions[0].customerId", `customerSummary: transactions[0].customerId ${idRule}, got ""`);
    expectError(() => scan([{ ...ok, customerId: Number.NaN }]), "transactions[0].customerId", `customerSummary: transactions[0].customerId ${idRule}, got NaN`);
    for (const bad of [null, ["a"], { length: 1 }]) {
      expect(() => scan([{ ...ok, customerId: bad }])).toThrow(/^customerSummary: transactions\[0\]\.customerId must be a non-empty string or a finite number, got /);
    }
    expectError(
      () => scan([{ ...ok, occurredAt: "yesterday" }]),
      "transactions[0].occurredAt",
      'customerSummary: transactions[0].occurredAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "yesterday"',
    );
    expectError(
      () => scan([{ ...ok, amount: Number.NaN }]),
      "transactions[0].amount",
      "customerSummary: transactions[0].amount must be a finite amount (number, decimal string or Decimal), got NaN",
    );
    expectError(
      () => scan([{ ...ok, type: "gift" }]),
      "transactions[0].type",
      'customerSummary: transactions[0].type must be "purchase" or "refund", got "gift"',
    );
  });

  it("keeps each customer's periods sorted, merging same-day amounts, whatever the reading order", () => {
    const tx: Transaction[] = [
      { customerId: "p", occurredAt: "2024-01-10", amount: 10 },
      { customerId: "p", occurredAt: "2024-01-03", amount: 5 }, // before every period
      { customerId: "p", occurredAt: "2024-01-06", amount: 2 }, // between two periods
      { customerId: "p", occurredAt: "2024-01-03T15:00:00Z", amount: 1 }, // into an earlier period
      { customerId: "p", occurredAt: "2024-01-01", amount: 4, type: "refund" }, // a refund-only period first
      { customerId: "p", occurredAt: "2024-01-01", amount: -3 }, // a second refund does not make it a purchase
    ];
    const scan = scanTransactions(settings, tx, undefined);
    const st = scan.states.get("p")!;
    expect(st.periods).toEqual([
      utcDay(2024, 1, 1) * 2, -70_000,
      utcDay(2024, 1, 3) * 2 + 1, 60_000,
      utcDay(2024, 1, 6) * 2 + 1, 20_000,
      utcDay(2024, 1, 10) * 2 + 1, 100_000,
    ]);
    // purchase periods 01-03 (6), 01-06 (2), 01-10 (10); T runs to the latest record, 01-10
    expect(summaryRow("p", st, scan.asOfKey, settings)).toEqual({
      customerId: "p",
      frequency: 2,
      recency: 7,
      T: 7,
      monetaryValue: 6,
      firstPurchaseAt: "2024-01-03T00:00:00.000Z",
      lastPurchaseAt: "2024-01-10T00:00:00.000Z",
      orders: 4,
      refunds: 2,
      totalSpend: 11,
    });
  });

  it("inserts periods before 1970 (negative day numbers) in order", () => {
    const tx: Transaction[] = [
      { customerId: "old", occurredAt: "1969-12-30", amount: 2 },
      { customerId: "old", occurredAt: "1969-12-28", amount: 1 },
    ];
    const scan = scanTransactions(settings, tx, undefined);
    const st = scan.states.get("old")!;
    expect(st.periods).toEqual([-4 * 2 + 1, 10_000, -2 * 2 + 1, 20_000]);
    expect(summaryRow("old", st, scan.asOfKey, settings)).toMatchObject({ frequency: 1, recency: 2, T: 2, monetaryValue: 2, totalSpend: 3 });
    // day 0 (1970-01-01) inserted before a later period: the search stops at i = -2, not at a period of day 0
    const epoch = scanTransactions(settings, [
      { customerId: "e", occurredAt: "1970-01-03", amount: 3 },
      { customerId: "e", occurredAt: "1970-01-01", amount: 1 },
    ], undefined);
    expect(epoch.states.get("e")!.periods).toEqual([0 * 2 + 1, 10_000, 2 * 2 + 1, 30_000]);
  });

  it("counts a zero amount as a purchase and a zero refund as a refund, both stored as +0", () => {
    const tx: Transaction[] = [
      { customerId: "z", occurredAt: "2024-01-01", amount: 0 },
      { customerId: "z", occurredAt: "2024-01-03", amount: 8 },
      { customerId: "z", occurredAt: "2024-01-05", amount: 0, type: "refund" },
      { customerId: "z", occurredAt: "2024-01-07", amount: -0 },
    ];
    const scan = scanTransactions(settings, tx, undefined);
    const st = scan.states.get("z")!;
    expect(st.periods).toEqual([
      utcDay(2024, 1, 1) * 2 + 1, 0,
      utcDay(2024, 1, 3) * 2 + 1, 80_000,
      utcDay(2024, 1, 5) * 2, 0,
      utcDay(2024, 1, 7) * 2 + 1, 0,
    ]);
    // purchase periods 01-01 (0), 01-03 (8), 01-07 (0): two repeats worth 8 together
    expect(summaryRow("z", st, scan.asOfKey, settings)).toMatchObject({ frequency: 2, recency: 6, T: 6, monetaryValue: 4, orders: 3, refunds: 1, totalSpend: 8 });
  });

  it("reads any iterable, and reports NaN for the observation end of an empty log", () => {
    const set = new Set<Transaction>([
      { customerId: 7, occurredAt: Date.UTC(2024, 0, 1), amount: 3 },
      { customerId: 7, occurredAt: new Date(Date.UTC(2024, 0, 4, 12)), amount: 4 },
    ]);
    const scan = scanTransactions(settings, set, undefined);
    expect(scan.transactions).toBe(2);
    expect(scan.asOfMs).toBe(Date.UTC(2024, 0, 4, 12));
    expect(summaryRow("7", scan.states.get("7")!, scan.asOfKey, settings)).toMatchObject({ frequency: 1, recency: 3, T: 3, monetaryValue: 4, totalSpend: 7 });
    expect(() => scanTransactions(settings, new Set([null]) as never, undefined)).toThrow("customerSummary: transactions[0] must be a transaction object, got null");
    const empty = scanTransactions(settings, [], undefined);
    expect(empty.transactions).toBe(0);
    expect(empty.asOfMs).toBeNaN();
    expect(empty.asOfKey).toBeNaN();
    expect(empty.latestMs).toBeNaN();
  });

  it("keeps holdout periods up to the period of the holdout end, in the local calendar", () => {
    const ny = resolveSummarySettings("splitCalibrationHoldout", { timeZone: "America/New_York" });
    const tx: Transaction[] = [
      { customerId: "h", occurredAt: "2024-01-15T12:00:00Z", amount: 10 },
      { customerId: "h", occurredAt: "2024-02-29T23:00:00Z", amount: 5 }, // 18:00 on 02-29 in New York
      { customerId: "h", occurredAt: "2024-03-01T03:00:00Z", amount: 7 }, // 22:00 on 02-29: the holdout end's day
      { customerId: "h", occurredAt: "2024-03-01T12:00:00Z", amount: 1 }, // 07:00 on 03-01: after it
      { customerId: "z", occurredAt: "2024-02-10T12:00:00Z", amount: 2 }, // only holdout ...
      { customerId: "z", occurredAt: "2024-03-05T12:00:00Z", amount: 2 }, // ... and later records
      { customerId: "y", occurredAt: "2024-03-05T12:00:00Z", amount: 2 }, // only later records
    ];
    // asOf is 19:00 on 01-31 in New York, the holdout end 21:00 on 02-29
    const scan = scanTransactions(ny, tx, Date.UTC(2024, 1, 1), Date.parse("2024-03-01T02:00:00Z"));
    const h = scan.states.get("h")!;
    expect(h.periods).toEqual([utcDay(2024, 1, 15) * 2 + 1, 100_000]);
    expect(h.holdout).toEqual([utcDay(2024, 2, 29) * 2 + 1, 120_000]);
    expect(scan.states.get("z")!.periods).toEqual([]);
    expect(scan.states.has("y")).toBe(false);
    expect(scan.afterAsOf).toBe(3);
    expect(scan.customersAfterAsOf).toBe(2);
    expect(scan.asOfKey).toBe(Date.UTC(2024, 0, 31));
  });
});

describe("summaryRow", () => {
  it("averages the repeat periods on their own, not all periods minus the first", () => {
    // 1.07 - 1 is 0.07000000000000006 in doubles; the repeat periods alone are the exact 700 ten-thousandths
    const scan = scanTransactions(settings, [
      { customerId: "r", occurredAt: "2024-01-01", amount: 1 },
      { customerId: "r", occurredAt: "2024-01-02", amount: 0.07 },
    ], undefined);
    expect(summaryRow("r", scan.states.get("r")!, scan.asOfKey, settings)).toMatchObject({ frequency: 1, monetaryValue: 0.07, totalSpend: 1.07 });
  });

  it("averages exact ten-thousandths and never returns -0 for a mean that underflows", () => {
    // 0.17 * 10^4 is 1700.0000000000002 in doubles; the periods hold the exact 1700, so the mean is 0.17
    const exact = scanTransactions(settings, [
      { customerId: "e", occurredAt: "2024-01-01", amount: 0 },
      { customerId: "e", occurredAt: "2024-01-02", amount: 0.17 },
      { customerId: "e", occurredAt: "2024-01-03", amount: 0.17 },
      { customerId: "e", occurredAt: "2024-01-04", amount: 0.17 },
    ], undefined);
    const e = summaryRow("e", exact.states.get("e")!, exact.asOfKey, settings)!;
    expect(e).toMatchObject({ frequency: 3, monetaryValue: 0.17, totalSpend: 0.51 });
    const all = resolveSummarySettings("customerSummary", { refunds: "transaction", includeFirstPurchase: true });
    const tiny = scanTransactions(all, [
      { customerId: "u", occurredAt: "2024-01-01", amount: -5e-324 },
      { customerId: "u", occurredAt: "2024-01-02", amount: 0 },
    ], undefined);
    const row = summaryRow("u", tiny.states.get("u")!, tiny.asOfKey, all)!;
    expect(row).toMatchObject({ frequency: 2, totalSpend: -5e-324 });
    // -5e-324 / 2 rounds to -0, reported as 0
    expect(Object.is(row.monetaryValue, 0)).toBe(true);
  });
});

describe("purchasePeriods", () => {
  it("gives NaN period starts and zero values for a list without a purchase period", () => {
    const none = { count: 0, firstKey: Number.NaN, lastKey: Number.NaN, value: 0, restValue: 0 };
    expect(purchasePeriods([])).toEqual(none);
    expect(purchasePeriods([utcDay(2024, 1, 2) * 2, -50_000])).toEqual(none);
  });

  it("sums the value of all purchase periods and of those after the first", () => {
    const list = [utcDay(2024, 1, 1) * 2, -10_000, utcDay(2024, 1, 2) * 2 + 1, 30_000, utcDay(2024, 1, 9) * 2 + 1, 25_000];
    expect(purchasePeriods(list)).toEqual({
      count: 2,
      firstKey: Date.UTC(2024, 0, 2),
      lastKey: Date.UTC(2024, 0, 9),
      value: 5.5,
      restValue: 2.5,
    });
  });
});

describe("mergeCustomerState", () => {
  it("adds counts and totals and keeps the earliest and latest purchase", () => {
    const chunk1: Transaction[] = [
      { customerId: "m", occurredAt: "2024-01-01", amount: 10 },
      { customerId: "m", occurredAt: "2024-01-02", amount: -3 },
    ];
    const chunk2: Transaction[] = [
      { customerId: "m", occurredAt: "2024-01-05", amount: 20 },
      { customerId: "m", occurredAt: "2024-01-06", amount: 1, type: "refund" },
      { customerId: "m", occurredAt: "2024-01-06", amount: -2 },
    ];
    const a = scanTransactions(settings, chunk2, undefined).states.get("m")!;
    const b = scanTransactions(settings, chunk1, undefined).states.get("m")!;
    const merged = mergeCustomerState(a, b);
    expect(merged).toBe(a);
    expect(merged).toMatchObject({ orders: 2, refunds: 3, firstAt: Date.UTC(2024, 0, 1), lastAt: Date.UTC(2024, 0, 5) });
    // purchase periods 01-01 (10 - 0) and 01-05 (20); T to 01-06
    expect(summaryRow("m", merged, Date.UTC(2024, 0, 6), settings)).toMatchObject({
      frequency: 1,
      recency: 4,
      T: 5,
      monetaryValue: 20,
      orders: 2,
      refunds: 3,
      totalSpend: 24,
    });
  });

  it("keeps totals exact when the merged scaled sums pass 2^52", () => {
    // 400000000000.0001 is 4000000000000001 ten-thousandths: two of them exceed 2^52, three 2^53
    const tx = (day: number): Transaction[] => [{ customerId: "big", occurredAt: Date.UTC(2024, 0, day), amount: 400_000_000_000.0001 }];
    const states = [1, 2, 3].map((d) => scanTransactions(settings, tx(d), undefined).states.get("big")!);
    const merged = mergeCustomerState(mergeCustomerState(states[0]!, states[1]!), states[2]!);
    // the exact sum 1200000000000.0003 as the nearest double (integer sums past 2^53 would give ...0005)
    expect(merged.total()).toBe(1_200_000_000_000.0003);
    expect(summaryRow("big", merged, Date.UTC(2024, 0, 3), settings)!.totalSpend).toBe(1_200_000_000_000.0003);
    const fresh = new CustomerState();
    expect(fresh.total()).toBe(0);
  });
});

describe("scanTransactions money", () => {
  it("keeps a customer's total exact when its scaled sum passes 2^52 in one pass", () => {
    const tx: Transaction[] = [];
    for (let d = 1; d <= 3; d++) {
      tx.push({ customerId: "four", occurredAt: Date.UTC(2024, 0, d), amount: 400_000_000_000.0001 });
      tx.push({ customerId: "five", occurredAt: Date.UTC(2024, 0, d), amount: 500_000_000_000.0001 });
    }
    const scan = scanTransactions(settings, tx, undefined);
    expect(scan.states.get("four")!.total()).toBe(1_200_000_000_000.0003);
    expect(scan.states.get("five")!.total()).toBe(1_500_000_000_000.0003);
  });
});
