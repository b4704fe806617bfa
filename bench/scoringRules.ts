// The 20-rule lead-scoring model of the benchmarks (8 fit rules, 6 engagement rules in a
// 30-day time frame, 6 with a 14-day half-life decay).
import type { LeadScoringRules } from "../src/index.js";

export const rules: LeadScoringRules = {
  limit: 200,
  groups: [
    {
      id: "fit",
      kind: "fit",
      limit: 80,
      rules: [
        { id: "software", when: [{ field: "properties.industry", operator: "eq", value: "software" }], points: 20 },
        { id: "health", when: [{ field: "properties.industry", operator: "eq", value: "health" }], points: 10 },
        { id: "retail", when: [{ field: "properties.industry", operator: "eq", value: "retail" }], points: -10 },
        { id: "senior", when: [{ field: "properties.seniority", operator: "gte", value: 4 }], points: 25 },
        { id: "junior", when: [{ field: "properties.seniority", operator: "lte", value: 1 }], points: -15 },
        { id: "mid-size", when: [{ field: "properties.employees", operator: "gte", value: 50 }, { field: "properties.employees", operator: "lt", value: 1000 }], points: 15 },
        { id: "referral", when: [{ field: "channel", operator: "in", value: ["referral", "events"] }], points: 15 },
        { id: "ads", when: [{ field: "channel", operator: "eq", value: "ads" }], points: -5 },
      ],
    },
    {
      id: "recent",
      kind: "engagement",
      limit: 60,
      timeFrame: { days: 30 },
      rules: [
        { id: "visit", when: [{ field: "type", operator: "eq", value: "page_view" }], points: 3, limit: 15 },
        { id: "open", when: [{ field: "type", operator: "eq", value: "email_open" }], points: 1, limit: 5 },
        { id: "click", when: [{ field: "type", operator: "eq", value: "email_click" }], points: 4 },
        { id: "form", when: [{ field: "type", operator: "eq", value: "form_submit" }], points: 10, per: "match" },
        { id: "demo", when: [{ field: "type", operator: "eq", value: "demo_request" }], points: 30, per: "match" },
        { id: "web-burst", when: [{ field: "channel", operator: "eq", value: "web" }], points: 10, per: "match", minCount: 5 },
      ],
    },
    {
      id: "decaying",
      kind: "engagement",
      limit: 60,
      decay: { halfLifeDays: 14 },
      rules: [
        { id: "d-visit", when: [{ field: "type", operator: "eq", value: "page_view" }], points: 2 },
        { id: "d-open", when: [{ field: "type", operator: "eq", value: "email_open" }], points: 1 },
        { id: "d-click", when: [{ field: "type", operator: "eq", value: "email_click" }], points: 3 },
        { id: "d-form", when: [{ field: "type", operator: "eq", value: "form_submit" }], points: 8 },
        { id: "d-demo", when: [{ field: "type", operator: "eq", value: "demo_request" }], points: 20, per: "match" },
        { id: "d-email", when: [{ field: "channel", operator: "eq", value: "email" }, { field: "direction", operator: "eq", value: "inbound" }], points: 1, limit: 10 },
      ],
    },
  ],
  grades: { type: "matrix", fit: [50, 20], engagement: [40, 15] },
  mqlThreshold: 90,
};
