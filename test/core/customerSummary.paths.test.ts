import { describe, expect, it } from "vitest";
import { accumulateAsync } from "../../src/core/accumulateAsync.js";
import { customerSummary, type CustomerSummaryRow } from "../../src/core/customerSummary.js";
import { createCustomerSummaryAccumulator } from "../../src/core/customerSummaryAccumulator.js";
import type { Transaction } from "../../src/models/transaction.js";
import { expectCrmError, messageOf } from "../support/errors.js";

/**
 * customerSummary's input paths (arrays, other iterables, async input through the
 * accumulator; ISO strings, Date objects, epoch numbers, offsets and zones) and its
 * typed-array log, each checked against the same hand-computed rows.
 */

const DAY = 86_400_000;
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;

/** [customerId, UTC instant, amount, type] */
type Raw = readonly [string | number, string, number, ("purchase" | "refund")?];
const RAW: readonly Raw[] = [
  ["a", "2024-01-08T00:00:00.000Z", 30],
  ["a", "2024-01-01T09:00:00.000Z", 10], // earlier than the record before: the log is regrouped
  [42, "2024-01-10T08:00:00.000Z", 7.25],
  ["a", "2024-01-01T18:30:00.000Z", 5], // same day as 09:00: one period worth 15
  ["a", "2024-01-08T12:00:00.000Z", -6], // a refund netted into the 01-08 period (24)
  ["a", "2024-01-15T00:00:00.000Z", 20, "purchase"],
  [42, "2024-01-10T20:00:00.000Z", 2.75],
  ["a", "2024-01-20T00:00:00.000Z", 4, "refund"], // a refund-only period: no purchase
];

const tx = (at: (iso: string) => Transaction["occurredAt"]): Transaction[] =>
  RAW.map(([customerId, iso, amount, type]) => (type === undefined ? { customerId, occurredAt: at(iso), amount } : { customerId, occurredAt: at(iso), amount, type }));

// purchase periods of a: 01-01 (15), 01-08 (24), 01-15 (20); 42: 01-10 (10); asOf 01-29
const ROWS: CustomerSummaryRow[] = [
  {
    customerId: "42",
    frequency: 0,
    recency: 0,
    T: 19,
    monetaryValue: 0,
    firstPurchaseAt: "2024-01-10T08:00:00.000Z",
    lastPurchaseAt: "2024-01-10T20:00:00.000Z",
    orders: 2,
    refunds: 0,
    totalSpend: 10,
  },
  {
    customerId: "a",
    frequency: 2,
    recency: 14,
    T: 28,
    monetaryValue: 22,
    firstPurchaseAt: "2024-01-01T09:00:00.000Z",
    lastPurchaseAt: "2024-01-15T00:00:00.000Z",
    orders: 4,
    refunds: 2,
    totalSpend: 55,
  },
];

const ASOF = "2024-01-29T12:00:00Z";

function expectError(f: () => unknown, path: string, message: string): void {
  expect(expectCrmError(f, "INVALID_INPUT", path).message).toBe(message);
}

