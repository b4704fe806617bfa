import { invalidInput, invalidOption, recordPath } from "../core/errors.js";
import type { AsOfOptions, DateInput, TimeZoneOptions } from "../core/options.js";
import { parseTimestamp, resolveTimeZone, toTimestamp, toTimestampOption, UNIT_MS } from "../core/time.js";
import { isRecord, resolveBooleanOption, resolveOptions, toArray } from "../core/validate.js";
import type { Interaction } from "../models/interaction.js";
import type { Lead } from "../models/lead.js";
import {
  type LeadCriterion,
  type LeadCriterionValue,
  type LeadScoringRules,
  parseLeadScoringRules,
} from "./leadScoringRules.js";
import { readRecordId } from "./leadFeatures.js";

/** Options of {@link scoreLeads}. */
export interface ScoreLeadsOptions extends AsOfOptions, TimeZoneOptions {
  /**
   * The moment scores are computed at. Interactions after it are ignored (one at exactly
   * `asOf` counts); time frames and decay are measured back from it. Required when a
   * group uses `decay` or `timeFrame`; otherwise, without it, every interaction counts.
   */
  readonly asOf?: DateInput;
  /**
   * The leads' interactions, which engagement rules count. An interaction belongs to the
   * lead whose `id` equals its `customerId`; others are counted and ignored.
   * @defaultValue `[]`
   */
  readonly interactions?: Iterable<Interaction>;
  /**
   * Return the fired rules and group totals of every lead. `false` returns scores and
   * grades only, which is faster for large batches.
   * @defaultValue `true`
   */
  readonly explain?: boolean;
}

/** One rule that fired for a lead. */
export interface FiredLeadRule {
  /** Rule id. */
  readonly ruleId: string;
  /** Its group id. */
  readonly groupId: string;
  /** Points after the rule's own `limit` (before the group's). */
  readonly points: number;
  /** Points before the rule's `limit` (after decay). */
  readonly uncappedPoints: number;
  /** `uncappedPoints - points`: what the rule limit removed (0 when not capped). */
  readonly cappedBy: number;
  /** Matching interactions (engagement rules); 1 for fit rules. */
  readonly occurrences: number;
  /** Ids of the matching interactions that have one, oldest first (engagement rules). */
  readonly interactionIds: readonly string[];
}

/** Points of one group for a lead. */
export interface LeadScoreGroup {
  /** Group id. */
  readonly groupId: string;
  /** Group kind. */
  readonly kind: "fit" | "engagement";
  /** Sum of the group's rule points after the group `limit`. */
  readonly points: number;
  /** Sum of the group's rule points before the group `limit`. */
  readonly uncappedPoints: number;
  /** `uncappedPoints - points` (0 when not capped). */
  readonly cappedBy: number;
}

/** The score of one lead, with its explanation. */
export interface LeadScore {
  /** Lead id (as a string). */
  readonly leadId: string;
  /** Total score: fit + engagement, clamped to the rules' `limit`. */
  readonly score: number;
  /** Sum of the fit groups (after group limits). */
  readonly fitScore: number;
  /** Sum of the engagement groups (after group limits and decay). */
  readonly engagementScore: number;
  /** `fitScore + engagementScore` before the total `limit`. */
  readonly uncappedScore: number;
  /** `uncappedScore - score`: what the total limit removed. */
  readonly cappedBy: number;
  /** Grade (`"A1"`..`"C3"` or a band label), or `null` without grades or below every band. */
  readonly grade: string | null;
  /** Fit grade `"A"`, `"B"`, `"C"` under matrix grades, else `null`. */
  readonly fitGrade: "A" | "B" | "C" | null;
  /** Engagement grade `"1"`, `"2"`, `"3"` under matrix grades, else `null`. */
  readonly engagementGrade: "1" | "2" | "3" | null;
  /** Whether `score >= mqlThreshold`; `null` when the rules set no threshold. */
  readonly mql: boolean | null;
  /** Points per group, in rule order (empty when `explain` is false). */
  readonly groups: readonly LeadScoreGroup[];
  /** Rules that fired, in rule order (empty when `explain` is false). */
  readonly fired: readonly FiredLeadRule[];
}

