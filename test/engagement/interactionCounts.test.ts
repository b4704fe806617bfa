import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caughtError as seriesError, expectCrmError } from "../support/errors.js";
import { interactionCounts } from "../../src/engagement/interactionCounts.js";
import type { Interaction } from "../../src/models/interaction.js";
import { deepFreeze, errorOf, isJsonSafe, messageOf } from "./helpers.js";

const interactions: Interaction[] = [
  { id: 1, customerId: "a", occurredAt: "2024-01-05T10:00:00Z", type: "email", channel: "email", direction: "outbound" },
  { id: 2, customerId: "a", occurredAt: "2024-01-09T10:00:00Z", type: "reply", channel: "email", direction: "inbound" },
  { id: 3, customerId: "b", occurredAt: "2024-03-02T10:00:00Z", type: "call", channel: "phone", direction: "inbound" },
  { id: 4, customerId: "c", occurredAt: "2024-03-31T23:30:00Z", type: "visit" },
];

describe("interactionCounts", () => {
  it("counts by period, channel and customer with the direction split", () => {
    const r = interactionCounts(interactions);
    expect(r).toMatchObject({ total: 4, inbound: 2, outbound: 1, unspecified: 1, customers: 3, records: 4, duplicates: 0, skipped: 0 });
    expect(r.byPeriod.map((p) => [p.label, p.total, p.inbound, p.outbound, p.unspecified, p.customers])).toEqual([
      ["2024-01", 2, 1, 1, 0, 1],
      ["2024-02", 0, 0, 0, 0, 0],
      ["2024-03", 2, 1, 0, 1, 2],
    ]);
    expect(r.byPeriod[0]!.periodStart).toBe("2024-01-01T00:00:00.000Z");
    expect(r.byChannel.map((c) => [c.channel, c.total, c.customers])).toEqual([
      ["email", 2, 1],
      ["phone", 1, 1],
      [null, 1, 1],
    ]);
    expect(r.byCustomer).toEqual([
      { customerId: "a", total: 2, inbound: 1, outbound: 1, unspecified: 0, firstAt: "2024-01-05T10:00:00.000Z", lastAt: "2024-01-09T10:00:00.000Z" },
      { customerId: "b", total: 1, inbound: 1, outbound: 0, unspecified: 0, firstAt: "2024-03-02T10:00:00.000Z", lastAt: "2024-03-02T10:00:00.000Z" },
      { customerId: "c", total: 1, inbound: 0, outbound: 0, unspecified: 1, firstAt: "2024-03-31T23:30:00.000Z", lastAt: "2024-03-31T23:30:00.000Z" },
    ]);
  });

  it("buckets periods in a time zone (the 23:30 UTC visit is April in Berlin)", () => {
    const r = interactionCounts(interactions, { timeZone: "Europe/Berlin", fillGaps: false });
    expect(r.byPeriod.map((p) => [p.label, p.total])).toEqual([
      ["2024-01", 2],
      ["2024-03", 1],
      ["2024-04", 1],
    ]);
    expect(r.byPeriod[2]!.periodStart).toBe("2024-03-31T22:00:00.000Z"); // after the DST change
  });

  it("counts by day across the New York DST change", () => {
    const xs = [
      { customerId: 1, occurredAt: "2024-03-10T04:59:00Z", type: "t" }, // 23:59 EST on the 9th
      { customerId: 1, occurredAt: "2024-03-10T05:00:00Z", type: "t" }, // 00:00 EST on the 10th
      { customerId: 2, occurredAt: "2024-03-11T03:59:00Z", type: "t" }, // 23:59 EDT on the 10th
      { customerId: 2, occurredAt: "2024-03-11T04:00:00Z", type: "t" }, // 00:00 EDT on the 11th
    ];
    const r = interactionCounts(xs, { period: "day", timeZone: "America/New_York" });
    expect(r.byPeriod.map((p) => [p.label, p.total, p.customers])).toEqual([
      ["2024-03-09", 1, 1],
      ["2024-03-10", 2, 2],
      ["2024-03-11", 1, 1],
    ]);
    expect(r.byPeriod[1]!.periodEnd).toBe("2024-03-11T04:00:00.000Z"); // a 23-hour day
  });

  it("counts by week starting on a chosen day", () => {
    const r = interactionCounts(interactions, { period: "week", weekStartsOn: 0, fillGaps: false });
    expect(r.byPeriod.map((p) => p.label)).toEqual(["2023-12-31", "2024-01-07", "2024-02-25", "2024-03-31"]);
  });

  it("puts interactions without a channel last when they come first", () => {
    const xs = [
      { customerId: "a", occurredAt: 0, type: "t" },
      { customerId: "b", occurredAt: 0, type: "t", channel: "sms" },
      { customerId: "a", occurredAt: 0, type: "t", channel: "chat" },
    ];
    expect(interactionCounts(xs).byChannel.map((c) => [c.channel, c.total])).toEqual([
      ["chat", 1],
      ["sms", 1],
      [null, 1],
    ]);
  });

  it("counts the distinct customers of each channel", () => {
    const xs = [
      { customerId: "a", occurredAt: 0, type: "t", channel: "chat" },
      { customerId: "b", occurredAt: 0, type: "t", channel: "chat" },
      { customerId: "a", occurredAt: 1, type: "t", channel: "chat" },
    ];
    expect(interactionCounts(xs).byChannel.map((c) => [c.channel, c.total, c.customers])).toEqual([["chat", 3, 2]]);
  });

  it("filters by type and counts what it skipped", () => {
    const r = interactionCounts(interactions, { types: ["reply", "call"] });
    expect(r).toMatchObject({ total: 2, inbound: 2, skipped: 2, customers: 2 });
    expect(r.byPeriod.reduce((a, p) => a + p.total, 0)).toBe(2);
  });

  it("keeps duplicates by default and drops them with dedupe", () => {
    const dup = [...interactions, { ...interactions[0]! }, { ...interactions[3]!, id: undefined }];
    expect(interactionCounts(dup).total).toBe(6);
    const r = interactionCounts(dup, { dedupe: true });
    expect(r).toMatchObject({ total: 5, duplicates: 1, records: 6 });
  });

  it("gives zero counts and empty lists for empty input", () => {
    const r = interactionCounts([]);
    expect(r).toEqual({
      total: 0,
      inbound: 0,
      outbound: 0,
      unspecified: 0,
      customers: 0,
      period: "month",
      timeZone: "UTC",
      records: 0,
      duplicates: 0,
      skipped: 0,
      byPeriod: [],
      byChannel: [],
      byCustomer: [],
    });
  });

  it("keeps ids such as __proto__ and constructor apart, and numeric ids as strings", () => {
    const xs = [
      { customerId: "__proto__", occurredAt: 0, type: "t", channel: "__proto__" },
      { customerId: "constructor", occurredAt: 0, type: "t" },
      { customerId: 7, occurredAt: 0, type: "t" },
    ];
    const r = interactionCounts(xs);
    expect(r.byCustomer.map((c) => c.customerId)).toEqual(["7", "__proto__", "constructor"]);
    expect(r.byChannel[0]!.channel).toBe("__proto__");
  });

  it("reads a one-shot iterable (a generator) in a single pass", () => {
    function* stream(): Generator<Interaction> {
      yield* interactions;
    }
    expect(interactionCounts(stream())).toEqual(interactionCounts(interactions));
    expect(errorOf(() => interactionCounts("abc" as never))).toBe("INVALID_INPUT interactions");
  });

  it("does not mutate its input and is JSON-safe", () => {
    const input = deepFreeze(interactions.map((x) => ({ ...x })));
    const r = interactionCounts(input, { dedupe: true, types: ["email", "call"] });
    expect(isJsonSafe(r)).toBe(true);
  });

  it("property: breakdown totals agree and the order of records does not matter", () => {
    const rec = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "__proto__"),
      day: fc.integer({ min: 0, max: 400 }),
      channel: fc.constantFrom("email", "chat", undefined),
      direction: fc.constantFrom("inbound" as const, "outbound" as const, undefined),
    });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 40 }), (rows) => {
        const xs = rows.map((r) => ({ customerId: r.customerId, occurredAt: Date.UTC(2024, 0, 1) + r.day * 86_400_000, type: "t", channel: r.channel, direction: r.direction }));
        const a = interactionCounts(xs, { timeZone: "America/New_York" });
        const b = interactionCounts(xs.slice().reverse(), { timeZone: "America/New_York" });
        expect(b).toEqual(a);
        const sum = (arr: readonly { total: number }[]): number => arr.reduce((s, x) => s + x.total, 0);
        expect(sum(a.byPeriod)).toBe(a.total);
        expect(sum(a.byChannel)).toBe(a.total);
        expect(sum(a.byCustomer)).toBe(a.total);
        expect(a.inbound + a.outbound + a.unspecified).toBe(a.total);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it("rejects invalid records and options", () => {
    expect(errorOf(() => interactionCounts([{ customerId: "", occurredAt: 0, type: "t" }]))).toBe("INVALID_INPUT interactions[0].customerId");
    expect(errorOf(() => interactionCounts([{ customerId: "a", occurredAt: "yesterday", type: "t" }]))).toBe(
      "INVALID_INPUT interactions[0].occurredAt",
    );
    expect(errorOf(() => interactionCounts([{ customerId: "a", occurredAt: 0 } as never]))).toBe("INVALID_INPUT interactions[0].type");
    expect(errorOf(() => interactionCounts([{ customerId: "a", occurredAt: 0, type: "t", direction: "in" } as never]))).toBe(
      "INVALID_INPUT interactions[0].direction",
    );
    expect(messageOf(() => interactionCounts([{ customerId: "a", occurredAt: 0, type: "t", direction: "in" } as never]))).toBe(
      'interactionCounts: interactions[0].direction must be "inbound" or "outbound", got "in"',
    );
    expect(errorOf(() => interactionCounts([{ customerId: "a", occurredAt: 0, type: "t", channel: 3 } as never]))).toBe(
      "INVALID_INPUT interactions[0].channel",
    );
    expect(errorOf(() => interactionCounts([{ id: {}, customerId: "a", occurredAt: 0, type: "t" } as never], { dedupe: true }))).toBe(
      "INVALID_INPUT interactions[0].id",
    );
    expect(errorOf(() => interactionCounts([5 as never]))).toBe("INVALID_INPUT interactions[0]");
    expect(errorOf(() => interactionCounts([], { period: "hour" as never }))).toBe("INVALID_OPTION options.period");
    expect(errorOf(() => interactionCounts([], { timeZone: "x/y" }))).toBe("INVALID_OPTION options.timeZone");
    expect(errorOf(() => interactionCounts([], { types: "email" as never }))).toBe("INVALID_OPTION options.types");
    expect(errorOf(() => interactionCounts([], { types: [""] }))).toBe("INVALID_OPTION options.types[0]");
    expect(errorOf(() => interactionCounts([], { dedupe: "yes" as never }))).toBe("INVALID_OPTION options.dedupe");
    expect(errorOf(() => interactionCounts([], { fillGaps: 1 as never }))).toBe("INVALID_OPTION options.fillGaps");
  });

  it("counts 200,000 interactions over 5,000 customers", () => {
    const xs = Array.from({ length: 200_000 }, (_, i) => ({
      customerId: `c${i % 5000}`,
      occurredAt: Date.UTC(2024, 0, 1) + i * 157_000,
      type: "t",
      channel: i % 3 === 0 ? "email" : "chat",
      direction: i % 2 === 0 ? ("inbound" as const) : ("outbound" as const),
    }));
    const r = interactionCounts(xs, { timeZone: "Europe/Berlin" });
    expect(r.total).toBe(200_000);
    expect(r.customers).toBe(5000);
  });
});

