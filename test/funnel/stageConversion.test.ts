import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stageConversion, type Deal } from "../../src/index.js";
import { errorInfo, messageOf } from "../support/errors.js";

const stages = ["lead", "qualified", "proposal", "closedwon"];
const h = (stage: string, day: number): { stage: string; enteredAt: string } => ({
  stage,
  enteredAt: `2024-01-${String(day).padStart(2, "0")}T00:00:00Z`,
});
const deals: Deal[] = [
  { id: "A", stage: "closedwon", status: "won", amount: 1, createdAt: "2024-01-01", closedAt: "2024-01-20", stageHistory: [h("lead", 1), h("qualified", 3), h("proposal", 10), h("closedwon", 20)] },
  { id: "B", stage: "proposal", status: "open", amount: 1, createdAt: "2024-01-02", stageHistory: [h("lead", 2), h("proposal", 6)] }, // skipped "qualified"
  { id: "C", stage: "closedlost", status: "lost", amount: 1, createdAt: "2024-01-04", closedAt: "2024-01-09", stageHistory: [h("qualified", 8), h("lead", 4)] }, // any order
  { id: "D", stage: "lead", status: "open", amount: 1, createdAt: "2024-01-05" }, // no history
  { id: "__proto__", stage: "qualified", status: "open", amount: 1, createdAt: "2024-01-01", stageHistory: [h("lead", 1), h("proposal", 5), h("qualified", 7)] }, // moved back
];

