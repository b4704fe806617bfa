import { describe, expect, it } from "vitest";
import { upsellRate } from "../../src/index.js";
import { messageOf } from "./helpers.js";

const tx = (customerId: number, occurredAt: string, productId: string, amount: number, extra: object = {}) => ({ customerId, occurredAt, amount, productId, ...extra });

describe("upsellRate: what counts as an up-sell", () => {
  it("does not count the same product bought again at a higher price", () => {
    const r = upsellRate([tx(1, "2024-01-01", "basic", 10), tx(1, "2024-02-01", "basic", 20)]);
    expect(r).toMatchObject({ customers: 1, upsoldCustomers: 0, rate: 0 });
  });

  it("compares with the most expensive product of the first basket, by list price when given", () => {
    const data = [tx(1, "2024-01-01", "a", 5), tx(1, "2024-01-01", "b", 5), tx(1, "2024-02-01", "c", 6)];
    expect(upsellRate(data).rate).toBe(1);
    expect(upsellRate(data, { prices: new Map([["b", 7]]) }).rate).toBe(0);
    expect(upsellRate(data, { prices: new Map([["a", 1], ["b", 1]]) }).rate).toBe(1);
  });

  it("names the rule a prices option breaks", () => {
    expect(messageOf(() => upsellRate([], { prices: [["a", 1]] as never }))).toBe("upsellRate: options.prices must be a Map from productId to price, got an array");
    expect(messageOf(() => upsellRate([], { prices: new Map([["pro", "30" as never]]) }))).toBe('upsellRate: options.prices.get("pro") must be a finite number, got "30"');
    expect(messageOf(() => upsellRate([], { prices: new Map([["pro", Number.POSITIVE_INFINITY]]) }))).toBe(
      'upsellRate: options.prices.get("pro") must be a finite number, got Infinity',
    );
  });
});
