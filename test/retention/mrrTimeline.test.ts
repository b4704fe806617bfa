import { describe, expect, it } from "vitest";
import { messageOf } from "../support/errors.js";
import { mrrAt, readMrrTimeline } from "../../src/retention/mrrTimeline.js";

const day = (m: number, d: number): number => Date.UTC(2024, m - 1, d);

/** A customer's changes as [time, kind, total, delta] with the amounts as numbers. */
function changesOf(timeline: ReturnType<typeof readMrrTimeline>, id: string): [number, string, number, number][] {
  return timeline.customers.get(id)!.map((c) => [c.time, c.kind, c.total.toNumber(), c.delta.toNumber()]);
}

const read = (input: unknown): ReturnType<typeof readMrrTimeline> => readMrrTimeline("f", "input", input, "UTC");

describe("readMrrTimeline", () => {
  it("turns subscriptions and their plan changes (in any order) into MRR movements", () => {
    const t = read([
      {
        customerId: "a",
        startedAt: "2024-01-10",
        endedAt: "2024-06-01",
        mrr: 10,
        changes: [
          { at: "2024-04-01", mrr: 5 },
          { at: "2024-02-01", mrr: 20 },
          { at: "2024-03-01", mrr: 30 },
        ],
      },
      { customerId: "a", startedAt: "2024-07-01", mrr: "7.5" },
    ]);
    expect(changesOf(t, "a")).toEqual([
      [day(1, 10), "new", 10, 10],
      [day(2, 1), "expansion", 20, 10],
      [day(3, 1), "expansion", 30, 10],
      [day(4, 1), "contraction", 5, -25],
      [day(6, 1), "churn", 0, -5],
      [day(7, 1), "reactivation", 7.5, 7.5],
    ]);
    expect(t.minTime).toBe(day(1, 10));
    expect(t.maxTime).toBe(day(7, 1));
    expect(t.currency).toBeUndefined();
    expect(t.extent.path("first")).toBe("input[0].startedAt");
    expect(t.extent.path("last")).toBe("input[1].startedAt");
  });

  it("records no movement where the MRR does not change (a plan change to the same amount, an upgrade on the day of a renewal)", () => {
    const t = read([
      { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-02-01", mrr: 10, changes: [{ at: "2024-01-15", mrr: 10 }] },
      { customerId: "a", startedAt: "2024-02-01", mrr: 10 },
    ]);
    expect(changesOf(t, "a")).toEqual([[day(1, 1), "new", 10, 10]]);
  });

  it("keeps the latest date read (an end, a change or a start) whatever the record order", () => {
    const t = read([
      { customerId: "a", startedAt: "2024-01-01", endedAt: "2024-05-01", mrr: 10 },
      { customerId: "b", startedAt: "2024-02-01", endedAt: "2024-03-01", mrr: 10 },
      { customerId: "c", startedAt: "2024-01-15", mrr: 10, changes: [{ at: "2024-04-01", mrr: 20 }] },
    ]);
    expect(t.maxTime).toBe(day(5, 1));
    expect(t.minTime).toBe(day(1, 1));
    expect(t.extent.path("last")).toBe("input[0].endedAt");
    expect(read([{ customerId: "c", startedAt: "2024-01-15", mrr: 10, changes: [{ at: "2024-04-01", mrr: 20 }] }]).maxTime).toBe(day(4, 1));
  });

  it("has no movement at the end of time for a subscription still running", () => {
    const t = read([{ customerId: "a", startedAt: "2024-01-01", mrr: 10 }]);
    expect(changesOf(t, "a")).toEqual([[day(1, 1), "new", 10, 10]]);
  });

  it("keeps one currency and names the first record that set it", () => {
    const t = read([
      { customerId: "a", startedAt: "2024-01-01", mrr: 10 },
      { customerId: "b", startedAt: "2024-01-01", mrr: 10, currency: "EUR" },
      { customerId: "c", startedAt: "2024-01-01", mrr: 10, currency: "EUR" },
    ]);
    expect(t.currency).toBe("EUR");
  });

  it("names each invalid value in the house format", () => {
    const sub = { customerId: "a", startedAt: "2024-01-01", mrr: 10 };
    const cases: [unknown, string][] = [
      [[sub, 5], "f: input[1] must be a Subscription record, got 5"],
      [[{ ...sub, customerId: "" }], 'f: input[0].customerId must be a non-empty string or a finite number, got ""'],
      [[{ ...sub, endedAt: "later" }], 'f: input[0].endedAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "later"'],
      [[{ ...sub, endedAt: "2023-12-31" }], 'f: input[0].endedAt must not be before startedAt, got "2023-12-31"'],
      [[{ ...sub, mrr: -1 }], "f: input[0].mrr must be >= 0, got -1"],
      [[{ ...sub, currency: 5 }], "f: input[0].currency must be a currency code, got 5"],
      [[{ ...sub, currency: "USD" }, sub, { ...sub, currency: "EUR" }], 'f: input[2].currency must equal input[0].currency (USD): convert currencies first, got "EUR"'],
      [[{ ...sub, changes: {} }], "f: input[0].changes must be an array of plan changes, got an object"],
      [[{ ...sub, changes: [{ at: "2024-02-01", mrr: 5 }, 5] }], "f: input[0].changes[1] must be a plan change record, got 5"],
      [[{ ...sub, changes: [{ at: "x", mrr: 5 }] }], 'f: input[0].changes[0].at must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "x"'],
      [[{ ...sub, changes: [{ at: "2023-12-31", mrr: 5 }] }], 'f: input[0].changes[0].at must be within the subscription [startedAt, endedAt), got "2023-12-31"'],
      [[{ ...sub, endedAt: "2024-03-01", changes: [{ at: "2024-03-01", mrr: 5 }] }], 'f: input[0].changes[0].at must be within the subscription [startedAt, endedAt), got "2024-03-01"'],
      [[{ ...sub, changes: [{ at: "2024-02-01", mrr: -5 }] }], "f: input[0].changes[0].mrr must be >= 0, got -5"],
    ];
    for (const [input, text] of cases) expect(messageOf(() => read(input))).toBe(text);
    // a change on the start day and one just before the end are inside
    expect(changesOf(read([{ ...sub, endedAt: "2024-03-01", changes: [{ at: "2024-01-01", mrr: 5 }, { at: "2024-02-29", mrr: 6 }] }]), "a")).toEqual([
      [day(1, 1), "new", 5, 5],
      [day(2, 29), "expansion", 6, 1],
      [day(3, 1), "churn", 0, -6],
    ]);
  });
});

describe("mrrAt", () => {
  it("gives the MRR in force at t (a change at t counts), null before the first change", () => {
    const t = read([{ customerId: "a", startedAt: "2024-01-10", endedAt: "2024-03-01", mrr: 10, changes: [{ at: "2024-02-01", mrr: 20 }] }]);
    const c = t.customers.get("a")!;
    expect(mrrAt(c, day(1, 9))).toBeNull();
    expect([day(1, 10), day(1, 31), day(2, 1), day(2, 29), day(3, 1)].map((x) => mrrAt(c, x)!.toNumber())).toEqual([10, 10, 20, 20, 0]);
    expect(mrrAt([], 0)).toBeNull();
  });
});
