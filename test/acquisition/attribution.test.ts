import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attribution, type AttributionModel } from "../../src/index.js";
import { deepFreeze, errorOf, isJsonSafe } from "./helpers.js";

const DAY = 86_400_000;
const T = Date.UTC(2024, 4, 20);
const touch = (customerId: string | number, daysBefore: number, channel?: string) => ({
  customerId,
  occurredAt: T - daysBefore * DAY,
  ...(channel === undefined ? {} : { channel }),
  type: "visit",
});
const credits = (r: { channels: readonly { channel: string; conversions: number }[] }): Record<string, number> =>
  Object.fromEntries(r.channels.map((c) => [c.channel, c.conversions]));

describe("attribution: heuristic models", () => {
  const touches = [touch("a", 10, "search"), touch("a", 3, "email"), touch("a", 1, "social")];
  const conversions = [{ customerId: "a", occurredAt: T, value: 100 }];

  it("gives all the credit to the first or the last touch", () => {
    expect(credits(attribution(touches, conversions, { model: "first-touch" }))).toEqual({ email: 0, search: 1, social: 0 });
    const last = attribution(touches, conversions);
    expect(last.model).toBe("last-touch");
    expect(credits(last)).toEqual({ email: 0, search: 0, social: 1 });
    expect(last.channels.find((c) => c.channel === "social")!.value).toBe(100);
  });

  it("splits equally with linear", () => {
    const r = attribution(touches, conversions, { model: "linear" });
    for (const c of r.channels) {
      expect(c.conversions).toBeCloseTo(1 / 3, 12);
      expect(c.value).toBeCloseTo(100 / 3, 10);
      expect(c.share!).toBeCloseTo(1 / 3, 12);
      expect(c.touchpoints).toBe(1);
    }
  });

  it("halves the weight every half-life with time-decay (default 7 days)", () => {
    const r = attribution(touches, conversions, { model: "time-decay" });
    const w = [2 ** (-10 / 7), 2 ** (-3 / 7), 2 ** (-1 / 7)];
    const total = w[0]! + w[1]! + w[2]!;
    expect(credits(r)["search"]!).toBeCloseTo(w[0]! / total, 12);
    expect(credits(r)["email"]!).toBeCloseTo(w[1]! / total, 12);
    expect(credits(r)["social"]!).toBeCloseTo(w[2]! / total, 12);
    // A touch at the conversion and one a half-life earlier: 2/3 and 1/3.
    const two = attribution([touch(1, 1, "x"), touch(1, 0, "y")], [{ customerId: 1, occurredAt: T }], {
      model: "time-decay",
      halfLife: { days: 1 },
    });
    expect(credits(two)["x"]!).toBeCloseTo(1 / 3, 12);
    expect(credits(two)["y"]!).toBeCloseTo(2 / 3, 12);
  });

  it("falls back to last touch when every time-decay weight underflows", () => {
    const r = attribution([touch(1, 4000, "old"), touch(1, 3000, "older-but-later")], [{ customerId: 1, occurredAt: T }], {
      model: "time-decay",
      halfLife: { hours: 1 },
      lookback: null,
    });
    expect(credits(r)).toEqual({ old: 0, "older-but-later": 1 });
  });

  it("gives 40/20/40 with position-based, and documented 1- and 2-touch rules", () => {
    const r = credits(attribution(touches, conversions, { model: "position-based" }));
    expect(r["search"]!).toBeCloseTo(0.4, 12);
    expect(r["email"]!).toBeCloseTo(0.2, 12);
    expect(r["social"]!).toBeCloseTo(0.4, 12);
    const four = credits(
      attribution([touch(1, 4, "a"), touch(1, 3, "b"), touch(1, 2, "c"), touch(1, 1, "d")], [{ customerId: 1, occurredAt: T }], {
        model: "position-based",
      }),
    );
    expect([four["a"]!, four["b"]!, four["c"]!, four["d"]!].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([0.4, 0.1, 0.1, 0.4]);
    const one = credits(attribution([touch(1, 1, "a")], [{ customerId: 1, occurredAt: T }], { model: "position-based" }));
    expect(one).toEqual({ a: 1 });
    const two = credits(attribution([touch(1, 2, "a"), touch(1, 1, "b")], [{ customerId: 1, occurredAt: T }], { model: "position-based" }));
    expect(two).toEqual({ a: 0.5, b: 0.5 });
    const custom = credits(
      attribution([touch(1, 2, "a"), touch(1, 1, "b")], [{ customerId: 1, occurredAt: T }], {
        model: "position-based",
        positionWeights: { first: 0.3, last: 0.5 },
      }),
    );
    expect(custom["a"]!).toBeCloseTo(0.375, 12);
    expect(custom["b"]!).toBeCloseTo(0.625, 12);
  });

  it("gives a repeated channel each of its shares", () => {
    const r = credits(attribution([touch(1, 3, "a"), touch(1, 2, "b"), touch(1, 1, "a")], [{ customerId: 1, occurredAt: T }], { model: "linear" }));
    expect(r["a"]!).toBeCloseTo(2 / 3, 12);
    expect(r["b"]!).toBeCloseTo(1 / 3, 12);
  });
});

describe("attribution: journeys", () => {
  it("ignores and counts touches outside the lookback window and after the last conversion", () => {
    const r = attribution(
      [touch(1, 40, "old"), touch(1, 5, "ads"), touch(1, -1, "late"), touch(2, 3, "mail")],
      [{ customerId: 1, occurredAt: T, value: 10 }],
    );
    expect(credits(r)).toEqual({ ads: 1 });
    expect(r).toMatchObject({
      touchpoints: 4,
      touchpointsInJourneys: 1,
      touchpointsOutsideLookback: 1,
      touchpointsAfterConversion: 1,
      touchpointsWithoutConversion: 1,
      conversions: 1,
      attributedConversions: 1,
      value: 10,
      attributedValue: 10,
      markov: null,
    });
    const unlimited = attribution([touch(1, 40, "old"), touch(1, 5, "ads")], [{ customerId: 1, occurredAt: T }], { lookback: null, model: "first-touch" });
    expect(credits(unlimited)).toEqual({ ads: 0, old: 1 });
  });

  it("restarts the journey after each conversion and counts a touch at the conversion time", () => {
    const r = attribution(
      [touch(1, 6, "a"), touch(1, 4, "b"), touch(1, 2, "c"), touch(1, 0, "d")],
      [
        { customerId: 1, occurredAt: T - 4 * DAY, value: 1 },
        { customerId: 1, occurredAt: T, value: 2 },
      ],
      { model: "linear" },
    );
    expect(credits(r)).toEqual({ a: 0.5, b: 0.5, c: 0.5, d: 0.5 });
    expect(r.channels.map((c) => c.value)).toEqual([0.5, 0.5, 1, 1]);
  });

  it("leaves conversions without touches unattributed", () => {
    const r = attribution([touch(1, 1, "a")], [
      { customerId: 1, occurredAt: T, value: 5 },
      { customerId: 2, occurredAt: T, value: 7 },
    ]);
    expect(r).toMatchObject({ conversions: 2, attributedConversions: 1, unattributedConversions: 1, attributedValue: 5, unattributedValue: 7, value: 12 });
  });

  it("puts touches without a channel in (none) and reads Transaction-like conversions", () => {
    const r = attribution(
      [touch(1, 1), touch(2, 1, "b")],
      [
        { customerId: 1, occurredAt: T, amount: "19.99" },
        { customerId: 2, occurredAt: T, amount: 5, type: "refund" as const },
        { customerId: 2, occurredAt: T + 1 },
      ],
    );
    expect(r.channels.map((c) => [c.channel, c.value])).toEqual([
      ["b", -5],
      ["(none)", 19.99],
    ]);
    expect(r.unattributedConversions).toBe(1);
  });

  it("works with ids and channels such as __proto__ and constructor", () => {
    const r = attribution(
      [
        { customerId: "__proto__", occurredAt: T - DAY, channel: "constructor", type: "x" },
        { customerId: "constructor", occurredAt: T - DAY, channel: "__proto__", type: "x" },
      ],
      [
        { customerId: "__proto__", occurredAt: T },
        { customerId: "constructor", occurredAt: T },
      ],
      { model: "markov" },
    );
    expect(r.channels.map((c) => [c.channel, c.conversions])).toEqual([
      ["__proto__", 1],
      ["constructor", 1],
    ]);
  });

  it("reads the lookback in the time zone, across DST (Europe/Berlin)", () => {
    // Conversion at 12:00 CEST on 31 March 2024 (10:00Z); one calendar day earlier is 12:00 CET
    // on 30 March (11:00Z), 23 hours before. A touch at 10:30Z is inside 24 hours but outside the day.
    const touches = [{ customerId: 1, occurredAt: "2024-03-30T10:30:00Z", channel: "a", type: "x" }];
    const conversions = [{ customerId: 1, occurredAt: "2024-03-31T12:00:00" }];
    const utc = attribution(touches, [{ customerId: 1, occurredAt: "2024-03-31T10:00:00Z" }], { lookback: { days: 1 } });
    expect(utc.attributedConversions).toBe(1);
    const berlin = attribution(touches, conversions, { lookback: { days: 1 }, timeZone: "Europe/Berlin" });
    expect(berlin.attributedConversions).toBe(0);
    expect(berlin.touchpointsOutsideLookback).toBe(1);
  });

  it("returns every conversion's journey with the credit of each touch when asked", () => {
    const tps = [touch("b", 2, "x"), touch("a", 3, "search"), touch("a", 1, "email")];
    const convs = [
      { customerId: "b", occurredAt: T, value: 5 },
      { customerId: "a", occurredAt: T, value: 10 },
      { customerId: "c", occurredAt: T - DAY },
    ];
    const r = attribution(tps, convs, { model: "position-based", includeJourneys: true });
    expect(r.journeys).toEqual([
      { customerId: "c", convertedAt: new Date(T - DAY).toISOString(), value: 0, touchpoints: [] },
      {
        customerId: "a",
        convertedAt: new Date(T).toISOString(),
        value: 10,
        touchpoints: [
          { channel: "search", occurredAt: new Date(T - 3 * DAY).toISOString(), credit: 0.5 },
          { channel: "email", occurredAt: new Date(T - DAY).toISOString(), credit: 0.5 },
        ],
      },
      { customerId: "b", convertedAt: new Date(T).toISOString(), value: 5, touchpoints: [{ channel: "x", occurredAt: new Date(T - 2 * DAY).toISOString(), credit: 1 }] },
    ]);
    expect(attribution(tps, convs).journeys).toBeNull();
    const markov = attribution(tps, convs, { model: "markov", includeJourneys: true });
    expect(markov.journeys![1]!.touchpoints.map((t) => t.credit)).toEqual([null, null]);
    expect(errorOf(() => attribution(tps, convs, { includeJourneys: "yes" as never }))).toBe("INVALID_OPTION options.includeJourneys");
  });

  it("refuses conversion values in different currencies", () => {
    const convs = [
      { customerId: 1, occurredAt: T, amount: 5, currency: "USD" },
      { customerId: 2, occurredAt: T, amount: 5, currency: "GBP" },
    ];
    expect(errorOf(() => attribution([], convs))).toBe("INVALID_INPUT conversions[1].currency");
  });

  it("handles empty input", () => {
    for (const model of ["last-touch", "markov"] as const) {
      const r = attribution([], [], { model });
      expect(r).toMatchObject({ channels: [], conversions: 0, value: 0, attributedConversions: 0, touchpoints: 0 });
    }
    expect(attribution([], [], { model: "markov" }).markov!.conversionProbability).toBe(0);
  });

  it("rejects bad records and options", () => {
    const ok = { customerId: 1, occurredAt: T, type: "x" };
    expect(errorOf(() => attribution([{ ...ok, customerId: undefined as never }], []))).toBe("INVALID_INPUT touchpoints[0].customerId");
    expect(errorOf(() => attribution([ok, { ...ok, occurredAt: "not a date" }], []))).toBe("INVALID_INPUT touchpoints[1].occurredAt");
    expect(errorOf(() => attribution([{ ...ok, channel: 3 as never }], []))).toBe("INVALID_INPUT touchpoints[0].channel");
    expect(errorOf(() => attribution([], [{ customerId: 1, occurredAt: T, value: Number.NaN }]))).toBe("INVALID_INPUT conversions[0].value");
    expect(errorOf(() => attribution([], [{ customerId: 1, occurredAt: T, amount: "x" }]))).toBe("INVALID_INPUT conversions[0].amount");
    expect(errorOf(() => attribution([], [{ customerId: "__proto__", occurredAt: new Date(Number.NaN) }]))).toBe("INVALID_INPUT conversions[0].occurredAt");
    expect(errorOf(() => attribution([], ["x" as never]))).toBe("INVALID_INPUT conversions[0]");
    expect(errorOf(() => attribution([], [], { model: "shapley" as never }))).toBe("INVALID_OPTION options.model");
    expect(errorOf(() => attribution([], [], { halfLife: { days: 0 } }))).toBe("INVALID_OPTION options.halfLife");
    expect(errorOf(() => attribution([], [], { lookback: { days: -1 } }))).toBe("INVALID_OPTION options.lookback.days");
    expect(errorOf(() => attribution([], [], { positionWeights: { first: 0.7, last: 0.5 } }))).toBe("INVALID_OPTION options.positionWeights");
    expect(errorOf(() => attribution([], [], { positionWeights: { first: 0, last: 0 } }))).toBe("INVALID_OPTION options.positionWeights");
    expect(errorOf(() => attribution([], [], { positionWeights: { first: 2 } }))).toBe("INVALID_OPTION options.positionWeights.first");
    expect(errorOf(() => attribution([], [], { positionWeights: 0.4 as never }))).toBe("INVALID_OPTION options.positionWeights");
    expect(errorOf(() => attribution([], [], { removeSelfLoops: 1 as never }))).toBe("INVALID_OPTION options.removeSelfLoops");
  });
});

describe("attribution: markov", () => {
  const path = (customer: number, channels: string[], converts: boolean) => ({
    touches: channels.map((channel, i) => touch(customer, channels.length - i, channel)),
    conversions: converts ? [{ customerId: customer, occurredAt: T, value: 10 }] : [],
  });
  const build = (paths: ReturnType<typeof path>[]) => ({
    touches: paths.flatMap((p) => p.touches),
    conversions: paths.flatMap((p) => p.conversions),
  });

  it("reproduces the published removal-effect example (Puzyrov 2019: Google Ads and mailing)", () => {
    // Paths: ads > conv (twice), mail > conv, ads > mail > conv, ads > null. Published transition
    // probabilities: start>ads 0.8, start>mail 0.2, ads>conv 0.5, ads>mail 0.25, ads>null 0.25,
    // mail>conv 1. P(conv) = 0.8 (0.5 + 0.25) + 0.2 = 0.8. Without ads: 0.2 (RE 0.75); without
    // mail: 0.8 x 0.5 = 0.4 (RE 0.5). Credit of 4 conversions: 4 x 0.75/1.25 = 2.4 and 1.6.
    const d = build([path(1, ["ads"], true), path(2, ["ads"], true), path(3, ["mail"], true), path(4, ["ads", "mail"], true), path(5, ["ads"], false)]);
    const r = attribution(d.touches, d.conversions, { model: "markov" });
    const m = r.markov!;
    expect(m.states).toEqual(["(start)", "ads", "mail", "(conversion)", "(null)"]);
    const expected = [
      [0, 0.8, 0.2, 0, 0],
      [0, 0, 0.25, 0.5, 0.25],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ];
    m.transitionMatrix.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 12)));
    expect(m.conversionProbability).toBeCloseTo(0.8, 12);
    expect(m.removalEffects[0]!.removalEffect).toBeCloseTo(0.75, 12);
    expect(m.removalEffects[0]!.conversionProbabilityWithout).toBeCloseTo(0.2, 12);
    expect(m.removalEffects[1]!.removalEffect).toBeCloseTo(0.5, 12);
    expect(credits(r)["ads"]!).toBeCloseTo(2.4, 12);
    expect(credits(r)["mail"]!).toBeCloseTo(1.6, 12);
    expect(r.channels[0]!.value).toBeCloseTo(24, 10);
    expect(m.convertingPaths).toBe(4);
    expect(m.nonConvertingPaths).toBe(1);
  });

  it("matches a hand-computed three-channel chain", () => {
    // Paths: A>B>conv, A>C>conv, B>conv, A>null, C>B>null, B>C>conv.
    // start: A 3/6, B 2/6, C 1/6. A: B, C, null 1/3 each. B: conv 2/4, null 1/4, C 1/4.
    // C: conv 2/3, B 1/3. Absorption: xB = 1/2 + xC/4, xC = 2/3 + xB/3 => xB = 8/11, xC = 10/11,
    // xA = (xB + xC)/3 = 6/11; P = 1/2 * 6/11 + 1/3 * 8/11 + 1/6 * 10/11 = 2/3.
    // Without A: 1/3 * 8/11 + 1/6 * 10/11 = 13/33, RE_A = 1 - (13/33)/(2/3) = 9/22.
    // Without B: xC = 2/3, xA = 2/9, P = 1/9 + 1/9 = 2/9, RE_B = 2/3.
    // Without C: xB = 1/2, xA = 1/6, P = 1/12 + 1/6 = 1/4, RE_C = 5/8.
    // Sum RE = 449/264; 4 conversions: A 432/449, B 704/449, C 660/449.
    const d = build([
      path(1, ["A", "B"], true),
      path(2, ["A", "C"], true),
      path(3, ["B"], true),
      path(4, ["A"], false),
      path(5, ["C", "B"], false),
      path(6, ["B", "C"], true),
    ]);
    const r = attribution(d.touches, d.conversions, { model: "markov" });
    const m = r.markov!;
    expect(m.conversionProbability).toBeCloseTo(2 / 3, 12);
    expect(m.removalEffects.map((e) => e.removalEffect)).toEqual([
      expect.closeTo(9 / 22, 12),
      expect.closeTo(2 / 3, 12),
      expect.closeTo(5 / 8, 12),
    ]);
    expect(credits(r)["A"]!).toBeCloseTo(432 / 449, 12);
    expect(credits(r)["B"]!).toBeCloseTo(704 / 449, 12);
    expect(credits(r)["C"]!).toBeCloseTo(660 / 449, 12);
    expect(r.attributedValue).toBe(40);
    expect(r.channels.reduce((s, c) => s + c.value, 0)).toBeCloseTo(40, 10);
    expect(m.transitionMatrix[1]).toEqual([0, 0, expect.closeTo(1 / 3, 12), expect.closeTo(1 / 3, 12), 0, expect.closeTo(1 / 3, 12)]);
  });

  it("merges repeated channels unless removeSelfLoops is false", () => {
    const d = build([path(1, ["A", "A", "B"], true), path(2, ["B"], false)]);
    const merged = attribution(d.touches, d.conversions, { model: "markov" }).markov!;
    expect(merged.transitionMatrix[1]![1]).toBe(0);
    expect(merged.transitionMatrix[1]![2]).toBe(1);
    const loops = attribution(d.touches, d.conversions, { model: "markov", removeSelfLoops: false }).markov!;
    expect(loops.transitionMatrix[1]![1]).toBeCloseTo(0.5, 12);
    // A self-loop does not change where the chain ends up.
    expect(loops.conversionProbability).toBeCloseTo(merged.conversionProbability, 12);
  });

  it("gives P(conversion) = 1 and equal credit for a single converting path without non-converting paths", () => {
    const d = build([path(1, ["A", "B"], true)]);
    const r = attribution(d.touches, d.conversions, { model: "markov" });
    expect(r.markov!.conversionProbability).toBeCloseTo(1, 12);
    expect(credits(r)).toEqual({ A: 0.5, B: 0.5 });
  });
});

