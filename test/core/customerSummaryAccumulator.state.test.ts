import { describe, expect, it } from "vitest";
import { customerSummary } from "../../src/core/customerSummary.js";
import {
  createCustomerSummaryAccumulator,
  type CustomerSummaryAccumulatorState,
} from "../../src/core/customerSummaryAccumulator.js";
import type { Transaction } from "../../src/models/transaction.js";
import { caughtError, expectCrmError } from "../support/errors.js";

const FN = "createCustomerSummaryAccumulator";
const DAY = 86_400_000;

const TX: readonly Transaction[] = [
  { customerId: "b", occurredAt: "2024-01-03T10:00:00Z", amount: 12.5 },
  { customerId: 7, occurredAt: "2024-01-01", amount: "0.123456789" },
  { customerId: "b", occurredAt: "2024-01-03T12:00:00Z", amount: 2 },
  { customerId: "b", occurredAt: "2024-01-10", amount: 4, type: "refund" },
  { customerId: "b", occurredAt: "2024-02-10", amount: 4 },
];

/**
 * The state of TX read with `asOf: "2024-02-01"`, worked out by hand: customers in order of
 * first appearance ("b", then the number 7 as "7"); "b" has counted records (1) and one after
 * asOf (2); its purchases are 10:00 and 12:00 on 3 January (day 19725 = 2024-01-03 / 86,400,000 ms),
 * the refund of 10 January is its own refund-only period (day 19732, -4 * 10^4); its total is
 * (12.5 + 2 - 4) * 10^4 = 105,000. "7" paid an amount with nine decimals: its total is kept
 * exactly as a decimal string, and its period value is 0.123456789 * 10^4. The record of
 * 10 February is after asOf: counted in `transactions`, `afterAsOf` and `latest` only.
 */
const STATE: CustomerSummaryAccumulatorState = {
  options: {
    period: "day",
    unit: "day",
    timeZone: "UTC",
    weekStartsOn: 1,
    refunds: "net",
    includeFirstPurchase: false,
    asOf: Date.UTC(2024, 1, 1),
  },
  ids: ["b", "7"],
  flags: [3, 1],
  firstAt: [Date.UTC(2024, 0, 3, 10), Date.UTC(2024, 0, 1)],
  lastAt: [Date.UTC(2024, 0, 3, 12), Date.UTC(2024, 0, 1)],
  orders: [2, 1],
  refunds: [1, 0],
  scaledTotal: [105_000, 0],
  exactTotals: [[1, "0.123456789"]],
  periodCustomer: [0, 0, 1],
  periodDay: [19_725, 19_732, 19_723],
  periodValue: [145_000, -40_000, 1234.56789],
  periodPurchase: [1, 0, 1],
  transactions: 5,
  afterAsOf: 1,
  ignoredRefunds: 0,
  latest: Date.UTC(2024, 1, 10),
};

const damaged = `${FN}: other must be a complete customer summary accumulator state, got "a damaged state"`;

/** A fresh accumulator with STATE's options. */
function fresh(): ReturnType<typeof createCustomerSummaryAccumulator> {
  return createCustomerSummaryAccumulator({ asOf: "2024-02-01" });
}

