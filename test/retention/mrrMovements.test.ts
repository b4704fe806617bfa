import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { mrrMovements } from "../../src/index.js";
import { deepFreeze, expectError, hasBadNumber } from "./helpers.js";

const asOf = "2024-04-01";

describe("mrrMovements", () => {
  it("classifies new, expansion, contraction, churn and reactivation (hand-computed)", () => {
    const subs = deepFreeze([
      { customerId: "a", startedAt: "2024-01-05", mrr: 100, changes: [{ at: "2024-02-10", mrr: 120 }, { at: "2024-03-03", mrr: 90 }] },
      { customerId: "b", startedAt: "2024-01-15", endedAt: "2024-02-01", mrr: 40 },
      { customerId: "b", startedAt: "2024-03-20", mrr: 60 },
      { customerId: "c", startedAt: "2024-02-02", endedAt: "2024-03-15", mrr: 25 },
    ]);
    const r = mrrMovements(subs, { asOf });
    const [jan, feb, mar] = r.periods;
    expect(jan).toMatchObject({ startMrr: 0, newMrr: 140, endMrr: 140, startCustomers: 0, endCustomers: 2 });
    // b's subscription ends exactly at Feb 1: churn belongs to February
    expect(feb).toMatchObject({ startMrr: 140, newMrr: 25, expansionMrr: 20, churnedMrr: 40, netNewMrr: 5, endMrr: 145 });
    expect(feb!.movements).toEqual({ new: 1, expansion: 1, contraction: 0, churn: 1, reactivation: 0 });
    expect(mar).toMatchObject({ startMrr: 145, contractionMrr: 30, churnedMrr: 25, reactivationMrr: 60, endMrr: 150, complete: true });
    expect(r.customers).toBe(3);
  });

  it("sums overlapping subscriptions: cancelling one of two is contraction, the last one is churn", () => {
    const r = mrrMovements(
      [
        { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-02-10", mrr: 30 },
        { customerId: "a", startedAt: "2024-01-15", endedAt: "2024-03-10", mrr: 20 },
      ],
      { asOf },
    );
    expect(r.periods[0]).toMatchObject({ newMrr: 30, expansionMrr: 20, endMrr: 50 });
    expect(r.periods[1]).toMatchObject({ contractionMrr: 30, churnedMrr: 0, endMrr: 20, endCustomers: 1 });
    expect(r.periods[2]).toMatchObject({ churnedMrr: 20, endMrr: 0, endCustomers: 0 });
  });

  it("nets changes at the same instant: replacing a subscription by a dearer one is one expansion", () => {
    const r = mrrMovements(
      [
        { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-02-15", mrr: 50 },
        { customerId: "a", startedAt: "2024-02-15", mrr: 80 },
        { customerId: "b", startedAt: "2024-01-01", mrr: 10 },
        { customerId: "b", startedAt: "2024-01-01", mrr: 5 },
      ],
      { asOf },
    );
    expect(r.periods[0]!.movements.new).toBe(2);
    expect(r.periods[0]!.newMrr).toBe(65);
    expect(r.periods[1]).toMatchObject({ expansionMrr: 30, churnedMrr: 0, newMrr: 0 });
    expect(r.periods[1]!.movements.expansion).toBe(1);
  });

  it("treats a drop to 0 MRR as churn and a zero-length subscription as nothing", () => {
    const r = mrrMovements(
      [
        { customerId: "a", startedAt: "2024-01-01", mrr: 10, changes: [{ at: "2024-02-01", mrr: 0 }] },
        { customerId: "b", startedAt: "2024-01-03", endedAt: "2024-01-03", mrr: 99 },
      ],
      { asOf },
    );
    expect(r.periods[0]!.newMrr).toBe(10);
    expect(r.periods[1]!.churnedMrr).toBe(10);
  });

  it("sums money exactly", () => {
    const subs = Array.from({ length: 3 }, (_, i) => ({ customerId: `c${i}`, startedAt: "2024-01-01", mrr: i === 0 ? 0.1 : i === 1 ? "0.2" : 0.3 }));
    const r = mrrMovements(subs, { asOf: "2024-01-31" });
    expect(r.periods[0]!.endMrr).toBe(0.6);
    const many = Array.from({ length: 1000 }, (_, i) => ({ customerId: `c${i}`, startedAt: "2024-01-01", mrr: 0.01 }));
    expect(mrrMovements(many, { asOf: "2024-01-31" }).periods[0]!.newMrr).toBe(10);
  });

  it("buckets plan changes by local month (Asia/Tokyo)", () => {
    const subs = [{ customerId: "a", startedAt: "2024-01-10T00:00:00Z", mrr: 10, changes: [{ at: "2024-01-31T23:30:00Z", mrr: 20 }] }];
    const utc = mrrMovements(subs, { asOf: "2024-02-20T00:00:00Z" });
    const tokyo = mrrMovements(subs, { asOf: "2024-02-20T00:00:00Z", timeZone: "Asia/Tokyo" });
    expect(utc.periods[0]!.expansionMrr).toBe(10);
    expect(tokyo.periods[0]!.expansionMrr).toBe(0);
    expect(tokyo.periods[1]!.expansionMrr).toBe(10);
  });

  it("handles empty input, ids such as __proto__ and a currency", () => {
    expect(mrrMovements([])).toEqual({ period: "month", timeZone: "UTC", asOf: null, currency: null, customers: 0, periods: [] });
    const r = mrrMovements([
      { customerId: "__proto__", startedAt: "2024-01-01", mrr: 5, currency: "EUR" },
      { customerId: "constructor", startedAt: "2024-01-01", mrr: 7, currency: "EUR" },
    ]);
    expect(r.currency).toBe("EUR");
    expect(r.periods[0]!.newMrr).toBe(12);
  });

  it("rejects invalid subscriptions", () => {
    expectError(() => mrrMovements([{ customerId: "a", startedAt: "2024-02-01", endedAt: "2024-01-01", mrr: 1 }]), "INVALID_INPUT", "subscriptions[0].endedAt");
    expectError(() => mrrMovements([{ customerId: "a", startedAt: "2024-02-01", mrr: -1 }]), "INVALID_INPUT", "subscriptions[0].mrr");
    expectError(() => mrrMovements([{ customerId: "a", startedAt: "2024-02-01", mrr: Number.NaN }]), "INVALID_INPUT", "subscriptions[0].mrr");
    expectError(() => mrrMovements([{ customerId: "a", startedAt: "2024-02-01", mrr: "ten" as never }]), "INVALID_INPUT", "subscriptions[0].mrr");
    expectError(
      () => mrrMovements([{ customerId: "a", startedAt: "2024-02-01", endedAt: "2024-03-01", mrr: 1, changes: [{ at: "2024-03-01", mrr: 2 }] }]),
      "INVALID_INPUT",
      "subscriptions[0].changes[0].at",
    );
    expectError(() => mrrMovements([{ customerId: "a", startedAt: "2024-02-01", mrr: 1, changes: 5 as never }]), "INVALID_INPUT", "subscriptions[0].changes");
    expectError(
      () => mrrMovements([
        { customerId: "a", startedAt: "2024-02-01", mrr: 1, currency: "EUR" },
        { customerId: "b", startedAt: "2024-02-01", mrr: 1, currency: "USD" },
      ]),
      "INVALID_INPUT",
      "subscriptions[1].currency",
    );
    expectError(() => mrrMovements([{ customerId: "a", startedAt: "Feb 1", mrr: 1 }]), "INVALID_INPUT", "subscriptions[0].startedAt");
    expectError(() => mrrMovements([], { period: "fortnight" as never }), "INVALID_OPTION", "options.period");
  });

  const subArb = fc
    .record({
      c: fc.constantFrom("a", "b", "c", "d"),
      s: fc.integer({ min: 0, max: 200 }),
      len: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
      mrr: fc.integer({ min: 0, max: 5000 }).map((x) => x / 100),
      change: fc.option(fc.record({ d: fc.integer({ min: 0, max: 100 }), mrr: fc.integer({ min: 0, max: 5000 }).map((x) => x / 100) }), { nil: undefined }),
    })
    .map((x) => {
      const start = Date.UTC(2024, 0, 1) + x.s * 86_400_000;
      const end = x.len === undefined ? null : start + x.len * 86_400_000;
      const at = x.change === undefined ? undefined : start + x.change.d * 86_400_000;
      const changes = at !== undefined && (end === null || at < end) ? [{ at, mrr: x.change!.mrr }] : undefined;
      return { customerId: x.c, startedAt: start, endedAt: end, mrr: x.mrr, ...(changes ? { changes } : {}) };
    });

  it("property: start + movements = end, periods chain, MRR matches a brute-force sum, order does not matter", () => {
    fc.assert(
      fc.property(fc.array(subArb, { maxLength: 15 }), (subs) => {
        const opts = { asOf: Date.UTC(2024, 11, 31), period: "month" } as const;
        const r = mrrMovements(subs, opts);
        expect(mrrMovements([...subs].reverse(), opts)).toEqual(r);
        expect(hasBadNumber(r)).toBe(false);
        const mrrBefore = (t: number): number => {
          let cents = 0;
          for (const s of subs) {
            if (s.startedAt < t && (s.endedAt === null || t <= s.endedAt) && s.endedAt !== s.startedAt) {
              const ch = s.changes?.[0];
              cents += Math.round((ch !== undefined && ch.at < t ? ch.mrr : s.mrr) * 100);
            }
          }
          return cents / 100;
        };
        r.periods.forEach((p, k) => {
          const net = p.newMrr + p.expansionMrr + p.reactivationMrr - p.contractionMrr - p.churnedMrr;
          expect(Math.abs(p.startMrr + net - p.endMrr)).toBeLessThan(1e-9);
          expect(Math.abs(p.netNewMrr - net)).toBeLessThan(1e-9);
          expect(Math.abs(p.startMrr - mrrBefore(Date.parse(p.periodStart)))).toBeLessThan(1e-9);
          if (k > 0) expect(p.startMrr).toBe(r.periods[k - 1]!.endMrr);
        });
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe("mrrMovements: the 100,000-period limit", () => {
  const subs = (endedAt?: string) => [
    { customerId: "a", startedAt: "2000-01-01T00:00:00Z", mrr: 10 },
    { customerId: "b", startedAt: "2000-01-01T00:00:00Z", mrr: 20, ...(endedAt === undefined ? {} : { endedAt }) },
  ];

  it("throws INVALID_INPUT at the subscription end that makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => mrrMovements(subs("2273-10-16T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "subscriptions[1].endedAt").message).toBe(
      "mrrMovements: subscriptions[1].endedAt must keep the series within 100,000 day periods (pass from and to, or asOf, or use a longer period), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names a plan change in year 9999, and options.asOf (INVALID_OPTION) when asOf makes the span", () => {
    const changed = [{ customerId: "a", startedAt: "2000-01-01T00:00:00Z", mrr: 10, changes: [{ at: "9999-01-01", mrr: 20 }] }];
    expect(seriesError(() => mrrMovements(changed, { period: "day" })).path).toBe("subscriptions[0].changes[0].at");
    const e = seriesError(() => mrrMovements(subs(), { period: "day", asOf: "2273-10-16T00:00:00Z" }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.asOf"]);
  });

  it("builds the same subscriptions by month (3,286 periods), the end in the last", () => {
    const periods = mrrMovements(subs("2273-10-16T00:00:00Z"), { period: "month" }).periods;
    expect([periods.length, periods[3285]!.label, periods[3285]!.churnedMrr, periods[3285]!.endMrr]).toEqual([3286, "2273-10", 20, 10]);
  });
});

describe("mrrMovements: the edges of the series", () => {
  const edgeSubs = deepFreeze([
    { customerId: "a", startedAt: "2024-01-10", mrr: 10, changes: [{ at: "2024-03-20", mrr: 30 }] }, // the upgrade comes after asOf
    { customerId: "b", startedAt: "2023-12-15", endedAt: "2024-02-10", mrr: 5 }, // paying before `from`
    { customerId: "c", startedAt: "2024-01-20", mrr: 7 }, // no change after January
  ]);

  it("starts from the MRR before `from`, stops at asOf even when `to` is later, and counts paying customers at each boundary", () => {
    const r = mrrMovements(edgeSubs, { from: "2024-01-01", to: "2024-04-30", asOf: "2024-03-15" });
    expect(r.periods.map((p) => [p.label, p.startMrr, p.newMrr, p.expansionMrr, p.churnedMrr, p.endMrr, p.startCustomers, p.endCustomers])).toEqual([
      ["2024-01", 5, 17, 0, 0, 22, 1, 3],
      ["2024-02", 22, 0, 0, 5, 17, 3, 2],
      ["2024-03", 17, 0, 0, 0, 17, 2, 2],
    ]);
    expect(r.periods[2]!.movements).toEqual({ new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 });
    expect(r.periods[2]!.complete).toBe(false);
  });

  it("builds zero periods from `from` to asOf without subscriptions", () => {
    const r = mrrMovements([], { from: "2024-01-01", asOf: "2024-02-15" });
    expect(r.asOf).toBe("2024-02-15T00:00:00.000Z");
    expect(r.periods.map((p) => [p.label, p.startMrr, p.endMrr, p.startCustomers, p.endCustomers])).toEqual([
      ["2024-01", 0, 0, 0, 0],
      ["2024-02", 0, 0, 0, 0],
    ]);
  });
});
