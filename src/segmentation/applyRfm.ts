import { CrmMetricsError, describeValue } from "../core/errors.js";
import type { AsOfOptions } from "../core/options.js";
import { isValidTimeZone, toTimestampOption } from "../core/time.js";
import { isRecord, resolveOptions } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { readCustomerTotals } from "./customerTotals.js";
import {
  type RfmCustomerSummary,
  type RfmCutPoints,
  type RfmMonetaryBasis,
  type RfmScoresResult,
  resolveCutPoints,
  scoreTotals,
} from "./rfmScores.js";

/** The parts of an {@link RfmScoresResult} that {@link applyRfm} reads (a saved result works). */
export interface RfmModel {
  /** Cut points to score with. */
  readonly cutPoints: RfmCutPoints;
  /** Monetary basis the cut points are in. */
  readonly monetaryBasis: RfmMonetaryBasis;
  /** Time zone recency days are counted in. */
  readonly timeZone: string;
}

/** Options of {@link applyRfm}. */
export interface ApplyRfmOptions extends AsOfOptions {}

/**
 * Score customers with the cut points of an earlier {@link rfmScores} result, so that new
 * customers (or the same customers at a later date) land in the same bins as the reference
 * population. Equivalent to `rfmScores(input, { method: "thresholds", thresholds:
 * model.cutPoints, monetary: model.monetaryBasis, timeZone: model.timeZone, asOf })`; the
 * model may be a result read back from JSON.
 *
 * @param model - A result of {@link rfmScores} (or any object with its `cutPoints`,
 *   `monetaryBasis` and `timeZone`).
 * @param input - Transactions or customer summary rows, as for {@link rfmScores}.
 * @param options - `asOf` (default: the latest transaction of `input`).
 * @returns Scores as {@link rfmScores} returns them, with `method: "thresholds"`.
 * @throws {CrmMetricsError} `INVALID_OPTION` when the model is malformed; `INVALID_INPUT`
 *   for bad records.
 *
 * @example
 * const tx = [
 *   { customerId: "a", occurredAt: "2024-03-01", amount: 50 },
 *   { customerId: "b", occurredAt: "2024-01-05", amount: 20 },
 *   { customerId: "c", occurredAt: "2024-03-30", amount: 300 },
 * ];
 * const model = rfmScores(tx, { bins: 3 });
 * applyRfm(model, [{ customerId: "d", occurredAt: "2024-03-29", amount: 500 }], { asOf: "2024-03-30" }).customers[0]?.code
 * // => "213"
 */
export function applyRfm(
  model: RfmModel,
  input: Iterable<Transaction> | Iterable<RfmCustomerSummary>,
  options?: ApplyRfmOptions,
): RfmScoresResult {
  const fn = "applyRfm";
  const opts = resolveOptions(fn, options);
  function bad(path: string, rule: string, value: unknown): never {
    throw new CrmMetricsError("INVALID_OPTION", `${fn}: ${path} ${rule}, got ${describeValue(value)}`, path);
  }
  if (!isRecord(model)) bad("model", "must be a result of rfmScores", model);
  const cutPoints = resolveCutPoints(fn, "model.cutPoints", model.cutPoints);
  const monetaryBasis = model.monetaryBasis;
  if (monetaryBasis !== "total" && monetaryBasis !== "average") bad("model.monetaryBasis", 'must be "total" or "average"', monetaryBasis);
  const zone = model.timeZone;
  if (typeof zone !== "string" || zone === "" || !isValidTimeZone(zone)) bad("model.timeZone", "must be an IANA time zone name", zone);
  const timeZone = zone === "UTC" ? "UTC" : zone;
  const asOf = opts.asOf === undefined ? Number.NaN : toTimestampOption(fn, "asOf", opts.asOf, timeZone);
  const totals = readCustomerTotals(fn, input, { asOf, timeZone, needRecency: true });
  return scoreTotals(totals, {
    asOf,
    timeZone,
    method: "thresholds",
    bins: cutPoints.frequency.length + 1,
    monetaryBasis,
    thresholds: cutPoints,
    ties: "min",
  });
}
