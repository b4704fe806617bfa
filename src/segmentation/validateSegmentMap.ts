import { type RfmSegmentMap, resolveSegmentMap, segmentTable } from "./rfmSegmentMaps.js";

/** A rule of a map that no score combination reaches. */
export interface UnreachableRfmRule {
  /** Position of the rule in `map.rules`. */
  readonly index: number;
  /** Its segment. */
  readonly segment: string;
}

/** Result of {@link validateSegmentMap}. */
export interface ValidateSegmentMapResult {
  /** Whether every combination is matched by a rule (no fallback needed) and every rule and segment is reached. */
  readonly valid: boolean;
  /** Number of score combinations (`bins`^3). */
  readonly cells: number;
  /** Combinations (codes such as `"513"`) that no rule matches, in code order; they go to the fallback. */
  readonly unassignedCells: readonly string[];
  /** Rules that match no combination not already claimed by an earlier rule. */
  readonly unreachableRules: readonly UnreachableRfmRule[];
  /** Segments (other than the fallback) that no combination lands in. */
  readonly unreachableSegments: readonly string[];
  /** Combinations per segment, in map order (the fallback last). */
  readonly cellsPerSegment: readonly { readonly segment: string; readonly cells: number }[];
  /** The fallback segment, or `null`. */
  readonly fallback: string | null;
}

/**
 * Check a segment map by enumerating every R-F-M score combination (125 for 5 bins):
 * which combinations no rule matches (they fall to the fallback, or are an error in
 * {@link rfmSegments} when there is none), which rules are shadowed by earlier ones, and
 * which segments can never be reached. Applied to the widely published 11-segment table
 * it finds 36 unassigned combinations and 4 unreachable segments.
 *
 * @param map - A custom map, or the name of a built-in map (`"default"`, `"published"`,
 *   `"pandas-rf"`).
 * @returns Unassigned combinations, unreachable rules and segments, combinations per segment.
 * @throws {CrmMetricsError} `INVALID_OPTION` when the map does not match
 *   {@link RfmSegmentMapSchema} (path inside the map, e.g. `map.rules[2].recency`).
 *
 * @example
 * validateSegmentMap("published").unassignedCells.length
 * // => 36
 * @example
 * validateSegmentMap("published").unreachableSegments
 * // => ["New Customers", "Promising", "Can't Lose Them", "Lost"]
 * @example
 * validateSegmentMap({ bins: 2, rules: [{ segment: "recent", recency: [2, 2] }], fallback: "other" }).cellsPerSegment
 * // => [{ segment: "recent", cells: 4 }, { segment: "other", cells: 4 }]
 */
export function validateSegmentMap(map: RfmSegmentMap | string): ValidateSegmentMapResult {
  const resolved = resolveSegmentMap("validateSegmentMap", "map", map);
  const { names, cells, ruleOfCell } = segmentTable(resolved);
  const b = resolved.bins;
  const unassigned: string[] = [];
  for (let c = 0; c < ruleOfCell.length; c++) {
    if (ruleOfCell[c] === -1) unassigned.push(`${Math.floor(c / (b * b)) + 1}${(Math.floor(c / b) % b) + 1}${(c % b) + 1}`);
  }
  const ruleHits = new Array<number>(resolved.rules.length).fill(0);
  for (const k of ruleOfCell) if (k >= 0) ruleHits[k]!++;
  const unreachableRules = resolved.rules.flatMap((r, index) => (ruleHits[index] === 0 ? [{ index, segment: r.segment }] : []));
  const perSegment = new Array<number>(names.length).fill(0);
  for (const s of cells) if (s >= 0) perSegment[s]!++;
  const fallback = resolved.fallback ?? null;
  const cellsPerSegment = names.map((segment, i) => ({ segment, cells: perSegment[i]! }));
  const unreachableSegments = cellsPerSegment.filter((s) => s.cells === 0 && s.segment !== fallback).map((s) => s.segment);
  return {
    valid: unassigned.length === 0 && unreachableRules.length === 0 && unreachableSegments.length === 0,
    cells: cells.length,
    unassignedCells: unassigned,
    unreachableRules,
    unreachableSegments,
    cellsPerSegment,
    fallback,
  };
}
