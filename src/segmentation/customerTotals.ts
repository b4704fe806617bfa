// Per-customer totals (last purchase, orders, net spend) read from transactions or from
// customer summary rows, in one pass. Shared by rfmScores, applyRfm and abcTiers. @internal
import { invalidInput, recordPath } from "../core/errors.js";
import { MoneySum, toAmount } from "../core/money.js";
import { createPeriodBucketer, parseTimestamp, toTimestamp } from "../core/time.js";
import { isRecord, readId, readNumber, toArray } from "../core/validate.js";

const DAY = 86_400_000;

/** Totals of one customer. @internal */
export interface CustomerTotals {
  /** Customer ids, in order of first appearance. */
  readonly ids: string[];
  /** Position of each id in `ids`. */
  readonly index: ReadonlyMap<string, number>;
  /** Epoch ms of the last purchase per customer, `NaN` when the customer has no purchase. */
  readonly lastPurchase: number[];
  /** Purchases (orders) per customer. */
  readonly orders: number[];
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
  const first = records[0];
  const kind = records.length === 0 || (isRecord(first) && "occurredAt" in first) ? "transactions" : "customers";
  return kind === "transactions" ? readTransactions(fn, records, opts) : readSummaries(fn, records, opts);
}

function readTransactions(fn: string, records: readonly unknown[], opts: ReadTotalsOptions): CustomerTotals {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const lastPurchase: number[] = [];
  const orders: number[] = [];
  const spend = new SpendColumn();
  const { asOf, timeZone } = opts;
  const limited = !Number.isNaN(asOf);
  const utc = timeZone === "UTC";
  let afterAsOf = 0;
  let latest = Number.NaN;
  const n = records.length;
  for (let i = 0; i < n; i++) {
    const t = records[i];
    if (t === null || typeof t !== "object") invalidInput(fn, recordPath("transactions", i), "must be an object", t);
    const rec = t as Record<string, unknown>;
    const rawId = rec.customerId;
    const id = typeof rawId === "string" && rawId.length > 0 ? rawId : readId(fn, recordPath("transactions", i, "customerId"), rawId);
    const rawAt = rec.occurredAt;
    let at = typeof rawAt === "string" && utc ? fastUtcIso(rawAt) : Number.NaN;
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
    let k = index.get(id);
    if (k === undefined) {
      k = ids.length;
      index.set(id, k);
      ids.push(id);
      lastPurchase.push(Number.NaN);
      orders.push(0);
      spend.grow(k + 1);
    }
    spend.add(k, amount);
    if (purchase) {
      orders[k]!++;
      if (!(at <= lastPurchase[k]!)) lastPurchase[k] = at;
    }
  }
  return { ids, index, lastPurchase, orders, spend, records: n, afterAsOf, latest, kind: "transactions" };
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
  return { ids, index: seen, lastPurchase, orders, spend, records: records.length, afterAsOf: 0, latest, kind: "customers" };
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

/** Deterministic code-unit order of ids (not locale-dependent). @internal */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
    const big = this.exact[k];
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

/**
 * Epoch ms of `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss[.sss]Z` or the same without `Z` (read as
 * UTC: only called when the zone is UTC), by character codes; `NaN` for anything else,
 * which the caller then hands to the full parser. @internal
 */
export function fastUtcIso(s: string): number {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28 + (day > 28 ? monthExtra(year, month) : 0)) {
    return Number.NaN;
  }
  const days = daysFromCivil(year, month, day);
  if (len === 10) return days * 86_400_000;
  const sep = s.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || len < 19 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  let pos = 19;
  let ms = 0;
  if (pos < len && s.charCodeAt(pos) === 46) {
    if (pos + 4 > len) return Number.NaN;
    ms = digits(s, pos + 1, 3);
    if (ms < 0) return Number.NaN;
    pos += 4;
  }
  if (pos < len && (s.charCodeAt(pos) === 90 || s.charCodeAt(pos) === 122)) pos++;
  if (pos !== len) return Number.NaN;
  return days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days a month has beyond 28. */
function monthExtra(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 1 : 0;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 2 : 3;
}

const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

/**
 * `new Date(ms).toISOString()` for years 1000..9999 by arithmetic (several times faster,
 * which matters for 100k result rows); other instants go through `Date`. @internal
 */
export function fastIsoString(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const dayMs = ms - days * 86_400_000;
  // Hinnant's civil_from_days
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999 || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const h = Math.floor(dayMs / 3_600_000);
  const mi = Math.floor(dayMs / 60_000) % 60;
  const sec = Math.floor(dayMs / 1000) % 60;
  const milli = dayMs % 1000;
  const msText = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${year}-${PAD2[month]}-${PAD2[day]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[sec]}.${msText}Z`;
}
