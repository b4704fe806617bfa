import {
  purchasePeriods,
  resolveSummarySettings,
  scanTransactions,
  summaryDuration,
  summaryRow,
  type CustomerSummaryOptions,
  type CustomerSummaryRefunds,
  type CustomerSummaryRow,
  type CustomerSummaryUnit,
} from "./customerSummary.js";
import { invalidOption } from "./errors.js";
import { compareIds } from "./fastIso.js";
import type { DateInput, PeriodUnit } from "./options.js";
import { toTimestampOption } from "./time.js";
import { resolveOptions } from "./validate.js";
import type { Transaction } from "../models/transaction.js";

/** Options of {@link splitCalibrationHoldout}. */
export interface SplitCalibrationHoldoutOptions extends Omit<CustomerSummaryOptions, "asOf"> {
  /**
   * End of the calibration period (required). Transactions in the calendar period that
   * contains it belong to the calibration data, as in {@link customerSummary}'s `asOf`.
   */
  readonly calibrationEnd: DateInput;
  /**
   * End of the holdout period: transactions in later periods are ignored (and counted).
   * Must fall in a later period than `calibrationEnd`.
   * @defaultValue the latest transaction in the input, or `calibrationEnd` when that is later
   */
  readonly observationEnd?: DateInput;
}

/** One customer of {@link splitCalibrationHoldout}: calibration summary plus holdout counts. */
export interface CalibrationHoldoutRow extends CustomerSummaryRow {
  /** Purchase periods in the holdout (every one counts: there is no first purchase to drop). */
  readonly frequencyHoldout: number;
  /** Mean value of the holdout purchase periods; 0 without holdout purchases. */
  readonly monetaryValueHoldout: number;
  /** Length of the holdout, from the calibration-end period to the observation-end period, in `unit`. */
  readonly durationHoldout: number;
}

/** What {@link splitCalibrationHoldout} left out. */
export interface SplitCalibrationHoldoutExcluded {
  /** Transactions in periods after the observation end. */
  readonly afterObservationEnd: number;
  /** Customers whose first purchase falls in the holdout (no row: they are not in the calibration data). */
  readonly customersFirstInHoldout: number;
  /** Refunds skipped under `refunds: "ignore"`. */
  readonly ignoredRefunds: number;
  /** Customers with calibration refunds but no calibration purchase (no row). */
  readonly customersWithoutPurchase: number;
  /** Calibration refund records of the customers without purchase. */
  readonly unmatchedRefunds: number;
}

/** Result of {@link splitCalibrationHoldout}. */
export interface SplitCalibrationHoldoutResult {
  /** One row per customer with a calibration purchase, sorted by `customerId`. */
  readonly customers: readonly CalibrationHoldoutRow[];
  /** Transactions read. */
  readonly transactions: number;
  /** ISO instant of the calibration end. */
  readonly calibrationEnd: string;
  /** ISO instant of the observation end; `null` for empty input without `observationEnd`. */
  readonly observationEnd: string | null;
  /** Holdout length in `unit` (the same for every customer); `null` like `observationEnd`. */
  readonly durationHoldout: number | null;
  /** Period used for same-period merging. */
  readonly period: PeriodUnit;
  /** Unit of `recency`, `T` and `durationHoldout`. */
  readonly unit: CustomerSummaryUnit;
  /** Time zone of the calendar periods. */
  readonly timeZone: string;
  /** Refund treatment used. */
  readonly refunds: CustomerSummaryRefunds;
  /** Counts of what was left out. */
  readonly excluded: SplitCalibrationHoldoutExcluded;
}