describe("customerSummary input paths", () => {
  it("gives the same hand-computed rows for ISO strings, offsets, Date objects and epoch numbers", () => {
    const variants: Transaction[][] = [
      tx((iso) => iso),
      tx((iso) => iso.replace(".000Z", "Z")),
      tx((iso) => new Date(Date.parse(iso) + 2 * 3_600_000).toISOString().replace(".000Z", "+02:00")),
      tx((iso) => new Date(iso)),
      tx((iso) => Date.parse(iso)),
    ];
    for (const log of variants) {
      const r = customerSummary(log, { asOf: ASOF });
      expect(r.customers).toEqual(ROWS);
      expect(r).toMatchObject({ transactions: 8, asOf: "2024-01-29T12:00:00.000Z", asOfPeriodStart: "2024-01-29T00:00:00.000Z" });
      expect(r.excluded).toEqual({ afterAsOf: 0, customersAfterAsOf: 0, ignoredRefunds: 0, customersWithoutPurchase: 0, unmatchedRefunds: 0 });
    }
  });

  it("gives the same rows for a Set, a generator and an async source through the accumulator", async () => {
    const log = tx((iso) => iso);
    expect(customerSummary(new Set(log), { asOf: ASOF }).customers).toEqual(ROWS);
    function* gen(): Generator<Transaction> {
      yield* log;
    }
    expect(customerSummary(gen(), { asOf: ASOF }).customers).toEqual(ROWS);
    async function* stream(): AsyncGenerator<Transaction> {
      for (const t of log) yield t;
    }
    const acc = await accumulateAsync(stream(), createCustomerSummaryAccumulator({ asOf: ASOF }));
    expect(acc.result().customers).toEqual(ROWS);
  });

  it("reads the calendar of the time zone (Asia/Tokyo, 9 hours ahead)", () => {
    // the same wall times in Tokyo: instants 9 hours earlier, same local days
    const log = tx((iso) => iso.slice(0, 19));
    const r = customerSummary(log, { asOf: "2024-01-29T12:00:00", timeZone: "Asia/Tokyo" });
    const shift = (iso: string): string => new Date(Date.parse(iso) - 9 * 3_600_000).toISOString();
    expect(r.customers).toEqual(ROWS.map((row) => ({ ...row, firstPurchaseAt: shift(row.firstPurchaseAt), lastPurchaseAt: shift(row.lastPurchaseAt) })));
    expect(r).toMatchObject({ asOf: "2024-01-29T03:00:00.000Z", asOfPeriodStart: "2024-01-28T15:00:00.000Z", timeZone: "Asia/Tokyo" });
  });

  it("states the defaults it used", () => {
    expect(customerSummary(tx((iso) => iso))).toMatchObject({ period: "day", unit: "day", timeZone: "UTC", refunds: "net", asOf: "2024-01-20T00:00:00.000Z" });
  });

  it("pins refunds under each treatment", () => {
    const log = tx((iso) => iso);
    const ignore = customerSummary(log, { asOf: ASOF, refunds: "ignore" });
    // periods 01-01 (15), 01-08 (30), 01-15 (20)
    expect(ignore.customers[1]).toMatchObject({ frequency: 2, recency: 14, T: 28, monetaryValue: 25, orders: 4, refunds: 0, totalSpend: 65 });
    expect(ignore.excluded.ignoredRefunds).toBe(2);
    const asTx = customerSummary(log, { asOf: ASOF, refunds: "transaction" });
    // periods 01-01 (15), 01-08 (24), 01-15 (20), 01-20 (-4)
    expect(asTx.customers[1]).toMatchObject({ frequency: 3, recency: 19, T: 28, orders: 6, refunds: 0, totalSpend: 55 });
    expect(asTx.customers[1]!.monetaryValue).toBeCloseTo(40 / 3, 12);
  });
});

