import { Decimal } from "decimal.js";
import { invalidInput } from "./errors.js";

const SCALE = 10_000; // amounts with at most 4 decimals are summed as exact integers
const LIMIT = 2 ** 52;
/** Decimal constructor with enough precision that sums of money never round. */
const D: typeof Decimal = /* @__PURE__ */ Decimal.clone({ precision: 60 });
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Read a money input as a finite `number`, or throw `INVALID_INPUT` naming `path`.
 * Decimal strings and `Decimal` values are converted to the nearest double. @internal
 */
export function toAmount(fn: string, path: string, value: unknown): number {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value === 0 ? 0 : value;
  } else if (typeof value === "string") {
    const t = value.trim();
    if (DECIMAL_RE.test(t)) {
      const n = Number(t);
      if (Number.isFinite(n)) return n === 0 ? 0 : n;
    }
  } else if (Decimal.isDecimal(value)) {
    const n = (value as Decimal).toNumber();
    if (Number.isFinite(n)) return n === 0 ? 0 : n;
  }
  return invalidInput(fn, path, "must be a finite amount (number, decimal string or Decimal)", value);
}

/** Whether a value is a valid money input (same rules as {@link toAmount}). @internal */
export function isMoneyInput(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "string") return DECIMAL_RE.test(value.trim()) && Number.isFinite(Number(value));
  return Decimal.isDecimal(value) && (value as Decimal).isFinite();
}

/**
 * Exact running sum of money. Amounts with at most four decimals (the common case) are
 * added as scaled integers; anything else, and any partial sum that would leave the exact
 * integer range, goes through `decimal.js`. The result is the double nearest to the exact
 * decimal sum: a million amounts of 0.01 sum to exactly 10000, and 0.1 + 0.2 to 0.3.
 * @internal
 */
export class MoneySum {
  private scaled = 0;
  private big: Decimal | null = null;

  /** Add an amount (number, decimal string or Decimal, already validated). */
  add(amount: number | string | Decimal): this {
    if (typeof amount === "number") {
      const s = amount * SCALE;
      const r = Math.round(s);
      if (r / SCALE === amount && Math.abs(r) < LIMIT) {
        this.scaled += r;
        if (Math.abs(this.scaled) >= LIMIT) this.flush();
        return this;
      }
    }
    this.flush();
    this.big = (this.big ?? new D(0)).plus(amount);
    return this;
  }

  /** Add another sum into this one. */
  merge(other: MoneySum): this {
    this.scaled += other.scaled;
    if (Math.abs(this.scaled) >= LIMIT) this.flush();
    if (other.big !== null) this.big = (this.big ?? new D(0)).plus(other.big);
    return this;
  }

  /** The exact sum as a `Decimal`. */
  toDecimal(): Decimal {
    const base = new D(this.scaled).div(SCALE);
    return this.big === null ? base : this.big.plus(base);
  }

  /** The sum as the nearest `number` (`0`, never `-0`). */
  value(): number {
    if (this.big === null) {
      const v = this.scaled / SCALE;
      return v === 0 ? 0 : v;
    }
    const v = this.toDecimal().toNumber();
    return v === 0 ? 0 : v;
  }

  private flush(): void {
    if (this.scaled === 0) return;
    this.big = (this.big ?? new D(0)).plus(new D(this.scaled).div(SCALE));
    this.scaled = 0;
  }
}

/** Exact sum of amounts as a number. @internal */
export function sumMoney(amounts: Iterable<number | string | Decimal>): number {
  const s = new MoneySum();
  for (const a of amounts) s.add(a);
  return s.value();
}

/** Exact `a / b` of two money values rounded to a double, or `null` when `b` is 0. @internal */
export function divideMoney(a: MoneySum | number, b: number): number | null {
  if (b === 0) return null;
  const num = typeof a === "number" ? new D(a) : a.toDecimal();
  const v = num.div(b).toNumber();
  return v === 0 ? 0 : v;
}
