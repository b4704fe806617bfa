import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { salesCycle, type Deal } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

const deals: Deal[] = [
  { id: 1, owner: "ann", stage: "won", status: "won", amount: 1, createdAt: "2024-01-01T00:00:00Z", closedAt: "2024-01-11T00:00:00Z" }, // 10 days
  { id: 2, owner: "ann", stage: "lost", status: "lost", amount: 1, createdAt: "2024-01-05T00:00:00Z", closedAt: "2024-02-04T00:00:00Z" }, // 30
  { id: 3, owner: "bob", stage: "won", status: "won", amount: 1, createdAt: "2024-01-10T00:00:00Z", closedAt: "2024-03-10T00:00:00Z" }, // 60
  { id: 4, owner: "__proto__", stage: "won", status: "won", amount: 1, createdAt: "2024-02-01T00:00:00Z", closedAt: "2024-02-21T00:00:00Z" }, // 20
  { id: 5, stage: "demo", status: "open", amount: 1, createdAt: "2024-02-15T00:00:00Z" },
];

describe("salesCycle", () => {
  it("summarises days from creation to close of won deals (numpy: median 20, p90 52)", () => {
    const r = salesCycle(deals);
    expect(r.n).toBe(3);
    expect(r.medianDays).toBeCloseTo(20, 12);
    expect(r.meanDays).toBeCloseTo(30, 12);
    expect(r.p90Days).toBeCloseTo(52, 12);
    expect(r.minDays).toBeCloseTo(10, 12);
    expect(r.maxDays).toBeCloseTo(60, 12);
    expect(r.include).toBe("won");
    expect(r.groups).toBeNull();
  });

  it("can include lost deals (numpy: median 25, p90 51)", () => {
    const r = salesCycle(deals, { include: "closed" });
    expect(r.n).toBe(4);
    expect(r.medianDays).toBeCloseTo(25, 12);
    expect(r.p90Days).toBeCloseTo(51, 12);
  });

  it("groups by owner, with the null group last", () => {
    const r = salesCycle([...deals, { id: 6, stage: "won", status: "won", amount: 1, createdAt: 0, closedAt: 86_400_000 }], { groupBy: "owner" });
    expect(r.groups!.map((g) => [g.key, g.n, g.medianDays])).toEqual([
      ["__proto__", 1, 20],
      ["ann", 1, 10],
      ["bob", 1, 60],
      [null, 1, 1],
    ]);
  });

  it("measures elapsed time: a New York day across the DST change is 23/24 of a day", () => {
    const d: Deal[] = [{ id: 1, stage: "w", status: "won", amount: 1, createdAt: "2024-03-09T12:00:00", closedAt: "2024-03-10T12:00:00" }];
    expect(salesCycle(d, { timeZone: "America/New_York" }).medianDays).toBeCloseTo(23 / 24, 12);
    expect(salesCycle(d, { timeZone: "Europe/Berlin" }).medianDays).toBeCloseTo(1, 12);
    expect(salesCycle(d).medianDays).toBeCloseTo(1, 12);
  });

  it("returns null statistics without won deals, and handles a single deal closed the day it was created", () => {
    expect(salesCycle([])).toMatchObject({ n: 0, medianDays: null, meanDays: null, p90Days: null, minDays: null, maxDays: null });
    expect(salesCycle([deals[1]!, deals[4]!])).toMatchObject({ n: 0, medianDays: null });
    const same = salesCycle([{ id: 1, stage: "w", status: "won", amount: 1, createdAt: "2024-01-01", closedAt: "2024-01-01" }]);
    expect(same).toMatchObject({ n: 1, medianDays: 0, meanDays: 0, p90Days: 0 });
  });

  it("rejects deals closed before creation, won deals without closedAt and bad options", () => {
    expect(errorInfo(() => salesCycle([{ id: 1, stage: "w", status: "won", amount: 1, createdAt: "2024-01-02", closedAt: "2024-01-01" }]))).toBe(
      "INVALID_INPUT deals[0].closedAt",
    );
    expect(errorInfo(() => salesCycle([{ id: 1, stage: "w", status: "won", amount: 1, createdAt: "2024-01-02" }]))).toBe("INVALID_INPUT deals[0].closedAt");
    expect(errorInfo(() => salesCycle(deals, { include: "open" as "won" }))).toBe("INVALID_OPTION options.include");
    expect(errorInfo(() => salesCycle(deals, { timeZone: "Nowhere" }))).toBe("INVALID_OPTION options.timeZone");
  });

  it("names the function, the rule and the value in its messages", () => {
    expect(messageOf(() => salesCycle(deals, { include: "open" as "won" }))).toBe('salesCycle: options.include must be one of "won", "closed", got "open"');
    expect(messageOf(() => salesCycle(deals, { groupBy: "team" as "owner" }))).toBe(
      'salesCycle: options.groupBy must be "owner", "segment" or a function of the deal, got "team"',
    );
  });

  it("does not mutate its input", () => {
    const frozen = Object.freeze(deals.map((d) => Object.freeze({ ...d })));
    expect(salesCycle(frozen, { groupBy: "owner" }).n).toBe(3);
  });

  it("orders min <= median <= p90 <= max and is invariant to shifting all dates", () => {
    const arb = fc.array(fc.record({ start: fc.integer({ min: 0, max: 1000 }), length: fc.integer({ min: 0, max: 400 }) }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(arb, fc.integer({ min: -1000, max: 1000 }), (xs, shift) => {
        const make = (s: number): Deal[] =>
          xs.map((x, i) => ({ id: i, stage: "w", status: "won", amount: 1, createdAt: (x.start + s) * 3_600_000, closedAt: (x.start + s + x.length) * 3_600_000 }));
        const r = salesCycle(make(0));
        expect(r.minDays!).toBeLessThanOrEqual(r.medianDays! + 1e-12);
        expect(r.medianDays!).toBeLessThanOrEqual(r.p90Days! + 1e-12);
        expect(r.p90Days!).toBeLessThanOrEqual(r.maxDays! + 1e-12);
        const shifted = salesCycle(make(shift));
        expect(shifted.medianDays!).toBeCloseTo(r.medianDays!, 9);
        expect(shifted.meanDays!).toBeCloseTo(r.meanDays!, 9);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
