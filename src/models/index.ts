/**
 * Record types and their zod schemas (Customer, Transaction, Interaction, Lead, Deal,
 * SurveyResponse, MarketingSpend, Subscription, SupportTicket), with JSON Schema export.
 *
 * Every name of this module is exported from the package root:
 * `import { TransactionSchema } from "crm-metrics"`.
 *
 * @module models
 */
export { AttributesSchema, DateInputSchema, IdSchema, MoneyInputSchema } from "./common.js";
export type { Attributes } from "./common.js";
export { CustomerSchema } from "./customer.js";
export type { Customer } from "./customer.js";
export { TransactionSchema } from "./transaction.js";
export type { Transaction } from "./transaction.js";
export { InteractionSchema } from "./interaction.js";
export type { Interaction } from "./interaction.js";
export { LeadSchema } from "./lead.js";
export type { Lead } from "./lead.js";
export { DealSchema, DealStageChangeSchema } from "./deal.js";
export type { Deal, DealStageChange } from "./deal.js";
export { SurveyResponseSchema } from "./survey.js";
export type { SurveyKind, SurveyResponse } from "./survey.js";
export { MarketingSpendSchema } from "./spend.js";
export type { MarketingSpend } from "./spend.js";
export { PlanChangeSchema, SubscriptionSchema } from "./subscription.js";
export type { PlanChange, Subscription } from "./subscription.js";
export { SupportTicketSchema } from "./ticket.js";
export type { SupportTicket } from "./ticket.js";
export { RECORD_KINDS, recordJsonSchema } from "./jsonSchema.js";
export type { RecordKind } from "./jsonSchema.js";
export { ActivityRecordSchema } from "./activity.js";
export type { ActivityRecord } from "./activity.js";
