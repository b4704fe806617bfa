// Per-customer totals (last purchase, orders, net spend) read from transactions or from
// customer summary rows, in one pass. Shared by rfmScores, applyRfm and abcTiers. @internal
import { parseUtcIsoFast } from "../core/fastIso.js";
import { invalidInput, recordPath } from "../core/errors.js";
import { DenseIdIndex } from "../core/denseIdIndex.js";
import { MoneySum, toAmount } from "../core/money.js";
import { createPeriodBucketer, parseTimestamp, toTimestamp } from "../core/time.js";
import { isRecord, readId, readNumber, toArray } from "../core/validate.js";

const DAY = 86_400_000;

/** Totals of one customer. @internal */
export interface CustomerTotals {
  /** Customer ids, in order of first appearance. */
  readonly ids: string[];
  /** Position of an id in `ids`, or -1. */
  readonly indexOf: (id: string) => number;
  /** Epoch ms of the last purchase per customer, `NaN` when the customer has no purchase. */
  readonly lastPurchase: ArrayLike<number>;
  /** Purchases (orders) per customer. */
  readonly orders: ArrayLike<number>;
  /** Net spend per customer (purchases minus refunds), exact. */
  readonly spend: SpendColumn;
  /** Records read. */
  readonly records: number;
  /** Records after `asOf`, ignored. */
  readonly afterAsOf: number;
  /** Latest timestamp read (purchase, refund or summary `lastPurchaseAt`), `NaN` if none. */
  readonly latest: number;
  /** `"transactions"` or `"customers"` (summary rows), for error paths. */
  readonly kind: "transactions" | "customers";
}

/** What to read. @internal */
export interface ReadTotalsOptions {
  /** Observation end in epoch ms; `NaN` for none. */
  readonly asOf: number;
  /** Zone for ISO strings without offset. */
  readonly timeZone: string;
  /** Whether summary rows need `lastPurchaseAt` and `orders` (RFM) or only `totalSpend` (ABC). */
  readonly needRecency: boolean;
}

/**
 * Read transactions (records with `occurredAt`) or customer summary rows (records with
 * `totalSpend`) into per-customer totals. A transaction is a purchase when its amount is
 * >= 0 and its `type` is not `"refund"`; refunds (negative amounts, or `type: "refund"`,
 * whose amount is read as its negative) reduce the spend but are not orders. @internal
 */
export function readCustomerTotals(fn: string, input: unknown, opts: ReadTotalsOptions): CustomerTotals {
  const records = toArray<unknown>(fn, "input", input);
  return inputKind(records) === "transactions" ? readTransactions(fn, records, opts) : readSummaries(fn, records, opts);
}

/**
 * Whether records are transactions or summary rows: the first record that has
 * `occurredAt` or `amount` (a transaction) or `totalSpend` (a summary row) decides;
 * records that are not objects, or have none of these fields, are skipped, so that the
 * error for such a record names it under the kind of the others (`transactions[0]`).
 * Without any deciding record the input is read as transactions.
 */
function inputKind(records: readonly unknown[]): "transactions" | "customers" {
  for (const r of records) {
    if (!isRecord(r)) continue;
    if ("occurredAt" in r) return "transactions";
    if ("totalSpend" in r) return "customers";
    if ("amount" in r) return "transactions";
  }
  return "transactions";
}

function readTransactions(fn: string, records: readonly unknown[], opts: ReadTotalsOptions): CustomerTotals {
  const index = new DenseIdIndex();
  const byNumber = new Map<number, number>();
  const ids = index.ids;
  let cap = 1024;
  let lastPurchase = new Float64Array(cap).fill(Number.NaN);
  let orders = new Float64Array(cap);
  const spend = new SpendColumn();
  const { asOf, timeZone } = opts;
  const limited = !Number.isNaN(asOf);
  const utc = timeZone === "UTC";
  let afterAsOf = 0;
  let latest = Number.NaN;
  const n = records.length;
  for (let i = 0; i < n; i++) {
    const t = records[i];
    if (t === null || typeof t !== "object" || Array.isArray(t)) invalidInput(fn, recordPath("transactions", i), "must be an object", t);
    const rec = t as Record<string, unknown>;
    const rawId = rec.customerId;
    if (!((typeof rawId === "string" && rawId.length > 0) || (typeof rawId === "number" && Number.isFinite(rawId)))) {
      readId(fn, recordPath("transactions", i, "customerId"), rawId);
    }
    const rawAt = rec.occurredAt;
    let at = typeof rawAt === "string" && utc ? parseUtcIsoFast(rawAt) : Number.NaN;
    if (Number.isNaN(at)) at = parseTimestamp(rawAt, timeZone);
    if (Number.isNaN(at)) at = toTimestamp(fn, recordPath("transactions", i, "occurredAt"), rawAt, timeZone);
    const rawAmount = rec.amount;
    let amount =
      typeof rawAmount === "number" && Number.isFinite(rawAmount)
        ? rawAmount
        : toAmount(fn, recordPath("transactions", i, "amount"), rawAmount);
    const type = rec.type;
    let purchase = amount >= 0;
    if (type !== undefined && type !== "purchase") {
      if (type !== "refund") invalidInput(fn, recordPath("transactions", i, "type"), 'must be "purchase" or "refund"', type);
      amount = -Math.abs(amount);
      purchase = false;
    }
    if (limited && at > asOf) {
      afterAsOf++;
      continue;
    }
    if (!(at <= latest)) latest = at;
    let k: number | undefined;
    const before = ids.length;
    if (typeof rawId === "string") k = index.intern(rawId);
    else {
      k = byNumber.get(rawId as number);
      if (k === undefined) {
        k = index.intern(String(rawId));
        byNumber.set(rawId as number, k);
      }
    }
    if (k === before) {
      if (k === cap) {
        cap *= 2;
        const last = new Float64Array(cap).fill(Number.NaN);
        last.set(lastPurchase);
        lastPurchase = last;
        const count = new Float64Array(cap);
        count.set(orders);
        orders = count;
      }
      spend.grow(k + 1);
    }
    spend.add(k, amount);
    if (purchase) {
      orders[k]!++;
      if (!(at <= lastPurchase[k]!)) lastPurchase[k] = at;
    }
  }
  return {
    ids,
    indexOf: (id) => index.get(id),
    lastPurchase: lastPurchase.subarray(0, ids.length),
    orders: orders.subarray(0, ids.length),
    spend,
    records: n,
    afterAsOf,
    latest,
    kind: "transactions",
  };
}

