import type { Subscription } from "../../src/index.js";
import { deepFreeze } from "../support/records.js";

export { deepFreeze };

export { expectCrmError as expectError } from "../support/errors.js";


/** Whether any number in a JSON-like value is NaN or infinite, or any field undefined. */
export function hasBadNumber(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (value === undefined) return true;
  if (value !== null && typeof value === "object") return Object.values(value).some(hasBadNumber);
  return false;
}

/**
 * Four customers at the start of February 2024: a and b stay, c leaves, d leaves and
 * comes back; e joins and leaves in February, f joins and stays.
 */
export const februarySubscriptions: readonly Subscription[] = deepFreeze([
  { customerId: "a", startedAt: "2024-01-01", mrr: 10 },
  { customerId: "b", startedAt: "2024-01-15", mrr: 10 },
  { customerId: "c", startedAt: "2024-01-10", endedAt: "2024-02-10", mrr: 10 },
  { customerId: "d", startedAt: "2024-01-05", endedAt: "2024-02-05", mrr: 10 },
  { customerId: "d", startedAt: "2024-02-20", mrr: 10 },
  { customerId: "e", startedAt: "2024-02-03", endedAt: "2024-02-17", mrr: 10 },
  { customerId: "f", startedAt: "2024-02-25", mrr: 10 },
]);

/** Options selecting February 2024, observed on March 1. */
export const february: { readonly from: string; readonly to: string; readonly asOf: string } = { from: "2024-02-01", to: "2024-02-01", asOf: "2024-03-01" } as const;
