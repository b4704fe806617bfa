import * as z from "zod";
import type { DateInput } from "../core/options.js";
import { type Attributes, AttributesSchema, DateInputSchema, IdSchema } from "./common.js";

/** A customer (an account, a person or a company that buys). */
export interface Customer {
  /** Unique customer id. */
  readonly id: string | number;
  /** When the customer was acquired (first became a customer). */
  readonly acquiredAt?: DateInput;
  /** Acquisition channel (`"paid-search"`, `"referral"`, ...). */
  readonly channel?: string;
  /** Segment or plan tier used for breakdowns. */
  readonly segment?: string;
  /** Other attributes. */
  readonly attributes?: Attributes;
}

/** Schema of {@link Customer}. */
export const CustomerSchema: z.ZodType<Customer> = z.object({
  id: IdSchema,
  acquiredAt: DateInputSchema.optional(),
  channel: z.string().optional(),
  segment: z.string().optional(),
  attributes: AttributesSchema.optional(),
});
