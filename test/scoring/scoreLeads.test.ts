import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LeadScoringRulesSchema, scoreLeads } from "../../src/index.js";
import type { Interaction, Lead, LeadScoringRules } from "../../src/index.js";
import { deepFreeze, failure } from "./helpers.js";

const DAY = 86_400_000;
const asOf = "2026-03-31T00:00:00Z";
const daysAgo = (d: number): string => new Date(Date.parse(asOf) - d * DAY).toISOString();
const ev = (lead: string, type: string, d: number, id?: string): Interaction => ({
  customerId: lead,
  occurredAt: daysAgo(d),
  type,
  ...(id === undefined ? {} : { id }),
});

const rules: LeadScoringRules = {
  limit: 100,
  groups: [
    {
      id: "firmographics",
      kind: "fit",
      limit: 40,
      rules: [
        { id: "software", when: [{ field: "properties.industry", operator: "eq", value: "software" }], points: 25 },
        { id: "big", when: [{ field: "properties.employees", operator: "gte", value: 200 }], points: 20 },
        { id: "student", when: [{ field: "properties.title", operator: "contains", value: "student", ignoreCase: true }], points: -30 },
        { id: "referral", when: [{ field: "channel", operator: "in", value: ["referral", "partner"] }], points: 10 },
      ],
    },
    {
      id: "web",
      kind: "engagement",
      limit: 30,
      timeFrame: { days: 30 },
      rules: [
        { id: "visit", when: [{ field: "type", operator: "eq", value: "page_view" }], points: 4, limit: 20 },
        { id: "demo", when: [{ field: "type", operator: "eq", value: "demo_request" }], points: 25, per: "match" },
      ],
    },
  ],
  grades: { type: "matrix", fit: [30, 10], engagement: [20, 5] },
  mqlThreshold: 50,
};

const leads: Lead[] = [
  { id: "a", createdAt: "2026-01-01", channel: "referral", properties: { industry: "software", employees: 500 } },
  { id: "b", createdAt: "2026-01-01", channel: "ads", properties: { industry: "retail", title: "PhD Student" } },
  { id: "c", createdAt: "2026-01-01" },
];

const interactions: Interaction[] = [
  ...[1, 2, 3, 4, 5, 6].map((d) => ev("a", "page_view", d, `v${d}`)),
  ev("a", "demo_request", 10, "d1"),
  ev("a", "page_view", 45, "old"), // outside the 30-day time frame
  ev("b", "page_view", 2),
  ev("zzz", "page_view", 1), // no such lead
  { customerId: "a", occurredAt: "2026-04-02T00:00:00Z", type: "page_view" }, // after asOf
];