describe("stageConversion", () => {
  it("counts a deal that skips a stage as having passed it (default)", () => {
    const r = stageConversion(deals, stages);
    expect(r.stages.map((s) => s.reached)).toEqual([5, 4, 3, 1]);
    expect(r.stages.map((s) => s.entered)).toEqual([5, 3, 3, 1]);
    expect(r.stages.map((s) => s.skipped)).toEqual([0, 1, 0, 0]);
    expect(r.stages.map((s) => s.convertedToNext)).toEqual([4, 3, 1, null]);
    expect(r.stages[0]!.conversionRateToNext).toBeCloseTo(0.8, 12);
    expect(r.stages[1]!.conversionRateToNext).toBeCloseTo(0.75, 12);
    expect(r.stages[2]!.conversionRateToNext).toBeCloseTo(1 / 3, 12);
    expect(r.stages[3]!.conversionRateToNext).toBeNull();
    expect(r.stages[3]!.conversionRateFromFirst).toBeCloseTo(0.2, 12);
    expect(r.overallConversionRate).toBeCloseTo(0.2, 12);
    expect(r.deals).toBe(5);
    expect(r.unknownStageEntries).toBe(1); // C's current stage "closedlost"
    expect(r.countSkipped).toBe(true);
  });

  it("gives median and mean days between first entries, ignoring moves back", () => {
    const r = stageConversion(deals, stages);
    // lead -> qualified: A 2 days, C 4 days, __proto__ 6 days; B skipped qualified (no time)
    expect(r.stages[0]).toMatchObject({ timedToNext: 3 });
    expect(r.stages[0]!.medianDaysToNext).toBeCloseTo(4, 12);
    expect(r.stages[0]!.meanDaysToNext).toBeCloseTo(4, 12);
    // qualified -> proposal: only A (7 days); __proto__ entered proposal before qualified
    expect(r.stages[1]).toMatchObject({ timedToNext: 1 });
    expect(r.stages[1]!.medianDaysToNext).toBeCloseTo(7, 12);
    expect(r.stages[2]!.medianDaysToNext).toBeCloseTo(10, 12);
    expect(r.stages[3]).toMatchObject({ timedToNext: 0, medianDaysToNext: null, meanDaysToNext: null });
  });

  it("can count only the stages a deal entered", () => {
    const r = stageConversion(deals, stages, { countSkipped: false });
    expect(r.stages.map((s) => s.reached)).toEqual([5, 3, 3, 1]);
    expect(r.stages.map((s) => s.convertedToNext)).toEqual([3, 2, 1, null]);
    expect(r.stages[0]!.conversionRateToNext).toBeCloseTo(0.6, 12);
    expect(r.stages[1]!.conversionRateToNext).toBeCloseTo(2 / 3, 12);
    expect(r.countSkipped).toBe(false);
  });

  it("reads local dates in the time zone (23-hour day in New York)", () => {
    const d: Deal[] = [
      { id: 1, stage: "b", status: "open", amount: 1, createdAt: "2024-03-09", stageHistory: [{ stage: "a", enteredAt: "2024-03-09T12:00:00" }, { stage: "b", enteredAt: "2024-03-10T12:00:00" }] },
    ];
    expect(stageConversion(d, ["a", "b"], { timeZone: "America/New_York" }).stages[0]!.medianDaysToNext).toBeCloseTo(23 / 24, 12);
  });

  it("returns null rates for empty input and stages nobody reached", () => {
    const r = stageConversion([], stages);
    expect(r.deals).toBe(0);
    expect(r.overallConversionRate).toBeNull();
    expect(r.stages[0]).toMatchObject({ reached: 0, conversionRateToNext: null, conversionRateFromFirst: null, medianDaysToNext: null });
    const other = stageConversion([{ id: 1, stage: "x", status: "open", amount: 1, createdAt: 0, stageHistory: [{ stage: "x", enteredAt: 0 }] }], stages);
    expect(other.unknownStageEntries).toBe(1);
    expect(other.stages[0]!.reached).toBe(0);
  });

  it("rejects bad stage lists and options", () => {
    expect(errorInfo(() => stageConversion(deals, ["lead"]))).toBe("INVALID_OPTION stages");
    expect(errorInfo(() => stageConversion(deals, ["lead", "lead"]))).toBe("INVALID_OPTION stages[1]");
    expect(errorInfo(() => stageConversion(deals, ["lead", ""]))).toBe("INVALID_OPTION stages[1]");
    expect(errorInfo(() => stageConversion(deals, "lead" as unknown as string[]))).toBe("INVALID_OPTION stages");
    expect(errorInfo(() => stageConversion(deals, stages, { countSkipped: "yes" as unknown as boolean }))).toBe("INVALID_OPTION options.countSkipped");
    expect(errorInfo(() => stageConversion([{ id: 1, stage: "a", status: "open", amount: 1, createdAt: 0, stageHistory: [{ stage: "a", enteredAt: Number.NaN }] }], stages))).toBe(
      "INVALID_INPUT deals[0].stageHistory[0].enteredAt",
    );
  });

  it("times a stage from its first entry, counts same-instant entries, and sorts the times for the median", () => {
    const deal = (id: number, hist: [string, number][], stage = hist[hist.length - 1]![0]): Deal => ({
      id,
      stage,
      status: "open",
      amount: 1,
      createdAt: "2024-01-01",
      stageHistory: hist.map(([s, d]) => h(s, d)),
    });
    // re-entered stages: lead 1 -> qualified 3 (2 days), not lead 5 -> qualified 8
    const again = stageConversion([deal(1, [["lead", 1], ["qualified", 3], ["lead", 5], ["qualified", 8]])], stages);
    expect(again.stages[0]!.medianDaysToNext).toBeCloseTo(2, 12);
    expect(again.stages[0]!.entered).toBe(1);
    // entering two stages at the same instant is a time of 0 days
    const same = stageConversion([deal(1, [["lead", 4], ["qualified", 4]])], stages);
    expect(same.stages[0]).toMatchObject({ timedToNext: 1, medianDaysToNext: 0, meanDaysToNext: 0 });
    // lead -> qualified times 3, 1, 10, 2 days in deal order: median 2.5, mean 4
    const times = [3, 1, 10, 2].map((d, i) => deal(i, [["lead", 1], ["qualified", 1 + d]]));
    const r = stageConversion(times, stages);
    expect(r.stages[0]!.medianDaysToNext).toBeCloseTo(2.5, 12);
    expect(r.stages[0]!.meanDaysToNext).toBeCloseTo(4, 12);
  });

  it("counts an unknown current stage once when the history names it too", () => {
    const d: Deal = { id: 1, stage: "x", status: "open", amount: 1, createdAt: 0, stageHistory: [h("lead", 1), h("x", 2)] };
    expect(stageConversion([d], stages).unknownStageEntries).toBe(1);
    expect(stageConversion([{ ...d, stageHistory: [h("lead", 1)] }], stages).unknownStageEntries).toBe(1);
    expect(stageConversion([{ ...d, stageHistory: [h("y", 1), h("lead", 2)] }], stages).unknownStageEntries).toBe(2);
  });

  it("reads closed deals without closedAt (it needs no close date)", () => {
    const d: Deal[] = [{ id: 1, stage: "qualified", status: "won", amount: 1, createdAt: 0, stageHistory: [h("lead", 1), h("qualified", 2)] }];
    expect(stageConversion(d, stages).stages.map((s) => s.reached)).toEqual([1, 1, 0, 0]);
  });

  it("names the stage list's rule in its messages", () => {
    expect(messageOf(() => stageConversion(deals, ["lead"]))).toBe("stageConversion: stages must be an array of at least two stage names, got an array");
    expect(messageOf(() => stageConversion(deals, ["lead", "lead"]))).toBe('stageConversion: stages[1] must not repeat a stage, got "lead"');
  });

  it("does not mutate its input (history stays in its order)", () => {
    const frozen = Object.freeze(deals.map((d) => Object.freeze({ ...d, stageHistory: Object.freeze([...(d.stageHistory ?? [])].map((x) => Object.freeze({ ...x }))) })));
    expect(stageConversion(frozen, Object.freeze([...stages])).stages[0]!.reached).toBe(5);
    expect(frozen[2]!.stageHistory![0]!.stage).toBe("qualified");
  });

  it("with skipped stages counted, reached never increases along the pipeline and rates stay in [0, 1]", () => {
    const arb = fc.array(fc.array(fc.record({ s: fc.integer({ min: 0, max: 4 }), d: fc.integer({ min: 1, max: 28 }) }), { maxLength: 5 }), { maxLength: 20 });
    const names = ["s0", "s1", "s2", "s3", "other"];
    fc.assert(
      fc.property(arb, (hs) => {
        const ds: Deal[] = hs.map((hist, i) => ({
          id: i,
          stage: hist.length > 0 ? names[hist[hist.length - 1]!.s]! : "s0",
          status: "open",
          amount: 1,
          createdAt: 0,
          stageHistory: hist.map((x) => h(names[x.s]!, x.d)),
        }));
        const r = stageConversion(ds, ["s0", "s1", "s2", "s3"]);
        for (let k = 0; k < 4; k++) {
          if (k > 0) expect(r.stages[k]!.reached).toBeLessThanOrEqual(r.stages[k - 1]!.reached);
          const rate = r.stages[k]!.conversionRateToNext;
          if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
          expect(r.stages[k]!.entered + r.stages[k]!.skipped).toBe(r.stages[k]!.reached);
        }
        expect(stageConversion([...ds].reverse(), ["s0", "s1", "s2", "s3"])).toEqual(r);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
