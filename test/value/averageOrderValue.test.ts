import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/models/transaction.js";
import { averageOrderValue } from "../../src/value/averageOrderValue.js";
import { checkRecordValidation, deepFreeze, expectCrmError } from "./helpers.js";

const log: Transaction[] = [
  { customerId: "a", occurredAt: "2024-01-03", amount: 40 },
  { customerId: "b", occurredAt: "2024-01-09", amount: "20.10" },
  { customerId: "a", occurredAt: "2024-02-01", amount: 30 },
  { customerId: "a", occurredAt: "2024-02-10", amount: -30 },
  { customerId: "c", occurredAt: "2024-03-31T23:30:00-04:00", amount: 9.9, type: "purchase" },
  { customerId: "c", occurredAt: "2024-04-02", amount: 5, type: "refund" },
];

describe("averageOrderValue", () => {
  it("divides the orders' revenue by the number of orders, refunds apart", () => {
    const r = averageOrderValue(log);
    expect(r).toEqual({
      averageOrderValue: 25,
      orders: 4,
      revenue: 100,
      grossRevenue: 100,
      refunds: 2,
      refundAmount: 35,
      customers: 3,
      refundRule: "ignore",
      periods: null,
    });
  });

  it("nets refunds with refunds: 'net'", () => {
    const r = averageOrderValue(log, { refunds: "net" });
    expect(r.revenue).toBe(65);
    expect(r.averageOrderValue).toBeCloseTo(16.25, 12);
  });

  it("breaks down by calendar period in the time zone", () => {
    const r = averageOrderValue(log, { period: "month", timeZone: "America/New_York" });
    expect(r.periods!.map((p) => [p.label, p.orders, p.revenue, p.averageOrderValue])).toEqual([
      ["2024-01", 2, 60.1, 30.05],
      ["2024-02", 1, 30, 30],
      ["2024-03", 1, 9.9, 9.9],
      ["2024-04", 0, 0, null],
    ]);
    expect(r.periods![0]!.periodStart).toBe("2024-01-01T05:00:00.000Z");
    const utc = averageOrderValue(log, { period: "month" });
    expect(utc.periods!.map((p) => p.label)).toEqual(["2024-01", "2024-02", "2024-04"]);
    expect(utc.periods![2]).toMatchObject({ orders: 1, revenue: 9.9 });
  });

  it("restricts to the half-open window [start, end)", () => {
    const r = averageOrderValue(log, { start: "2024-01-09", end: "2024-02-01" });
    expect(r).toMatchObject({ orders: 1, averageOrderValue: 20.1, customers: 1 });
  });

  it("returns null without orders and handles a single order", () => {
    expect(averageOrderValue([]).averageOrderValue).toBeNull();
    expect(averageOrderValue([{ customerId: "r", occurredAt: 0, amount: -5 }])).toMatchObject({
      averageOrderValue: null,
      orders: 0,
      refunds: 1,
      customers: 0,
    });
    expect(averageOrderValue([{ customerId: "__proto__", occurredAt: 0, amount: 0.3 }]).averageOrderValue).toBe(0.3);
  });

  it("counts duplicate records as separate orders (no hidden de-duplication)", () => {
    const dup = { customerId: "d", occurredAt: "2024-01-01", amount: 10, id: "t1" };
    expect(averageOrderValue([dup, dup, { ...dup, amount: 40 }])).toMatchObject({ orders: 3, revenue: 60, averageOrderValue: 20 });
  });

  it("validates records and options, and does not mutate its input", () => {
    checkRecordValidation((tx) => averageOrderValue(tx as Transaction[]), "averageOrderValue");
    expectCrmError(() => averageOrderValue([], { refunds: "gross" as never }), "INVALID_OPTION", "options.refunds");
    expectCrmError(() => averageOrderValue([], { period: "decade" as never }), "INVALID_OPTION", "options.period");
    expectCrmError(() => averageOrderValue([], { start: "2024-02-01", end: "2024-01-01" }), "INVALID_OPTION", "options.end");
    expectCrmError(() => averageOrderValue([], { start: "bad" }), "INVALID_OPTION", "options.start");
    const frozen = deepFreeze(structuredClone(log));
    expect(averageOrderValue(frozen).orders).toBe(4);
  });

  it("is order-independent and equals the orders-weighted mean of its periods (property)", () => {
    const record = fc.record({
      customerId: fc.constantFrom("a", "b", "constructor"),
      occurredAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31) }),
      amount: fc.integer({ min: -2000, max: 20000 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (tx) => {
        const r = averageOrderValue(tx, { period: "month" });
        const reversed = averageOrderValue([...tx].reverse(), { period: "month" });
        expect(reversed).toEqual(r);
        const orders = r.periods!.reduce((s, p) => s + p.orders, 0);
        expect(orders).toBe(r.orders);
        const revenue = r.periods!.reduce((s, p) => s + p.revenue, 0);
        expect(revenue).toBeCloseTo(r.revenue, 6);
        if (r.averageOrderValue !== null) {
          const amounts = tx.filter((t) => t.amount >= 0).map((t) => t.amount);
          expect(r.averageOrderValue).toBeGreaterThanOrEqual(Math.min(...amounts) - 1e-9);
          expect(r.averageOrderValue).toBeLessThanOrEqual(Math.max(...amounts) + 1e-9);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
