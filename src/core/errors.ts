/**
 * Stable machine-readable codes carried by every {@link CrmMetricsError}.
 *
 * - `INVALID_INPUT`: a record or value in the input breaks the documented rules.
 * - `EMPTY_INPUT`: the function needs at least one record and got none.
 * - `INVALID_OPTION`: an option is out of range, of the wrong type or unknown.
 * - `INSUFFICIENT_DATA`: the input is valid but too small or degenerate for the computation.
 * - `NOT_CONVERGED`: an iterative fit stopped before meeting its tolerance.
 */
export type CrmMetricsErrorCode =
  | "INVALID_INPUT"
  | "EMPTY_INPUT"
  | "INVALID_OPTION"
  | "INSUFFICIENT_DATA"
  | "NOT_CONVERGED";

/**
 * The one error type the library throws. `code` is stable across versions, `path` names
 * the offending value (`transactions[42].amount`, `options.level`), and the message reads
 * `functionName: path must ..., got value`.
 *
 * @example
 * const error = new CrmMetricsError("INVALID_INPUT", "nps: input[2] must be an integer from 0 to 10, got 11", "input[2]");
 * error.path
 * // => "input[2]"
 */
export class CrmMetricsError extends Error {
  /** Stable code for programmatic handling. */
  readonly code: CrmMetricsErrorCode;
  /** Where the bad value is, e.g. `input[2].score`; empty when the input as a whole is at fault. */
  readonly path: string;

  constructor(code: CrmMetricsErrorCode, message: string, path = "") {
    super(message);
    this.name = "CrmMetricsError";
    this.code = code;
    this.path = path;
  }

  /** A plain object for logging and serialisation. */
  toJSON(): { name: string; code: CrmMetricsErrorCode; path: string; message: string } {
    return { name: this.name, code: this.code, path: this.path, message: this.message };
  }
}

/** Short, safe rendering of an offending value for error messages. @internal */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") {
    const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(s);
  }
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value;
}

/** Throw an `INVALID_INPUT` error in the library's message format. @internal */
export function invalidInput(fn: string, path: string, rule: string, value: unknown): never {
  throw new CrmMetricsError("INVALID_INPUT", `${fn}: ${path} ${rule}, got ${describeValue(value)}`, path);
}

/** Throw an `INVALID_OPTION` error in the library's message format. @internal */
export function invalidOption(fn: string, name: string, rule: string, value: unknown): never {
  const path = `options.${name}`;
  throw new CrmMetricsError("INVALID_OPTION", `${fn}: ${path} ${rule}, got ${describeValue(value)}`, path);
}

/** Append a record path segment: `recordPath("input", 3, "score")` is `input[3].score`. @internal */
export function recordPath(name: string, index: number, field?: string): string {
  return field === undefined ? `${name}[${index}]` : `${name}[${index}].${field}`;
}
