// Per-customer MRR step functions built from subscriptions, shared by mrrMovements,
// revenueRetention and quickRatio. Amounts are exact (decimal).
import { SeriesExtent } from "../core/periodLimit.js";
import type { Decimal } from "decimal.js";
import { invalidInput, recordPath } from "../core/errors.js";
import { MoneySum, toAmount } from "../core/money.js";
import { toTimestamp } from "../core/time.js";
import { isRecord, readId, toArray } from "../core/validate.js";

/** Movement kinds, ChartMogul's names. @internal */
export type MrrMovementKind = "new" | "expansion" | "contraction" | "churn" | "reactivation";

/** One change of a customer's total MRR. @internal */
export interface MrrChange {
  readonly time: number;
  readonly kind: MrrMovementKind;
  /** Total MRR after the change. */
  readonly total: Decimal;
  /** new total − previous total (negative for contraction and churn). */
  readonly delta: Decimal;
}

/** The subscriptions read into MRR changes per customer. @internal */
export interface MrrTimeline {
  readonly customers: Map<string, MrrChange[]>;
  readonly minTime: number;
  readonly maxTime: number;
  /** The earliest and the latest date read, with their paths (for the series length check). */
  readonly extent: SeriesExtent;
  readonly currency: string | undefined;
}

/**
 * Read subscriptions: validate, split each into MRR segments at its plan changes, add the
 * segments of a customer's (possibly overlapping) subscriptions, and classify every change
 * of the customer's total MRR. Changes at the same instant are netted into one movement
 * (an upgrade done by ending one subscription and starting another is one expansion).
 * @internal
 */
export function readMrrTimeline(fn: string, name: string, input: unknown, timeZone: string): MrrTimeline {
  const items = toArray<unknown>(fn, name, input);
  const deltas = new Map<string, { t: number; a: number }[]>();
  let minTime = Infinity;
  let maxTime = -Infinity;
  const extent = new SeriesExtent();
  let currency: string | undefined;
  let currencyPath = "";
  for (let i = 0; i < items.length; i++) {
    const r = items[i];
    if (!isRecord(r)) invalidInput(fn, recordPath(name, i), "must be a Subscription record", r);
    const id = readId(fn, recordPath(name, i, "customerId"), r["customerId"]);
    const start = toTimestamp(fn, recordPath(name, i, "startedAt"), r["startedAt"], timeZone);
    const rawEnd = r["endedAt"];
    const end = rawEnd === undefined || rawEnd === null ? Infinity : toTimestamp(fn, recordPath(name, i, "endedAt"), rawEnd, timeZone);
    if (end < start) invalidInput(fn, recordPath(name, i, "endedAt"), "must not be before startedAt", rawEnd);
    const mrr = readMrr(fn, recordPath(name, i, "mrr"), r["mrr"]);
    const cur = r["currency"];
    if (cur !== undefined) {
      if (typeof cur !== "string") invalidInput(fn, recordPath(name, i, "currency"), "must be a currency code", cur);
      if (currency === undefined) {
        currency = cur as string;
        currencyPath = recordPath(name, i, "currency");
      } else if (cur !== currency) {
        invalidInput(fn, recordPath(name, i, "currency"), `must equal ${currencyPath} (${currency}): convert currencies first`, cur);
      }
    }
    const segments: { t: number; a: number }[] = [{ t: start, a: mrr }];
    const changes = r["changes"];
    if (changes !== undefined) {
      if (!Array.isArray(changes)) invalidInput(fn, recordPath(name, i, "changes"), "must be an array of plan changes", changes);
      const cs = (changes as unknown[]).map((c, j) => {
        const path = `${recordPath(name, i, "changes")}[${j}]`;
        if (!isRecord(c)) invalidInput(fn, path, "must be a plan change record", c);
        const at = toTimestamp(fn, `${path}.at`, c["at"], timeZone);
        if (at < start || at >= end) invalidInput(fn, `${path}.at`, "must be within the subscription [startedAt, endedAt)", c["at"]);
        extent.add(at, recordPath(name, i, "changes"), j, "at");
        return { t: at, a: readMrr(fn, `${path}.mrr`, c["mrr"]) };
      });
      cs.sort((x, y) => x.t - y.t);
      segments.push(...cs);
    }
    let list = deltas.get(id);
    if (list === undefined) {
      list = [];
      deltas.set(id, list);
    }
    let prev = 0;
    for (const s of segments) {
      if (prev !== 0) list.push({ t: s.t, a: -prev });
      list.push({ t: s.t, a: s.a });
      prev = s.a;
    }
    if (end < Infinity) list.push({ t: end, a: -prev });
    if (start < minTime) minTime = start;
    if (start > maxTime) maxTime = start;
    if (end < Infinity && end > maxTime) maxTime = end;
    for (const s of segments) if (s.t > maxTime) maxTime = s.t;
    extent.add(start, name, i, "startedAt");
    if (end < Infinity) extent.add(end, name, i, "endedAt");
  }
  const customers = new Map<string, MrrChange[]>();
  for (const [id, list] of deltas) {
    list.sort((x, y) => x.t - y.t);
    const sum = new MoneySum();
    let prevTotal = sum.toDecimal();
    let everPaid = false;
    const out: MrrChange[] = [];
    let k = 0;
    while (k < list.length) {
      const t = list[k]!.t;
      while (k < list.length && list[k]!.t === t) {
        const a = list[k]!.a;
        if (a !== 0) sum.add(a);
        k++;
      }
      const total = sum.toDecimal();
      if (total.eq(prevTotal)) continue;
      const delta = total.minus(prevTotal);
      let kind: MrrMovementKind;
      if (prevTotal.isZero()) kind = everPaid ? "reactivation" : "new";
      else if (total.isZero()) kind = "churn";
      else kind = delta.isPositive() ? "expansion" : "contraction";
      if (!total.isZero()) everPaid = true;
      out.push({ time: t, kind, total, delta });
      prevTotal = total;
    }
    customers.set(id, out);
  }
  return { customers, minTime, maxTime, extent, currency };
}

function readMrr(fn: string, path: string, value: unknown): number {
  const a = toAmount(fn, path, value);
  if (a < 0) invalidInput(fn, path, "must be >= 0", value);
  return a;
}

/** A customer's total MRR in effect at instant `t` (after every change at or before `t`). @internal */
export function mrrAt(changes: readonly MrrChange[], t: number): Decimal | null {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (changes[m]!.time <= t) lo = m + 1;
    else hi = m;
  }
  return lo === 0 ? null : changes[lo - 1]!.total;
}