describe("customerSummary details", () => {
  it("names bad records in the house format", () => {
    const ok = { customerId: "a", occurredAt: "2024-01-01", amount: 1 };
    expectError(() => customerSummary(42 as never), "transactions", "customerSummary: transactions must be an array or iterable of records, got 42");
    expectError(() => customerSummary([ok, 5 as never]), "transactions[1]", "customerSummary: transactions[1] must be a transaction object, got 5");
    const idRule = "must be a non-empty string or a finite number";
    expectError(() => customerSummary([{ ...ok, customerId: "" }]), "transactions[0].customerId", `customerSummary: transactions[0].customerId ${idRule}, got ""`);
    for (const bad of [["a"], { length: 2 }, null]) {
      expect(() => customerSummary([{ ...ok, customerId: bad as never }])).toThrow(/^customerSummary: transactions\[0\]\.customerId must be a non-empty string or a finite number, got /);
    }
    expectError(
      () => customerSummary([{ ...ok, type: "gift" as never }]),
      "transactions[0].type",
      'customerSummary: transactions[0].type must be "purchase" or "refund", got "gift"',
    );
    expectError(
      () => customerSummary([{ ...ok, amount: "ten" }]),
      "transactions[0].amount",
      'customerSummary: transactions[0].amount must be a finite amount (number, decimal string or Decimal), got "ten"',
    );
    expect(messageOf(() => customerSummary([], { includeFirstPurchase: 1 as never }))).toBe(
      "customerSummary: options.includeFirstPurchase must be true or false, got 1",
    );
  });

  it("counts whole calendar periods: days, and months across a year end", () => {
    const days = customerSummary(
      [
        { customerId: "d", occurredAt: "2024-01-01", amount: 1 },
        { customerId: "d", occurredAt: "2024-01-15", amount: 2 },
      ],
      { asOf: "2024-01-29", unit: "period" },
    );
    expect(days.customers[0]).toMatchObject({ frequency: 1, recency: 14, T: 28 });
    const months = customerSummary(
      [
        { customerId: "m", occurredAt: "2023-11-15", amount: 1 },
        { customerId: "m", occurredAt: "2024-02-03", amount: 2 },
        { customerId: "n", occurredAt: "2024-03-10", amount: 1 },
        { customerId: "n", occurredAt: "2024-05-20", amount: 3 },
      ],
      { asOf: "2024-08-01", period: "month", unit: "period" },
    );
    // m: 2023-11 -> 2024-02 is 3 months, -> 2024-08 is 9; n: 2024-03 -> 05 is 2, -> 08 is 5
    expect(months.customers.map((c) => [c.customerId, c.recency, c.T])).toEqual([
      ["m", 3, 9],
      ["n", 2, 5],
    ]);
  });

  it("counts a zero purchase as an order and a zero refund as a refund, and stores +0", () => {
    const log: Transaction[] = [
      { customerId: "z", occurredAt: "2024-01-01", amount: 0 },
      { customerId: "z", occurredAt: "2024-01-03", amount: 8 },
      { customerId: "z", occurredAt: "2024-01-05", amount: 0, type: "refund" },
      { customerId: "z", occurredAt: "2024-01-07", amount: -0 },
    ];
    expect(customerSummary(log).customers[0]).toMatchObject({ frequency: 2, recency: 6, T: 6, monetaryValue: 4, orders: 3, refunds: 1, totalSpend: 8 });
    const acc = createCustomerSummaryAccumulator();
    for (const t of log) acc.add(t);
    const s = acc.toJSON();
    expect(s.periodDay).toEqual([utcDay(2024, 1, 1), utcDay(2024, 1, 3), utcDay(2024, 1, 5), utcDay(2024, 1, 7)]);
    expect(s.periodValue).toEqual([0, 80_000, 0, 0]);
    expect(s.periodPurchase).toEqual([1, 1, 0, 1]);
    expect(s.scaledTotal).toEqual([80_000]);
  });

  it("averages repeat periods from their exact ten-thousandths", () => {
    // 0.17 * 10^4 is 1700.0000000000002 in doubles; the period values are the exact 1700, and the
    // mean of the exact 0.51 over three periods is 0.17 (from the doubles it would be 0.17000000000000004)
    const r = customerSummary([
      { customerId: "e", occurredAt: "2024-01-01", amount: 0 },
      { customerId: "e", occurredAt: "2024-01-02", amount: 0.17 },
      { customerId: "e", occurredAt: "2024-01-03", amount: 0.17 },
      { customerId: "e", occurredAt: "2024-01-04", amount: 0.17 },
    ]);
    expect(r.customers[0]).toMatchObject({ frequency: 3, monetaryValue: 0.17, totalSpend: 0.51 });
  });

  it("averages the repeat periods on their own, not all periods minus the first", () => {
    // 1.07 - 1 is 0.07000000000000006 in doubles; the repeat periods alone hold the exact 700
    // ten-thousandths, like lifetimes' mean of the repeat periods and the warehouse SQL's decimals
    const r = customerSummary([
      { customerId: "r", occurredAt: "2024-01-01", amount: 1 },
      { customerId: "r", occurredAt: "2024-01-02", amount: 0.07 },
      { customerId: "s", occurredAt: "2024-01-01", amount: 100.1 },
      { customerId: "s", occurredAt: "2024-01-02", amount: 0.2 },
      { customerId: "s", occurredAt: "2024-01-03", amount: 0.1 },
    ]);
    expect(r.customers[0]).toMatchObject({ customerId: "r", frequency: 1, monetaryValue: 0.07, totalSpend: 1.07 });
    expect(r.customers[1]).toMatchObject({ customerId: "s", frequency: 2, monetaryValue: 0.15, totalSpend: 100.4 });
  });

  it("never returns -0 for a mean that underflows", () => {
    // value -5e-324 over two periods: -2.5e-324 rounds to -0, which is reported as 0
    const r = customerSummary(
      [
        { customerId: "u", occurredAt: "2024-01-01", amount: -5e-324 },
        { customerId: "u", occurredAt: "2024-01-02", amount: 0 },
      ],
      { refunds: "transaction", includeFirstPurchase: true },
    );
    expect(r.customers[0]).toMatchObject({ frequency: 2, totalSpend: -5e-324 });
    expect(Object.is(r.customers[0]!.monetaryValue, 0)).toBe(true);
  });

  it("keeps totals exact when a customer's scaled sum passes 2^52", () => {
    const log: Transaction[] = [];
    for (let d = 1; d <= 3; d++) {
      log.push({ customerId: "four", occurredAt: Date.UTC(2024, 0, d), amount: 400_000_000_000.0001 });
      log.push({ customerId: "five", occurredAt: Date.UTC(2024, 0, d), amount: 500_000_000_000.0001 });
    }
    const rows = customerSummary(log).customers;
    // exact sums 1200000000000.0003 and 1500000000000.0003 as the nearest doubles (integer sums past 2^53 give ...0005)
    expect(rows.map((r) => [r.customerId, r.totalSpend])).toEqual([
      ["five", 1_500_000_000_000.0003],
      ["four", 1_200_000_000_000.0003],
    ]);
    const parts = [1, 2, 3].map((d) => createCustomerSummaryAccumulator().add({ customerId: "four", occurredAt: Date.UTC(2024, 0, d), amount: 400_000_000_000.0001 }));
    const acc = parts[0]!.merge(parts[1]!.toJSON()).merge(parts[2]!.toJSON());
    expect(acc.result().customers[0]!.totalSpend).toBe(1_200_000_000_000.0003);
  });
});

