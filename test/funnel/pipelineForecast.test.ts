import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pipelineForecast, type Deal } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

const hist = (...stages: string[]): { stage: string; enteredAt: string }[] =>
  stages.map((stage, i) => ({ stage, enteredAt: `2024-01-${String(i + 1).padStart(2, "0")}T00:00:00Z` }));

const deals: Deal[] = [
  { id: "o1", stage: "proposal", status: "open", amount: 1000, probability: 0.5, createdAt: "2024-01-10", expectedCloseAt: "2024-03-15" },
  { id: "o2", stage: "proposal", status: "open", amount: "333.33", probability: 0.3, createdAt: "2024-01-10", expectedCloseAt: "2024-05-31T23:59:59Z" },
  { id: "o3", stage: "demo", status: "open", amount: 200, createdAt: "2024-01-10", expectedCloseAt: "2024-04-01" }, // no probability
  { id: "o4", stage: "demo", status: "open", amount: 100, probability: 0.9, createdAt: "2024-01-10", expectedCloseAt: "2024-06-01" }, // end is exclusive
  { id: "o5", stage: "demo", status: "open", amount: 100, probability: 0.9, createdAt: "2024-01-10", expectedCloseAt: "2024-02-28" }, // overdue
  { id: "o6", stage: "demo", status: "open", amount: 100, probability: 0.9, createdAt: "2024-01-10" }, // no close date
  { id: "o7", stage: "demo", status: "open", amount: 100, probability: 0.9, createdAt: "2024-03-05", expectedCloseAt: "2024-03-20" }, // after asOf
  { id: "c1", stage: "closedwon", status: "won", amount: 10, createdAt: "2024-01-01", closedAt: "2024-02-01", stageHistory: hist("demo", "proposal", "closedwon") },
  { id: "c2", stage: "closedlost", status: "lost", amount: 10, createdAt: "2024-01-01", closedAt: "2024-02-10", stageHistory: hist("demo", "closedlost") },
  { id: "c3", stage: "closedlost", status: "lost", amount: 10, createdAt: "2024-01-01", closedAt: "2024-02-15", stageHistory: hist("demo", "proposal", "closedlost") },
  { id: "c4", stage: "closedwon", status: "won", amount: 10, createdAt: "2024-01-01", closedAt: "2024-03-20", stageHistory: hist("demo", "proposal", "closedwon") }, // after asOf
];
const asOf = "2024-03-01T00:00:00Z";

