import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { cohortRetention, generateEvents, type CohortEvent } from "../../src/index.js";
import { deepFreeze, expectError, hasBadNumber } from "./helpers.js";

const DAY = 86_400_000;
const events = deepFreeze([
  { customerId: "a", occurredAt: "2024-01-03", type: "signup" },
  { customerId: "a", occurredAt: "2024-01-25", type: "purchase" },
  { customerId: "b", occurredAt: "2024-01-20", type: "signup" },
  { customerId: "a", occurredAt: "2024-02-11", type: "purchase" },
  { customerId: "a", occurredAt: "2024-02-12", type: "purchase" },
  { customerId: "b", occurredAt: "2024-04-05", type: "purchase" },
  { customerId: "c", occurredAt: "2024-02-07", type: "signup" },
  { customerId: "c", occurredAt: "2024-03-07", type: "login" },
]);

describe("cohortRetention", () => {
  it("n-period: counts each member once per period it returned in", () => {
    const r = cohortRetention(events, { asOf: "2024-04-30" });
    expect(r.cohorts.map((c) => c.label)).toEqual(["2024-01", "2024-02", "2024-03", "2024-04"]);
    expect(r.cohorts.map((c) => c.size)).toEqual([2, 1, 0, 0]);
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([2, 1, 0, 1]);
    expect(r.cohorts[1]!.cells.map((c) => c.count)).toEqual([1, 1, 0]);
    expect(r.cohorts[0]!.cells.map((c) => c.rate)).toEqual([1, 0.5, 0, 0.5]);
    expect(r.cohorts[2]!.cells[0]!.rate).toBeNull();
    expect(r.cohorts[0]!.cells.map((c) => c.complete)).toEqual([true, true, true, false]);
    expect(r.customers).toBe(3);
    expect(r.events).toBe(8);
  });

  it("unbounded: a return in period k counts at every offset up to k", () => {
    const r = cohortRetention(events, { mode: "unbounded", asOf: "2024-04-30" });
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([2, 2, 1, 1]);
    expect(r.cohorts[1]!.cells.map((c) => c.count)).toEqual([1, 1, 0]);
  });

  it("rolling: 30-day windows from each customer's own first event", () => {
    const r = cohortRetention(events, { mode: "rolling", asOf: "2024-04-30" });
    // a: Jan 3 -> Jan 25 (window 0), Feb 11/12 (39-40 days: window 1); b: Jan 20 -> Apr 5 (76 days: window 2)
    expect(r.cohorts[0]!.cells.slice(0, 4).map((c) => c.count)).toEqual([2, 1, 1, 0]);
    // c: Feb 7 -> Mar 7 is 29 days: window 0, not a return
    expect(r.cohorts[1]!.cells[1]!.count).toBe(0);
    expect(r.cohorts[0]!.cells[0]!.complete).toBe(true);
    expect(r.cohorts[0]!.cells[3]!.complete).toBe(false);
    expectError(() => cohortRetention(events, { mode: "rolling", period: "quarter" }), "INVALID_OPTION", "options.period");
  });

  it("lets the return event differ from the cohort event", () => {
    const r = cohortRetention(events, { cohortEvent: "signup", returnEvent: ["purchase"], asOf: "2024-04-30" });
    expect(r.cohorts[1]!.cells.map((c) => c.count)).toEqual([1, 0, 0]); // c's login is not a return
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([2, 1, 0, 1]); // a's February and b's April purchases
    const p = cohortRetention(events, { cohortEvent: (e) => e.type === "signup", returnEvent: (e) => e.type === "login", asOf: "2024-04-30" });
    expect(p.cohorts[1]!.cells.map((c) => c.count)).toEqual([1, 1, 0]);
    expect(p.cohorts[0]!.cells.map((c) => c.count)).toEqual([2, 0, 0, 0]);
  });

  it("uses acquiredAt from customer records when given", () => {
    const r = cohortRetention(events, {
      customers: [
        { id: "a", acquiredAt: "2023-12-15" },
        { id: "z", acquiredAt: "2024-01-10" },
        { id: "b" },
      ],
      asOf: "2024-04-30",
    });
    expect(r.cohorts[0]!.label).toBe("2023-12");
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([1, 1, 1, 0, 0]);
    expect(r.cohorts[1]!.size).toBe(2); // b (first event) and z (no events)
    expect(r.customers).toBe(4);
  });

  it("limits offsets with maxPeriods and averages only complete cells (pooled)", () => {
    const r = cohortRetention(events, { maxPeriods: 1, asOf: "2024-04-30" });
    expect(r.cohorts.map((c) => c.cells.length)).toEqual([2, 2, 2, 1]);
    expect(r.average[1]).toEqual({ offset: 1, count: 2, eligible: 3, rate: 2 / 3 });
  });

  it("buckets in the time zone: 23:30 UTC on Jan 31 is a February cohort in Asia/Tokyo", () => {
    const e = [{ customerId: "x", occurredAt: "2024-01-31T23:30:00Z" }];
    expect(cohortRetention(e).cohorts[0]!.label).toBe("2024-01");
    expect(cohortRetention(e, { timeZone: "Asia/Tokyo" }).cohorts[0]!.label).toBe("2024-02");
  });

  it("uses local weeks across daylight saving time (Europe/Berlin, March 2024)", () => {
    const e = [
      { customerId: "x", occurredAt: "2024-03-25T00:30:00" }, // Monday after the change, local time
      { customerId: "x", occurredAt: "2024-03-31T23:30:00" },
      { customerId: "x", occurredAt: "2024-04-01T00:10:00" },
    ];
    const r = cohortRetention(e, { period: "week", timeZone: "Europe/Berlin" });
    expect(r.cohorts[0]!.periodStart).toBe("2024-03-24T23:00:00.000Z");
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([1, 1]);
    const ny = cohortRetention([{ customerId: "y", occurredAt: "2024-03-10T01:30:00-05:00" }, { customerId: "y", occurredAt: "2024-03-11T00:30:00-04:00" }], {
      period: "day",
      timeZone: "America/New_York",
    });
    expect(ny.cohorts[0]!.periodEnd).toBe("2024-03-11T04:00:00.000Z"); // a 23-hour day
    expect(ny.cohorts[0]!.cells[1]!.count).toBe(1);
  });

  it("works with ids such as __proto__ and constructor, numbers and Dates", () => {
    const r = cohortRetention([
      { customerId: "__proto__", occurredAt: new Date("2024-01-01") },
      { customerId: "constructor", occurredAt: Date.UTC(2024, 0, 2) },
      { customerId: 7, occurredAt: "2024-01-03" },
      { customerId: "__proto__", occurredAt: "2024-02-01" },
    ]);
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([3, 1]);
  });

  it("handles empty input and events after asOf", () => {
    expect(cohortRetention([])).toMatchObject({ cohorts: [], average: [], asOf: null, customers: 0 });
    const r = cohortRetention(events, { asOf: "2024-01-31" });
    expect(r.events).toBe(3);
    expect(r.cohorts.length).toBe(1);
  });

  it("rejects invalid events and options", () => {
    expectError(() => cohortRetention([{ customerId: "a", occurredAt: "2024-13-01" }]), "INVALID_INPUT", "events[0].occurredAt");
    expectError(() => cohortRetention([{ customerId: null, occurredAt: 0 }] as never), "INVALID_INPUT", "events[0].customerId");
    expectError(() => cohortRetention([5] as never), "INVALID_INPUT", "events[0]");
    expectError(() => cohortRetention([], { mode: "bracket" as never }), "INVALID_OPTION", "options.mode");
    expectError(() => cohortRetention([], { returnEvent: 5 as never }), "INVALID_OPTION", "options.returnEvent");
    expectError(() => cohortRetention([], { maxPeriods: -1 }), "INVALID_OPTION", "options.maxPeriods");
    expectError(() => cohortRetention([], { customers: [{ id: "a", acquiredAt: "nope" }] }), "INVALID_INPUT", "options.customers[0].acquiredAt");
  });

  const eventArb = fc.array(
    fc.record({ c: fc.constantFrom("a", "b", "c", "d", "e", "f"), day: fc.integer({ min: 0, max: 150 }) }),
    { maxLength: 40 },
  );

  it("property: matches a brute-force count, unbounded is monotone and >= n-period, order does not matter", () => {
    fc.assert(
      fc.property(eventArb, fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">, (rows, period) => {
        const list = rows.map((x) => ({ customerId: x.c, occurredAt: Date.UTC(2024, 0, 1) + x.day * DAY + 3_600_000 }));
        const opts = { period, timeZone: "Europe/Berlin" } as const;
        const n = cohortRetention(list, opts);
        const u = cohortRetention(list, { ...opts, mode: "unbounded" });
        expect(cohortRetention([...list].reverse(), opts)).toEqual(n);
        expect(hasBadNumber(n)).toBe(false);
        // brute force with string period labels
        const labelOf = (t: number): number => n.cohorts.findIndex((c) => Date.parse(c.periodStart) <= t && t < Date.parse(c.periodEnd));
        const first = new Map<string, number>();
        for (const e of list) first.set(e.customerId, Math.min(first.get(e.customerId) ?? Infinity, e.occurredAt));
        const pairs = new Set<string>();
        for (const e of list) {
          const k = labelOf(e.occurredAt) - labelOf(first.get(e.customerId)!);
          if (k >= 1) pairs.add(`${e.customerId}|${k}`);
        }
        let total = 0;
        const violations: string[] = [];
        n.cohorts.forEach((c, p) => {
          if (c.cells[0]!.count !== c.size) violations.push(`size ${p}`);
          for (const cell of c.cells.slice(1)) total += cell.count;
          const uc = u.cohorts[p]!.cells;
          for (let k = 1; k < c.cells.length; k++) {
            if (uc[k]!.count < c.cells[k]!.count) violations.push(`unbounded < n-period at ${p},${k}`);
            if (uc[k]!.count > uc[k - 1]!.count) violations.push(`unbounded increases at ${p},${k}`);
          }
        });
        expect(violations).toEqual([]);
        expect(total).toBe(pairs.size);
        expect(n.cohorts.reduce((s, c) => s + c.size, 0)).toBe(first.size);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it("reads a non-array iterable lazily, once, with the same result and error paths as an array", () => {
    let pulled = 0;
    function* stream(): Generator<(typeof events)[number]> {
      for (const e of events) {
        pulled++;
        yield e;
      }
    }
    expect(cohortRetention(stream(), { asOf: "2024-04-30" })).toEqual(cohortRetention(events, { asOf: "2024-04-30" }));
    expect(pulled).toBe(events.length);
    expect(cohortRetention(new Set(events), { mode: "unbounded" })).toEqual(cohortRetention(events, { mode: "unbounded" }));
    function* bad(): Generator<{ customerId: string; occurredAt: string }> {
      yield { customerId: "a", occurredAt: "2024-01-01" };
      yield { customerId: "a", occurredAt: "2024-01-01T25:00:00Z" };
    }
    expectError(() => cohortRetention(bad()), "INVALID_INPUT", "events[1].occurredAt");
    expectError(() => cohortRetention(5 as never), "INVALID_INPUT", "events");
  });

  it("gives the same triangle for ISO strings (with and without offsets), epoch ms and Dates, in UTC and Europe/Berlin", () => {
    const epoch = generateEvents({ customers: 300, seed: 11, timestamps: "epoch" });
    const iso = epoch.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number).toISOString() }));
    const offset = epoch.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number).toISOString().replace("Z", "+00:00") }));
    const dates = epoch.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number) }));
    for (const timeZone of ["UTC", "Europe/Berlin"]) {
      const want = cohortRetention(epoch, { period: "week", timeZone });
      const variants: CohortEvent[][] = [iso, offset, dates];
      for (const data of variants) expect(cohortRetention(data, { period: "week", timeZone })).toEqual(want);
    }
  });

  it("counts wide daily triangles (more than 32 offsets) exactly", () => {
    const list = [];
    for (let d = 0; d < 120; d += 3) list.push({ customerId: "a", occurredAt: Date.UTC(2024, 0, 1) + d * DAY });
    for (let d = 0; d < 120; d += 7) list.push({ customerId: "b", occurredAt: Date.UTC(2024, 0, 1) + d * DAY + 1000 });
    const r = cohortRetention(list, { period: "day" });
    const cells = r.cohorts[0]!.cells;
    expect(cells.length).toBe(120);
    for (const cell of cells.slice(1)) expect(cell.count).toBe((cell.offset % 3 === 0 ? 1 : 0) + (cell.offset % 7 === 0 ? 1 : 0));
  });

  it("indexes thousands of distinct ids, including __proto__ and constructor, exactly", () => {
    const ids = ["__proto__", "constructor", "", "toString", ...Array.from({ length: 3000 }, (_, k) => `id-${k}`)].filter((id) => id !== "");
    const list = ids.flatMap((id, k) => [
      { customerId: id, occurredAt: Date.UTC(2024, 0, 1 + (k % 28)) },
      ...(k % 3 === 0 ? [{ customerId: id, occurredAt: Date.UTC(2024, 1, 1 + (k % 28)) }] : []),
    ]);
    const r = cohortRetention(list);
    expect(r.customers).toBe(ids.length);
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([ids.length, ids.filter((_, k) => k % 3 === 0).length]);
  });
});

