import * as z from "zod";
import type { DateInput } from "../core/options.js";
import { DateInputSchema, IdSchema } from "./common.js";

/** Kind of satisfaction survey. */
export type SurveyKind = "nps" | "csat" | "ces";

/** One answer to a satisfaction survey. */
export interface SurveyResponse {
  /** Response id. */
  readonly id?: string | number;
  /** Respondent. */
  readonly customerId?: string | number;
  /** Which survey: NPS (0..10), CSAT or CES. */
  readonly kind: SurveyKind;
  /** The answer on the survey's scale. */
  readonly score: number;
  /** Top of the scale for CSAT (5, 7 or 10) and CES (5 or 7); NPS is always 10. */
  readonly scale?: number;
  /** When the answer was given (needed for trends). */
  readonly respondedAt?: DateInput;
  /**
   * Survey weight, default 1: a finite number from 1e-50 to 1e50, the range the
   * satisfaction functions accept (so that Kish's effective n stays finite).
   */
  readonly weight?: number;
}

/** Schema of {@link SurveyResponse}. */
export const SurveyResponseSchema: z.ZodType<SurveyResponse> = z.object({
  id: IdSchema.optional(),
  customerId: IdSchema.optional(),
  kind: z.enum(["nps", "csat", "ces"]),
  score: z.number().refine(Number.isFinite),
  scale: z.number().int().positive().optional(),
  respondedAt: DateInputSchema.optional(),
  weight: z.number().min(1e-50).max(1e50).optional(),
});