describe("pipelineForecast", () => {
  it("reproduces HubSpot's deal weighted total: 1000 x 1 + 1000 x 0.9 + 1000 x 0.4 = 2300", () => {
    const hubspot: Deal[] = [1, 0.9, 0.4].map((probability, i) => ({
      id: i,
      stage: `s${i}`,
      status: "open",
      amount: 1000,
      probability,
      createdAt: "2024-01-01",
      expectedCloseAt: "2024-01-20",
    }));
    const r = pipelineForecast(hubspot, { asOf: "2024-01-01" });
    expect(r.expectedAmount).toBeCloseTo(2300, 9);
    expect(r.pipelineAmount).toBeCloseTo(3000, 9);
    expect(r.weightedShare).toBeCloseTo(2300 / 3000, 12);
  });

  it("weights open deals closing in [asOf, asOf + horizon) by their probability and counts what it leaves out", () => {
    const r = pipelineForecast(deals, { asOf });
    expect(r.asOf).toBe("2024-03-01T00:00:00.000Z");
    expect(r.horizonEnd).toBe("2024-06-01T00:00:00.000Z");
    expect(r).toMatchObject({ weighting: "probability", deals: 3, unweighted: 1, overdue: 1, withoutCloseDate: 1, beyondHorizon: 1 });
    expect(r.expectedAmount).toBeCloseTo(599.999, 9); // 1000 x 0.5 + 333.33 x 0.3
    expect(r.pipelineAmount).toBeCloseTo(1533.33, 9);
    expect(r.stages.map((s) => [s.stage, s.deals, s.unweighted])).toEqual([
      ["demo", 1, 1],
      ["proposal", 2, 0],
    ]);
    expect(r.stages[0]!.expectedAmount).toBe(0);
    expect(r.stages[1]!.amount).toBeCloseTo(1333.33, 9);
    expect(r.stages[1]).toMatchObject({ historicalWinRate: null, historicalClosed: 0 });
  });

  it("weights by the historical stage-to-won rate of deals closed by asOf", () => {
    const r = pipelineForecast(deals, { asOf, weighting: "historical" });
    // demo: c1 won, c2 and c3 lost -> 1/3; proposal: c1 won, c3 lost -> 1/2 (c4 closed after asOf)
    expect(r.stages.map((s) => [s.stage, s.historicalClosed])).toEqual([
      ["demo", 3],
      ["proposal", 2],
    ]);
    expect(r.stages[0]!.historicalWinRate).toBeCloseTo(1 / 3, 12);
    expect(r.stages[1]!.historicalWinRate).toBeCloseTo(0.5, 12);
    expect(r.unweighted).toBe(0);
    expect(r.expectedAmount).toBeCloseTo(1000 * 0.5 + 333.33 * 0.5 + 200 / 3, 9);
    // a stage without closed history gives no weight
    const fresh = pipelineForecast([{ id: 1, stage: "new", status: "open", amount: 5, createdAt: 0, expectedCloseAt: 10 }], { asOf: 0, weighting: "historical" });
    expect(fresh).toMatchObject({ unweighted: 1, expectedAmount: 0, pipelineAmount: 5 });
    expect(fresh.stages[0]!.historicalWinRate).toBeNull();
  });

  it("sums money exactly", () => {
    const small: Deal[] = Array.from({ length: 3 }, (_, i) => ({ id: i, stage: "s", status: "open", amount: 0.1, probability: 0.7, createdAt: 0, expectedCloseAt: 1 }));
    const r = pipelineForecast(small, { asOf: 0 });
    expect(String(r.expectedAmount)).toBe("0.21"); // floating point gives 0.21000000000000002
    expect(String(r.pipelineAmount)).toBe("0.3");
  });

  it("orders stages by the stages option, then alphabetically; horizon in the time zone", () => {
    const r = pipelineForecast(deals, { asOf, stages: ["proposal"] });
    expect(r.stages.map((s) => s.stage)).toEqual(["proposal", "demo"]);
    expect(pipelineForecast(deals, { asOf, stages: ["proposal", "demo"] }).stages.map((s) => s.stage)).toEqual(["proposal", "demo"]);
    const ny = pipelineForecast(deals, { asOf: "2024-03-01T00:00:00", horizon: { days: 14 }, timeZone: "America/New_York" });
    expect(ny.asOf).toBe("2024-03-01T05:00:00.000Z");
    expect(ny.horizonEnd).toBe("2024-03-15T04:00:00.000Z"); // 14 calendar days across the DST change
    // o1's "2024-03-15" is read as New York midnight, which is the (exclusive) end
    expect(ny.deals).toBe(0);
    expect(ny.beyondHorizon).toBe(4);
    expect(pipelineForecast(deals, { asOf: "2024-03-01T00:00:00", horizon: { days: 15 }, timeZone: "America/New_York" }).deals).toBe(1);
  });

  it("uses the latest date in the deals when asOf is omitted", () => {
    expect(pipelineForecast(deals).asOf).toBe("2024-03-20T00:00:00.000Z");
    expect(pipelineForecast([])).toMatchObject({ deals: 0, expectedAmount: 0, pipelineAmount: 0, weightedShare: null, stages: [] });
  });

  it("rejects bad deals and options", () => {
    expect(errorInfo(() => pipelineForecast(deals, { asOf: "soon" }))).toBe("INVALID_OPTION options.asOf");
    expect(errorInfo(() => pipelineForecast(deals, { horizon: { days: -1 } }))).toBe("INVALID_OPTION options.horizon.days");
    expect(errorInfo(() => pipelineForecast(deals, { weighting: "stage" as "historical" }))).toBe("INVALID_OPTION options.weighting");
    expect(errorInfo(() => pipelineForecast(deals, { stages: ["a", "a"] }))).toBe("INVALID_OPTION options.stages[1]");
    expect(errorInfo(() => pipelineForecast([{ id: 1, stage: "s", status: "won", amount: 1, createdAt: 0 }], { weighting: "historical" }))).toBe(
      "INVALID_INPUT deals[0].closedAt",
    );
    // without historical weighting a won deal needs no closedAt
    expect(pipelineForecast([{ id: 1, stage: "s", status: "won", amount: 1, createdAt: 0 }]).deals).toBe(0);
    expect(errorInfo(() => pipelineForecast([{ id: 1, stage: "s", status: "open", amount: 1, createdAt: 0, probability: -0.1 }]))).toBe(
      "INVALID_INPUT deals[0].probability",
    );
  });

  it("includes a deal created, closed or expected to close at the instant asOf", () => {
    const t = Date.UTC(2024, 2, 1);
    const open: Deal = { id: "o", stage: "demo", status: "open", amount: 100, probability: 0.5, createdAt: t, expectedCloseAt: t };
    const r = pipelineForecast([open], { asOf: t });
    expect(r).toMatchObject({ deals: 1, overdue: 0, expectedAmount: 50 });
    expect(pipelineForecast([{ ...open, createdAt: t + 1, expectedCloseAt: t + 1 }], { asOf: t }).deals).toBe(0);
    expect(pipelineForecast([{ ...open, expectedCloseAt: t - 1, createdAt: t - 1 }], { asOf: t }).overdue).toBe(1);
    // a deal closed at asOf is history; one closed a millisecond later is not
    const won: Deal = { id: "w", stage: "closedwon", status: "won", amount: 1, createdAt: 0, closedAt: t, stageHistory: [{ stage: "demo", enteredAt: 0 }] };
    const hist = pipelineForecast([open, won], { asOf: t, weighting: "historical" });
    expect(hist.stages[0]).toMatchObject({ stage: "demo", historicalClosed: 1, historicalWinRate: 1, expectedAmount: 100 });
    const later = pipelineForecast([open, { ...won, closedAt: t + 1 }], { asOf: t, weighting: "historical" });
    expect(later.stages[0]).toMatchObject({ historicalClosed: 0, historicalWinRate: null, unweighted: 1 });
  });

  it("counts a closed deal's current stage as passed even when its history omits it", () => {
    const lost: Deal = { id: "l", stage: "proposal", status: "lost", amount: 1, createdAt: 0, closedAt: 1, stageHistory: [{ stage: "demo", enteredAt: 0 }] };
    const open: Deal = { id: "o", stage: "proposal", status: "open", amount: 10, createdAt: 0, expectedCloseAt: 5 };
    const r = pipelineForecast([lost, open], { asOf: 2, weighting: "historical" });
    expect(r.stages[0]).toMatchObject({ stage: "proposal", historicalClosed: 1, historicalWinRate: 0, unweighted: 0, expectedAmount: 0 });
  });

  it("puts listed stages first in the given order, then the others alphabetically", () => {
    const ds: Deal[] = ["alpha", "demo", "proposal", "zeta"].map((stage, i) => ({ id: i, stage, status: "open", amount: 1, createdAt: 0, expectedCloseAt: 1 }));
    const order = (stages?: string[]): string[] => pipelineForecast(ds, { asOf: 0, stages }).stages.map((s) => s.stage);
    expect(order(["proposal", "demo"])).toEqual(["proposal", "demo", "alpha", "zeta"]);
    expect(order(["zeta"])).toEqual(["zeta", "alpha", "demo", "proposal"]);
    expect(order()).toEqual(["alpha", "demo", "proposal", "zeta"]);
    expect(errorInfo(() => pipelineForecast(ds, { stages: [""] }))).toBe("INVALID_OPTION options.stages");
    expect(errorInfo(() => pipelineForecast(ds, { stages: [3] as unknown as string[] }))).toBe("INVALID_OPTION options.stages");
  });

  it("takes asOf from the latest creation, close or stage entry, not from expected close dates", () => {
    const d: Deal = {
      id: 1,
      stage: "demo",
      status: "open",
      amount: 1,
      createdAt: "2024-01-01",
      expectedCloseAt: "2024-12-01",
      stageHistory: [{ stage: "lead", enteredAt: "2024-02-01" }, { stage: "demo", enteredAt: "2024-01-15" }],
    };
    expect(pipelineForecast([d]).asOf).toBe("2024-02-01T00:00:00.000Z");
    expect(pipelineForecast([{ ...d, stageHistory: undefined }]).asOf).toBe("2024-01-01T00:00:00.000Z");
    expect(pipelineForecast([]).asOf).toBe("1970-01-01T00:00:00.000Z");
  });

  it("takes the latest date over all deals, whatever their order", () => {
    const open: Deal = { id: "o", stage: "demo", status: "open", amount: 1, createdAt: "2024-03-01" };
    const won: Deal = { id: "w", stage: "won", status: "won", amount: 1, createdAt: "2024-01-01", closedAt: "2024-01-05" };
    const lost: Deal = { id: "l", stage: "lost", status: "lost", amount: 1, createdAt: "2024-01-02", closedAt: "2024-04-10" };
    expect(pipelineForecast([open, won]).asOf).toBe("2024-03-01T00:00:00.000Z");
    expect(pipelineForecast([won, open]).asOf).toBe("2024-03-01T00:00:00.000Z");
    expect(pipelineForecast([lost, open, won]).asOf).toBe("2024-04-10T00:00:00.000Z");
  });

  it("names the function, the rule and the value in its messages", () => {
    expect(messageOf(() => pipelineForecast(deals, { weighting: "stage" as "historical" }))).toBe(
      'pipelineForecast: options.weighting must be one of "probability", "historical", got "stage"',
    );
    expect(messageOf(() => pipelineForecast([{ id: 1, stage: "s", status: "lost", amount: 1, createdAt: 0 }], { weighting: "historical" }))).toBe(
      "pipelineForecast: deals[0].closedAt must be a valid date for a lost deal, got undefined",
    );
  });

  it("does not mutate its input", () => {
    const frozen = Object.freeze(deals.map((d) => Object.freeze({ ...d })));
    expect(pipelineForecast(frozen, { asOf, weighting: "historical" }).deals).toBe(3);
  });

  it("keeps 0 <= expected <= pipeline, and the stage rows add up to the totals", () => {
    const arb = fc.array(
      fc.record({ cents: fc.integer({ min: 0, max: 1_000_000 }), p: fc.option(fc.double({ min: 0, max: 1, noNaN: true })), day: fc.integer({ min: -10, max: 120 }), stage: fc.constantFrom("a", "b", "__proto__") }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const ds: Deal[] = xs.map((x, i) => ({
          id: i,
          stage: x.stage,
          status: "open",
          amount: x.cents / 100,
          probability: x.p ?? undefined,
          createdAt: 0,
          expectedCloseAt: 20 * 86_400_000 + x.day * 86_400_000,
        }));
        const r = pipelineForecast(ds, { asOf: 20 * 86_400_000 });
        expect(r.expectedAmount).toBeGreaterThanOrEqual(0);
        expect(r.expectedAmount).toBeLessThanOrEqual(r.pipelineAmount + 1e-9);
        expect(r.stages.reduce((s, g) => s + g.deals, 0)).toBe(r.deals);
        expect(r.stages.reduce((s, g) => s + g.amount, 0)).toBeCloseTo(r.pipelineAmount, 6);
        expect(r.deals + r.overdue + r.beyondHorizon + r.withoutCloseDate).toBe(ds.length);
        expect(pipelineForecast([...ds].reverse(), { asOf: 20 * 86_400_000 })).toEqual(r);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
