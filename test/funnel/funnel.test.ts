import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulateAsync, CrmMetricsError, funnel, generateEvents, type FunnelOptions, type Interaction } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

const BASE = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** An event `minutes` after 2024-01-01T00:00Z. */
function ev(customerId: string, minutes: number, type: string, properties?: Record<string, string | number | boolean | null>): Interaction {
  return properties === undefined
    ? { customerId, occurredAt: BASE + minutes * MIN, type }
    : { customerId, occurredAt: BASE + minutes * MIN, type, properties };
}

const entered = (events: Interaction[], steps: string[], options?: FunnelOptions): number[] =>
  funnel(events, steps, options).steps.map((s) => s.entered);

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe("funnel: hand-checked scenarios", () => {
  it("1. counts a customer who does A, B, C in order at every step, with times between steps", () => {
    const r = funnel([ev("u", 0, "A"), ev("u", 30, "B"), ev("u", 90, "C")], ["A", "B", "C"]);
    expect(r.steps.map((s) => s.entered)).toEqual([1, 1, 1]);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(30 * MIN);
    expect(r.steps[2]!.medianTimeFromPreviousMs).toBe(60 * MIN);
    expect(r.steps[2]!.medianTimeFromPrevious).toBe("1 hour");
    expect(r.steps[1]!.medianTimeFromPrevious).toBe("30 minutes");
    expect(r.timeToConvert).toMatchObject({ n: 1, medianMs: 90 * MIN, meanMs: 90 * MIN, median: "1.5 hours" });
    expect(r.conversionRate).toBe(1);
  });

  it("2. ordered allows other events between steps; strict does not", () => {
    const events = [ev("u", 0, "A"), ev("u", 1, "X"), ev("u", 2, "B"), ev("u", 3, "C")];
    expect(entered(events, ["A", "B", "C"])).toEqual([1, 1, 1]);
    expect(entered(events, ["A", "B", "C"], { order: "strict" })).toEqual([1, 0, 0]);
    // the other event between B and C breaks only the last step
    const later = [ev("u", 0, "A"), ev("u", 2, "B"), ev("u", 3, "X"), ev("u", 4, "C")];
    expect(entered(later, ["A", "B", "C"], { order: "strict" })).toEqual([1, 1, 0]);
  });

  it("3. strict converts on consecutive events and restarts after a break (A B A B C)", () => {
    const events = [ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 2, "A"), ev("u", 3, "B"), ev("u", 4, "C")];
    const r = funnel(events, ["A", "B", "C"], { order: "strict" });
    expect(r.steps.map((s) => s.entered)).toEqual([1, 1, 1]);
    expect(r.timeToConvert.medianMs).toBe(2 * MIN);
  });

  it("4. does not count steps that happened before the first step", () => {
    const events = [ev("u", 0, "B"), ev("u", 1, "A"), ev("u", 2, "C")];
    expect(entered(events, ["A", "B", "C"])).toEqual([1, 0, 0]);
    expect(entered([ev("u", 0, "B"), ev("u", 1, "C")], ["A", "B", "C"])).toEqual([0, 0, 0]);
  });

  it("5. the window runs from the first step and is inclusive", () => {
    expect(entered([ev("u", 0, "A"), ev("u", 14 * 24 * 60, "B")], ["A", "B"])).toEqual([1, 1]);
    const late: Interaction[] = [ev("u", 0, "A"), { customerId: "u", occurredAt: BASE + 14 * DAY + 1, type: "B" }];
    expect(entered(late, ["A", "B"])).toEqual([1, 0]);
    // measured from step 1, not step to step: C at day 15 is out although B->C is 5 days
    const chain = [ev("u", 0, "A"), ev("u", 10 * 24 * 60, "B"), ev("u", 15 * 24 * 60, "C")];
    expect(entered(chain, ["A", "B", "C"])).toEqual([1, 1, 0]);
    expect(entered(chain, ["A", "B", "C"], { window: { days: 30 } })).toEqual([1, 1, 1]);
  });

  it("6. reproduces Mixpanel's example: latest (PostHog) converts, first (Mixpanel) stops at B", () => {
    // A 1:00, A 1:30, B 1:45, C 2:15, window 1 hour
    const events = [ev("u", 60, "A"), ev("u", 90, "A"), ev("u", 105, "B"), ev("u", 135, "C")];
    const opts = { window: { hours: 1 } };
    expect(entered(events, ["A", "B", "C"], { ...opts, attempt: "latest" })).toEqual([1, 1, 1]);
    expect(entered(events, ["A", "B", "C"], { ...opts, attempt: "first" })).toEqual([1, 1, 0]);
    expect(entered(events, ["A", "B", "C"], { ...opts, attempt: "longest" })).toEqual([1, 1, 1]);
    const latest = funnel(events, ["A", "B", "C"], { ...opts, attempt: "latest" });
    expect(latest.steps[1]!.medianTimeFromPreviousMs).toBe(15 * MIN);
    expect(latest.timeToConvert.medianMs).toBe(45 * MIN);
  });

  it("7. repeated first steps: latest binds to the last one, first and longest to the first", () => {
    const events = [ev("u", 0, "A"), ev("u", 10, "A"), ev("u", 20, "A"), ev("u", 30, "B")];
    const time = (attempt: "latest" | "first" | "longest"): number | null =>
      funnel(events, ["A", "B"], { attempt }).steps[1]!.medianTimeFromPreviousMs;
    expect(time("latest")).toBe(10 * MIN);
    expect(time("first")).toBe(30 * MIN);
    expect(time("longest")).toBe(30 * MIN);
  });

  it("8. repeated later steps: each step keeps the first event that reached it", () => {
    const r = funnel([ev("u", 0, "A"), ev("u", 10, "B"), ev("u", 20, "B"), ev("u", 30, "C")], ["A", "B", "C"]);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(10 * MIN);
    expect(r.steps[2]!.medianTimeFromPreviousMs).toBe(20 * MIN);
  });

  it("9. equal timestamps satisfy consecutive steps in step order, whatever the input order", () => {
    const forward = [ev("u", 5, "A"), ev("u", 5, "B"), ev("u", 5, "C")];
    const backward = [ev("u", 5, "C"), ev("u", 5, "B"), ev("u", 5, "A")];
    expect(entered(forward, ["A", "B", "C"])).toEqual([1, 1, 1]);
    expect(entered(backward, ["A", "B", "C"])).toEqual([1, 1, 1]);
    expect(funnel(backward, ["A", "B", "C"]).timeToConvert.medianMs).toBe(0);
    expect(entered(backward, ["A", "B", "C"], { order: "strict" })).toEqual([1, 1, 1]);
    // an unrelated event at the same instant is taken after the step events, so it does not
    // break a strict sequence; one at a later instant does
    const same = [ev("u", 5, "X"), ev("u", 5, "B"), ev("u", 4, "A"), ev("u", 6, "C")];
    expect(entered(same, ["A", "B", "C"], { order: "strict" })).toEqual([1, 1, 1]);
    const between = [ev("u", 5, "X"), ev("u", 5, "B"), ev("u", 4, "A"), ev("u", 5.5, "X"), ev("u", 6, "C")];
    expect(entered(between, ["A", "B", "C"], { order: "strict" })).toEqual([1, 1, 0]);
  });

  it("10. one event fills one step: A -> A needs two A events (equal timestamps allowed)", () => {
    expect(entered([ev("u", 0, "A")], ["A", "A"])).toEqual([1, 0]);
    expect(entered([ev("u", 0, "A"), ev("u", 0, "A")], ["A", "A"])).toEqual([1, 1]);
    expect(entered([ev("u", 0, "A"), ev("u", 7, "A"), ev("u", 9, "B")], ["A", "A", "B"])).toEqual([1, 1, 1]);
  });

  it("11. an exclusion between two steps removes the customer from the whole funnel", () => {
    const steps = ["A", "B", "C"];
    const exclusions = [{ event: "X", fromStep: 0, toStep: 1 }];
    const tainted = [ev("u", 0, "A"), ev("u", 1, "X"), ev("u", 2, "B"), ev("u", 3, "C"), ev("v", 0, "A")];
    const r = funnel(tainted, steps, { exclusions });
    expect(r.excluded).toBe(1);
    expect(r.steps.map((s) => s.entered)).toEqual([1, 0, 0]);
    expect(r.customers).toBe(2);
    // before step 0 or after step 1: no effect
    expect(entered([ev("u", 0, "X"), ev("u", 1, "A"), ev("u", 2, "B"), ev("u", 3, "X")], steps, { exclusions })).toEqual([1, 1, 0]);
    // the exclusion counts only strictly between the steps
    expect(entered([ev("u", 0, "A"), ev("u", 2, "X"), ev("u", 2, "B")], steps, { exclusions })).toEqual([1, 1, 0]);
  });

  it("12. a clean later attempt that reaches the same depth keeps the customer", () => {
    const exclusions = [{ event: "X", fromStep: 0, toStep: 1 }];
    const events = [ev("u", 0, "A"), ev("u", 1, "X"), ev("u", 2, "B"), ev("u", 10, "A"), ev("u", 11, "B")];
    const r = funnel(events, ["A", "B"], { exclusions });
    expect(r.excluded).toBe(0);
    expect(r.steps.map((s) => s.entered)).toEqual([1, 1]);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(1 * MIN);
    // the same with attempt "first": only the tainted first attempt counts
    expect(funnel(events, ["A", "B"], { exclusions, attempt: "first" }).excluded).toBe(1);
    expect(funnel(events, ["A", "B"], { exclusions, attempt: "longest" }).excluded).toBe(0);
  });

  it("13. an exclusion after step `from` taints an unfinished attempt only inside its window", () => {
    const exclusions = [{ event: "X", fromStep: 0, toStep: 1 }];
    expect(funnel([ev("u", 0, "A"), ev("u", 60, "X")], ["A", "B"], { exclusions }).excluded).toBe(1);
    const afterWindow = [ev("u", 0, "A"), ev("u", 15 * 24 * 60, "X")];
    const r = funnel(afterWindow, ["A", "B"], { exclusions });
    expect(r.excluded).toBe(0);
    expect(r.entered).toBe(1);
  });

  it("13b. an exclusion taints every attempt it falls in, also one a later attempt superseded", () => {
    // attempt 1: A 0, B 1; attempt 2: A 2, B 3; X at 4 is after both A events and neither reached C
    const events = [ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 2, "A"), ev("u", 3, "B"), ev("u", 4, "X")];
    const exclusions = [{ event: "X", fromStep: 0, toStep: 2 }];
    expect(funnel(events, ["A", "B", "C"], { exclusions }).excluded).toBe(1);
    // an exclusion ending at step 1 does not reach attempts that already passed step 1
    expect(funnel(events, ["A", "B", "C"], { exclusions: [{ event: "X", fromStep: 0, toStep: 1 }] }).steps.map((s) => s.entered)).toEqual([1, 1, 0]);
  });

  it("14. exclusion events can have property filters", () => {
    const exclusions = [{ event: { event: "X", properties: { bad: true } }, fromStep: 0, toStep: 1 }];
    const harmless = [ev("u", 0, "A"), ev("u", 1, "X", { bad: false }), ev("u", 2, "B")];
    expect(funnel(harmless, ["A", "B"], { exclusions }).converted).toBe(1);
    const harmful = [ev("u", 0, "A"), ev("u", 1, "X", { bad: true }), ev("u", 2, "B")];
    expect(funnel(harmful, ["A", "B"], { exclusions }).excluded).toBe(1);
  });

  it("15. unordered: distinct steps in any order inside the window", () => {
    const r = funnel([ev("u", 0, "C"), ev("u", 5, "B"), ev("u", 9, "A")], ["A", "B", "C"], { order: "unordered" });
    expect(r.steps.map((s) => s.entered)).toEqual([1, 1, 1]);
    expect(r.steps.map((s) => s.name)).toEqual(["1 step", "2 steps", "3 steps"]);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(5 * MIN);
    expect(r.timeToConvert.medianMs).toBe(9 * MIN);
    const far = [ev("u", 0, "C"), ev("u", 20 * 24 * 60, "A")];
    expect(entered(far, ["A", "B", "C"], { order: "unordered" })).toEqual([1, 0, 0]);
    // one event cannot count for two steps
    expect(entered([ev("u", 0, "A")], ["A", "A"], { order: "unordered" })).toEqual([1, 0]);
    expect(entered([ev("u", 0, "A"), ev("u", 1, "A")], ["A", "A"], { order: "unordered" })).toEqual([1, 1]);
    // "first": only the attempt that starts at the first step event
    const twice = [ev("u", 0, "A"), ev("u", 20 * 24 * 60, "A"), ev("u", 20 * 24 * 60 + 1, "B")];
    expect(entered(twice, ["A", "B"], { order: "unordered", attempt: "first" })).toEqual([1, 0]);
    expect(entered(twice, ["A", "B"], { order: "unordered" })).toEqual([1, 1]);
  });

  it("16. unordered matching assigns events to steps to maximise distinct steps", () => {
    // X matches steps 0 and 1 (via where), Y only step 0: both steps are covered
    const steps = [{ event: "E", where: () => true }, { event: "E", properties: { kind: "x" } }];
    const events = [ev("u", 0, "E", { kind: "x" }), ev("u", 1, "E", { kind: "y" })];
    expect(funnel(events, steps, { order: "unordered" }).converted).toBe(1);
  });

  it("17. counting attempts: re-entry only after the previous attempt ends", () => {
    const events = [
      ev("u", 0, "A"),
      ev("u", 1, "B"),
      ev("u", 2, "C"), // attempt 1 converts at minute 2
      ev("u", 3, "A"), // attempt 2 ...
      ev("u", 4, "A"), // ... inside attempt 2's window: not a new entry
      ev("u", 5, "B"),
      ev("u", 20 * 24 * 60, "A"), // attempt 3, after attempt 2's window
    ];
    const r = funnel(events, ["A", "B", "C"], { counting: "attempts" });
    expect(r.steps.map((s) => s.entered)).toEqual([3, 2, 1]);
    expect(r.counting).toBe("attempts");
    expect(funnel(events, ["A", "B", "C"]).steps.map((s) => s.entered)).toEqual([1, 1, 1]);
    const un = funnel([ev("u", 0, "B"), ev("u", 1, "A"), ev("u", 30 * 24 * 60, "A")], ["A", "B"], { counting: "attempts", order: "unordered" });
    expect(un.steps.map((s) => s.entered)).toEqual([2, 1]);
  });

  it("18. counts, rates and drop-offs over several customers; ids like __proto__ work", () => {
    const events = [
      ev("__proto__", 0, "A"),
      ev("__proto__", 1, "B"),
      ev("__proto__", 2, "C"),
      ev("constructor", 0, "A"),
      ev("constructor", 3, "B"),
      ev("toString", 0, "A"),
      ev("hasOwnProperty", 0, "Z"),
    ];
    const r = funnel(events, ["A", "B", "C"]);
    expect(r.customers).toBe(3); // hasOwnProperty has no funnel event
    expect(funnel(events, ["A", "B", "C"], { order: "strict" }).customers).toBe(3);
    expect(r.steps.map((s) => s.entered)).toEqual([3, 2, 1]);
    expect(r.steps[1]!.conversionRateFromPrevious).toBeCloseTo(2 / 3, 12);
    expect(r.steps[2]!.conversionRateFromPrevious).toBeCloseTo(0.5, 12);
    expect(r.steps[2]!.conversionRateFromStart).toBeCloseTo(1 / 3, 12);
    expect(r.steps.map((s) => s.droppedOff)).toEqual([0, 1, 1]);
    expect(r.steps[1]!.dropOffRate).toBeCloseTo(1 / 3, 12);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(2 * MIN);
    expect(r.steps[1]!.meanTimeFromPreviousMs).toBe(2 * MIN);
    expect(r.steps[0]!.conversionRateFromPrevious).toBe(1);
    expect(r.conversionRate).toBeCloseTo(1 / 3, 12);
  });

  it("19. matches steps by properties (JSON filter, missing = null) and by predicate", () => {
    const events = [
      ev("a", 0, "signup"),
      ev("a", 1, "purchase", { plan: "pro", amount: 120 }),
      ev("b", 0, "signup"),
      ev("b", 1, "purchase", { plan: "free", amount: 0 }),
      ev("c", 0, "signup", { ref: null }),
      ev("c", 1, "purchase"),
    ];
    expect(funnel(events, ["signup", { event: "purchase", properties: { plan: "pro" } }]).converted).toBe(1);
    expect(funnel(events, ["signup", { event: "purchase", properties: { plan: null } }]).converted).toBe(1);
    expect(funnel(events, ["signup", { event: "purchase", where: (p) => typeof p.amount === "number" && p.amount > 0 }]).converted).toBe(1);
    const r = funnel(events, [{ event: "signup", name: "Signed up" }, { event: "purchase", name: "Paid" }]);
    expect(r.steps.map((s) => s.name)).toEqual(["Signed up", "Paid"]);
  });

  it("20. reads the window in the time zone: a calendar day across the DST change in New York is 23 hours", () => {
    // 2024-03-09 12:00 EST = 17:00Z; the next day 12:30 EDT = 16:30Z, 23.5 hours later
    const events: Interaction[] = [
      { customerId: "u", occurredAt: "2024-03-09T12:00:00-05:00", type: "A" },
      { customerId: "u", occurredAt: "2024-03-10T12:30:00-04:00", type: "B" },
    ];
    const ny = funnel(events, ["A", "B"], { window: { days: 1 }, timeZone: "America/New_York" });
    expect(ny.converted).toBe(0);
    expect(funnel(events, ["A", "B"], { window: { days: 1 } }).converted).toBe(1);
    const onTime: Interaction[] = [
      { customerId: "u", occurredAt: "2024-03-09T12:00:00", type: "A" },
      { customerId: "u", occurredAt: "2024-03-10T12:00:00", type: "B" },
    ];
    const r = funnel(onTime, ["A", "B"], { window: { days: 1 }, timeZone: "America/New_York" });
    expect(r.converted).toBe(1);
    expect(r.timeToConvert.medianMs).toBe(23 * HOUR);
    // Berlin: local strings are read in the zone (2024-10-27: 25-hour day)
    const berlin: Interaction[] = [
      { customerId: "u", occurredAt: "2024-10-26T12:00:00", type: "A" },
      { customerId: "u", occurredAt: "2024-10-27T12:00:00", type: "B" },
    ];
    const b = funnel(berlin, ["A", "B"], { window: { days: 1 }, timeZone: "Europe/Berlin" });
    expect(b.converted).toBe(1);
    expect(b.timeToConvert.medianMs).toBe(25 * HOUR);
    expect(funnel(berlin, ["A", "B"], { window: { hours: 24 }, timeZone: "Europe/Berlin" }).converted).toBe(0);
    // months are calendar months
    const month: Interaction[] = [ev("m", 0, "A"), { customerId: "m", occurredAt: "2024-02-01T00:00:00Z", type: "B" }];
    expect(funnel(month, ["A", "B"], { window: { months: 1 } }).converted).toBe(1);
  });

  it("21. handles empty input and funnels nobody entered with null rates", () => {
    const r = funnel([], ["A", "B"]);
    expect(r.customers).toBe(0);
    expect(r.entered).toBe(0);
    expect(r.conversionRate).toBeNull();
    expect(r.steps[0]).toMatchObject({ entered: 0, conversionRateFromPrevious: null, conversionRateFromStart: null, dropOffRate: null });
    expect(r.steps[1]).toMatchObject({ medianTimeFromPreviousMs: null, medianTimeFromPrevious: null, meanTimeFromPrevious: null });
    expect(r.timeToConvert).toEqual({ n: 0, medianMs: null, meanMs: null, median: null, bins: [] });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("22. accepts dates as Date, ISO strings and epoch ms, events out of order and numeric ids", () => {
    const events: Interaction[] = [
      { customerId: 7, occurredAt: new Date(BASE + 2 * MIN), type: "C" },
      { customerId: 7, occurredAt: "2024-01-01T00:00:00Z", type: "A" },
      { customerId: "7", occurredAt: BASE + MIN, type: "B" },
    ];
    expect(entered(events, ["A", "B", "C"])).toEqual([1, 1, 1]);
    expect(funnel(new Set(events), ["A", "B", "C"]).converted).toBe(1);
  });
});

