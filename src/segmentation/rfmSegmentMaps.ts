import * as z from "zod";
import { CrmMetricsError, describeValue } from "../core/errors.js";

/** An inclusive score range `[low, high]`. */
export type RfmScoreRange = readonly [number, number];

/**
 * One rule of a segment map: customers whose scores fall in every given range belong to
 * `segment`. An omitted dimension matches any score. Several rules may name one segment.
 */
export interface RfmSegmentRule {
  /** Segment name. */
  readonly segment: string;
  /** Recency score range (inclusive). */
  readonly recency?: RfmScoreRange;
  /** Frequency score range (inclusive). */
  readonly frequency?: RfmScoreRange;
  /** Monetary score range (inclusive). */
  readonly monetary?: RfmScoreRange;
  /** What the rule means, or why it is there. */
  readonly description?: string;
}

/**
 * A segment map: rules evaluated top to bottom, the first match wins; score combinations
 * that no rule matches go to `fallback` (when given). Plain JSON, so a CRM can store it.
 */
export interface RfmSegmentMap {
  /** Name of the map. */
  readonly name?: string;
  /** Score scale the rules are written for (scores 1..bins). */
  readonly bins: number;
  /** Rules, in evaluation order. */
  readonly rules: readonly RfmSegmentRule[];
  /** Segment of combinations no rule matches; without it every combination must be matched. */
  readonly fallback?: string | null;
}

const RangeSchema = z.tuple([z.number().int().min(1).max(9), z.number().int().min(1).max(9)]).refine(
  ([lo, hi]) => lo <= hi,
  { message: "must be [low, high] with low <= high" },
);

const RuleSchema = z.object({
  segment: z.string().min(1),
  recency: RangeSchema.optional(),
  frequency: RangeSchema.optional(),
  monetary: RangeSchema.optional(),
  description: z.string().optional(),
});

/** Schema of {@link RfmSegmentMap} (ranges must also lie within 1..bins). */
export const RfmSegmentMapSchema: z.ZodType<RfmSegmentMap> = z
  .object({
    name: z.string().optional(),
    bins: z.number().int().min(2).max(9),
    rules: z.array(RuleSchema).min(1),
    fallback: z.string().min(1).nullable().optional(),
  })
  .superRefine((map, ctx) => {
    map.rules.forEach((rule, i) => {
      for (const key of ["recency", "frequency", "monetary"] as const) {
        const range = rule[key];
        if (range !== undefined && range[1] > map.bins) {
          ctx.addIssue({ code: "custom", message: `must lie within 1..${map.bins} (bins)`, path: ["rules", i, key] });
        }
      }
    });
  });

type Range = [number, number];
const rule = (segment: string, recency: Range | null, frequency: Range | null, monetary: Range | null, description: string): RfmSegmentRule => ({
  segment,
  ...(recency === null ? {} : { recency }),
  ...(frequency === null ? {} : { frequency }),
  ...(monetary === null ? {} : { monetary }),
  description,
});

/**
 * The widely published 11-segment RFM table (Putler's segment names, with the ranges and
 * order of the R `rfm` package vignette), exactly as published: evaluated top to bottom it
 * leaves 36 of the 125 score combinations to the fallback "Others" and never reaches New
 * Customers, Promising, Can't Lose Them or Lost. Kept for parity with the vignette; use
 * {@link DEFAULT_RFM_SEGMENT_MAP} for a map that assigns every combination.
 */
export const PUBLISHED_RFM_SEGMENT_MAP: RfmSegmentMap = {
  name: "published-11",
  bins: 5,
  rules: [
    rule("Champions", [4, 5], [4, 5], [4, 5], "Bought recently, buy often and spend the most"),
    rule("Loyal Customers", [2, 5], [3, 5], [3, 5], "Spend good money; responsive to promotions"),
    rule("Potential Loyalist", [3, 5], [1, 3], [1, 3], "Recent customers, spent good amount, bought more than once"),
    rule("New Customers", [4, 5], [1, 1], [1, 1], "Bought more recently, but not often"),
    rule("Promising", [3, 4], [1, 1], [1, 1], "Recent shoppers, but haven't spent much"),
    rule("Need Attention", [2, 3], [2, 3], [2, 3], "Above-average recency, frequency and monetary values"),
    rule("About To Sleep", [2, 3], [1, 2], [1, 2], "Below-average recency, frequency and monetary values"),
    rule("At Risk", [1, 2], [2, 5], [2, 5], "Spent big money, purchased often, but long ago"),
    rule("Can't Lose Them", [1, 1], [4, 5], [4, 5], "Made big purchases and often, but long ago"),
    rule("Hibernating", [1, 2], [1, 2], [1, 2], "Low spenders, low frequency, purchased long ago"),
    rule("Lost", [1, 2], [1, 2], [1, 2], "Lowest recency, frequency and monetary scores"),
  ],
  fallback: "Others",
};