describe("attribution: properties", () => {
  const models: AttributionModel[] = ["first-touch", "last-touch", "linear", "time-decay", "position-based", "markov"];
  const data = fc.record({
    touches: fc.array(
      fc.record({ c: fc.integer({ min: 0, max: 5 }), day: fc.integer({ min: 0, max: 60 }), ch: fc.constantFrom("a", "b", "c", "__proto__", undefined) }),
      { maxLength: 30 },
    ),
    conversions: fc.array(fc.record({ c: fc.integer({ min: 0, max: 5 }), day: fc.integer({ min: 0, max: 60 }), cents: fc.integer({ min: 0, max: 100_000 }) }), {
      maxLength: 10,
    }),
    model: fc.constantFrom(...models),
  });

  it("credits sum to the attributed conversions and value, and every touch is accounted for (property)", () => {
    fc.assert(
      fc.property(data, ({ touches, conversions, model }) => {
        const tps = touches.map((t) => ({ customerId: `u${t.c}`, occurredAt: T + t.day * DAY, channel: t.ch, type: "x" }));
        const convs = conversions.map((c) => ({ customerId: `u${c.c}`, occurredAt: T + c.day * DAY + 1000, value: c.cents / 100 }));
        const r = attribution(tps, convs, { model, lookback: { days: 20 } });
        expect(isJsonSafe(r)).toBe(true);
        const sumConv = r.channels.reduce((s, c) => s + c.conversions, 0);
        const sumValue = r.channels.reduce((s, c) => s + c.value, 0);
        expect(Math.abs(sumConv - r.attributedConversions)).toBeLessThan(1e-9);
        expect(Math.abs(sumValue - r.attributedValue)).toBeLessThan(1e-9 * Math.max(1, r.attributedValue));
        expect(r.attributedConversions + r.unattributedConversions).toBe(convs.length);
        expect(r.attributedValue + r.unattributedValue).toBeCloseTo(r.value, 8);
        expect(r.touchpointsInJourneys + r.touchpointsOutsideLookback + r.touchpointsAfterConversion + r.touchpointsWithoutConversion).toBe(tps.length);
        for (const c of r.channels) {
          expect(c.conversions).toBeGreaterThanOrEqual(0);
          expect(c.conversions).toBeLessThanOrEqual(r.attributedConversions + 1e-9);
        }
        const shuffled = attribution([...tps].reverse(), [...convs].reverse(), { model, lookback: { days: 20 } });
        expect(shuffled.channels.map((c) => c.channel)).toEqual(r.channels.map((c) => c.channel));
        shuffled.channels.forEach((c, i) => expect(c.conversions).toBeCloseTo(r.channels[i]!.conversions, 9));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("Markov: P(conversion) equals the share of converting paths, and removal effects lie in [0, 1] (property)", () => {
    // The fitted chain's expected visits solve the same flow equations as the observed visit
    // counts, so its absorption probability is the observed conversion share.
    const paths = fc.array(
      fc.record({ channels: fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 6 }), converts: fc.boolean() }),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(paths, fc.boolean(), (ps, removeSelfLoops) => {
        const tps = ps.flatMap((p, c) => p.channels.map((channel, i) => ({ customerId: c, occurredAt: T - (p.channels.length - i) * DAY, channel, type: "x" })));
        const convs = ps.flatMap((p, c) => (p.converts ? [{ customerId: c, occurredAt: T, value: 1 }] : []));
        const r = attribution(tps, convs, { model: "markov", removeSelfLoops });
        const m = r.markov!;
        const converting = ps.filter((p) => p.converts).length;
        // (A channel on every observed converting path need not have removal effect 1: the
        // first-order chain also generates paths that were never observed.)
        expect(m.convertingPaths + m.nonConvertingPaths).toBe(ps.length);
        expect(m.conversionProbability).toBeCloseTo(converting / ps.length, 9);
        for (const row of m.transitionMatrix) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
        for (const e of m.removalEffects) {
          expect(e.removalEffect).toBeGreaterThanOrEqual(0);
          expect(e.removalEffect).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("does not mutate its input", () => {
    const tps = deepFreeze([touch(1, 2, "a"), touch(1, 1, "b"), touch(2, 1, "a")]);
    const convs = deepFreeze([{ customerId: 1, occurredAt: T, value: 3 }]);
    for (const model of models) expect(() => attribution(tps, convs, { model })).not.toThrow();
    expect(attribution(new Set(tps), new Set(convs), { model: "linear" })).toEqual(attribution(tps, convs, { model: "linear" }));
  });
});