describe("funnel: breakdowns", () => {
  const events = [
    ev("a", 0, "A", { channel: "ads" }),
    ev("a", 1, "B", { channel: "email" }),
    ev("b", 0, "A", { channel: "ads" }),
    ev("c", 0, "A", { channel: "seo" }),
    ev("c", 1, "B", { channel: "seo" }),
    ev("d", 0, "A"),
    ev("e", 0, "A", { channel: "tv" }),
  ];

  it("attributes by the first step's event (first touch), keeps top N, merges the rest, separates null", () => {
    const r = funnel(events, ["A", "B"], { breakdownBy: "channel" });
    expect(r.breakdown!.map((b) => [b.kind, b.value, b.entered, b.converted])).toEqual([
      ["value", "ads", 2, 1],
      ["value", "seo", 1, 1],
      ["value", "tv", 1, 0],
      ["null", null, 1, 0],
    ]);
    const top = funnel(events, ["A", "B"], { breakdownBy: "channel", breakdownLimit: 1 });
    expect(top.breakdown!.map((b) => [b.kind, b.value, b.entered, b.converted])).toEqual([
      ["value", "ads", 2, 1],
      ["other", null, 2, 1],
      ["null", null, 1, 0],
    ]);
  });

  it("can attribute by the last step reached and by a function", () => {
    const last = funnel(events, ["A", "B"], { breakdownBy: "channel", breakdownAttribution: "last_touch" });
    expect(last.breakdown!.map((b) => [b.value, b.entered])).toEqual([
      ["email", 1],
      ["seo", 1],
      ["ads", 1],
      ["tv", 1],
      [null, 1],
    ]);
    const fnRows = funnel(events, ["A", "B"], { breakdownBy: (e) => (String(e.customerId) < "c" ? 1 : true) });
    // equal conversions: the value with more entries ranks first
    expect(fnRows.breakdown!.map((b) => [b.value, b.entered, b.converted])).toEqual([
      [true, 3, 1],
      [1, 2, 1],
    ]);
  });

  it("rejects breakdown values that are not primitives", () => {
    expect(() => funnel(events, ["A", "B"], { breakdownBy: () => ({}) as unknown as string })).toThrow(CrmMetricsError);
    expect(() => funnel([ev("a", 0, "A", { channel: Number.NaN })], ["A", "B"], { breakdownBy: "channel" })).toThrow(
      "events[0].properties.channel",
    );
  });
});

