import { Decimal } from "decimal.js";
import * as z from "zod";
import { isMoneyInput } from "../core/money.js";
import type { DateInput, MoneyInput } from "../core/options.js";
import { parseTimestamp } from "../core/time.js";

/** Schema of a date input: a `Date`, an ISO-8601 string or epoch milliseconds. */
export const DateInputSchema: z.ZodType<DateInput> = z
  .union([
    z.date(),
    z.string().refine((s) => !Number.isNaN(parseTimestamp(s)), { message: "must be an ISO-8601 date" }),
    z.number().refine((n) => !Number.isNaN(parseTimestamp(n)), { message: "must be finite epoch milliseconds" }),
  ])
  .meta({ description: "A date: ISO-8601 string (date or date-time) or epoch milliseconds." });

/** Schema of a money input: a finite number, a decimal string or a `Decimal`. */
export const MoneyInputSchema: z.ZodType<MoneyInput> = z
  .union([
    z.number().refine(Number.isFinite, { message: "must be finite" }),
    z.string().refine(isMoneyInput, { message: "must be a decimal number such as \"19.99\"" }),
    z.instanceof(Decimal),
  ])
  .meta({ description: "An amount of money: a number or a decimal string such as \"19.99\"." });

/** Schema of an id: a non-empty string or a finite number. */
export const IdSchema: z.ZodType<string | number> = z.union([z.string().min(1), z.number().refine(Number.isFinite)]);

/** Free-form attributes attached to a record. */
export type Attributes = Readonly<Record<string, string | number | boolean | null>>;

/** Schema of {@link Attributes}. */
export const AttributesSchema: z.ZodType<Attributes> = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
