/** Running one catalogue row and describing what happened. */
export { baseOf } from "./functions.js";
import { expect } from "vitest";
import { CrmMetricsError } from "../../src/index.js";
import { baseOf, type Adapter } from "./functions.js";
import type { CatalogueCase, Outcome } from "./cases.js";

/**
 * Walk a result and fail on any number that is not finite (NaN, Infinity) and on any
 * `undefined` value; `null` is allowed. Returns the path of the first offender or null.
 */
export function findNotFiniteOrNull(value: unknown, path = "result", seen: Set<object> = new Set()): string | null {
  if (value === undefined) return `${path} is undefined`;
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (typeof value === "bigint" || typeof value === "symbol") return `${path} is a ${typeof value}`;
  if (value === null || typeof value !== "object") return null;
  if (seen.has(value)) return null;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const bad = findNotFiniteOrNull(v, `${path}.get(${String(k)})`, seen);
      if (bad !== null) return bad;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "function") continue; // methods of accumulators
    const bad = findNotFiniteOrNull(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, seen);
    if (bad !== null) return bad;
  }
  return null;
}

/** Assert that every number in `result`, deeply, is finite or null, and nothing is undefined. */
export function assertFiniteOrNull(result: unknown): void {
  expect(findNotFiniteOrNull(result)).toBeNull();
}

/** What a call did. */
export type Actual =
  | { readonly ok: true; readonly result: unknown; readonly problem: string | null }
  | { readonly error: string; readonly path: string; readonly message: string }
  | { readonly crash: string };


/** Build and run one row. */
export async function runRow(adapter: Adapter, c: CatalogueCase): Promise<Actual> {
  const { input, options } = c.build(baseOf(adapter));
  try {
    const result = await adapter.call(input, options ?? {});
    return { ok: true, result, problem: findNotFiniteOrNull(result) };
  } catch (e) {
    if (e instanceof CrmMetricsError) return { error: e.code, path: e.path, message: e.message };
    return { crash: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Short text for an outcome (`ok`, `INVALID_INPUT transactions[0].amount`). */
export function describeOutcome(o: Outcome | Actual): string {
  if ("crash" in o) return `crash ${o.crash}`;
  if ("error" in o) return `${o.error} ${o.path}`;
  if ("problem" in o && o.problem !== null) return `not finite: ${o.problem}`;
  return "ok";
}
