import * as z from "zod";
import { CrmMetricsError, describeValue } from "../core/errors.js";

/** Comparison operators of a {@link LeadCriterion}. */
export type LeadCriterionOperator =
  | "eq"
  | "neq"
  | "in"
  | "notIn"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "exists"
  | "notExists"
  | "contains"
  | "notContains"
  | "startsWith"
  | "endsWith";

/** A value a criterion compares with. */
export type LeadCriterionValue = string | number | boolean | null;

/**
 * One condition on a lead (fit rules) or on an interaction (engagement rules).
 *
 * `field` names what is read: `"channel"`, `"status"` or `"properties.<name>"` on a lead;
 * `"type"`, `"channel"`, `"direction"` or `"properties.<name>"` on an interaction.
 * A missing value (`undefined`, `null` or `""`) fails every operator except `neq`, `notIn`,
 * `notContains` and `notExists` (and `eq null`). Numeric operators only match numbers;
 * string operators only match strings.
 */
export interface LeadCriterion {
  /** The field read, e.g. `"properties.industry"`. */
  readonly field: string;
  /** The comparison. */
  readonly operator: LeadCriterionOperator;
  /**
   * The value compared with: a string, number, boolean or null for `eq`/`neq`; an array
   * of them for `in`/`notIn`; a finite number for `gt`/`gte`/`lt`/`lte`; a string for
   * `contains`/`notContains`/`startsWith`/`endsWith`; absent for `exists`/`notExists`.
   */
  readonly value?: LeadCriterionValue | readonly LeadCriterionValue[];
  /**
   * Compare strings case-insensitively.
   * @defaultValue `false`
   */
  readonly ignoreCase?: boolean;
}

/** A scoring rule: points when all its criteria hold. */
export interface LeadScoringRule {
  /** Rule id, unique in the rules; named in explanations. */
  readonly id: string;
  /** Free text for people editing the rules. */
  readonly description?: string;
  /**
   * Conditions that must all hold (on the lead for fit rules, on each interaction for
   * engagement rules). Empty or omitted: always (fit) or every interaction (engagement).
   */
  readonly when?: readonly LeadCriterion[];
  /** Points added when the rule fires; negative points subtract. */
  readonly points: number;
  /**
   * Engagement rules only: `"occurrence"` gives `points` for every matching interaction,
   * `"match"` gives `points` once when the count is within `minCount..maxCount`.
   * @defaultValue `"occurrence"`
   */
  readonly per?: "occurrence" | "match";
  /**
   * Engagement rules only: fewest matching interactions for the rule to fire. A `"match"`
   * rule with `minCount: 0` also fires when nothing matches ("no email opened in 30 days"),
   * with its full points (there is no interaction to decay from); an `"occurrence"` rule
   * never fires on zero matches, since it has no occurrence to pay for.
   * @defaultValue `1`
   */
  readonly minCount?: number;
  /** Engagement rules only: most matching interactions for the rule to fire (frequency ranges). */
  readonly maxCount?: number;
  /** Cap on the rule's points: they are clamped to `[-limit, limit]`. */
  readonly limit?: number;
}

/** A group of rules whose sum may be capped (HubSpot score groups). */
export interface LeadScoringGroup {
  /** Group id, unique in the rules. */
  readonly id: string;
  /** `"fit"` rules read lead properties; `"engagement"` rules count the lead's interactions. */
  readonly kind: "fit" | "engagement";
  /** Cap on the group's points: its sum is clamped to `[-limit, limit]`. */
  readonly limit?: number;
  /**
   * Engagement groups only: interactions count only in the `days` before `asOf`
   * (`(asOf - days, asOf]`). Cannot be combined with `decay`.
   */
  readonly timeFrame?: { readonly days: number };
  /**
   * Engagement groups only: the points of an interaction halve every `halfLifeDays` of
   * its age at `asOf`. Cannot be combined with `timeFrame`.
   */
  readonly decay?: { readonly halfLifeDays: number };
  /** The rules of the group. */
  readonly rules: readonly LeadScoringRule[];
}

/**
 * Grades: the HubSpot A1..C3 matrix (fit A/B/C by `fit` thresholds, engagement 1/2/3 by
 * `engagement` thresholds; a score at a threshold belongs to the better grade) or custom
 * bands of the total score (the first band, from the highest `minScore` down, whose
 * `minScore` the score reaches).
 */