describe("funnel: time-to-convert histogram", () => {
  it("uses ceil(cbrt(n)) bins with the width rounded up to whole seconds (PostHog)", () => {
    // 8 conversions taking 0..7 minutes: 2 bins of 210 s
    const events = Array.from({ length: 8 }, (_, i) => [ev(`u${i}`, 0, "A"), ev(`u${i}`, i, "B")]).flat();
    const r = funnel(events, ["A", "B"]);
    expect(r.timeToConvert.bins).toEqual([
      { fromMs: 0, toMs: 210_000, count: 4 },
      { fromMs: 210_000, toMs: 420_000, count: 4 },
    ]);
    const custom = funnel(events, ["A", "B"], { binCount: 7 });
    expect(custom.timeToConvert.bins.map((b) => b.count)).toEqual([1, 1, 1, 1, 1, 1, 2]);
    expect(custom.timeToConvert.meanMs).toBeCloseTo(3.5 * MIN, 6);
    expect(custom.timeToConvert.medianMs).toBeCloseTo(3.5 * MIN, 6);
  });

  it("gives one 60-second bin when all times are equal", () => {
    const r = funnel([ev("u", 0, "A"), ev("u", 3, "B")], ["A", "B"]);
    expect(r.timeToConvert.bins).toEqual([{ fromMs: 180_000, toMs: 240_000, count: 1 }]);
    expect(funnel([ev("u", 0, "A"), ev("u", 3 * 24 * 60, "B")], ["A", "B"]).steps[1]!.medianTimeFromPrevious).toBe("3 days");
    expect(funnel([ev("u", 0, "A"), ev("u", 0, "B")], ["A", "B"]).steps[1]!.medianTimeFromPrevious).toBe("0 seconds");
  });
});