/** Result of {@link scoreLeads}. */
export interface ScoreLeadsResult {
  /** One score per lead, in input order. */
  readonly scores: readonly LeadScore[];
  /** Number of leads. */
  readonly n: number;
  /** Leads flagged MQL (0 without a threshold). */
  readonly mqlCount: number;
  /** Leads per grade, best grade first (empty without grades). */
  readonly gradeCounts: readonly { readonly grade: string | null; readonly count: number }[];
  /** Interactions attributed to a lead and not after `asOf`. */
  readonly interactionsUsed: number;
  /** Interactions whose `customerId` is no lead's id (ignored). */
  readonly interactionsWithoutLead: number;
  /** Interactions after `asOf` (ignored). */
  readonly interactionsAfterAsOf: number;
}

type Getter<T> = (record: T, index: number) => unknown;
type Predicate<T> = (record: T, index: number) => boolean;

interface CompiledRule {
  readonly id: string;
  readonly points: number;
  readonly limit: number;
  readonly perOccurrence: boolean;
  readonly minCount: number;
  readonly maxCount: number;
  readonly test: Predicate<unknown>;
}

interface CompiledGroup {
  readonly id: string;
  readonly kind: "fit" | "engagement";
  readonly limit: number;
  readonly windowMs: number;
  readonly halfLifeMs: number;
  readonly rules: readonly CompiledRule[];
}

const FN = "scoreLeads";
/** Shared (frozen) empty id list, so fit rules do not allocate one each. */
const NO_IDS: readonly string[] = Object.freeze([]);
const MATRIX_FIT = ["A", "B", "C"] as const;
const MATRIX_ENGAGEMENT = ["1", "2", "3"] as const;

function clamp(x: number, limit: number): number {
  const v = x > limit ? limit : x < -limit ? -limit : x;
  return v === 0 ? 0 : v;
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

function norm(v: unknown, ignoreCase: boolean): unknown {
  return ignoreCase && typeof v === "string" ? v.toLowerCase() : v;
}

/** Compile a criterion to a predicate over the value a getter reads. */
function compileCriterion(c: LeadCriterion): (actual: unknown) => boolean {
  const ic = c.ignoreCase === true;
  const value = c.value;
  switch (c.operator) {
    case "eq":
    case "neq": {
      const target = norm(value, ic);
      const eq =
        target === null
          ? (a: unknown) => a === undefined || a === null
          : ic
            ? (a: unknown) => norm(a, true) === target
            : (a: unknown) => a === target;
      return c.operator === "eq" ? eq : (a) => !eq(a);
    }
    case "in":
    case "notIn": {
      const set = new Set((value as readonly LeadCriterionValue[]).map((v) => norm(v, ic)));
      const hasNull = set.has(null);
      const inSet = (a: unknown): boolean => (a === undefined || a === null ? hasNull : set.has(norm(a, ic)));
      return c.operator === "in" ? inSet : (a) => !inSet(a);
    }
    case "gt":
      return (a) => typeof a === "number" && a > (value as number);
    case "gte":
      return (a) => typeof a === "number" && a >= (value as number);
    case "lt":
      return (a) => typeof a === "number" && a < (value as number);
    case "lte":
      return (a) => typeof a === "number" && a <= (value as number);
    case "exists":
      return (a) => !isMissing(a);
    case "notExists":
      return isMissing;
    default: {
      const needle = norm(value, ic) as string;
      const op = c.operator;
      const has = (a: unknown): boolean => {
        if (typeof a !== "string") return false;
        const s = ic ? a.toLowerCase() : a;
        if (op === "startsWith") return s.startsWith(needle);
        if (op === "endsWith") return s.endsWith(needle);
        return s.includes(needle);
      };
      return op === "notContains" ? (a) => !has(a) : has;
    }
  }
}

/** A getter for `field` of a lead or interaction that validates the value it reads. */
function compileGetter(field: string, source: "leads" | "options.interactions"): Getter<unknown> {
  if (field.startsWith("properties.")) {
    const key = field.slice(11);
    return (record, index) => {
      const props = (record as { properties?: unknown }).properties;
      if (props === undefined || props === null) return undefined;
      if (!isRecord(props)) invalidInput(FN, recordPath(source, index, "properties"), "must be an object", props);
      if (!Object.hasOwn(props, key)) return undefined;
      const v = props[key];
      if (!(v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)))) {
        invalidInput(FN, `${recordPath(source, index, "properties")}.${key}`, "must be a string, finite number, boolean or null", v);
      }
      return v;
    };
  }
  // Monomorphic reads of the known fields (much faster than a keyed read in hot loops).
  const read: (record: unknown) => unknown =
    field === "type"
      ? (r) => (r as Interaction).type
      : field === "channel"
        ? (r) => (r as Lead).channel
        : field === "status"
          ? (r) => (r as Lead).status
          : (r) => (r as Interaction).direction;
  return (record, index) => {
    const v = read(record);
    if (typeof v === "string" || v === undefined || v === null) return v;
    return invalidInput(FN, recordPath(source, index, field), "must be a string", v);
  };
}

