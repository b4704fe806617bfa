import * as z from "zod";
import { LeadScoringRulesSchema } from "./leadScoringRules.js";

/**
 * The JSON Schema (draft 2020-12) of {@link LeadScoringRules}, for CRMs written in other
 * languages that store and edit scoring rules. It describes the shape (fields, types,
 * operators, positive limits); the rules between fields (unique ids, decay XOR time frame,
 * the value each operator needs) are checked by {@link LeadScoringRulesSchema} and
 * {@link scoreLeads}, which report them with a path inside the rules.
 *
 * @returns A fresh JSON Schema object.
 *
 * @example
 * leadScoringRulesJsonSchema().required
 * // => ["groups"]
 */
export function leadScoringRulesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LeadScoringRulesSchema as z.ZodType, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}
