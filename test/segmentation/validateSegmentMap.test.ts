import { describe, expect, it } from "vitest";
import {
  DEFAULT_RFM_SEGMENT_MAP,
  PANDAS_RF_SEGMENT_MAP,
  PUBLISHED_RFM_SEGMENT_MAP,
  RfmSegmentMapSchema,
  validateSegmentMap,
} from "../../src/index.js";
import { deepFreeze, errorOf, messageOf } from "./helpers.js";

const counts = (r: ReturnType<typeof validateSegmentMap>): Record<string, number> =>
  Object.fromEntries(r.cellsPerSegment.map((s) => [s.segment, s.cells]));

describe("validateSegmentMap", () => {
  it("finds 36 unassigned combinations and 4 unreachable segments in the published 11-segment table", () => {
    const r = validateSegmentMap(PUBLISHED_RFM_SEGMENT_MAP);
    expect(r.cells).toBe(125);
    expect(r.valid).toBe(false);
    expect(r.unassignedCells).toHaveLength(36);
    expect(r.unassignedCells).toEqual(
      "113 114 115 131 141 151 213 214 215 231 241 251 314 315 324 325 341 342 351 352 414 415 424 425 441 442 451 452 514 515 524 525 541 542 551 552".split(" "),
    );
    expect(r.unreachableSegments).toEqual(["New Customers", "Promising", "Can't Lose Them", "Lost"]);
    expect(r.unreachableRules.map((u) => u.index)).toEqual([3, 4, 8, 10]);
    // the enumeration of metric-semantics.md section 4.2 (a)
    expect(counts(r)).toEqual({
      Champions: 8,
      "Loyal Customers": 28,
      "Potential Loyalist": 24,
      "New Customers": 0,
      Promising: 0,
      "Need Attention": 3,
      "About To Sleep": 3,
      "At Risk": 20,
      "Can't Lose Them": 0,
      Hibernating: 3,
      Lost: 0,
      Others: 36,
    });
    expect(r.fallback).toBe("Others");
  });

  it("finds the shipped map complete: all 125 combinations assigned, all 11 segments reachable", () => {
    const r = validateSegmentMap("default");
    expect(r.valid).toBe(true);
    expect(r.unassignedCells).toEqual([]);
    expect(r.unreachableRules).toEqual([]);
    expect(r.fallback).toBeNull();
    expect(counts(r)).toEqual({
      Champions: 8,
      "Loyal Customers": 40,
      "New Customers": 2,
      Promising: 1,
      "Potential Loyalist": 33,
      "Need Attention": 3,
      "About To Sleep": 3,
      "Can't Lose Them": 4,
      "At Risk": 28,
      Lost: 1,
      Hibernating: 2,
    });
    expect(r.cellsPerSegment.reduce((s, x) => s + x.cells, 0)).toBe(125);
    expect(validateSegmentMap(DEFAULT_RFM_SEGMENT_MAP)).toEqual(r);
  });

  it("agrees with the published table wherever the published table assigns a segment, except the documented moves", () => {
    // cells whose segment changed: the ones the moved narrow rules now claim
    const moved = new Set(["311", "411", "511", "144", "145", "154", "155", "111"]);
    const pub = PUBLISHED_RFM_SEGMENT_MAP.rules;
    const def = DEFAULT_RFM_SEGMENT_MAP.rules;
    const seg = (rules: typeof pub, r: number, f: number, m: number): string | undefined =>
      rules.find((x) => [x.recency, x.frequency, x.monetary].every((g, i) => g === undefined || ([r, f, m][i]! >= g[0] && [r, f, m][i]! <= g[1])))?.segment;
    let changed = 0;
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) {
          const p = seg(pub, r, f, m);
          if (p === undefined) continue;
          if (moved.has(`${r}${f}${m}`)) changed++;
          else expect(seg(def, r, f, m)).toBe(p);
        }
    expect(changed).toBe(8);
  });

  it("checks the pandas R-F map: ten rules partition the 25 R-F cells", () => {
    const r = validateSegmentMap(PANDAS_RF_SEGMENT_MAP);
    expect(r.valid).toBe(true);
    const c = counts(r);
    // cells of 125 = R-F cells x 5 monetary scores
    expect(Object.values(c).map((x) => x / 5)).toEqual([4, 4, 2, 2, 1, 4, 1, 1, 4, 2]);
    expect(validateSegmentMap("pandas-rf")).toEqual(r);
  });

  it("reports a shadowed rule of a custom map", () => {
    const r = validateSegmentMap({
      bins: 3,
      rules: [
        { segment: "top", recency: [2, 3] },
        { segment: "recent", recency: [3, 3], frequency: [1, 1] },
        { segment: "rest", recency: [1, 1] },
      ],
    });
    expect(r.unreachableRules).toEqual([{ index: 1, segment: "recent" }]);
    expect(r.unreachableSegments).toEqual(["recent"]);
    expect(r.unassignedCells).toEqual([]);
    expect(r.cells).toBe(27);
    expect(r.valid).toBe(false);
  });

  it("counts a fallback that no combination needs without calling it unreachable", () => {
    const r = validateSegmentMap({ bins: 2, rules: [{ segment: "all" }], fallback: "other" });
    expect(r.cellsPerSegment).toEqual([
      { segment: "all", cells: 8 },
      { segment: "other", cells: 0 },
    ]);
    expect(r.valid).toBe(true);
  });

  it("rejects maps that break the schema, with the path inside the map", () => {
    expect(errorOf(() => validateSegmentMap({ bins: 10, rules: [{ segment: "x" }] }))).toBe("INVALID_OPTION map.bins");
    expect(errorOf(() => validateSegmentMap({ bins: 5, rules: [] }))).toBe("INVALID_OPTION map.rules");
    expect(errorOf(() => validateSegmentMap({ bins: 5, rules: [{ segment: "x", recency: [4, 2] }] }))).toBe(
      "INVALID_OPTION map.rules[0].recency",
    );
    expect(errorOf(() => validateSegmentMap({ bins: 3, rules: [{ segment: "x" }, { segment: "y", monetary: [1, 4] }] }))).toBe(
      "INVALID_OPTION map.rules[1].monetary",
    );
    expect(errorOf(() => validateSegmentMap({ bins: 5, rules: [{ segment: "" }] }))).toBe("INVALID_OPTION map.rules[0].segment");
    expect(errorOf(() => validateSegmentMap({ bins: 5, rules: [{ segment: "x", frequency: [0, 2] }] }))).toBe(
      "INVALID_OPTION map.rules[0].frequency[0]",
    );
    expect(errorOf(() => validateSegmentMap("putler"))).toBe("INVALID_OPTION map");
    expect(errorOf(() => validateSegmentMap(null as never))).toBe("INVALID_OPTION map");
    expect(messageOf(() => validateSegmentMap({ bins: 3, rules: [{ segment: "x", recency: [1, 4] }] }))).toBe(
      "validateSegmentMap: map.rules[0].recency must lie within 1..3 (bins), got [1, 4]",
    );
  });

  it("states every schema error as `validateSegmentMap: path must ..., got value`, never in zod's words", () => {
    const mapRule = 'must be "default", "published", "pandas-rf" or a segment map object ({ bins, rules, fallback? })';
    const cases: [unknown, string][] = [
      [null, `map ${mapRule}, got null`],
      [42, `map ${mapRule}, got 42`],
      [[], `map ${mapRule}, got []`],
      ["putler", `map ${mapRule}, got "putler"`],
      [{ rules: [{ segment: "x" }] }, "map.bins must be a finite number, got undefined"],
      [{ bins: 2.5, rules: [{ segment: "x" }] }, "map.bins must be an integer, got 2.5"],
      [{ bins: 10, rules: [{ segment: "x" }] }, "map.bins must be <= 9, got 10"],
      [{ bins: 1, rules: [{ segment: "x" }] }, "map.bins must be >= 2, got 1"],
      [{ bins: 5, rules: [] }, "map.rules must have at least 1 rule, got []"],
      [{ bins: 5, rules: {} }, "map.rules must be an array, got an object"],
      [{ bins: 5, rules: [null] }, "map.rules[0] must be a rule object ({ segment, recency?, frequency?, monetary? }), got null"],
      [{ bins: 5, rules: [{ segment: "" }] }, 'map.rules[0].segment must be a non-empty string, got ""'],
      [{ bins: 5, rules: [{ segment: "x", recency: [4, 2] }] }, "map.rules[0].recency must be [low, high] with low <= high, got [4, 2]"],
      [{ bins: 5, rules: [{ segment: "x", recency: [1, 2, 3] }] }, "map.rules[0].recency must be a [low, high] pair of integers from 1 to 9, got [1, 2, 3]"],
      [{ bins: 5, rules: [{ segment: "x", frequency: [0, 2] }] }, "map.rules[0].frequency[0] must be >= 1, got 0"],
      [{ bins: 5, rules: [{ segment: "x", frequency: [1, Number.NaN] }] }, "map.rules[0].frequency[1] must be a finite number, got NaN"],
      [{ bins: 5, rules: [{ segment: "x" }], fallback: "" }, 'map.fallback must be a non-empty string or null, got ""'],
      [{ bins: 5, rules: [{ segment: "x" }], fallback: 3 }, "map.fallback must be a non-empty string or null, got 3"],
    ];
    for (const [map, message] of cases) {
      expect(messageOf(() => validateSegmentMap(map as never))).toBe(`validateSegmentMap: ${message}`);
      expect(errorOf(() => validateSegmentMap(map as never))).toBe(`INVALID_OPTION ${message.slice(0, message.indexOf(" "))}`);
    }
  });

  it("exports a zod schema that accepts the built-in maps", () => {
    for (const m of [DEFAULT_RFM_SEGMENT_MAP, PUBLISHED_RFM_SEGMENT_MAP, PANDAS_RF_SEGMENT_MAP]) {
      expect(RfmSegmentMapSchema.safeParse(JSON.parse(JSON.stringify(m))).success).toBe(true);
    }
  });

  it("does not mutate the map", () => {
    const map = deepFreeze(JSON.parse(JSON.stringify(DEFAULT_RFM_SEGMENT_MAP)));
    expect(validateSegmentMap(map).valid).toBe(true);
  });
});

describe("validateSegmentMap: valid needs every check to pass", () => {
  it("is not valid with unassigned cells alone", () => {
    // bins 2, one rule for recency 1 and no fallback: the four cells of recency 2 are unassigned
    const r = validateSegmentMap({ bins: 2, rules: [{ segment: "A", recency: [1, 1] }] });
    expect(r.unassignedCells).toEqual(["211", "212", "221", "222"]);
    expect(r.unreachableRules).toEqual([]);
    expect(r.unreachableSegments).toEqual([]);
    expect(r.valid).toBe(false);
  });

  it("is not valid with an unreachable rule alone", () => {
    // the first rule claims every cell, so the second (same segment) is never used
    const r = validateSegmentMap({ bins: 2, rules: [{ segment: "A" }, { segment: "A", recency: [1, 1] }] });
    expect(r.unassignedCells).toEqual([]);
    expect(r.unreachableRules).toEqual([{ index: 1, segment: "A" }]);
    expect(r.unreachableSegments).toEqual([]);
    expect(r.valid).toBe(false);
  });
});
