import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import {
  accumulateAsync,
  cohortRetention,
  createCohortRetentionAccumulator,
  type CohortEvent,
  type CohortRetentionOptions,
} from "../../src/index.js";
import { deepFreeze, expectError } from "./helpers.js";

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

describe("createCohortRetentionAccumulator", () => {
  it("gives the one-shot triangle (hand-computed: [2, 1, 0, 1], [1, 1, 0])", () => {
    const acc = createCohortRetentionAccumulator({ asOf: "2024-04-30" }).addAll(events.slice(0, 3));
    acc.merge(createCohortRetentionAccumulator({ asOf: "2024-04-30" }).addAll(events.slice(3)));
    const r = acc.result();
    expect(r.cohorts.map((c) => c.cells.map((x) => x.count))).toEqual([[2, 1, 0, 1], [1, 1, 0], [0, 0], [0]]);
    expect(r).toEqual(cohortRetention(events, { asOf: "2024-04-30" }));
    expect(acc.added).toBe(3);
    expect(acc.result()).toEqual(r); // result() does not consume the state
  });

  it("keeps every option: modes, matchers, acquisition dates, maxPeriods, time zones", () => {
    const variants: CohortRetentionOptions<(typeof events)[number]>[] = [
      { mode: "unbounded" },
      { mode: "rolling", period: "week" },
      { cohortEvent: "signup", returnEvent: ["purchase"] },
      { returnEvent: (e) => e.type === "login", maxPeriods: 1 },
      { customers: [{ id: "a", acquiredAt: "2023-12-15" }, { id: "z", acquiredAt: "2024-01-10" }, { id: "b" }], asOf: "2024-04-30" },
      { period: "week", timeZone: "America/New_York", weekStartsOn: 0 },
      { period: "day", timeZone: "Europe/Berlin", asOf: "2024-02-11T12:00:00" },
    ];
    for (const options of variants) {
      const acc = createCohortRetentionAccumulator(options);
      for (const e of events) acc.add(e);
      expect(acc.result()).toEqual(cohortRetention(events, options));
    }
  });

  it("rebuilds from a structured clone of its state (worker threads)", () => {
    const acc = createCohortRetentionAccumulator({ mode: "unbounded" }).addAll(events);
    const state = structuredClone(acc.state());
    expect(state.customer).toBeInstanceOf(Int32Array);
    expect(state.ids).toEqual(["a", "b", "c"]);
    const rebuilt = createCohortRetentionAccumulator({ mode: "unbounded" }).merge(state);
    expect(rebuilt.result()).toEqual(cohortRetention(events, { mode: "unbounded" }));
  });

  it("feeds from an AsyncIterable through accumulateAsync", async () => {
    async function* rows(): AsyncGenerator<CohortEvent> {
      for (const e of events) yield e;
    }
    const acc = await accumulateAsync(rows(), createCohortRetentionAccumulator({ asOf: "2024-04-30" }));
    expect(acc.result()).toEqual(cohortRetention(events, { asOf: "2024-04-30" }));
  });

  it("handles the empty accumulator, __proto__ ids and events that match nothing", () => {
    expect(createCohortRetentionAccumulator().result()).toEqual(cohortRetention([]));
    const odd = [
      { customerId: "__proto__", occurredAt: "2024-01-01", type: "x" },
      { customerId: "constructor", occurredAt: "2024-02-01", type: "y" },
      { customerId: "__proto__", occurredAt: "2024-03-01", type: "x" },
    ];
    const opts = { cohortEvent: "x", returnEvent: "x" };
    const acc = createCohortRetentionAccumulator(opts).addAll(odd);
    expect(acc.result()).toEqual(cohortRetention(odd, opts));
    expect(acc.result().events).toBe(2);
    expect(acc.state().time.length).toBe(2); // the "y" event is not kept
  });

  it("rejects bad events, options and states", () => {
    const acc = createCohortRetentionAccumulator().add(events[0]!);
    expectError(() => acc.add({ customerId: "a", occurredAt: "nope" }), "INVALID_INPUT", "events[1].occurredAt");
    expectError(() => acc.add(null as never), "INVALID_INPUT", "events[1]");
    expectError(() => acc.addAll(5 as never), "INVALID_INPUT", "events");
    expectError(() => createCohortRetentionAccumulator({ mode: "rolling", period: "year" }), "INVALID_OPTION", "options.period");
    expectError(() => createCohortRetentionAccumulator({ customers: [{ id: "", acquiredAt: "2024-01-01" }] }), "INVALID_INPUT", "options.customers[0].id");
    expectError(() => acc.merge(createCohortRetentionAccumulator({ period: "week" })), "INVALID_INPUT", "other");
    expectError(() => acc.merge(5 as never), "INVALID_INPUT", "other");
    const good = createCohortRetentionAccumulator().addAll(events).state();
    expectError(() => acc.merge({ ...good, flags: new Uint8Array(good.flags.length) }), "INVALID_INPUT", "other");
    expectError(() => acc.merge({ ...good, customer: [0] as never }), "INVALID_INPUT", "other");
    expectError(() => acc.merge({ ...good, ids: [] }), "INVALID_INPUT", "other");
    expectError(() => acc.merge({ ...good, maxTime: Number.NaN }), "INVALID_INPUT", "other");
    expectError(() => acc.merge({ ...good, time: good.time.subarray(1) }), "INVALID_INPUT", "other");
    expectError(() => acc.merge({ ...good, maxTime: null }), "INVALID_INPUT", "other");
    expect(acc.result()).toEqual(cohortRetention(events.slice(0, 1))); // failed merges changed nothing
  });

  const rowArb = fc.record({
    c: fc.constantFrom("a", "b", "c", "d", "__proto__", "constructor"),
    hour: fc.integer({ min: 0, max: 150 * 24 }),
    type: fc.constantFrom("signup", "purchase", "login"),
  });
  const optionsArb = fc.constantFrom<CohortRetentionOptions<CohortEvent>>(
    { mode: "n-period", period: "month" },
    { mode: "unbounded", period: "week", timeZone: "Europe/Berlin" },
    { mode: "rolling", period: "day", timeZone: "America/New_York" },
    { mode: "n-period", period: "day", cohortEvent: "signup", returnEvent: ["purchase", "login"], asOf: "2024-04-01" },
  );

  it("property: any split into chunks, merged in any order (through structuredClone), equals the single pass", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        optionsArb,
        (rows, cuts, orderSeed, options) => {
          const list = rows.map((r) => ({ customerId: r.c, occurredAt: Date.UTC(2024, 0, 1) + r.hour * 3_600_000, type: r.type }));
          const bounds = [...new Set(cuts.map((x) => x % (list.length + 1)))].sort((a, b) => a - b);
          const chunks: (typeof list)[] = [];
          let from = 0;
          for (const b of [...bounds, list.length]) {
            chunks.push(list.slice(from, b));
            from = b;
          }
          // merge order: a permutation of the chunks driven by orderSeed
          const order = chunks.map((_, i) => i);
          orderSeed.forEach((s, i) => {
            const a = i % order.length;
            const b = s % order.length;
            [order[a], order[b]] = [order[b]!, order[a]!];
          });
          const total = createCohortRetentionAccumulator(options);
          for (const i of order) {
            const part = createCohortRetentionAccumulator(options).addAll(chunks[i]!);
            total.merge(i % 2 === 0 ? part : structuredClone(part.state()));
          }
          expect(total.result()).toEqual(cohortRetention(list, options));
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  it("property: equals cohortRetention on generated events at month scale", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ c: fc.integer({ min: 0, max: 30 }), d: fc.integer({ min: 0, max: 400 }) }), { maxLength: 80 }), (rows) => {
        const list = rows.map((r) => ({ customerId: r.c, occurredAt: new Date(Date.UTC(2023, 5, 1) + r.d * DAY) }));
        const acc = createCohortRetentionAccumulator({ mode: "unbounded" });
        for (let i = list.length - 1; i >= 0; i--) acc.add(list[i]!);
        expect(acc.result()).toEqual(cohortRetention(list, { mode: "unbounded" }));
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});

describe("createCohortRetentionAccumulator: the 100,000-period limit", () => {
  const far = (last: string) => [
    { customerId: "a", occurredAt: "2000-01-01T00:00:00Z" },
    { customerId: "b", occurredAt: last },
  ];

  it("throws at result() at the added event that makes 100,001 periods", () => {
    expect(expectCrmError(() => createCohortRetentionAccumulator({ period: "day" }).addAll(far("2273-10-16T00:00:00Z")).result(), "INVALID_INPUT", "events[1].occurredAt").message).toBe(
      "createCohortRetentionAccumulator: events[1].occurredAt must keep the series within 100,000 day periods (pass asOf, or use a longer period), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("names the events argument when the far event came in through merge", () => {
    const a = createCohortRetentionAccumulator({ period: "day" }).addAll(far("2000-01-02"));
    const b = createCohortRetentionAccumulator({ period: "day" }).addAll([{ customerId: "c", occurredAt: "2273-10-16T00:00:00Z" }]);
    expect(seriesError(() => a.merge(b).result()).path).toBe("events");
  });
});

describe("createCohortRetentionAccumulator: inputs, states and merges", () => {
  const message = (f: () => unknown): string => seriesError(f).message;
  const fn = "createCohortRetentionAccumulator";

  it("addAll rejects what is not an array or an iterable of records, and reads any iterable", () => {
    const acc = createCohortRetentionAccumulator();
    expect(message(() => acc.addAll(5 as never))).toBe(`${fn}: events must be an array or iterable of records, got 5`);
    for (const bad of [null, "abc", {}, undefined]) expectError(() => acc.addAll(bad as never), "INVALID_INPUT", "events");
    expect(acc.added).toBe(0);
    const fromSet = createCohortRetentionAccumulator({ asOf: "2024-04-30" }).addAll(new Set(events));
    expect(fromSet.added).toBe(events.length);
    expect(fromSet.result()).toEqual(cohortRetention(events, { asOf: "2024-04-30" }));
  });

  it("merge rejects a value that is not an accumulator or a state", () => {
    const acc = createCohortRetentionAccumulator();
    expect(message(() => acc.merge(5 as never))).toBe(`${fn}: other must be a cohort retention accumulator or its state(), got 5`);
    expectError(() => acc.merge(null as never), "INVALID_INPUT", "other");
  });

  it("merge rejects a state made with another mode, period, time zone, week start or asOf", () => {
    const acc = createCohortRetentionAccumulator({ asOf: "2024-04-30" });
    const others: CohortRetentionOptions[] = [
      { mode: "unbounded", asOf: "2024-04-30" },
      { period: "week", asOf: "2024-04-30" },
      { weekStartsOn: 0, asOf: "2024-04-30" },
      { asOf: "2024-04-29" },
      {},
    ];
    for (const options of others) {
      expect(message(() => acc.merge(createCohortRetentionAccumulator(options).state()))).toBe(
        `${fn}: other must be the state of an accumulator with the same mode, period, timeZone, weekStartsOn and asOf, got an object`,
      );
    }
    // the same asOf instant, read in another zone
    const utc = createCohortRetentionAccumulator({ asOf: "2024-04-30T00:00:00Z" });
    expectError(() => utc.merge(createCohortRetentionAccumulator({ timeZone: "Europe/Berlin", asOf: "2024-04-30T00:00:00Z" }).state()), "INVALID_INPUT", "other");
  });

  it("merge names what is wrong with a malformed state", () => {
    const acc = createCohortRetentionAccumulator();
    const good = createCohortRetentionAccumulator().addAll(events).state();
    const rule = (bad: object): string => message(() => acc.merge(bad as never)).replace(`${fn}: other `, "");
    const columns = "must have customer (Int32Array), time (Float64Array) and flags (Uint8Array) columns, got an object";
    expect(rule({ ...good, ids: "abc" })).toBe("must have ids: an array of strings, got an object");
    expect(rule({ ...good, ids: ["a", "b", 3] })).toBe("must have ids: an array of strings, got an object");
    expect(rule({ ...good, customer: Array.from(good.customer) })).toBe(columns);
    expect(rule({ ...good, time: Array.from(good.time) })).toBe(columns);
    expect(rule({ ...good, flags: Array.from(good.flags) })).toBe(columns);
    expect(rule({ ...good, time: good.time.subarray(1) })).toBe("must have columns of equal length, got an object");
    expect(rule({ ...good, flags: good.flags.subarray(1) })).toBe("must have columns of equal length, got an object");
    expect(rule({ ...good, maxTime: "2024-04-05" })).toBe("must have maxTime: a number or null, got an object");
    const row1 = (column: "customer" | "time" | "flags", value: number): object => {
      const copy = good[column].slice();
      copy[1] = value;
      return { ...good, [column]: copy };
    };
    for (const bad of [row1("customer", -1), row1("customer", good.ids.length), row1("flags", 0), row1("flags", 4), row1("time", Number.NaN), row1("time", good.maxTime! + 1)]) {
      expect(rule(bad)).toBe("must have valid rows (row 1 is not), got an object");
    }
    expect(createCohortRetentionAccumulator().merge(row1("customer", good.ids.length - 1) as never).state().customer[1]).toBe(good.ids.length - 1);
    expect(acc.state().time.length).toBe(0);
  });

  it("state() is a copy: adding later does not change a state taken before", () => {
    const acc = createCohortRetentionAccumulator().addAll(events.slice(0, 2));
    const before = acc.state();
    acc.add({ customerId: "z", occurredAt: "2024-05-01" });
    expect(before.ids).toEqual(["a"]);
    expect([before.time.length, before.maxTime]).toEqual([2, Date.UTC(2024, 0, 25)]);
  });

  it("merging a state rebuilds exactly that state, also past 2,048 events and into a non-empty accumulator", () => {
    // 1,250 customers who come in January and come back in March
    const list = Array.from({ length: 1250 }, (_, k) => [Date.UTC(2024, 0, 1 + (k % 28)), Date.UTC(2024, 2, 1 + (k % 28))].map((t) => ({ customerId: `c${k}`, occurredAt: t }))).flat();
    const source = createCohortRetentionAccumulator().addAll(list);
    expect(source.result().cohorts[0]!.cells.map((c) => c.count)).toEqual([1250, 0, 1250]);
    const state = source.state();
    const rebuilt = createCohortRetentionAccumulator().merge(state);
    expect(rebuilt.state()).toEqual(state);
    expect(rebuilt.result()).toEqual(source.result());
    const head = createCohortRetentionAccumulator().addAll(list.slice(0, 700));
    head.merge(createCohortRetentionAccumulator().addAll(list.slice(700)).state());
    expect(head.state().time.length).toBe(2500);
    expect(head.result()).toEqual(cohortRetention(list));
  });

  it("merging an empty state changes nothing, also for events before 1970", () => {
    const old = [
      { customerId: "a", occurredAt: "1960-01-05" },
      { customerId: "a", occurredAt: "1960-02-10" },
    ];
    const acc = createCohortRetentionAccumulator().addAll(old).merge(createCohortRetentionAccumulator().state());
    expect(acc.result()).toEqual(cohortRetention(old));
    expect(acc.result().cohorts.map((c) => c.cells.map((x) => x.count))).toEqual([[1, 1], [0]]);
  });
});

describe("createCohortRetentionAccumulator: which event the limits name after a merge", () => {
  const options = { period: "day", cohortEvent: "signup", returnEvent: "visit" } as const;

  it("names the first added cohort event, not an earlier merged return event", () => {
    const acc = createCohortRetentionAccumulator(options).addAll([
      { customerId: "a", occurredAt: "1700-01-01T00:00:00Z", type: "signup" },
      { customerId: "b", occurredAt: "2000-01-01T00:00:00Z", type: "signup" },
    ]);
    acc.merge(createCohortRetentionAccumulator(options).add({ customerId: "a", occurredAt: "1600-01-01T00:00:00Z", type: "visit" }));
    expect(seriesError(() => acc.result()).path).toBe("events[0].occurredAt");
  });

  it("names the events argument when the first cohort event came in through merge", () => {
    const acc = createCohortRetentionAccumulator(options).add({ customerId: "b", occurredAt: "2000-01-01T00:00:00Z", type: "signup" });
    acc.merge(createCohortRetentionAccumulator(options).add({ customerId: "a", occurredAt: "1700-01-01T00:00:00Z", type: "signup" }));
    expect(seriesError(() => acc.result()).path).toBe("events");
  });

  it("names the events argument when a merged event of neither kind sets the last end", () => {
    const acc = createCohortRetentionAccumulator(options).add({ customerId: "a", occurredAt: "2000-01-01T00:00:00Z", type: "signup" });
    const other = createCohortRetentionAccumulator(options).add({ customerId: "b", occurredAt: "2300-01-01T00:00:00Z", type: "other" });
    expect(other.state().time.length).toBe(0);
    expect(seriesError(() => acc.merge(other).result()).path).toBe("events");
  });
});
