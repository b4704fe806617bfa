import { describe, expect, it } from "vitest";
import { caughtError } from "../support/errors.js";
import { activeAt, durationAdder, mergeIntervals, readCustomerId, readSpells, readTime } from "../../src/retention/spells.js";

const DAY = 86_400_000;
const jan = (d: number): number => Date.UTC(2024, 0, d);

/** The spells of every customer, as plain [start, end) pairs. */
function spellsOf(set: ReturnType<typeof readSpells>): Record<string, [number, number][]> {
  const out: Record<string, [number, number][]> = {};
  for (const [id, s] of set.customers) out[id] = s.starts.map((a, k) => [a, s.ends[k]!]);
  return out;
}

function message(f: () => unknown): string {
  const e = caughtError(f);
  expect(e.code).toBe("INVALID_INPUT");
  return `${e.path} | ${e.message}`;
}

describe("durationAdder", () => {
  it("adds fixed units as milliseconds in UTC", () => {
    const add = durationAdder({ weeks: 1, days: 2, hours: 3, minutes: 4, seconds: 5 }, "UTC");
    expect(add(0)).toBe(9 * DAY + 3 * 3_600_000 + 4 * 60_000 + 5000);
  });

  it("adds calendar months by the calendar in UTC", () => {
    // January has 31 days, February 2024 29
    expect(durationAdder({ months: 1 }, "UTC")(jan(1))).toBe(Date.UTC(2024, 1, 1));
    expect(durationAdder({ months: 1, days: 1 }, "UTC")(Date.UTC(2024, 1, 1))).toBe(Date.UTC(2024, 2, 2));
  });

  it("adds a day as a calendar day in a zone with daylight saving time (23 hours on the spring change)", () => {
    // Paris moves to summer time on 2024-03-31 at 02:00 local (01:00 UTC)
    const t = Date.UTC(2024, 2, 30, 11); // noon in Paris
    expect(durationAdder({ days: 1 }, "Europe/Paris")(t) - t).toBe(23 * 3_600_000);
    expect(durationAdder({ days: 1 }, "UTC")(t) - t).toBe(DAY);
  });
});

describe("mergeIntervals", () => {
  it("sorts by start and joins touching and overlapping spells", () => {
    expect(mergeIntervals([20, 30, 0, 10, 10, 15, 40, 50, 45, 48])).toStrictEqual({ starts: [0, 20, 40], ends: [15, 30, 50] });
  });

  it("keeps the longer end when a later spell lies inside an earlier one", () => {
    expect(mergeIntervals([0, 100, 10, 20])).toStrictEqual({ starts: [0], ends: [100] });
    expect(mergeIntervals([10, 20, 0, 100])).toStrictEqual({ starts: [0], ends: [100] });
    expect(mergeIntervals([0, 5, 0, 100, 0, 50])).toStrictEqual({ starts: [0], ends: [100] });
  });

  it("gives no spells for no pairs, and one for one", () => {
    expect(mergeIntervals([])).toStrictEqual({ starts: [], ends: [] });
    expect(mergeIntervals([3, Infinity])).toStrictEqual({ starts: [3], ends: [Infinity] });
  });
});

describe("activeAt", () => {
  const s = { starts: [10, 30], ends: [20, Infinity] };
  it("counts a customer at t when a spell has start < t <= end", () => {
    expect([5, 10, 11, 20, 21, 30, 31, 1e15].map((t) => activeAt(s, t))).toEqual([false, false, true, true, false, false, true, true]);
  });

  it("is false for a customer without spells", () => {
    expect(activeAt({ starts: [], ends: [] }, 0)).toBe(false);
  });
});

