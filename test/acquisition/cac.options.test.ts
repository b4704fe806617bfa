import { describe, expect, it } from "vitest";
import { cac, channelPerformance, crossSellRate } from "../../src/index.js";
import { errorOf } from "./helpers.js";

const spend = [{ channel: "a", periodStart: "2024-01-10", periodEnd: "2024-02-10", amount: 31 }];
const customers = [{ id: 1, channel: "a" }];

describe("options given explicitly with their default values", () => {
  it("cac accepts allocation 'pro-rata' and missingAcquisition 'error' and names a bad fillGaps", () => {
    const r = cac(spend, [], { allocation: "pro-rata" });
    expect([r.allocation, r.periods.map((p) => p.spend)]).toEqual(["pro-rata", [22, 9]]);
    expect(errorOf(() => cac([], customers, { missingAcquisition: "error" }))).toBe("INVALID_INPUT newCustomers[0].acquiredAt");
    expect(errorOf(() => cac([], [], { fillGaps: "no" as never }))).toBe("INVALID_OPTION options.fillGaps");
    expect(errorOf(() => cac([], 5 as never))).toBe("INVALID_INPUT newCustomers");
  });

  it("crossSellRate accepts by 'category' and names a transaction list that is not iterable", () => {
    const data = [
      { customerId: 1, occurredAt: "2024-01-01", amount: 1, category: "a" },
      { customerId: 1, occurredAt: "2024-01-02", amount: 1, category: "b" },
    ];
    expect(crossSellRate(data, { by: "category" })).toMatchObject({ by: "category", rate: 1 });
    expect(errorOf(() => crossSellRate(5 as never))).toBe("INVALID_INPUT transactions");
  });

  it("channelPerformance names the lead and customer records at fault", () => {
    expect(errorOf(() => channelPerformance({ leads: [null as never] }))).toBe("INVALID_INPUT leads[0]");
    expect(errorOf(() => channelPerformance({ leads: [{ id: 1, createdAt: 0, channel: 5 as never }] }))).toBe("INVALID_INPUT leads[0].channel");
    expect(errorOf(() => channelPerformance({ customers: [{ id: 1, channel: 5 as never }] }))).toBe("INVALID_INPUT customers[0].channel");
  });

  it("channelPerformance reads a refund of 0 as revenue 0", () => {
    const r = channelPerformance({ customers, transactions: [{ customerId: 1, occurredAt: 0, amount: 0, type: "refund" }] });
    expect(Object.is(r.channels[0]!.revenue, 0)).toBe(true);
  });
});
