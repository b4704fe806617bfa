/** Freeze a value and everything reachable from it, so a test fails if a function mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Every number in a result is finite and no field is undefined (JSON-safe). */
export function isJsonSafe(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (value !== null && typeof value === "object") return Object.values(value).every(isJsonSafe);
  return true;
}