describe("customerSummary typed-array log", () => {
  it("groups the whole log by customer from 150,000 customers on, with the rows of each customer alone", () => {
    // 160,000 customers: same-day purchases, amounts past four decimals, refunds, and
    // customers whose earlier record comes last; each sampled customer's row must be the row
    // of a summary of its records alone (a few customers, so the pass in reading order)
    const customers = 160_000;
    const at = (day: number): number => Date.UTC(2020, 0, 1) + day * DAY + 3_600_000;
    const timed: { t: Transaction; day: number }[] = [];
    const late: Transaction[] = [];
    for (let i = 0; i < customers; i++) {
      const id = `c${i}`;
      const d0 = 1 + (i % 300);
      timed.push({ t: { customerId: id, occurredAt: at(d0), amount: (i % 97) + 0.25 }, day: d0 });
      const d1 = i % 5 === 0 ? d0 : d0 + 1 + (i % 40);
      timed.push({ t: { customerId: id, occurredAt: at(d1), amount: i % 7 === 0 ? 10.12345 : 12.5 }, day: d1 });
      if (i % 11 === 0) timed.push({ t: { customerId: id, occurredAt: at(d1 + 2), amount: 3, type: "refund" }, day: d1 + 2 });
      if (i % 13 === 0) late.push({ customerId: id, occurredAt: at(d0 - 1), amount: 4.75 });
    }
    timed.sort((a, b) => a.day - b.day);
    const log = [...timed.map((x) => x.t), ...late];
    const asOf = "2021-06-01";
    const all = customerSummary(log, { asOf });
    expect(all.customers).toHaveLength(customers);
    const byId = new Map(all.customers.map((row) => [row.customerId, row]));
    const sample = [0, 5, 7, 11, 13, 35, 65, 77, 143, 455, 1001, 15015, 159_999];
    for (let i = 3; i < customers; i += 1009) sample.push(i);
    const records = new Map(sample.map((i) => [`c${i}`, [] as Transaction[]]));
    for (const t of log) records.get(t.customerId as string)?.push(t);
    for (const [id, own] of records) expect(byId.get(id)).toEqual(customerSummary(own, { asOf }).customers[0]);
    // hand-computed: c0 buys twice on day 1 (0.25 and 10.12345) and refunds 3 on day 3, a day
    // without purchase; its purchase of day 0 (4.75) comes last in the log
    expect(byId.get("c0")).toMatchObject({ frequency: 1, recency: 1, T: 517, orders: 3, refunds: 1, totalSpend: 12.12345 });
    expect(byId.get("c0")!.monetaryValue).toBeCloseTo(10.37345, 10);
  });

  it("grows its log past 4096 entries, from an iterable and from a merged state", () => {
    function* days(): Generator<Transaction> {
      for (let i = 0; i < 5000; i++) yield { customerId: "g", occurredAt: Date.UTC(2000, 0, 1 + i), amount: 1 };
    }
    const expected = { frequency: 4999, recency: 4999, T: 4999, monetaryValue: 1, orders: 5000, totalSpend: 5000 };
    expect(customerSummary(days()).customers[0]).toMatchObject(expected);
    const acc = createCustomerSummaryAccumulator();
    for (const t of days()) acc.add(t);
    expect(acc.result().customers[0]).toMatchObject(expected);
    const merged = createCustomerSummaryAccumulator().merge(acc.toJSON());
    expect(merged.result().customers[0]).toMatchObject(expected);
    expect(merged.toJSON().periodDay).toHaveLength(5000);
  });

  it("snapshots exactly one entry per customer and period, also after a merge", () => {
    const acc = createCustomerSummaryAccumulator();
    acc.add({ customerId: "a", occurredAt: "2024-01-02", amount: 2 });
    acc.add({ customerId: "b", occurredAt: "2024-01-01", amount: 3 });
    acc.add({ customerId: "a", occurredAt: "2024-01-01", amount: 1 });
    acc.add({ customerId: "a", occurredAt: "2024-01-02", amount: 4 });
    const s = acc.toJSON();
    expect(s.ids).toEqual(["a", "b"]);
    expect(s.periodCustomer).toEqual([0, 0, 1]);
    expect(s.periodDay).toEqual([utcDay(2024, 1, 1), utcDay(2024, 1, 2), utcDay(2024, 1, 1)]);
    expect(s.periodValue).toEqual([10_000, 60_000, 30_000]);
    expect(s.periodPurchase).toEqual([1, 1, 1]);
    expect(s.latest).toBe(Date.UTC(2024, 0, 2));
    const again = createCustomerSummaryAccumulator().merge(s).toJSON();
    expect(again.periodCustomer).toEqual([0, 0, 1]);
    expect(again.periodDay).toEqual(s.periodDay);
    expect(again.periodValue).toEqual(s.periodValue);
    expect(again.transactions).toBe(4);
  });

  it("keeps the latest instant unset when empty states are merged, and the maximum otherwise", () => {
    const empty = createCustomerSummaryAccumulator().merge(createCustomerSummaryAccumulator().toJSON());
    expect(empty.toJSON().latest).toBeNull();
    expect(empty.result().asOf).toBeNull();
    const before1970 = createCustomerSummaryAccumulator().add({ customerId: "o", occurredAt: "1969-07-20", amount: 1 });
    before1970.merge(createCustomerSummaryAccumulator().toJSON());
    expect(before1970.result().asOf).toBe("1969-07-20T00:00:00.000Z");
  });
});
