import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../../src/models/transaction.js";
import { customerGrowth } from "../../src/value/customerGrowth.js";
import { checkRecordValidation, deepFreeze, expectCrmError } from "./helpers.js";

const log: Transaction[] = [
  { customerId: "a", occurredAt: "2023-03-01", amount: 100 },
  { customerId: "a", occurredAt: "2024-05-01", amount: 150 },
  { customerId: "b", occurredAt: "2024-02-01", amount: 80 },
  { customerId: "c", occurredAt: "2023-06-01", amount: 40 },
  { customerId: "d", occurredAt: "2023-07-01", amount: 60 },
  { customerId: "d", occurredAt: "2024-07-01", amount: 30 },
  { customerId: "d", occurredAt: "2024-07-09", amount: -10 },
  { customerId: "e", occurredAt: "2023-01-01", amount: 25 },
  { customerId: "e", occurredAt: "2024-01-01", amount: 25 },
  { customerId: "f", occurredAt: "2022-01-01", amount: 999 },
];

describe("customerGrowth", () => {
  it("compares each customer's spend year over year", () => {
    const g = customerGrowth(log);
    expect(g.basePeriod).toEqual({ periodStart: "2023-01-01T00:00:00.000Z", periodEnd: "2024-01-01T00:00:00.000Z", label: "2023" });
    expect(g.currentPeriod!.label).toBe("2024");
    expect(g.customers.map((c) => [c.customerId, c.baseSpend, c.currentSpend, c.change, c.growthRate, c.status])).toEqual([
      ["a", 100, 150, 50, 0.5, "growing"],
      ["b", 0, 80, 80, null, "new"],
      ["c", 40, 0, -40, -1, "lost"],
      ["d", 60, 20, -40, -40 / 60, "declining"],
      ["e", 25, 25, 0, 0, "flat"],
    ]);
    expect(g).toMatchObject({ baseSpend: 225, currentSpend: 275, counts: { new: 1, lost: 1, growing: 1, declining: 1, flat: 1 } });
    expect(g.growthRate!).toBeCloseTo(50 / 225, 12);
  });

  it("chooses the current period, the period length and the refund rule", () => {
    const y2023 = customerGrowth(log, { current: "2023-12-31" });
    expect(y2023.customers.map((c) => c.customerId)).toEqual(["a", "c", "d", "e", "f"]);
    expect(y2023.customers.find((c) => c.customerId === "f")).toMatchObject({ status: "lost", growthRate: -1 });
    const ignore = customerGrowth(log, { refunds: "ignore" });
    expect(ignore.customers.find((c) => c.customerId === "d")!.currentSpend).toBe(30);
    const monthly = customerGrowth(log, { period: "month" });
    expect(monthly.currentPeriod!.label).toBe("2024-07");
    expect(monthly.customers).toEqual([{ customerId: "d", baseSpend: 0, currentSpend: 20, change: 20, growthRate: null, status: "new" }]);
    const quarter = customerGrowth(log, { period: "quarter", current: "2024-04-15" });
    expect(quarter.basePeriod!.label).toBe("2024-Q1");
    expect(quarter.customers.map((c) => c.customerId)).toEqual(["a", "b", "e"]);
  });

  it("reads the periods in the time zone", () => {
    const tx: Transaction[] = [
      { customerId: "z", occurredAt: "2023-12-31T23:30:00Z", amount: 10 }, // 2024-01-01 00:30 in Berlin
      { customerId: "z", occurredAt: "2024-06-01", amount: 30 },
    ];
    expect(customerGrowth(tx).customers[0]).toMatchObject({ baseSpend: 10, currentSpend: 30, growthRate: 2 });
    const berlin = customerGrowth(tx, { timeZone: "Europe/Berlin" });
    expect(berlin.customers[0]).toMatchObject({ baseSpend: 0, currentSpend: 40, status: "new" });
    expect(berlin.currentPeriod!.periodStart).toBe("2023-12-31T23:00:00.000Z");
  });

  it("gives null growth for a zero or negative base and handles empty input", () => {
    const neg = customerGrowth([
      { customerId: "n", occurredAt: "2023-05-01", amount: 10 },
      { customerId: "n", occurredAt: "2023-05-02", amount: -30 },
      { customerId: "n", occurredAt: "2024-05-01", amount: 10 },
    ]);
    expect(neg.customers[0]).toMatchObject({ baseSpend: -20, growthRate: null, status: "growing" });
    expect(neg.growthRate).toBeNull();
    expect(customerGrowth([])).toEqual({
      customers: [],
      basePeriod: null,
      currentPeriod: null,
      baseSpend: 0,
      currentSpend: 0,
      growthRate: null,
      counts: { new: 0, lost: 0, growing: 0, declining: 0, flat: 0 },
    });
    const empty = customerGrowth([], { current: "2024-03-03", period: "week" });
    expect(empty.currentPeriod!.periodStart).toBe("2024-02-26T00:00:00.000Z");
    expect(empty.basePeriod!.label).toBe("2024-02-19");
  });

  it("validates records and options, and does not mutate its input", () => {
    checkRecordValidation((tx) => customerGrowth(tx as Transaction[]), "customerGrowth");
    expectCrmError(() => customerGrowth([], { period: "fortnight" as never }), "INVALID_OPTION", "options.period");
    expectCrmError(() => customerGrowth([], { current: "later" }), "INVALID_OPTION", "options.current");
    expectCrmError(() => customerGrowth([], { weekStartsOn: 7 as never }), "INVALID_OPTION", "options.weekStartsOn");
    const frozen = deepFreeze(structuredClone(log));
    expect(customerGrowth(frozen).customers).toHaveLength(5);
  });

  it("keeps totals equal to the sum of customers and does not depend on order (property)", () => {
    const record = fc.record({
      customerId: fc.constantFrom("a", "b", "__proto__", "constructor"),
      occurredAt: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2024, 11, 31) }),
      amount: fc.integer({ min: -500, max: 5000 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (tx) => {
        const g = customerGrowth(tx, { current: "2024-06-01" });
        expect(customerGrowth([...tx].reverse(), { current: "2024-06-01" })).toEqual(g);
        expect(g.customers.reduce((s, c) => s + c.currentSpend, 0)).toBeCloseTo(g.currentSpend, 6);
        expect(g.customers.reduce((s, c) => s + c.baseSpend, 0)).toBeCloseTo(g.baseSpend, 6);
        for (const c of g.customers) {
          if (c.growthRate !== null) expect(c.growthRate).toBeCloseTo(c.change / c.baseSpend, 9);
          else expect(c.baseSpend).toBeLessThanOrEqual(0);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe("customerGrowth: refunds as orders, customer order, time zone of the records", () => {
  it("does not count a refund as an order", () => {
    const r = customerGrowth([
      { customerId: "a", occurredAt: "2023-03-01", amount: 10, type: "refund" },
      { customerId: "a", occurredAt: "2024-03-01", amount: 50 },
    ]);
    expect(r.customers[0]).toMatchObject({ customerId: "a", status: "new", baseSpend: -10, currentSpend: 50 });
    const lost = customerGrowth([
      { customerId: "a", occurredAt: "2023-03-01", amount: 10 },
      { customerId: "a", occurredAt: "2024-03-01", amount: 5, type: "refund" },
      { customerId: "b", occurredAt: "2024-03-01", amount: 5 },
    ]);
    expect(lost.customers[0]).toMatchObject({ customerId: "a", status: "lost" });
  });

  it("lists customers by id", () => {
    const ids = ["d", "b", "e", "a", "c"];
    const r = customerGrowth(ids.map((customerId) => ({ customerId, occurredAt: "2024-03-01", amount: 1 })));
    expect(r.customers.map((c) => c.customerId)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("reads local times of the records in the time zone", () => {
    // 00:30 on 1 January in New York is 2024; read as UTC it would be 31 December 2023 there
    const r = customerGrowth([{ customerId: "a", occurredAt: "2024-01-01T00:30:00", amount: 10 }], { timeZone: "America/New_York" });
    expect(r.currentPeriod!.label).toBe("2024");
    expect(r.currentSpend).toBe(10);
  });
});

describe("customerGrowth: the start of the date range", () => {
  it("refuses a current period with no previous period before the earliest date, and accepts one just after", () => {
    // the earliest JavaScript date is -271821-04-20; its year has no previous year, nor its month
    const earliest = new Date(-8.64e15);
    for (const period of ["year", "month"] as const) {
      expect(() => customerGrowth([], { current: earliest, period })).toThrow(
        "customerGrowth: options.current must leave room for a previous period, got -271821-04-20T00:00:00.000Z",
      );
      expectCrmError(() => customerGrowth([], { current: earliest, period }), "INVALID_OPTION", "options.current");
    }
    // 300 days later (-271820-02-14): February, whose previous month -271820-01 is in range
    const r = customerGrowth([], { current: new Date(-8.64e15 + 300 * 86_400_000), period: "month" });
    expect(r.basePeriod).toEqual({ periodStart: "-271820-01-01T00:00:00.000Z", periodEnd: "-271820-02-01T00:00:00.000Z", label: "-271820-01" });
    expect(r.currentPeriod!.label).toBe("-271820-02");
    expect(r.growthRate).toBeNull();
  });
});