/**
 * Split a transaction log at `calibrationEnd` into the calibration summary of each
 * customer (as {@link customerSummary} with `asOf: calibrationEnd`) and what the customer
 * did in the holdout up to `observationEnd`: the number of purchase periods, their mean
 * value and the holdout length, like Python lifetimes' `calibration_and_holdout_data`.
 * Customers who first buy in the holdout are left out (lifetimes' left join) and counted.
 * Unlike lifetimes, `monetaryValueHoldout` averages per purchase period (same-period
 * purchases summed), consistently with the calibration `monetaryValue`.
 *
 * @param transactions - Transactions (array or iterable).
 * @param options - Calibration and observation ends, and the options of {@link customerSummary}.
 * @returns One row per calibration customer with holdout counts, sorted by id.
 * @throws {CrmMetricsError} `INVALID_OPTION` when `calibrationEnd` is missing or invalid,
 *   or `observationEnd` is not in a later period; `INVALID_INPUT` for a bad record.
 *
 * @example
 * const log = [
 *   { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
 *   { customerId: "a", occurredAt: "2024-01-20", amount: 20 },
 *   { customerId: "a", occurredAt: "2024-02-05", amount: 30 },
 *   { customerId: "a", occurredAt: "2024-02-05", amount: 6 },
 *   { customerId: "b", occurredAt: "2024-02-10", amount: 5 },
 * ];
 * const split = splitCalibrationHoldout(log, { calibrationEnd: "2024-01-31", observationEnd: "2024-02-29" });
 * const a = split.customers[0];
 * [split.customers.length, a?.frequency, a?.frequencyHoldout, a?.monetaryValueHoldout, a?.durationHoldout]
 * // => [1, 1, 1, 36, 29]
 */
export function splitCalibrationHoldout(
  transactions: Iterable<Transaction>,
  options: SplitCalibrationHoldoutOptions,
): SplitCalibrationHoldoutResult {
  const fn = "splitCalibrationHoldout";
  const opts = resolveOptions(fn, options);
  const settings = resolveSummarySettings(fn, opts);
  if (opts.calibrationEnd === undefined) {
    invalidOption(fn, "calibrationEnd", "is required (a Date, ISO-8601 string or epoch milliseconds)", undefined);
  }
  const calibrationEnd = toTimestampOption(fn, "calibrationEnd", opts.calibrationEnd, settings.timeZone);
  const observationEnd =
    opts.observationEnd === undefined
      ? undefined
      : toTimestampOption(fn, "observationEnd", opts.observationEnd, settings.timeZone);
  const scan = scanTransactions(settings, transactions, calibrationEnd, observationEnd ?? Number.POSITIVE_INFINITY);
  const calKey = scan.asOfKey;
  let endMs = observationEnd ?? scan.latestMs;
  // Without observationEnd and without a transaction after calibrationEnd, the holdout is empty:
  // it ends where calibration ends (not at the latest transaction, which would come before it).
  if (observationEnd === undefined && endMs === endMs && endMs < calibrationEnd) endMs = calibrationEnd;
  const endKey = endMs === endMs ? scan.keyOf(endMs) : Number.NaN;
  if (observationEnd !== undefined && !(endKey > calKey)) {
    invalidOption(fn, "observationEnd", "must fall in a later period than options.calibrationEnd", opts.observationEnd);
  }
  const duration = endKey === endKey ? summaryDuration(calKey, endKey, settings.unit, settings.period) : null;
  const rows: CalibrationHoldoutRow[] = [];
  let customersFirstInHoldout = 0;
  let customersWithoutPurchase = 0;
  let unmatchedRefunds = 0;
  for (const [id, st] of scan.states) {
    const base = summaryRow(id, st, calKey, settings);
    const holdout = st.holdout === null ? null : purchasePeriods(st.holdout);
    const count = holdout === null ? 0 : holdout.count;
    if (base === null) {
      if (st.periods.length > 0) {
        customersWithoutPurchase++;
        unmatchedRefunds += st.refunds;
      }
      if (count > 0) customersFirstInHoldout++;
      continue;
    }
    const monetary = holdout === null || count === 0 ? 0 : holdout.value / count;
    rows.push({
      ...base,
      frequencyHoldout: count,
      monetaryValueHoldout: monetary === 0 ? 0 : monetary,
      durationHoldout: duration ?? 0,
    });
  }
  rows.sort((a, b) => compareIds(a.customerId, b.customerId));
  return {
    customers: rows,
    transactions: scan.transactions,
    calibrationEnd: new Date(calibrationEnd).toISOString(),
    observationEnd: endMs === endMs ? new Date(endMs).toISOString() : null,
    durationHoldout: duration,
    period: settings.period,
    unit: settings.unit,
    timeZone: settings.timeZone,
    refunds: settings.refunds,
    excluded: {
      afterObservationEnd: scan.afterAsOf,
      customersFirstInHoldout,
      ignoredRefunds: scan.ignoredRefunds,
      customersWithoutPurchase,
      unmatchedRefunds,
    },
  };
}