describe("createCustomerSummaryAccumulator state (toJSON)", () => {
  it("holds the resolved options, the per-customer totals and one log entry per customer and period", () => {
    expect(Date.UTC(2024, 0, 3) / DAY).toBe(19_725);
    const state = fresh().addAll(TX).toJSON();
    expect(state).toEqual(STATE);
    expect(JSON.parse(JSON.stringify(state))).toEqual(STATE);
  });

  it("names asOf in epoch milliseconds, or null without it", () => {
    expect(createCustomerSummaryAccumulator({ asOf: "2024-02-01T06:30:00Z" }).toJSON().options.asOf).toBe(Date.UTC(2024, 1, 1, 6, 30));
    expect(createCustomerSummaryAccumulator({ asOf: 0 }).toJSON().options.asOf).toBe(0);
    expect(createCustomerSummaryAccumulator().toJSON().options.asOf).toBeNull();
  });

  it("is empty before the first record", () => {
    const { options, ...rest } = createCustomerSummaryAccumulator({ period: "month", timeZone: "Europe/Berlin" }).toJSON();
    expect(options).toEqual({
      period: "month",
      unit: "day",
      timeZone: "Europe/Berlin",
      weekStartsOn: 1,
      refunds: "net",
      includeFirstPurchase: false,
      asOf: null,
    });
    expect(rest).toEqual({
      ids: [],
      flags: [],
      firstAt: [],
      lastAt: [],
      orders: [],
      refunds: [],
      scaledTotal: [],
      exactTotals: [],
      periodCustomer: [],
      periodDay: [],
      periodValue: [],
      periodPurchase: [],
      transactions: 0,
      afterAsOf: 0,
      ignoredRefunds: 0,
      latest: null,
    });
  });

  it("writes overflowed period sums as strings that JSON keeps, and merges them back", () => {
    // 1e308 * 10^4 overflows: day 1 holds +Infinity and -Infinity (NaN), day 2 -Infinity, day 3 +Infinity
    const tx: Transaction[] = [
      { customerId: "x", occurredAt: "2024-01-01", amount: 1e308 },
      { customerId: "x", occurredAt: "2024-01-01", amount: -1e308 },
      { customerId: "x", occurredAt: "2024-01-02", amount: -1e308 },
      { customerId: "x", occurredAt: "2024-01-03", amount: 1e308 },
      { customerId: "x", occurredAt: "2024-01-04", amount: 5 },
    ];
    const state = createCustomerSummaryAccumulator().addAll(tx).toJSON();
    expect(state.periodValue).toEqual(["NaN", "-Infinity", "Infinity", 50_000]);
    expect(state.periodPurchase).toEqual([1, 0, 1, 1]);
    expect(state.exactTotals).toEqual([[0, "0"]]);
    const merged = createCustomerSummaryAccumulator().merge(JSON.parse(JSON.stringify(state)) as CustomerSummaryAccumulatorState).result();
    expect(merged).toEqual(customerSummary(tx));
    expect(merged.customers[0]).toMatchObject({ frequency: 2, recency: 3, orders: 3, refunds: 2, totalSpend: 5 });
    // each of the three strings alone is accepted too
    for (const v of ["NaN", "-Infinity", "Infinity"]) {
      const one = { ...state, periodCustomer: [0], periodDay: [19_723], periodValue: [v], periodPurchase: [1] };
      expect(createCustomerSummaryAccumulator().merge(one).transactions).toBe(5);
    }
  });
});

describe("createCustomerSummaryAccumulator merge of a state", () => {
  it("adds a hand-written state as if its records had been read", () => {
    const r = fresh().merge(STATE).result();
    expect(r).toEqual(customerSummary(TX, { asOf: "2024-02-01" }));
    expect(r.customers.map((c) => [c.customerId, c.frequency, c.recency, c.T, c.orders, c.refunds, c.totalSpend])).toEqual([
      ["7", 0, 0, 31, 1, 0, 0.123456789],
      ["b", 0, 0, 29, 2, 1, 10.5],
    ]);
    // "b" has records before asOf too, so no customer is left out entirely
    expect(r.excluded).toMatchObject({ afterAsOf: 1, customersAfterAsOf: 0 });
  });

  it("combines the totals of a customer present in both parts", () => {
    const later: Transaction[] = [{ customerId: "b", occurredAt: "2024-01-20", amount: 3.25 }];
    const acc = fresh().addAll(later).merge(STATE);
    const r = acc.result();
    expect(r).toEqual(customerSummary([...later, ...TX], { asOf: "2024-02-01" }));
    expect(r.customers.find((c) => c.customerId === "b")).toMatchObject({ frequency: 1, recency: 17, monetaryValue: 3.25, totalSpend: 13.75 });
    expect(acc.transactions).toBe(6);
  });

  it("does not change the state it merges", () => {
    const copy = JSON.parse(JSON.stringify(STATE)) as CustomerSummaryAccumulatorState;
    fresh().merge(copy).merge(copy);
    expect(copy).toEqual(STATE);
  });
});