describe("funnel: boundaries and tie rules", () => {
  const at = (customerId: string, ms: number, type: string, properties?: Record<string, string | number | boolean | null>): Interaction =>
    properties === undefined ? { customerId, occurredAt: BASE + ms, type } : { customerId, occurredAt: BASE + ms, type, properties };

  it("adds every unit of a fixed window: 1 week 1 day 1 hour 1 minute 1 second is 694,861,000 ms, inclusive", () => {
    const window = { weeks: 1, days: 1, hours: 1, minutes: 1, seconds: 1 };
    expect(entered([at("u", 0, "A"), at("u", 694_861_000, "B")], ["A", "B"], { window })).toEqual([1, 1]);
    expect(entered([at("u", 0, "A"), at("u", 694_861_001, "B")], ["A", "B"], { window })).toEqual([1, 0]);
    expect(entered([at("u", 0, "A"), at("u", 90 * MIN, "B")], ["A", "B"], { window: { minutes: 90 } })).toEqual([1, 1]);
    expect(entered([at("u", 0, "A"), at("u", 90 * MIN + 1, "B")], ["A", "B"], { window: { minutes: 90 } })).toEqual([1, 0]);
    expect(entered([at("u", 0, "A"), at("u", 45_000, "B")], ["A", "B"], { window: { seconds: 45 } })).toEqual([1, 1]);
    expect(entered([at("u", 0, "A"), at("u", 45_001, "B")], ["A", "B"], { window: { seconds: 45 } })).toEqual([1, 0]);
  });

  it("reads years as calendar years and weeks as calendar weeks in the time zone", () => {
    // 2024 is a leap year: one calendar year from 2024-01-01 is 366 days
    expect(entered([at("u", 0, "A"), at("u", 366 * DAY, "B")], ["A", "B"], { window: { years: 1 } })).toEqual([1, 1]);
    expect(entered([at("u", 0, "A"), at("u", 366 * DAY + 1, "B")], ["A", "B"], { window: { years: 1 } })).toEqual([1, 0]);
    // a New York week across the DST change is 167 hours
    const week: Interaction[] = [
      { customerId: "u", occurredAt: "2024-03-09T12:00:00-05:00", type: "A" },
      { customerId: "u", occurredAt: "2024-03-16T12:30:00-04:00", type: "B" },
    ];
    expect(funnel(week, ["A", "B"], { window: { weeks: 1 }, timeZone: "America/New_York" }).converted).toBe(0);
    expect(funnel(week, ["A", "B"], { window: { weeks: 1 } }).converted).toBe(1);
  });

  it("takes equal-time events matching the same lowest step by their highest step, then in input order", () => {
    // x matches steps 0 and 1, y only step 0: y is taken first, so y fills step 0 and x step 1
    const steps = [{ event: "E", where: () => true }, { event: "E", properties: { kind: "x" } }];
    expect(funnel([ev("u", 0, "E", { kind: "x" }), ev("u", 0, "E", { kind: "y" })], steps).converted).toBe(1);
    expect(funnel([ev("u", 0, "E", { kind: "y" }), ev("u", 0, "E", { kind: "x" })], steps).converted).toBe(1);
    // two step-0 events at one instant: the latest attempt starts at the second in input order
    const events = [ev("u", 0, "A", { ch: "first" }), ev("u", 0, "A", { ch: "second" }), ev("u", 1, "B")];
    const by = (attempt: FunnelOptions["attempt"]): unknown[] =>
      funnel(events, ["A", "B"], { breakdownBy: "ch", attempt }).breakdown!.map((b) => [b.value, b.converted]);
    expect(by("latest")).toEqual([["second", 1]]);
    expect(by("first")).toEqual([["first", 1]]);
  });

  it("sorts a customer's long event list (more than 32 kept events) by time", () => {
    // A at even minutes, B at odd minutes 0..39, given newest first
    const events = Array.from({ length: 40 }, (_, i) => ev("u", 39 - i, (39 - i) % 2 === 0 ? "A" : "B"));
    const r = funnel(events, ["A", "B"]);
    expect(r.converted).toBe(1);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(MIN);
    const strict = funnel([...events, ev("u", 0.5, "X")], ["A", "B"], { order: "strict" });
    expect(strict.steps[1]!.medianTimeFromPreviousMs).toBe(MIN); // A 2 -> B 3, after X broke A 0 -> B 1
    expect(strict.timeToConvert.bins[0]!.fromMs).toBe(MIN);
  });

  it("does not count an exclusion at the instant of its from-step, and counts one at the end of the window", () => {
    const exclusions = [{ event: "X", fromStep: 0, toStep: 1 }];
    const same = funnel([ev("u", 0, "X"), ev("u", 0, "A"), ev("u", 1, "B")], ["A", "B"], { exclusions });
    expect(same).toMatchObject({ excluded: 0, converted: 1 });
    expect(funnel([at("u", 0, "A"), at("u", 14 * DAY, "X")], ["A", "B"], { exclusions }).excluded).toBe(1);
    expect(funnel([at("u", 0, "A"), at("u", 14 * DAY + 1, "X")], ["A", "B"], { exclusions }).excluded).toBe(0);
    // an exclusion after the to-step of a chain that reached it is no taint
    expect(funnel([ev("u", 0, "A"), ev("u", 2, "B"), ev("u", 3, "X")], ["A", "B"], { exclusions })).toMatchObject({ excluded: 0, converted: 1 });
  });

  it("of equally deep attempts, scores the earliest (latest binding, and unordered)", () => {
    // attempts A 0 -> B 1 and A 5 -> B 7 both stop at B
    const events = [ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 5, "A"), ev("u", 7, "B")];
    expect(funnel(events, ["A", "B", "C"]).steps[1]!.medianTimeFromPreviousMs).toBe(MIN);
    const un = [ev("u", 0, "A"), ev("u", 1, "B"), at("u", 20 * DAY, "A"), at("u", 20 * DAY + 5 * MIN, "B")];
    expect(funnel(un, ["A", "B", "C"], { order: "unordered" }).steps[1]!.medianTimeFromPreviousMs).toBe(MIN);
  });

  it("unordered: keeps the matched events in time order, also past the tenth event of a customer", () => {
    // B 0 and B 1 open attempts that close without A; the attempt from the third event
    // (B at day 20) matches A at the eleventh event, 10 minutes later
    const events = [ev("u", 0, "B"), ev("u", 1, "B"), ...Array.from({ length: 8 }, (_, i) => at("u", 20 * DAY + i * MIN, "B")), at("u", 20 * DAY + 10 * MIN, "A")];
    const r = funnel(events, ["A", "B"], { order: "unordered" });
    expect(r.converted).toBe(1);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(10 * MIN);
    expect(r.timeToConvert.medianMs).toBe(10 * MIN);
  });

  it("closes unordered windows inclusively", () => {
    expect(entered([at("u", 0, "C"), at("u", 14 * DAY, "A")], ["A", "B", "C"], { order: "unordered" })).toEqual([1, 1, 0]);
    expect(entered([at("u", 0, "C"), at("u", 14 * DAY + 1, "A")], ["A", "B", "C"], { order: "unordered" })).toEqual([1, 0, 0]);
  });

  it("counting attempts: a step-0 event at the instant an attempt converted or its window closed is no new entry", () => {
    const opts: FunnelOptions = { counting: "attempts" };
    expect(entered([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 2, "C"), ev("u", 2, "A")], ["A", "B", "C"], opts)).toEqual([1, 1, 1]);
    expect(entered([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 2, "C"), ev("u", 2.5, "A")], ["A", "B", "C"], opts)).toEqual([2, 1, 1]);
    expect(entered([at("u", 0, "A"), at("u", 14 * DAY, "A")], ["A", "B"], opts)).toEqual([1, 0]);
    expect(entered([at("u", 0, "A"), at("u", 14 * DAY + 1, "A")], ["A", "B"], opts)).toEqual([2, 0]);
    // 20 attempts of one customer (more than the 16 preallocated outcome slots)
    const many = Array.from({ length: 20 }, (_, i) => [at("u", i * 15 * DAY, "A"), at("u", i * 15 * DAY + i * MIN, "B")]).flat();
    const r = funnel(many, ["A", "B"], opts);
    expect(r.steps.map((s) => s.entered)).toEqual([20, 20]);
    expect(r.steps[1]!.meanTimeFromPreviousMs).toBeCloseTo(9.5 * MIN, 6);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBeCloseTo(9.5 * MIN, 6);
  });

  it("takes the median of the times, not of their input order", () => {
    const events = [5, 1, 3].flatMap((m, i) => [ev(`u${i}`, 0, "A"), ev(`u${i}`, m, "B")]);
    const r = funnel(events, ["A", "B"]);
    expect(r.steps[1]!.medianTimeFromPreviousMs).toBe(3 * MIN);
    expect(r.steps[1]!.meanTimeFromPreviousMs).toBeCloseTo(3 * MIN, 6);
    expect(r.timeToConvert.medianMs).toBe(3 * MIN);
    expect(r.timeToConvert.median).toBe("3 minutes");
    // 2 bins from 1 minute, 2 minutes wide: 1 | 3, 5
    expect(r.timeToConvert.bins).toEqual([
      { fromMs: MIN, toMs: 3 * MIN, count: 1 },
      { fromMs: 3 * MIN, toMs: 5 * MIN, count: 2 },
    ]);
  });

  it("writes durations in the largest unit of at least 1, to two decimals", () => {
    const readable = (ms: number): string | null => funnel([at("u", 0, "A"), at("u", ms, "B")], ["A", "B"], { window: { days: 30 } }).steps[1]!.medianTimeFromPrevious;
    expect(readable(DAY)).toBe("1 day");
    expect(readable(DAY - 1)).toBe("24 hours");
    expect(readable(36 * HOUR)).toBe("1.5 days");
    expect(readable(75 * MIN)).toBe("1.25 hours");
    expect(readable(100_000)).toBe("1.67 minutes");
    expect(readable(MIN)).toBe("1 minute");
    expect(readable(1000)).toBe("1 second");
    expect(readable(500)).toBe("0.5 seconds");
  });

  it("counts every customer of a strict funnel read from an iterable of more than 1024 customers", () => {
    function* stream(): Generator<Interaction> {
      for (let i = 0; i < 1100; i++) yield ev(`c${i}`, 0, "A");
      for (let i = 0; i < 10; i++) yield ev(`z${i}`, 0, "Z");
    }
    const r = funnel(stream(), ["A", "B"], { order: "strict" });
    expect(r.customers).toBe(1100);
    expect(r.entered).toBe(1100);
  });
});

