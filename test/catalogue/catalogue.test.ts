import { describe, expect, it } from "vitest";
import { customerSummary } from "../../src/index.js";
import { deepFreeze } from "../support/records.js";
import { CASES, type CatalogueCase, type Outcome } from "./cases.js";
import { expectedOutcome, PENDING_FIXES, pendingFixFor, rowApplies } from "./expected.js";
import { ADAPTERS, exportedFunctionNames, type Adapter } from "./functions.js";
import { assertFiniteOrNull, baseOf, describeOutcome, findNotFiniteOrNull, runRow, type Actual } from "./outcome.js";

/** Why a row's actual outcome is not its documented one, or null when it is. */
function rowProblem(adapter: Adapter, c: CatalogueCase, expected: Outcome, actual: Actual): string | null {
  const want = describeOutcome(expected);
  const got = describeOutcome(actual);
  if (want !== got) return `${adapter.name} × ${c.id}: expected ${want}, got ${got}`;
  if ("error" in actual && (actual.error === "INVALID_INPUT" || actual.error === "INVALID_OPTION")) {
    const prefixes = [adapter.name, adapter.messagesFrom].filter((f) => f !== undefined).map((f) => `${f}: ${actual.path} must `);
    if (!prefixes.some((p) => actual.message.startsWith(p)) || !actual.message.includes(", got ")) {
      return `${adapter.name} × ${c.id}: message "${actual.message}" is not "${prefixes.join('" or "')}..., got ..."`;
    }
  }
  return null;
}

describe("the bad-input catalogue", () => {
  it("has an adapter for every exported function, and no other", () => {
    expect(ADAPTERS.map((a) => a.name).sort()).toEqual(exportedFunctionNames());
    expect(exportedFunctionNames().length).toBeGreaterThanOrEqual(73);
  });

  it("has at least 60 distinct cases, every id unique, every function at least 5 rows", () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    for (const a of ADAPTERS) expect(CASES.filter((c) => rowApplies(a, c)).length, a.name).toBeGreaterThanOrEqual(5);
  });

  for (const adapter of ADAPTERS) {
    it(`${adapter.name}: every row has its documented outcome`, async () => {
      const problems: string[] = [];
      for (const c of CASES) {
        if (!rowApplies(adapter, c) || pendingFixFor(adapter.name, c.id) !== undefined) continue;
        const actual = await runRow(adapter, c);
        const problem = rowProblem(adapter, c, expectedOutcome(adapter, c).outcome, actual);
        if (problem !== null) problems.push(problem);
      }
      expect(problems).toEqual([]);
    });
  }

  it("pending fixes still fail (when one passes, delete it from PENDING_FIXES in expected.ts)", async () => {
    for (const p of PENDING_FIXES) {
      const adapter = ADAPTERS.find((a) => a.name === p.fn);
      if (adapter === undefined) continue; // a function another engineer has not exported yet
      const c = CASES.find((x) => x.id === p.caseId)!;
      expect(c, p.caseId).toBeDefined();
      const actual = await runRow(adapter, c);
      const problem = rowProblem(adapter, c, expectedOutcome(adapter, c).outcome, actual);
      expect(problem, `${p.fn} × ${p.caseId} now passes: move it out of PENDING_FIXES`).not.toBeNull();
    }
  });
});

/** Every object reachable from `value`. */
function objectsIn(value: unknown, into: Set<object> = new Set()): Set<object> {
  if (value !== null && typeof value === "object" && !into.has(value)) {
    into.add(value);
    for (const v of Object.values(value)) objectsIn(v, into);
  }
  return into;
}

/** The first object of `result` (walked deeply) that is one of `inputs`, as a path. */
function sharedObject(result: unknown, inputs: Set<object>, path = "result", seen: Set<object> = new Set()): string | null {
  if (result === null || typeof result !== "object" || seen.has(result)) return null;
  if (inputs.has(result)) return path;
  seen.add(result);
  for (const [k, v] of Object.entries(result)) {
    const hit = sharedObject(v, inputs, `${path}.${k}`, seen);
    if (hit !== null) return hit;
  }
  return null;
}

