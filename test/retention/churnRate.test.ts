import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError } from "../support/errors.js";
import { describeSeriesLimit } from "./seriesLimit.js";
import { churnRate } from "../../src/index.js";
import { deepFreeze, expectError, february, februarySubscriptions, hasBadNumber } from "./helpers.js";

const feb = february;

const subs = februarySubscriptions;

describe("churnRate", () => {
  it("chartmogul-standard: lost / customers at start, excluding joined-and-left and left-and-returned", () => {
    const p = churnRate(subs, feb).periods[0]!;
    expect(p.label).toBe("2024-02");
    expect(p.startCount).toBe(4);
    expect(p.endCount).toBe(4); // a, b, d, f
    expect(p.newCount).toBe(2); // e, f
    expect(p.reactivatedCount).toBe(1); // d
    expect(p.lostCount).toBe(1); // c
    expect(p.churnedCount).toBe(1);
    expect(p.denominator).toBe(4);
    expect(p.rate).toBeCloseTo(0.25, 12);
    expect(p.complete).toBe(true);
  });

  it("stripe: churn events / (start + started), counting joined-and-left and each restart", () => {
    const p = churnRate(subs, { ...feb, method: "stripe" }).periods[0]!;
    // ends in February: c, d (first spell), e = 3; starts: d (restart), e, f = 3
    expect(p.churnedCount).toBe(3);
    expect(p.denominator).toBe(7);
    expect(p.rate).toBeCloseTo(3 / 7, 12);
  });

  it("baremetrics-trailing: cancellations in the 30 days before the period end / active 30 days before", () => {
    const p = churnRate(subs, { ...feb, method: "baremetrics-trailing" }).periods[0]!;
    // window [Jan 31, Mar 1): active at Jan 31: a, b, c, d = 4; cancelled: c, d, e = 3
    expect(p.denominator).toBe(4);
    expect(p.churnedCount).toBe(3);
    expect(p.rate).toBeCloseTo(0.75, 12);
    const q = churnRate(subs, { ...feb, method: "baremetrics-trailing", trailing: { days: 10 } }).periods[0]!;
    // window [Feb 20, Mar 1): nobody cancels
    expect(q.rate).toBe(0);
  });

  it("shopify-daily: sum of the daily rates", () => {
    const p = churnRate(subs, { ...feb, method: "shopify-daily" }).periods[0]!;
    // Feb 5: d leaves among a, b, c, d, e (5) -> 1/5; Feb 10: c among a, b, c, e (4) -> 1/4;
    // Feb 17: e among a, b, e (3) -> 1/3
    expect(p.rate).toBeCloseTo(1 / 5 + 1 / 4 + 1 / 3, 12);
    expect(p.churnedCount).toBe(3);
  });

  it("gives a null rate with zero customers at the start", () => {
    const r = churnRate([{ customerId: "x", startedAt: "2024-02-10", mrr: 5 }], feb);
    expect(r.periods[0]!.startCount).toBe(0);
    expect(r.periods[0]!.rate).toBeNull();
    for (const method of ["stripe", "baremetrics-trailing", "shopify-daily"] as const) {
      const q = churnRate([], { ...feb, method });
      expect(q.periods[0]!.rate).toBeNull();
    }
  });

  it("returns no periods for empty input without asOf", () => {
    expect(churnRate([])).toMatchObject({ asOf: null, periods: [], customers: 0 });
  });

  it("does not count a customer who churns and returns in the same period", () => {
    const r = churnRate(
      [
        { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-02-05", mrr: 1 },
        { customerId: "a", startedAt: "2024-02-15", mrr: 1 },
      ],
      feb,
    );
    expect(r.periods[0]).toMatchObject({ startCount: 1, endCount: 1, lostCount: 0, reactivatedCount: 1, rate: 0 });
    expect(churnRate(
      [
        { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-02-05", mrr: 1 },
        { customerId: "a", startedAt: "2024-02-15", mrr: 1 },
      ],
      { ...feb, method: "stripe" },
    ).periods[0]!.rate).toBeCloseTo(0.5, 12);
  });

  it("merges overlapping and back-to-back subscriptions of one customer", () => {
    const r = churnRate(
      [
        { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-02-10", mrr: 1 },
        { customerId: "a", startedAt: "2024-02-01", endedAt: "2024-02-20", mrr: 1 },
        { customerId: "a", startedAt: "2024-02-20", mrr: 1 },
      ],
      { ...feb, method: "stripe" },
    );
    expect(r.periods[0]).toMatchObject({ startCount: 1, churnedCount: 0, rate: 0 });
  });

  it("reads activity records with an inactivity rule", () => {
    const orders = [
      { customerId: "a", occurredAt: "2024-01-01" },
      { customerId: "b", occurredAt: "2024-01-20" },
      { customerId: "b", occurredAt: "2024-03-10" },
    ];
    const r = churnRate(orders, { inactiveAfter: { days: 30 }, asOf: "2024-04-30" });
    expect(r.inputKind).toBe("activity");
    // a active [Jan 1, Jan 31): churns in January (joined and left: not counted)
    // b: [Jan 20, Feb 19) then [Mar 10, Apr 9): lost in February, back in March, lost in April
    expect(r.periods.map((p) => p.rate)).toEqual([null, 1, null, 1]);
    expect(r.periods[2]!.reactivatedCount).toBe(1);
    expect(r.periods[3]!.complete).toBe(false);
  });

  it("buckets by local month: 23:30 UTC on Jan 31 is February in Asia/Tokyo", () => {
    const subsTz = [
      { customerId: "a", startedAt: "2023-12-01T00:00:00Z", endedAt: "2024-01-31T23:30:00Z", mrr: 1 },
    ];
    const utc = churnRate(subsTz, { asOf: "2024-03-01T00:00:00Z" });
    const tokyo = churnRate(subsTz, { asOf: "2024-03-01T00:00:00Z", timeZone: "Asia/Tokyo" });
    expect(utc.periods.find((p) => p.label === "2024-01")!.lostCount).toBe(1);
    expect(tokyo.periods.find((p) => p.label === "2024-01")!.lostCount).toBe(0);
    expect(tokyo.periods.find((p) => p.label === "2024-02")!.lostCount).toBe(1);
    expect(tokyo.periods.find((p) => p.label === "2024-02")!.periodStart).toBe("2024-01-31T15:00:00.000Z");
  });

  it("handles daylight-saving days in shopify-daily (America/New_York, March 2024)", () => {
    const s = [
      { customerId: "a", startedAt: "2024-02-01", endedAt: "2024-03-10T12:00:00", mrr: 1 },
      { customerId: "b", startedAt: "2024-02-01", mrr: 1 },
    ];
    const r = churnRate(s, { method: "shopify-daily", timeZone: "America/New_York", from: "2024-03-05", to: "2024-03-05", asOf: "2024-04-15" });
    expect(r.periods[0]!.periodStart).toBe("2024-03-01T05:00:00.000Z");
    expect(r.periods[0]!.periodEnd).toBe("2024-04-01T04:00:00.000Z");
    expect(r.periods[0]!.rate).toBeCloseTo(0.5, 12);
  });

  it("supports quarters and years", () => {
    const q = churnRate(subs, { period: "quarter", asOf: "2024-12-31" });
    expect(q.periods.map((p) => p.label)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(q.periods[1]!.startCount).toBe(4);
    const y = churnRate(subs, { period: "year", asOf: "2025-06-30" });
    expect(y.periods.map((p) => [p.label, p.startCount, p.endCount])).toEqual([
      ["2024", 0, 4],
      ["2025", 4, 4],
    ]);
  });

  it("works with ids such as __proto__ and constructor", () => {
    const r = churnRate(
      [
        { customerId: "__proto__", startedAt: "2024-01-01", endedAt: "2024-02-02", mrr: 1 },
        { customerId: "constructor", startedAt: "2024-01-01", mrr: 1 },
      ],
      feb,
    );
    expect(r.customers).toBe(2);
    expect(r.periods[0]!.rate).toBeCloseTo(0.5, 12);
  });

  it("rejects subscriptions that end before they start", () => {
    expectError(
      () => churnRate([{ customerId: "a", startedAt: "2024-02-01", endedAt: "2024-01-01", mrr: 1 }]),
      "INVALID_INPUT",
      "input[0].endedAt",
    );
  });

  it("rejects invalid records and options", () => {
    expectError(() => churnRate([{ customerId: "a", occurredAt: "not a date" }]), "INVALID_INPUT", "input[0].occurredAt");
    expectError(() => churnRate([{ customerId: "a", occurredAt: Number.NaN }]), "INVALID_INPUT", "input[0].occurredAt");
    expectError(() => churnRate([{ customerId: "", occurredAt: 0 }]), "INVALID_INPUT", "input[0].customerId");
    expectError(() => churnRate([{ customerId: Infinity, occurredAt: 0 }] as never), "INVALID_INPUT", "input[0].customerId");
    expectError(() => churnRate([{ customerId: "a" }] as never), "INVALID_INPUT", "input[0]");
    expectError(() => churnRate([null] as never), "INVALID_INPUT", "input[0]");
    expectError(
      () => churnRate([{ customerId: "a", occurredAt: 0 }, { customerId: "a", startedAt: 0, mrr: 1 }] as never),
      "INVALID_INPUT",
      "input[1]",
    );
    expectError(() => churnRate(42 as never), "INVALID_INPUT", "input");
    expectError(() => churnRate([], { method: "profitwell" as never }), "INVALID_OPTION", "options.method");
    expectError(() => churnRate([], { inactiveAfter: { days: -1 } }), "INVALID_OPTION", "options.inactiveAfter.days");
    expectError(() => churnRate([], { asOf: "yesterday" }), "INVALID_OPTION", "options.asOf");
    expectError(() => churnRate([], { timeZone: "Mars/Olympus" }), "INVALID_OPTION", "options.timeZone");
  });

  it("chains periods: one period's end count is the next one's start count", () => {
    const r = churnRate(subs, { asOf: "2024-06-01" });
    for (let k = 1; k < r.periods.length; k++) expect(r.periods[k]!.startCount).toBe(r.periods[k - 1]!.endCount);
  });

  const subscriptionArb = fc
    .record({
      customer: fc.constantFrom("a", "b", "c", "d", "e", "__proto__"),
      start: fc.integer({ min: 0, max: 300 }),
      length: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    })
    .map((x) => ({
      customerId: x.customer,
      startedAt: Date.UTC(2024, 0, 1) + x.start * 86_400_000,
      endedAt: x.length === undefined ? null : Date.UTC(2024, 0, 1) + (x.start + x.length) * 86_400_000,
      mrr: 1,
    }));

  it("property: rates are in [0, 1] (except baremetrics), identities hold and order does not matter", () => {
    fc.assert(
      fc.property(fc.array(subscriptionArb, { maxLength: 25 }), fc.constantFrom("chartmogul-standard", "stripe", "shopify-daily"), (list, method) => {
        const opts = { method, asOf: Date.UTC(2024, 11, 31) } as const;
        const a = churnRate(list, opts);
        const b = churnRate([...list].reverse(), opts);
        expect(b).toEqual(a);
        expect(hasBadNumber(a.periods)).toBe(false);
        for (const p of a.periods) {
          if (p.rate !== null) {
            expect(p.rate).toBeGreaterThanOrEqual(0);
            if (method !== "shopify-daily") expect(p.rate).toBeLessThanOrEqual(1);
          }
          expect(p.startCount - p.lostCount).toBeLessThanOrEqual(p.endCount);
          expect(p.lostCount).toBeLessThanOrEqual(p.startCount);
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describeSeriesLimit("churnRate", churnRate, false);

describe("churnRate: a subscription far in the future", () => {
  it("names the endedAt of a subscription that ends in year 9999", () => {
    const subs = [{ customerId: "a", startedAt: "2024-01-05", mrr: 10 }, { customerId: "b", startedAt: "2024-01-20", endedAt: "9999-02-20", mrr: 10 }];
    expect(caughtError(() => churnRate(subs, { period: "day" })).path).toBe("input[1].endedAt");
  });
});

describe("churnRate: period edges", () => {
  const edgeSubs = deepFreeze([
    { customerId: "x", startedAt: "2024-02-01T00:00:00Z", mrr: 5 }, // starts at the period's first instant
    { customerId: "y", startedAt: "2024-02-03", endedAt: "2024-02-10", mrr: 5 },
    { customerId: "y", startedAt: "2024-02-20", mrr: 5 }, // new and back within February
    { customerId: "z", startedAt: "2024-01-01", endedAt: "2024-03-01T00:00:00Z", mrr: 5 }, // ends at February's end
  ]);

  it("counts a start at a period's first instant in it, an end at its last boundary in the next one, and a restart of a new customer", () => {
    const r = churnRate(edgeSubs, { from: "2024-02-01", to: "2024-03-01", asOf: "2024-04-01", method: "stripe" });
    expect(r.method).toBe("stripe");
    expect(r.periods.map((p) => [p.label, p.startCount, p.endCount, p.newCount, p.reactivatedCount, p.lostCount, p.churnedCount, p.denominator])).toEqual([
      // February: z at the start; x and y new (y also back on Feb 20); y's first spell ends; z still there at Mar 1
      ["2024-02", 1, 3, 2, 1, 0, 1, 4],
      // March: z's end at Mar 1 belongs here
      ["2024-03", 3, 2, 0, 0, 1, 1, 3],
    ]);
    expect(r.periods[0]!.rate).toBeCloseTo(1 / 4, 12);
    expect(r.periods[1]!.rate).toBeCloseTo(1 / 3, 12);
  });

  it("names the default method and rejects a bad trailing window by its path", () => {
    expect(churnRate(edgeSubs, { asOf: "2024-04-01" }).method).toBe("chartmogul-standard");
    expectError(() => churnRate([], { trailing: { days: -1 } }), "INVALID_OPTION", "options.trailing.days");
    expect(churnRate(edgeSubs, { from: "2024-02-01", to: "2024-02-01", asOf: "2024-04-01", method: "shopify-daily" }).method).toBe("shopify-daily");
  });
});