describe("interactionCounts: the 100,000-period limit", () => {
  const far = (last: string | number) => [
    { customerId: "a", occurredAt: "2000-01-01T00:00:00Z", type: "login" },
    { customerId: "b", occurredAt: last, type: "login" },
  ];

  it("builds a daily series of exactly 100,000 periods", () => {
    const byPeriod = interactionCounts(far("2273-10-15T00:00:00Z"), { period: "day" }).byPeriod;
    expect([byPeriod.length, byPeriod[0]!.label, byPeriod[99_999]!.label, byPeriod[99_999]!.total]).toEqual([100_000, "2000-01-01", "2273-10-15", 1]);
  });

  it("throws INVALID_INPUT at the interaction that makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => interactionCounts(far("2273-10-16T00:00:00Z"), { period: "day" }), "INVALID_INPUT", "interactions[1].occurredAt").message).toBe(
      "interactionCounts: interactions[1].occurredAt must keep the series within 100,000 day periods (use a longer period, or fillGaps: false), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("counts only the interactions of the counted types, and needs no limit without gap filling", () => {
    expect(interactionCounts(far("2273-10-16T00:00:00Z"), { period: "day", types: ["purchase"] }).byPeriod).toEqual([]);
    expect(interactionCounts(far("2273-10-16T00:00:00Z"), { period: "day", fillGaps: false }).byPeriod.map((p) => p.label)).toEqual(["2000-01-01", "2273-10-16"]);
    expect(seriesError(() => interactionCounts([far("2273-10-16T00:00:00Z")[1]!, far("2273-10-16T00:00:00Z")[0]!], { period: "day" })).path).toBe("interactions[0].occurredAt");
  });
});
