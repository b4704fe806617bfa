// Shared reading of Deal records for the sales-pipeline metrics of this folder.
import { CrmMetricsError, describeValue, invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { toAmount } from "../core/money.js";
import { parseTimestamp, toTimestamp } from "../core/time.js";
import { isRecord, readId, toArray } from "../core/validate.js";
import type { Deal } from "../models/deal.js";

/** A validated deal. @internal */
export interface DealRow {
  readonly index: number;
  readonly id: string;
  readonly deal: Deal;
  readonly status: "open" | "won" | "lost";
  readonly stage: string;
  readonly amount: number;
  readonly amountInput: Deal["amount"];
  readonly createdAt: number;
  /** `null` when absent. */
  readonly closedAt: number | null;
  readonly expectedCloseAt: number | null;
  readonly probability: number | null;
  /** Stage history sorted by time (then by input position). */
  readonly history: readonly { readonly stage: string; readonly at: number }[];
}

const STATUSES: ReadonlySet<string> = new Set(["open", "won", "lost"]);

/**
 * Read and validate deals: unique ids, status, stage, non-negative amount, dates (closedAt
 * not before createdAt), probability in [0, 1], stage history. Closed deals must have a
 * `closedAt` when `requireClosedAt` is set. @internal
 */
export function readDeals(fn: string, input: unknown, zone: string, requireClosedAt: boolean): DealRow[] {
  const list = toArray<Deal>(fn, "deals", input);
  const seen = new Set<string>();
  const rows: DealRow[] = [];
  for (let i = 0; i < list.length; i++) {
    const d = list[i] as unknown;
    if (!isRecord(d)) invalidInput(fn, recordPath("deals", i), "must be an object", d);
    const deal = d as unknown as Deal;
    const id = readId(fn, recordPath("deals", i, "id"), deal.id);
    if (seen.has(id)) invalidInput(fn, recordPath("deals", i, "id"), "must be unique", deal.id);
    seen.add(id);
    const status = deal.status;
    if (typeof status !== "string" || !STATUSES.has(status)) {
      invalidInput(fn, recordPath("deals", i, "status"), 'must be "open", "won" or "lost"', status);
    }
    if (typeof deal.stage !== "string" || deal.stage === "") {
      invalidInput(fn, recordPath("deals", i, "stage"), "must be a non-empty string", deal.stage);
    }
    const amount = toAmount(fn, recordPath("deals", i, "amount"), deal.amount);
    if (amount < 0) invalidInput(fn, recordPath("deals", i, "amount"), "must be >= 0", deal.amount);
    const createdAt = toTimestamp(fn, recordPath("deals", i, "createdAt"), deal.createdAt, zone);
    let closedAt: number | null = null;
    if (deal.closedAt !== undefined && deal.closedAt !== null) {
      closedAt = toTimestamp(fn, recordPath("deals", i, "closedAt"), deal.closedAt, zone);
      if (closedAt < createdAt) invalidInput(fn, recordPath("deals", i, "closedAt"), "must not be before createdAt", deal.closedAt);
    } else if (requireClosedAt && status !== "open") {
      invalidInput(fn, recordPath("deals", i, "closedAt"), `must be a valid date for a ${status} deal`, deal.closedAt);
    }
    const expectedCloseAt =
      deal.expectedCloseAt === undefined || deal.expectedCloseAt === null
        ? null
        : toTimestamp(fn, recordPath("deals", i, "expectedCloseAt"), deal.expectedCloseAt, zone);
    let probability: number | null = null;
    if (deal.probability !== undefined && deal.probability !== null) {
      const p = deal.probability as unknown;
      if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
        invalidInput(fn, recordPath("deals", i, "probability"), "must be a number from 0 to 1", p);
      }
      probability = p as number;
    }
    for (const field of ["owner", "segment"] as const) {
      const v = deal[field] as unknown;
      if (v !== undefined && v !== null && typeof v !== "string") invalidInput(fn, recordPath("deals", i, field), "must be a string", v);
    }
    rows.push({
      index: i,
      id,
      deal,
      status: status as DealRow["status"],
      stage: deal.stage,
      amount,
      amountInput: deal.amount,
      createdAt,
      closedAt,
      expectedCloseAt,
      probability,
      history: readHistory(fn, i, deal.stageHistory, zone),
    });
  }
  return rows;
}