describe("funnel: attempts and exclusions in detail", () => {
  const at = (customerId: string, ms: number, type: string, properties?: Record<string, string | number | boolean | null>): Interaction =>
    properties === undefined ? { customerId, occurredAt: BASE + ms, type } : { customerId, occurredAt: BASE + ms, type, properties };
  const steps = ["A", "B", "C"];

  it("reports its defaults, and accepts them given explicitly", () => {
    const events = [ev("u", 0, "A", { ch: "x" }), ev("u", 1, "B")];
    const r = funnel(events, ["A", "B"]);
    expect(r).toMatchObject({ order: "ordered", attempt: "latest", counting: "customers", breakdown: null });
    const explicit = funnel(events, ["A", "B"], { order: "ordered", attempt: "latest", counting: "customers", breakdownBy: "ch", breakdownAttribution: "first_touch" });
    expect(explicit).toMatchObject({ order: "ordered", attempt: "latest", counting: "customers", converted: 1 });
    expect(explicit.breakdown!.map((b) => b.value)).toEqual(["x"]);
    const msg = (o: unknown): string => messageOf(() => funnel(events, ["A", "B"], o as FunnelOptions));
    expect(msg({ order: "loose" })).toBe('funnel: options.order must be one of "ordered", "strict", "unordered", got "loose"');
    expect(msg({ attempt: "best" })).toBe('funnel: options.attempt must be one of "latest", "first", "longest", got "best"');
    expect(msg({ counting: "sessions" })).toBe('funnel: options.counting must be one of "customers", "attempts", got "sessions"');
    expect(msg({ breakdownAttribution: "any" })).toBe('funnel: options.breakdownAttribution must be one of "first_touch", "last_touch", got "any"');
    expect(msg({ breakdownLimit: 1.5 })).toBe("funnel: options.breakdownLimit must be an integer >= 1, got 1.5");
    expect(msg({ binCount: 2.5 })).toBe("funnel: options.binCount must be an integer >= 1 and <= 90, got 2.5");
  });

  it("takes equal-time events by their lowest step even when another matches a higher one", () => {
    // p matches steps 0 and 2, q step 1: p comes first at the shared instant, whatever the input order
    const def = [{ event: "E", properties: { a: true } }, { event: "E", properties: { b: true } }, { event: "E", properties: { a: true } }];
    const p = ev("u", 0, "E", { a: true });
    const q = ev("u", 0, "E", { b: true });
    const r = ev("u", 1, "E", { a: true });
    expect(entered([p, q, r], def as never)).toEqual([1, 1, 1]);
    expect(entered([q, p, r], def as never)).toEqual([1, 1, 1]);
  });

  it("counting attempts removes excluded attempts and counts them", () => {
    const r = funnel([ev("u", 0, "A"), ev("u", 1, "X"), ev("u", 2, "B"), at("u", 20 * DAY, "A"), at("u", 20 * DAY + MIN, "B")], ["A", "B"], {
      counting: "attempts",
      exclusions: [{ event: "X", fromStep: 0, toStep: 1 }],
    });
    expect(r.excluded).toBe(1);
    expect(r.steps.map((s) => s.entered)).toEqual([1, 1]);
  });

  it("counting attempts follows the step order in ordered funnels", () => {
    expect(entered([ev("u", 0, "A"), ev("u", 1, "C"), ev("u", 2, "B")], steps, { counting: "attempts" })).toEqual([1, 1, 0]);
    expect(entered([ev("u", 0, "A"), ev("u", 1, "C"), ev("u", 2, "B")], steps, { counting: "attempts", order: "unordered" })).toEqual([1, 1, 1]);
  });

  it("strict funnels count customers whose only matching events are exclusions", () => {
    const r = funnel([ev("u", 0, "A"), ev("v", 0, "X"), ev("w", 0, "Z")], steps, { order: "strict", exclusions: [{ event: "X", fromStep: 0, toStep: 1 }] });
    expect(r.customers).toBe(2);
    expect(r.entered).toBe(1);
  });

  it("reads only the current customer's events at a shared last instant", () => {
    // u's third event (C at minute 1) must not reach v, whose events end at minute 1 too
    expect(entered([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 1, "C"), ev("v", 0, "A"), ev("v", 1, "B")], steps)).toEqual([2, 2, 1]);
  });

  it("longest: the deepest attempt decides, then the earliest; a clean attempt must reach its depth", () => {
    const exclusions = [{ event: "X", fromStep: 0, toStep: 1 }];
    const opts: FunnelOptions = { attempt: "longest", exclusions };
    // a tainted deep attempt, then a clean shallow one: excluded
    expect(funnel([ev("u", 0, "A"), ev("u", 1, "X"), ev("u", 2, "B"), ev("u", 3, "C"), at("u", 20 * DAY, "A")], steps, opts).excluded).toBe(1);
    // a clean shallow attempt, then a tainted deep one: excluded
    expect(funnel([ev("u", 0, "A"), at("u", 20 * DAY, "A"), at("u", 20 * DAY + MIN, "X"), at("u", 20 * DAY + 2 * MIN, "B")], steps, opts).excluded).toBe(1);
    // a deeper clean attempt, then a shallower one: the deeper counts
    const deep = funnel([ev("u", 0, "A"), ev("u", 1, "B"), at("u", 20 * DAY, "A")], steps, { attempt: "longest" });
    expect(deep).toMatchObject({ excluded: 0 });
    expect(deep.steps.map((s) => s.entered)).toEqual([1, 1, 0]);
    // two clean attempts of equal depth: the earlier counts
    const two = [ev("u", 0, "A"), ev("u", 1, "B"), at("u", 20 * DAY, "A"), at("u", 20 * DAY + 5 * MIN, "B")];
    expect(funnel(two, steps, { attempt: "longest" }).steps[1]!.medianTimeFromPreviousMs).toBe(MIN);
  });

  it("latest: the deepest clean chain counts, the earliest of equal depth, and a shallower clean chain does not save a tainted one", () => {
    const late = [{ event: "X", fromStep: 1, toStep: 2 }];
    // no exclusion event at all: chains A0 -> B1 (depth 1) and A5 (depth 0) are clean
    const clean = funnel([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 5, "A")], steps, { exclusions: late });
    expect(clean).toMatchObject({ excluded: 0 });
    expect(clean.steps.map((s) => s.entered)).toEqual([1, 1, 0]);
    const equal = funnel([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 5, "A"), ev("u", 7, "B")], steps, { exclusions: late });
    expect(equal.steps[1]!.medianTimeFromPreviousMs).toBe(MIN);
    // X after B taints the chain A0 -> B1; the clean chain A0 alone is shallower
    expect(funnel([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 2, "X")], steps, { exclusions: late })).toMatchObject({ excluded: 1, entered: 0 });
    // an exclusion from step 1 does not reach a chain that never got to step 1
    expect(funnel([ev("u", 0, "A"), ev("u", 1, "X")], steps, { exclusions: late })).toMatchObject({ excluded: 0, entered: 1 });
  });

  it("applies each exclusion only to its own event", () => {
    const exclusions = [
      { event: "X", fromStep: 0, toStep: 1 },
      { event: "Y", fromStep: 1, toStep: 2 },
    ];
    expect(funnel([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 2, "X"), ev("u", 3, "C")], steps, { exclusions })).toMatchObject({ excluded: 0, converted: 1 });
    expect(funnel([ev("u", 0, "A"), ev("u", 1, "B"), ev("u", 2, "Y"), ev("u", 3, "C")], steps, { exclusions })).toMatchObject({ excluded: 1, converted: 0 });
  });

  it("unordered breakdowns attribute each customer to their own first event", () => {
    const r = funnel([ev("a", 0, "B", { ch: "x" }), ev("a", 1, "A", { ch: "z" }), ev("b", 0, "A", { ch: "y" })], ["A", "B"], { order: "unordered", breakdownBy: "ch" });
    expect(r.breakdown!.map((b) => [b.value, b.entered, b.converted])).toEqual([
      ["x", 1, 1],
      ["y", 1, 0],
    ]);
    const last = funnel([ev("a", 0, "B", { ch: "x" }), ev("a", 1, "A", { ch: "z" })], ["A", "B"], { order: "unordered", breakdownBy: "ch", breakdownAttribution: "last_touch" });
    expect(last.breakdown!.map((b) => b.value)).toEqual(["z"]);
  });
});