function readSummaries(fn: string, records: readonly unknown[], opts: ReadTotalsOptions): CustomerTotals {
  const seen = new Map<string, number>();
  const ids: string[] = [];
  const lastPurchase: number[] = [];
  const orders: number[] = [];
  const spend = new SpendColumn();
  const { asOf, timeZone, needRecency } = opts;
  let latest = Number.NaN;
  for (let i = 0; i < records.length; i++) {
    const row = records[i];
    if (!isRecord(row)) invalidInput(fn, recordPath("customers", i), "must be an object", row);
    const rec = row as Record<string, unknown>;
    const id = readId(fn, recordPath("customers", i, "customerId"), rec.customerId);
    if (seen.has(id)) invalidInput(fn, recordPath("customers", i, "customerId"), "must be unique", id);
    seen.set(id, ids.length);
    const total = toAmount(fn, recordPath("customers", i, "totalSpend"), rec.totalSpend);
    let count = 0;
    let last = Number.NaN;
    if (needRecency) {
      count = readNumber(fn, recordPath("customers", i, "orders"), rec.orders, { min: 0, integer: true });
      const rawLast = rec.lastPurchaseAt;
      if (count > 0 || (rawLast !== undefined && rawLast !== null)) {
        last = toTimestamp(fn, recordPath("customers", i, "lastPurchaseAt"), rawLast, timeZone);
        if (count === 0) invalidInput(fn, recordPath("customers", i, "orders"), "must be >= 1 when lastPurchaseAt is set", count);
        if (!Number.isNaN(asOf) && last > asOf) {
          invalidInput(fn, recordPath("customers", i, "lastPurchaseAt"), "must not be after options.asOf", rawLast);
        }
        if (!(last <= latest)) latest = last;
      }
    }
    ids.push(id);
    lastPurchase.push(last);
    orders.push(count);
    spend.grow(ids.length);
    spend.add(ids.length - 1, total);
  }
  return { ids, indexOf: (id) => seen.get(id) ?? -1, lastPurchase, orders, spend, records: records.length, afterAsOf: 0, latest, kind: "customers" };
}

/**
 * Calendar days from the local date of `from` to the local date of `to` in `zone`, as a
 * reusable function. UTC uses day arithmetic; other zones compare the instants of local
 * midnight (memoised by the core bucketer) and round, which absorbs the <= 2 h that a
 * daylight-saving change moves midnight by. @internal
 */
export function createDayCounter(zone: string): (from: number, to: number) => number {
  if (zone === "UTC") return (from, to) => Math.floor(to / DAY) - Math.floor(from / DAY);
  const dayStart = createPeriodBucketer("day", { timeZone: zone });
  return (from, to) => Math.round((dayStart(to) - dayStart(from)) / DAY);
}


const SCALE = 10_000;
const SAFE = 2 ** 50;

/**
 * Exact net spend per customer index: amounts with at most four decimals are summed as
 * scaled integers in a typed array (no per-customer object); a customer whose amounts
 * need more precision, or whose sum grows past 2^50 / 10^4, moves to a `MoneySum`. @internal
 */
export class SpendColumn {
  private scaled = new Float64Array(1024);
  private readonly exact: (MoneySum | undefined)[] = [];

  /** Make room for `size` customers. */
  grow(size: number): void {
    if (size <= this.scaled.length) return;
    let cap = this.scaled.length;
    while (cap < size) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.scaled);
    this.scaled = next;
  }

  /** Add an amount to customer `k`. */
  add(k: number, amount: number): void {
    const r = Math.round(amount * SCALE);
    if (r / SCALE === amount && Math.abs(r) < SAFE) {
      const v = this.scaled[k]! + r;
      if (Math.abs(v) < SAFE) {
        this.scaled[k] = v;
        return;
      }
    }
    this.slow(k).add(amount);
  }

  /** The exact sum of customer `k` as the nearest number (never -0). */
  value(k: number): number {
    // (reading past the end of a short array is slow: check the length first)
    const big = k < this.exact.length ? this.exact[k] : undefined;
    if (big !== undefined) {
      const v = this.scaled[k]!;
      return v === 0 ? big.value() : new MoneySum().merge(big).add(v / SCALE).value();
    }
    const v = this.scaled[k]! / SCALE;
    return v === 0 ? 0 : v;
  }

  private slow(k: number): MoneySum {
    let big = this.exact[k];
    if (big === undefined) {
      big = new MoneySum();
      this.exact[k] = big;
    }
    return big;
  }
}
