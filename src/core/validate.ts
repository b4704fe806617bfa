import { CrmMetricsError, describeValue, invalidInput, invalidOption } from "./errors.js";

/**
 * Materialise an input collection (array or any iterable, but not a string) as an array
 * without copying arrays. Throws `INVALID_INPUT` for anything else. @internal
 */
export function toArray<T>(fn: string, name: string, input: unknown): readonly T[] {
  if (Array.isArray(input)) return input as T[];
  if (isIterableObject(input)) return Array.from(input as Iterable<T>);
  return invalidInput(fn, name, "must be an array or iterable of records", input);
}

/** Whether a value is an object with a `Symbol.iterator` method (arrays included, strings not). @internal */
export function isIterableObject(value: unknown): value is Iterable<unknown> {
  return value !== null && typeof value === "object" && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}

/** Whether a value is a non-null, non-array object. @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Assert that `value` is a record object; return it typed. @internal */
export function requireRecord(fn: string, path: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) invalidInput(fn, path, "must be an object", value);
  return value as Record<string, unknown>;
}

/**
 * Read an id (customer, lead, deal): a non-empty string, or a finite number that is
 * turned into its string form. Ids are user data and are only ever used as `Map` keys.
 * @internal
 */
export function readId(fn: string, path: string, value: unknown): string {
  if (typeof value === "string") {
    if (value.length > 0) return value;
  } else if (typeof value === "number" && Number.isFinite(value)) {
    return String(value);
  }
  return invalidInput(fn, path, "must be a non-empty string or a finite number", value);
}

/**
 * Read an optional string field: a string (the empty string included) as it is, `undefined`
 * and `null` as `undefined`. The record schemas accept any string in such fields
 * (`z.string().optional()`), and their callers keep `""` as a key of its own. @internal
 */
export function readOptionalString(fn: string, path: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  return invalidInput(fn, path, "must be a string", value);
}

/** Read a finite number, optionally bounded and integral. @internal */
export function readNumber(
  fn: string,
  path: string,
  value: unknown,
  rule: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean } = {},
): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive === true ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) invalidInput(fn, path, describeRule(rule), value);
  return (value as number) === 0 ? 0 : (value as number);
}

function describeRule(rule: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean }): string {
  const kind = rule.integer === true ? "an integer" : "a finite number";
  if (rule.min !== undefined && rule.max !== undefined) {
    if (rule.minExclusive === true) return `must be ${kind} > ${rule.min} and <= ${rule.max}`;
    return `must be ${kind} from ${rule.min} to ${rule.max}`;
  }
  if (rule.min !== undefined) return `must be ${kind} ${rule.minExclusive === true ? ">" : ">="} ${rule.min}`;
  if (rule.max !== undefined) return `must be ${kind} <= ${rule.max}`;
  return `must be ${kind}`;
}

/** Validate that options is undefined or an object. @internal */
export function resolveOptions<T extends object>(fn: string, options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (!isRecord(options)) {
    throw new CrmMetricsError(
      "INVALID_OPTION",
      `${fn}: options must be an object, got ${describeValue(options)}`,
      "options",
    );
  }
  return options;
}

/** Validate a numeric option, returning `fallback` when undefined. @internal */
export function resolveNumberOption(
  fn: string,
  name: string,
  value: unknown,
  fallback: number,
  rule: { min?: number; max?: number; integer?: boolean; minExclusive?: boolean; maxExclusive?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive === true ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.maxExclusive === true ? value < rule.max : value <= rule.max));
  if (!ok) {
    const kind = rule.integer === true ? "an integer" : "a finite number";
    const lo = rule.min === undefined ? "" : `${rule.minExclusive === true ? ">" : ">="} ${rule.min}`;
    const hi = rule.max === undefined ? "" : `${rule.maxExclusive === true ? "<" : "<="} ${rule.max}`;
    const range = [lo, hi].filter((s) => s !== "").join(" and ");
    invalidOption(fn, name, `must be ${kind}${range === "" ? "" : ` ${range}`}`, value);
  }
  return value as number;
}

/** Validate a confidence `level` option in (0, 1), default 0.95. @internal */
export function resolveLevel(fn: string, value: unknown): number {
  return resolveNumberOption(fn, "level", value, 0.95, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
}

/** Validate a string-enum option. @internal */
export function resolveEnum<T extends string>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    invalidOption(fn, name, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`, value);
  }
  return value as T;
}

/** Validate a boolean option. @internal */
export function resolveBooleanOption(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") invalidOption(fn, name, "must be true or false", value);
  return value as boolean;
}

/** `null` for an empty denominator, else the ratio (never -0). @internal */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0 || !Number.isFinite(denominator)) return null;
  const r = numerator / denominator;
  return r === 0 ? 0 : r;
}
