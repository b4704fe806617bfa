import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channelPerformance } from "../../src/index.js";
import { deepFreeze, errorOf, isJsonSafe } from "./helpers.js";

const spend = [
  { channel: "ads", periodStart: "2024-01-01", periodEnd: "2024-02-01", amount: 500 },
  { channel: "ads", periodStart: "2024-02-01", amount: "300", paid: false },
  { channel: "email", periodStart: "2024-01-01", amount: 200 },
];
const leads = [
  { id: 1, createdAt: "2024-01-01", channel: "ads", convertedAt: "2024-01-05" },
  { id: 2, createdAt: "2024-01-02", channel: "ads", customerId: "c2" },
  { id: 3, createdAt: "2024-01-03", channel: "ads" },
  { id: 4, createdAt: "2024-01-04", channel: "ads", status: "lost" },
  { id: 5, createdAt: "2024-01-04", channel: "email" },
  { id: 6, createdAt: "2024-01-04", channel: "email" },
  { id: 7, createdAt: "2024-01-04", convertedAt: "2024-01-15" },
];
const customers = [
  { id: "c1", acquiredAt: "2024-01-05", channel: "ads" },
  { id: "c2", acquiredAt: "2024-01-10", channel: "ads" },
  { id: "c3", acquiredAt: "2024-01-12", channel: "email" },
  { id: "c4", acquiredAt: "2024-01-15" },
];
const transactions = [
  { customerId: "c1", occurredAt: "2024-01-05", amount: 1000 },
  { customerId: "c1", occurredAt: "2024-02-01", amount: 100, type: "refund" as const },
  { customerId: "c2", occurredAt: "2024-01-11", amount: "250.50" },
  { customerId: "c2", occurredAt: "2024-06-01", amount: 500 },
  { customerId: "c3", occurredAt: "2024-01-20", amount: 100 },
  { customerId: "c4", occurredAt: "2024-01-16", amount: 50 },
  { customerId: "stranger", occurredAt: "2024-01-16", amount: 70 },
];
const input = { spend, leads, customers, transactions };

