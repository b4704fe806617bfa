import * as z from "zod";
import type { DateInput } from "../core/options.js";
import { DateInputSchema, IdSchema } from "./common.js";

/**
 * The least a record needs to count as customer activity: who and when. Transactions,
 * interactions and any event with these two fields are activity records.
 */
export interface ActivityRecord {
  /** The customer who was active. */
  readonly customerId: string | number;
  /** When. */
  readonly occurredAt: DateInput;
}

/** Schema of {@link ActivityRecord} (other fields are allowed and kept). */
export const ActivityRecordSchema: z.ZodType<ActivityRecord> = z.looseObject({
  customerId: IdSchema,
  occurredAt: DateInputSchema,
});
