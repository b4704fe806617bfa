import * as z from "zod";
import type { DateInput } from "../core/options.js";
import { type Attributes, AttributesSchema, DateInputSchema, IdSchema } from "./common.js";

/** A prospect that may become a customer. */
export interface Lead {
  /** Lead id. */
  readonly id: string | number;
  /** When the lead was created. */
  readonly createdAt: DateInput;
  /** Acquisition channel or source. */
  readonly channel?: string;
  /** Lifecycle status (`"new"`, `"mql"`, `"sql"`, `"customer"`, ...). */
  readonly status?: string;
  /** Set when the lead became a customer. */
  readonly convertedAt?: DateInput;
  /** The customer id it became, if any. */
  readonly customerId?: string | number;
  /** Fit properties (industry, company size, title, ...) used by scoring. */
  readonly properties?: Attributes;
}

/** Schema of {@link Lead}. */
export const LeadSchema: z.ZodType<Lead> = z.object({
  id: IdSchema,
  createdAt: DateInputSchema,
  channel: z.string().optional(),
  status: z.string().optional(),
  convertedAt: DateInputSchema.optional(),
  customerId: IdSchema.optional(),
  properties: AttributesSchema.optional(),
});