function compileWhen(when: readonly LeadCriterion[] | undefined, source: "leads" | "options.interactions"): Predicate<unknown> {
  const parts = (when ?? []).map((c) => ({ get: compileGetter(c.field, source), test: compileCriterion(c) }));
  if (parts.length === 0) return () => true;
  if (parts.length === 1) {
    const { get, test } = parts[0]!;
    return (record, index) => test(get(record, index));
  }
  return (record, index) => {
    for (const p of parts) if (!p.test(p.get(record, index))) return false;
    return true;
  };
}

function compileRules(rules: LeadScoringRules): CompiledGroup[] {
  return rules.groups.map((g) => ({
    id: g.id,
    kind: g.kind,
    limit: g.limit ?? Number.POSITIVE_INFINITY,
    windowMs: g.timeFrame === undefined ? Number.POSITIVE_INFINITY : g.timeFrame.days * UNIT_MS.day,
    halfLifeMs: g.decay === undefined ? Number.POSITIVE_INFINITY : g.decay.halfLifeDays * UNIT_MS.day,
    rules: g.rules.map((r) => ({
      id: r.id,
      points: r.points,
      limit: r.limit ?? Number.POSITIVE_INFINITY,
      perOccurrence: (r.per ?? "occurrence") === "occurrence",
      minCount: r.minCount ?? 1,
      maxCount: r.maxCount ?? Number.POSITIVE_INFINITY,
      test: compileWhen(r.when, g.kind === "fit" ? "leads" : "options.interactions"),
    })),
  }));
}

/** Grade of a lead under the rules' grades. */
function gradeOf(
  rules: LeadScoringRules,
  bands: readonly { label: string; minScore: number }[],
  score: number,
  fit: number,
  engagement: number,
): { grade: string | null; fitGrade: LeadScore["fitGrade"]; engagementGrade: LeadScore["engagementGrade"] } {
  const g = rules.grades;
  if (g === undefined) return { grade: null, fitGrade: null, engagementGrade: null };
  if (g.type === "matrix") {
    const f = MATRIX_FIT[fit >= g.fit[0] ? 0 : fit >= g.fit[1] ? 1 : 2];
    const e = MATRIX_ENGAGEMENT[engagement >= g.engagement[0] ? 0 : engagement >= g.engagement[1] ? 1 : 2];
    return { grade: `${f}${e}`, fitGrade: f, engagementGrade: e };
  }
  for (const b of bands) if (score >= b.minScore) return { grade: b.label, fitGrade: null, engagementGrade: null };
  return { grade: null, fitGrade: null, engagementGrade: null };
}

/** The grade labels from best to worst. */
function gradeOrder(rules: LeadScoringRules, bands: readonly { label: string }[]): (string | null)[] {
  const g = rules.grades;
  if (g === undefined) return [];
  if (g.type === "matrix") return MATRIX_FIT.flatMap((f) => MATRIX_ENGAGEMENT.map((e) => `${f}${e}`));
  return [...bands.map((b) => b.label), null];
}

/**
 * Rule-based lead scoring in the style of HubSpot's lead scoring tool: fit rules on lead
 * fields and properties, engagement rules on the lead's interactions (counted per
 * occurrence or once within a frequency range, within a time frame or with exponential
 * decay), rule, group and total caps (each group is capped, then the total), grades (the
 * A1..C3 matrix or custom bands) and an MQL flag. Every score comes with the rules that
 * fired, their points and what the caps removed.
 *
 * Interactions belong to the lead whose `id` equals their `customerId`. Decay multiplies
 * the points of an interaction of age `a` by `0.5^(a / halfLife)`; a `"match"` rule
 * decays with its most recent matching interaction.
 *
 * @param leads - Leads to score (ids must be unique).
 * @param rules - The scoring rules, validated with {@link LeadScoringRulesSchema}.
 * @param options - The leads' `interactions`, `asOf`, `timeZone` (for ISO dates without
 *   an offset) and `explain`.
 * @returns One {@link LeadScore} per lead, in input order, with counts.
 * @throws {CrmMetricsError} `INVALID_OPTION` for invalid rules (path inside the rules) or
 *   options (`asOf` is required when a group uses decay or a time frame); `INVALID_INPUT`
 *   for a bad record (duplicate lead id, bad date, property that is not a primitive).
 *
 * @example
 * const leads = [{ id: "a", createdAt: "2026-01-01", properties: { industry: "software" } }];
 * const visits = [1, 2, 3, 4].map((d) => ({ customerId: "a", occurredAt: `2026-01-0${d}`, type: "page_view" }));
 * const s = scoreLeads(leads, {
 *   groups: [
 *     { id: "fit", kind: "fit", rules: [{ id: "saas", when: [{ field: "properties.industry", operator: "eq", value: "software" }], points: 20 }] },
 *     { id: "web", kind: "engagement", limit: 30, rules: [{ id: "visit", when: [{ field: "type", operator: "eq", value: "page_view" }], points: 10 }] },
 *   ],
 *   mqlThreshold: 40,
 * }, { interactions: visits }).scores[0];
 * [s?.score, s?.groups[1]?.cappedBy, s?.mql]
 * // => [50, 10, true]
 */
