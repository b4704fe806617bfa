import * as z from "zod";
import type { DateInput, MoneyInput } from "../core/options.js";
import { DateInputSchema, MoneyInputSchema } from "./common.js";

/** Marketing or sales spend of one channel over a period. */
export interface MarketingSpend {
  /** Channel the money was spent on. */
  readonly channel: string;
  /** Start of the period the spend covers (or the date it was booked). */
  readonly periodStart: DateInput;
  /** End of the period, exclusive. When set, functions may spread the amount over it. */
  readonly periodEnd?: DateInput;
  /** Amount spent (>= 0). */
  readonly amount: MoneyInput;
  /** Whether this is paid acquisition spend (counts in paid CAC). Default true. */
  readonly paid?: boolean;
  /** ISO 4217 currency code. */
  readonly currency?: string;
}

/** Schema of {@link MarketingSpend}. */
export const MarketingSpendSchema: z.ZodType<MarketingSpend> = z.object({
  channel: z.string().min(1),
  periodStart: DateInputSchema,
  periodEnd: DateInputSchema.optional(),
  amount: MoneyInputSchema,
  paid: z.boolean().optional(),
  currency: z.string().length(3).optional(),
});
