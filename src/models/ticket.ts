import * as z from "zod";
import type { DateInput } from "../core/options.js";
import { DateInputSchema, IdSchema } from "./common.js";

/** A support ticket or conversation. */
export interface SupportTicket {
  /** Ticket id. */
  readonly id: string | number;
  /** Requester. */
  readonly customerId?: string | number;
  /** Channel it came in by. */
  readonly channel?: string;
  /** Priority label. */
  readonly priority?: string;
  /** When it was opened. */
  readonly openedAt: DateInput;
  /** First agent response, if any. */
  readonly firstResponseAt?: DateInput;
  /** When it was resolved, if it was. */
  readonly resolvedAt?: DateInput;
}

/** Schema of {@link SupportTicket}. */
export const SupportTicketSchema: z.ZodType<SupportTicket> = z.object({
  id: IdSchema,
  customerId: IdSchema.optional(),
  channel: z.string().optional(),
  priority: z.string().optional(),
  openedAt: DateInputSchema,
  firstResponseAt: DateInputSchema.optional(),
  resolvedAt: DateInputSchema.optional(),
});
