import { describe, expect, it } from "vitest";
import { SpendColumn, readCustomerTotals } from "../../src/segmentation/customerTotals.js";
import { errorOf, messageOf, tx } from "./helpers.js";

const NONE = Number.NaN;
const read = (input: unknown, asOf = NONE, timeZone = "UTC", needRecency = true) =>
  readCustomerTotals("rfmScores", input, { asOf, timeZone, needRecency });

describe("readCustomerTotals", () => {
  it("reads transactions into per-customer orders, last purchase and net spend", () => {
    const t = read([tx("b", "2024-01-03", 10), tx("a", "2024-01-01", 5), tx("b", "2024-01-02", 4, "refund"), tx("b", "2024-01-01", 7)]);
    expect(t.kind).toBe("transactions");
    expect(t.ids).toEqual(["b", "a"]);
    expect(Array.from(t.orders)).toEqual([2, 1]);
    expect(Array.from(t.lastPurchase)).toEqual([Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 1)]);
    expect([t.spend.value(0), t.spend.value(1)]).toEqual([13, 5]);
    expect(t.latest).toBe(Date.UTC(2024, 0, 3));
    expect(t.records).toBe(4);
    expect(t.indexOf("a")).toBe(1);
    expect(t.indexOf("zz")).toBe(-1);
  });

  it("reads summary rows, with -1 for an id it has not seen", () => {
    const rows = [
      { customerId: "a", lastPurchaseAt: "2024-03-20", orders: 2, totalSpend: 120 },
      { customerId: 7, lastPurchaseAt: "2024-03-30", orders: 1, totalSpend: "20.5" },
      { customerId: "c", lastPurchaseAt: "2024-01-05", orders: 1, totalSpend: 3 },
      // no purchase: lastPurchaseAt may be omitted or null
      { customerId: "d", orders: 0, totalSpend: -5 },
      { customerId: "e", lastPurchaseAt: null, orders: 0, totalSpend: 0 },
    ];
    const t = read(rows);
    expect(t.kind).toBe("customers");
    expect(t.ids).toEqual(["a", "7", "c", "d", "e"]);
    expect(Array.from(t.orders)).toEqual([2, 1, 1, 0, 0]);
    expect(Array.from(t.lastPurchase)).toEqual([Date.UTC(2024, 2, 20), Date.UTC(2024, 2, 30), Date.UTC(2024, 0, 5), NONE, NONE]);
    expect([0, 1, 2, 3, 4].map((k) => t.spend.value(k))).toEqual([120, 20.5, 3, -5, 0]);
    // the latest lastPurchaseAt, although a later row has an earlier one
    expect(t.latest).toBe(Date.UTC(2024, 2, 30));
    expect(t.indexOf("7")).toBe(1);
    expect(t.indexOf("zz")).toBe(-1);
    expect(t.afterAsOf).toBe(0);
  });

  it("accepts a lastPurchaseAt before or at asOf and rejects one after it", () => {
    const row = { customerId: "a", lastPurchaseAt: "2024-03-20", orders: 1, totalSpend: 1 };
    expect(read([row], Date.UTC(2024, 2, 21)).ids).toEqual(["a"]);
    expect(read([row], Date.UTC(2024, 2, 20)).ids).toEqual(["a"]);
    expect(messageOf(() => read([row], Date.UTC(2024, 2, 19, 23, 59)))).toBe(
      'rfmScores: customers[0].lastPurchaseAt must not be after options.asOf, got "2024-03-20"',
    );
  });

  it("reads only totalSpend from summary rows when recency is not needed", () => {
    const t = read([{ customerId: "a", totalSpend: 4 }], NONE, "UTC", false);
    expect(Array.from(t.orders)).toEqual([0]);
    expect(t.spend.value(0)).toBe(4);
    expect(t.latest).toBeNaN();
  });

  it("states what is wrong with a summary row", () => {
    const row = { customerId: "a", lastPurchaseAt: "2024-01-01", orders: 1, totalSpend: 1 };
    expect(messageOf(() => read([row, 5]))).toBe("rfmScores: customers[1] must be an object, got 5");
    expect(messageOf(() => read([row, { ...row }]))).toBe('rfmScores: customers[1].customerId must be unique, got "a"');
    expect(messageOf(() => read([{ ...row, customerId: true }]))).toBe(
      "rfmScores: customers[0].customerId must be a non-empty string or a finite number, got true",
    );
    expect(messageOf(() => read([{ ...row, orders: 0 }]))).toBe("rfmScores: customers[0].orders must be >= 1 when lastPurchaseAt is set, got 0");
  });

  it("states what is wrong with a transaction", () => {
    const ok = tx("a", "2024-01-01", 1);
    expect(messageOf(() => read([ok, 7]))).toBe("rfmScores: transactions[1] must be an object, got 7");
    expect(messageOf(() => read([ok, ["a"]]))).toBe("rfmScores: transactions[1] must be an object, got an array");
    expect(messageOf(() => read([{ ...ok, type: "gift" }]))).toBe('rfmScores: transactions[0].type must be "purchase" or "refund", got "gift"');
    for (const id of [["x"], { length: 2 }, Number.NaN, Number.POSITIVE_INFINITY, undefined, null, true]) {
      expect(errorOf(() => read([{ ...ok, customerId: id }]))).toBe("INVALID_INPUT transactions[0].customerId");
    }
    expect(messageOf(() => read([{ ...ok, customerId: Number.NaN }]))).toBe(
      "rfmScores: transactions[0].customerId must be a non-empty string or a finite number, got NaN",
    );
  });

  it("reads a refund of a positive amount as a negative one and a typed purchase as a purchase", () => {
    const t = read([tx("a", "2024-01-02", 30, "purchase"), tx("a", "2024-01-03", 10, "refund"), tx("a", "2024-01-04", -5, "refund")]);
    expect(t.spend.value(0)).toBe(15);
    expect(Array.from(t.orders)).toEqual([1]);
    expect(Array.from(t.lastPurchase)).toEqual([Date.UTC(2024, 0, 2)]);
    expect(t.latest).toBe(Date.UTC(2024, 0, 4));
  });

  it("reads ISO dates without offset in the time zone and with offset as given", () => {
    const t = read([tx("a", "2024-07-01T00:30:00", 1), tx("b", "2024-07-01T00:30:00Z", 1)], NONE, "Europe/Berlin");
    expect(Array.from(t.lastPurchase)).toEqual([Date.UTC(2024, 5, 30, 22, 30), Date.UTC(2024, 6, 1, 0, 30)]);
  });

  it("keeps more than 1024 customers apart (the columns grow)", () => {
    const rows = Array.from({ length: 2500 }, (_, i) => tx(`c${i}`, "2024-01-01", i + 0.5));
    rows.push(tx("c2499", "2024-01-02", 1), tx("c0", "2024-01-03", 2));
    const t = read(rows);
    expect(t.ids.length).toBe(2500);
    for (const k of [0, 1023, 1024, 1025, 2047, 2048, 2499]) {
      expect(t.ids[k]).toBe(`c${k}`);
    }
    expect([0, 1023, 1024, 2048, 2499].map((k) => t.spend.value(k))).toEqual([2.5, 1023.5, 1024.5, 2048.5, 2500.5]);
    expect(t.orders[2499]).toBe(2);
    expect(t.lastPurchase[2499]).toBe(Date.UTC(2024, 0, 2));
    expect(t.lastPurchase[1500]).toBe(Date.UTC(2024, 0, 1));
  });

  it("keeps numeric ids apart from each other and equal to their string form", () => {
    const t = read([
      { customerId: 1, occurredAt: "2024-01-01", amount: 1 },
      { customerId: 2, occurredAt: "2024-01-01", amount: 2 },
      { customerId: 1, occurredAt: "2024-01-02", amount: 3 },
      { customerId: "2", occurredAt: "2024-01-02", amount: 4 },
    ]);
    expect(t.ids).toEqual(["1", "2"]);
    expect([t.spend.value(0), t.spend.value(1)]).toEqual([4, 6]);
  });

  it("decides between transactions and summary rows by the first record with occurredAt, amount or totalSpend", () => {
    const row = { customerId: "b", totalSpend: 5 };
    expect(messageOf(() => read([{ customerId: "a", occurredAt: "2024-01-01" }, row]))).toBe(
      "rfmScores: transactions[0].amount must be a finite amount (number, decimal string or Decimal), got undefined",
    );
    expect(errorOf(() => read([{ customerId: "a", amount: 5 }, row]))).toBe("INVALID_INPUT transactions[0].occurredAt");
    expect(errorOf(() => read([{ customerId: "a" }, row]))).toBe("INVALID_INPUT customers[0].totalSpend");
    expect(read([{ customerId: "a", totalSpend: 1, amount: 2 }], NONE, "UTC", false).kind).toBe("customers");
  });

  it("keeps the spend of the 1025th customer when it is the last one read", () => {
    // 1025 customers: the 1025th is the first past the initial 1024 slots
    const rows = Array.from({ length: 1025 }, (_, i) => tx(`c${i}`, "2024-01-01", i + 0.25));
    const t = read(rows);
    expect(t.spend.value(1024)).toBe(1024.25);
    expect(t.spend.value(1023)).toBe(1023.25);
  });
});

