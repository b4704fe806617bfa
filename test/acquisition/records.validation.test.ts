import { describe, expect, it } from "vitest";
import { compareChannels, CurrencyGuard, durationShifter, NO_CHANNEL, readChannel, readIdField } from "../../src/acquisition/records.js";
import { attribution, cac, channelPerformance, crossSellRate } from "../../src/index.js";
import { errorOf, messageOf } from "./helpers.js";

const DAY = 86_400_000;

describe("the acquisition record readers: error messages", () => {
  const base = { channel: "a", periodStart: "2024-01-01", amount: 1 };

  it("names the rule a spend record breaks, with the value", () => {
    expect(messageOf(() => cac([{ ...base, channel: "" }], []))).toBe('cac: spend[0].channel must be a non-empty string, got ""');
    expect(messageOf(() => cac([{ ...base, periodEnd: "2023-12-31" }], []))).toBe('cac: spend[0].periodEnd must be after periodStart, got "2023-12-31"');
    expect(messageOf(() => cac([{ ...base, paid: "no" as never }], []))).toBe('cac: spend[0].paid must be true or false, got "no"');
    expect(messageOf(() => cac([7 as never], []))).toBe("cac: spend[0] must be an object, got 7");
  });

  it("names the rule a customer's channel breaks", () => {
    expect(messageOf(() => cac([], [{ id: 1, acquiredAt: 0, channel: 7 as never }]))).toBe("cac: newCustomers[0].channel must be a string, got 7");
    expect(messageOf(() => readChannel("f", "x.channel", false))).toBe("f: x.channel must be a string, got false");
  });

  it("names the rule a currency breaks", () => {
    expect(messageOf(() => cac([{ ...base, currency: "" }], []))).toBe('cac: spend[0].currency must be a currency code such as "USD", got ""');
    expect(messageOf(() => cac([{ ...base, currency: 840 as never }], []))).toBe('cac: spend[0].currency must be a currency code such as "USD", got 840');
  });

  it("names the rule an id breaks", () => {
    expect(messageOf(() => cac([], [{ id: Number.NaN, acquiredAt: 0 }]))).toBe("cac: newCustomers[0].id must be a non-empty string or a finite number, got NaN");
    expect(errorOf(() => cac([], [{ id: ["a"] as never, acquiredAt: 0 }]))).toBe("INVALID_INPUT newCustomers[0].id");
    expect(errorOf(() => crossSellRate([{ customerId: Number.POSITIVE_INFINITY, occurredAt: 0, amount: 1 }]))).toBe("INVALID_INPUT transactions[0].customerId");
  });
});

