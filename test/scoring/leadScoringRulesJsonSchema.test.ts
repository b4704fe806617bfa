import { describe, expect, it } from "vitest";
import { leadScoringRulesJsonSchema } from "../../src/index.js";

describe("leadScoringRulesJsonSchema", () => {
  it("describes the rules for other languages", () => {
    const schema = leadScoringRulesJsonSchema() as {
      $schema: string;
      required: string[];
      properties: Record<string, { type?: string; items?: { properties: Record<string, unknown> } }>;
    };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.required).toEqual(["groups"]);
    const group = schema.properties["groups"]!.items!;
    expect(Object.keys(group.properties).sort()).toEqual(["decay", "id", "kind", "limit", "rules", "timeFrame"]);
    expect(group.properties["limit"]).toEqual({ type: "number", exclusiveMinimum: 0 });
    expect(group.properties["kind"]).toMatchObject({ enum: ["fit", "engagement"] });
    const text = JSON.stringify(schema);
    for (const op of ["eq", "notIn", "gte", "notExists", "endsWith"]) expect(text).toContain(`"${op}"`);
  });

  it("returns a fresh object each time", () => {
    const a = leadScoringRulesJsonSchema();
    (a as Record<string, unknown>)["required"] = [];
    expect(leadScoringRulesJsonSchema()["required"]).toEqual(["groups"]);
  });
});