describe("SpendColumn", () => {
  it("sums amounts with up to four decimals exactly", () => {
    const s = new SpendColumn();
    s.grow(2);
    for (let i = 0; i < 10; i++) s.add(0, 0.1);
    s.add(1, 0.0001);
    s.add(1, -0.0001);
    expect(s.value(0)).toBe(1);
    expect(Object.is(s.value(1), 0)).toBe(true);
  });

  it("sums amounts with more decimals exactly as decimals", () => {
    const s = new SpendColumn();
    s.add(0, 0.00001);
    s.add(0, 0.1);
    s.add(0, 0.2);
    expect(s.value(0)).toBe(0.30001);
  });

  it("stays exact when a sum grows past 2^50 / 10^4", () => {
    // each amount fits the scaled integers, but ten of them pass 2^53 / 10^4, where scaled
    // integers lose units: the exact sum 1000000000000.0011 would come out as ...0012
    const s = new SpendColumn();
    for (let i = 0; i < 10; i++) s.add(0, 100000000000.0001);
    s.add(0, 0.0001);
    expect(s.value(0)).toBe(1000000000000.0011);
    const big = new SpendColumn();
    big.add(0, 1e15);
    big.add(0, 1e15);
    big.add(0, 0.01);
    expect(big.value(0)).toBe(2000000000000000);
  });

  it("grows to any number of customers, keeping the sums made so far", () => {
    const s = new SpendColumn();
    s.add(5, 3);
    s.grow(5000);
    s.add(4999, 7);
    s.grow(10);
    expect([s.value(5), s.value(4999), s.value(100)]).toEqual([3, 7, 0]);
  });
});
