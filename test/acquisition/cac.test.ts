import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { cac } from "../../src/index.js";
import { deepFreeze, errorOf, isJsonSafe, messageOf } from "./helpers.js";

const spend = [
  { channel: "search", periodStart: "2024-01-01", periodEnd: "2024-03-01", amount: 1000 },
  { channel: "events", periodStart: "2024-02-10", amount: 300, paid: false },
];
const customers = [
  { id: "a", acquiredAt: "2024-01-20", channel: "search" },
  { id: "b", acquiredAt: "2024-02-03", channel: "search" },
  { id: "c", acquiredAt: "2024-02-15", channel: "referral" },
];

describe("cac", () => {
  it("gives blended and paid CAC with spend spread pro rata over days", () => {
    const r = cac(spend, customers);
    // 1000 over 60 days (31 in January, 29 in February 2024): 516.67 + 483.33.
    expect(r.spend).toBe(1300);
    expect(r.newCustomers).toBe(3);
    expect(r.cac!).toBeCloseTo(1300 / 3, 10);
    expect(r.paidSpend).toBe(1000);
    expect(r.paidCustomers).toBe(2);
    expect(r.paidCac!).toBeCloseTo(500, 10);
    expect(r.periods.map((p) => p.label)).toEqual(["2024-01", "2024-02"]);
    const [jan, feb] = r.periods;
    expect(jan!.spend).toBeCloseTo((1000 * 31) / 60, 10);
    expect(jan!.cac!).toBeCloseTo((1000 * 31) / 60, 10);
    expect(feb!.spend).toBeCloseTo((1000 * 29) / 60 + 300, 10);
    expect(feb!.newCustomers).toBe(2);
    expect(feb!.paidCustomers).toBe(1);
    expect(feb!.paidSpend).toBeCloseTo((1000 * 29) / 60, 10);
    expect(jan!.periodStart).toBe("2024-01-01T00:00:00.000Z");
    expect(jan!.periodEnd).toBe("2024-02-01T00:00:00.000Z");
    // The pro-rata pieces of one record add up to the record exactly.
    expect(jan!.paidSpend + feb!.paidSpend).toBe(1000);
  });

  it("reports CAC per channel, overall and per period, with (none) last", () => {
    const r = cac(spend, [...customers, { id: "d", acquiredAt: "2024-02-20" }]);
    expect(r.channels.map((c) => [c.channel, c.paid, c.newCustomers])).toEqual([
      ["events", false, 0],
      ["referral", false, 1],
      ["search", true, 2],
      ["(none)", false, 1],
    ]);
    expect(r.channels[0]!.cac).toBeNull();
    expect(r.channels[0]!.spend).toBe(300);
    expect(r.channels[1]!.cac).toBe(0);
    expect(r.channels[2]!.cac!).toBeCloseTo(500, 10);
    expect(r.periods[1]!.channels.map((c) => c.channel)).toEqual(["events", "referral", "search", "(none)"]);
    expect(r.cac!).toBeCloseTo(325, 10);
  });

  it("books spend at its start with allocation 'start'", () => {
    const r = cac(spend, customers, { allocation: "start" });
    expect(r.periods.map((p) => p.spend)).toEqual([1000, 300]);
    expect(r.periods[0]!.cac).toBe(1000);
    expect(r.allocation).toBe("start");
  });

  it("shows the spend of a period without new customers and gives a null CAC", () => {
    const r = cac(
      [
        { channel: "ads", periodStart: "2024-01-05", amount: 100 },
        { channel: "ads", periodStart: "2024-03-05", amount: 50 },
      ],
      [{ id: 1, acquiredAt: "2024-01-06", channel: "ads" }],
    );
    expect(r.periods.map((p) => [p.label, p.spend, p.newCustomers, p.cac])).toEqual([
      ["2024-01", 100, 1, 100],
      ["2024-02", 0, 0, null],
      ["2024-03", 50, 0, null],
    ]);
    expect(r.periods[2]!.paidCac).toBeNull();
    const noGaps = cac([{ channel: "ads", periodStart: "2024-01-05", amount: 100 }, { channel: "ads", periodStart: "2024-03-05", amount: 50 }], [], {
      fillGaps: false,
    });
    expect(noGaps.periods.map((p) => p.label)).toEqual(["2024-01", "2024-03"]);
    expect(noGaps.cac).toBeNull();
  });

  it("sets spend against later acquisitions with lagPeriods", () => {
    const r = cac(
      [{ channel: "ads", periodStart: "2024-01-05", amount: 100 }],
      [{ id: 1, acquiredAt: "2024-02-06", channel: "ads" }],
      { lagPeriods: 1 },
    );
    expect(r.periods.map((p) => [p.label, p.spend, p.newCustomers, p.cac])).toEqual([["2024-02", 100, 1, 100]]);
    expect(r.lagPeriods).toBe(1);
  });

  it("buckets spend and customers in the same time zone (Europe/Berlin)", () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin (CEST).
    const c = [{ id: "x", acquiredAt: "2024-03-31T23:30:00Z", channel: "ads" }];
    const s = [{ channel: "ads", periodStart: "2024-04-01", amount: 80 }]; // local midnight
    expect(cac(s, c).periods.map((p) => [p.label, p.newCustomers, p.spend])).toEqual([
      ["2024-03", 1, 0],
      ["2024-04", 0, 80],
    ]);
    const berlin = cac(s, c, { timeZone: "Europe/Berlin" });
    expect(berlin.periods.map((p) => [p.label, p.newCustomers, p.cac])).toEqual([["2024-04", 1, 80]]);
    expect(berlin.periods[0]!.periodStart).toBe("2024-03-31T22:00:00.000Z");
  });

  it("spreads spend by elapsed time across a DST change (America/New_York, weeks)", () => {
    // Weeks start on Monday: 4-11 March has 167 hours (DST starts on 10 March), 11-18 March 168.
    const r = cac([{ channel: "ads", periodStart: "2024-03-04", periodEnd: "2024-03-18", amount: 1000 }], [], {
      timeZone: "America/New_York",
      period: "week",
    });
    expect(r.periods.map((p) => p.label)).toEqual(["2024-03-04", "2024-03-11"]);
    expect(r.periods[0]!.spend).toBeCloseTo((1000 * 167) / 335, 10);
    expect(r.periods[1]!.spend).toBeCloseTo((1000 * 168) / 335, 10);
    expect(r.spend).toBe(1000);
  });

  it("counts only channels with paid spend in paid CAC", () => {
    const r = cac(
      [
        { channel: "seo", periodStart: "2024-01-01", amount: 200, paid: false },
        { channel: "ads", periodStart: "2024-01-01", amount: 400 },
      ],
      [
        { id: 1, acquiredAt: "2024-01-02", channel: "seo" },
        { id: 2, acquiredAt: "2024-01-02", channel: "ads" },
        { id: 3, acquiredAt: "2024-01-02", channel: "ads" },
        { id: 4, acquiredAt: "2024-01-02" },
      ],
    );
    expect([r.spend, r.newCustomers, r.cac, r.paidSpend, r.paidCustomers, r.paidCac]).toEqual([600, 4, 150, 400, 2, 200]);
  });

  it("sums decimal-string money exactly", () => {
    const r = cac(
      [
        { channel: "a", periodStart: "2024-01-01", amount: "0.1" },
        { channel: "a", periodStart: "2024-01-02", amount: "0.2" },
      ],
      [{ id: 1, acquiredAt: "2024-01-03", channel: "a" }],
    );
    expect(r.spend).toBe(0.3);
    expect(r.cac).toBe(0.3);
  });

  it("handles empty input and a single record", () => {
    const empty = cac([], []);
    expect(empty).toMatchObject({ spend: 0, newCustomers: 0, cac: null, paidCac: null, periods: [], channels: [], skippedCustomers: 0 });
    const one = cac([], [{ id: "only", acquiredAt: 0 }]);
    expect(one.cac).toBe(0);
    expect(one.periods.map((p) => p.label)).toEqual(["1970-01"]);
  });

  it("works with ids and channels such as __proto__ and constructor", () => {
    const r = cac(
      [{ channel: "__proto__", periodStart: "2024-01-01", amount: 10 }],
      [
        { id: "__proto__", acquiredAt: "2024-01-02", channel: "__proto__" },
        { id: "constructor", acquiredAt: "2024-01-02", channel: "constructor" },
      ],
    );
    expect(r.channels.map((c) => [c.channel, c.newCustomers, c.spend])).toEqual([
      ["__proto__", 1, 10],
      ["constructor", 1, 0],
    ]);
    expect(r.paidCac).toBe(10);
  });

  it("rejects customers without an acquisition date, or skips and counts them", () => {
    const withMissing = [...customers, { id: "z", channel: "search" }];
    expect(errorOf(() => cac(spend, withMissing))).toBe("INVALID_INPUT newCustomers[3].acquiredAt");
    const r = cac(spend, withMissing, { missingAcquisition: "skip" });
    expect(r.skippedCustomers).toBe(1);
    expect(r.newCustomers).toBe(3);
  });

  it("rejects bad spend and customers with the record path", () => {
    const base = { channel: "a", periodStart: "2024-01-01", amount: 1 };
    const bad = (s: object): string => errorOf(() => cac([base, s as never], []));
    expect(bad({ periodStart: "2024-01-01", amount: 1 })).toBe("INVALID_INPUT spend[1].channel");
    expect(bad({ ...base, channel: "" })).toBe("INVALID_INPUT spend[1].channel");
    expect(bad({ channel: "a", amount: 1 })).toBe("INVALID_INPUT spend[1].periodStart");
    expect(bad({ ...base, periodStart: "2024-13-01" })).toBe("INVALID_INPUT spend[1].periodStart");
    expect(bad({ ...base, amount: -5 })).toBe("INVALID_INPUT spend[1].amount");
    expect(bad({ ...base, amount: Number.NaN })).toBe("INVALID_INPUT spend[1].amount");
    expect(bad({ ...base, amount: Number.POSITIVE_INFINITY })).toBe("INVALID_INPUT spend[1].amount");
    expect(bad({ ...base, amount: "12,5" })).toBe("INVALID_INPUT spend[1].amount");
    expect(bad({ ...base, periodEnd: "2024-01-01" })).toBe("INVALID_INPUT spend[1].periodEnd");
    expect(bad({ ...base, paid: "yes" })).toBe("INVALID_INPUT spend[1].paid");
    expect(errorOf(() => cac([null as never], []))).toBe("INVALID_INPUT spend[0]");
    expect(errorOf(() => cac(42 as never, []))).toBe("INVALID_INPUT spend");
    expect(messageOf(() => cac([{ ...base, amount: -5 }], []))).toBe("cac: spend[0].amount must be >= 0 (spend cannot be negative), got -5");
    expect(errorOf(() => cac([], [{ id: "", acquiredAt: 0 }]))).toBe("INVALID_INPUT newCustomers[0].id");
    expect(errorOf(() => cac([], [{ id: 1, acquiredAt: "yesterday" }]))).toBe("INVALID_INPUT newCustomers[0].acquiredAt");
    expect(errorOf(() => cac([], [{ id: 1, acquiredAt: 0, channel: 7 as never }]))).toBe("INVALID_INPUT newCustomers[0].channel");
    expect(
      errorOf(() =>
        cac([], [
          { id: 1, acquiredAt: 0 },
          { id: "1", acquiredAt: 0 },
        ]),
      ),
    ).toBe("INVALID_INPUT newCustomers[1].id");
  });

  it("refuses to add spend in different currencies", () => {
    const s = [
      { channel: "a", periodStart: "2024-01-01", amount: 1, currency: "USD" },
      { channel: "a", periodStart: "2024-01-01", amount: 1 },
      { channel: "b", periodStart: "2024-01-01", amount: 1, currency: "EUR" },
    ];
    expect(errorOf(() => cac(s, []))).toBe("INVALID_INPUT spend[2].currency");
    expect(messageOf(() => cac(s, []))).toBe(
      'cac: spend[2].currency must be "USD" like spend[0].currency (amounts are never converted between currencies), got "EUR"',
    );
    expect(cac(s.slice(0, 2), []).spend).toBe(2);
    expect(errorOf(() => cac([{ ...s[0]!, currency: 5 as never }], []))).toBe("INVALID_INPUT spend[0].currency");
  });

  it("rejects bad options", () => {
    expect(errorOf(() => cac([], [], { allocation: "even" as never }))).toBe("INVALID_OPTION options.allocation");
    expect(errorOf(() => cac([], [], { lagPeriods: -1 }))).toBe("INVALID_OPTION options.lagPeriods");
    expect(errorOf(() => cac([], [], { lagPeriods: 0.5 }))).toBe("INVALID_OPTION options.lagPeriods");
    expect(errorOf(() => cac([], [], { period: "hour" as never }))).toBe("INVALID_OPTION options.period");
    expect(errorOf(() => cac([], [], { timeZone: "Mars/Olympus" }))).toBe("INVALID_OPTION options.timeZone");
    expect(errorOf(() => cac([], [], { missingAcquisition: "drop" as never }))).toBe("INVALID_OPTION options.missingAcquisition");
    expect(errorOf(() => cac([], [], 5 as never))).toBe("INVALID_OPTION options");
  });

  it("does not mutate its input and accepts iterables", () => {
    const s = deepFreeze(structuredClone(spend));
    const c = deepFreeze(structuredClone(customers));
    const fromArrays = cac(s, c);
    const fromSets = cac(new Set(s), new Set(c));
    expect(fromSets).toEqual(fromArrays);
  });

  const spendArb = fc.array(
    fc.record({
      channel: fc.constantFrom("a", "b", "__proto__"),
      start: fc.integer({ min: 0, max: 400 }),
      days: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
      cents: fc.integer({ min: 0, max: 1_000_000 }),
      paid: fc.boolean(),
    }),
    { maxLength: 12 },
  );
  const customersArb = fc.array(
    fc.record({ day: fc.integer({ min: 0, max: 500 }), channel: fc.constantFrom("a", "b", "c", undefined) }),
    { maxLength: 15 },
  );
  const DAY = 86_400_000;
  const T0 = Date.UTC(2023, 0, 1);
  const toSpend = (xs: { channel: string; start: number; days?: number; cents: number; paid: boolean }[]) =>
    xs.map((x) => ({
      channel: x.channel,
      periodStart: T0 + x.start * DAY,
      ...(x.days === undefined ? {} : { periodEnd: T0 + (x.start + x.days) * DAY }),
      amount: x.cents / 100,
      paid: x.paid,
    }));
  const toCustomers = (xs: { day: number; channel?: string }[]) =>
    xs.map((x, i) => ({ id: `c${i}`, acquiredAt: T0 + x.day * DAY + 3_600_000, channel: x.channel }));

  it("conserves spend and customers across periods, whatever the period unit and order (property)", () => {
    fc.assert(
      fc.property(spendArb, customersArb, fc.constantFrom("week", "month", "quarter") as fc.Arbitrary<"week" | "month" | "quarter">, (xs, ys, period) => {
        const s = toSpend(xs);
        const c = toCustomers(ys);
        const r = cac(s, c, { period, timeZone: "America/New_York" });
        expect(isJsonSafe(r)).toBe(true);
        const exact = xs.reduce((acc, x) => acc + x.cents, 0) / 100;
        expect(r.spend).toBeCloseTo(exact, 6);
        const perPeriod = r.periods.reduce((acc, p) => acc + p.spend, 0);
        expect(Math.abs(perPeriod - exact)).toBeLessThan(1e-6 * Math.max(1, exact));
        expect(r.periods.reduce((acc, p) => acc + p.newCustomers, 0)).toBe(c.length);
        expect(r.channels.reduce((acc, ch) => acc + ch.newCustomers, 0)).toBe(c.length);
        if (r.cac !== null) expect(r.cac).toBeGreaterThanOrEqual(0);
        const reversed = cac([...s].reverse(), [...c].reverse(), { period, timeZone: "America/New_York" });
        expect(reversed.cac).toBe(r.cac);
        expect(reversed.periods.map((p) => p.newCustomers)).toEqual(r.periods.map((p) => p.newCustomers));
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe("cac: the 100,000-period limit", () => {
  const far = (last: string) => [
    { id: "a", acquiredAt: "2000-01-01T00:00:00Z", channel: "ads" },
    { id: "b", acquiredAt: last, channel: "ads" },
  ];

  it("builds a daily series of exactly 100,000 periods", () => {
    const periods = cac([], far("2273-10-15T00:00:00Z"), { period: "day" }).periods;
    expect([periods.length, periods[99_999]!.label, periods[99_999]!.newCustomers]).toEqual([100_000, "2273-10-15", 1]);
  });

  it("throws INVALID_INPUT at the customer whose acquisition date makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => cac([], far("2273-10-16T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "newCustomers[1].acquiredAt").message).toBe(
      "cac: newCustomers[1].acquiredAt must keep the series within 100,000 day periods (use a longer period, or fillGaps: false), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names a spend record that sets the far end, and one whose pro-rata span alone is too long", () => {
    const spend = [{ channel: "ads", periodStart: "2273-10-16T00:00:00Z", amount: 10 }];
    expect(seriesError(() => cac(spend, far("2000-01-01T00:00:00Z"), { period: "day" })).path).toBe("spend[0].periodStart");
    const long = [{ channel: "ads", periodStart: "2000-01-01T00:00:00Z", periodEnd: "2273-10-17T00:00:00Z", amount: 10 }];
    expect(seriesError(() => cac(long, [], { period: "day" })).message).toBe(
      'cac: spend[0].periodEnd must keep the series within 100,000 day periods (use a longer period, or allocation: "start"), got 2273-10-17T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z',
    );
    // Ending at the start of day 100,001, the spend covers exactly 100,000 days.
    const exact = cac([{ channel: "ads", periodStart: "2000-01-01T00:00:00Z", periodEnd: "2273-10-16T00:00:00Z", amount: 100_000 }], [], { period: "day", fillGaps: false });
    expect([exact.periods.length, exact.periods[99_999]!.spend]).toEqual([100_000, 1]);
  });
});