describe("readCustomerId and readTime", () => {
  it("read ids and dates as the validators do, naming the record's field", () => {
    expect(readCustomerId("f", "events", 3, "x")).toBe("x");
    expect(readCustomerId("f", "events", 3, 7)).toBe("7");
    expect(message(() => readCustomerId("f", "events", 3, ""))).toBe(
      'events[3].customerId | f: events[3].customerId must be a non-empty string or a finite number, got ""',
    );
    expect(readTime("f", "events", 2, "occurredAt", "2024-01-02", "UTC")).toBe(jan(2));
    expect(message(() => readTime("f", "events", 2, "occurredAt", "soon", "UTC"))).toBe(
      'events[2].occurredAt | f: events[2].occurredAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "soon"',
    );
  });
});

describe("readSpells on subscriptions", () => {
  it("gives each customer's merged spells, the earliest start and the latest date read", () => {
    const set = readSpells("f", "input", [
      { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-01-31" },
      { customerId: "a", startedAt: "2024-01-10", endedAt: "2024-01-20" },
      { customerId: "b", startedAt: "2024-01-05" },
      { customerId: "a", startedAt: "2024-01-31", endedAt: null },
    ], { days: 30 }, "UTC");
    expect(set.kind).toBe("subscriptions");
    expect(spellsOf(set)).toEqual({ a: [[jan(1), Infinity]], b: [[jan(5), Infinity]] });
    expect(set.minTime).toBe(jan(1));
    expect(set.maxTime).toBe(jan(31));
    expect(set.extent.path("first")).toBe("input[0].startedAt");
    expect(set.extent.path("last")).toBe("input[0].endedAt");
  });

  it("takes the latest date read even when a later record ends earlier, and counts starts of open subscriptions", () => {
    const set = readSpells("f", "input", [
      { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-01-30" },
      { customerId: "b", startedAt: "2024-01-02", endedAt: "2024-01-10" },
    ], {}, "UTC");
    expect(set.maxTime).toBe(jan(30));
    const open = readSpells("f", "input", [{ customerId: "a", startedAt: "2024-01-03" }], {}, "UTC");
    expect(open.maxTime).toBe(jan(3));
    expect(open.extent.path("last")).toBe("input[0].startedAt");
  });

  it("accepts a subscription that ends when it starts but never counts it as a customer", () => {
    const set = readSpells("f", "input", [{ customerId: "a", startedAt: "2024-01-03", endedAt: "2024-01-03" }], {}, "UTC");
    expect(set.customers.size).toBe(0);
    expect(set.minTime).toBe(Infinity);
    expect(set.maxTime).toBe(jan(3));
  });

  it("reads a record with both startedAt and occurredAt as a subscription", () => {
    const set = readSpells("f", "input", [
      { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-01-05", occurredAt: "2024-01-20" },
      { customerId: "a", startedAt: "2024-01-10", occurredAt: "2024-01-20" },
    ], { days: 1 }, "UTC");
    expect(set.kind).toBe("subscriptions");
    expect(spellsOf(set)).toEqual({ a: [[jan(1), jan(5)], [jan(10), Infinity]] });
  });

  it("is of kind activity, with no customers, when the input is empty", () => {
    const set = readSpells("f", "input", [], { days: 1 }, "UTC");
    expect(set.kind).toBe("activity");
    expect(set.customers.size).toBe(0);
    expect(set.minTime).toBe(Infinity);
    expect(set.maxTime).toBe(-Infinity);
  });

  it("names the record and the rule of each invalid subscription", () => {
    const sub = { customerId: "a", startedAt: "2024-01-01" };
    const read = (items: unknown[]) => () => readSpells("f", "input", items, { days: 1 }, "UTC");
    expect(message(read([5]))).toBe("input[0] | f: input[0] must be a subscription or activity record, got 5");
    expect(message(read([sub, null]))).toBe("input[1] | f: input[1] must be a subscription or activity record, got null");
    expect(message(read([sub, { customerId: "b" }]))).toBe(
      "input[1] | f: input[1] must have startedAt (a subscription) or occurredAt (an activity record), got an object",
    );
    expect(message(read([sub, { customerId: "b", occurredAt: "2024-01-02" }]))).toBe(
      "input[1] | f: input[1] must be of the same kind as input[0] (a subscription), got an object",
    );
    expect(message(read([sub, { customerId: "b", startedAt: "2024-01-02", endedAt: "2024-01-01" }]))).toBe(
      'input[1].endedAt | f: input[1].endedAt must not be before startedAt, got "2024-01-01"',
    );
    expect(message(read([sub, { customerId: "b", startedAt: "2024-01-02", endedAt: "later" }]))).toBe(
      'input[1].endedAt | f: input[1].endedAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "later"',
    );
    expect(message(read([{ customerId: "b", startedAt: "x" }]))).toBe(
      'input[0].startedAt | f: input[0].startedAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "x"',
    );
  });
});

describe("readSpells on activity records", () => {
  it("makes spells [t, t + inactiveAfter) per customer, joining those that touch, whatever the record order", () => {
    const set = readSpells("f", "input", [
      { customerId: "a", occurredAt: "2024-01-20" },
      { customerId: "b", occurredAt: "2024-01-04" },
      { customerId: "a", occurredAt: "2024-01-01" },
      { customerId: "a", occurredAt: "2024-01-11" },
      { customerId: "b", occurredAt: "2024-01-02" },
    ], { days: 10 }, "UTC");
    expect(set.kind).toBe("activity");
    expect(spellsOf(set)).toEqual({ a: [[jan(1), jan(30)]], b: [[jan(2), jan(14)]] });
    expect(set.minTime).toBe(jan(1));
    expect(set.maxTime).toBe(jan(20));
    expect(set.extent.path("first")).toBe("input[2].occurredAt");
    expect(set.extent.path("last")).toBe("input[0].occurredAt");
  });

  it("keeps separate spells when a gap is longer than inactiveAfter", () => {
    const set = readSpells("f", "input", [
      { customerId: "a", occurredAt: "2024-01-20" },
      { customerId: "a", occurredAt: "2024-01-01" },
    ], { days: 5 }, "UTC");
    expect(spellsOf(set)).toEqual({ a: [[jan(1), jan(6)], [jan(20), jan(25)]] });
  });

  it("adds inactiveAfter by the calendar (months)", () => {
    const set = readSpells("f", "input", [{ customerId: "a", occurredAt: "2024-01-31" }], { months: 1 }, "UTC");
    expect(spellsOf(set)).toEqual({ a: [[jan(31), Date.UTC(2024, 1, 29)]] });
  });

  it("makes no customer of records when inactiveAfter is zero", () => {
    const set = readSpells("f", "input", [
      { customerId: "a", occurredAt: "2024-01-01" },
      { customerId: "b", occurredAt: "2024-01-02" },
    ], {}, "UTC");
    expect(set.customers.size).toBe(0);
    expect(set.minTime).toBe(Infinity);
    expect(set.maxTime).toBe(jan(2));
  });

  it("names the record and the rule of each invalid activity record", () => {
    const act = { customerId: "a", occurredAt: "2024-01-01" };
    const read = (items: unknown[]) => () => readSpells("f", "input", items, { days: 1 }, "UTC");
    const kind = "must be of the same kind as input[0] (an activity record with occurredAt), got an object";
    expect(message(read([act, 5]))).toBe("input[1] | f: input[1] must be a subscription or activity record, got 5");
    expect(message(read([act, null]))).toBe("input[1] | f: input[1] must be a subscription or activity record, got null");
    expect(message(read([act, { customerId: "b" }]))).toBe(`input[1] | f: input[1] ${kind}`);
    expect(message(read([act, { customerId: "b", startedAt: "2024-01-02" }]))).toBe(`input[1] | f: input[1] ${kind}`);
    expect(message(read([act, { customerId: "b", startedAt: "2024-01-02", occurredAt: "2024-01-02" }]))).toBe(`input[1] | f: input[1] ${kind}`);
    expect(message(read([act, { customerId: "", occurredAt: "2024-01-02" }]))).toBe(
      'input[1].customerId | f: input[1].customerId must be a non-empty string or a finite number, got ""',
    );
  });
});