describe("funnel: breakdown details", () => {
  it("ranks equal rows by value as a string, then numbers before strings", () => {
    const events = [ev("a", 0, "A", { v: "1" }), ev("b", 0, "A", { v: 1 }), ev("c", 0, "A", { v: "true" }), ev("d", 0, "A", { v: true }), ev("e", 0, "A", { v: "0" })];
    const r = funnel(events, ["A", "B"], { breakdownBy: "v" });
    expect(r.breakdown!.map((b) => b.value)).toEqual(["0", 1, "1", true, "true"]);
    const reversed = funnel([...events].reverse(), ["A", "B"], { breakdownBy: "v" });
    expect(reversed.breakdown!.map((b) => b.value)).toEqual(["0", 1, "1", true, "true"]);
  });

  it("puts empty strings, null properties and inherited names in the null row", () => {
    const events = [
      ev("a", 0, "A", { ch: "" }),
      ev("n", 0, "A", { ch: null }),
      { customerId: "b", occurredAt: BASE, type: "A", properties: null as never },
      ev("c", 0, "A", { ch: "ads" }),
    ];
    const r = funnel(events, ["A", "B"], { breakdownBy: "ch" });
    expect(r.breakdown!.map((b) => [b.kind, b.value, b.entered])).toEqual([
      ["value", "ads", 1],
      ["null", null, 3],
    ]);
    const inherited = funnel(events, ["A", "B"], { breakdownBy: "constructor" });
    expect(inherited.breakdown!.map((b) => [b.kind, b.entered])).toEqual([["null", 4]]);
  });

  it("adds an other row only when there are more values than the limit (default 25)", () => {
    const events = Array.from({ length: 26 }, (_, i) => ev(`c${i}`, 0, "A", { v: `v${String(i).padStart(2, "0")}` }));
    const limited = funnel(events, ["A", "B"], { breakdownBy: "v" });
    expect(limited.breakdown!.map((b) => b.kind)).toEqual([...new Array(25).fill("value"), "other"]);
    expect(limited.breakdown![25]!.entered).toBe(1);
    expect(limited.breakdown![24]!.value).toBe("v24");
    const exact = funnel(events.slice(0, 3), ["A", "B"], { breakdownBy: "v", breakdownLimit: 3 });
    expect(exact.breakdown!.map((b) => b.kind)).toEqual(["value", "value", "value"]);
  });
});