describe("scoreLeads", () => {
  it("adds fit and engagement points, capping rules, then groups, then the total", () => {
    const r = scoreLeads(leads, rules, { interactions, asOf });
    const a = r.scores[0]!;
    // fit: 25 + 20 + 10 = 55 -> group limit 40 (capped by 15)
    expect(a.fitScore).toBe(40);
    expect(a.groups[0]).toEqual({ groupId: "firmographics", kind: "fit", points: 40, uncappedPoints: 55, cappedBy: 15 });
    // engagement: 6 visits x 4 = 24 -> rule limit 20; demo 25 once -> 45 -> group limit 30
    const visit = a.fired.find((f) => f.ruleId === "visit")!;
    expect(visit).toEqual({
      ruleId: "visit",
      groupId: "web",
      points: 20,
      uncappedPoints: 24,
      cappedBy: 4,
      occurrences: 6,
      interactionIds: ["v6", "v5", "v4", "v3", "v2", "v1"],
    });
    expect(a.fired.find((f) => f.ruleId === "demo")).toMatchObject({ points: 25, occurrences: 1, interactionIds: ["d1"] });
    expect(a.groups[1]).toMatchObject({ points: 30, uncappedPoints: 45, cappedBy: 15 });
    expect(a).toMatchObject({ score: 70, uncappedScore: 70, cappedBy: 0, grade: "A1", fitGrade: "A", engagementGrade: "1", mql: true });

    const b = r.scores[1]!;
    expect(b.fired.map((f) => [f.ruleId, f.points])).toEqual([
      ["student", -30],
      ["visit", 4],
    ]);
    expect(b).toMatchObject({ fitScore: -30, engagementScore: 4, score: -26, grade: "C3", mql: false });

    const c = r.scores[2]!;
    expect(c).toMatchObject({ leadId: "c", score: 0, fired: [], grade: "C3", mql: false });
    expect(r).toMatchObject({ n: 3, mqlCount: 1, interactionsUsed: 9, interactionsWithoutLead: 1, interactionsAfterAsOf: 1 });
    expect(r.gradeCounts).toEqual([
      { grade: "A1", count: 1 },
      { grade: "C3", count: 2 },
    ]);
  });

  it("clamps the total at the score limit and keeps negative totals", () => {
    const capped: LeadScoringRules = {
      limit: 15,
      groups: [{ id: "g", kind: "fit", rules: [{ id: "x", points: 10 }, { id: "y", points: 10 }] }],
    };
    const s = scoreLeads([{ id: 1, createdAt: 0 }], capped).scores[0]!;
    expect(s).toMatchObject({ score: 15, uncappedScore: 20, cappedBy: 5, leadId: "1", grade: null, mql: null });
    const negative: LeadScoringRules = { limit: 15, groups: [{ id: "g", kind: "fit", rules: [{ id: "x", points: -40 }] }] };
    expect(scoreLeads([{ id: 1, createdAt: 0 }], negative).scores[0]!).toMatchObject({ score: -15, cappedBy: -25 });
  });

  it("counts the time frame as (asOf - days, asOf]", () => {
    const r: LeadScoringRules = {
      groups: [{ id: "g", kind: "engagement", timeFrame: { days: 7 }, rules: [{ id: "any", points: 1 }] }],
    };
    const evs = [ev("a", "x", 7), ev("a", "x", 6.999), ev("a", "x", 0)];
    const s = scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: evs, asOf }).scores[0]!;
    expect(s.score).toBe(2);
  });

  it("halves points every half-life and decays a match rule with its latest interaction", () => {
    const r: LeadScoringRules = {
      groups: [
        {
          id: "g",
          kind: "engagement",
          decay: { halfLifeDays: 30 },
          rules: [
            { id: "each", when: [{ field: "type", operator: "eq", value: "open" }], points: 8 },
            { id: "once", when: [{ field: "type", operator: "eq", value: "demo" }], points: 40, per: "match" },
          ],
        },
      ],
    };
    const evs = [ev("a", "open", 0), ev("a", "open", 30), ev("a", "open", 60), ev("a", "demo", 90), ev("a", "demo", 30)];
    const s = scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: evs, asOf }).scores[0]!;
    expect(s.fired[0]!.points).toBeCloseTo(8 + 4 + 2, 12);
    expect(s.fired[1]!.points).toBeCloseTo(20, 12);
    expect(s.score).toBeCloseTo(34, 12);
  });

  it("gives frequency ranges with match rules (1-2 visits = 5, 3+ = 10)", () => {
    const r: LeadScoringRules = {
      groups: [
        {
          id: "g",
          kind: "engagement",
          rules: [
            { id: "few", points: 5, per: "match", minCount: 1, maxCount: 2 },
            { id: "many", points: 10, per: "match", minCount: 3 },
          ],
        },
      ],
    };
    const score = (k: number): number =>
      scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: Array.from({ length: k }, (_, i) => ev("a", "v", i)) })
        .scores[0]!.score;
    expect([0, 1, 2, 3, 7].map(score)).toEqual([0, 5, 5, 10, 10]);
  });

  it("fires a match rule with minCount 0 when nothing matches, with its full points", () => {
    const r: LeadScoringRules = {
      groups: [
        {
          id: "email",
          kind: "engagement",
          decay: { halfLifeDays: 10 },
          rules: [
            { id: "silent", when: [{ field: "type", operator: "eq", value: "email_open" }], points: -10, per: "match", minCount: 0, maxCount: 0 },
            { id: "opens", when: [{ field: "type", operator: "eq", value: "email_open" }], points: 3, minCount: 0 },
          ],
        },
      ],
    };
    const leads: Lead[] = [{ id: "quiet", createdAt: 0 }, { id: "reader", createdAt: 0 }];
    // "reader" opened one email 10 days ago (one half-life): the occurrence rule pays 3 * 0.5
    const res = scoreLeads(leads, r, { interactions: [ev("reader", "email_open", 10), ev("quiet", "page_view", 1)], asOf, explain: true });
    const quiet = res.scores[0]!;
    expect(quiet.score).toBe(-10);
    expect(quiet.fired.map((f) => [f.ruleId, f.points, f.occurrences])).toEqual([["silent", -10, 0]]);
    const reader = res.scores[1]!;
    expect(reader.fired.map((f) => f.ruleId)).toEqual(["opens"]);
    expect(reader.score).toBeCloseTo(1.5, 12);
  });

  it("counts every interaction of a lead with many of them", () => {
    const r: LeadScoringRules = { groups: [{ id: "g", kind: "engagement", rules: [{ id: "any", points: 1 }] }] };
    const evs = Array.from({ length: 150 }, (_, k) => ev(k % 2 === 0 ? "a" : "b", "x", k / 10));
    const res = scoreLeads([{ id: "a", createdAt: 0 }, { id: "b", createdAt: 0 }], r, { interactions: evs });
    expect(res.scores.map((s) => s.score)).toEqual([75, 75]);
  });

  it("evaluates every operator, treating missing values as unknown", () => {
    const lead: Lead = {
      id: "x",
      createdAt: 0,
      status: "MQL",
      properties: { n: 5, s: "Acme Corp", b: true, z: null, empty: "" },
    };
    const check = (field: string, operator: string, value?: unknown, ignoreCase?: boolean): boolean => {
      const when = [{ field, operator, ...(value === undefined ? {} : { value }), ...(ignoreCase ? { ignoreCase } : {}) }];
      const r = { groups: [{ id: "g", kind: "fit", rules: [{ id: "r", when, points: 1 }] }] } as unknown as LeadScoringRules;
      return scoreLeads([lead], r).scores[0]!.score === 1;
    };
    expect(check("properties.n", "eq", 5)).toBe(true);
    expect(check("properties.n", "eq", "5")).toBe(false);
    expect(check("properties.n", "neq", 4)).toBe(true);
    expect(check("properties.missing", "neq", 4)).toBe(true);
    expect(check("properties.z", "eq", null)).toBe(true);
    expect(check("properties.missing", "eq", null)).toBe(true);
    expect(check("properties.n", "in", [1, 5])).toBe(true);
    expect(check("properties.n", "notIn", [1, 5])).toBe(false);
    expect(check("properties.missing", "in", [null])).toBe(true);
    expect(check("properties.n", "gt", 5)).toBe(false);
    expect(check("properties.n", "gte", 5)).toBe(true);
    expect(check("properties.n", "lt", 6)).toBe(true);
    expect(check("properties.n", "lte", 4)).toBe(false);
    expect(check("properties.s", "gt", 0)).toBe(false);
    expect(check("properties.b", "eq", true)).toBe(true);
    expect(check("properties.s", "exists")).toBe(true);
    expect(check("properties.empty", "exists")).toBe(false);
    expect(check("properties.z", "notExists")).toBe(true);
    expect(check("properties.s", "contains", "corp")).toBe(false);
    expect(check("properties.s", "contains", "corp", true)).toBe(true);
    expect(check("properties.s", "notContains", "Corp")).toBe(false);
    expect(check("properties.missing", "notContains", "Corp")).toBe(true);
    expect(check("properties.s", "startsWith", "Acme")).toBe(true);
    expect(check("properties.s", "endsWith", "corp", true)).toBe(true);
    expect(check("status", "eq", "mql", true)).toBe(true);
    expect(check("status", "in", ["mql"], true)).toBe(true);
    expect(check("channel", "notExists")).toBe(true);
  });

  it("matches engagement rules on channel, direction and interaction properties", () => {
    const r: LeadScoringRules = {
      groups: [
        {
          id: "g",
          kind: "engagement",
          rules: [
            {
              id: "inbound-call",
              when: [
                { field: "channel", operator: "eq", value: "phone" },
                { field: "direction", operator: "eq", value: "inbound" },
                { field: "properties.minutes", operator: "gte", value: 5 },
              ],
              points: 15,
            },
          ],
        },
      ],
    };
    const evs: Interaction[] = [
      { customerId: "a", occurredAt: 1, type: "call", channel: "phone", direction: "inbound", properties: { minutes: 12 } },
      { customerId: "a", occurredAt: 2, type: "call", channel: "phone", direction: "outbound", properties: { minutes: 12 } },
      { customerId: "a", occurredAt: 3, type: "call", channel: "phone", direction: "inbound", properties: { minutes: 2 } },
      { customerId: "a", occurredAt: 4, type: "call", channel: "phone", direction: "inbound" },
    ];
    expect(scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: evs }).scores[0]!.score).toBe(15);
  });

  it("maps scores to custom bands", () => {
    const banded: LeadScoringRules = {
      groups: [{ id: "g", kind: "fit", rules: [{ id: "n", when: [{ field: "properties.n", operator: "gte", value: 1 }], points: 10 }] }],
      grades: { type: "bands", bands: [{ label: "warm", minScore: 5 }, { label: "hot", minScore: 10 }] },
    };
    const r = scoreLeads(
      [
        { id: "x", createdAt: 0, properties: { n: 1 } },
        { id: "y", createdAt: 0 },
      ],
      banded,
    );
    expect(r.scores.map((s) => s.grade)).toEqual(["hot", null]);
    expect(r.gradeCounts).toEqual([
      { grade: "hot", count: 1 },
      { grade: null, count: 1 },
    ]);
  });

  it("puts a score at a threshold in the better grade", () => {
    const r: LeadScoringRules = {
      groups: [{ id: "g", kind: "fit", rules: [{ id: "x", points: 10 }] }],
      grades: { type: "matrix", fit: [10, 5], engagement: [1, 0] },
      mqlThreshold: 10,
    };
    expect(scoreLeads([{ id: 1, createdAt: 0 }], r).scores[0]).toMatchObject({ grade: "A2", mql: true });
  });

  it("reads ISO dates without an offset in the time zone (Europe/Berlin, America/New_York)", () => {
    const r: LeadScoringRules = { groups: [{ id: "g", kind: "engagement", rules: [{ id: "any", points: 1 }] }] };
    const evs: Interaction[] = [{ customerId: "a", occurredAt: "2026-03-10T23:30:00", type: "x" }];
    const score = (timeZone: string): number =>
      scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: evs, asOf: "2026-03-10T23:00:00Z", timeZone }).scores[0]!.score;
    expect(score("UTC")).toBe(0);
    expect(score("Europe/Berlin")).toBe(1); // 22:30Z
    expect(score("America/New_York")).toBe(0); // 03:30Z on the 11th (EDT since 8 March)
    // a time frame across the spring DST change counts 24-hour days
    const tf: LeadScoringRules = { groups: [{ id: "g", kind: "engagement", timeFrame: { days: 1 }, rules: [{ id: "any", points: 1 }] }] };
    const dst: Interaction[] = [{ customerId: "a", occurredAt: "2026-03-29T00:30:00", type: "x" }];
    const at = (s: string): number =>
      scoreLeads([{ id: "a", createdAt: 0 }], tf, { interactions: dst, asOf: s, timeZone: "Europe/Berlin" }).scores[0]!.score;
    expect(at("2026-03-30T00:29:00")).toBe(1); // 23h59m later on the wall clock, 22h59m in real time
    expect(at("2026-03-30T01:31:00")).toBe(0); // 24h01m real
  });

  it("handles ids such as __proto__ and constructor and does not read inherited properties", () => {
    const r: LeadScoringRules = {
      groups: [
        { id: "f", kind: "fit", rules: [{ id: "c", when: [{ field: "properties.constructor", operator: "exists" }], points: 5 }] },
        { id: "e", kind: "engagement", rules: [{ id: "any", points: 1 }] },
      ],
    };
    const res = scoreLeads(
      [
        { id: "__proto__", createdAt: 0, properties: {} },
        { id: "constructor", createdAt: 0 },
      ],
      r,
      { interactions: [ev("__proto__", "x", 1), ev("constructor", "x", 1), ev("constructor", "x", 2)] },
    );
    expect(res.scores.map((s) => [s.leadId, s.score])).toEqual([
      ["__proto__", 1],
      ["constructor", 2],
    ]);
  });

  it("does not mutate its inputs and gives the same scores without explanations", () => {
    const frozen = deepFreeze(structuredClone({ leads, interactions, rules }));
    const full = scoreLeads(frozen.leads, frozen.rules, { interactions: frozen.interactions, asOf });
    const lean = scoreLeads(frozen.leads, frozen.rules, { interactions: frozen.interactions, asOf, explain: false });
    expect(lean.scores.map((s) => [s.score, s.grade, s.fired.length, s.groups.length])).toEqual(
      full.scores.map((s) => [s.score, s.grade, 0, 0]),
    );
    expect(frozen.leads).toEqual(leads);
  });

  it("scores no leads as an empty result and accepts iterables", () => {
    expect(scoreLeads([], rules, { asOf })).toMatchObject({ n: 0, scores: [], mqlCount: 0, gradeCounts: [] });
    expect(scoreLeads(new Set(leads), rules, { asOf, interactions: new Set(interactions) }).scores[0]!.score).toBe(70);
  });

  it("rejects invalid rules with INVALID_OPTION and the path inside the rules", () => {
    const bad = (r: unknown): string => failure(() => scoreLeads(leads, r as LeadScoringRules, { asOf }));
    expect(bad(null)).toBe("INVALID_OPTION rules");
    expect(bad({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: "10" }] }] })).toBe(
      "INVALID_OPTION rules.groups[0].rules[0].points",
    );
    expect(bad({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: Number.NaN }] }] })).toBe(
      "INVALID_OPTION rules.groups[0].rules[0].points",
    );
    expect(
      bad({ groups: [{ id: "g", kind: "engagement", decay: { halfLifeDays: 30 }, timeFrame: { days: 30 }, rules: [] }] }),
    ).toBe("INVALID_OPTION rules.groups[0].decay");
    expect(bad({ groups: [{ id: "g", kind: "fit", timeFrame: { days: 3 }, rules: [] }] })).toBe(
      "INVALID_OPTION rules.groups[0].timeFrame",
    );
    expect(bad({ groups: [{ id: "g", kind: "fit", decay: { halfLifeDays: 3 }, rules: [] }] })).toBe(
      "INVALID_OPTION rules.groups[0].decay",
    );
    expect(bad({ groups: [{ id: "g", kind: "engagement", decay: { halfLifeDays: 0 }, rules: [] }] })).toBe(
      "INVALID_OPTION rules.groups[0].decay.halfLifeDays",
    );
    expect(
      bad({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1, when: [{ field: "properties.n", operator: "gt", value: "5" }] }] }] }),
    ).toBe("INVALID_OPTION rules.groups[0].rules[0].when[0].value");
    expect(
      bad({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1, when: [{ field: "type", operator: "eq", value: "x" }] }] }] }),
    ).toBe("INVALID_OPTION rules.groups[0].rules[0].when[0].field");
    expect(
      bad({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1, when: [{ field: "status", operator: "like", value: "x" }] }] }] }),
    ).toBe("INVALID_OPTION rules.groups[0].rules[0].when[0].operator");
    expect(bad({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1, per: "match" }] }] })).toBe(
      "INVALID_OPTION rules.groups[0].rules[0].per",
    );
    expect(bad({ groups: [{ id: "g", kind: "engagement", rules: [{ id: "r", points: 1, minCount: 3, maxCount: 2 }] }] })).toBe(
      "INVALID_OPTION rules.groups[0].rules[0].maxCount",
    );
    expect(
      bad({ groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: 1 }, { id: "r", points: 2 }] }] }),
    ).toBe("INVALID_OPTION rules.groups[0].rules[1].id");
    expect(bad({ groups: [{ id: "g", kind: "fit", rules: [] }, { id: "g", kind: "fit", rules: [] }] })).toBe(
      "INVALID_OPTION rules.groups[1].id",
    );
    expect(bad({ groups: [], grades: { type: "matrix", fit: [1, 5], engagement: [2, 1] } })).toBe(
      "INVALID_OPTION rules.grades.fit",
    );
    expect(bad({ groups: [], grades: { type: "bands", bands: [{ label: "x", minScore: 1 }, { label: "x", minScore: 2 }] } })).toBe(
      "INVALID_OPTION rules.grades.bands[1].label",
    );
    expect(() =>
      scoreLeads(leads, { groups: [{ id: "g", kind: "fit", rules: [{ id: "r", points: "10" }] }] } as unknown as LeadScoringRules),
    ).toThrow('scoreLeads: rules.groups[0].rules[0].points must be a finite number, got "10"');
    expect(() =>
      scoreLeads(leads, {
        groups: [{ id: "g", kind: "engagement", decay: { halfLifeDays: 30 }, timeFrame: { days: 30 }, rules: [] }],
      }),
    ).toThrow("scoreLeads: rules.groups[0].decay must not be combined with timeFrame (decay XOR time frame), got an object");
  });

  it("requires asOf for decay and time frames and validates options", () => {
    expect(failure(() => scoreLeads(leads, rules, { interactions }))).toBe("INVALID_OPTION options.asOf");
    expect(failure(() => scoreLeads(leads, rules, { asOf: "yesterday" }))).toBe("INVALID_OPTION options.asOf");
    expect(failure(() => scoreLeads(leads, rules, { asOf, timeZone: "Mars/Base" }))).toBe("INVALID_OPTION options.timeZone");
    expect(failure(() => scoreLeads(leads, rules, { asOf, explain: 1 as unknown as boolean }))).toBe("INVALID_OPTION options.explain");
    expect(failure(() => scoreLeads(leads, rules, 5 as unknown as object))).toBe("INVALID_OPTION options");
  });

  it("rejects invalid records with INVALID_INPUT and their path", () => {
    const r = rules;
    expect(failure(() => scoreLeads([leads[0]!, { ...leads[1]!, id: "a" }], r, { asOf }))).toBe("INVALID_INPUT leads[1].id");
    expect(failure(() => scoreLeads([{ id: "", createdAt: 0 }], r, { asOf }))).toBe("INVALID_INPUT leads[0].id");
    expect(failure(() => scoreLeads([null as unknown as Lead], r, { asOf }))).toBe("INVALID_INPUT leads[0]");
    expect(failure(() => scoreLeads(5 as unknown as Lead[], r, { asOf }))).toBe("INVALID_INPUT leads");
    expect(
      failure(() => scoreLeads([{ id: "a", createdAt: 0, properties: { industry: { x: 1 } } as never }], r, { asOf })),
    ).toBe("INVALID_INPUT leads[0].properties.industry");
    expect(
      failure(() => scoreLeads([{ id: "a", createdAt: 0, properties: { employees: Number.POSITIVE_INFINITY } }], r, { asOf })),
    ).toBe("INVALID_INPUT leads[0].properties.employees");
    expect(failure(() => scoreLeads([{ id: "a", createdAt: 0, properties: "x" as never }], r, { asOf }))).toBe(
      "INVALID_INPUT leads[0].properties",
    );
    expect(failure(() => scoreLeads([{ id: "a", createdAt: 0, channel: 7 as never }], r, { asOf }))).toBe(
      "INVALID_INPUT leads[0].channel",
    );
    const withEvent = (e: unknown): string => failure(() => scoreLeads(leads, r, { asOf, interactions: [e as Interaction] }));
    expect(withEvent({ customerId: "a", occurredAt: "2026-02-30", type: "x" })).toBe("INVALID_INPUT options.interactions[0].occurredAt");
    expect(withEvent({ customerId: "a", occurredAt: Number.NaN, type: "x" })).toBe("INVALID_INPUT options.interactions[0].occurredAt");
    expect(withEvent({ customerId: null, occurredAt: 0, type: "x" })).toBe("INVALID_INPUT options.interactions[0].customerId");
    expect(withEvent({ customerId: "a", occurredAt: 0, type: "" })).toBe("INVALID_INPUT options.interactions[0].type");
    expect(withEvent("x")).toBe("INVALID_INPUT options.interactions[0]");
    expect(withEvent({ customerId: "a", occurredAt: daysAgo(1), type: "page_view", properties: [1] })).toBe("none");
  });

  it("validates stored rules with LeadScoringRulesSchema after a JSON round trip", () => {
    const stored = JSON.parse(JSON.stringify(rules)) as unknown;
    expect(LeadScoringRulesSchema.safeParse(stored).success).toBe(true);
    expect(LeadScoringRulesSchema.safeParse({ groups: [{ id: "g", kind: "vip", rules: [] }] }).success).toBe(false);
  });

  it("gives the same score to each lead whatever the order of leads and interactions (property)", () => {
    const arbEvent = fc.record({
      lead: fc.constantFrom("a", "b", "c"),
      type: fc.constantFrom("page_view", "demo_request", "email_open"),
      d: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 30 }), fc.integer(), (raw, seed) => {
        const evs = raw.map((e, k) => ev(e.lead, e.type, e.d, `i${k}`));
        const decayed: LeadScoringRules = {
          ...rules,
          groups: [rules.groups[0]!, { ...rules.groups[1]!, timeFrame: undefined, decay: { halfLifeDays: 14 } }],
        };
        const base = scoreLeads(leads, decayed, { interactions: evs, asOf });
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seed >>> 0;
          for (let i = out.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const other = scoreLeads(shuffle(leads), decayed, { interactions: shuffle(evs), asOf });
        const byId = new Map(other.scores.map((s) => [s.leadId, s]));
        for (const s of base.scores) {
          const o = byId.get(s.leadId)!;
          expect(o.score).toBe(s.score);
          expect(o.fired).toEqual(s.fired);
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it("keeps every score within the limits and equal to the capped group sums (property)", () => {
    const arbRule = fc.record({ points: fc.integer({ min: -50, max: 50 }), limit: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }) });
    fc.assert(
      fc.property(
        fc.array(arbRule, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 10 }),
        (ruleSpecs, groupLimit, totalLimit, ages) => {
          const r: LeadScoringRules = {
            limit: totalLimit,
            groups: [
              {
                id: "e",
                kind: "engagement",
                limit: groupLimit,
                rules: ruleSpecs.map((s, k) => ({ id: `r${k}`, points: s.points, ...(s.limit === undefined ? {} : { limit: s.limit }) })),
              },
            ],
          };
          const s = scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: ages.map((d) => ev("a", "x", d)) }).scores[0]!;
          expect(Math.abs(s.score)).toBeLessThanOrEqual(totalLimit);
          expect(Math.abs(s.engagementScore)).toBeLessThanOrEqual(groupLimit);
          for (const f of s.fired) {
            expect(f.uncappedPoints).toBe(ruleSpecs[Number(f.ruleId.slice(1))]!.points * ages.length);
          }
          const sum = s.fired.reduce((t, f) => t + f.points, 0);
          expect(s.groups[0]!.uncappedPoints).toBe(sum);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe("scoreLeads: criteria, explanations and errors in detail", () => {
  const lead: Lead = {
    id: "x",
    createdAt: 0,
    status: "MQL",
    properties: { n: 5, digits: "10", s: "Acme Corp", z: null },
  };
  const fires = (field: string, operator: string, value?: unknown, ignoreCase?: boolean): boolean => {
    const when = [{ field, operator, ...(value === undefined ? {} : { value }), ...(ignoreCase ? { ignoreCase } : {}) }];
    const r = { groups: [{ id: "g", kind: "fit", rules: [{ id: "r", when, points: 1 }] }] } as unknown as LeadScoringRules;
    return scoreLeads([lead], r).scores[0]!.score === 1;
  };

  it("evaluates each comparison on both sides of its value", () => {
    const cases: [string, string, unknown, boolean | undefined, boolean][] = [
      ["properties.n", "gt", 4, undefined, true],
      ["properties.n", "gt", 5, undefined, false],
      ["properties.n", "gte", 6, undefined, false],
      ["properties.n", "lt", 5, undefined, false],
      ["properties.n", "lte", 5, undefined, true],
      ["properties.n", "lte", 6, undefined, true],
      ["properties.n", "lte", 4, undefined, false],
      ["properties.n", "notIn", [1, 4], undefined, true],
      ["properties.n", "notIn", [1, 5], undefined, false],
      ["properties.missing", "notIn", [null], undefined, false],
      ["properties.z", "in", [null, "a"], undefined, true],
      ["properties.z", "in", ["a"], undefined, false],
    ];
    expect(cases.map(([f, op, v, ic]) => fires(f, op, v, ic))).toEqual(cases.map((c) => c[4]));
  });

  it("matches numeric operators on numbers only, not on numeric strings", () => {
    expect(["gt", "gte", "lt", "lte"].map((op) => fires("properties.digits", op, op.startsWith("g") ? 1 : 100))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("compares eq null, eq with ignoreCase and numbers under ignoreCase", () => {
    expect(fires("properties.n", "eq", null)).toBe(false);
    expect(fires("properties.s", "neq", null)).toBe(true);
    expect(fires("properties.s", "eq", "acme corp", true)).toBe(true);
    expect(fires("properties.s", "eq", "acme", true)).toBe(false);
    expect(fires("properties.n", "eq", 5, true)).toBe(true);
    expect(fires("properties.n", "in", [5], true)).toBe(true);
  });

  it("tells startsWith, endsWith and contains apart", () => {
    expect(fires("properties.s", "startsWith", "Corp")).toBe(false);
    expect(fires("properties.s", "endsWith", "Acme")).toBe(false);
    expect(fires("properties.s", "endsWith", "Corp")).toBe(true);
    expect(fires("properties.s", "contains", "Acme")).toBe(true);
    expect(fires("properties.s", "notContains", "Acme")).toBe(false);
    expect(fires("properties.n", "contains", "5")).toBe(false);
  });

  it("reads a null properties object and a null channel as missing", () => {
    const r: LeadScoringRules = {
      groups: [
        {
          id: "g",
          kind: "fit",
          rules: [
            { id: "p", when: [{ field: "properties.industry", operator: "notExists" }], points: 1 },
            { id: "c", when: [{ field: "channel", operator: "notExists" }], points: 10 },
          ],
        },
      ],
    };
    const s = scoreLeads([{ id: "a", createdAt: 0, channel: null as never, properties: null as never }], r).scores[0]!;
    expect(s.score).toBe(11);
  });

  it("puts fit and engagement scores exactly at a matrix threshold in the better grade", () => {
    const r: LeadScoringRules = {
      groups: [
        { id: "f", kind: "fit", rules: [{ id: "x", points: 10 }] },
        { id: "e", kind: "engagement", rules: [{ id: "v", points: 10 }] },
      ],
      grades: { type: "matrix", fit: [20, 10], engagement: [10, 5] },
    };
    const s = scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: [ev("a", "x", 1)] }).scores[0]!;
    // equal fit and engagement scores add up (10 + 10), they do not cancel
    expect(s).toMatchObject({ fitScore: 10, engagementScore: 10, uncappedScore: 20, score: 20, grade: "B1", fitGrade: "B", engagementGrade: "1" });
  });

  it("orders simultaneous interactions by id whatever their input order, and lists ids as strings", () => {
    const r: LeadScoringRules = { groups: [{ id: "g", kind: "engagement", rules: [{ id: "any", points: 1 }] }] };
    const at = (id: unknown): Interaction => ({ customerId: "a", occurredAt: daysAgo(1), type: "x", id } as Interaction);
    const ids = (evs: Interaction[]): readonly string[] =>
      scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: evs, asOf }).scores[0]!.fired[0]!.interactionIds;
    expect(ids([at("b"), at("a"), at("c")])).toEqual(["a", "b", "c"]);
    expect(ids([at("c"), at("a"), at("b")])).toEqual(["a", "b", "c"]);
    expect(ids([at("a"), at("b")])).toEqual(["a", "b"]);
    // 70 simultaneous interactions, ids shuffled (k -> 37k mod 70): enough for the sort to merge runs
    const many = Array.from({ length: 70 }, (_, k) => `i${String(k).padStart(2, "0")}`);
    expect(ids(many.map((_, k) => at(many[(k * 37) % 70])))).toEqual(many);
    // interactions without an id (absent or null) count but are not listed; numbers are listed as strings
    const s = scoreLeads([{ id: "a", createdAt: 0 }], r, {
      interactions: [ev("a", "x", 3), at(null), { ...ev("a", "x", 2), id: 7 } as Interaction],
    }).scores[0]!;
    expect(s.fired[0]).toMatchObject({ occurrences: 3, interactionIds: ["7"] });
  });

  it("returns +0, not -0, for negative points whose decayed weight underflows to 0", () => {
    const r: LeadScoringRules = {
      groups: [
        {
          id: "g",
          kind: "engagement",
          decay: { halfLifeDays: 1 },
          rules: [
            { id: "each", points: -8 },
            { id: "once", points: -40, per: "match" },
          ],
        },
      ],
    };
    // 0.5^2000 is below the smallest double, so the weight is exactly 0 and -8 * 0 is -0
    const s = scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: [ev("a", "x", 2000)], asOf }).scores[0]!;
    expect(s.fired.map((f) => f.occurrences)).toEqual([1, 1]);
    for (const f of s.fired) {
      expect(Object.is(f.points, 0)).toBe(true);
      expect(Object.is(f.uncappedPoints, 0)).toBe(true);
      expect(Object.is(f.cappedBy, 0)).toBe(true);
    }
    expect(Object.is(s.score, 0)).toBe(true);
  });

  it("requires asOf for a decay group too", () => {
    const r: LeadScoringRules = { groups: [{ id: "g", kind: "engagement", decay: { halfLifeDays: 7 }, rules: [] }] };
    expect(() => scoreLeads([], r)).toThrow("scoreLeads: options.asOf is required when a group uses decay or a time frame, got undefined");
  });

  it("names the record and the rule it breaks in its messages", () => {
    const fit: LeadScoringRules = {
      groups: [{ id: "f", kind: "fit", rules: [{ id: "p", when: [{ field: "properties.industry", operator: "exists" }], points: 1 }] }],
    };
    const onLeads = (ls: unknown[]): (() => unknown) => () => scoreLeads(ls as Lead[], fit);
    expect(onLeads([5])).toThrow("scoreLeads: leads[0] must be an object, got 5");
    expect(onLeads([{ id: "a", createdAt: 0 }, { id: "a", createdAt: 0 }])).toThrow('scoreLeads: leads[1].id must be unique among leads, got "a"');
    expect(onLeads([{ id: "a", createdAt: 0, properties: 3 }])).toThrow("scoreLeads: leads[0].properties must be an object, got 3");
    expect(onLeads([{ id: "a", createdAt: 0, properties: { industry: [1] } }])).toThrow(
      "scoreLeads: leads[0].properties.industry must be a string, finite number, boolean or null, got an array",
    );
    const byStatus: LeadScoringRules = { groups: [{ id: "f", kind: "fit", rules: [{ id: "s", when: [{ field: "status", operator: "exists" }], points: 1 }] }] };
    expect(() => scoreLeads([{ id: "a", createdAt: 0, status: 4 as never }], byStatus)).toThrow("scoreLeads: leads[0].status must be a string, got 4");
  });

  it("names the interaction in its messages, with paths under options.interactions", () => {
    const r: LeadScoringRules = {
      groups: [{ id: "e", kind: "engagement", rules: [{ id: "m", when: [{ field: "properties.minutes", operator: "gte", value: 5 }], points: 1 }] }],
    };
    const withEvents = (evs: unknown): (() => unknown) => () => scoreLeads([{ id: "a", createdAt: 0 }], r, { interactions: evs as Interaction[] });
    expect(withEvents([null])).toThrow("scoreLeads: options.interactions[0] must be an object, got null");
    expect(withEvents([{ customerId: "a", occurredAt: 0, type: 5 }])).toThrow("scoreLeads: options.interactions[0].type must be a non-empty string, got 5");
    expect(failure(withEvents(5))).toBe("INVALID_INPUT options.interactions");
    expect(withEvents([{ customerId: "a", occurredAt: 0, type: "call", properties: { minutes: "long" } }, { customerId: "a", occurredAt: 0, type: "call", properties: { minutes: {} } }])).toThrow(
      "scoreLeads: options.interactions[1].properties.minutes must be a string, finite number, boolean or null, got an object",
    );
    expect(failure(withEvents([{ customerId: "a", occurredAt: 0, type: "call", properties: 7 }]))).toBe(
      "INVALID_INPUT options.interactions[0].properties",
    );
  });
});