export function scoreLeads(
  leads: Iterable<Lead>,
  rules: LeadScoringRules,
  options?: ScoreLeadsOptions,
): ScoreLeadsResult {
  const opts = resolveOptions(FN, options);
  const parsed = parseLeadScoringRules(FN, rules);
  const zone = resolveTimeZone(FN, opts.timeZone);
  const explain = resolveBooleanOption(FN, "explain", opts.explain, true);
  const timed = parsed.groups.some((g) => g.decay !== undefined || g.timeFrame !== undefined);
  if (opts.asOf === undefined && timed) {
    invalidOption(FN, "asOf", "is required when a group uses decay or a time frame", undefined);
  }
  const asOf = opts.asOf === undefined ? Number.POSITIVE_INFINITY : toTimestampOption(FN, "asOf", opts.asOf, zone);
  const groups = compileRules(parsed);
  const bands =
    parsed.grades?.type === "bands" ? [...parsed.grades.bands].sort((a, b) => b.minScore - a.minScore) : [];

  const leadList = toArray<Lead>(FN, "leads", leads);
  const n = leadList.length;
  const byId = new Map<string, number>();
  const leadIds: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const lead = leadList[i];
    if (!isRecord(lead)) invalidInput(FN, recordPath("leads", i), "must be an object", lead);
    const id = readRecordId(FN, (lead as Lead).id, "leads", i, "id");
    if (byId.has(id)) invalidInput(FN, recordPath("leads", i, "id"), "must be unique among leads", id);
    byId.set(id, i);
    leadIds[i] = id;
  }

  const needEvents = groups.some((g) => g.kind === "engagement" && g.rules.length > 0);
  const events = toArray<Interaction>(FN, "options.interactions", opts.interactions ?? []);
  const times = new Float64Array(events.length);
  const owner = new Int32Array(events.length);
  let withoutLead = 0;
  let afterAsOf = 0;
  const kept: number[] = [];
  for (let j = 0; j < events.length; j++) {
    const e = events[j];
    if (!isRecord(e)) invalidInput(FN, recordPath("options.interactions", j), "must be an object", e);
    const ev = e as Interaction;
    const id = readRecordId(FN, ev.customerId, "options.interactions", j, "customerId");
    let t = parseTimestamp(ev.occurredAt, zone);
    if (Number.isNaN(t)) t = toTimestamp(FN, recordPath("options.interactions", j, "occurredAt"), ev.occurredAt, zone);
    if (typeof ev.type !== "string" || ev.type === "") {
      invalidInput(FN, recordPath("options.interactions", j, "type"), "must be a non-empty string", ev.type);
    }
    const li = byId.get(id);
    if (li === undefined) {
      withoutLead++;
      continue;
    }
    if (t > asOf) {
      afterAsOf++;
      continue;
    }
    times[j] = t;
    owner[j] = li;
    kept.push(j);
  }
  const perLead: number[][] = Array.from({ length: n }, () => []);
  if (needEvents) {
    // Oldest first; simultaneous interactions by id, so nothing depends on the input order.
    const idOf = (j: number): string => String(events[j]!.id ?? "");
    kept.sort((a, b) => {
      const d = times[a]! - times[b]!;
      if (d !== 0) return d;
      const ia = idOf(a);
      const ib = idOf(b);
      return ia < ib ? -1 : ia > ib ? 1 : a - b;
    });
    for (const j of kept) perLead[owner[j]!]!.push(j);
  }

  let bufJ = new Int32Array(64);
  let bufW = new Float64Array(64);
  const scores: LeadScore[] = new Array(n);
  const gradeCounts = new Map<string | null, number>();
  let mqlCount = 0;
  for (let i = 0; i < n; i++) {
    const lead = leadList[i]!;
    const mine = perLead[i]!;
    let fit = 0;
    let engagement = 0;
    const groupOut: LeadScoreGroup[] = [];
    const fired: FiredLeadRule[] = [];
    for (const g of groups) {
      let sum = 0;
      // The group's interactions of this lead (inside the time frame) and their decay weights.
      let m = 0;
      if (g.kind === "engagement") {
        if (bufJ.length < mine.length) {
          bufJ = new Int32Array(mine.length * 2);
          bufW = new Float64Array(mine.length * 2);
        }
        for (const j of mine) {
          const age = asOf - times[j]!;
          if (age >= g.windowMs && g.windowMs !== Number.POSITIVE_INFINITY) continue;
          bufJ[m] = j;
          bufW[m] = g.halfLifeMs === Number.POSITIVE_INFINITY ? 1 : 0.5 ** (age / g.halfLifeMs);
          m++;
        }
      }
      for (const r of g.rules) {
        let raw: number;
        let count = 1;
        let ids: string[] | null = null;
        if (g.kind === "fit") {
          if (!r.test(lead, i)) continue;
          raw = r.points;
        } else {
          count = 0;
          let weight = 0;
          let latest = Number.NEGATIVE_INFINITY;
          for (let k = 0; k < m; k++) {
            const j = bufJ[k]!;
            if (!r.test(events[j], j)) continue;
            count++;
            latest = times[j]!;
            weight += bufW[k]!;
            if (explain) {
              const eid = events[j]!.id;
              if (eid !== undefined && eid !== null) (ids ??= []).push(typeof eid === "string" ? eid : String(eid));
            }
          }
          if (count < r.minCount || count > r.maxCount) continue;
          if (r.perOccurrence) {
            if (count === 0) continue;
            raw = r.points * weight;
          } else if (count === 0 || g.halfLifeMs === Number.POSITIVE_INFINITY) {
            // a match rule with minCount 0 that matched nothing has no interaction to decay from
            raw = r.points;
          } else raw = r.points * 0.5 ** ((asOf - latest) / g.halfLifeMs);
        }
        const points = clamp(raw, r.limit);
        sum += points;
        if (explain) {
          fired.push({
            ruleId: r.id,
            groupId: g.id,
            points,
            uncappedPoints: raw === 0 ? 0 : raw,
            cappedBy: raw - points === 0 ? 0 : raw - points,
            occurrences: count,
            interactionIds: ids ?? NO_IDS,
          });
        }
        ids = null;
      }
      const capped = clamp(sum, g.limit);
      if (g.kind === "fit") fit += capped;
      else engagement += capped;
      if (explain) {
        groupOut.push({
          groupId: g.id,
          kind: g.kind,
          points: capped,
          uncappedPoints: sum === 0 ? 0 : sum,
          cappedBy: sum - capped === 0 ? 0 : sum - capped,
        });
      }
    }
    const uncapped = fit + engagement === 0 ? 0 : fit + engagement;
    const score = clamp(uncapped, parsed.limit ?? Number.POSITIVE_INFINITY);
    const grades = gradeOf(parsed, bands, score, fit, engagement);
    const mql = parsed.mqlThreshold === undefined ? null : score >= parsed.mqlThreshold;
    if (mql === true) mqlCount++;
    if (parsed.grades !== undefined) gradeCounts.set(grades.grade, (gradeCounts.get(grades.grade) ?? 0) + 1);
    scores[i] = {
      leadId: leadIds[i]!,
      score,
      fitScore: fit === 0 ? 0 : fit,
      engagementScore: engagement === 0 ? 0 : engagement,
      uncappedScore: uncapped,
      cappedBy: uncapped - score === 0 ? 0 : uncapped - score,
      ...grades,
      mql,
      groups: groupOut,
      fired,
    };
  }
  return {
    scores,
    n,
    mqlCount,
    gradeCounts: gradeOrder(parsed, bands)
      .filter((g) => gradeCounts.has(g))
      .map((grade) => ({ grade, count: gradeCounts.get(grade)! })),
    interactionsUsed: kept.length,
    interactionsWithoutLead: withoutLead,
    interactionsAfterAsOf: afterAsOf,
  };
}