describe("funnel: validation", () => {
  const ok = [ev("u", 0, "A")];
  const code = errorInfo;

  it("rejects invalid events with the path of the bad value", () => {
    expect(code(() => funnel([{ customerId: "", occurredAt: BASE, type: "A" }], ["A", "B"]))).toBe("INVALID_INPUT events[0].customerId");
    expect(code(() => funnel([...ok, { customerId: "u", occurredAt: Number.NaN, type: "A" }], ["A", "B"]))).toBe(
      "INVALID_INPUT events[1].occurredAt",
    );
    expect(code(() => funnel([{ customerId: "u", occurredAt: "2024-02-30", type: "A" }], ["A", "B"]))).toBe("INVALID_INPUT events[0].occurredAt");
    expect(code(() => funnel([{ customerId: "u", occurredAt: Number.POSITIVE_INFINITY, type: "A" }], ["A", "B"]))).toBe(
      "INVALID_INPUT events[0].occurredAt",
    );
    expect(code(() => funnel([{ customerId: "u", occurredAt: BASE, type: 3 } as unknown as Interaction], ["A", "B"]))).toBe(
      "INVALID_INPUT events[0].type",
    );
    // properties are checked where they are read: a filtered step, a filtered exclusion, a breakdown
    const badProps = { customerId: "u", occurredAt: BASE, type: "A", properties: "x" } as unknown as Interaction;
    expect(code(() => funnel([badProps], [{ event: "A", properties: { plan: "pro" } }, "B"]))).toBe("INVALID_INPUT events[0].properties");
    expect(code(() => funnel([badProps], [{ event: "A", where: () => true }, "B"]))).toBe("INVALID_INPUT events[0].properties");
    expect(code(() => funnel([badProps], ["A", "B"], { breakdownBy: "plan" }))).toBe("INVALID_INPUT events[0].properties");
    expect(code(() => funnel([...ok, { ...badProps, type: "X" }], ["A", "B"], { exclusions: [{ event: { event: "X", properties: { a: 1 } }, fromStep: 0, toStep: 1 }] }))).toBe(
      `INVALID_INPUT events[${ok.length}].properties`,
    );
    expect(code(() => funnel([null as unknown as Interaction], ["A", "B"]))).toBe("INVALID_INPUT events[0]");
    expect(code(() => funnel(42 as unknown as Interaction[], ["A", "B"]))).toBe("INVALID_INPUT events");
    expect(() => funnel([{ customerId: "u", occurredAt: "soon", type: "A" }], ["A", "B"])).toThrow(
      'funnel: events[0].occurredAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "soon"',
    );
  });

  it("rejects bad steps and options", () => {
    expect(code(() => funnel(ok, ["A"]))).toBe("INVALID_OPTION steps");
    expect(code(() => funnel(ok, ["A", ""]))).toBe("INVALID_OPTION steps[1]");
    expect(code(() => funnel(ok, ["A", { event: "" }]))).toBe("INVALID_OPTION steps[1].event");
    expect(code(() => funnel(ok, ["A", 3 as unknown as string]))).toBe("INVALID_OPTION steps[1]");
    expect(code(() => funnel(ok, ["A", { event: "B", where: 1 as unknown as () => boolean }]))).toBe("INVALID_OPTION steps[1].where");
    expect(code(() => funnel(ok, ["A", { event: "B", properties: 1 as unknown as Record<string, string> }]))).toBe(
      "INVALID_OPTION steps[1].properties",
    );
    expect(code(() => funnel(ok, ["A", { event: "B", name: 1 as unknown as string }]))).toBe("INVALID_OPTION steps[1].name");
    expect(code(() => funnel(ok, Array.from({ length: 31 }, () => "A")))).toBe("INVALID_OPTION steps");
    expect(code(() => funnel(ok, ["A", "B"], { order: "random" as "ordered" }))).toBe("INVALID_OPTION options.order");
    expect(code(() => funnel(ok, ["A", "B"], { attempt: "best" as "first" }))).toBe("INVALID_OPTION options.attempt");
    expect(code(() => funnel(ok, ["A", "B"], { counting: "sessions" as "attempts" }))).toBe("INVALID_OPTION options.counting");
    expect(code(() => funnel(ok, ["A", "B"], { window: { days: -1 } }))).toBe("INVALID_OPTION options.window.days");
    expect(code(() => funnel(ok, ["A", "B"], { timeZone: "Mars/Olympus" }))).toBe("INVALID_OPTION options.timeZone");
    expect(code(() => funnel(ok, ["A", "B"], { breakdownBy: "" }))).toBe("INVALID_OPTION options.breakdownBy");
    expect(code(() => funnel(ok, ["A", "B"], { breakdownLimit: 0 }))).toBe("INVALID_OPTION options.breakdownLimit");
    expect(code(() => funnel(ok, ["A", "B"], { binCount: 91 }))).toBe("INVALID_OPTION options.binCount");
    expect(code(() => funnel(ok, ["A", "B"], "x" as unknown as FunnelOptions))).toBe("INVALID_OPTION options");
  });

  it("rejects bad exclusions", () => {
    const ex = (e: unknown, o: Partial<FunnelOptions> = {}): string =>
      code(() => funnel(ok, ["A", "B", "C"], { exclusions: e as FunnelOptions["exclusions"], ...o }));
    expect(ex({})).toBe("INVALID_OPTION options.exclusions");
    expect(ex([3])).toBe("INVALID_OPTION options.exclusions[0]");
    expect(ex([{ event: "X", fromStep: 1, toStep: 1 }])).toBe("INVALID_OPTION options.exclusions[0].toStep");
    expect(ex([{ event: "X", fromStep: 2, toStep: 3 }])).toBe("INVALID_OPTION options.exclusions[0].fromStep");
    expect(ex([{ event: "X", toStep: 1 }])).toBe("INVALID_OPTION options.exclusions[0].fromStep");
    expect(ex([{ event: "X", fromStep: 0 }])).toBe("INVALID_OPTION options.exclusions[0].toStep");
    expect(ex([{ event: "", fromStep: 0, toStep: 1 }])).toBe("INVALID_OPTION options.exclusions[0].event");
    expect(ex([{ event: "X", fromStep: 0, toStep: 1 }], { order: "unordered" })).toBe("INVALID_OPTION options.exclusions");
    expect(ex(Array.from({ length: 31 }, () => ({ event: "X", fromStep: 0, toStep: 1 })))).toBe("INVALID_OPTION options.exclusions");
  });

  it("names the rule and the bad value of an event in the message", () => {
    const msg = (events: unknown): string => messageOf(() => funnel(events as Interaction[], ["A", "B"]));
    expect(msg(42)).toBe("funnel: events must be an array or iterable of records, got 42");
    expect(msg([...ok, null])).toBe("funnel: events[1] must be an object, got null");
    expect(msg([...ok, [1]])).toBe("funnel: events[1] must be an object, got an array");
    expect(msg([...ok, "A"])).toBe('funnel: events[1] must be an object, got "A"');
    expect(msg([{ customerId: "", occurredAt: BASE, type: "A" }])).toBe('funnel: events[0].customerId must be a non-empty string or a finite number, got ""');
    expect(msg([{ customerId: Number.NaN, occurredAt: BASE, type: "A" }])).toBe("funnel: events[0].customerId must be a non-empty string or a finite number, got NaN");
    expect(msg([{ customerId: true, occurredAt: BASE, type: "A" }])).toBe("funnel: events[0].customerId must be a non-empty string or a finite number, got true");
    expect(msg([{ occurredAt: BASE, type: "A" }])).toBe("funnel: events[0].customerId must be a non-empty string or a finite number, got undefined");
    expect(msg([{ customerId: "u", occurredAt: BASE, type: "" }])).toBe('funnel: events[0].type must be a non-empty string, got ""');
    expect(msg([{ customerId: "u", occurredAt: BASE, type: 3 }])).toBe("funnel: events[0].type must be a non-empty string, got 3");
    const filtered = (events: unknown): string => messageOf(() => funnel(events as Interaction[], [{ event: "A", where: () => true }, "B"]));
    expect(filtered([{ customerId: "u", occurredAt: BASE, type: "A", properties: "x" }])).toBe('funnel: events[0].properties must be an object, got "x"');
    expect(filtered([{ customerId: "u", occurredAt: BASE, type: "A", properties: ["x"] }])).toBe("funnel: events[0].properties must be an object, got an array");
    // numeric ids, and null or absent properties, are valid
    expect(funnel([{ customerId: 0, occurredAt: BASE, type: "A", properties: null as never }, { customerId: 0, occurredAt: BASE + 1, type: "B" }], ["A", "B"]).converted).toBe(1);
  });

  it("counts no customer whose only events are filtered out", () => {
    const events = [
      { customerId: "u", occurredAt: BASE, type: "A", properties: { plan: "free" } },
      { customerId: "v", occurredAt: BASE, type: "A", properties: { plan: "pro" } },
      { customerId: "v", occurredAt: BASE + 1, type: "B" },
    ];
    const r = funnel(events, [{ event: "A", properties: { plan: "pro" } }, "B"]);
    expect([r.customers, r.entered, r.converted]).toEqual([1, 1, 1]);
  });

  it("does not read the properties of events where no filter or breakdown reads them", () => {
    const events = [
      { customerId: "u", occurredAt: BASE, type: "A", properties: "x" },
      { customerId: "u", occurredAt: BASE + 1, type: "page_view", properties: 5 },
      { customerId: "u", occurredAt: BASE + 2, type: "B", properties: ["y"] },
      { customerId: "v", occurredAt: BASE, type: "A" },
    ] as unknown as Interaction[];
    const clean = events.map(({ customerId, occurredAt, type }) => ({ customerId, occurredAt, type }));
    for (const order of ["ordered", "strict", "unordered"] as const) {
      expect(funnel(events, ["A", "B"], { order })).toEqual(funnel(clean, ["A", "B"], { order }));
    }
    expect(funnel(events, ["A", "B"]).converted).toBe(1);
    // with a filter on B, B's events are read and A's are not; with a breakdown, every step event is read
    expect(code(() => funnel(events, ["A", { event: "B", where: () => true }]))).toBe("INVALID_INPUT events[2].properties");
    expect(code(() => funnel(events, ["A", "B"], { breakdownBy: (e) => String(e.customerId) }))).toBe("INVALID_INPUT events[0].properties");
    // an event outside the steps is not read beyond its id, type and time, even with a filter and a breakdown
    const outside = [events[1]!, ...clean];
    const got = funnel(outside, ["A", { event: "B", where: () => true }], { breakdownBy: "plan" });
    expect(got).toEqual(funnel(clean, ["A", { event: "B", where: () => true }], { breakdownBy: "plan" }));
    expect(got.converted).toBe(1);
    // a type that is a plain step and a filtered step is read for the filter
    expect(code(() => funnel(events, ["A", { event: "A", properties: { plan: "pro" } }, "B"]))).toBe("INVALID_INPUT events[0].properties");
    // the other fields of those events are still checked
    expect(code(() => funnel([...events, { customerId: "u", occurredAt: "soon", type: "page_view" }], ["A", "B"]))).toBe("INVALID_INPUT events[4].occurredAt");
  });

  it("names the rule and the bad value of a step or option in the message", () => {
    const msg = (steps: unknown, options?: unknown): string => messageOf(() => funnel(ok, steps as string[], options as FunnelOptions));
    expect(msg(["A"])).toBe("funnel: steps must be an array of 2 to 30 steps, got 1 steps");
    expect(msg(Array.from({ length: 31 }, () => "A"))).toBe("funnel: steps must be an array of 2 to 30 steps, got 31 steps");
    expect(msg("AB")).toBe("funnel: steps must be an array of 2 to 30 steps, got string");
    expect(funnel(ok, Array.from({ length: 30 }, () => "A")).steps).toHaveLength(30);
    expect(msg(["A", ""])).toBe('funnel: steps[1] must be a non-empty event name, got ""');
    expect(msg(["A", 3])).toBe("funnel: steps[1] must be an event name or { event, properties?, where? }, got 3");
    expect(msg(["A", { event: "" }])).toBe('funnel: steps[1].event must be a non-empty event name, got ""');
    expect(msg(["A", { event: 7 }])).toBe("funnel: steps[1].event must be a non-empty event name, got 7");
    expect(msg(["A", { event: "B", properties: 1 }])).toBe("funnel: steps[1].properties must be an object of property values, got 1");
    expect(msg(["A", { event: "B", where: 1 }])).toBe("funnel: steps[1].where must be a function, got 1");
    expect(msg(["A", { event: "B", name: 1 }])).toBe("funnel: steps[1].name must be a string, got 1");
    expect(msg(["A", "B"], { breakdownBy: "" })).toBe('funnel: options.breakdownBy must be a property name or a function of the event, got ""');
    expect(msg(["A", "B"], { breakdownBy: 3 })).toBe("funnel: options.breakdownBy must be a property name or a function of the event, got 3");
    expect(msg(["A", "B"], { breakdownBy: null })).toBe("funnel: options.breakdownBy must be a property name or a function of the event, got null");
  });

  it("names the rule and the bad value of an exclusion in the message", () => {
    const msg = (e: unknown, o: Partial<FunnelOptions> = {}): string =>
      messageOf(() => funnel(ok, ["A", "B", "C"], { exclusions: e as FunnelOptions["exclusions"], ...o }));
    expect(msg({})).toBe("funnel: options.exclusions must be an array, got an object");
    expect(msg([{ event: "X", fromStep: 0, toStep: 1 }], { order: "unordered" })).toBe(
      'funnel: options.exclusions are not supported with order "unordered", got an array',
    );
    expect(msg(Array.from({ length: 31 }, () => ({ event: "X", fromStep: 0, toStep: 1 })))).toBe(
      "funnel: options.exclusions must have at most 30 entries, got an array",
    );
    expect(msg(Array.from({ length: 30 }, () => ({ event: "X", fromStep: 0, toStep: 1 })))).toBe("none");
    expect(msg([], { order: "unordered" })).toBe("none");
    expect(msg([3])).toBe("funnel: options.exclusions[0] must be an object { event, fromStep, toStep }, got 3");
    expect(msg([{ event: "X", toStep: 1 }])).toBe("funnel: options.exclusions[0].fromStep is required, got undefined");
    expect(msg([{ event: "X", fromStep: 0 }])).toBe("funnel: options.exclusions[0].toStep is required, got undefined");
    expect(msg([{ event: "X", fromStep: 2, toStep: 2 }])).toBe("funnel: options.exclusions[0].fromStep must be an integer >= 0 and <= 1, got 2");
    expect(msg([{ event: "X", fromStep: 1, toStep: 1 }])).toBe("funnel: options.exclusions[0].toStep must be an integer >= 2 and <= 2, got 1");
    expect(msg([{ event: "X", fromStep: 0, toStep: 1 }, { event: "", fromStep: 0, toStep: 1 }])).toBe(
      'funnel: options.exclusions[1].event must be a non-empty event name, got ""',
    );
  });

  it("names the event and the breakdown value that is not a primitive", () => {
    const events = [ev("a", 0, "Z"), ev("a", 1, "A", { channel: Number.NaN })];
    expect(messageOf(() => funnel(events, ["A", "B"], { breakdownBy: "channel" }))).toBe(
      "funnel: events[1].properties.channel must give a breakdown value that is a string, finite number, boolean or null, got NaN",
    );
    expect(messageOf(() => funnel(events, ["A", "B"], { breakdownBy: () => [1] as never }))).toBe(
      "funnel: events[1] must give a breakdown value that is a string, finite number, boolean or null, got an array",
    );
  });

  it("does not mutate its input", () => {
    const events = deepFreeze([ev("u", 0, "A", { p: 1 }), ev("u", 1, "B"), ev("v", 0, "A")]);
    const steps = deepFreeze(["A", { event: "B", properties: { x: null } }]);
    const r = funnel(events, steps as never, { breakdownBy: "p", exclusions: deepFreeze([{ event: "X", fromStep: 0, toStep: 1 }]) });
    expect(r.entered).toBe(2);
  });
});

