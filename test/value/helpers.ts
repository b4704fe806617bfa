import { expect } from "vitest";
import { expectCrmError } from "../support/errors.js";

export { expectCrmError };

export { deepFreeze } from "../support/records.js";


/** Shared invalid-record cases: each function must name the record and field. */
export function checkRecordValidation(f: (tx: unknown[]) => unknown, fn: string): void {
  const ok = { customerId: "a", occurredAt: "2024-01-01", amount: 1 };
  expectCrmError(() => f([ok, null]), "INVALID_INPUT", "transactions[1]");
  expectCrmError(() => f([{ ...ok, customerId: "" }]), "INVALID_INPUT", "transactions[0].customerId");
  const e = expectCrmError(() => f([ok, { ...ok, occurredAt: "2024-02-30" }]), "INVALID_INPUT", "transactions[1].occurredAt");
  expect(e.message.startsWith(`${fn}: transactions[1].occurredAt must be a valid date`)).toBe(true);
  expectCrmError(() => f([{ ...ok, occurredAt: Number.NaN }]), "INVALID_INPUT", "transactions[0].occurredAt");
  expectCrmError(() => f([{ ...ok, amount: Number.POSITIVE_INFINITY }]), "INVALID_INPUT", "transactions[0].amount");
  expectCrmError(() => f([{ ...ok, amount: "1,5" }]), "INVALID_INPUT", "transactions[0].amount");
  expectCrmError(() => f([{ ...ok, type: "gift" }]), "INVALID_INPUT", "transactions[0].type");
  expectCrmError(() => f(3 as never), "INVALID_INPUT", "transactions");
}
