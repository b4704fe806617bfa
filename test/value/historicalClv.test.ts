import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/models/transaction.js";
import { historicalClv } from "../../src/value/historicalClv.js";
import { checkRecordValidation, deepFreeze, expectCrmError } from "./helpers.js";

const log: Transaction[] = [
  { customerId: "a", occurredAt: "2024-01-03", amount: 100 },
  { customerId: "a", occurredAt: "2024-02-03", amount: 50 },
  { customerId: "a", occurredAt: "2024-02-05", amount: -20 },
  { customerId: "b", occurredAt: "2024-01-09", amount: 70 },
  { customerId: "c", occurredAt: "2024-03-01", amount: 10, type: "refund" },
];

describe("historicalClv", () => {
  it("sums each customer's net spend times the margin", () => {
    const r = historicalClv(log, { margin: 0.5 });
    expect(r.customers).toEqual([
      { customerId: "a", orders: 2, refunds: 1, revenue: 130, clv: 65, firstOrderAt: "2024-01-03T00:00:00.000Z", lastOrderAt: "2024-02-03T00:00:00.000Z" },
      { customerId: "b", orders: 1, refunds: 0, revenue: 70, clv: 35, firstOrderAt: "2024-01-09T00:00:00.000Z", lastOrderAt: "2024-01-09T00:00:00.000Z" },
    ]);
    expect(r).toMatchObject({ n: 2, averageClv: 50, medianClv: 50, totalClv: 100, totalRevenue: 200, margin: 0.5, refundRule: "net" });
    expect(r.unmatchedRefunds).toEqual({ count: 1, amount: 10 });
  });

  it("ignores refunds on request and restricts to the window", () => {
    const r = historicalClv(log, { refunds: "ignore" });
    expect(r.customers.map((c) => c.clv)).toEqual([150, 70]);
    expect(r.unmatchedRefunds).toEqual({ count: 0, amount: 0 });
    const jan = historicalClv(log, { end: "2024-02-01" });
    expect(jan).toMatchObject({ n: 2, totalRevenue: 170, averageClv: 85 });
  });

  it("keeps cents exact with a margin", () => {
    const tx: Transaction[] = Array.from({ length: 3 }, () => ({ customerId: "m", occurredAt: 0, amount: 0.1 }));
    const r = historicalClv(tx, { margin: 0.3 });
    expect(r.customers[0]!.revenue).toBe(0.3);
    expect(r.customers[0]!.clv).toBe(0.09);
    expect(r.averageClv).toBe(0.09);
  });

  it("returns null statistics without customers", () => {
    const r = historicalClv([]);
    expect(r).toMatchObject({ n: 0, averageClv: null, medianClv: null, totalClv: 0, totalRevenue: 0 });
  });

  it("validates records and options, and does not mutate its input", () => {
    checkRecordValidation((tx) => historicalClv(tx as Transaction[]), "historicalClv");
    expectCrmError(() => historicalClv([], { margin: 1.2 }), "INVALID_OPTION", "options.margin");
    expectCrmError(() => historicalClv([], { margin: Number.NaN }), "INVALID_OPTION", "options.margin");
    expectCrmError(() => historicalClv([], { refunds: "net-of-tax" as never }), "INVALID_OPTION", "options.refunds");
    const frozen = deepFreeze(structuredClone(log));
    expect(historicalClv(frozen).n).toBe(2);
  });

  it("scales linearly with the margin and sums to the total (property)", () => {
    const record = fc.record({
      customerId: fc.constantFrom("a", "b", "__proto__"),
      occurredAt: fc.integer({ min: 0, max: 1e10 }),
      amount: fc.integer({ min: -1000, max: 10000 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (tx, margin) => {
        const full = historicalClv(tx);
        const part = historicalClv(tx, { margin });
        expect(part.n).toBe(full.n);
        part.customers.forEach((c, i) => expect(c.clv).toBeCloseTo(full.customers[i]!.clv * margin, 6));
        expect(part.customers.reduce((s, c) => s + c.clv, 0)).toBeCloseTo(part.totalClv, 6);
        if (full.n > 0) expect(full.averageClv!).toBeCloseTo(full.totalRevenue / full.n, 6);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe("historicalClv: order of records and of customers", () => {
  it("takes the first and last order dates whatever the record order", () => {
    const r = historicalClv([
      { customerId: "a", occurredAt: "2024-03-01", amount: 10 },
      { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
      { customerId: "a", occurredAt: "2024-05-01", amount: 10 },
      { customerId: "a", occurredAt: "2024-02-01", amount: 10 },
    ]);
    expect(r.customers[0]).toMatchObject({ firstOrderAt: "2024-01-01T00:00:00.000Z", lastOrderAt: "2024-05-01T00:00:00.000Z", orders: 4 });
  });

  it("lists customers by id and takes the median of the sorted values", () => {
    const r = historicalClv(
      [
        { customerId: "c", occurredAt: "2024-01-01", amount: 50 },
        { customerId: "a", occurredAt: "2024-01-01", amount: 100 },
        { customerId: "e", occurredAt: "2024-01-01", amount: 5 },
        { customerId: "d", occurredAt: "2024-01-01", amount: 20 },
        { customerId: "b", occurredAt: "2024-01-01", amount: 10 },
        { customerId: "f", occurredAt: "2024-01-01", amount: 1 },
      ],
      { margin: 0.5 },
    );
    expect(r.customers.map((c) => c.customerId)).toEqual(["a", "b", "c", "d", "e", "f"]);
    // values 0.5, 2.5, 5, 10, 25, 50: median (5 + 10) / 2
    expect(r.medianClv!).toBeCloseTo(7.5, 12);
    expect(r.totalClv).toBeCloseTo(93, 12);
    expect(r.averageClv!).toBeCloseTo(15.5, 12);
  });

  it("gives +0, not -0, when refunds cancel the orders", () => {
    const r = historicalClv([
      { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
      { customerId: "a", occurredAt: "2024-01-02", amount: -10 },
    ]);
    expect(Object.is(r.customers[0]!.clv, 0)).toBe(true);
    expect(Object.is(r.totalClv, 0)).toBe(true);
    const half = historicalClv(
      [
        { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
        { customerId: "a", occurredAt: "2024-01-02", amount: -10 },
      ],
      { margin: 0.5 },
    );
    expect(Object.is(half.customers[0]!.clv, 0)).toBe(true);
    expect(Object.is(half.totalClv, 0)).toBe(true);
  });

  it("gives +0, not -0, for margin 0 and a customer whose refunds exceed the orders", () => {
    // decimal.js keeps the sign of -5 * 0
    const r = historicalClv(
      [
        { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
        { customerId: "a", occurredAt: "2024-01-02", amount: -15 },
      ],
      { margin: 0 },
    );
    expect(r.customers[0]).toMatchObject({ revenue: -5, orders: 1, refunds: 1 });
    expect(Object.is(r.customers[0]!.clv, 0)).toBe(true);
    expect(Object.is(r.totalClv, 0)).toBe(true);
    expect(Object.is(r.averageClv, 0)).toBe(true);
    expect(Object.is(r.medianClv, 0)).toBe(true);
  });
});

describe("historicalClv: shared window, record and fraction checks (src/value/records.ts)", () => {
  const tx = [{ customerId: "a", occurredAt: "2024-01-01", amount: 10 }];
  const msg = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    return "none";
  };

  it("needs end after start, and names the end option", () => {
    expect(msg(() => historicalClv(tx, { start: "2024-01-01", end: "2024-01-01" }))).toBe(
      "historicalClv: options.end must be after options.start, got \"2024-01-01\"",
    );
    expectCrmError(() => historicalClv(tx, { end: "2024-02-30" }), "INVALID_OPTION", "options.end");
    expect(historicalClv(tx, { start: "2024-01-01", end: "2024-01-01T00:00:00.001Z" }).n).toBe(1);
  });

  it("names the record rules", () => {
    expect(msg(() => historicalClv([5 as never]))).toBe("historicalClv: transactions[0] must be a transaction object, got 5");
    expect(msg(() => historicalClv([{ ...tx[0]!, type: "gift" as never }]))).toBe(
      'historicalClv: transactions[0].type must be "purchase" or "refund", got "gift"',
    );
  });

  it("counts a zero-amount purchase as an order and a zero-amount refund as a refund", () => {
    const r = historicalClv([
      { customerId: "a", occurredAt: "2024-01-01", amount: 0 },
      { customerId: "a", occurredAt: "2024-01-02", amount: 0, type: "refund" },
      { customerId: "b", occurredAt: "2024-01-02", amount: 5, type: "refund" },
    ]);
    expect(r.customers).toHaveLength(1);
    expect(r.customers[0]).toMatchObject({ customerId: "a", orders: 1, refunds: 1 });
    expect(Object.is(r.customers[0]!.revenue, 0)).toBe(true);
    expect(r.unmatchedRefunds).toEqual({ count: 1, amount: 5 });
  });

  it("accepts margins 0 and 1 and names the range", () => {
    expect(historicalClv(tx, { margin: 0 }).totalClv).toBe(0);
    expect(Object.is(historicalClv(tx, { margin: -0 }).margin, 0)).toBe(true);
    expect(historicalClv(tx, { margin: 1 }).totalClv).toBe(10);
    expect(msg(() => historicalClv(tx, { margin: 1.5 }))).toBe("historicalClv: options.margin must be a number from 0 to 1, got 1.5");
    expectCrmError(() => historicalClv(tx, { margin: Number.NaN }), "INVALID_OPTION", "options.margin");
  });
});