export type LeadScoringGrades =
  | {
      readonly type: "matrix";
      /** `[A, B]`: fit score >= A is grade A, >= B is B, else C. */
      readonly fit: readonly [number, number];
      /** `[one, two]`: engagement score >= one is 1, >= two is 2, else 3. */
      readonly engagement: readonly [number, number];
    }
  | {
      readonly type: "bands";
      /** Bands with distinct labels; a score below every `minScore` has grade `null`. */
      readonly bands: readonly { readonly label: string; readonly minScore: number }[];
    };

/** A lead scoring model: plain JSON a CRM can store and edit. */
export interface LeadScoringRules {
  /** Cap on the total score: it is clamped to `[-limit, limit]`. */
  readonly limit?: number;
  /** Rule groups, applied in order. */
  readonly groups: readonly LeadScoringGroup[];
  /** How scores map to grades; omitted: every grade is `null`. */
  readonly grades?: LeadScoringGrades;
  /** Total score at or above which a lead is a marketing-qualified lead (MQL). */
  readonly mqlThreshold?: number;
}

const FIT_FIELDS: ReadonlySet<string> = new Set(["channel", "status"]);
const ENGAGEMENT_FIELDS: ReadonlySet<string> = new Set(["type", "channel", "direction"]);
// zod 4 numbers are finite (no NaN or Infinity); plain checks keep the JSON Schema precise.
const finite = z.number({ error: "must be a finite number" });
const positive = z.number({ error: "must be a finite number > 0" }).positive({ error: "must be a finite number > 0" });
const primitive = z.union([z.string(), finite, z.boolean(), z.null()]);

const CriterionSchema = z.object({
  field: z.string().min(1),
  operator: z.enum([
    "eq",
    "neq",
    "in",
    "notIn",
    "gt",
    "gte",
    "lt",
    "lte",
    "exists",
    "notExists",
    "contains",
    "notContains",
    "startsWith",
    "endsWith",
  ]),
  value: z.union([primitive, z.array(primitive)]).optional(),
  ignoreCase: z.boolean().optional(),
});

const RuleSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  when: z.array(CriterionSchema).optional(),
  points: finite,
  per: z.enum(["occurrence", "match"]).optional(),
  minCount: z.number().int().min(0).optional(),
  maxCount: z.number().int().min(0).optional(),
  limit: positive.optional(),
});

const GroupSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(["fit", "engagement"]),
  limit: positive.optional(),
  timeFrame: z.object({ days: positive }).optional(),
  decay: z.object({ halfLifeDays: positive }).optional(),
  rules: z.array(RuleSchema),
});

const GradesSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("matrix"), fit: z.tuple([finite, finite]), engagement: z.tuple([finite, finite]) }),
  z.object({
    type: z.literal("bands"),
    bands: z.array(z.object({ label: z.string().min(1), minScore: finite })).min(1),
  }),
]);

type Issue = { message: string; path: (string | number)[] };

function criterionIssues(c: LeadCriterion, kind: "fit" | "engagement", path: (string | number)[]): Issue[] {
  const out: Issue[] = [];
  const allowed = kind === "fit" ? FIT_FIELDS : ENGAGEMENT_FIELDS;
  if (!allowed.has(c.field) && !(c.field.startsWith("properties.") && c.field.length > 11)) {
    const names = [...allowed].map((f) => `"${f}"`).join(", ");
    out.push({ message: `must be ${names} or "properties.<name>" in ${kind === "fit" ? "a fit" : "an engagement"} rule`, path: [...path, "field"] });
  }
  const v = c.value;
  switch (c.operator) {
    case "eq":
    case "neq":
      if (v === undefined || Array.isArray(v)) {
        out.push({ message: "must be a string, number, boolean or null", path: [...path, "value"] });
      }
      break;
    case "in":
    case "notIn":
      if (!Array.isArray(v)) out.push({ message: "must be an array of values", path: [...path, "value"] });
      break;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      if (typeof v !== "number") out.push({ message: "must be a finite number", path: [...path, "value"] });
      break;
    case "exists":
    case "notExists":
      if (v !== undefined) out.push({ message: "must be absent for exists/notExists", path: [...path, "value"] });
      break;
    default:
      if (typeof v !== "string") out.push({ message: "must be a string", path: [...path, "value"] });
  }
  return out;
}

