import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulateAsync } from "../../src/core/accumulateAsync.js";
import {
  customerSummary,
  keyToInstant,
  resolveSummarySettings,
  scanTransactions,
  summaryRow,
  type CustomerSummaryOptions,
  type CustomerSummaryResult,
  type CustomerSummaryRow,
} from "../../src/core/customerSummary.js";
import { createCustomerSummaryAccumulator } from "../../src/core/customerSummaryAccumulator.js";
import { splitCalibrationHoldout } from "../../src/core/splitCalibrationHoldout.js";
import { toTimestampOption } from "../../src/core/time.js";
import type { Transaction } from "../../src/models/transaction.js";
import { expectCrmError } from "../support/errors.js";
import { deepFreeze } from "../support/records.js";

/**
 * The summary computed by the per-customer state engine (scanTransactions + summaryRow,
 * which splitCalibrationHoldout still uses), exactly as customerSummary computed it before
 * the columnar engine: the oracle that the new engine must equal field for field.
 */
function referenceSummary(tx: readonly Transaction[], options: CustomerSummaryOptions = {}): CustomerSummaryResult {
  const settings = resolveSummarySettings("customerSummary", options);
  const asOf = options.asOf === undefined ? undefined : toTimestampOption("customerSummary", "asOf", options.asOf, settings.timeZone);
  const scan = scanTransactions(settings, tx, asOf);
  const rows: CustomerSummaryRow[] = [];
  let customersWithoutPurchase = 0;
  let unmatchedRefunds = 0;
  for (const [id, st] of scan.states) {
    const row = summaryRow(id, st, scan.asOfKey, settings);
    if (row === null) {
      customersWithoutPurchase++;
      unmatchedRefunds += st.refunds;
    } else rows.push(row);
  }
  rows.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const empty = scan.asOfMs !== scan.asOfMs;
  return {
    customers: rows,
    transactions: scan.transactions,
    asOf: empty ? null : new Date(scan.asOfMs).toISOString(),
    asOfPeriodStart: empty ? null : new Date(keyToInstant(scan.asOfKey, settings.timeZone)).toISOString(),
    period: settings.period,
    unit: settings.unit,
    timeZone: settings.timeZone,
    refunds: settings.refunds,
    excluded: {
      afterAsOf: scan.afterAsOf,
      customersAfterAsOf: scan.customersAfterAsOf,
      ignoredRefunds: scan.ignoredRefunds,
      customersWithoutPurchase,
      unmatchedRefunds,
    },
  };
}

const START = Date.UTC(2024, 0, 1);
const END = Date.UTC(2024, 5, 30);
const ids = fc.constantFrom<string | number>("a", "b", "c", "__proto__", "constructor", 7, "7", 0);
const cents = fc.integer({ min: -3000, max: 20000 }).map((c) => c / 100);
const record: fc.Arbitrary<Transaction> = fc
  .record({
    customerId: ids,
    at: fc.integer({ min: START, max: END }),
    format: fc.constantFrom("ms", "iso", "date", "local"),
    amount: cents,
    type: fc.constantFrom(undefined, undefined, undefined, "purchase", "refund"),
  })
  .map(({ customerId, at, format, amount, type }) => {
    const iso = new Date(at).toISOString();
    const occurredAt = format === "ms" ? at : format === "iso" ? iso : format === "date" ? new Date(at) : iso.slice(0, 19);
    return (type === undefined ? { customerId, occurredAt, amount } : { customerId, occurredAt, amount, type }) as Transaction;
  });
