import * as z from "zod";
import type { DateInput } from "../core/options.js";
import { type Attributes, AttributesSchema, DateInputSchema, IdSchema } from "./common.js";

/** A touch between the business and a customer or lead: an email, call, chat, visit, event. */
export interface Interaction {
  /** Interaction id. */
  readonly id?: string | number;
  /** The customer (or lead) involved. */
  readonly customerId: string | number;
  /** When it happened. */
  readonly occurredAt: DateInput;
  /** Channel: `"email"`, `"phone"`, `"chat"`, `"web"`, `"meeting"`, ... */
  readonly channel?: string;
  /** Who started it. */
  readonly direction?: "inbound" | "outbound";
  /** What happened: the event name (`"signup"`, `"email_open"`, `"demo_booked"`). */
  readonly type: string;
  /** Event properties, used by funnel step predicates and breakdowns. */
  readonly properties?: Attributes;
}

/** Schema of {@link Interaction}. */
export const InteractionSchema: z.ZodType<Interaction> = z.object({
  id: IdSchema.optional(),
  customerId: IdSchema,
  occurredAt: DateInputSchema,
  channel: z.string().optional(),
  direction: z.enum(["inbound", "outbound"]).optional(),
  type: z.string().min(1),
  properties: AttributesSchema.optional(),
});