describe("createCustomerSummaryAccumulator merge refusals", () => {
  it("names an object that is not a state", () => {
    for (const value of [42, null, {}, { options: 5 }, [STATE]]) {
      const e = expectCrmError(() => fresh().merge(value as never), "INVALID_INPUT", "other");
      expect(e.message.startsWith(`${FN}: other must be a customer summary accumulator or its toJSON() state, got `)).toBe(true);
    }
    expect(caughtError(() => fresh().merge(42 as never)).message).toBe(`${FN}: other must be a customer summary accumulator or its toJSON() state, got 42`);
    expect(caughtError(() => fresh().merge({} as never)).message).toBe(`${FN}: other must be a customer summary accumulator or its toJSON() state, got an object`);
  });

  it("names the option that differs, with both values", () => {
    const cases: [Partial<CustomerSummaryAccumulatorState["options"]>, string, string][] = [
      [{ unit: "week" }, "other.options.unit", `${FN}: other.options.unit must equal this accumulator's unit (day), got "week"`],
      [{ asOf: null }, "other.options.asOf", `${FN}: other.options.asOf must equal this accumulator's asOf (1706745600000), got null`],
      [
        { includeFirstPurchase: true },
        "other.options.includeFirstPurchase",
        `${FN}: other.options.includeFirstPurchase must equal this accumulator's includeFirstPurchase (false), got true`,
      ],
      [{ timeZone: "Etc/UTC" }, "other.options.timeZone", `${FN}: other.options.timeZone must equal this accumulator's timeZone (UTC), got "Etc/UTC"`],
    ];
    for (const [change, path, message] of cases) {
      const e = expectCrmError(() => fresh().merge({ ...STATE, options: { ...STATE.options, ...change } }), "INVALID_INPUT", path);
      expect(e.message).toBe(message);
    }
  });

  // Each state breaks exactly one rule of a complete state; all the others hold.
  const broken: [string, Record<string, unknown>][] = [
    ["ids not an array", { ids: "bb" }],
    ["ids missing", { ids: undefined }],
    ["an id that is not a string", { ids: ["b", 7] }],
    ["an id that is an array", { ids: ["b", ["7"]] }],
    ["an empty id", { ids: ["b", ""] }],
    ["a customer column too short", { flags: [3] }],
    ["a customer column too long", { scaledTotal: [105_000, 0, 0] }],
    ["a later customer column too short", { refunds: [1] }],
    ["a customer column that is a string", { orders: "21" }],
    ["a customer column missing", { lastAt: undefined }],
    ["periodCustomer not an array", { periodCustomer: "001" }],
    [
      "periodCustomer not an array beside one-entry log columns",
      { periodCustomer: "0", periodDay: [19_725], periodValue: [145_000], periodPurchase: [1], exactTotals: [] },
    ],
    ["a log column too short", { periodDay: [19_725, 19_732] }],
    ["a later log column too short", { periodPurchase: [1, 0] }],
    ["a log column that is a string", { periodPurchase: "101" }],
    ["a log customer index that is not an integer", { periodCustomer: [0, 0.5, 1] }],
    ["a negative log customer index", { periodCustomer: [0, -1, 1] }],
    ["a log customer index equal to the number of customers", { periodCustomer: [0, 2, 1] }],
    ["a log day that is not an integer", { periodDay: [19_725, 19_732.5, 19_723] }],
    ["a log value that is another string", { periodValue: [145_000, "-40000", 1234.56789] }],
    ["exactTotals not an array", { exactTotals: "1" }],
    ["an exact total that is not a pair", { exactTotals: [{ 0: 1, 1: "0.123456789" }] }],
    ["an exact total whose index is not an integer", { exactTotals: [[0.5, "0.123456789"]] }],
    ["an exact total with a negative index", { exactTotals: [[-1, "0.123456789"]] }],
    ["an exact total whose index is the number of customers", { exactTotals: [[2, "0.123456789"]] }],
    ["an exact total that is a number", { exactTotals: [[1, 0.123456789]] }],
    ["a negative count", { afterAsOf: -1 }],
    ["a count that is not an integer", { ignoredRefunds: 0.5 }],
    ["a latest instant that is a string", { latest: "2024-02-10" }],
  ];
  for (const [what, change] of broken) {
    it(`refuses a state with ${what}, and stays unchanged`, () => {
      const acc = fresh();
      const e = expectCrmError(() => acc.merge({ ...STATE, ...change } as never), "INVALID_INPUT", "other");
      expect(e.message).toBe(damaged);
      expect(acc.transactions).toBe(0);
      expect(acc.toJSON()).toEqual(fresh().toJSON());
    });
  }
});
