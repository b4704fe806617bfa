import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/models/transaction.js";
import { purchaseFrequency } from "../../src/value/purchaseFrequency.js";
import { checkRecordValidation, deepFreeze, expectCrmError } from "./helpers.js";

const log: Transaction[] = [
  { customerId: "a", occurredAt: "2024-01-03T10:00:00Z", amount: 40 },
  { customerId: "a", occurredAt: "2024-01-03T18:00:00Z", amount: 15 },
  { customerId: "a", occurredAt: "2024-03-01", amount: 30 },
  { customerId: "b", occurredAt: "2024-02-11", amount: 20 },
  { customerId: "b", occurredAt: "2024-02-12", amount: -20 },
  { customerId: "c", occurredAt: "2024-01-04T02:00:00Z", amount: 5 },
  { customerId: "c", occurredAt: "2024-01-04T06:00:00Z", amount: 5 },
];

describe("purchaseFrequency", () => {
  it("divides orders by ordering customers and gives the repeat rate", () => {
    expect(purchaseFrequency(log)).toEqual({
      purchaseFrequency: 2,
      orders: 6,
      customers: 3,
      repeatCustomers: 2,
      repeatCustomerRate: 2 / 3,
      refunds: 1,
    });
  });

  it("can count same-day purchases once, per local calendar day", () => {
    const utc = purchaseFrequency(log, { countSameDayOnce: true });
    expect(utc).toMatchObject({ orders: 4, purchaseFrequency: 4 / 3, repeatCustomers: 1 });
    // In New York c's purchases fall on 01-03 21:00 and 01-04 01:00: two days
    const ny = purchaseFrequency(log, { countSameDayOnce: true, timeZone: "America/New_York" });
    expect(ny).toMatchObject({ orders: 5, repeatCustomers: 2 });
  });

  it("restricts to the window", () => {
    expect(purchaseFrequency(log, { start: "2024-02-01" })).toMatchObject({ orders: 2, customers: 2, purchaseFrequency: 1, repeatCustomerRate: 0 });
  });

  it("returns null rates without customers", () => {
    expect(purchaseFrequency([])).toEqual({ purchaseFrequency: null, orders: 0, customers: 0, repeatCustomers: 0, repeatCustomerRate: null, refunds: 0 });
    expect(purchaseFrequency([{ customerId: "x", occurredAt: 0, amount: -1 }]).purchaseFrequency).toBeNull();
  });

  it("keeps __proto__ and constructor apart", () => {
    const r = purchaseFrequency([
      { customerId: "__proto__", occurredAt: 0, amount: 1 },
      { customerId: "constructor", occurredAt: 0, amount: 1 },
      { customerId: "__proto__", occurredAt: 1, amount: 1 },
    ]);
    expect(r).toMatchObject({ customers: 2, orders: 3, repeatCustomers: 1 });
  });

  it("validates records and options, and does not mutate its input", () => {
    checkRecordValidation((tx) => purchaseFrequency(tx as Transaction[]), "purchaseFrequency");
    expectCrmError(() => purchaseFrequency([], { countSameDayOnce: "yes" as never }), "INVALID_OPTION", "options.countSameDayOnce");
    expectCrmError(() => purchaseFrequency([], { timeZone: "Atlantis" }), "INVALID_OPTION", "options.timeZone");
    const frozen = deepFreeze(structuredClone(log));
    expect(purchaseFrequency(frozen).orders).toBe(6);
  });

  it("stays between 1 and the order count and never grows by merging days (property)", () => {
    const record = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d"),
      occurredAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 20) }),
      amount: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (tx) => {
        const r = purchaseFrequency(tx);
        const merged = purchaseFrequency(tx, { countSameDayOnce: true });
        if (tx.length === 0) expect(r.purchaseFrequency).toBeNull();
        else {
          expect(r.purchaseFrequency!).toBeGreaterThanOrEqual(1);
          expect(r.purchaseFrequency!).toBeLessThanOrEqual(tx.length);
          expect(merged.purchaseFrequency!).toBeLessThanOrEqual(r.purchaseFrequency!);
          expect(merged.customers).toBe(r.customers);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
