import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerSummary, rfmScores } from "../../src/index.js";
import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import { formatIsoInstant as fastIsoString, parseUtcIsoFast as fastUtcIso } from "../../src/core/fastIso.js";
import { createDayCounter } from "../../src/segmentation/customerTotals.js";
import { parseTimestamp } from "../../src/core/time.js";
import { cdnowRfmFixture, cdnowTransactions, deepFreeze, errorOf, messageOf, tx, type Tx } from "./helpers.js";

const threeCustomers = (): Tx[] => [
  tx("a", "2024-03-01", 50),
  tx("a", "2024-03-20", 70),
  tx("b", "2024-01-05", 20),
  tx("c", "2024-03-30", 300),
];

describe("rfmScores", () => {
  it("scores the worked example of docs/metrics/segmentation.md", () => {
    const r = rfmScores(threeCustomers(), { bins: 3 });
    expect(r.asOf).toBe("2024-03-30T00:00:00.000Z");
    expect(r.n).toBe(3);
    expect(r.records).toBe(4);
    expect(r.ties).toBe("min");
    expect(r.customers.map((c) => [c.customerId, c.recencyDays, c.frequency, c.monetary])).toEqual([
      ["a", 10, 2, 120],
      ["b", 85, 1, 20],
      ["c", 0, 1, 300],
    ]);
    expect(r.customers.map((c) => c.code)).toEqual(["232", "111", "313"]);
    expect(r.customers.map((c) => c.scoreSum)).toEqual([7, 3, 7]);
    // frequency 1 is a tie block at ranks 1-2 of 3: "min" places it at rank 1 -> 1 + floor(3 * 0.5 / 3) = 1
    expect(r.cutPoints).toEqual({ recencyDays: [10, 0], frequency: [2, 2], monetary: [120, 300] });
    expect(r.scoreCounts).toEqual({ recency: [1, 1, 1], frequency: [2, 0, 1], monetary: [1, 1, 1] });
    expect(r.customers[0]!.lastPurchaseAt).toBe("2024-03-20T00:00:00.000Z");
  });

  it("places tie blocks by their middle with ties: average and by their last member with ties: max", () => {
    const avg = rfmScores(threeCustomers(), { bins: 3, ties: "average" });
    // the block at ranks 1-2 sits at 1.5 - 0.5 = 1 -> 1 + floor(3 * 1 / 3) = 2
    expect(avg.customers.map((c) => c.code)).toEqual(["232", "121", "323"]);
    expect(avg.cutPoints.frequency).toEqual([1, 2]);
    const max = rfmScores(threeCustomers(), { bins: 3, ties: "max" });
    // the block at ranks 1-2 sits at 2 - 0.5 -> 1 + floor(3 * 1.5 / 3) = 2
    expect(max.customers.map((c) => c.frequencyScore)).toEqual([3, 2, 2]);
  });

  for (const [ties, column] of [["min", 3], ["average", 4]] as const) {
    it(`reproduces pandas rank(method="${ties}") scores and values on the CDNOW sample`, () => {
      const fixture = cdnowRfmFixture();
      const r = rfmScores(cdnowTransactions(), { asOf: fixture.asOf, ties });
      expect(r.n).toBe(2357);
      expect(r.records).toBe(6919);
      let checked = 0;
      for (const c of r.customers) {
        const expected = fixture.customers[c.customerId]!;
        expect(c.recencyDays).toBe(expected[0]);
        expect(c.frequency).toBe(expected[1]);
        expect(c.monetary).toBeCloseTo(expected[2], 9);
        expect(c.code).toBe(expected[column]);
        checked++;
      }
      expect(checked).toBe(fixture.n);
      if (ties === "min") {
        expect(r.cutPoints).toEqual({ recencyDays: [511, 485, 441, 150], frequency: [2, 2, 3, 5], monetary: [15.54, 31.97, 59.26, 130.54] });
        expect(r.scoreCounts.frequency).toEqual([1205, 0, 406, 358, 388]);
      }
    });
  }

  it("gives every customer the same score when all are tied: 1 with min, the middle with average", () => {
    const ids = ["x", "y", "z", "w"];
    const same = ids.map((id) => tx(id, "2024-05-01", 10));
    expect(new Set(rfmScores(same).customers.map((c) => c.code))).toEqual(new Set(["111"]));
    expect(rfmScores(same).cutPoints.frequency).toEqual([null, null, null, null]);
    expect(new Set(rfmScores(same, { ties: "average" }).customers.map((c) => c.code))).toEqual(new Set(["333"]));
    expect(rfmScores(same, { ties: "average", bins: 4 }).customers[0]!.code).toBe("333");
    expect(rfmScores(same, { ties: "max" }).customers[0]!.code).toBe("555");
  });

  it("scores a single customer in the middle", () => {
    for (const ties of ["min", "average", "max"] as const) {
      const r = rfmScores([tx("solo", "2024-01-01", 5)], { ties });
      expect(r.customers[0]!.code).toBe("333");
      expect(r.customers[0]!.recencyDays).toBe(0);
    }
  });

  it("spreads fewer customers than bins by rank", () => {
    const r = rfmScores([tx("a", "2024-01-01", 5), tx("b", "2024-01-02", 9)]);
    expect(r.customers.map((c) => c.monetaryScore)).toEqual([2, 4]);
    expect(r.cutPoints.monetary).toEqual([5, 9, 9, null]);
    expect(r.cutPoints.recencyDays).toEqual([1, 0, 0, null]);
  });

  it("gives equal values the same score whatever their position", () => {
    const rows: Tx[] = [];
    for (let i = 0; i < 10; i++) rows.push(tx(`c${i}`, "2024-02-01", i < 6 ? 10 : 10 + i));
    const r = rfmScores(rows);
    const tied = r.customers.filter((c) => c.monetary === 10).map((c) => c.monetaryScore);
    expect(new Set(tied).size).toBe(1);
    // six tied of ten, ranks 1-6: min places them at rank 1 -> 1; average at 3.5 -> 1 + floor(5 * 3 / 10) = 2
    expect(tied[0]).toBe(1);
    expect(rfmScores(rows, { ties: "average" }).customers[0]!.monetaryScore).toBe(2);
  });

  it("subtracts refunds from the spend without counting them as orders", () => {
    const r = rfmScores([
      tx("a", "2024-01-01", 100),
      tx("a", "2024-01-05", -30),
      tx("a", "2024-01-06", 20, "refund"),
      tx("b", "2024-01-03", 40),
    ]);
    const a = r.customers.find((c) => c.customerId === "a")!;
    expect(a.frequency).toBe(1);
    expect(a.totalSpend).toBe(50);
    expect(a.lastPurchaseAt).toBe("2024-01-01T00:00:00.000Z");
    // asOf is the latest record, a refund included
    expect(r.asOf).toBe("2024-01-06T00:00:00.000Z");
    expect(a.recencyDays).toBe(5);
  });

  it("lists customers with only refunds as unscored", () => {
    const r = rfmScores([tx("a", "2024-01-01", 100), tx("ghost", "2024-01-02", -10), tx("z", "2024-01-02", 0, "refund")]);
    expect(r.n).toBe(1);
    expect(r.unscoredCustomerIds).toEqual(["ghost", "z"]);
  });

  it("counts zero-amount purchases as orders", () => {
    const r = rfmScores([tx("a", "2024-01-01", 0), tx("a", "2024-01-02", 0)]);
    expect(r.customers[0]!.frequency).toBe(2);
    expect(r.customers[0]!.totalSpend).toBe(0);
  });

  it("works with ids such as __proto__ and constructor, numbers as ids", () => {
    const r = rfmScores([
      tx("__proto__", "2024-01-01", 1),
      tx("constructor", "2024-01-02", 2),
      tx("__proto__", "2024-01-03", 3),
      { customerId: 7, occurredAt: "2024-01-04", amount: 4 },
    ]);
    expect(r.customers.map((c) => [c.customerId, c.frequency])).toEqual([
      ["7", 1],
      ["__proto__", 2],
      ["constructor", 1],
    ]);
  });

  it("counts duplicate records twice (de-duplicate before scoring)", () => {
    const r = rfmScores([tx("a", "2024-01-01", 10), tx("a", "2024-01-01", 10)]);
    expect(r.customers[0]!.frequency).toBe(2);
    expect(r.customers[0]!.totalSpend).toBe(20);
  });

  it("ignores transactions after asOf and keeps one at exactly asOf", () => {
    const r = rfmScores(
      [tx("a", "2024-01-01T00:00:00Z", 10), tx("a", "2024-02-01T00:00:00Z", 10), tx("b", "2024-03-01T00:00:00Z", 10)],
      { asOf: "2024-02-01T00:00:00Z" },
    );
    expect(r.ignoredAfterAsOf).toBe(1);
    expect(r.n).toBe(1);
    expect(r.customers[0]!.frequency).toBe(2);
    expect(r.customers[0]!.recencyDays).toBe(0);
    expect(r.asOf).toBe("2024-02-01T00:00:00.000Z");
  });

  it("counts recency in calendar days of the time zone, across DST", () => {
    // 2024-03-10 is the spring-forward day in New York
    const ny = [tx("a", "2024-03-10T03:30:00Z", 10)];
    expect(rfmScores(ny, { asOf: "2024-03-11T12:00:00Z", timeZone: "America/New_York" }).customers[0]!.recencyDays).toBe(2);
    expect(rfmScores(ny, { asOf: "2024-03-11T12:00:00Z" }).customers[0]!.recencyDays).toBe(1);
    // 2024-10-27 is the fall-back day in Berlin: 00:30 CEST to 23:30 CET is the same local day
    const berlin = [tx("a", "2024-10-26T22:30:00Z", 10)];
    expect(rfmScores(berlin, { asOf: "2024-10-27T22:30:00Z", timeZone: "Europe/Berlin" }).customers[0]!.recencyDays).toBe(0);
    expect(rfmScores(berlin, { asOf: "2024-10-27T22:30:00Z" }).customers[0]!.recencyDays).toBe(1);
    // ISO strings without an offset are read in the zone
    const local = rfmScores([tx("a", "2024-07-01T00:30:00", 1)], { timeZone: "Europe/Berlin" });
    expect(local.customers[0]!.lastPurchaseAt).toBe("2024-06-30T22:30:00.000Z");
  });

  it("accepts Date objects, epoch milliseconds, decimal strings and Decimal amounts, summed exactly", () => {
    const r = rfmScores([
      { customerId: "a", occurredAt: new Date("2024-01-01T00:00:00Z"), amount: 0.1 },
      { customerId: "a", occurredAt: Date.UTC(2024, 0, 2), amount: "0.2" },
      { customerId: "a", occurredAt: "2024-01-03", amount: new Decimal("0.000001") },
      { customerId: "b", occurredAt: "2024-01-03", amount: 1e15 },
      { customerId: "b", occurredAt: "2024-01-03", amount: 1e15 },
      { customerId: "b", occurredAt: "2024-01-03", amount: 0.01 },
    ] as never);
    const [a, b] = r.customers;
    expect(a!.totalSpend).toBe(0.300001);
    expect(b!.totalSpend).toBe(2000000000000000);
    expect(a!.frequency).toBe(3);
  });

  it("uses net spend per order with monetary: average", () => {
    const r = rfmScores(threeCustomers(), { bins: 3, monetary: "average" });
    expect(r.monetaryBasis).toBe("average");
    expect(r.customers.map((c) => c.monetary)).toEqual([60, 20, 300]);
    expect(r.customers.map((c) => c.totalSpend)).toEqual([120, 20, 300]);
  });

  it("scores with given thresholds, boundary values scoring up", () => {
    const thresholds = { recencyDays: [60, 30, 7, 1], frequency: [2, 3, 5, 10], monetary: [50, 100, 250, 500] };
    const rows = [
      tx("a", "2024-03-30", 500),
      tx("b", "2024-03-29", 49.99),
      tx("c", "2024-01-30", 100),
      tx("c", "2024-01-31", 0),
    ];
    const r = rfmScores(rows, { method: "thresholds", thresholds });
    expect(r.method).toBe("thresholds");
    expect(r.bins).toBe(5);
    expect(r.cutPoints).toEqual(thresholds);
    // a: 0 days -> 5, 1 order -> 1, 500 -> 5; b: 1 day -> 5 (<= 1), 49.99 -> 1; c: 59 days -> 2, 2 orders -> 2, 100 -> 3
    expect(r.customers.map((c) => c.code)).toEqual(["515", "511", "223"]);
  });

  it("accepts customer summary rows and agrees with transactions", () => {
    const rows = [
      { customerId: "a", lastPurchaseAt: "2024-03-20", orders: 2, totalSpend: 120 },
      { customerId: "b", lastPurchaseAt: "2024-01-05", orders: 1, totalSpend: "20" },
      { customerId: "c", lastPurchaseAt: "2024-03-30", orders: 1, totalSpend: 300 },
      { customerId: "d", lastPurchaseAt: null, orders: 0, totalSpend: -5 },
    ];
    const fromRows = rfmScores(rows, { bins: 3 });
    const fromTx = rfmScores(threeCustomers(), { bins: 3 });
    expect(fromRows.customers).toEqual(fromTx.customers);
    expect(fromRows.customers.map((c) => c.code)).toEqual(["232", "111", "313"]);
    expect(fromRows.unscoredCustomerIds).toEqual(["d"]);
  });

  it("accepts the rows of customerSummary", () => {
    const data = cdnowTransactions().slice(0, 400);
    const summary = customerSummary(data as never);
    const fromSummary = rfmScores(summary.customers);
    const fromTx = rfmScores(data);
    expect(fromSummary.customers.map((c) => c.code)).toEqual(fromTx.customers.map((c) => c.code));
  });

  it("returns empty scores for empty input", () => {
    const r = rfmScores([]);
    expect(r.n).toBe(0);
    expect(r.asOf).toBeNull();
    expect(r.customers).toEqual([]);
    expect(r.cutPoints.frequency).toEqual([null, null, null, null]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("accepts any iterable", () => {
    const set = new Set(threeCustomers());
    expect(rfmScores(set, { bins: 3 }).customers.map((c) => c.code)).toEqual(["232", "111", "313"]);
  });

  it("does not mutate its input", () => {
    const rows = deepFreeze(threeCustomers());
    expect(() => rfmScores(rows)).not.toThrow();
  });

  it("rejects invalid records with the path of the value", () => {
    expect(errorOf(() => rfmScores([tx("a", "2024-01-01", 1), tx("b", "2024-01-01", Number.NaN)]))).toBe(
      "INVALID_INPUT transactions[1].amount",
    );
    expect(errorOf(() => rfmScores([tx("a", "2024-01-01", Number.POSITIVE_INFINITY)]))).toBe("INVALID_INPUT transactions[0].amount");
    expect(errorOf(() => rfmScores([tx("a", "2024-02-30", 1)]))).toBe("INVALID_INPUT transactions[0].occurredAt");
    expect(errorOf(() => rfmScores([{ customerId: "a", occurredAt: new Date(Number.NaN), amount: 1 }]))).toBe(
      "INVALID_INPUT transactions[0].occurredAt",
    );
    expect(errorOf(() => rfmScores([{ customerId: "", occurredAt: "2024-01-01", amount: 1 }]))).toBe(
      "INVALID_INPUT transactions[0].customerId",
    );
    expect(errorOf(() => rfmScores([tx("a", "2024-01-01", 1), null as never]))).toBe("INVALID_INPUT transactions[1]");
    expect(errorOf(() => rfmScores([{ customerId: "a", occurredAt: "2024-01-01", amount: 1, type: "gift" } as never]))).toBe(
      "INVALID_INPUT transactions[0].type",
    );
    expect(errorOf(() => rfmScores("abc" as never))).toBe("INVALID_INPUT input");
    expect(messageOf(() => rfmScores([tx("a", "2024-01-01", Number.NaN)]))).toBe(
      "rfmScores: transactions[0].amount must be a finite amount (number, decimal string or Decimal), got NaN",
    );
  });

  it("names a first record that is not a transaction as transactions[0], not as a summary row", () => {
    const rest = [tx("a", "2024-01-01", 1), tx("b", "2024-01-02", 2)];
    for (const first of [null, 7, [], "x"]) {
      expect(errorOf(() => rfmScores([first as never, ...rest]))).toBe("INVALID_INPUT transactions[0]");
    }
    expect(messageOf(() => rfmScores([null as never, ...rest]))).toBe("rfmScores: transactions[0] must be an object, got null");
    // A first transaction without occurredAt is still a transaction (it has an amount).
    expect(messageOf(() => rfmScores([{ customerId: "a", amount: 5 } as never, ...rest]))).toBe(
      "rfmScores: transactions[0].occurredAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got undefined",
    );
    // Summary rows after a bad first record are named customers[i].
    const row = { customerId: "a", lastPurchaseAt: "2024-01-01", orders: 1, totalSpend: 1 };
    expect(errorOf(() => rfmScores([null as never, row]))).toBe("INVALID_INPUT customers[0]");
    expect(errorOf(() => rfmScores([{ customerId: "z" } as never, row]))).toBe("INVALID_INPUT customers[0].totalSpend");
    // With no record that says which kind, the list is read as transactions.
    expect(errorOf(() => rfmScores([null as never]))).toBe("INVALID_INPUT transactions[0]");
    expect(errorOf(() => rfmScores([{ customerId: "z" } as never]))).toBe("INVALID_INPUT transactions[0].occurredAt");
  });

  it("rejects invalid summary rows", () => {
    const row = { customerId: "a", lastPurchaseAt: "2024-01-01", orders: 1, totalSpend: 1 };
    expect(errorOf(() => rfmScores([row, { ...row }]))).toBe("INVALID_INPUT customers[1].customerId");
    expect(errorOf(() => rfmScores([{ ...row, orders: 1.5 }]))).toBe("INVALID_INPUT customers[0].orders");
    expect(errorOf(() => rfmScores([{ ...row, orders: 0 }]))).toBe("INVALID_INPUT customers[0].orders");
    expect(errorOf(() => rfmScores([{ ...row, lastPurchaseAt: undefined }]))).toBe("INVALID_INPUT customers[0].lastPurchaseAt");
    expect(errorOf(() => rfmScores([{ ...row, totalSpend: "x" }]))).toBe("INVALID_INPUT customers[0].totalSpend");
    expect(errorOf(() => rfmScores([row], { asOf: "2023-12-31" }))).toBe("INVALID_INPUT customers[0].lastPurchaseAt");
    expect(errorOf(() => rfmScores([row, 5 as never]))).toBe("INVALID_INPUT customers[1]");
  });

  it("rejects invalid options", () => {
    const rows = threeCustomers();
    expect(errorOf(() => rfmScores(rows, { bins: 1 }))).toBe("INVALID_OPTION options.bins");
    expect(errorOf(() => rfmScores(rows, { bins: 10 }))).toBe("INVALID_OPTION options.bins");
    expect(errorOf(() => rfmScores(rows, { bins: 2.5 }))).toBe("INVALID_OPTION options.bins");
    expect(errorOf(() => rfmScores(rows, { method: "ntile" as never }))).toBe("INVALID_OPTION options.method");
    expect(errorOf(() => rfmScores(rows, { monetary: "mean" as never }))).toBe("INVALID_OPTION options.monetary");
    expect(errorOf(() => rfmScores(rows, { ties: "first" as never }))).toBe("INVALID_OPTION options.ties");
    expect(errorOf(() => rfmScores(rows, { asOf: "yesterday" }))).toBe("INVALID_OPTION options.asOf");
    expect(errorOf(() => rfmScores(rows, { timeZone: "Mars/Base" }))).toBe("INVALID_OPTION options.timeZone");
    expect(errorOf(() => rfmScores(rows, 3 as never))).toBe("INVALID_OPTION options");
    expect(errorOf(() => rfmScores(rows, { method: "thresholds" }))).toBe("INVALID_OPTION options.thresholds");
    const t = { recencyDays: [30, 7], frequency: [2, 5], monetary: [10, 100] };
    expect(errorOf(() => rfmScores(rows, { thresholds: t }))).toBe("INVALID_OPTION options.thresholds");
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: t, bins: 5 }))).toBe("INVALID_OPTION options.bins");
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: { ...t, recencyDays: [7, 30] } }))).toBe(
      "INVALID_OPTION options.thresholds.recencyDays[1]",
    );
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: { ...t, frequency: [5, 2] } }))).toBe(
      "INVALID_OPTION options.thresholds.frequency[1]",
    );
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: { ...t, monetary: [10] } }))).toBe(
      "INVALID_OPTION options.thresholds",
    );
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: { ...t, monetary: [null, 5] } }))).toBe(
      "INVALID_OPTION options.thresholds.monetary[1]",
    );
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: { ...t, monetary: [1, Number.NaN] } }))).toBe(
      "INVALID_OPTION options.thresholds.monetary[1]",
    );
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: { ...t, monetary: [] } }))).toBe(
      "INVALID_OPTION options.thresholds.monetary",
    );
    expect(errorOf(() => rfmScores(rows, { method: "thresholds", thresholds: 5 as never }))).toBe("INVALID_OPTION options.thresholds");
  });

  it("reports its defaults and accepts them given explicitly", () => {
    const r = rfmScores(threeCustomers());
    expect([r.method, r.bins, r.ties, r.monetaryBasis, r.timeZone]).toEqual(["quantile", 5, "min", "total", "UTC"]);
    const explicit = rfmScores(threeCustomers(), { method: "quantile", bins: 5, ties: "min", monetary: "total", timeZone: "UTC" });
    expect(explicit).toEqual(r);
  });

  it("accepts bins equal to the number of thresholds + 1", () => {
    const thresholds = { recencyDays: [30, 7], frequency: [2, 5], monetary: [10, 100] };
    const r = rfmScores(threeCustomers(), { method: "thresholds", thresholds, bins: 3 });
    expect(r.bins).toBe(3);
    expect(r.ties).toBeNull();
    // a: 10 days -> 2, 2 orders -> 2, 120 -> 3; b: 85 days -> 1, 1 -> 1, 20 -> 2; c: 0 days -> 3, 1 -> 1, 300 -> 3
    expect(r.customers.map((c) => c.code)).toEqual(["223", "112", "313"]);
  });

  it("puts a value whose position is exactly on a bin edge in the upper bin", () => {
    // three distinct values, two bins: the middle one sits at rank 2 - 0.5 = 1.5, and
    // 1 + floor(2 x 1.5 / 3) = 2
    const r = rfmScores([tx("a", "2024-01-01", 10), tx("b", "2024-01-01", 20), tx("c", "2024-01-01", 30)], { bins: 2 });
    expect(r.customers.map((c) => c.monetaryScore)).toEqual([1, 2, 2]);
    expect(r.cutPoints.monetary).toEqual([20]);
    expect(r.scoreCounts.monetary).toEqual([1, 2]);
  });

  it("counts the customers of every score of every dimension", () => {
    const rows: Tx[] = [];
    for (let i = 0; i < 5; i++) for (let j = 0; j <= i; j++) rows.push(tx(`c${i}`, `2024-01-0${i + 1}`, 10 * (i + 1)));
    const r = rfmScores(rows);
    // c4 bought last, most often and most: every dimension ranks c0..c4 from 1 to 5
    expect(r.customers.map((c) => c.code)).toEqual(["111", "222", "333", "444", "555"]);
    expect(r.scoreCounts).toEqual({ recency: [1, 1, 1, 1, 1], frequency: [1, 1, 1, 1, 1], monetary: [1, 1, 1, 1, 1] });
  });

  it("never lets a value reach a null cut point", () => {
    const thresholds = { recencyDays: [30, null], frequency: [1, null], monetary: [0, null] };
    const r = rfmScores(threeCustomers(), { method: "thresholds", thresholds });
    // every customer reaches the first cut point of each dimension and none the null one
    expect(r.customers.map((c) => c.code)).toEqual(["222", "122", "222"]);
    expect(r.scoreCounts).toEqual({ recency: [1, 2, 0], frequency: [0, 3, 0], monetary: [0, 3, 0] });
  });

  it("stores a threshold of -0 as 0", () => {
    const thresholds = { recencyDays: [30], frequency: [2], monetary: [-0] };
    expect(Object.is(rfmScores(threeCustomers(), { method: "thresholds", thresholds }).cutPoints.monetary[0], 0)).toBe(true);
  });

  it("states what is wrong with an option", () => {
    const rows = threeCustomers();
    const t = { recencyDays: [30, 7], frequency: [2, 5], monetary: [10, 100] };
    const thresholds = (over: object) => ({ method: "thresholds" as const, thresholds: { ...t, ...over } as never });
    expect(messageOf(() => rfmScores(rows, { method: "ntile" as never }))).toBe('rfmScores: options.method must be one of "quantile", "thresholds", got "ntile"');
    expect(messageOf(() => rfmScores(rows, { method: "thresholds" }))).toBe(
      'rfmScores: options.thresholds must be given when method is "thresholds", got undefined',
    );
    expect(messageOf(() => rfmScores(rows, { thresholds: t }))).toBe(
      'rfmScores: options.thresholds is only read when method is "thresholds", got an object',
    );
    expect(messageOf(() => rfmScores(rows, { method: "thresholds", thresholds: t, bins: 5 }))).toBe(
      "rfmScores: options.bins must equal the number of thresholds + 1 (3), got 5",
    );
    expect(messageOf(() => rfmScores(rows, { method: "thresholds", thresholds: 5 as never }))).toBe(
      "rfmScores: options.thresholds must be an object { recencyDays, frequency, monetary }, got 5",
    );
    expect(messageOf(() => rfmScores(rows, thresholds({ monetary: [] })))).toBe(
      "rfmScores: options.thresholds.monetary must be an array of 1 to 8 cut points, got an array",
    );
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(errorOf(() => rfmScores(rows, thresholds({ frequency: nine })))).toBe("INVALID_OPTION options.thresholds.frequency");
    expect(errorOf(() => rfmScores(rows, thresholds({ frequency: "2,5" })))).toBe("INVALID_OPTION options.thresholds.frequency");
    expect(messageOf(() => rfmScores(rows, thresholds({ monetary: [1, "5"] })))).toBe(
      'rfmScores: options.thresholds.monetary[1] must be a finite number or null, got "5"',
    );
    expect(messageOf(() => rfmScores(rows, thresholds({ monetary: [null, 5] })))).toBe(
      "rfmScores: options.thresholds.monetary[1] must be null after a null cut point, got 5",
    );
    expect(messageOf(() => rfmScores(rows, thresholds({ recencyDays: [7, 30] })))).toBe(
      "rfmScores: options.thresholds.recencyDays[1] must be <= the previous cut point 7, got 30",
    );
    expect(messageOf(() => rfmScores(rows, thresholds({ frequency: [5, 2] })))).toBe(
      "rfmScores: options.thresholds.frequency[1] must be >= the previous cut point 5, got 2",
    );
    expect(messageOf(() => rfmScores(rows, thresholds({ monetary: [10] })))).toBe(
      "rfmScores: options.thresholds must have the same number of cut points for recencyDays, frequency and monetary, got an object",
    );
    expect(errorOf(() => rfmScores(rows, thresholds({ recencyDays: [30] })))).toBe("INVALID_OPTION options.thresholds");
    // equal neighbours and trailing nulls are allowed
    expect(rfmScores(rows, thresholds({ recencyDays: [7, 7], frequency: [2, null], monetary: [10, 10] })).cutPoints).toEqual({
      recencyDays: [7, 7],
      frequency: [2, null],
      monetary: [10, 10],
    });
  });

  describe("properties", () => {
    const txArb = fc.array(
      fc.record({
        customerId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "__proto__"),
        occurredAt: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2024, 11, 31) }),
        amount: fc.integer({ min: -5000, max: 50000 }).map((c) => c / 100),
      }),
      { minLength: 1, maxLength: 60 },
    );

    it("does not depend on the input order", () => {
      fc.assert(
        fc.property(txArb, fc.nat(), (rows, seed) => {
          const shuffled = [...rows].sort((x, y) => ((x.occurredAt * 31 + seed) % 97) - ((y.occurredAt * 31 + seed) % 97));
          expect(rfmScores(shuffled)).toEqual(rfmScores(rows));
        }),
        { seed: 42, numRuns: 100 },
      );
    });

    it("keeps scores in 1..bins, monotone in the values, with counts that add up", () => {
      fc.assert(
        fc.property(txArb, fc.integer({ min: 2, max: 9 }), fc.constantFrom("min" as const, "average" as const, "max" as const), (rows, bins, ties) => {
          const r = rfmScores(rows, { bins, ties });
          for (const key of ["recency", "frequency", "monetary"] as const) {
            expect(r.scoreCounts[key].reduce((s, x) => s + x, 0)).toBe(r.n);
          }
          for (const c of r.customers) {
            for (const s of [c.recencyScore, c.frequencyScore, c.monetaryScore]) {
              expect(s).toBeGreaterThanOrEqual(1);
              expect(s).toBeLessThanOrEqual(bins);
            }
          }
          for (const x of r.customers) {
            for (const y of r.customers) {
              if (x.monetary >= y.monetary) expect(x.monetaryScore).toBeGreaterThanOrEqual(y.monetaryScore);
              if (x.frequency >= y.frequency) expect(x.frequencyScore).toBeGreaterThanOrEqual(y.frequencyScore);
              if (x.recencyDays <= y.recencyDays) expect(x.recencyScore).toBeGreaterThanOrEqual(y.recencyScore);
            }
          }
        }),
        { seed: 42, numRuns: 100 },
      );
    });

    it("makes equal-sized bins (sizes differ by at most one) when values are distinct", () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 2, max: 9 }), fc.constantFrom("min" as const, "average" as const, "max" as const), (amounts, bins, ties) => {
          const rows = amounts.map((a, i) => ({ customerId: `c${i}`, occurredAt: "2024-01-01", amount: a }));
          const counts = rfmScores(rows, { bins, ties }).scoreCounts.monetary;
          const n = amounts.length;
          for (const c of counts) {
            expect(c).toBeGreaterThanOrEqual(Math.floor(n / bins));
            expect(c).toBeLessThanOrEqual(Math.ceil(n / bins));
          }
        }),
        { seed: 42, numRuns: 100 },
      );
    });

    it("reads ISO dates on the fast path exactly as the general parser", () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
          const iso = new Date(ms).toISOString();
          expect(fastUtcIso(iso)).toBe(parseTimestamp(iso));
          expect(fastUtcIso(iso.slice(0, 10))).toBe(parseTimestamp(iso.slice(0, 10)));
          expect(fastUtcIso(iso.slice(0, 19))).toBe(parseTimestamp(iso.slice(0, 19)));
        }),
        { seed: 42, numRuns: 300 },
      );
      for (const s of ["2024-02-29", "2023-02-29", "2024-04-31", "2024-13-01", "2024-01-01T24:00:00Z", "2024-01-01T10:00:00+02:00", "2024-1-01", "2024-01-01T10:00:00.5Z", "2024-01-01T10:0a:00Z"]) {
        const fast = fastUtcIso(s);
        if (!Number.isNaN(fast)) expect(fast).toBe(parseTimestamp(s));
      }
      expect(fastUtcIso("2023-02-29")).toBeNaN();
      expect(fastUtcIso("0050-01-01")).toBeNaN();
      expect(fastUtcIso("2024-04-31")).toBeNaN();
      expect(fastUtcIso("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    });

    it("counts calendar days in a zone as date-fns differenceInCalendarDays does", () => {
      const zones = ["UTC", "America/New_York", "Europe/Berlin", "Pacific/Kiritimati", "Australia/Lord_Howe", "Asia/Kolkata"];
      fc.assert(
        fc.property(
          fc.constantFrom(...zones),
          fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }),
          fc.integer({ min: 0, max: 400 * 86_400_000 }),
          (zone, from, gap) => {
            const to = from + gap;
            expect(createDayCounter(zone)(from, to)).toBe(differenceInCalendarDays(new TZDate(to, zone), new TZDate(from, zone)));
          },
        ),
        { seed: 42, numRuns: 300 },
      );
    });

    it("formats ISO strings on the fast path exactly as Date does", () => {
      fc.assert(
        fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), (ms) => {
          expect(fastIsoString(ms)).toBe(new Date(ms).toISOString());
        }),
        { seed: 42, numRuns: 500 },
      );
      for (const ms of [0, -1, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(999, 11, 31), 8.64e15]) {
        expect(fastIsoString(ms)).toBe(new Date(ms).toISOString());
      }
    });
  });
});