/**
 * The 11-segment map the library ships: the published table with its overlaps resolved
 * and its gaps filled, so that each of the 125 combinations lands in exactly one of the
 * 11 segments and every segment is reached (see docs/metrics/segmentation.md):
 * the narrow segments are moved above the wide ones that contain them (New Customers and
 * Promising above Potential Loyalist, Can't Lose Them above At Risk, Lost, narrowed to
 * 1-1-1, above Hibernating), and four gap rules place the 36 unmatched combinations.
 */
export const DEFAULT_RFM_SEGMENT_MAP: RfmSegmentMap = {
  name: "default-11",
  bins: 5,
  rules: [
    rule("Champions", [4, 5], [4, 5], [4, 5], "Bought recently, buy often and spend the most"),
    rule("Loyal Customers", [2, 5], [3, 5], [3, 5], "Spend good money; responsive to promotions"),
    rule("New Customers", [4, 5], [1, 1], [1, 1], "Bought most recently, once, and little (moved above Potential Loyalist)"),
    rule("Promising", [3, 4], [1, 1], [1, 1], "Recent shoppers who haven't spent much (moved above Potential Loyalist; R 4 goes to New Customers)"),
    rule("Potential Loyalist", [3, 5], [1, 3], [1, 3], "Recent customers, spent a good amount, bought more than once"),
    rule("Need Attention", [2, 3], [2, 3], [2, 3], "Above-average recency, frequency and monetary values"),
    rule("About To Sleep", [2, 3], [1, 2], [1, 2], "Below-average recency, frequency and monetary values"),
    rule("Can't Lose Them", [1, 1], [4, 5], [4, 5], "Made big purchases and often, but long ago (moved above At Risk)"),
    rule("At Risk", [1, 2], [2, 5], [2, 5], "Spent big money, purchased often, but long ago"),
    rule("Lost", [1, 1], [1, 1], [1, 1], "Lowest recency, frequency and monetary scores (narrowed to 1-1-1, moved above Hibernating)"),
    rule("Hibernating", [1, 2], [1, 2], [1, 2], "Low spenders, low frequency, purchased long ago"),
    rule("Potential Loyalist", [3, 5], [1, 2], [4, 5], "Gap: recent, few orders, high spend"),
    rule("Loyal Customers", [3, 5], [4, 5], [1, 2], "Gap: recent, frequent, low spend"),
    rule("At Risk", [1, 2], [1, 1], [3, 5], "Gap: long ago, one order, high spend"),
    rule("At Risk", [1, 2], [3, 5], [1, 1], "Gap: long ago, frequent, lowest spend"),
  ],
  fallback: null,
};

/**
 * The pandas recipe's R-F map (the `seg_map` regular expressions found in countless
 * notebooks): ten segments on the recency and frequency scores only; monetary is ignored.
 * Its ten rules partition the 25 R-F cells.
 */
export const PANDAS_RF_SEGMENT_MAP: RfmSegmentMap = {
  name: "pandas-rf",
  bins: 5,
  rules: [
    rule("hibernating", [1, 2], [1, 2], null, "[1-2][1-2]"),
    rule("at_risk", [1, 2], [3, 4], null, "[1-2][3-4]"),
    rule("cant_loose", [1, 2], [5, 5], null, "[1-2]5"),
    rule("about_to_sleep", [3, 3], [1, 2], null, "3[1-2]"),
    rule("need_attention", [3, 3], [3, 3], null, "33"),
    rule("loyal_customers", [3, 4], [4, 5], null, "[3-4][4-5]"),
    rule("promising", [4, 4], [1, 1], null, "41"),
    rule("new_customers", [5, 5], [1, 1], null, "51"),
    rule("potential_loyalists", [4, 5], [2, 3], null, "[4-5][2-3]"),
    rule("champions", [5, 5], [4, 5], null, "5[4-5]"),
  ],
  fallback: null,
};

/** Names of the built-in maps. */
export type RfmSegmentMapName = "default" | "published" | "pandas-rf";

/**
 * Resolve a map option: a built-in name or a custom map, validated with
 * {@link RfmSegmentMapSchema}; errors are `INVALID_OPTION` with the path inside the map
 * and a message in the library's format (`fn: map.bins must be <= 9, got 10`).
 * @internal
 */
