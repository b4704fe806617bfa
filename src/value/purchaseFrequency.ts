import { createPeriodBucketer } from "../core/time.js";
import { ratio, resolveBooleanOption, resolveOptions } from "../core/validate.js";
import type { Transaction } from "../models/transaction.js";
import { forEachTransaction, resolveWindow, type ValueWindowOptions } from "./records.js";

/** Options of {@link purchaseFrequency}. */
export interface PurchaseFrequencyOptions extends ValueWindowOptions {
  /**
   * Count a customer's purchases on the same calendar day (in `timeZone`) as one order, as
   * {@link core!customerSummary} and lifetimes do.
   * @defaultValue `false` (every purchase record is an order)
   */
  readonly countSameDayOnce?: boolean;
}

/** Result of {@link purchaseFrequency}. */
export interface PurchaseFrequencyResult {
  /** Orders per customer in the window: `orders / customers`; `null` without customers. */
  readonly purchaseFrequency: number | null;
  /** Orders in the window (refunds are never orders). */
  readonly orders: number;
  /** Distinct customers with at least one order in the window. */
  readonly customers: number;
  /** Customers with two or more orders in the window. */
  readonly repeatCustomers: number;
  /** `repeatCustomers / customers` (the repeat purchase rate); `null` without customers. */
  readonly repeatCustomerRate: number | null;
  /** Refund records in the window (not counted as orders). */
  readonly refunds: number;
}

/**
 * Purchase frequency: the mean number of orders per ordering customer in a window, the
 * `F` of the classic CLV calculators (Shopify, Kissmetrics: total orders / unique
 * customers), with the repeat purchase rate (customers with two or more orders within the
 * window / customers with one or more). Choose the window (`start`, `end`) to get a rate per
 * month or year.
 *
 * @param transactions - Transactions (array or iterable).
 * @param options - Window, time zone and same-day merging.
 * @returns Frequency and repeat rate with their counts; `null` without customers.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad record; `INVALID_OPTION` for a bad option.
 *
 * @example
 * const log = [
 *   { customerId: "a", occurredAt: "2024-01-03T10:00:00Z", amount: 40 },
 *   { customerId: "a", occurredAt: "2024-01-03T18:00:00Z", amount: 15 },
 *   { customerId: "a", occurredAt: "2024-03-01", amount: 30 },
 *   { customerId: "b", occurredAt: "2024-02-11", amount: 20 },
 * ];
 * [purchaseFrequency(log).purchaseFrequency, purchaseFrequency(log, { countSameDayOnce: true }).purchaseFrequency]
 * // => [2, 1.5]
 */
export function purchaseFrequency(
  transactions: Iterable<Transaction>,
  options?: PurchaseFrequencyOptions,
): PurchaseFrequencyResult {
  const fn = "purchaseFrequency";
  const opts = resolveOptions(fn, options);
  const window = resolveWindow(fn, opts);
  const sameDayOnce = resolveBooleanOption(fn, "countSameDayOnce", opts.countSameDayOnce, false);
  const dayOf = createPeriodBucketer("day", { timeZone: window.timeZone });
  const perCustomer = new Map<string, number>();
  const seenDays = sameDayOnce ? new Map<string, Set<number>>() : null;
  let refunds = 0;
  forEachTransaction(fn, transactions, window, (r) => {
    if (r.refund) {
      refunds++;
      return;
    }
    if (seenDays !== null) {
      let days = seenDays.get(r.customerId);
      if (days === undefined) seenDays.set(r.customerId, (days = new Set()));
      const day = dayOf(r.ms);
      if (days.has(day)) return;
      days.add(day);
    }
    perCustomer.set(r.customerId, (perCustomer.get(r.customerId) ?? 0) + 1);
  });
  let orders = 0;
  let repeatCustomers = 0;
  for (const n of perCustomer.values()) {
    orders += n;
    if (n >= 2) repeatCustomers++;
  }
  const customers = perCustomer.size;
  return {
    purchaseFrequency: ratio(orders, customers),
    orders,
    customers,
    repeatCustomers,
    repeatCustomerRate: ratio(repeatCustomers, customers),
    refunds,
  };
}
