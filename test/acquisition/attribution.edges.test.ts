import { describe, expect, it } from "vitest";
import { attribution } from "../../src/index.js";
import { errorOf, messageOf } from "./helpers.js";

const DAY = 86_400_000;
const T = Date.UTC(2024, 4, 20);
const touch = (customerId: string | number, at: number, channel?: string) => ({
  customerId,
  occurredAt: at,
  ...(channel === undefined ? {} : { channel }),
  type: "visit",
});
const credits = (r: { channels: readonly { channel: string; conversions: number }[] }): Record<string, number> =>
  Object.fromEntries(r.channels.map((c) => [c.channel, c.conversions]));

describe("attribution: ties and bounds of a journey", () => {
  it("orders touches at the same instant by channel name, (none) last", () => {
    const tps = [touch(1, T - DAY, "b"), touch(1, T - DAY), touch(1, T - DAY, "a")];
    const conv = [{ customerId: 1, occurredAt: T }];
    expect(credits(attribution(tps, conv, { model: "first-touch" }))).toEqual({ a: 1, b: 0, "(none)": 0 });
    expect(credits(attribution(tps, conv, { model: "last-touch" }))).toEqual({ a: 0, b: 0, "(none)": 1 });
  });

  it("gives the journey to the smaller of two conversions at the same instant", () => {
    const r = attribution([touch(1, T - DAY, "a")], [
      { customerId: 1, occurredAt: T, value: 5 },
      { customerId: 1, occurredAt: T, value: 3 },
    ]);
    expect(r).toMatchObject({ attributedConversions: 1, attributedValue: 3, unattributedValue: 5 });
  });

  it("counts a touch exactly at the start of the lookback window, and not 1 ms before", () => {
    const r = attribution([touch(1, T - 30 * DAY, "edge"), touch(2, T - 30 * DAY - 1, "early")], [
      { customerId: 1, occurredAt: T },
      { customerId: 2, occurredAt: T },
    ]);
    expect(credits(r)).toEqual({ edge: 1 });
    expect(r.touchpointsOutsideLookback).toBe(1);
  });
});

describe("attribution: conversion values", () => {
  it("prefers value to amount, reads a null value as absent, and negates a refund's positive amount only", () => {
    const r = attribution([], [
      { customerId: 1, occurredAt: T, value: 7, amount: 100 },
      { customerId: 2, occurredAt: T, value: null as never, amount: 5 },
      { customerId: 3, occurredAt: T, amount: -4, type: "refund" },
      { customerId: 4, occurredAt: T, amount: 2, type: "purchase" },
      { customerId: 5, occurredAt: T, amount: null as never },
    ], { includeJourneys: true });
    expect(r.journeys!.map((j) => [j.customerId, j.value])).toEqual([
      ["1", 7],
      ["2", 5],
      ["3", -4],
      ["4", 2],
      ["5", 0],
    ]);
    expect(r.value).toBe(10);
  });

  it("reads a refund of amount 0, and a value or amount of -0, as 0", () => {
    const r = attribution([], [
      { customerId: 1, occurredAt: T, amount: 0, type: "refund" },
      { customerId: 2, occurredAt: T, value: -0 },
      { customerId: 3, occurredAt: T, amount: -0 },
    ], { includeJourneys: true });
    expect(r.journeys!.map((j) => Object.is(j.value, 0))).toEqual([true, true, true]);
  });

  it("sums conversion values with compensation (1e16 + 1 - 1e16 is 1, in either order)", () => {
    for (const values of [
      [1e16, 1, -1e16],
      [1, 1e16, -1e16],
    ]) {
      const r = attribution([], values.map((value, i) => ({ customerId: i, occurredAt: T, value })));
      expect(r.value).toBe(1);
      expect(r.unattributedValue).toBe(1);
    }
  });

  it("credits each channel its exact share of values that cancel", () => {
    const r = attribution(
      [touch(1, T - DAY, "a"), touch(2, T - DAY, "a"), touch(3, T - DAY, "a")],
      [
        { customerId: 1, occurredAt: T, value: 1e16 },
        { customerId: 2, occurredAt: T, value: 1 },
        { customerId: 3, occurredAt: T, value: -1e16 },
      ],
    );
    expect(r.attributedValue).toBe(1);
    expect(r.channels[0]!.value).toBe(1);
  });
});

