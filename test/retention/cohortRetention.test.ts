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
