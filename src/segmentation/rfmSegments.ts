import { CrmMetricsError, invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { MoneySum, toAmount } from "../core/money.js";
import { isRecord, ratio, readId, resolveOptions, toArray } from "../core/validate.js";
import type { RfmCustomerScore, RfmScoresResult } from "./rfmScores.js";
import { type RfmSegmentMap, type RfmSegmentMapName, resolveSegmentMap, segmentTable } from "./rfmSegmentMaps.js";
import { validateSegmentMap } from "./validateSegmentMap.js";

/** The fields of a scored customer that {@link rfmSegments} reads. */
export type RfmScoreRow = Pick<RfmCustomerScore, "customerId" | "recencyScore" | "frequencyScore" | "monetaryScore" | "totalSpend">;

/** Options of {@link rfmSegments}. */
export interface RfmSegmentsOptions {
  /**
   * The segment map: a built-in name or a custom {@link RfmSegmentMap} (validated with
   * {@link RfmSegmentMapSchema}). A custom map must match every combination or name a
   * `fallback`.
   * @defaultValue `"default"` ({@link DEFAULT_RFM_SEGMENT_MAP})
   */
  readonly map?: RfmSegmentMapName | RfmSegmentMap;
}

/** One customer's segment. */
export interface RfmSegmentAssignment {
  /** Customer id. */
  readonly customerId: string;
  /** Score code, e.g. `"545"`. */
  readonly code: string;
  /** Segment name. */
  readonly segment: string;
}

/** Totals of one segment. */
export interface RfmSegmentSummary {
  /** Segment name. */
  readonly segment: string;
  /** Customers in the segment. */
  readonly customers: number;
  /** Share of all customers, or `null` without customers. */
  readonly customerShare: number | null;
  /** Net revenue (sum of `totalSpend`) of the segment, exact sum. */
  readonly revenue: number;
  /** Share of the total revenue, or `null` when the total is 0 or negative. */
  readonly revenueShare: number | null;
}

/** Result of {@link rfmSegments}. */
export interface RfmSegmentsResult {
  /** One row per customer, in input order. */
  readonly customers: readonly RfmSegmentAssignment[];
  /** One row per segment of the map, in map order (empty segments included, the fallback last). */
  readonly segments: readonly RfmSegmentSummary[];
  /** Number of customers. */
  readonly n: number;
  /** Net revenue of all customers. */
  readonly totalRevenue: number;
  /** Name of the map used (`null` for an unnamed custom map). */
  readonly map: string | null;
}

/**
 * Named segments from RFM scores with a segment map: rules are evaluated top to bottom and
 * the first match wins, so every customer lands in exactly one segment. The default map is
 * the widely used 11-segment table (Champions ... Lost) with its overlaps and gaps resolved
 * so that all 125 combinations are assigned (see {@link DEFAULT_RFM_SEGMENT_MAP}); the table
 * as published (`"published"`, with fallback "Others") and the pandas R-F map
 * (`"pandas-rf"`) are built in too. Per segment: customers, revenue and share of revenue.
 *
 * @param scores - A result of {@link rfmScores}, or its `customers` rows (scores and `totalSpend`).
 * @param options - The segment map.
 * @returns Each customer's segment and the totals per segment.
 * @throws {CrmMetricsError} `INVALID_OPTION` for a malformed map, a map that leaves
 *   combinations unassigned without a fallback, or scores on another scale than the map's;
 *   `INVALID_INPUT` for a row whose score is not an integer in 1..bins.
 *
 * @example
 * const scores = [
 *   { customerId: "a", recencyScore: 5, frequencyScore: 5, monetaryScore: 4, totalSpend: 900 },
 *   { customerId: "b", recencyScore: 1, frequencyScore: 1, monetaryScore: 1, totalSpend: 100 },
 * ];
 * rfmSegments(scores).customers.map((c) => c.segment)
 * // => ["Champions", "Lost"]
 * @example
 * const scores = [
 *   { customerId: "a", recencyScore: 5, frequencyScore: 5, monetaryScore: 4, totalSpend: 900 },
 *   { customerId: "b", recencyScore: 1, frequencyScore: 1, monetaryScore: 1, totalSpend: 100 },
 * ];
 * rfmSegments(scores).segments[0]
 * // => { segment: "Champions", customers: 1, customerShare: 0.5, revenue: 900, revenueShare: 0.9 }
 */
export function rfmSegments(
  scores: RfmScoresResult | Iterable<RfmScoreRow>,
  options?: RfmSegmentsOptions,
): RfmSegmentsResult {
  const fn = "rfmSegments";
  const opts = resolveOptions(fn, options);
  const map = resolveSegmentMap(fn, "options.map", opts.map);
  const check = validateSegmentMap(map);
  if (check.unassignedCells.length > 0 && check.fallback === null) {
    throw new CrmMetricsError(
      "INVALID_OPTION",
      `${fn}: options.map must match every score combination or name a fallback, got ${check.unassignedCells.length} unmatched combinations such as "${check.unassignedCells[0]}"`,
      "options.map",
    );
  }
  const b = map.bins;
  let rows: readonly unknown[];
  if (isRecord(scores) && !(Symbol.iterator in scores) && "customers" in scores) {
    const bins = (scores as { bins?: unknown }).bins;
    if (bins !== undefined && bins !== b) {
      invalidOption(fn, "map", `must be written for the scores' bins (${String(bins)}), but its bins is ${b}`, map.name ?? "a map");
    }
    rows = toArray(fn, "scores.customers", (scores as { customers: unknown }).customers);
  } else {
    rows = toArray(fn, "scores", scores);
  }
  const { names, cells } = segmentTable(map);
  const counts = new Array<number>(names.length).fill(0);
  const revenue = names.map(() => new MoneySum());
  const total = new MoneySum();
  const customers: RfmSegmentAssignment[] = [];
  const readScore = (row: Record<string, unknown>, i: number, key: string): number => {
    const v = row[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > b) {
      invalidInput(fn, recordPath("scores", i, key), `must be an integer from 1 to ${b}`, v);
    }
    return v as number;
  };
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i];
    if (!isRecord(raw)) invalidInput(fn, recordPath("scores", i), "must be an object", raw);
    const row = raw as Record<string, unknown>;
    const customerId = readId(fn, recordPath("scores", i, "customerId"), row.customerId);
    const r = readScore(row, i, "recencyScore");
    const f = readScore(row, i, "frequencyScore");
    const m = readScore(row, i, "monetaryScore");
    const spend = toAmount(fn, recordPath("scores", i, "totalSpend"), row.totalSpend);
    const s = cells[((r - 1) * b + (f - 1)) * b + (m - 1)]!;
    counts[s]!++;
    revenue[s]!.add(spend);
    total.add(spend);
    customers.push({ customerId, code: `${r}${f}${m}`, segment: names[s]! });
  }
  const totalRevenue = total.value();
  const n = rows.length;
  return {
    customers,
    segments: names.map((segment, s) => {
      const rev = revenue[s]!.value();
      return {
        segment,
        customers: counts[s]!,
        customerShare: ratio(counts[s]!, n),
        revenue: rev,
        revenueShare: totalRevenue > 0 ? ratio(rev, totalRevenue) : null,
      };
    }),
    n,
    totalRevenue,
    map: map.name ?? null,
  };
}
