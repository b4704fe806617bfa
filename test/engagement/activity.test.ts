import { describe, expect, it } from "vitest";
import { interactionCounts } from "../../src/engagement/interactionCounts.js";
import { errorInfo, messageOf } from "../support/errors.js";

// The shared record reader of the engagement family (src/engagement/activity.ts), through
// interactionCounts: each bad record or option is named with its path, rule and value.
const ok = { customerId: "a", occurredAt: "2024-01-01T10:00:00Z", type: "email" };
const counts = (input: unknown, options?: unknown): unknown => interactionCounts(input as never, options as never);

describe("engagement record reader (activity.ts)", () => {
  it("names the bad record, field, rule and value", () => {
    const cases: readonly [unknown, unknown, string][] = [
      [5, undefined, "interactions must be an array or iterable of records, got 5"],
      [null, undefined, "interactions must be an array or iterable of records, got null"],
      [{ length: 0 }, undefined, "interactions must be an array or iterable of records, got an object"],
      [["x"], undefined, 'interactions[0] must be a record object, got "x"'],
      [[ok, { ...ok, customerId: "" }], undefined, 'interactions[1].customerId must be a non-empty string or a finite number, got ""'],
      [[{ ...ok, occurredAt: "nope" }], undefined, 'interactions[0].occurredAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "nope"'],
      [[{ ...ok, channel: 5 }], undefined, "interactions[0].channel must be a string, got 5"],
      [[{ ...ok, direction: "sideways" }], undefined, 'interactions[0].direction must be "inbound" or "outbound", got "sideways"'],
      [[{ ...ok, type: "" }], undefined, 'interactions[0].type must be a non-empty string, got ""'],
      [[{ ...ok, type: 3 }], undefined, "interactions[0].type must be a non-empty string, got 3"],
      [[{ ...ok, id: {} }], { dedupe: true }, "interactions[0].id must be a non-empty string or a finite number, got an object"],
      [[ok], { types: "email" }, 'options.types must be an array of strings, got "email"'],
      [[ok], { types: ["email", ""] }, 'options.types[1] must be a non-empty string, got ""'],
      [[ok], { types: [3] }, "options.types[0] must be a non-empty string, got 3"],
    ];
    for (const [input, options, message] of cases) expect(messageOf(() => counts(input, options))).toBe(`interactionCounts: ${message}`);
    expect(errorInfo(() => counts([{ ...ok, customerId: Number.NaN }]))).toBe("INVALID_INPUT interactions[0].customerId");
  });

  it("reads numeric ids as strings: customer 7 and \"7\" are one customer, record ids 3 and \"3\" one record", () => {
    const r = counts([{ ...ok, customerId: 7 }, { ...ok, customerId: 7, id: 3 }, { ...ok, customerId: "7", id: "3" }], { dedupe: true }) as {
      total: number;
      customers: number;
      records: number;
      duplicates: number;
      byCustomer: { customerId: string }[];
    };
    expect([r.total, r.customers, r.records, r.duplicates]).toEqual([2, 1, 3, 1]);
    expect(r.byCustomer.map((c) => c.customerId)).toEqual(["7"]);
  });

  it("keeps records without an id when deduplicating, and null direction as unspecified", () => {
    const r = counts([ok, ok, { ...ok, id: null, direction: null }], { dedupe: true }) as { total: number; duplicates: number; unspecified: number };
    expect([r.total, r.duplicates, r.unspecified]).toEqual([3, 0, 3]);
  });

  it("reads an iterable that is not an array", () => {
    const r = counts(new Set([ok, { ...ok, customerId: "b" }])) as { total: number; customers: number };
    expect([r.total, r.customers]).toEqual([2, 2]);
  });
});
