import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { cohortRetention } from "../../src/retention/cohortRetention.js";
import { createCohortRetentionAccumulator } from "../../src/retention/createCohortRetentionAccumulator.js";
import { createCustomerSummaryAccumulator } from "../../src/core/customerSummaryAccumulator.js";
import { customerSummary } from "../../src/core/customerSummary.js";
import { funnel } from "../../src/funnel/funnel.js";
import { generateEvents } from "../../src/synthetic/generateEvents.js";
import { generateTransactions } from "../../src/synthetic/generateTransactions.js";
import { keepScratch, scratch } from "../../src/core/scratch.js";

describe("scratch arrays", () => {
  it("give back the kept buffer to the next call that fits in it, as a view of the length asked for", () => {
    const a = scratch("test.a", Int32Array, 100);
    expect(a.length).toBe(100);
    a.fill(7);
    keepScratch("test.a", a);
    const b = scratch("test.a", Int32Array, 40);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(40);
    // not zeroed: what the last call left is still there
    expect(b[39]).toBe(7);
    keepScratch("test.a", b);
    const c = scratch("test.a", Float64Array, 50);
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(50);
  });

  it("allocate a new buffer when the kept one is too small", () => {
    const a = scratch("test.b", Uint8Array, 8);
    keepScratch("test.b", a);
    const b = scratch("test.b", Uint8Array, 9);
    expect(b.buffer).not.toBe(a.buffer);
    expect(b.length).toBe(9);
    expect([...b]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("take a buffer out while it is in use, so a second taker gets another one", () => {
    const a = scratch("test.c", Int32Array, 10);
    keepScratch("test.c", a);
    const b = scratch("test.c", Int32Array, 10);
    const c = scratch("test.c", Int32Array, 10);
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(b.buffer);
  });

  it("keep nothing where WeakRef is missing, and the functions that use them still work", () => {
    const a = scratch("test.f", Int32Array, 4);
    vi.stubGlobal("WeakRef", undefined);
    try {
      keepScratch("test.f", a);
      expect(scratch("test.f", Int32Array, 4).buffer).not.toBe(a.buffer);
      const events = generateEvents({ customers: 20, seed: 9, meanEventsPerCustomer: 5 });
      const once = funnel(events, ["signup", "activate"]);
      expect(funnel(events, ["signup", "activate"])).toEqual(once);
      expect(customerSummary(generateTransactions({ customers: 5, seed: 9 })).customers.length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("keep buffers apart by key", () => {
    const a = scratch("test.d", Float64Array, 4);
    keepScratch("test.d", a);
    expect(scratch("test.e", Float64Array, 4).buffer).not.toBe(a.buffer);
    expect(scratch("test.d", Float64Array, 4).buffer).toBe(a.buffer);
  });
});

// The functions that reuse arrays between calls: a call after a larger one (whose values are
// still in the reused arrays) must give what it gives on fresh arrays, and so must a call
// made from inside a filter of another call of the same function.
describe("functions that reuse their arrays between calls", () => {
  const small = generateTransactions({ customers: 30, seed: 3 });
  const large = generateTransactions({ customers: 400, seed: 4 });
  const smallEvents = generateEvents({ customers: 30, seed: 3, meanEventsPerCustomer: 6 });
  const largeEvents = generateEvents({ customers: 400, seed: 4, meanEventsPerCustomer: 12 });
  const steps = ["signup", "activate", "view_pricing", "purchase"];

  it("customerSummary gives the same result before and after a larger call", () => {
    const first = customerSummary(small);
    expect(first.customers.length).toBeGreaterThan(10);
    const big = customerSummary(large);
    expect(customerSummary(small)).toEqual(first);
    expect(customerSummary(large)).toEqual(big);
  });

  it("funnel gives the same result before and after a larger call, and inside a filter of another call", () => {
    const first = funnel(smallEvents, steps);
    expect(first.steps[0]!.entered).toBeGreaterThan(10);
    const big = funnel(largeEvents, steps);
    expect(funnel(smallEvents, steps)).toEqual(first);
    let inner: unknown = null;
    const outer = funnel(largeEvents, [
      {
        event: "signup",
        where: () => {
          inner ??= funnel(smallEvents, steps);
          return true;
        },
      },
      ...steps.slice(1),
    ]);
    expect(inner).toEqual(first);
    expect(outer.steps.map((s) => s.entered)).toEqual(big.steps.map((s) => s.entered));
  });

  it("cohortRetention gives the same result before and after a larger call, and inside a matcher of another call", () => {
    const first = cohortRetention(smallEvents, { period: "week" });
    expect(first.cohorts.length).toBeGreaterThan(0);
    const big = cohortRetention(largeEvents, { period: "week" });
    expect(cohortRetention(smallEvents, { period: "week" })).toEqual(first);
    let inner: unknown = null;
    const outer = cohortRetention(largeEvents, {
      period: "week",
      cohortEvent: () => {
        inner ??= cohortRetention(smallEvents, { period: "week" });
        return true;
      },
    });
    expect(inner).toEqual(first);
    expect(outer).toEqual(big);
  });

  it("customerSummary of any prefix after any other call equals the prefix's summary on its own", () => {
    const prefixes = fc.tuple(fc.integer({ min: 0, max: large.length }), fc.integer({ min: 0, max: large.length }));
    fc.assert(
      fc.property(prefixes, ([a, b]) => {
        const alone = customerSummary(large.slice(0, a), { asOf: "2026-01-01" });
        customerSummary(large.slice(0, b), { asOf: "2026-01-01" });
        expect(customerSummary(large.slice(0, a), { asOf: "2026-01-01" })).toEqual(alone);
      }),
      { numRuns: 30 },
    );
  });
});

// Which buffer is kept under a key, without changing the pool: take any (length 0) and put it back.
function peek(key: string): ArrayBuffer {
  const array = scratch(key, Uint8Array, 0);
  keepScratch(key, array);
  return array.buffer;
}

describe("the arrays kept between calls", () => {
  const log = generateTransactions({ customers: 200, seed: 5 });
  const events = generateEvents({ customers: 200, seed: 5, meanEventsPerCustomer: 8 });
  const steps = ["signup", "activate", "view_pricing", "purchase"];
  const summaryKeys = [
    ["summary.customer", 4],
    ["summary.day", 4],
    ["summary.value", 8],
    ["summary.purchase", 1],
  ] as const;
  const funnelKeys = ["offsets", "cursor", "sorted", "custOf", "times", "masks", "exMasks", "eventIndex"].map((k) => `funnel.${k}`);
  const cohortKeys = ["cohort.customer", "cohort.time"];

  it("customerSummary takes its period log from them and hands it back; its accumulator leaves them alone", () => {
    customerSummary(log);
    const kept = summaryKeys.map(([key, bytes]) => {
      const buffer = peek(key);
      expect(buffer.byteLength).toBeGreaterThanOrEqual(log.length * bytes);
      return buffer;
    });
    customerSummary(log.slice(0, 50));
    summaryKeys.forEach(([key], j) => expect(peek(key)).toBe(kept[j]));
    createCustomerSummaryAccumulator().addAll(log).result();
    summaryKeys.forEach(([key], j) => expect(peek(key)).toBe(kept[j]));
  });

  it("funnel takes its event columns and sort order from them and hands them back", () => {
    funnel(events, steps);
    const kept = funnelKeys.map(peek);
    for (const buffer of kept) expect(buffer.byteLength).toBeGreaterThan(0);
    expect(kept[3]!.byteLength).toBeGreaterThanOrEqual(events.length * 4);
    expect(kept[4]!.byteLength).toBeGreaterThanOrEqual(events.length * 8);
    funnel(events.slice(0, 40), steps);
    funnelKeys.forEach((key, j) => expect(peek(key)).toBe(kept[j]));
  });

  it("cohortRetention takes its customer and time columns from them and hands them back; its accumulator leaves them alone", () => {
    cohortRetention(events);
    const kept = cohortKeys.map(peek);
    expect(kept[0]!.byteLength).toBeGreaterThanOrEqual(events.length * 4);
    expect(kept[1]!.byteLength).toBeGreaterThanOrEqual(events.length * 8);
    cohortRetention(events.slice(0, 40));
    cohortKeys.forEach((key, j) => expect(peek(key)).toBe(kept[j]));
    createCohortRetentionAccumulator().addAll(events).result();
    cohortKeys.forEach((key, j) => expect(peek(key)).toBe(kept[j]));
  });
});