const options: fc.Arbitrary<CustomerSummaryOptions> = fc.record(
  {
    asOf: fc.integer({ min: START, max: END + 20 * 86_400_000 }),
    period: fc.constantFrom("day", "week", "month", "quarter", "year"),
    unit: fc.constantFrom("hour", "day", "week", "period"),
    timeZone: fc.constantFrom("UTC", "America/New_York", "Europe/Berlin"),
    refunds: fc.constantFrom("net", "ignore", "transaction"),
    includeFirstPurchase: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Split `tx` at the cut points into chunks (some possibly empty). */
function chunksOf<T>(tx: readonly T[], cuts: readonly number[]): T[][] {
  const bounds = cuts.map((c) => c % (tx.length + 1)).sort((x, y) => x - y);
  const out: T[][] = [];
  let from = 0;
  for (const b of [...bounds, tx.length]) {
    out.push(tx.slice(from, b));
    from = b;
  }
  return out;
}

describe("customerSummary (columnar engine)", () => {
  it("equals the per-customer state engine field for field (property)", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 80 }), options, (tx, opts) => {
        expect(customerSummary(tx, opts)).toEqual(referenceSummary(tx, opts));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("equals it for amounts with more than four decimals, huge sums and out-of-order days", () => {
    const tx: Transaction[] = [
      { customerId: "a", occurredAt: "2024-03-05T10:00:00Z", amount: 0.123456 },
      { customerId: "a", occurredAt: "2024-03-01T10:00:00Z", amount: 1 / 3 },
      { customerId: "a", occurredAt: "2024-03-05T11:00:00Z", amount: 2 / 7 },
      { customerId: "a", occurredAt: "2024-03-03T10:00:00Z", amount: -0.000001 },
      { customerId: "b", occurredAt: "2024-03-02", amount: 4e11 },
      { customerId: "b", occurredAt: "2024-03-03", amount: 4e11 },
      { customerId: "b", occurredAt: "2024-03-01", amount: 0.1 },
      { customerId: "b", occurredAt: "2024-03-04", amount: "1234567890123.4567" },
    ];
    for (let n = 0; n < 40; n++) tx.push({ customerId: "c", occurredAt: Date.UTC(2024, 2, 40 - n), amount: n + 0.25 });
    for (const refunds of ["net", "ignore", "transaction"] as const) {
      const r = customerSummary(tx, { refunds });
      expect(r).toEqual(referenceSummary(tx, { refunds }));
    }
    const c = customerSummary(tx).customers.find((row) => row.customerId === "c")!;
    expect(c).toMatchObject({ frequency: 39, recency: 39, orders: 40 });
  });
});

describe("amounts near the largest double", () => {
  const tx: Transaction[] = [
    { customerId: "a", occurredAt: "2024-01-01", amount: 1e308 },
    { customerId: "a", occurredAt: "2024-01-05", amount: 30 },
    { customerId: "a", occurredAt: "2024-01-09", amount: 15 },
  ];

  it("keep monetaryValue the mean of the repeat periods (no NaN)", () => {
    const row = customerSummary(tx).customers[0]!;
    expect(row).toMatchObject({ frequency: 2, recency: 8, monetaryValue: 22.5, totalSpend: 1e308 });
    expect(createCustomerSummaryAccumulator().addAll(tx.slice(1)).merge(createCustomerSummaryAccumulator().addAll(tx.slice(0, 1))).result()).toEqual(customerSummary(tx));
    expect(referenceSummary(tx)).toEqual(customerSummary(tx));
  });

  it("keep the calibration summary of splitCalibrationHoldout finite", () => {
    const row = splitCalibrationHoldout(tx, { calibrationEnd: "2024-01-06", observationEnd: "2024-01-10" }).customers[0]!;
    expect(row).toMatchObject({ frequency: 1, monetaryValue: 30, frequencyHoldout: 1, monetaryValueHoldout: 15 });
  });
});

describe("createCustomerSummaryAccumulator", () => {
  it("gives the customerSummary of everything added", () => {
    const tx: Transaction[] = [
      { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
      { customerId: "a", occurredAt: "2024-01-01", amount: 5 },
      { customerId: "a", occurredAt: "2024-01-08", amount: 30 },
      { customerId: "a", occurredAt: "2024-01-15", amount: 20 },
      { customerId: "b", occurredAt: "2024-02-15", amount: 20 },
    ];
    const acc = createCustomerSummaryAccumulator({ asOf: "2024-01-29" });
    for (const t of tx) acc.add(t);
    const r = acc.result();
    expect(r).toEqual(customerSummary(tx, { asOf: "2024-01-29" }));
    expect(r.customers[0]).toMatchObject({ frequency: 2, recency: 14, T: 28, monetaryValue: 25, totalSpend: 65 });
    expect(r.excluded).toMatchObject({ afterAsOf: 1, customersAfterAsOf: 1 });
    expect(acc.transactions).toBe(5);
  });

  it("gives the empty summary before any record", () => {
    expect(createCustomerSummaryAccumulator().result()).toEqual(customerSummary([]));
    expect(createCustomerSummaryAccumulator({ asOf: "2024-01-01" }).result()).toEqual(customerSummary([], { asOf: "2024-01-01" }));
  });

  it("equals the single pass for any split into chunks merged in any order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 60 }),
        options,
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (tx, opts, cuts, picks, viaJson) => {
          const parts = chunksOf(tx, cuts).map((chunk) => createCustomerSummaryAccumulator(opts).addAll(chunk));
          // merge in an arbitrary order and tree shape: repeatedly merge two picked parts
          let p = 0;
          while (parts.length > 1) {
            const i = picks[p++ % picks.length]! % parts.length;
            const a = parts.splice(i, 1)[0]!;
            const j = picks[p++ % picks.length]! % parts.length;
            const b = parts[j]!;
            parts[j] = a.merge(viaJson ? (JSON.parse(JSON.stringify(b)) as ReturnType<typeof b.toJSON>) : b);
          }
          expect(parts[0]!.result()).toEqual(customerSummary(tx, opts));
          expect(parts[0]!.transactions).toBe(tx.length);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it("ends the observation at the latest record of all parts when asOf is not given", () => {
    const a = createCustomerSummaryAccumulator().addAll([{ customerId: "x", occurredAt: "2024-01-01", amount: 1 }]);
    const b = createCustomerSummaryAccumulator().addAll([{ customerId: "y", occurredAt: "2024-03-01T12:00:00Z", amount: 1 }]);
    const r = a.merge(b).result();
    expect(r.asOf).toBe("2024-03-01T12:00:00.000Z");
    expect(r.customers.map((c) => c.T)).toEqual([60, 0]);
  });

  it("merges a copy of itself as a second reading of its records", () => {
    const tx: Transaction[] = [{ customerId: "x", occurredAt: "2024-01-01", amount: 1.5 }];
    const acc = createCustomerSummaryAccumulator().addAll(tx);
    expect(acc.merge(acc).result()).toEqual(customerSummary([...tx, ...tx]));
  });

  it("reads an async iterable through accumulateAsync", async () => {
    const tx: Transaction[] = [
      { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
      { customerId: 2, occurredAt: Date.UTC(2024, 0, 3), amount: 7 },
      { customerId: "a", occurredAt: new Date(Date.UTC(2024, 0, 9)), amount: 4, type: "refund" },
      { customerId: "a", occurredAt: "2024-01-20", amount: 12.5 },
    ];
    async function* rows(): AsyncGenerator<Transaction> {
      for (const t of tx) {
        await Promise.resolve();
        yield t;
      }
    }
    const acc = await accumulateAsync(rows(), createCustomerSummaryAccumulator({ unit: "week" }));
    expect(acc.result()).toEqual(customerSummary(tx, { unit: "week" }));
    expect(acc.result().customers.map((c) => c.totalSpend)).toEqual([7, 18.5]);
  });

  it("names a bad record by its position in the accumulator's stream and stays unchanged", () => {
    const acc = createCustomerSummaryAccumulator();
    acc.add({ customerId: "a", occurredAt: "2024-01-01", amount: 1 });
    expectCrmError(() => acc.add({ customerId: "a", occurredAt: "2024-13-01", amount: 1 }), "INVALID_INPUT", "transactions[1].occurredAt");
    expectCrmError(() => acc.addAll([{ customerId: "b", occurredAt: 0, amount: 1 }, { customerId: "", occurredAt: 0, amount: 1 } as never]), "INVALID_INPUT", "transactions[2].customerId");
    expectCrmError(() => acc.add({ customerId: "a", occurredAt: 0, amount: Number.NaN }), "INVALID_INPUT", "transactions[2].amount");
    expectCrmError(() => acc.add({ customerId: "a", occurredAt: 0, amount: 1, type: "gift" } as never), "INVALID_INPUT", "transactions[2].type");
    expectCrmError(() => acc.add(null as never), "INVALID_INPUT", "transactions[2]");
    expectCrmError(() => acc.addAll(42 as never), "INVALID_INPUT", "transactions");
    expect(acc.result()).toEqual(
      customerSummary([
        { customerId: "a", occurredAt: "2024-01-01", amount: 1 },
        { customerId: "b", occurredAt: 0, amount: 1 },
      ]),
    );
  });

  it("refuses to merge a state read with other options or a damaged state", () => {
    const acc = createCustomerSummaryAccumulator({ asOf: "2024-02-01", unit: "week" });
    expectCrmError(() => acc.merge(createCustomerSummaryAccumulator({ asOf: "2024-02-01" })), "INVALID_INPUT", "other.options.unit");
    expectCrmError(() => acc.merge(createCustomerSummaryAccumulator({ unit: "week" })), "INVALID_INPUT", "other.options.asOf");
    expectCrmError(() => acc.merge(42 as never), "INVALID_INPUT", "other");
    const good = createCustomerSummaryAccumulator({ asOf: "2024-02-01", unit: "week" })
      .add({ customerId: "a", occurredAt: "2024-01-01", amount: 1 })
      .toJSON();
    expectCrmError(() => acc.merge({ ...good, periodCustomer: [5] }), "INVALID_INPUT", "other");
    expectCrmError(() => acc.merge({ ...good, ids: [] }), "INVALID_INPUT", "other");
    expectCrmError(() => acc.merge({ ...good, transactions: -1 }), "INVALID_INPUT", "other");
    expect(acc.transactions).toBe(0);
    expect(acc.merge(good).result().customers).toHaveLength(1);
  });

  it("rejects bad options like customerSummary", () => {
    expectCrmError(() => createCustomerSummaryAccumulator({ period: "fortnight" as never }), "INVALID_OPTION", "options.period");
    expectCrmError(() => createCustomerSummaryAccumulator({ asOf: "soon" }), "INVALID_OPTION", "options.asOf");
  });

  it("keeps exact decimal totals across a JSON round trip, and does not mutate its input", () => {
    const tx = deepFreeze<Transaction[]>([
      { customerId: "__proto__", occurredAt: "2024-01-01", amount: "0.123456789" },
      { customerId: "__proto__", occurredAt: "2024-01-02", amount: 0.1 },
      { customerId: "constructor", occurredAt: "2024-01-02", amount: 3 },
    ]);
    const state = JSON.parse(JSON.stringify(createCustomerSummaryAccumulator().addAll(tx).toJSON())) as ReturnType<
      ReturnType<typeof createCustomerSummaryAccumulator>["toJSON"]
    >;
    const r = createCustomerSummaryAccumulator().merge(state).result();
    expect(r).toEqual(customerSummary(tx));
    expect(r.customers.map((c) => c.totalSpend)).toEqual([0.223456789, 3]);
  });
});
