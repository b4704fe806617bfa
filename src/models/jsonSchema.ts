import * as z from "zod";
import { invalidInput } from "../core/errors.js";
import { CustomerSchema } from "./customer.js";
import { DealSchema } from "./deal.js";
import { InteractionSchema } from "./interaction.js";
import { LeadSchema } from "./lead.js";
import { MarketingSpendSchema } from "./spend.js";
import { SubscriptionSchema } from "./subscription.js";
import { SurveyResponseSchema } from "./survey.js";
import { SupportTicketSchema } from "./ticket.js";
import { TransactionSchema } from "./transaction.js";

/** Names of the record kinds the library reads. */
export type RecordKind =
  | "Customer"
  | "Transaction"
  | "Interaction"
  | "Lead"
  | "Deal"
  | "SurveyResponse"
  | "MarketingSpend"
  | "Subscription"
  | "SupportTicket";

/** The record kinds, in a stable order. */
export const RECORD_KINDS: readonly RecordKind[] = [
  "Customer",
  "Transaction",
  "Interaction",
  "Lead",
  "Deal",
  "SurveyResponse",
  "MarketingSpend",
  "Subscription",
  "SupportTicket",
];

function schemaOf(kind: RecordKind): z.ZodType {
  switch (kind) {
    case "Customer":
      return CustomerSchema;
    case "Transaction":
      return TransactionSchema;
    case "Interaction":
      return InteractionSchema;
    case "Lead":
      return LeadSchema;
    case "Deal":
      return DealSchema;
    case "SurveyResponse":
      return SurveyResponseSchema;
    case "MarketingSpend":
      return MarketingSpendSchema;
    case "Subscription":
      return SubscriptionSchema;
    case "SupportTicket":
      return SupportTicketSchema;
  }
}

/**
 * The JSON Schema (draft 2020-12) of a record kind, for CRMs written in other languages
 * that want to validate records before sending them. Dates appear as ISO-8601 strings or
 * epoch milliseconds and money as numbers or decimal strings, the JSON forms of the inputs.
 *
 * @param kind - The record kind, such as `"Transaction"`.
 * @returns A fresh JSON Schema object.
 * @throws {CrmMetricsError} `INVALID_INPUT` when `kind` is not a record kind.
 *
 * @example
 * recordJsonSchema("Transaction").required
 * // => ["customerId", "occurredAt", "amount"]
 */
export function recordJsonSchema(kind: RecordKind): Record<string, unknown> {
  if (!(RECORD_KINDS as readonly string[]).includes(kind as string)) {
    invalidInput("recordJsonSchema", "kind", `must be one of ${RECORD_KINDS.join(", ")}`, kind);
  }
  const schema = z.toJSONSchema(schemaOf(kind), {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def;
      // Drop the non-JSON members (Date, Decimal) that appear as empty schemas.
      const s = ctx.jsonSchema as { anyOf?: Record<string, unknown>[] };
      if (def?.type === "union" && Array.isArray(s.anyOf)) {
        s.anyOf = s.anyOf.filter((m) => Object.keys(m).length > 0);
      }
    },
  }) as Record<string, unknown>;
  return { title: kind, ...schema };
}