describe("attribution: position weights", () => {
  const four = [touch(1, T - 4 * DAY, "a"), touch(1, T - 3 * DAY, "b"), touch(1, T - 2 * DAY, "c"), touch(1, T - DAY, "d")];
  const conv = [{ customerId: 1, occurredAt: T }];

  it("accepts weights of 0 and 1 and a sum of exactly 1, and uses 0.4 for a missing weight", () => {
    expect(credits(attribution(four, conv, { model: "position-based", positionWeights: { first: 0, last: 1 } }))).toEqual({ a: 0, b: 0, c: 0, d: 1 });
    const sixFour = credits(attribution(four, conv, { model: "position-based", positionWeights: { first: 0.6, last: 0.4 } }));
    expect([sixFour["a"]!, sixFour["b"]!, sixFour["c"]!, sixFour["d"]!]).toEqual([0.6, 0, 0, 0.4]);
    const firstOnly = credits(attribution(four, conv, { model: "position-based", positionWeights: { first: 0.2 } }));
    expect(firstOnly["a"]!).toBeCloseTo(0.2, 12);
    expect(firstOnly["b"]!).toBeCloseTo(0.2, 12);
    expect(firstOnly["d"]!).toBeCloseTo(0.4, 12);
    const lastOnly = credits(attribution(four, conv, { model: "position-based", positionWeights: { last: 0.1 } }));
    expect(lastOnly["a"]!).toBeCloseTo(0.4, 12);
    expect(lastOnly["b"]!).toBeCloseTo(0.25, 12);
    expect(lastOnly["d"]!).toBeCloseTo(0.1, 12);
  });

  it("names the rule a weight breaks", () => {
    expect(messageOf(() => attribution([], [], { positionWeights: [0.4, 0.4] as never }))).toBe(
      "attribution: options.positionWeights must be an object such as { first: 0.4, last: 0.4 }, got an array",
    );
    expect(messageOf(() => attribution([], [], { positionWeights: { last: -0.1 } }))).toBe(
      "attribution: options.positionWeights.last must be a finite number from 0 to 1, got -0.1",
    );
    expect(errorOf(() => attribution([], [], { positionWeights: { first: "0.4" as never } }))).toBe("INVALID_OPTION options.positionWeights.first");
    expect(errorOf(() => attribution([], [], { positionWeights: { first: Number.NaN } }))).toBe("INVALID_OPTION options.positionWeights.first");
    expect(messageOf(() => attribution([], [], { positionWeights: { first: 0.6, last: 0.5 } }))).toBe(
      "attribution: options.positionWeights must have first + last <= 1, got an object",
    );
    // rounding slack of 1e-12: a sum of exactly 1 + 1e-12 is accepted, the next double above it is not
    expect(() => attribution([], [], { positionWeights: { first: 1e-12, last: 1 } })).not.toThrow();
    expect(errorOf(() => attribution([], [], { positionWeights: { first: 1.1e-12, last: 1 } }))).toBe("INVALID_OPTION options.positionWeights");
    expect(messageOf(() => attribution([], [], { positionWeights: { first: 0, last: 0 } }))).toBe(
      "attribution: options.positionWeights must have first + last > 0, got an object",
    );
    expect(messageOf(() => attribution([], [], { halfLife: { hours: 0 } }))).toBe("attribution: options.halfLife must be a positive duration, got an object");
  });
});

describe("attribution: markov without converting journeys", () => {
  it("lists the channels of non-converting paths with no credit and a removal effect of 0", () => {
    const r = attribution([touch(1, T - DAY, "a"), touch(2, T - DAY, "b")], [], { model: "markov" });
    expect(r.channels).toEqual([
      { channel: "a", conversions: 0, value: 0, share: null, touchpoints: 0 },
      { channel: "b", conversions: 0, value: 0, share: null, touchpoints: 0 },
    ]);
    const m = r.markov!;
    expect(m.conversionProbability).toBe(0);
    expect(m.removalEffects).toEqual([
      { channel: "a", removalEffect: 0, conversionProbabilityWithout: 0 },
      { channel: "b", removalEffect: 0, conversionProbabilityWithout: 0 },
    ]);
    expect(m.nonConvertingPaths).toBe(2);
    expect(r.touchpointsWithoutConversion).toBe(2);
  });

  it("gives a channel seen only on non-converting paths a row of its own and no credit", () => {
    const r = attribution([touch(1, T - 2 * DAY, "a"), touch(2, T - DAY, "z")], [{ customerId: 1, occurredAt: T, value: 4 }], { model: "markov" });
    expect(r.channels.map((c) => [c.channel, c.conversions, c.value, c.touchpoints])).toEqual([
      ["a", 1, 4, 1],
      ["z", 0, 0, 0],
    ]);
    expect(r.markov!.states).toEqual(["(start)", "a", "z", "(conversion)", "(null)"]);
    expect(r.markov!.transitionMatrix[0]).toEqual([0, 0.5, 0.5, 0, 0]);
  });

  it("sends the start of an empty chain to (null)", () => {
    const m = attribution([], [], { model: "markov" }).markov!;
    expect(m.states).toEqual(["(start)", "(conversion)", "(null)"]);
    expect(m.transitionMatrix).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(m.removalEffects).toEqual([]);
  });
});