describe("the acquisition record readers: what they accept", () => {
  it("reads an id as a string, a finite number as its decimal string", () => {
    expect(readIdField("f", "r", 0, { id: "x1" }, "id")).toBe("x1");
    expect(readIdField("f", "r", 0, { id: 12 }, "id")).toBe("12");
    expect(readIdField("f", "r", 0, { id: -0 }, "id")).toBe("0");
    expect(errorOf(() => readIdField("f", "r", 3, { id: ["x"] }, "id"))).toBe("INVALID_INPUT r[3].id");
    expect(errorOf(() => readIdField("f", "r", 3, { id: { length: 2 } }, "id"))).toBe("INVALID_INPUT r[3].id");
  });

  it("reads a missing, null or empty channel as (none), and keeps any other string", () => {
    expect([undefined, null, ""].map((v) => readChannel("f", "p", v))).toEqual([NO_CHANNEL, NO_CHANNEL, NO_CHANNEL]);
    expect(readChannel("f", "p", "(none)x")).toBe("(none)x");
    const r = cac([], [
      { id: 1, acquiredAt: 0, channel: "" },
      { id: 2, acquiredAt: 0, channel: null as never },
      { id: 3, acquiredAt: 0 },
      { id: 4, acquiredAt: 0, channel: "ads" },
    ]);
    expect(r.channels.map((c) => [c.channel, c.newCustomers])).toEqual([
      ["ads", 1],
      ["(none)", 3],
    ]);
    const leads = channelPerformance({ leads: [{ id: 1, createdAt: 0, channel: "" }, { id: 2, createdAt: 0, channel: null as never }] });
    expect(leads.channels.map((c) => [c.channel, c.leads])).toEqual([["(none)", 2]]);
  });

  it("treats a null periodEnd as absent and accepts spend of 0", () => {
    const r = cac(
      [
        { channel: "a", periodStart: "2024-01-31", periodEnd: null as never, amount: 90 },
        { channel: "b", periodStart: "2024-01-01", amount: 0 },
      ],
      [],
    );
    expect(r.periods.map((p) => [p.label, p.spend])).toEqual([["2024-01", 90]]);
    expect(r.channels.map((c) => [c.channel, c.spend, c.paid])).toEqual([
      ["a", 90, true],
      ["b", 0, true],
    ]);
  });

  it("accepts a periodEnd 1 ms after periodStart", () => {
    const r = cac([{ channel: "a", periodStart: 0, periodEnd: 1, amount: 5 }], []);
    expect(r.spend).toBe(5);
  });

  it("treats a null acquiredAt as missing", () => {
    expect(errorOf(() => cac([], [{ id: 1, acquiredAt: null as never }]))).toBe("INVALID_INPUT newCustomers[0].acquiredAt");
    expect(cac([], [{ id: 1, acquiredAt: null as never }], { missingAcquisition: "skip" }).skippedCustomers).toBe(1);
  });

  it("treats a null currency as absent", () => {
    const s = [
      { channel: "a", periodStart: "2024-01-01", amount: 1, currency: null as never },
      { channel: "a", periodStart: "2024-01-01", amount: 2, currency: "USD" },
      { channel: "a", periodStart: "2024-01-01", amount: 3, currency: null as never },
      { channel: "a", periodStart: "2024-01-01", amount: 4, currency: "USD" },
    ];
    expect(cac(s, []).spend).toBe(10);
  });

  it("remembers the first currency and the record that set it", () => {
    const guard = new CurrencyGuard("f");
    guard.check("xs", 0, {});
    guard.check("xs", 1, { currency: "EUR" });
    guard.check("xs", 2, { currency: "EUR" });
    expect(messageOf(() => guard.check("xs", 3, { currency: "USD" }))).toBe(
      'f: xs[3].currency must be "EUR" like xs[1].currency (amounts are never converted between currencies), got "USD"',
    );
  });

  it("counts a purchase of amount 0 as a purchase, not a refund", () => {
    const r = crossSellRate([
      { customerId: 1, occurredAt: "2024-01-01", amount: 0, category: "a" },
      { customerId: 1, occurredAt: "2024-01-02", amount: 0, category: "b" },
    ]);
    expect(r).toMatchObject({ refunds: 0, customers: 1, crossSoldCustomers: 1 });
  });

  it("reads a refund with a positive amount as negative revenue", () => {
    const r = channelPerformance({
      customers: [{ id: 1, channel: "a" }],
      transactions: [
        { customerId: 1, occurredAt: 0, amount: 30 },
        { customerId: 1, occurredAt: 0, amount: 10, type: "refund" },
        { customerId: 1, occurredAt: 0, amount: -5, type: "refund" },
      ],
    });
    expect(r.channels[0]!.revenue).toBe(15);
  });
});

describe("compareChannels", () => {
  it("sorts by name with (none) last, and is 0 only for equal labels", () => {
    expect(["b", NO_CHANNEL, "a", "(a)"].sort(compareChannels)).toEqual(["(a)", "a", "b", NO_CHANNEL]);
    expect(compareChannels("a", "a")).toBe(0);
    expect(compareChannels(NO_CHANNEL, NO_CHANNEL)).toBe(0);
    expect(compareChannels(NO_CHANNEL, "z")).toBe(1);
    expect(compareChannels("z", NO_CHANNEL)).toBe(-1);
    expect(compareChannels("a", "b")).toBe(-1);
    expect(compareChannels("b", "a")).toBe(1);
  });
});

describe("durationShifter: calendar fields in UTC", () => {
  it("adds years and months by the calendar in UTC too (2024-02-29 plus a year is 2025-02-28)", () => {
    const t = Date.UTC(2024, 1, 29, 6);
    expect(durationShifter({ years: 1 }, "UTC", 1)(t)).toBe(Date.UTC(2025, 1, 28, 6));
    expect(durationShifter({ months: 1 }, "UTC", 1)(Date.UTC(2024, 0, 31))).toBe(Date.UTC(2024, 1, 29));
    expect(durationShifter({ years: 1 }, "UTC", -1)(t)).toBe(Date.UTC(2023, 1, 28, 6));
    expect(durationShifter({ weeks: 1, days: 1, hours: 1, minutes: 1, seconds: 1 }, "UTC", 1)(0)).toBe(8 * DAY + 3_661_000);
  });
});