export function resolveSegmentMap(fn: string, path: string, value: unknown): RfmSegmentMap {
  if (value === undefined || value === "default") return DEFAULT_RFM_SEGMENT_MAP;
  if (value === "published") return PUBLISHED_RFM_SEGMENT_MAP;
  if (value === "pandas-rf") return PANDAS_RF_SEGMENT_MAP;
  if (typeof value === "string") {
    throw new CrmMetricsError("INVALID_OPTION", `${fn}: ${path} ${MAP_RULE}, got ${JSON.stringify(value)}`, path);
  }
  const parsed = RfmSegmentMapSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.reduce<string>((acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : `${acc}.${String(seg)}`), path);
    const got = issue.path.reduce<unknown>((v, seg) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[seg] : undefined), value);
    throw new CrmMetricsError("INVALID_OPTION", `${fn}: ${at} ${issueRule(issue)}, got ${describeMapValue(got)}`, at);
  }
  return parsed.data;
}

const MAP_RULE = 'must be "default", "published", "pandas-rf" or a segment map object ({ bins, rules, fallback? })';
const RANGE_KEYS: ReadonlySet<PropertyKey> = new Set(["recency", "frequency", "monetary"]);

/** The rule a schema issue breaks, as the "must ..." part of a message. */
function issueRule(issue: z.core.$ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  if (issue.path.length === 0) return MAP_RULE;
  if (issue.code === "custom") return issue.message;
  if (last !== undefined && RANGE_KEYS.has(last) && (issue.code === "invalid_type" || issue.code === "too_small" || issue.code === "too_big")) {
    return "must be a [low, high] pair of integers from 1 to 9";
  }
  switch (issue.code) {
    case "invalid_type": {
      const expected = issue.expected as string;
      if (expected === "int") return "must be an integer";
      if (expected === "number") return "must be a finite number";
      if (expected === "object") return typeof last === "number" ? "must be a rule object ({ segment, recency?, frequency?, monetary? })" : "must be an object";
      if (last === "fallback") return "must be a non-empty string or null";
      return `must be ${expected === "array" ? "an array" : `a ${expected}`}`;
    }
    case "too_small":
      if (issue.origin === "string") return last === "fallback" ? "must be a non-empty string or null" : "must be a non-empty string";
      if (issue.origin === "array") return `must have at least ${String(issue.minimum)} ${last === "rules" ? "rule" : "item"}`;
      return `must be >= ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "array") return `must have at most ${String(issue.maximum)} items`;
      return `must be <= ${String(issue.maximum)}`;
    default:
      return `must match RfmSegmentMapSchema (${issue.message})`;
  }
}

/** A value of a map for a message: short arrays of numbers as `[1, 4]`. */
function describeMapValue(value: unknown): string {
  if (Array.isArray(value) && value.length <= 4 && value.every((v) => typeof v === "number")) return `[${value.map((v) => describeValue(v)).join(", ")}]`;
  return describeValue(value);
}

/**
 * Segment index of every score combination (index `((r-1)*bins + f-1)*bins + m-1`), -1
 * when no rule matches, plus the segment names in order (rules' first appearance, then
 * the fallback) and the rule that claimed each cell. @internal
 */
export function segmentTable(map: RfmSegmentMap): { names: string[]; cells: Int16Array; ruleOfCell: Int16Array } {
  const names: string[] = [];
  const indexOf = new Map<string, number>();
  const nameIndex = (name: string): number => {
    let i = indexOf.get(name);
    if (i === undefined) {
      i = names.length;
      indexOf.set(name, i);
      names.push(name);
    }
    return i;
  };
  const ruleSegments = map.rules.map((r) => nameIndex(r.segment));
  const b = map.bins;
  const cells = new Int16Array(b * b * b).fill(-1);
  const ruleOfCell = new Int16Array(b * b * b).fill(-1);
  const within = (range: RfmScoreRange | undefined, s: number): boolean => range === undefined || (s >= range[0] && s <= range[1]);
  for (let r = 1; r <= b; r++) {
    for (let f = 1; f <= b; f++) {
      for (let m = 1; m <= b; m++) {
        const c = ((r - 1) * b + (f - 1)) * b + (m - 1);
        const k = map.rules.findIndex((x) => within(x.recency, r) && within(x.frequency, f) && within(x.monetary, m));
        if (k >= 0) {
          cells[c] = ruleSegments[k]!;
          ruleOfCell[c] = k;
        }
      }
    }
  }
  if (map.fallback !== undefined && map.fallback !== null) {
    const fb = nameIndex(map.fallback);
    for (let c = 0; c < cells.length; c++) if (cells[c] === -1) cells[c] = fb;
  }
  return { names, cells, ruleOfCell };
}
