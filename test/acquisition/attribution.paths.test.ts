import { describe, expect, it } from "vitest";
import { attribution } from "../../src/index.js";
import { errorOf } from "./helpers.js";

const DAY = 86_400_000;
const T = Date.UTC(2024, 4, 20);
const touch = (customerId: string | number, at: number, channel: string) => ({ customerId, occurredAt: at, channel, type: "visit" });

describe("attribution: error paths", () => {
  it("names the list, the record and the option at fault", () => {
    expect(errorOf(() => attribution(5 as never, []))).toBe("INVALID_INPUT touchpoints");
    expect(errorOf(() => attribution([], 5 as never))).toBe("INVALID_INPUT conversions");
    expect(errorOf(() => attribution([null as never], []))).toBe("INVALID_INPUT touchpoints[0]");
    expect(errorOf(() => attribution([], [{ customerId: "", occurredAt: T }]))).toBe("INVALID_INPUT conversions[0].customerId");
    expect(errorOf(() => attribution([], [], { halfLife: { days: -1 } }))).toBe("INVALID_OPTION options.halfLife.days");
  });
});

describe("attribution: order of conversions and journeys", () => {
  it("serves conversions in time order whatever their values", () => {
    const r = attribution([touch(1, T - 6 * DAY, "a"), touch(1, T - DAY, "b")], [
      { customerId: 1, occurredAt: T, value: 1 },
      { customerId: 1, occurredAt: T - 5 * DAY, value: 10 },
    ]);
    expect(r.channels.map((c) => [c.channel, c.conversions, c.value])).toEqual([
      ["a", 1, 10],
      ["b", 1, 1],
    ]);
  });

  it("orders journeys by time, then customer id, then as served (two conversions at one instant)", () => {
    const r = attribution([touch("a", T - DAY, "x")], [
      { customerId: "a", occurredAt: T, value: 5 },
      { customerId: "a", occurredAt: T, value: 3 },
      { customerId: "b", occurredAt: T, value: 1 },
    ], { includeJourneys: true });
    expect(r.journeys!.map((j) => [j.customerId, j.value, j.touchpoints.length])).toEqual([
      ["a", 3, 1],
      ["a", 5, 0],
      ["b", 1, 0],
    ]);
  });
});

describe("attribution: markov states", () => {
  it("orders non-converting touches by time and the states by name", () => {
    // Non-converting path of customer 2 given out of order: b then a in the input, a then b in time.
    const r = attribution([touch(1, T - DAY, "b"), touch(2, T - DAY, "b"), touch(2, T - 2 * DAY, "a")], [{ customerId: 1, occurredAt: T }], { model: "markov" });
    const m = r.markov!;
    expect(m.states).toEqual(["(start)", "a", "b", "(conversion)", "(null)"]);
    // start: a 1/2, b 1/2; a: b 1; b: conversion 1/2, null 1/2.
    expect(m.transitionMatrix).toEqual([
      [0, 0.5, 0.5, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0.5, 0.5],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
  });

  it("accepts equal position weights", () => {
    const r = attribution([touch(1, T - 3 * DAY, "a"), touch(1, T - 2 * DAY, "b"), touch(1, T - DAY, "c")], [{ customerId: 1, occurredAt: T }], {
      model: "position-based",
      positionWeights: { first: 0.25, last: 0.25 },
    });
    expect(r.channels.map((c) => c.conversions)).toEqual([0.25, 0.5, 0.25]);
  });
});
