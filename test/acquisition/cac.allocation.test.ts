import { describe, expect, it } from "vitest";
import { cac } from "../../src/index.js";
import { caughtError } from "../support/errors.js";
import { messageOf } from "./helpers.js";

describe("cac: pro-rata pieces of a spend record that starts and ends inside periods", () => {
  it("gives each period its share of the days the record covers (11 of 20 in January, 9 in February)", () => {
    const r = cac([{ channel: "ads", periodStart: "2024-01-21", periodEnd: "2024-02-10", amount: 200 }], []);
    expect(r.periods.map((p) => p.label)).toEqual(["2024-01", "2024-02"]);
    expect(r.periods[0]!.spend).toBeCloseTo(110, 10);
    expect(r.periods[1]!.spend).toBeCloseTo(90, 10);
  });

  it("spreads a record over three months: 11, 29 and 10 of 50 days", () => {
    const r = cac([{ channel: "ads", periodStart: "2024-01-21", periodEnd: "2024-03-11", amount: 100 }], []);
    expect(r.periods.map((p) => p.label)).toEqual(["2024-01", "2024-02", "2024-03"]);
    const spend = r.periods.map((p) => p.spend);
    expect(spend[0]!).toBeCloseTo(22, 10);
    expect(spend[1]!).toBeCloseTo(58, 10);
    expect(spend[2]!).toBeCloseTo(20, 10);
    expect(r.spend).toBe(100);
  });

  it("books a record that ends at a period boundary in the periods before it only", () => {
    const r = cac([{ channel: "ads", periodStart: "2024-01-16", periodEnd: "2024-02-01", amount: 64 }], [], { fillGaps: false });
    expect(r.periods.map((p) => [p.label, p.spend])).toEqual([["2024-01", 64]]);
  });
});

describe("cac: period order", () => {
  it("orders periods by time across 9 September 2001 (where epoch milliseconds gain a digit)", () => {
    const customers = [
      { id: 1, acquiredAt: "2001-10-15", channel: "a" },
      { id: 2, acquiredAt: "2001-08-15", channel: "a" },
    ];
    expect(cac([], customers, { fillGaps: false }).periods.map((p) => p.label)).toEqual(["2001-08", "2001-10"]);
    expect(cac([], customers).periods.map((p) => [p.label, p.newCustomers])).toEqual([
      ["2001-08", 1],
      ["2001-09", 0],
      ["2001-10", 1],
    ]);
  });
});

describe("cac: the 100,000-period limit, at the ends of a spend record", () => {
  it("names the periodEnd of a pro-rata record that sets the far end of the series", () => {
    const e = caughtError(() =>
      cac(
        [{ channel: "ads", periodStart: "2000-01-02T00:00:00Z", periodEnd: "2273-10-16T00:00:01Z", amount: 1 }],
        [{ id: 1, acquiredAt: "2000-01-01T00:00:00Z" }],
        { period: "day" },
      ),
    );
    expect([e.code, e.path]).toEqual(["INVALID_INPUT", "spend[0].periodEnd"]);
    expect(e.message).toBe(
      "cac: spend[0].periodEnd must keep the series within 100,000 day periods (use a longer period, or fillGaps: false), got 2273-10-16T00:00:01.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names the periodStart of a pro-rata record whose span alone is too long when the start is the far end", () => {
    // 1700-01-01 to 1990-01-01 is 105,920 days; the start is farther from 1970.
    const e = caughtError(() => cac([{ channel: "ads", periodStart: "1700-01-01T00:00:00Z", periodEnd: "1990-01-01T00:00:00Z", amount: 1 }], [], { period: "day" }));
    expect([e.code, e.path]).toEqual(["INVALID_INPUT", "spend[0].periodStart"]);
    expect(e.message).toBe(
      'cac: spend[0].periodStart must keep the series within 100,000 day periods (use a longer period, or allocation: "start"), got 1700-01-01T00:00:00.000Z, which makes 105,920 day periods to 1990-01-01T00:00:00.000Z',
    );
  });
});

describe("cac: customer errors", () => {
  it("names the rule a repeated or undated customer breaks", () => {
    expect(messageOf(() => cac([], [{ id: 1, acquiredAt: 0 }, { id: "1", acquiredAt: 0 }]))).toBe('cac: newCustomers[1].id must be unique, got "1"');
    expect(messageOf(() => cac([], [{ id: 1 }]))).toBe(
      'cac: newCustomers[0].acquiredAt must be a valid date (set missingAcquisition: "skip" to leave such customers out), got undefined',
    );
  });
});