/** Semantic checks the shape alone cannot express. */
function rulesIssues(rules: LeadScoringRules): Issue[] {
  const out: Issue[] = [];
  const groupIds = new Set<string>();
  const ruleIds = new Set<string>();
  rules.groups.forEach((g, gi) => {
    const gp: (string | number)[] = ["groups", gi];
    if (groupIds.has(g.id)) out.push({ message: "must be unique among groups", path: [...gp, "id"] });
    groupIds.add(g.id);
    if (g.kind === "fit") {
      if (g.timeFrame !== undefined) out.push({ message: "must not be set on a fit group (engagement groups only)", path: [...gp, "timeFrame"] });
      if (g.decay !== undefined) out.push({ message: "must not be set on a fit group (engagement groups only)", path: [...gp, "decay"] });
    } else if (g.timeFrame !== undefined && g.decay !== undefined) {
      out.push({ message: "must not be combined with timeFrame (decay XOR time frame)", path: [...gp, "decay"] });
    }
    g.rules.forEach((r, ri) => {
      const rp = [...gp, "rules", ri];
      if (ruleIds.has(r.id)) out.push({ message: "must be unique among rules", path: [...rp, "id"] });
      ruleIds.add(r.id);
      if (g.kind === "fit") {
        for (const k of ["per", "minCount", "maxCount"] as const) {
          if (r[k] !== undefined) out.push({ message: "must not be set in a fit rule (engagement rules only)", path: [...rp, k] });
        }
      } else if (r.maxCount !== undefined && r.maxCount < (r.minCount ?? 1)) {
        out.push({ message: "must be >= minCount", path: [...rp, "maxCount"] });
      }
      (r.when ?? []).forEach((c, ci) => out.push(...criterionIssues(c, g.kind, [...rp, "when", ci])));
    });
  });
  const grades = rules.grades;
  if (grades?.type === "matrix") {
    if (grades.fit[0] < grades.fit[1]) out.push({ message: "must be [A, B] with A >= B", path: ["grades", "fit"] });
    if (grades.engagement[0] < grades.engagement[1]) {
      out.push({ message: "must be [one, two] with one >= two", path: ["grades", "engagement"] });
    }
  } else if (grades?.type === "bands") {
    const labels = new Set<string>();
    grades.bands.forEach((b, bi) => {
      if (labels.has(b.label)) out.push({ message: "must be unique among bands", path: ["grades", "bands", bi, "label"] });
      labels.add(b.label);
    });
  }
  return out;
}

/**
 * Schema of {@link LeadScoringRules}: the shape and the rules between fields (unique ids,
 * decay XOR time frame on engagement groups only, operator values, fields allowed per
 * group kind, ordered thresholds). CRMs can validate stored rules with it.
 */
export const LeadScoringRulesSchema: z.ZodType<LeadScoringRules> = z
  .object({
    limit: positive.optional(),
    groups: z.array(GroupSchema),
    grades: GradesSchema.optional(),
    mqlThreshold: finite.optional(),
  })
  .superRefine((rules, ctx) => {
    for (const issue of rulesIssues(rules as LeadScoringRules)) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    }
  }) as z.ZodType<LeadScoringRules>;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Validate rules with {@link LeadScoringRulesSchema}, throwing `INVALID_OPTION` with the
 * path inside the rules (`rules.groups[0].rules[2].points`) on the first issue. @internal
 */
export function parseLeadScoringRules(fn: string, rules: unknown): LeadScoringRules {
  const parsed = LeadScoringRulesSchema.safeParse(rules);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  let path = "rules";
  for (const key of issue.path) path += typeof key === "number" ? `[${key}]` : `.${String(key)}`;
  const message = issue.message.startsWith("must") ? issue.message : `is invalid (${issue.message})`;
  throw new CrmMetricsError(
    "INVALID_OPTION",
    `${fn}: ${path} ${message}, got ${describeValue(valueAt(rules, issue.path))}`,
    path,
  );
}