/** Where `a` and `b` differ beyond float rounding (relative 1e-9), or null when they agree. */
function deepCloseProblem(a: unknown, b: unknown, path = "result"): string | null {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? null : `${path}: ${a} vs ${b}`;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} vs ${kb.join()}`;
  for (const k of ka) {
    const p = deepCloseProblem((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (p !== null) return p;
  }
  return null;
}

/** A result whose per-record rows (listed in input order by design) are sorted by their key. */
function byKey(adapter: Adapter, result: unknown): unknown {
  if (adapter.rowsInInputOrder === undefined) return result;
  const [list, key] = adapter.rowsInInputOrder;
  const r = result as Record<string, Record<string, string>[]>;
  return { ...r, [list]: [...r[list]!].sort((x, y) => (String(x[key]) < String(y[key]) ? -1 : String(x[key]) > String(y[key]) ? 1 : 0)) };
}

/** A fixed permutation: odd positions first, then even ones reversed (no record keeps its place for n >= 3). */
function shuffled<T>(list: readonly T[]): T[] {
  const odd = list.filter((_, i) => i % 2 === 1);
  const even = list.filter((_, i) => i % 2 === 0).reverse();
  return [...odd, ...even];
}

describe("inputs are never mutated and results share nothing with them", () => {
  for (const adapter of ADAPTERS) {
    it(adapter.name, async () => {
      const input = deepFreeze(baseOf(adapter));
      const result = await adapter.call(input, deepFreeze({}));
      assertFiniteOrNull(result);
      expect(sharedObject(result, objectsIn(input))).toBeNull();
    });
  }
});

describe("order independence: a shuffled copy of the input gives a deep-equal result", () => {
  for (const adapter of ADAPTERS) {
    const base = baseOf(adapter);
    if (!Array.isArray(base)) continue;
    if (adapter.orderMatters !== undefined) continue;
    it(adapter.name, async () => {
      const list = base as unknown[];
      expect(shuffled(list)).not.toEqual(list);
      const a = byKey(adapter, await adapter.call(list, {}));
      const b = byKey(adapter, await adapter.call(shuffled(list), {}));
      expect(findNotFiniteOrNull(a)).toBeNull();
      expect(deepCloseProblem(b, a)).toBeNull();
    });
  }
});

describe("the rules docs/bad-input.md states", () => {
  it("local times in a DST gap move forward by the gap; in an overlap the earlier instant is taken", () => {
    const at = (occurredAt: string, timeZone: string): string | undefined =>
      customerSummary([{ customerId: "a", occurredAt, amount: 1 }], { timeZone, asOf: "2025-01-01" }).customers[0]?.firstPurchaseAt;
    expect(at("2024-03-10T02:30", "America/New_York")).toBe("2024-03-10T07:30:00.000Z"); // 03:30 EDT
    expect(at("2024-11-03T01:30", "America/New_York")).toBe("2024-11-03T05:30:00.000Z"); // 01:30 EDT, not EST
    expect(at("2024-03-31T02:30", "Europe/Berlin")).toBe("2024-03-31T01:30:00.000Z"); // 03:30 CEST
    expect(at("2024-10-27T02:30", "Europe/Berlin")).toBe("2024-10-27T00:30:00.000Z"); // 02:30 CEST, not CET
  });

  it("ids __proto__, constructor and toString are ordinary ids", () => {
    const rows = customerSummary(
      ["__proto__", "constructor", "toString"].map((customerId, i) => ({ customerId, occurredAt: `2024-01-0${i + 1}`, amount: i + 1 })),
      { asOf: "2024-02-01" },
    ).customers;
    expect(rows.map((r) => [r.customerId, r.totalSpend])).toEqual([
      ["__proto__", 1],
      ["constructor", 2],
      ["toString", 3],
    ]);
  });
});
