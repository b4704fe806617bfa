import { describe, expect, it } from "vitest";
import { LeadScoringRulesSchema } from "../../src/index.js";
import { parseLeadScoringRules } from "../../src/scoring/leadScoringRules.js";
import { caughtError } from "../support/errors.js";

/** Rules with one rule of `kind` whose criteria are `when`. */
const withCriterion = (kind: "fit" | "engagement", criterion: Record<string, unknown>): unknown => ({
  groups: [{ id: "g", kind, rules: [{ id: "r", points: 1, when: [criterion] }] }],
});

/** `path: message` of the INVALID_OPTION error that parsing `rules` throws. */
const issue = (rules: unknown): string => {
  const e = caughtError(() => parseLeadScoringRules("scoreLeads", rules));
  expect(e.code).toBe("INVALID_OPTION");
  expect(e.message.startsWith(`scoreLeads: ${e.path} `)).toBe(true);
  return `${e.path}: ${e.message.slice(`scoreLeads: ${e.path} `.length)}`;
};

describe("parseLeadScoringRules", () => {
  it("returns valid rules", () => {
    const rules = { groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1 }] }], mqlThreshold: 1 };
    expect(parseLeadScoringRules("scoreLeads", rules)).toEqual(rules);
  });

  it("names the fields a criterion may read in its group kind", () => {
    expect(issue(withCriterion("fit", { field: "type", operator: "exists" }))).toBe(
      'rules.groups[0].rules[0].when[0].field: must be "channel", "status" or "properties.<name>" in a fit rule, got "type"',
    );
    expect(issue(withCriterion("engagement", { field: "status", operator: "exists" }))).toBe(
      'rules.groups[0].rules[0].when[0].field: must be "type", "channel", "direction" or "properties.<name>" in an engagement rule, got "status"',
    );
  });

  it("rejects a properties. field without a name and a long field that is not a property", () => {
    expect(issue(withCriterion("fit", { field: "properties.", operator: "exists" }))).toMatch(/^rules\.groups\[0\]\.rules\[0\]\.when\[0\]\.field: /);
    expect(issue(withCriterion("fit", { field: "company_size", operator: "exists" }))).toMatch(/^rules\.groups\[0\]\.rules\[0\]\.when\[0\]\.field: /);
    expect(() => parseLeadScoringRules("scoreLeads", withCriterion("fit", { field: "properties.x", operator: "exists" }))).not.toThrow();
  });

  it("checks the value each operator needs", () => {
    const at = "rules.groups[0].rules[0].when[0].value";
    const v = (operator: string, value?: unknown): string =>
      issue(withCriterion("fit", { field: "status", operator, ...(value === undefined ? {} : { value }) }));
    expect(v("eq")).toBe(`${at}: must be a string, number, boolean or null, got undefined`);
    expect(v("neq", ["a"])).toBe(`${at}: must be a string, number, boolean or null, got an array`);
    expect(v("in", "a")).toBe(`${at}: must be an array of values, got "a"`);
    expect(v("notIn")).toBe(`${at}: must be an array of values, got undefined`);
    expect(v("lte", "5")).toBe(`${at}: must be a finite number, got "5"`);
    expect(v("exists", "a")).toBe(`${at}: must be absent for exists/notExists, got "a"`);
    expect(v("notExists", null)).toBe(`${at}: must be absent for exists/notExists, got null`);
    expect(v("contains", 5)).toBe(`${at}: must be a string, got 5`);
    expect(v("startsWith")).toBe(`${at}: must be a string, got undefined`);
    expect(v("endsWith", ["a"])).toBe(`${at}: must be a string, got an array`);
  });

  it("accepts the value each operator needs", () => {
    const ok = (operator: string, value?: unknown): boolean =>
      LeadScoringRulesSchema.safeParse(withCriterion("fit", { field: "status", operator, ...(value === undefined ? {} : { value }) })).success;
    expect([ok("eq", null), ok("neq", 1), ok("in", []), ok("notIn", ["a", 1, null]), ok("gt", 0), ok("exists"), ok("notContains", "")]).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("explains the rules between fields in the house format", () => {
    expect(issue({ groups: [{ id: "g", kind: "fit", rules: [] }, { id: "g", kind: "fit", rules: [] }] })).toBe(
      'rules.groups[1].id: must be unique among groups, got "g"',
    );
    expect(issue({ groups: [{ id: "g", kind: "fit", timeFrame: { days: 3 }, rules: [] }] })).toBe(
      "rules.groups[0].timeFrame: must not be set on a fit group (engagement groups only), got an object",
    );
    expect(issue({ groups: [{ id: "g", kind: "fit", decay: { halfLifeDays: 3 }, rules: [] }] })).toBe(
      "rules.groups[0].decay: must not be set on a fit group (engagement groups only), got an object",
    );
    expect(issue({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1 }, { id: "r", points: 2 }] }] })).toBe(
      'rules.groups[0].rules[1].id: must be unique among rules, got "r"',
    );
    expect(issue({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1, minCount: 2 }] }] })).toBe(
      "rules.groups[0].rules[0].minCount: must not be set in a fit rule (engagement rules only), got 2",
    );
    expect(issue({ groups: [{ id: "g", kind: "engagement", rules: [{ id: "r", points: 1, minCount: 3, maxCount: 2 }] }] })).toBe(
      "rules.groups[0].rules[0].maxCount: must be >= minCount, got 2",
    );
    expect(issue({ groups: [{ id: "g", kind: "engagement", rules: [{ id: "r", points: 1, maxCount: 0 }] }] })).toBe(
      "rules.groups[0].rules[0].maxCount: must be >= minCount, got 0",
    );
    expect(issue({ groups: [], grades: { type: "matrix", fit: [1, 5], engagement: [2, 1] } })).toBe(
      "rules.grades.fit: must be [A, B] with A >= B, got an array",
    );
    expect(issue({ groups: [], grades: { type: "matrix", fit: [5, 1], engagement: [1, 2] } })).toBe(
      "rules.grades.engagement: must be [one, two] with one >= two, got an array",
    );
    expect(issue({ groups: [], grades: { type: "bands", bands: [{ label: "x", minScore: 1 }, { label: "x", minScore: 2 }] } })).toBe(
      'rules.grades.bands[1].label: must be unique among bands, got "x"',
    );
  });

  it("accepts equal bounds: maxCount = minCount and equal matrix thresholds", () => {
    const ok = (rules: unknown): boolean => LeadScoringRulesSchema.safeParse(rules).success;
    expect(ok({ groups: [{ id: "g", kind: "engagement", rules: [{ id: "r", points: 1, minCount: 2, maxCount: 2 }] }] })).toBe(true);
    expect(ok({ groups: [{ id: "g", kind: "engagement", rules: [{ id: "r", points: 1, maxCount: 1 }] }] })).toBe(true);
    expect(ok({ groups: [], grades: { type: "matrix", fit: [5, 5], engagement: [3, 3] } })).toBe(true);
  });

  it("passes the shape errors of the schema on as 'is invalid (...)', with the value found", () => {
    const e = caughtError(() => parseLeadScoringRules("scoreLeads", { groups: [{ kind: "fit", rules: [] }] }));
    expect(e.path).toBe("rules.groups[0].id");
    expect(e.message).toMatch(/^scoreLeads: rules\.groups\[0\]\.id is invalid \(.*expected string.*\), got undefined$/);
    expect(issue({ groups: [{ id: "g", kind: "vip", rules: [] }] })).toMatch(/^rules\.groups\[0\]\.kind: is invalid \(.+\), got "vip"$/);
  });
});
