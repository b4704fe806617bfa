import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { winRate, type Deal } from "../../src/index.js";
import { errorInfo } from "../support/errors.js";

const deals: Deal[] = [
  { id: 1, owner: "ann", segment: "smb", stage: "closedwon", status: "won", amount: 1000, createdAt: "2024-01-01T00:00:00Z", closedAt: "2024-01-11T00:00:00Z" },
  { id: 2, owner: "ann", segment: "ent", stage: "closedlost", status: "lost", amount: 5000, createdAt: "2024-01-05T00:00:00Z", closedAt: "2024-02-04T00:00:00Z" },
  { id: 3, owner: "bob", stage: "closedwon", status: "won", amount: 2500.5, createdAt: "2024-01-10T00:00:00Z", closedAt: "2024-03-10T00:00:00Z" },
  { id: "4", owner: "__proto__", stage: "closedwon", status: "won", amount: "0.1", createdAt: "2024-02-01T00:00:00Z", closedAt: "2024-02-21T00:00:00Z" },
  { id: 5, stage: "proposal", status: "open", amount: 800, createdAt: "2024-02-15T00:00:00Z" },
];

describe("winRate", () => {
  it("is won / (won + lost) over closed deals, with a Wilson interval and the value win rate", () => {
    const r = winRate(deals);
    expect(r).toMatchObject({ won: 3, lost: 1, closed: 4, open: 1, periods: null, groups: null });
    expect(r.winRate).toBeCloseTo(0.75, 12);
    // Wilson 3/4 at 95 % (computed independently in Python): (0.3006418, 0.9544127)
    expect(r.confidenceInterval!.lower).toBeCloseTo(0.3006418426, 8);
    expect(r.confidenceInterval!.upper).toBeCloseTo(0.9544127392, 8);
    expect(r.wonAmount).toBeCloseTo(3500.6, 9);
    expect(r.closedAmount).toBeCloseTo(8500.6, 9);
    expect(r.valueWinRate).toBeCloseTo(3500.6 / 8500.6, 12);
  });

  it("uses the confidence level (3 of 4 at 90 %: 0.35617 to 0.94209)", () => {
    const ci = winRate(deals, { level: 0.9 }).confidenceInterval!;
    expect(ci.lower).toBeCloseTo(0.3561680086, 8);
    expect(ci.upper).toBeCloseTo(0.9420926788, 8);
    expect(ci.level).toBe(0.9);
  });

  it("groups by period of closedAt and by owner (ids like __proto__ work)", () => {
    const r = winRate(deals, { period: "month", groupBy: "owner" });
    expect(r.periods!.map((p) => [p.label, p.won, p.closed])).toEqual([
      ["2024-01", 1, 1],
      ["2024-02", 1, 2],
      ["2024-03", 1, 1],
    ]);
    expect(r.periods![1]!.winRate).toBeCloseTo(0.5, 12);
    expect(r.periods![0]!.periodStart).toBe("2024-01-01T00:00:00.000Z");
    expect(r.groups!.map((g) => [g.key, g.won, g.closed])).toEqual([
      ["__proto__", 1, 1],
      ["ann", 1, 2],
      ["bob", 1, 1],
    ]);
    const seg = winRate(deals, { groupBy: "segment" });
    expect(seg.groups!.map((g) => [g.key, g.won, g.closed])).toEqual([
      ["ent", 0, 1],
      ["smb", 1, 1],
      [null, 2, 2],
    ]);
    const custom = winRate(deals, { groupBy: (d) => (Number(d.amount) > 2000 ? "big" : "small") });
    expect(custom.groups!.map((g) => [g.key, g.winRate])).toEqual([
      ["big", 0.5],
      ["small", 1],
    ]);
  });

  it("reads periods in the time zone (a close at 23:30 in New York on Jan 31 is January there)", () => {
    const d: Deal[] = [{ id: 1, stage: "w", status: "won", amount: 1, createdAt: "2024-01-02T00:00:00Z", closedAt: "2024-01-31T23:30:00-05:00" }];
    expect(winRate(d, { period: "month" }).periods![0]!.label).toBe("2024-02");
    const ny = winRate(d, { period: "month", timeZone: "America/New_York" }).periods![0]!;
    expect(ny.label).toBe("2024-01");
    expect(ny.periodStart).toBe("2024-01-01T05:00:00.000Z");
    const berlin = winRate(d, { period: "week", timeZone: "Europe/Berlin" }).periods![0]!;
    expect(berlin.label).toBe("2024-01-29");
  });

  it("leaves out periods in which nothing closed", () => {
    const d: Deal[] = [
      { id: 1, stage: "w", status: "won", amount: 1, createdAt: "2024-01-02T00:00:00Z", closedAt: "2024-01-20T00:00:00Z" },
      { id: 2, stage: "l", status: "lost", amount: 1, createdAt: "2024-01-02T00:00:00Z", closedAt: "2024-03-20T00:00:00Z" },
    ];
    expect(winRate(d, { period: "month" }).periods!.map((p) => [p.label, p.closed])).toEqual([
      ["2024-01", 1],
      ["2024-03", 1],
    ]);
  });

  it("starts weeks on the weekStartsOn day", () => {
    const d: Deal[] = [{ id: 1, stage: "w", status: "won", amount: 1, createdAt: "2024-01-02T00:00:00Z", closedAt: "2024-01-31T12:00:00Z" }]; // a Wednesday
    expect(winRate(d, { period: "week" }).periods![0]!.label).toBe("2024-01-29");
    expect(winRate(d, { period: "week", weekStartsOn: 0 }).periods![0]!.label).toBe("2024-01-28");
  });

  it("returns null rates when nothing closed", () => {
    const r = winRate([deals[4]!]);
    expect(r).toMatchObject({ won: 0, closed: 0, open: 1, winRate: null, confidenceInterval: null, valueWinRate: null });
    expect(winRate([], { period: "month", groupBy: "owner" })).toMatchObject({ closed: 0, winRate: null, periods: [], groups: [] });
    // closed deals of zero value: a count rate but no value rate
    const zero = winRate([{ id: 1, stage: "w", status: "won", amount: 0, createdAt: 0, closedAt: 0 }]);
    expect(zero.winRate).toBe(1);
    expect(zero.valueWinRate).toBeNull();
  });

  it("rejects invalid deals with the path of the bad value", () => {
    const base = { stage: "s", amount: 1, createdAt: "2024-01-01" } as const;
    const bad = (d: unknown[]): string => errorInfo(() => winRate(d as Deal[]));
    expect(bad([{ ...base, id: 1, status: "won", closedAt: "2024-01-02" }, { ...base, id: "1", status: "open" }])).toBe("INVALID_INPUT deals[1].id");
    expect(bad([{ ...base, id: 1, status: "won", closedAt: "2023-12-31" }])).toBe("INVALID_INPUT deals[0].closedAt");
    expect(bad([{ ...base, id: 1, status: "won" }])).toBe("INVALID_INPUT deals[0].closedAt");
    expect(bad([{ ...base, id: 1, status: "lost", closedAt: "yesterday" }])).toBe("INVALID_INPUT deals[0].closedAt");
    expect(bad([{ ...base, id: 1, status: "open", probability: 1.5 }])).toBe("INVALID_INPUT deals[0].probability");
    expect(bad([{ ...base, id: 1, status: "open", probability: Number.NaN }])).toBe("INVALID_INPUT deals[0].probability");
    expect(bad([{ ...base, id: 1, status: "closed" }])).toBe("INVALID_INPUT deals[0].status");
    expect(bad([{ ...base, id: 1, status: "open", amount: -5 }])).toBe("INVALID_INPUT deals[0].amount");
    expect(bad([{ ...base, id: 1, status: "open", amount: Number.POSITIVE_INFINITY }])).toBe("INVALID_INPUT deals[0].amount");
    expect(bad([{ ...base, id: 1, status: "open", createdAt: Number.NaN }])).toBe("INVALID_INPUT deals[0].createdAt");
    expect(bad([{ ...base, id: "", status: "open" }])).toBe("INVALID_INPUT deals[0].id");
    expect(bad([{ ...base, id: 1, status: "open", stage: "" }])).toBe("INVALID_INPUT deals[0].stage");
    expect(bad([{ ...base, id: 1, status: "open", owner: 3 }])).toBe("INVALID_INPUT deals[0].owner");
    expect(bad([{ ...base, id: 1, status: "open", expectedCloseAt: "soon" }])).toBe("INVALID_INPUT deals[0].expectedCloseAt");
    expect(bad([{ ...base, id: 1, status: "open", stageHistory: "x" }])).toBe("INVALID_INPUT deals[0].stageHistory");
    expect(bad([{ ...base, id: 1, status: "open", stageHistory: [1] }])).toBe("INVALID_INPUT deals[0].stageHistory[0]");
    expect(bad([{ ...base, id: 1, status: "open", stageHistory: [{ stage: "", enteredAt: 0 }] }])).toBe("INVALID_INPUT deals[0].stageHistory[0].stage");
    expect(bad([{ ...base, id: 1, status: "open", stageHistory: [{ stage: "a", enteredAt: "x" }] }])).toBe(
      "INVALID_INPUT deals[0].stageHistory[0].enteredAt",
    );
    expect(bad([null])).toBe("INVALID_INPUT deals[0]");
    expect(errorInfo(() => winRate(3 as unknown as Deal[]))).toBe("INVALID_INPUT deals");
    expect(() => winRate([{ ...base, id: 1, status: "won", closedAt: "2023-12-31" }])).toThrow(
      'winRate: deals[0].closedAt must not be before createdAt, got "2023-12-31"',
    );
  });

  it("rejects bad options", () => {
    expect(errorInfo(() => winRate(deals, { period: "hour" as "day" }))).toBe("INVALID_OPTION options.period");
    expect(errorInfo(() => winRate(deals, { groupBy: "region" as "owner" }))).toBe("INVALID_OPTION options.groupBy");
    expect(errorInfo(() => winRate(deals, { level: 1 }))).toBe("INVALID_OPTION options.level");
    expect(errorInfo(() => winRate(deals, { groupBy: () => 3 as unknown as string }))).toBe("INVALID_INPUT deals[0]");
  });

  it("does not mutate its input", () => {
    const frozen = deals.map((d) => Object.freeze({ ...d }));
    Object.freeze(frozen);
    expect(winRate(frozen, { period: "month", groupBy: "owner" }).won).toBe(3);
  });

  it("stays in [0, 1] inside its interval and does not depend on the order of the deals", () => {
    const arb = fc.array(fc.record({ won: fc.boolean(), open: fc.boolean(), day: fc.integer({ min: 0, max: 400 }), amount: fc.integer({ min: 0, max: 10_000 }) }), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(arb, (xs) => {
        const ds: Deal[] = xs.map((x, i) => ({
          id: i,
          stage: "s",
          status: x.open ? "open" : x.won ? "won" : "lost",
          amount: x.amount,
          createdAt: 0,
          closedAt: x.open ? undefined : x.day * 86_400_000,
        }));
        const r = winRate(ds, { period: "month" });
        const back = winRate([...ds].reverse(), { period: "month" });
        expect(back).toEqual(r);
        if (r.winRate === null) expect(r.closed).toBe(0);
        else {
          expect(r.winRate).toBeGreaterThanOrEqual(r.confidenceInterval!.lower - 1e-12);
          expect(r.winRate).toBeLessThanOrEqual(r.confidenceInterval!.upper + 1e-12);
        }
        expect(r.periods!.reduce((s, p) => s + p.won, 0)).toBe(r.won);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
