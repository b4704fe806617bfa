import * as z from "zod";
import type { DateInput, MoneyInput } from "../core/options.js";
import { DateInputSchema, IdSchema, MoneyInputSchema } from "./common.js";

/** One move of a deal into a pipeline stage. */
export interface DealStageChange {
  /** Stage entered. */
  readonly stage: string;
  /** When the deal entered it. */
  readonly enteredAt: DateInput;
}

/** A sales opportunity in a pipeline. */
export interface Deal {
  /** Deal id. */
  readonly id: string | number;
  /** Customer or account, if known. */
  readonly customerId?: string | number;
  /** Owner (sales rep). */
  readonly owner?: string;
  /** Segment used for breakdowns. */
  readonly segment?: string;
  /** Current pipeline stage. */
  readonly stage: string;
  /** Open, won or lost. */
  readonly status: "open" | "won" | "lost";
  /** Deal value. */
  readonly amount: MoneyInput;
  /** When the deal was created. */
  readonly createdAt: DateInput;
  /** When it was won or lost (required for closed deals by the functions that use it). */
  readonly closedAt?: DateInput;
  /** Expected close date of an open deal. */
  readonly expectedCloseAt?: DateInput;
  /** Win probability in [0, 1] assigned by the CRM or the rep. */
  readonly probability?: number;
  /** Stage history, in any order. */
  readonly stageHistory?: readonly DealStageChange[];
}

/** Schema of {@link DealStageChange}. */
export const DealStageChangeSchema: z.ZodType<DealStageChange> = z.object({
  stage: z.string().min(1),
  enteredAt: DateInputSchema,
});

/** Schema of {@link Deal}. */
export const DealSchema: z.ZodType<Deal> = z.object({
  id: IdSchema,
  customerId: IdSchema.optional(),
  owner: z.string().optional(),
  segment: z.string().optional(),
  stage: z.string().min(1),
  status: z.enum(["open", "won", "lost"]),
  amount: MoneyInputSchema,
  createdAt: DateInputSchema,
  closedAt: DateInputSchema.optional(),
  expectedCloseAt: DateInputSchema.optional(),
  probability: z.number().min(0).max(1).optional(),
  stageHistory: z.array(DealStageChangeSchema).optional(),
});
