import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { engagementRate } from "../../src/engagement/engagementRate.js";
import type { Interaction } from "../../src/models/interaction.js";
import { deepFreeze, errorOf, isJsonSafe, messageOf } from "./helpers.js";

const xs: Interaction[] = [
  { id: 1, customerId: "a", occurredAt: "2024-01-05", type: "login" },
  { id: 2, customerId: "a", occurredAt: "2024-01-06", type: "email_click" },
  { id: 3, customerId: "a", occurredAt: "2024-01-07", type: "email_click" },
  { id: 4, customerId: "b", occurredAt: "2024-01-09", type: "email_click" },
  { id: 5, customerId: "c", occurredAt: "2024-01-10", type: "login" },
  { id: 6, customerId: "b", occurredAt: "2024-03-01", type: "login" },
];

describe("engagementRate", () => {
  it("divides engaged customers by the customers active in the period", () => {
    const r = engagementRate(xs, { types: ["email_click"] });
    expect(r.baseDefinition).toBe("active");
    expect(r.points.map((p) => [p.label, p.engaged, p.base, p.rate, p.interactions])).toEqual([
      ["2024-01", 2, 3, 2 / 3, 3],
      ["2024-02", 0, 0, null, 0],
      ["2024-03", 0, 1, 0, 0],
    ]);
  });

  it("applies the minimum number of interactions", () => {
    const r = engagementRate(xs, { types: ["email_click"], minInteractions: 2, fillGaps: false });
    expect(r.points.map((p) => [p.engaged, p.base])).toEqual([
      [1, 3],
      [0, 1],
    ]);
    expect(r.minInteractions).toBe(2);
    // without a type filter, one interaction makes every active customer engaged
    expect(engagementRate(xs).points[0]!.rate).toBe(1);
    expect(engagementRate(xs, { minInteractions: 3 }).points[0]!.rate).toBeCloseTo(1 / 3, 12);
  });

  it("uses a given customer list as the base and reports interactions outside it", () => {
    const r = engagementRate(xs, { customers: ["a", "b", { id: "d" }, { customerId: "e" }], types: ["email_click"] });
    expect(r.baseDefinition).toBe("list");
    expect(r.outsideBase).toBe(1); // c's login
    expect(r.points.map((p) => [p.engaged, p.base, p.rate])).toEqual([
      [2, 4, 0.5],
      [0, 4, 0],
      [0, 4, 0],
    ]);
    expect(engagementRate(xs, { customers: [] }).points[0]!.rate).toBeNull();
    expect(engagementRate(xs, { customers: new Set(["a"]) }).points[0]!.rate).toBe(1);
  });

  it("buckets in a time zone", () => {
    const late = [{ customerId: "a", occurredAt: "2024-01-31T23:30:00Z", type: "click" }];
    expect(engagementRate(late, { timeZone: "Europe/Berlin" }).points[0]!.label).toBe("2024-02");
    expect(engagementRate(late, { timeZone: "America/New_York", period: "week" }).points[0]!.label).toBe("2024-01-29");
  });

  it("drops id duplicates only with dedupe", () => {
    const dup = [...xs, { ...xs[3]! }];
    expect(engagementRate(dup, { types: ["email_click"], minInteractions: 2 }).points[0]!.engaged).toBe(2);
    const r = engagementRate(dup, { types: ["email_click"], minInteractions: 2, dedupe: true });
    expect(r.points[0]!.engaged).toBe(1);
    expect(r.duplicates).toBe(1);
  });

  it("gives no points for empty input", () => {
    expect(engagementRate([])).toMatchObject({ points: [], records: 0, duplicates: 0, outsideBase: 0 });
  });

  it("handles ids such as __proto__", () => {
    const r = engagementRate([{ customerId: "__proto__", occurredAt: 0, type: "t" }], { customers: ["__proto__", "constructor"] });
    expect(r.points[0]!.rate).toBe(0.5);
  });

  it("does not mutate its input", () => {
    const input = deepFreeze(xs.map((x) => ({ ...x })));
    const customers = deepFreeze(["a", "b"]);
    expect(isJsonSafe(engagementRate(input, { customers, types: deepFreeze(["login"]) }))).toBe(true);
  });

  it("property: rates are in [0, 1], engaged <= base, and input order does not matter", () => {
    const rec = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d"),
      day: fc.integer({ min: 0, max: 120 }),
      type: fc.constantFrom("login", "click"),
    });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), (rows, k, withList) => {
        const data = rows.map((r) => ({ customerId: r.customerId, occurredAt: Date.UTC(2024, 0, 1) + r.day * 86_400_000, type: r.type }));
        const opts = { minInteractions: k, types: ["click"], ...(withList ? { customers: ["a", "b", "x"] } : {}) };
        const a = engagementRate(data, opts);
        expect(engagementRate(data.slice().reverse(), opts)).toEqual(a);
        for (const p of a.points) {
          expect(p.engaged).toBeLessThanOrEqual(p.base);
          if (p.rate === null) expect(p.base).toBe(0);
          else {
            expect(p.rate).toBeGreaterThanOrEqual(0);
            expect(p.rate).toBeLessThanOrEqual(1);
          }
        }
        // raising the threshold never raises the engaged count
        const stricter = engagementRate(data, { ...opts, minInteractions: k + 1 });
        stricter.points.forEach((p, i) => expect(p.engaged).toBeLessThanOrEqual(a.points[i]!.engaged));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it("rejects invalid records and options", () => {
    expect(errorOf(() => engagementRate([{ customerId: null, occurredAt: 0, type: "t" } as never]))).toBe(
      "INVALID_INPUT interactions[0].customerId",
    );
    expect(errorOf(() => engagementRate([{ customerId: "a", occurredAt: new Date(Number.NaN), type: "t" }]))).toBe(
      "INVALID_INPUT interactions[0].occurredAt",
    );
    expect(errorOf(() => engagementRate([], { minInteractions: 0 }))).toBe("INVALID_OPTION options.minInteractions");
    expect(errorOf(() => engagementRate([], { minInteractions: 1.5 }))).toBe("INVALID_OPTION options.minInteractions");
    expect(errorOf(() => engagementRate([], { customers: "abc" as never }))).toBe("INVALID_OPTION options.customers");
    expect(errorOf(() => engagementRate([], { customers: [""] }))).toBe("INVALID_OPTION options.customers[0]");
    expect(errorOf(() => engagementRate([], { customers: [{ name: "x" } as never] }))).toBe("INVALID_OPTION options.customers[0]");
    expect(errorOf(() => engagementRate([], { types: [3 as never] }))).toBe("INVALID_OPTION options.types[0]");
    expect(messageOf(() => engagementRate([], { dedupe: "yes" as never }))).toBe('engagementRate: options.dedupe must be true or false, got "yes"');
  });

  it("names a bad base list or base entry with its rule and the value it got", () => {
    const cases: readonly [unknown, string][] = [
      ["abc", 'options.customers must be an array or iterable of customer ids, got "abc"'],
      [null, "options.customers must be an array or iterable of customer ids, got null"],
      [7, "options.customers must be an array or iterable of customer ids, got 7"],
      [{ a: 1 }, "options.customers must be an array or iterable of customer ids, got an object"],
      [["a", Number.NaN], "options.customers[1] must be a customer id (non-empty string or finite number) or a record with one, got NaN"],
      [[Number.POSITIVE_INFINITY], "options.customers[0] must be a customer id (non-empty string or finite number) or a record with one, got Infinity"],
      [[{ id: "" }], 'options.customers[0] must be a customer id (non-empty string or finite number) or a record with one, got ""'],
    ];
    for (const [customers, message] of cases) {
      expect(messageOf(() => engagementRate(xs, { customers: customers as never }))).toBe(`engagementRate: ${message}`);
    }
  });

  it("reads numeric base ids as strings, and a record's customerId before its id", () => {
    const numeric = [{ customerId: 7, occurredAt: "2024-01-05", type: "click" }];
    expect(engagementRate(numeric, { customers: [7, 8] }).points[0]).toMatchObject({ engaged: 1, base: 2, rate: 0.5 });
    expect(engagementRate(numeric, { customers: ["7"] }).outsideBase).toBe(0);
    // { id: "x", customerId: 7 } is customer 7, so the interaction is inside the base
    const r = engagementRate(numeric, { customers: [{ id: "x", customerId: 7 }] });
    expect([r.outsideBase, r.points[0]!.engaged, r.points[0]!.base]).toEqual([0, 1, 1]);
  });

  it("keeps a customer's count when an uncounted type follows counted ones", () => {
    // b clicks twice, then logs in: still 2 counted interactions, engaged at minInteractions 2
    const ys = (
      [["b", 9, "email_click"], ["b", 10, "email_click"], ["b", 11, "login"], ["c", 12, "login"], ["c", 13, "login"]] as const
    ).map(([customerId, d, type]) => ({ customerId, occurredAt: Date.UTC(2024, 0, d), type }));
    const p = engagementRate(ys, { types: ["email_click"], minInteractions: 2 }).points[0]!;
    expect([p.engaged, p.base, p.rate, p.interactions]).toEqual([1, 2, 0.5, 2]);
  });

  it("emits the periods of interactions outside the base list, with a zero count", () => {
    // only c (outside the list) is active in February: the period is there, nobody engaged
    const ys = [
      { customerId: "a", occurredAt: "2024-01-05", type: "click" },
      { customerId: "c", occurredAt: "2024-02-05", type: "click" },
    ];
    const r = engagementRate(ys, { customers: ["a", "b"], fillGaps: false });
    expect(r.points.map((p) => [p.label, p.engaged, p.base, p.rate, p.interactions])).toEqual([
      ["2024-01", 1, 2, 0.5, 1],
      ["2024-02", 0, 2, 0, 0],
    ]);
    expect(r.outsideBase).toBe(1);
  });
});

