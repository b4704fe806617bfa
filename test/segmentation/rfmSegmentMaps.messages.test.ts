import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/core/errors.js";
import { resolveSegmentMap } from "../../src/segmentation/rfmSegmentMaps.js";

// Each broken segment map is refused with INVALID_OPTION at the path of the first problem, and
// a message in the library's format naming the rule it breaks and the value found there.
const cases: [string, unknown, string, string][] = [
    ["a string that names no map", "nope", "options.map", "rfmSegments: options.map must be \"default\", \"published\", \"pandas-rf\" or a segment map object ({ bins, rules, fallback? }), got \"nope\""],
    ["a number", 42, "options.map", "rfmSegments: options.map must be \"default\", \"published\", \"pandas-rf\" or a segment map object ({ bins, rules, fallback? }), got 42"],
    ["null", null, "options.map", "rfmSegments: options.map must be \"default\", \"published\", \"pandas-rf\" or a segment map object ({ bins, rules, fallback? }), got null"],
    ["an array", [], "options.map", "rfmSegments: options.map must be \"default\", \"published\", \"pandas-rf\" or a segment map object ({ bins, rules, fallback? }), got []"],
    ["bins above 9", {"bins":10,"rules":[{"segment":"A"}]}, "options.map.bins", "rfmSegments: options.map.bins must be <= 9, got 10"],
    ["bins below 2", {"bins":0,"rules":[{"segment":"A"}]}, "options.map.bins", "rfmSegments: options.map.bins must be >= 2, got 0"],
    ["fractional bins", {"bins":2.5,"rules":[{"segment":"A"}]}, "options.map.bins", "rfmSegments: options.map.bins must be an integer, got 2.5"],
    ["bins as a string", {"bins":"5","rules":[{"segment":"A"}]}, "options.map.bins", "rfmSegments: options.map.bins must be a finite number, got \"5\""],
    ["no bins", {"rules":[{"segment":"A"}]}, "options.map.bins", "rfmSegments: options.map.bins must be a finite number, got undefined"],
    ["no rules", {"bins":5,"rules":[]}, "options.map.rules", "rfmSegments: options.map.rules must have at least 1 rule, got []"],
    ["rules not a list", {"bins":5,"rules":"x"}, "options.map.rules", "rfmSegments: options.map.rules must be an array, got \"x\""],
    ["rules missing", {"bins":5}, "options.map.rules", "rfmSegments: options.map.rules must be an array, got undefined"],
    ["a rule that is not an object", {"bins":5,"rules":[5]}, "options.map.rules[0]", "rfmSegments: options.map.rules[0] must be a rule object ({ segment, recency?, frequency?, monetary? }), got 5"],
    ["an empty segment name", {"bins":5,"rules":[{"segment":""}]}, "options.map.rules[0].segment", "rfmSegments: options.map.rules[0].segment must be a non-empty string, got \"\""],
    ["a segment name that is a number", {"bins":5,"rules":[{"segment":5}]}, "options.map.rules[0].segment", "rfmSegments: options.map.rules[0].segment must be a string, got 5"],
    ["a range bound below 1", {"bins":5,"rules":[{"segment":"A","recency":[0,3]}]}, "options.map.rules[0].recency[0]", "rfmSegments: options.map.rules[0].recency[0] must be >= 1, got 0"],
    ["a range bound above 9", {"bins":5,"rules":[{"segment":"A","recency":[1,10]}]}, "options.map.rules[0].recency[1]", "rfmSegments: options.map.rules[0].recency[1] must be <= 9, got 10"],
    ["a fractional range bound", {"bins":5,"rules":[{"segment":"A","recency":[1.5,3]}]}, "options.map.rules[0].recency[0]", "rfmSegments: options.map.rules[0].recency[0] must be an integer, got 1.5"],
    ["a NaN range bound", {"bins":5,"rules":[{"segment":"A","frequency":[1,Number.NaN]}]}, "options.map.rules[0].frequency[1]", "rfmSegments: options.map.rules[0].frequency[1] must be a finite number, got NaN"],
    ["a range of three", {"bins":5,"rules":[{"segment":"A","recency":[1,2,3]}]}, "options.map.rules[0].recency", "rfmSegments: options.map.rules[0].recency must be a [low, high] pair of integers from 1 to 9, got [1, 2, 3]"],
    ["a range of five", {"bins":5,"rules":[{"segment":"A","monetary":[1,2,3,4,5]}]}, "options.map.rules[0].monetary", "rfmSegments: options.map.rules[0].monetary must be a [low, high] pair of integers from 1 to 9, got an array"],
    ["a range as a string", {"bins":5,"rules":[{"segment":"A","recency":"1-3"}]}, "options.map.rules[0].recency", "rfmSegments: options.map.rules[0].recency must be a [low, high] pair of integers from 1 to 9, got \"1-3\""],
    ["a reversed range", {"bins":5,"rules":[{"segment":"A","recency":[3,1]}]}, "options.map.rules[0].recency", "rfmSegments: options.map.rules[0].recency must be [low, high] with low <= high, got [3, 1]"],
    ["a range beyond bins", {"bins":5,"rules":[{"segment":"A","recency":[1,6]}]}, "options.map.rules[0].recency", "rfmSegments: options.map.rules[0].recency must lie within 1..5 (bins), got [1, 6]"],
    ["an empty fallback", {"bins":5,"rules":[{"segment":"A"}],"fallback":""}, "options.map.fallback", "rfmSegments: options.map.fallback must be a non-empty string or null, got \"\""],
    ["a numeric fallback", {"bins":5,"rules":[{"segment":"A"}],"fallback":5}, "options.map.fallback", "rfmSegments: options.map.fallback must be a non-empty string or null, got 5"],
    ["a range of one", {"bins":5,"rules":[{"segment":"A","recency":[1]}]}, "options.map.rules[0].recency", "rfmSegments: options.map.rules[0].recency must be a [low, high] pair of integers from 1 to 9, got [1]"],
    ["a range of four", {"bins":5,"rules":[{"segment":"A","recency":[1,2,3,4]}]}, "options.map.rules[0].recency", "rfmSegments: options.map.rules[0].recency must be a [low, high] pair of integers from 1 to 9, got [1, 2, 3, 4]"],
    ["a fallback that is a list", {"bins":5,"rules":[{"segment":"A"}],"fallback":["a"]}, "options.map.fallback", "rfmSegments: options.map.fallback must be a non-empty string or null, got an array"],
    ["a long unknown name, shown whole", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "options.map", "rfmSegments: options.map must be \"default\", \"published\", \"pandas-rf\" or a segment map object ({ bins, rules, fallback? }), got \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""],
];

describe("resolveSegmentMap: messages of a broken segment map", () => {
  it.each(cases)("refuses %s", (_name, map, path, message) => {
    let error: unknown;
    try {
      resolveSegmentMap("rfmSegments", "options.map", map);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrmMetricsError);
    expect(error).toMatchObject({ code: "INVALID_OPTION", path, message });
  });

  it("accepts the named maps and reads keys it does not know as nothing", () => {
    expect(resolveSegmentMap("rfmSegments", "options.map", { bins: 5, rules: [{ segment: "A", extra: 1 }], extra: 1 })).toEqual({ bins: 5, rules: [{ segment: "A" }] });
    expect(resolveSegmentMap("rfmSegments", "options.map", "published").bins).toBe(5);
  });
});