describe("funnel: properties", () => {
  const types = ["A", "B", "C", "X"];
  const arbEvents = fc.array(
    fc.record({
      c: fc.constantFrom("a", "b", "c", "__proto__"),
      t: fc.integer({ min: 0, max: 40 * 24 * 60 }),
      type: fc.constantFrom(...types),
    }),
    { maxLength: 40 },
  );
  const toEvents = (xs: { c: string; t: number; type: string }[]): Interaction[] => xs.map((x) => ev(x.c, x.t, x.type));
  const steps = ["A", "B", "C"];

  it("counts never increase along the funnel and rates stay in [0, 1]", () => {
    fc.assert(
      fc.property(arbEvents, fc.constantFrom<FunnelOptions["order"]>("ordered", "strict", "unordered"), fc.constantFrom<FunnelOptions["attempt"]>("latest", "first", "longest"), (xs, order, attempt) => {
        const r = funnel(toEvents(xs), steps, { order, attempt });
        for (let k = 1; k < r.steps.length; k++) {
          expect(r.steps[k]!.entered).toBeLessThanOrEqual(r.steps[k - 1]!.entered);
          const rate = r.steps[k]!.conversionRateFromPrevious;
          if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
          if (r.steps[k]!.medianTimeFromPreviousMs !== null) expect(r.steps[k]!.medianTimeFromPreviousMs).toBeGreaterThanOrEqual(0);
        }
        expect(r.timeToConvert.bins.reduce((s, b) => s + b.count, 0)).toBe(r.converted);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("does not depend on the order of the input events", () => {
    fc.assert(
      fc.property(arbEvents, fc.constantFrom<FunnelOptions["order"]>("ordered", "strict", "unordered"), (xs, order) => {
        const a = funnel(toEvents(xs), steps, { order });
        const b = funnel(toEvents([...xs].reverse()), steps, { order });
        expect(b.steps).toEqual(a.steps);
        expect(b.timeToConvert).toEqual(a.timeToConvert);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("with exclusions, does not depend on input order and never counts an excluded customer", () => {
    fc.assert(
      fc.property(arbEvents, fc.constantFrom<FunnelOptions["attempt"]>("latest", "first", "longest"), (xs, attempt) => {
        const opts: FunnelOptions = { attempt, exclusions: [{ event: "X", fromStep: 0, toStep: 2 }] };
        const a = funnel(toEvents(xs), steps, opts);
        const b = funnel(toEvents([...xs].reverse()), steps, opts);
        expect(b.steps).toEqual(a.steps);
        expect(b.excluded).toBe(a.excluded);
        expect(a.entered + a.excluded).toBe(funnel(toEvents(xs), steps, { attempt }).entered);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("matches a brute-force reference for the first and the longest attempt of ordered funnels", () => {
    // Reference: per customer, events sorted by time then step order; from an anchor A,
    // take for each next step the earliest later event within 14 days of the anchor.
    const order = new Map([["A", 0], ["B", 1], ["C", 2], ["X", 3]]);
    const reference = (xs: { c: string; t: number; type: string }[], attempt: "first" | "longest"): number[] => {
      const counts = [0, 0, 0];
      const byCustomer = new Map<string, { t: number; type: string }[]>();
      for (const x of xs) byCustomer.set(x.c, [...(byCustomer.get(x.c) ?? []), x]);
      for (const list of byCustomer.values()) {
        list.sort((a, b) => a.t - b.t || order.get(a.type)! - order.get(b.type)!);
        let best = -1;
        for (let a = 0; a < list.length; a++) {
          if (list[a]!.type !== "A") continue;
          let depth = 0;
          let pos = a;
          for (let k = 1; k < 3; k++) {
            let q = pos + 1;
            while (q < list.length && !(list[q]!.type === steps[k] && list[q]!.t <= list[a]!.t + 14 * 24 * 60)) q++;
            if (q >= list.length) break;
            depth = k;
            pos = q;
          }
          best = Math.max(best, depth);
          if (attempt === "first") break;
        }
        for (let k = 0; k <= best; k++) counts[k]!++;
      }
      return counts;
    };
    fc.assert(
      fc.property(arbEvents, (xs) => {
        expect(entered(toEvents(xs), steps, { attempt: "first" })).toEqual(reference(xs, "first"));
        expect(entered(toEvents(xs), steps, { attempt: "longest" })).toEqual(reference(xs, "longest"));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("adds up over disjoint sets of customers (merge law)", () => {
    fc.assert(
      fc.property(arbEvents, (xs) => {
        const all = funnel(toEvents(xs), steps);
        const left = funnel(toEvents(xs.filter((x) => x.c < "b")), steps);
        const right = funnel(toEvents(xs.filter((x) => x.c >= "b")), steps);
        expect(all.steps.map((s) => s.entered)).toEqual(left.steps.map((s, k) => s.entered + right.steps[k]!.entered));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("the longest attempt converts at least as many customers as the first one, and ordered at least as many as strict", () => {
    fc.assert(
      fc.property(arbEvents, (xs) => {
        const events = toEvents(xs);
        const first = funnel(events, steps, { attempt: "first" });
        const longest = funnel(events, steps, { attempt: "longest" });
        const strict = funnel(events, steps, { attempt: "longest", order: "strict" });
        for (let k = 0; k < 3; k++) {
          expect(longest.steps[k]!.entered).toBeGreaterThanOrEqual(first.steps[k]!.entered);
          expect(longest.steps[k]!.entered).toBeGreaterThanOrEqual(strict.steps[k]!.entered);
        }
        expect(longest.entered).toBe(first.entered);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("on generated event streams, attempts are at least customers and breakdown rows add up", () => {
    const events = generateEvents({ customers: 300, seed: 3 });
    const s = ["signup", "activate", "view_pricing", "purchase"];
    const byCustomer = funnel(events, s);
    const byAttempt = funnel(events, s, { counting: "attempts" });
    expect(byCustomer.entered).toBe(300);
    expect(byAttempt.entered).toBeGreaterThanOrEqual(300);
    const split = funnel(events, s, { breakdownBy: "channel" });
    const sum = split.breakdown!.reduce((acc, b) => acc + b.converted, 0);
    expect(sum).toBe(split.converted);
    expect(byCustomer.conversionRate!).toBeGreaterThan(0.1);
    expect(byCustomer.conversionRate!).toBeLessThan(0.4);
  });

  it("reads a non-array iterable lazily, once, with the same result and error paths as an array", () => {
    const list = generateEvents({ customers: 300, seed: 5 });
    const steps = ["signup", "activate", "purchase"];
    let pulled = 0;
    function* stream(): Generator<Interaction> {
      for (const e of list) {
        pulled++;
        yield e;
      }
    }
    for (const options of [{}, { order: "strict" }, { breakdownBy: "channel" }] as FunnelOptions[]) {
      pulled = 0;
      expect(funnel(stream(), steps, options)).toEqual(funnel(list, steps, options));
      expect(pulled).toBe(list.length);
    }
    function* bad(): Generator<Interaction> {
      yield ev("a", 0, "signup");
      yield { customerId: "a", occurredAt: "2024-02-30", type: "signup" };
    }
    expect(errorInfo(() => funnel(bad(), steps))).toBe("INVALID_INPUT events[1].occurredAt");
    expect(errorInfo(() => funnel(5 as never, steps))).toBe("INVALID_INPUT events");
  });

  it("takes an AsyncIterable through accumulateAsync collecting only the step events (documented path)", async () => {
    const list = generateEvents({ customers: 200, seed: 6 });
    const steps = ["signup", "activate", "purchase"];
    async function* rows(): AsyncGenerator<Interaction> {
      for (const e of list) yield e;
    }
    const names = new Set(steps);
    const kept: Interaction[] = [];
    await accumulateAsync(rows(), { add: (e: Interaction) => (names.has(e.type) ? kept.push(e) : 0) });
    expect(kept.length).toBeLessThan(list.length);
    expect(funnel(kept, steps)).toEqual(funnel(list, steps));
  });

  it("gives the same result for ISO strings, epoch ms and Dates (fast and full parsers agree)", () => {
    const epoch = generateEvents({ customers: 400, seed: 9, timestamps: "epoch" });
    const iso = epoch.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number).toISOString() }));
    const offset = epoch.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number).toISOString().replace("Z", "+00:00") }));
    const dates = epoch.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt as number) }));
    const steps = ["signup", "activate", "view_pricing", "purchase"];
    const want = funnel(epoch, steps, { timeZone: "Europe/Berlin" });
    for (const data of [iso, offset, dates]) expect(funnel(data, steps, { timeZone: "Europe/Berlin" })).toEqual(want);
  });
});
