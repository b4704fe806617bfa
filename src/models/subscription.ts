import * as z from "zod";
import type { DateInput, MoneyInput } from "../core/options.js";
import { DateInputSchema, IdSchema, MoneyInputSchema } from "./common.js";

/** A change of plan or price inside a subscription. */
export interface PlanChange {
  /** When the new MRR takes effect. */
  readonly at: DateInput;
  /** Monthly recurring revenue from then on. */
  readonly mrr: MoneyInput;
  /** New plan name. */
  readonly plan?: string;
}

/** A recurring subscription of a customer. */
export interface Subscription {
  /** Subscription id. */
  readonly id?: string | number;
  /** The subscriber. */
  readonly customerId: string | number;
  /** Start, inclusive. */
  readonly startedAt: DateInput;
  /** End, exclusive; absent or null while active. */
  readonly endedAt?: DateInput | null;
  /** Monthly recurring revenue at the start. */
  readonly mrr: MoneyInput;
  /** Plan name at the start. */
  readonly plan?: string;
  /** Later plan or price changes, in any order. */
  readonly changes?: readonly PlanChange[];
  /** ISO 4217 currency code. */
  readonly currency?: string;
}

/** Schema of {@link PlanChange}. */
export const PlanChangeSchema: z.ZodType<PlanChange> = z.object({
  at: DateInputSchema,
  mrr: MoneyInputSchema,
  plan: z.string().optional(),
});

/** Schema of {@link Subscription}. */
export const SubscriptionSchema: z.ZodType<Subscription> = z.object({
  id: IdSchema.optional(),
  customerId: IdSchema,
  startedAt: DateInputSchema,
  endedAt: DateInputSchema.nullable().optional(),
  mrr: MoneyInputSchema,
  plan: z.string().optional(),
  changes: z.array(PlanChangeSchema).optional(),
  currency: z.string().length(3).optional(),
});