function readHistory(fn: string, i: number, value: unknown, zone: string): { stage: string; at: number }[] {
  if (value === undefined || value === null) return [];
  const base = recordPath("deals", i, "stageHistory");
  if (!Array.isArray(value)) return invalidInput(fn, base, "must be an array of { stage, enteredAt }", value);
  const out: { stage: string; at: number; k: number }[] = [];
  value.forEach((h: unknown, k: number) => {
    const path = `${base}[${k}]`;
    if (!isRecord(h)) invalidInput(fn, path, "must be an object { stage, enteredAt }", h);
    if (typeof h.stage !== "string" || h.stage === "") invalidInput(fn, `${path}.stage`, "must be a non-empty string", h.stage);
    const at = parseTimestamp(h.enteredAt, zone);
    if (Number.isNaN(at)) toTimestamp(fn, `${path}.enteredAt`, h.enteredAt, zone);
    out.push({ stage: h.stage as string, at, k });
  });
  out.sort((a, b) => a.at - b.at || a.k - b.k);
  return out.map(({ stage, at }) => ({ stage, at }));
}

/** A group key of a deal: `"owner"`, `"segment"` or a function. `null` = no value. @internal */
export type DealGroupBy = "owner" | "segment" | ((deal: Deal) => string | null | undefined);

/** Validate a `groupBy` option. @internal */
export function resolveDealGroupBy(fn: string, value: unknown): DealGroupBy | null {
  if (value === undefined) return null;
  if (value === "owner" || value === "segment" || typeof value === "function") return value as DealGroupBy;
  return invalidOption(fn, "groupBy", 'must be "owner", "segment" or a function of the deal', value);
}

/** The group key of a deal (a missing or empty value is `null`). @internal */
export function dealGroupKey(fn: string, row: DealRow, by: DealGroupBy): string | null {
  const v: unknown = typeof by === "function" ? by(row.deal) : row.deal[by];
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string") invalidInput(fn, recordPath("deals", row.index), "must give a string group key (or null)", v);
  return v as string;
}

/** Group rows by key: keys ascending, the `null` group last. @internal */
export function groupDeals<T>(rows: readonly T[], key: (row: T) => string | null): { key: string | null; rows: T[] }[] {
  const groups = new Map<string | null, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [r]);
    else g.push(r);
  }
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, rows]) => ({ key, rows }));
}

/** Summary statistics of durations in days. @internal */
export interface DaysSummary {
  readonly n: number;
  readonly medianDays: number | null;
  readonly meanDays: number | null;
  readonly p90Days: number | null;
  readonly minDays: number | null;
  readonly maxDays: number | null;
}

/** Validate an ordered stage list: at least two distinct non-empty names. @internal */
export function resolveStages(fn: string, stages: unknown, name = "stages"): Map<string, number> {
  const bad = (rule: string, value: unknown, path = name): never => {
    throw new CrmMetricsError("INVALID_OPTION", `${fn}: ${path} ${rule}, got ${describeValue(value)}`, path);
  };
  if (!Array.isArray(stages) || stages.length < 2) bad("must be an array of at least two stage names", stages);
  const index = new Map<string, number>();
  (stages as unknown[]).forEach((s, k) => {
    if (typeof s !== "string" || s === "") bad("must be a non-empty string", s, `${name}[${k}]`);
    if (index.has(s as string)) bad("must not repeat a stage", s, `${name}[${k}]`);
    index.set(s as string, k);
  });
  return index;
}