describe("engagementRate: the 100,000-period limit", () => {
  const far = (last: string | number) => [
    { customerId: "a", occurredAt: "2000-01-01T00:00:00Z", type: "login" },
    { customerId: "b", occurredAt: last, type: "login" },
  ];

  it("builds a daily series of exactly 100,000 periods", () => {
    const points = engagementRate(far("2273-10-15T00:00:00Z"), { period: "day" }).points;
    expect([points.length, points[99_999]!.label, points[99_999]!.rate]).toEqual([100_000, "2273-10-15", 1]);
  });

  it("throws INVALID_INPUT at the interaction that makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => engagementRate(far("2273-10-16T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "interactions[1].occurredAt").message).toBe(
      "engagementRate: interactions[1].occurredAt must keep the series within 100,000 day periods (use a longer period, or fillGaps: false), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names the earlier interaction when it is the one farther from 1970 (a date in year 1000)", () => {
    const early = [{ customerId: "a", occurredAt: "1000-01-01T00:00:00Z", type: "login" }, { customerId: "b", occurredAt: "2000-01-01T00:00:00Z", type: "login" }];
    expect(seriesError(() => engagementRate(early, { period: "day" })).path).toBe("interactions[0].occurredAt");
    expect(engagementRate(early, { period: "day", fillGaps: false }).points).toHaveLength(2);
  });
});
