import { describe, expect, it } from "vitest";
import { SeriesExtent } from "../../src/core/periodLimit.js";
import { buildPeriodGrid, type GridLimit, periodIndex } from "../../src/retention/periods.js";

const limit: GridLimit = { fn: "f", hint: "pass asOf", options: {}, records: new SeriesExtent() };
const jan = Date.UTC(2024, 0, 1);
const feb = Date.UTC(2024, 1, 1);
const mar = Date.UTC(2024, 2, 1);
const apr = Date.UTC(2024, 3, 1);

describe("buildPeriodGrid", () => {
  it("builds no period when from is after to", () => {
    expect(buildPeriodGrid(feb, jan, feb, "month", "UTC", 1, limit)).toEqual({ boundaries: [], labels: [], evalEnds: [], complete: [] });
  });

  it("reads a period ending exactly at asOf as complete, with its own end as the instant to read it at", () => {
    const g = buildPeriodGrid(Date.UTC(2024, 0, 15), mar, mar, "month", "UTC", 1, limit);
    expect(g).toEqual({
      boundaries: [jan, feb, mar, apr],
      labels: ["2024-01", "2024-02", "2024-03"],
      evalEnds: [feb, mar, mar + 1],
      complete: [true, true, false],
    });
  });

  it("reads the period that contains asOf at asOf + 1 ms", () => {
    const asOf = Date.UTC(2024, 1, 10, 12);
    const g = buildPeriodGrid(jan, asOf, asOf, "month", "UTC", 1, limit);
    expect([g.evalEnds, g.complete]).toEqual([
      [feb, asOf + 1],
      [true, false],
    ]);
  });
});

describe("periodIndex", () => {
  it("gives -1 before the first boundary and the index of the half-open period otherwise", () => {
    const b = [jan, feb, mar];
    expect([jan - 1, jan, feb - 1, feb, mar - 1].map((t) => periodIndex(b, t))).toEqual([-1, 0, 0, 1, 1]);
  });
});
