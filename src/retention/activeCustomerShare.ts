import type { Duration } from "date-fns";
import type { AsOfOptions, DateInput, PeriodOptions, PeriodUnit } from "../core/options.js";
import { isoString, resolveDuration } from "../core/time.js";
import type { PeriodInfo } from "../core/trend.js";
import { ratio, resolveOptions } from "../core/validate.js";
import { buildPeriodGrid, gridPeriodInfo, resolveSeriesOptions } from "./periods.js";
import { activeAt, readSpells, type RetentionInput } from "./spells.js";

/** Options of {@link activeCustomerShare}. */
export interface ActiveCustomerShareOptions extends PeriodOptions, AsOfOptions {
  /**
   * For activity records: a customer is active at an instant when they had a record in
   * this window before it. Ignored for subscriptions (active while subscribed).
   * @defaultValue `{ days: 90 }`
   */
  readonly activeWindow?: Duration;
  /** First period: the one containing this date. @defaultValue the period of the earliest record */
  readonly from?: DateInput;
  /** Last period: the one containing this date (at most `asOf`). @defaultValue the period containing `asOf` */
  readonly to?: DateInput;
}

/** One period of {@link ActiveCustomerShareResult}, read at the period's end. */
export interface ActiveCustomerSharePeriod extends PeriodInfo {
  readonly complete: boolean;
  /** Customers active at the end of the period (at `asOf` for the last, incomplete one). */
  readonly activeCount: number;
  /** Customers acquired by then (active at least once before). */
  readonly acquiredCount: number;
  /** activeCount / acquiredCount; `null` before the first customer. */
  readonly share: number | null;
}

/** Result of {@link activeCustomerShare}. */
export interface ActiveCustomerShareResult {
  readonly inputKind: "subscriptions" | "activity";
  readonly period: PeriodUnit;
  readonly timeZone: string;
  readonly asOf: string | null;
  readonly customers: number;
  readonly periods: readonly ActiveCustomerSharePeriod[];
}

/**
 * Share of all customers acquired so far who are active, at the end of each period:
 * active means a record within `activeWindow` (90 days) before that instant, or a running
 * subscription. The denominator is every customer seen by then (ever acquired), so the
 * share shows how much of the customer base is still engaged.
 *
 * @param input - Activity records (`customerId`, `occurredAt`) or `Subscription` records.
 * @param options - Window, period, time zone, range and `asOf`.
 * @returns One entry per period; `share` is `null` while no customer was acquired.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad record; `INVALID_OPTION` for a bad option. A series of more than 100,000 periods throws `INVALID_INPUT` at the
 *   record that sets its far end (one dated in year 9999, when `asOf` is not given), or
 *   `INVALID_OPTION` at `options.from`, `options.to` or `options.asOf` when an option does.
 *
 * @example
 * const orders = [
 *   { customerId: "a", occurredAt: "2024-01-05" },
 *   { customerId: "b", occurredAt: "2024-01-20" },
 *   { customerId: "b", occurredAt: "2024-02-25" },
 * ];
 * activeCustomerShare(orders, { activeWindow: { days: 30 }, asOf: "2024-02-29" }).periods.map((p) => p.share)
 * // => [1, 0.5]
 */
export function activeCustomerShare(input: RetentionInput, options?: ActiveCustomerShareOptions): ActiveCustomerShareResult {
  const fn = "activeCustomerShare";
  const opts = resolveOptions(fn, options);
  const { period, timeZone, weekStartsOn, asOf: asOfOpt, from: fromOpt, to: toOpt } = resolveSeriesOptions(fn, opts);
  const activeWindow = resolveDuration(fn, "activeWindow", opts.activeWindow, { days: 90 });
  const set = readSpells(fn, "input", input, activeWindow, timeZone);
  const base = { inputKind: set.kind, period, timeZone, customers: set.customers.size };
  if (set.customers.size === 0 && asOfOpt === undefined) return { ...base, asOf: null, periods: [] };
  const asOf = asOfOpt ?? set.maxTime;
  const limit = { fn, hint: "pass from and to, or asOf, or use a longer period", options: { from: fromOpt, to: toOpt, asOf: asOfOpt }, records: set.extent };
  const grid = buildPeriodGrid(fromOpt ?? set.minTime, Math.min(toOpt ?? asOf, asOf), asOf, period, timeZone, weekStartsOn, limit);
  const spells = [...set.customers.values()];
  const periods: ActiveCustomerSharePeriod[] = grid.labels.map((_, k) => {
    const t = grid.evalEnds[k]!;
    let active = 0;
    let acquired = 0;
    for (const s of spells) {
      if (s.starts[0]! < t) acquired++;
      if (activeAt(s, t)) active++;
    }
    return { ...gridPeriodInfo(grid, k), complete: grid.complete[k]!, activeCount: active, acquiredCount: acquired, share: ratio(active, acquired) };
  });
  return { ...base, asOf: isoString(asOf), periods };
}
