import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyRfm, rfmScores } from "../../src/index.js";
import { cdnowTransactions, deepFreeze, errorOf, messageOf, tx } from "./helpers.js";

const base = () => [tx("a", "2024-03-01", 50), tx("b", "2024-01-05", 20), tx("c", "2024-03-30", 300)];

describe("applyRfm", () => {
  it("scores new customers with the cut points of a reference population", () => {
    const model = rfmScores(base(), { bins: 3 });
    expect(model.cutPoints).toEqual({ recencyDays: [29, 0], frequency: [null, null], monetary: [50, 300] });
    const r = applyRfm(model, [tx("d", "2024-03-29", 500), tx("e", "2023-12-01", 10)], { asOf: "2024-03-30" });
    expect(r.method).toBe("thresholds");
    expect(r.bins).toBe(3);
    // everyone had one order, so one order scores 1 and no frequency reaches 2 or 3
    // d: 1 day <= 29 -> 2; 1 order -> 1; 500 -> 3.  e: 120 days -> 1; 10 < 50 -> 1
    expect(r.customers.map((c) => [c.customerId, c.code])).toEqual([
      ["d", "213"],
      ["e", "111"],
    ]);
    expect(r.ties).toBeNull();
  });

  it("reproduces the reference scores on the reference population (CDNOW)", () => {
    const data = cdnowTransactions();
    const model = rfmScores(data, { asOf: "1998-06-30" });
    const again = applyRfm(JSON.parse(JSON.stringify(model)), data, { asOf: "1998-06-30" });
    expect(again.customers).toEqual(model.customers);
    const avg = rfmScores(data, { asOf: "1998-06-30", ties: "average" });
    expect(applyRfm(avg, data, { asOf: "1998-06-30" }).customers).toEqual(avg.customers);
    expect(again.scoreCounts).toEqual(model.scoreCounts);
  });

  it("keeps the monetary basis and time zone of the model", () => {
    const model = rfmScores(base(), { monetary: "average", timeZone: "America/New_York", bins: 3 });
    const r = applyRfm(model, [tx("z", "2024-03-30T02:00:00Z", 80), tx("z", "2024-03-30T03:00:00Z", 20)]);
    expect(r.monetaryBasis).toBe("average");
    expect(r.timeZone).toBe("America/New_York");
    expect(r.customers[0]!.monetary).toBe(50);
  });

  it("scores against the latest transaction of the new input by default and handles empty input", () => {
    const model = rfmScores(base(), { bins: 3 });
    expect(applyRfm(model, [tx("q", "2025-01-01", 1)]).asOf).toBe("2025-01-01T00:00:00.000Z");
    expect(applyRfm(model, []).n).toBe(0);
  });

  it("does not mutate the model or the input", () => {
    const model = deepFreeze(rfmScores(base(), { bins: 3 }));
    const input = deepFreeze(base());
    expect(() => applyRfm(model, input)).not.toThrow();
  });

  it("rejects a malformed model or options", () => {
    const model = rfmScores(base(), { bins: 3 });
    expect(errorOf(() => applyRfm(null as never, base()))).toBe("INVALID_OPTION model");
    expect(errorOf(() => applyRfm({ ...model, cutPoints: undefined } as never, base()))).toBe("INVALID_OPTION model.cutPoints");
    expect(
      errorOf(() => applyRfm({ ...model, cutPoints: { ...model.cutPoints, frequency: [3, 1] } }, base())),
    ).toBe("INVALID_OPTION model.cutPoints.frequency[1]");
    expect(errorOf(() => applyRfm({ ...model, monetaryBasis: "median" } as never, base()))).toBe("INVALID_OPTION model.monetaryBasis");
    expect(errorOf(() => applyRfm({ ...model, timeZone: "Nowhere/City" }, base()))).toBe("INVALID_OPTION model.timeZone");
    expect(errorOf(() => applyRfm(model, base(), { asOf: "never" }))).toBe("INVALID_OPTION options.asOf");
    expect(errorOf(() => applyRfm(model, [tx("a", "2024-01-01", "ten")]))).toBe("INVALID_INPUT transactions[0].amount");
  });

  it("names a first record that is not a transaction as transactions[0], not as a summary row", () => {
    const model = rfmScores(base(), { bins: 3 });
    for (const first of [null, 7, []]) expect(errorOf(() => applyRfm(model, [first as never, ...base()]))).toBe("INVALID_INPUT transactions[0]");
    expect(errorOf(() => applyRfm(model, [{ customerId: "a", amount: 5 } as never, ...base()]))).toBe("INVALID_INPUT transactions[0].occurredAt");
    expect(errorOf(() => applyRfm(model, [null as never, { customerId: "a", lastPurchaseAt: "2024-01-01", orders: 1, totalSpend: 1 }]))).toBe(
      "INVALID_INPUT customers[0]",
    );
  });

  it("states what is wrong with the model", () => {
    const model = rfmScores(base(), { bins: 3 });
    expect(messageOf(() => applyRfm(null as never, base()))).toBe("applyRfm: model must be a result of rfmScores, got null");
    expect(messageOf(() => applyRfm({ ...model, cutPoints: undefined } as never, base()))).toBe(
      "applyRfm: model.cutPoints must be an object { recencyDays, frequency, monetary }, got undefined",
    );
    expect(messageOf(() => applyRfm({ ...model, monetaryBasis: "median" } as never, base()))).toBe(
      'applyRfm: model.monetaryBasis must be "total" or "average", got "median"',
    );
    expect(messageOf(() => applyRfm({ ...model, timeZone: "Nowhere/City" }, base()))).toBe(
      'applyRfm: model.timeZone must be an IANA time zone name, got "Nowhere/City"',
    );
    // a model without a time zone is not read as the system zone
    for (const timeZone of [undefined, "", 5]) {
      expect(errorOf(() => applyRfm({ ...model, timeZone } as never, base()))).toBe("INVALID_OPTION model.timeZone");
    }
    expect(messageOf(() => applyRfm({ ...model, timeZone: undefined } as never, base()))).toBe(
      "applyRfm: model.timeZone must be an IANA time zone name, got undefined",
    );
    expect(messageOf(() => applyRfm(model, [tx("a", "2024-01-01", "ten")]))).toBe(
      'applyRfm: transactions[0].amount must be a finite amount (number, decimal string or Decimal), got "ten"',
    );
  });

  it("ignores transactions after asOf and reads dates without offset in the model's zone", () => {
    const model = rfmScores(base(), { bins: 3, timeZone: "America/New_York" });
    const r = applyRfm(model, [tx("d", "2024-03-29T23:30:00", 500), tx("d", "2024-04-02", 40)], { asOf: "2024-03-30T12:00:00" });
    expect(r.ignoredAfterAsOf).toBe(1);
    expect(r.asOf).toBe("2024-03-30T16:00:00.000Z");
    // 23:30 New York time is 03:30 UTC the next day
    expect(r.customers.map((c) => [c.customerId, c.lastPurchaseAt, c.recencyDays, c.frequency, c.totalSpend])).toEqual([
      ["d", "2024-03-30T03:30:00.000Z", 1, 1, 500],
    ]);
  });

  it("scores customer summary rows", () => {
    const model = rfmScores(base(), { bins: 3 });
    const r = applyRfm(model, [
      { customerId: "d", lastPurchaseAt: "2024-03-29", orders: 1, totalSpend: 500 },
      { customerId: "e", lastPurchaseAt: "2023-12-01", orders: 1, totalSpend: 10 },
      { customerId: "f", orders: 0, totalSpend: 0 },
    ], { asOf: "2024-03-30" });
    expect(r.customers.map((c) => [c.customerId, c.code])).toEqual([
      ["d", "213"],
      ["e", "111"],
    ]);
    expect(r.unscoredCustomerIds).toEqual(["f"]);
  });

  it("reproduces rfmScores on its own data for any data (property)", () => {
    const txArb = fc.array(
      fc.record({
        customerId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h", "i"),
        occurredAt: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2024, 11, 31) }),
        amount: fc.integer({ min: -2000, max: 20000 }).map((c) => c / 100),
      }),
      { minLength: 1, maxLength: 50 },
    );
    fc.assert(
      fc.property(txArb, fc.integer({ min: 2, max: 9 }), fc.constantFrom("total" as const, "average" as const), fc.constantFrom("min" as const, "average" as const, "max" as const), (rows, bins, monetary, ties) => {
        const model = rfmScores(rows, { bins, monetary, ties });
        expect(applyRfm(model, rows).customers).toEqual(model.customers);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});
