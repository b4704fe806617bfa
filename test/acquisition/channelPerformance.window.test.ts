import { describe, expect, it } from "vitest";
import { channelPerformance } from "../../src/index.js";
import { messageOf } from "./helpers.js";

const DAY = 86_400_000;
const T = Date.UTC(2024, 0, 10);

describe("channelPerformance: the revenue window's bounds", () => {
  it("counts revenue in [acquiredAt, acquiredAt + window): at the end is outside, 1 ms before inside", () => {
    const r = channelPerformance(
      {
        customers: [{ id: 1, acquiredAt: T, channel: "a" }],
        transactions: [
          { customerId: 1, occurredAt: T, amount: 1 },
          { customerId: 1, occurredAt: T + 30 * DAY - 1, amount: 10 },
          { customerId: 1, occurredAt: T + 30 * DAY, amount: 100 },
          { customerId: 1, occurredAt: T - 1, amount: 1000 },
        ],
      },
      { revenueWindow: { days: 30 } },
    );
    expect(r.channels[0]!.revenue).toBe(11);
    expect(r.transactionsOutsideWindow).toBe(2);
  });

  it("counts every transaction of a customer without a window, whenever it happened", () => {
    const r = channelPerformance({
      customers: [{ id: 1, channel: "a" }],
      transactions: [
        { customerId: 1, occurredAt: "1900-01-01", amount: 1 },
        { customerId: 1, occurredAt: "2999-01-01", amount: 2 },
      ],
    });
    expect(r.channels[0]!.revenue).toBe(3);
    expect(r.transactionsOutsideWindow).toBe(0);
  });
});

describe("channelPerformance: lead conversions", () => {
  it("counts a lead as converted by a convertedAt or a customerId, and not by null ones", () => {
    const r = channelPerformance({
      leads: [
        { id: 1, createdAt: 0, channel: "a", convertedAt: null as never },
        { id: 2, createdAt: 0, channel: "a", customerId: null as never },
        { id: 3, createdAt: 0, channel: "a", convertedAt: null as never, customerId: "c3" },
        { id: 4, createdAt: 0, channel: "a", convertedAt: "2024-01-01", customerId: null as never },
        { id: 5, createdAt: 0, channel: "a", convertedAt: "2024-01-01", customerId: 5 },
      ],
    });
    expect(r.channels[0]).toMatchObject({ leads: 5, conversions: 3, conversionRate: 0.6 });
  });
});

describe("channelPerformance: error messages", () => {
  it("names the rule a customer breaks", () => {
    expect(messageOf(() => channelPerformance({ customers: [{ id: "x" }, { id: "x" }] }))).toBe('channelPerformance: customers[1].id must be unique, got "x"');
    expect(messageOf(() => channelPerformance({ customers: [{ id: "x", acquiredAt: null as never }] }, { revenueWindow: { days: 1 } }))).toBe(
      "channelPerformance: customers[0].acquiredAt must be a valid date when options.revenueWindow is set, got undefined",
    );
  });
});

describe("channelPerformance: totals", () => {
  it("sums every figure over the channels into the (all) row", () => {
    const r = channelPerformance(
      {
        spend: [
          { channel: "a", periodStart: 0, amount: 100 },
          { channel: "b", periodStart: 0, amount: 300 },
        ],
        leads: [
          { id: 1, createdAt: 0, channel: "a", customerId: 1 },
          { id: 2, createdAt: 0, channel: "b" },
          { id: 3, createdAt: 0, channel: "b", customerId: 3 },
        ],
        customers: [
          { id: 1, channel: "a" },
          { id: 3, channel: "b" },
          { id: 4, channel: "b" },
        ],
        transactions: [
          { customerId: 1, occurredAt: 0, amount: 50 },
          { customerId: 3, occurredAt: 0, amount: 150 },
          { customerId: 4, occurredAt: 0, amount: 200 },
        ],
      },
      { grossMargin: 0.5 },
    );
    expect(r.total).toEqual({
      channel: "(all)",
      spend: 400,
      leads: 3,
      conversions: 2,
      conversionRate: expect.closeTo(2 / 3, 12),
      newCustomers: 3,
      customerShare: 1,
      cac: expect.closeTo(400 / 3, 10),
      revenue: 400,
      roi: -0.5,
      roas: 1,
    });
    expect(r.channels[1]).toEqual({
      channel: "b",
      spend: 300,
      leads: 2,
      conversions: 1,
      conversionRate: 0.5,
      newCustomers: 2,
      customerShare: expect.closeTo(2 / 3, 12),
      cac: 150,
      revenue: 350,
      roi: expect.closeTo(-125 / 300, 12),
      roas: expect.closeTo(350 / 300, 12),
    });
  });
});
