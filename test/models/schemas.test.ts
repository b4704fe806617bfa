import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CrmMetricsError,
  CustomerSchema,
  DealSchema,
  InteractionSchema,
  LeadSchema,
  MarketingSpendSchema,
  nps,
  RECORD_KINDS,
  recordJsonSchema,
  SubscriptionSchema,
  SupportTicketSchema,
  SurveyResponseSchema,
  TransactionSchema,
} from "../../src/index.js";

describe("record schemas", () => {
  it("accept valid records in every input form", () => {
    expect(TransactionSchema.safeParse({ customerId: "c1", occurredAt: "2024-01-01", amount: "19.99" }).success).toBe(true);
    expect(TransactionSchema.safeParse({ customerId: 7, occurredAt: 1_700_000_000_000, amount: -5, type: "refund" }).success).toBe(true);
    expect(TransactionSchema.safeParse({ customerId: "c1", occurredAt: new Date(), amount: new Decimal("1.5") }).success).toBe(true);
    expect(CustomerSchema.safeParse({ id: "__proto__", acquiredAt: "2024-01-01T10:00:00+02:00", channel: "ads" }).success).toBe(true);
    expect(InteractionSchema.safeParse({ customerId: "c", occurredAt: "2024-01-01", type: "signup", properties: { plan: "pro", seats: 3, trial: true, ref: null } }).success).toBe(true);
    expect(LeadSchema.safeParse({ id: 1, createdAt: "2024-01-01" }).success).toBe(true);
    expect(DealSchema.safeParse({ id: 1, stage: "proposal", status: "open", amount: 1000, createdAt: "2024-01-01", probability: 0.4, stageHistory: [{ stage: "lead", enteredAt: "2024-01-01" }] }).success).toBe(true);
    expect(SurveyResponseSchema.safeParse({ kind: "nps", score: 9 }).success).toBe(true);
    expect(MarketingSpendSchema.safeParse({ channel: "ads", periodStart: "2024-01-01", amount: 500 }).success).toBe(true);
    expect(SubscriptionSchema.safeParse({ customerId: "c", startedAt: "2024-01-01", endedAt: null, mrr: 49, changes: [{ at: "2024-03-01", mrr: 99 }] }).success).toBe(true);
    expect(SupportTicketSchema.safeParse({ id: "t1", openedAt: "2024-01-01T09:00:00Z", firstResponseAt: "2024-01-01T09:30:00Z" }).success).toBe(true);
  });

  it("reject invalid records", () => {
    expect(TransactionSchema.safeParse({ customerId: "", occurredAt: "2024-01-01", amount: 1 }).success).toBe(false);
    expect(TransactionSchema.safeParse({ customerId: "c", occurredAt: "2024-02-30", amount: 1 }).success).toBe(false);
    expect(TransactionSchema.safeParse({ customerId: "c", occurredAt: "2024-01-01", amount: "1,5" }).success).toBe(false);
    expect(TransactionSchema.safeParse({ customerId: "c", occurredAt: "2024-01-01", amount: Number.NaN }).success).toBe(false);
    expect(TransactionSchema.safeParse({ customerId: "c", occurredAt: Number.POSITIVE_INFINITY, amount: 1 }).success).toBe(false);
    expect(DealSchema.safeParse({ id: 1, stage: "x", status: "pending", amount: 1, createdAt: "2024-01-01" }).success).toBe(false);
    expect(SurveyResponseSchema.safeParse({ kind: "nps", score: Number.NaN }).success).toBe(false);
    expect(SurveyResponseSchema.safeParse({ kind: "nps", score: 9, weight: 0 }).success).toBe(false);
  });

  it("accept exactly the survey weights the satisfaction functions accept: 1e-50 to 1e50", () => {
    const schemaAccepts = (weight: number): boolean => SurveyResponseSchema.safeParse({ kind: "nps", score: 9, weight }).success;
    const npsAccepts = (weight: number): boolean => {
      try {
        nps([{ kind: "nps", score: 9, weight }]);
        return true;
      } catch (error) {
        if (error instanceof CrmMetricsError && error.path === "input[0].weight") return false;
        throw error;
      }
    };
    for (const weight of [1e-50, 1, 1e50]) expect([weight, schemaAccepts(weight), npsAccepts(weight)]).toEqual([weight, true, true]);
    for (const weight of [0, -1, 9.99e-51, 1.01e50, 1e200, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect([weight, schemaAccepts(weight), npsAccepts(weight)]).toEqual([weight, false, false]);
    }
    fc.assert(fc.property(fc.double(), (weight) => schemaAccepts(weight) === npsAccepts(weight)));
  });
});

describe("recordJsonSchema", () => {
  it("produces a JSON Schema for every record kind", () => {
    for (const kind of RECORD_KINDS) {
      const s = recordJsonSchema(kind);
      expect(s["title"]).toBe(kind);
      expect(s["type"]).toBe("object");
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
  });

  it("describes dates and money in their JSON forms", () => {
    const s = recordJsonSchema("Transaction") as { properties: Record<string, { type?: unknown }>; required: string[] };
    expect(s.required).toEqual(["customerId", "occurredAt", "amount"]);
    expect(s.properties["occurredAt"]!.type).toEqual(["string", "number"]);
    expect(s.properties["amount"]!.type).toEqual(["number", "string"]);
  });

  it("bounds a survey weight to 1e-50..1e50, as the zod schema and the satisfaction functions do", () => {
    const s = recordJsonSchema("SurveyResponse") as { properties: Record<string, unknown> };
    expect(s.properties["weight"]).toEqual({ type: "number", minimum: 1e-50, maximum: 1e50 });
  });

  it("describes each kind by its own schema: the properties are the fields of that kind's zod schema", () => {
    const schemas = {
      Customer: CustomerSchema,
      Transaction: TransactionSchema,
      Interaction: InteractionSchema,
      Lead: LeadSchema,
      Deal: DealSchema,
      SurveyResponse: SurveyResponseSchema,
      MarketingSpend: MarketingSpendSchema,
      Subscription: SubscriptionSchema,
      SupportTicket: SupportTicketSchema,
    } as const;
    expect(Object.keys(schemas).sort()).toEqual([...RECORD_KINDS].sort());
    const seen = new Set<string>();
    for (const kind of RECORD_KINDS) {
      const properties = Object.keys((recordJsonSchema(kind) as { properties: object }).properties).sort();
      expect(properties).toEqual(Object.keys((schemas[kind] as unknown as { shape: object }).shape).sort());
      seen.add(properties.join(","));
    }
    expect(seen.size).toBe(RECORD_KINDS.length);
  });

  it("rejects unknown kinds with INVALID_INPUT at kind, naming every kind", () => {
    for (const [kind, shown] of [["Invoice", '"Invoice"'], ["__proto__", '"__proto__"'], [42, "42"], [undefined, "undefined"]] as const) {
      let error: unknown;
      try {
        recordJsonSchema(kind as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CrmMetricsError);
      expect(error).toMatchObject({
        code: "INVALID_INPUT",
        path: "kind",
        message:
          "recordJsonSchema: kind must be one of Customer, Transaction, Interaction, Lead, Deal, SurveyResponse, MarketingSpend, Subscription, SupportTicket, got " +
          shown,
      });
    }
  });
});