describe("channelPerformance", () => {
  it("computes leads, conversions, CAC, revenue, ROI, ROAS and the channel mix per channel", () => {
    const r = channelPerformance(input, { grossMargin: 0.6 });
    expect(r.channels.map((c) => c.channel)).toEqual(["ads", "email", "(none)"]);
    const [ads, email, none] = r.channels;
    // ads: spend 800, revenue 1000 - 100 + 250.50 + 500 = 1650.50
    expect(ads).toMatchObject({ spend: 800, leads: 4, conversions: 2, conversionRate: 0.5, newCustomers: 2, customerShare: 0.5, cac: 400, revenue: 1650.5 });
    expect(ads!.roas!).toBeCloseTo(1650.5 / 800, 12);
    expect(ads!.roi!).toBeCloseTo((1650.5 * 0.6 - 800) / 800, 12);
    expect(email).toMatchObject({ spend: 200, leads: 2, conversions: 0, conversionRate: 0, newCustomers: 1, customerShare: 0.25, cac: 200, revenue: 100 });
    expect(email!.roas!).toBeCloseTo(0.5, 12);
    expect(email!.roi!).toBeCloseTo(-0.7, 12);
    expect(none).toMatchObject({ spend: 0, leads: 1, conversions: 1, conversionRate: 1, newCustomers: 1, cac: 0, revenue: 50, roi: null, roas: null });
    expect(r.total).toMatchObject({ channel: "(all)", spend: 1000, leads: 7, conversions: 3, newCustomers: 4, customerShare: 1, cac: 250, revenue: 1800.5 });
    expect(r.total.roi!).toBeCloseTo((1800.5 * 0.6 - 1000) / 1000, 12);
    expect(r.unmatchedTransactions).toBe(1);
    expect(r.transactionsOutsideWindow).toBe(0);
    expect(r.grossMargin).toBe(0.6);
  });

  it("counts revenue only in the window after acquisition when asked", () => {
    const r = channelPerformance(input, { revenueWindow: { days: 90 } });
    expect(r.channels[0]!.revenue).toBe(1150.5);
    expect(r.transactionsOutsideWindow).toBe(1);
    // ROI on revenue (margin 1): (1150.5 - 800) / 800.
    expect(r.channels[0]!.roi!).toBeCloseTo(350.5 / 800, 12);
    // A transaction before acquisition is outside the window too.
    const early = channelPerformance(
      { customers: [{ id: 1, acquiredAt: "2024-03-01", channel: "a" }], transactions: [{ customerId: 1, occurredAt: "2024-02-28", amount: 5 }] },
      { revenueWindow: { days: 30 } },
    );
    expect(early.channels[0]!.revenue).toBe(0);
    expect(early.transactionsOutsideWindow).toBe(1);
  });

  it("reads the window end in the time zone (a month in Europe/Berlin)", () => {
    const data = {
      customers: [{ id: 1, acquiredAt: "2024-03-01T00:00:00", channel: "a" }],
      transactions: [{ customerId: 1, occurredAt: "2024-03-31T23:30:00", amount: 5 }],
    };
    expect(channelPerformance(data, { revenueWindow: { months: 1 }, timeZone: "Europe/Berlin" }).channels[0]!.revenue).toBe(5);
    expect(channelPerformance(data, { revenueWindow: { days: 30 }, timeZone: "Europe/Berlin" }).channels[0]!.revenue).toBe(0);
  });

  it("handles empty and partial input", () => {
    const empty = channelPerformance({});
    expect(empty.channels).toEqual([]);
    expect(empty.total).toMatchObject({ spend: 0, leads: 0, conversionRate: null, customerShare: null, cac: null, roi: null, roas: null });
    const spendOnly = channelPerformance({ spend: [{ channel: "tv", periodStart: 0, amount: 10 }] });
    expect(spendOnly.channels[0]).toMatchObject({ channel: "tv", spend: 10, conversionRate: null, cac: null, roi: -1, roas: 0 });
  });

  it("works with ids and channels such as __proto__ and constructor", () => {
    const r = channelPerformance({
      customers: [
        { id: "__proto__", channel: "constructor" },
        { id: "constructor", channel: "__proto__" },
      ],
      transactions: [
        { customerId: "__proto__", occurredAt: 0, amount: 3 },
        { customerId: "constructor", occurredAt: 0, amount: 4 },
      ],
    });
    expect(r.channels.map((c) => [c.channel, c.revenue])).toEqual([
      ["__proto__", 4],
      ["constructor", 3],
    ]);
  });

  it("rejects bad records and options with their path", () => {
    expect(errorOf(() => channelPerformance({ leads: [{ createdAt: 0 } as never] }))).toBe("INVALID_INPUT leads[0].id");
    expect(errorOf(() => channelPerformance({ leads: [{ id: 1, createdAt: 0, convertedAt: "soon" }] }))).toBe("INVALID_INPUT leads[0].convertedAt");
    expect(errorOf(() => channelPerformance({ leads: [{ id: 1, createdAt: 0, customerId: "" }] }))).toBe("INVALID_INPUT leads[0].customerId");
    expect(errorOf(() => channelPerformance({ spend: [{ channel: "a", periodStart: 0, amount: -1 }] }))).toBe("INVALID_INPUT spend[0].amount");
    expect(errorOf(() => channelPerformance({ spend: [{ periodStart: 0, amount: 1 } as never] }))).toBe("INVALID_INPUT spend[0].channel");
    expect(errorOf(() => channelPerformance({ customers: [{ id: 1 }, { id: 1 }] }))).toBe("INVALID_INPUT customers[1].id");
    expect(errorOf(() => channelPerformance({ customers: [{ id: 1 }] }, { revenueWindow: { days: 30 } }))).toBe("INVALID_INPUT customers[0].acquiredAt");
    expect(errorOf(() => channelPerformance({ transactions: [{ customerId: 1, occurredAt: 0, amount: Number.NaN }] }))).toBe(
      "INVALID_INPUT transactions[0].amount",
    );
    expect(errorOf(() => channelPerformance({ transactions: [{ occurredAt: 0, amount: 1 } as never] }))).toBe("INVALID_INPUT transactions[0].customerId");
    expect(errorOf(() => channelPerformance({ transactions: 5 as never }))).toBe("INVALID_INPUT transactions");
    expect(errorOf(() => channelPerformance(null as never))).toBe("INVALID_INPUT input");
    expect(errorOf(() => channelPerformance({}, { grossMargin: 2 }))).toBe("INVALID_OPTION options.grossMargin");
    expect(errorOf(() => channelPerformance({}, { revenueWindow: {} }))).toBe("INVALID_OPTION options.revenueWindow");
  });

  it("refuses to mix currencies between spend and revenue", () => {
    const data = {
      spend: [{ channel: "a", periodStart: 0, amount: 1, currency: "USD" }],
      transactions: [{ customerId: 1, occurredAt: 0, amount: 1, currency: "EUR" }],
    };
    expect(errorOf(() => channelPerformance(data))).toBe("INVALID_INPUT transactions[0].currency");
  });

  it("does not mutate its input and accepts iterables", () => {
    const frozen = deepFreeze(structuredClone(input));
    const a = channelPerformance(frozen);
    const b = channelPerformance({ spend: new Set(frozen.spend), leads: new Set(frozen.leads), customers: new Set(frozen.customers), transactions: new Set(frozen.transactions) });
    expect(b).toEqual(a);
  });

  it("conserves customers and revenue across channels, whatever the order (property)", () => {
    const arb = fc.record({
      customers: fc.uniqueArray(fc.record({ id: fc.integer({ min: 0, max: 30 }), ch: fc.constantFrom("a", "b", undefined) }), { selector: (c) => c.id, maxLength: 15 }),
      transactions: fc.array(fc.record({ id: fc.integer({ min: 0, max: 40 }), cents: fc.integer({ min: -5000, max: 50_000 }) }), { maxLength: 30 }),
      spend: fc.array(fc.record({ ch: fc.constantFrom("a", "b", "c"), cents: fc.integer({ min: 0, max: 100_000 }) }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, (d) => {
        const data = {
          customers: d.customers.map((c) => ({ id: c.id, channel: c.ch })),
          transactions: d.transactions.map((t) => ({ customerId: t.id, occurredAt: 0, amount: t.cents / 100 })),
          spend: d.spend.map((s) => ({ channel: s.ch, periodStart: 0, amount: s.cents / 100 })),
        };
        const r = channelPerformance(data);
        expect(isJsonSafe(r)).toBe(true);
        const known = new Set(d.customers.map((c) => c.id));
        const matched = d.transactions.filter((t) => known.has(t.id));
        expect(r.unmatchedTransactions).toBe(d.transactions.length - matched.length);
        expect(r.total.revenue).toBeCloseTo(matched.reduce((s, t) => s + t.cents, 0) / 100, 6);
        expect(r.channels.reduce((s, c) => s + c.newCustomers, 0)).toBe(d.customers.length);
        if (d.customers.length > 0) expect(r.channels.reduce((s, c) => s + c.customerShare!, 0)).toBeCloseTo(1, 12);
        const reversed = channelPerformance({
          customers: [...data.customers].reverse(),
          transactions: [...data.transactions].reverse(),
          spend: [...data.spend].reverse(),
        });
        expect(reversed).toEqual(r);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
