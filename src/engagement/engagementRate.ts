import { invalidOption } from "../core/errors.js";
import type { PeriodOptions } from "../core/options.js";
import { SeriesExtent } from "../core/periodLimit.js";
import { createPeriodBucketer } from "../core/time.js";
import { periodInfo, type PeriodInfo } from "../core/trend.js";
import { isRecord, ratio, resolveBooleanOption, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { Interaction } from "../models/interaction.js";
import { forEachActivity, periodsOf, resolvePeriodOptions, resolveStringSet } from "./activity.js";

/** Options of {@link engagementRate}. */
export interface EngagementRateOptions extends PeriodOptions {
  /**
   * A customer is engaged in a period with at least this many counted interactions in it.
   * @defaultValue `1`
   */
  readonly minInteractions?: number;
  /**
   * Interaction `type`s that count towards engagement (`["email_click", "reply"]`). Other
   * types still make a customer active (they are in the default denominator).
   * @defaultValue every type
   */
  readonly types?: readonly string[];
  /**
   * The base population: customer ids (or records with an `id` or `customerId`). When
   * given, every period's denominator is this list, and interactions of customers outside
   * it are not counted (they are reported in `outsideBase`). When omitted, the base of a
   * period is its active customers: those with any interaction (of any type) in it.
   * @defaultValue customers active in the period
   */
  readonly customers?: Iterable<string | number | { readonly id?: string | number; readonly customerId?: string | number }>;
  /**
   * Drop an interaction whose `id` equals the `id` of an earlier one; counted in
   * `duplicates`.
   * @defaultValue `false`
   */
  readonly dedupe?: boolean;
  /**
   * Emit periods without interactions between the first and the last.
   * @defaultValue `true`
   */
  readonly fillGaps?: boolean;
}

/** One period of {@link EngagementRateResult}. */
export interface EngagementRatePeriod extends PeriodInfo {
  /** Customers of the base with at least `minInteractions` counted interactions. */
  readonly engaged: number;
  /** The base: active customers of the period, or the size of the `customers` list. */
  readonly base: number;
  /** `engaged / base`, in [0, 1]; `null` when the base is empty. */
  readonly rate: number | null;
  /** Counted interactions (of the counted types, by customers of the base). */
  readonly interactions: number;
}

/** Result of {@link engagementRate}. */
export interface EngagementRateResult {
  readonly period: NonNullable<PeriodOptions["period"]>;
  readonly timeZone: string;
  readonly minInteractions: number;
  /** `"active"` (customers with any interaction in the period) or `"list"` (the `customers` option). */
  readonly baseDefinition: "active" | "list";
  /** Periods in ascending order. */
  readonly points: readonly EngagementRatePeriod[];
  /** Records read. */
  readonly records: number;
  /** Records dropped as `id` duplicates (only with `dedupe`). */
  readonly duplicates: number;
  /** Interactions of customers outside the `customers` list (0 without a list). */
  readonly outsideBase: number;
}

/**
 * Engagement rate per calendar period: the customers with at least `minInteractions`
 * interactions (of the counted `types`) in the period, divided by the base of the period.
 * The base is, by default, the customers active in the period (any interaction of any
 * type), or a fixed list of customers given in `customers`. There is no single standard
 * (see docs/metrics/engagement.md); this is the "customers with >= k interactions / customer
 * base" form, which stays in [0, 1].
 *
 * @param interactions - `Interaction` records.
 * @param options - Threshold, counted types, base list, period and time zone.
 * @returns One point per period with counts and the rate (`null` for an empty base).
 * @throws {CrmMetricsError} `INVALID_INPUT` for an invalid record, or when, with
 *   `fillGaps`, the earliest and the latest interaction are more than 100,000 periods apart
 *   (the path names the one farther from 1970, such as one in year 9999); `INVALID_OPTION`
 *   for a bad option or base list.
 *
 * @example
 * const interactions = [
 *   { customerId: "a", occurredAt: "2024-01-05", type: "login" },
 *   { customerId: "a", occurredAt: "2024-01-06", type: "email_click" },
 *   { customerId: "b", occurredAt: "2024-01-09", type: "login" },
 * ];
 * engagementRate(interactions, { types: ["email_click"] }).points[0]?.rate
 * // => 0.5
 * @example
 * const interactions = [{ customerId: "a", occurredAt: "2024-01-05", type: "login" }];
 * engagementRate(interactions, { customers: ["a", "b", "c", "d"] }).points[0]?.rate
 * // => 0.25
 */
export function engagementRate(interactions: Iterable<Interaction>, options?: EngagementRateOptions): EngagementRateResult {
  const fn = "engagementRate";
  const opts = resolveOptions(fn, options);
  const { period, timeZone, weekStartsOn, fillGaps } = resolvePeriodOptions(fn, opts, "month");
  const minInteractions = resolveNumberOption(fn, "minInteractions", opts.minInteractions, 1, { integer: true, min: 1 });
  const types = resolveStringSet(fn, "types", opts.types);
  const dedupe = resolveBooleanOption(fn, "dedupe", opts.dedupe, false);
  const base = readBase(fn, opts.customers);
  const bucket = createPeriodBucketer(period, { timeZone, weekStartsOn });

  // One pass: per period, the counted interactions of each customer of the base (memory in
  // O(active customers per period)). Periods span all records, also those outside the base.
  const periods = new Map<number, { counts: Map<string, number>; interactions: number }>();
  let outsideBase = 0;
  const extent = new SeriesExtent();
  const counts = forEachActivity(fn, interactions, { name: "interactions", timeZone, dedupe, interactionFields: true, dateField: "occurredAt" }, (r) => {
    extent.add(r.time, "interactions", r.index, "occurredAt");
    const start = bucket(r.time);
    let p = periods.get(start);
    if (p === undefined) periods.set(start, (p = { counts: new Map(), interactions: 0 }));
    const c = r.customer;
    if (base !== null && !base.has(c)) {
      outsideBase++;
      return;
    }
    const prev = p.counts.get(c) ?? 0;
    if (types === null || types.has(r.type)) {
      p.counts.set(c, prev + 1);
      p.interactions++;
    } else if (prev === 0) p.counts.set(c, 0);
  });
  const limit = { fn, hint: "use a longer period, or fillGaps: false" };
  const points = periodsOf(periods.keys(), { period, timeZone, weekStartsOn, fillGaps }, limit, extent).map((g) => {
    const p = periods.get(g.start);
    let engaged = 0;
    if (p !== undefined) for (const n of p.counts.values()) if (n >= minInteractions) engaged++;
    const denominator = base === null ? (p?.counts.size ?? 0) : base.size;
    return { ...periodInfo(g), engaged, base: denominator, rate: ratio(engaged, denominator), interactions: p?.interactions ?? 0 };
  });
  return {
    period,
    timeZone,
    minInteractions,
    baseDefinition: base === null ? "active" : "list",
    points,
    records: counts.records,
    duplicates: counts.duplicates,
    outsideBase,
  };
}

function readBase(fn: string, value: unknown): Set<string> | null {
  if (value === undefined) return null;
  const iterable =
    value !== null && typeof value === "object" && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
  if (!iterable) invalidOption(fn, "customers", "must be an array or iterable of customer ids", value);
  const out = new Set<string>();
  let i = 0;
  for (const item of value as Iterable<unknown>) {
    const id = isRecord(item) ? (item["customerId"] ?? item["id"]) : item;
    if (typeof id === "string" && id !== "") out.add(id);
    else if (typeof id === "number" && Number.isFinite(id)) out.add(String(id));
    else invalidOption(fn, `customers[${i}]`, "must be a customer id (non-empty string or finite number) or a record with one", id);
    i++;
  }
  return out;
}