describe("cohortRetention: the 100,000-period and table limits", () => {
  const far = (last: string) => [
    { customerId: "a", occurredAt: "2000-01-01T00:00:00Z" },
    { customerId: "b", occurredAt: last },
  ];

  it("throws INVALID_INPUT at the event that makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => cohortRetention(far("2273-10-16T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "events[1].occurredAt").message).toBe(
      "cohortRetention: events[1].occurredAt must keep the series within 100,000 day periods (pass asOf, or use a longer period), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names options.asOf, or an acquisition date of options.customers (INVALID_OPTION)", () => {
    expect(seriesError(() => cohortRetention(far("2000-02-01"), { period: "day", asOf: "2273-10-16T00:00:00Z" })).path).toBe("options.asOf");
    const e = seriesError(() => cohortRetention(far("2000-02-01"), { period: "day", customers: [{ id: "z", acquiredAt: "1000-01-01" }] }));
    expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.customers[0].acquiredAt"]);
  });

  it("rejects a table of more than 2^25 cells (5,793 daily cohorts) unless maxPeriods bounds it", () => {
    expect(expectCrmError(() => cohortRetention(far("2015-11-10T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "events[1].occurredAt").message).toBe(
      "cohortRetention: events[1].occurredAt must keep the cohort table within 33,554,432 cells (pass maxPeriods, asOf, or use a longer period), got 2015-11-10T00:00:00.000Z, which makes 5,793 cohorts of up to 5,793 periods",
    );
    const bounded = cohortRetention(far("2015-11-10T00:00:00Z"), { period: "day", maxPeriods: 3 });
    expect([bounded.cohorts.length, bounded.cohorts[5_792]!.size]).toEqual([5_793, 1]);
  });
});

describe("cohortRetention: options, matchers and the records read", () => {
  const message = (f: () => unknown): string => seriesError(f).message;

  it("defaults to n-period retention by month and accepts quarters in the calendar modes", () => {
    const r = cohortRetention(events, { asOf: "2024-04-30" });
    expect([r.mode, r.period, r.timeZone]).toEqual(["n-period", "month", "UTC"]);
    // Q1: a, b and c; b comes back in April (Q2)
    const q = cohortRetention(events, { period: "quarter", asOf: "2024-06-30" });
    expect(q.cohorts.map((c) => c.cells.map((x) => x.count))).toEqual([[3, 1], [0]]);
    expect(cohortRetention(events, { period: "year", mode: "unbounded" }).cohorts[0]!.size).toBe(3);
  });

  it("names the periods rolling windows support, and maxPeriods' integer rule, in its messages", () => {
    expect(message(() => cohortRetention(events, { mode: "rolling", period: "quarter" }))).toBe(
      'cohortRetention: options.period must be "day", "week" or "month" with mode "rolling", got "quarter"',
    );
    expect(expectError(() => cohortRetention(events, { maxPeriods: 1.5 }), "INVALID_OPTION", "options.maxPeriods").message).toBe(
      "cohortRetention: options.maxPeriods must be an integer >= 0, got 1.5",
    );
  });

  it("rejects a matcher that is not a name, a list of names or a predicate", () => {
    expect(expectError(() => cohortRetention(events, { cohortEvent: 5 as never }), "INVALID_OPTION", "options.cohortEvent").message).toBe(
      "cohortRetention: options.cohortEvent must be an event name, a list of names or a predicate, got 5",
    );
    expectError(() => cohortRetention(events, { returnEvent: ["purchase", 5] as never }), "INVALID_OPTION", "options.returnEvent");
    expectError(() => cohortRetention(events, { returnEvent: [5, "purchase"] as never }), "INVALID_OPTION", "options.returnEvent");
  });

  // d logs in in January, signs up in February and buys in March.
  const late = [
    { customerId: "d", occurredAt: "2024-01-10", type: "login" },
    { customerId: "d", occurredAt: "2024-02-15", type: "signup" },
    { customerId: "d", occurredAt: "2024-03-02", type: "purchase" },
  ];

  it("with only cohortEvent, counts every event as a return", () => {
    const r = cohortRetention(late, { cohortEvent: "signup", asOf: "2024-03-31" });
    expect(r.cohorts.map((c) => [c.label, c.cells.map((x) => x.count)])).toEqual([
      ["2024-02", [1, 1]],
      ["2024-03", [0]],
    ]);
  });

  it("with only returnEvent, puts customers in the cohort of their first event of any kind", () => {
    const r = cohortRetention(late, { returnEvent: "purchase", asOf: "2024-03-31" });
    expect(r.cohorts.map((c) => [c.label, c.cells.map((x) => x.count)])).toEqual([
      ["2024-01", [1, 0, 1]],
      ["2024-02", [0, 0]],
      ["2024-03", [0]],
    ]);
  });

  // a visits before signing up; b only visits (no cohort); c signs up twice.
  const visits = [
    { customerId: "a", occurredAt: "2024-01-05", type: "visit" },
    { customerId: "a", occurredAt: "2024-02-03", type: "signup" },
    { customerId: "b", occurredAt: "2024-01-20", type: "visit" },
    { customerId: "a", occurredAt: "2024-03-04", type: "visit" },
    { customerId: "b", occurredAt: "2024-03-10", type: "visit" },
    { customerId: "c", occurredAt: "2024-02-20", type: "signup" },
    { customerId: "b", occurredAt: "2024-04-12", type: "visit" },
    { customerId: "c", occurredAt: "2024-04-02", type: "signup" },
  ];
  const roles = { cohortEvent: "signup", returnEvent: "visit", asOf: "2024-04-30" } as const;

  it("starts cohorts at cohort events only: a return event before it, or a customer with returns only, starts none", () => {
    const r = cohortRetention(visits, roles);
    expect(r.customers).toBe(2);
    expect(r.cohorts.map((c) => [c.label, c.size, c.cells.map((x) => x.count)])).toEqual([
      ["2024-02", 2, [2, 1, 0]],
      ["2024-03", 0, [0, 0]],
      ["2024-04", 0, [0]],
    ]);
  });

  it("does not count a second cohort event as a return, in any mode", () => {
    expect(cohortRetention(visits, { ...roles, mode: "unbounded" }).cohorts[0]!.cells.map((x) => x.count)).toEqual([2, 1, 0]);
    expect(cohortRetention(visits, { ...roles, mode: "rolling" }).cohorts[0]!.cells.map((x) => x.count)).toEqual([2, 1, 0]);
  });

  it("reads strings without an offset as local time in a zone other than UTC", () => {
    const r = cohortRetention([{ customerId: "x", occurredAt: "2024-01-31T23:30:00" }], { timeZone: "Asia/Tokyo" });
    expect([r.cohorts[0]!.label, r.cohorts[0]!.periodStart, r.asOf]).toEqual(["2024-01", "2023-12-31T15:00:00.000Z", "2024-01-31T14:30:00.000Z"]);
  });

  it("counts an event at exactly asOf and drops one a millisecond later", () => {
    const list = [
      { customerId: "a", occurredAt: "2024-01-01T00:00:00Z" },
      { customerId: "a", occurredAt: "2024-02-29T23:59:59.999Z" },
      { customerId: "b", occurredAt: "2024-03-01T00:00:00Z" },
    ];
    const r = cohortRetention(list, { asOf: "2024-02-29T23:59:59.999Z" });
    expect([r.events, r.customers]).toEqual([2, 1]);
    expect(r.cohorts.map((c) => c.cells.map((x) => x.count))).toEqual([[1, 1], [0]]);
  });

  it("rejects events that are not records or not iterable, with the rule in the message", () => {
    expect(message(() => cohortRetention([5] as never))).toBe("cohortRetention: events[0] must be an event record, got 5");
    expectError(() => cohortRetention([[]] as never), "INVALID_INPUT", "events[0]");
    expect(message(() => cohortRetention(5 as never))).toBe("cohortRetention: events must be an array or iterable of records, got 5");
    for (const bad of [null, "abc", {}, undefined]) expectError(() => cohortRetention(bad as never), "INVALID_INPUT", "events");
  });

  it("rejects customers that are not records or not iterable", () => {
    expect(expectError(() => cohortRetention(events, { customers: 5 as never }), "INVALID_INPUT", "options.customers").message).toBe(
      "cohortRetention: options.customers must be an array or iterable of records, got 5",
    );
    expect(expectError(() => cohortRetention(events, { customers: [5] as never }), "INVALID_INPUT", "options.customers[0]").message).toBe(
      "cohortRetention: options.customers[0] must be a Customer record, got 5",
    );
  });

  it("falls back to the first event for acquiredAt null, and ignores an acquisition after asOf", () => {
    const plain = cohortRetention(events, { asOf: "2024-04-30" });
    expect(cohortRetention(events, { asOf: "2024-04-30", customers: [{ id: "a", acquiredAt: null as never }] })).toEqual(plain);
    expect(cohortRetention(events, { asOf: "2024-04-30", customers: [{ id: "z", acquiredAt: "2024-04-30T00:00:00.001Z" }] })).toEqual(plain);
    const atAsOf = cohortRetention(events, { asOf: "2024-04-30", customers: [{ id: "z", acquiredAt: "2024-04-30" }] });
    expect([atAsOf.customers, atAsOf.cohorts[3]!.size]).toEqual([4, 1]);
  });

  it("keeps the last listing of a customer without events, and a slot of its own for each such customer", () => {
    const twice = cohortRetention(events, { asOf: "2024-04-30", customers: [{ id: "z", acquiredAt: "2024-01-10" }, { id: "z", acquiredAt: "2024-02-10" }] });
    expect([twice.customers, twice.cohorts.map((c) => c.size)]).toEqual([4, [2, 2, 0, 0]]);
    const two = cohortRetention(events, { asOf: "2024-04-30", customers: [{ id: "y", acquiredAt: "2024-03-01" }, { id: "z", acquiredAt: "2024-03-02" }] });
    expect([two.customers, two.cohorts.map((c) => c.size)]).toEqual([5, [2, 1, 2, 0]]);
    expect(two.cohorts[1]!.cells.map((c) => c.count)).toEqual([1, 1, 0]); // c still in February
  });

  it("extends the table to an acquisition date later than every event (no asOf)", () => {
    const r = cohortRetention(events, { customers: [{ id: "z", acquiredAt: "2024-06-15" }] });
    expect(r.asOf).toBe("2024-06-15T00:00:00.000Z");
    expect(r.cohorts.map((c) => c.size)).toEqual([2, 1, 0, 0, 0, 1]);
  });

  it("rolling: gives each cohort the windows its first member has started by asOf", () => {
    const r = cohortRetention(events, { mode: "rolling", asOf: "2024-04-30" });
    // from Jan 1: 120 days (4 whole windows); Feb 1: 89; Mar 1: 60; Apr 1: 29
    expect(r.cohorts.map((c) => c.cells.length)).toEqual([5, 3, 3, 1]);
  });

  it("rolling: a window is complete when it ends at asOf + 1 ms for the cohort's last possible member", () => {
    const r = cohortRetention([{ customerId: "x", occurredAt: "2024-01-01T00:00:00Z" }], { mode: "rolling", period: "day", asOf: "2024-01-03T23:59:59.999Z" });
    expect(r.cohorts[0]!.cells.map((c) => c.complete)).toEqual([true, true, false]);
    expect(r.cohorts[1]!.cells.map((c) => c.complete)).toEqual([true, false]);
  });

  it("leaves incomplete cells of non-empty cohorts out of the pooled average", () => {
    const r = cohortRetention(events, { asOf: "2024-04-30" });
    expect(r.average.map((a) => [a.offset, a.count, a.eligible])).toEqual([
      [0, 3, 3],
      [1, 2, 3],
      [2, 0, 2],
      [3, 0, 0],
    ]);
    expect(r.average[1]!.rate).toBeCloseTo(2 / 3, 15);
    expect(r.average[3]!.rate).toBeNull();
  });

  it("unbounded: with maxPeriods, a return past the last offset counts at every offset shown", () => {
    const r = cohortRetention(
      [
        { customerId: "x", occurredAt: "2024-01-05" },
        { customerId: "x", occurredAt: "2024-04-10" },
      ],
      { mode: "unbounded", maxPeriods: 1, asOf: "2024-04-30" },
    );
    expect(r.cohorts.map((c) => c.cells.map((x) => x.count))).toEqual([[1, 1], [0, 0], [0, 0], [0]]);
  });

  it("grows its columns past the first 1,024 events of a non-array iterable", () => {
    const list: { customerId: string; occurredAt: number }[] = [];
    for (let k = 0; k < 1000; k++) {
      list.push({ customerId: `c${k}`, occurredAt: Date.UTC(2024, 0, 1 + (k % 28)) });
      list.push({ customerId: `c${k}`, occurredAt: Date.UTC(2024, 1, 1 + (k % 28)) });
      if (k % 2 === 0) list.push({ customerId: `c${k}`, occurredAt: Date.UTC(2024, 2, 1 + (k % 28)) });
    }
    const r = cohortRetention(new Set(list));
    expect([r.events, r.customers]).toEqual([2500, 1000]);
    expect(r.cohorts[0]!.cells.map((c) => c.count)).toEqual([1000, 1000, 500]);
  });
});

describe("cohortRetention: which value the limits name", () => {
  it("names options.asOf (INVALID_OPTION) when asOf makes the table too large", () => {
    const e = expectError(
      () => cohortRetention([{ customerId: "a", occurredAt: "2000-01-01T00:00:00Z" }], { period: "day", asOf: "2015-11-10T00:00:00Z" }),
      "INVALID_OPTION",
      "options.asOf",
    );
    expect(e.message).toBe(
      "cohortRetention: options.asOf must keep the cohort table within 33,554,432 cells (pass maxPeriods, asOf, or use a longer period), got 2015-11-10T00:00:00.000Z, which makes 5,793 cohorts of up to 5,793 periods",
    );
  });

  it("names the first cohort event, and its date, when it is the end farther from 1970", () => {
    const list = [
      { customerId: "a", occurredAt: "1954-02-22T00:00:00Z" },
      { customerId: "b", occurredAt: "1970-01-01T00:00:00Z" },
    ];
    expect(expectError(() => cohortRetention(list, { period: "day" }), "INVALID_INPUT", "events[0].occurredAt").message).toBe(
      "cohortRetention: events[0].occurredAt must keep the cohort table within 33,554,432 cells (pass maxPeriods, asOf, or use a longer period), got 1954-02-22T00:00:00.000Z, which makes 5,793 cohorts of up to 5,793 periods",
    );
  });

  it("names the first cohort event, not an earlier return event, for the first end", () => {
    const list = [
      { customerId: "a", occurredAt: "1600-01-01T00:00:00Z", type: "visit" },
      { customerId: "a", occurredAt: "1700-01-01T00:00:00Z", type: "signup" },
      { customerId: "b", occurredAt: "2000-01-01T00:00:00Z", type: "signup" },
    ];
    expectError(() => cohortRetention(list, { period: "day", cohortEvent: "signup", returnEvent: "visit" }), "INVALID_INPUT", "events[1].occurredAt");
  });

  it("names a return event that sets the last end", () => {
    const list = [
      { customerId: "a", occurredAt: "2000-01-01T00:00:00Z", type: "signup" },
      { customerId: "a", occurredAt: "2300-01-01T00:00:00Z", type: "visit" },
    ];
    expectError(() => cohortRetention(list, { period: "day", cohortEvent: "signup", returnEvent: "visit" }), "INVALID_INPUT", "events[1].occurredAt");
  });

  it("names the event, not options.customers, when an event sets the far end and customers are given", () => {
    const last = [
      { customerId: "a", occurredAt: "2000-01-01T00:00:00Z" },
      { customerId: "b", occurredAt: "2273-10-16T00:00:00Z" },
    ];
    expectError(() => cohortRetention(last, { period: "day", customers: [{ id: "a", acquiredAt: "2000-01-01" }] }), "INVALID_INPUT", "events[1].occurredAt");
    const first = [
      { customerId: "a", occurredAt: "1700-01-01T00:00:00Z" },
      { customerId: "b", occurredAt: "2000-01-01T00:00:00Z" },
    ];
    expectError(() => cohortRetention(first, { period: "day", customers: [{ id: "b", acquiredAt: "1999-12-01" }] }), "INVALID_INPUT", "events[0].occurredAt");
  });
});
