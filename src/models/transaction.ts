import * as z from "zod";
import type { DateInput, MoneyInput } from "../core/options.js";
import { DateInputSchema, IdSchema, MoneyInputSchema } from "./common.js";

/**
 * A purchase or a refund. A refund is a negative `amount` (or `type: "refund"` with a
 * positive amount, which is read as its negative).
 */
export interface Transaction {
  /** Transaction id (optional; used in error paths and de-duplication). */
  readonly id?: string | number;
  /** The customer who paid. */
  readonly customerId: string | number;
  /** When the transaction happened. */
  readonly occurredAt: DateInput;
  /** Amount in `currency`; negative for refunds. */
  readonly amount: MoneyInput;
  /** ISO 4217 currency code. Functions do not convert currencies. */
  readonly currency?: string;
  /** `"purchase"` (default) or `"refund"`. */
  readonly type?: "purchase" | "refund";
  /** Product id. */
  readonly productId?: string;
  /** Product category. */
  readonly category?: string;
  /** Units bought. */
  readonly quantity?: number;
}

/** Schema of {@link Transaction}. */
export const TransactionSchema: z.ZodType<Transaction> = z.object({
  id: IdSchema.optional(),
  customerId: IdSchema,
  occurredAt: DateInputSchema,
  amount: MoneyInputSchema,
  currency: z.string().length(3).optional(),
  type: z.enum(["purchase", "refund"]).optional(),
  productId: z.string().optional(),
  category: z.string().optional(),
  quantity: z.number().refine(Number.isFinite).optional(),
});
