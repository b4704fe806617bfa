// Reading model features from leads: shared by fitLeadScoringModel and predictLeadScores.
import { invalidInput, recordPath } from "../core/errors.js";
import { isRecord, readId } from "../core/validate.js";

/** Level used for a missing categorical value (`undefined`, `null` or `""`). */
export const MISSING_LEVEL = "(missing)";

/** Whether `field` is one a model can read from a lead. @internal */
export function isLeadField(field: unknown): field is string {
  return (
    typeof field === "string" &&
    (field === "channel" || field === "status" || (field.startsWith("properties.") && field.length > 11))
  );
}

/** Read `field` of lead `index` (undefined when absent). @internal */
export function readLeadField(fn: string, lead: unknown, index: number, field: string): unknown {
  if (!isRecord(lead)) return invalidInput(fn, recordPath("leads", index), "must be an object", lead);
  if (!field.startsWith("properties.")) return lead[field];
  const props = lead["properties"];
  if (props === undefined || props === null) return undefined;
  if (!isRecord(props)) return invalidInput(fn, recordPath("leads", index, "properties"), "must be an object", props);
  const key = field.slice(11);
  return Object.hasOwn(props, key) ? props[key] : undefined;
}

/** A numeric feature value; throws naming the lead and field when not a finite number. @internal */
export function readNumericFeature(fn: string, lead: unknown, index: number, field: string): number {
  const v = readLeadField(fn, lead, index, field);
  if (typeof v !== "number" || !Number.isFinite(v)) {
    invalidInput(fn, `${recordPath("leads", index)}.${field}`, "must be a finite number (numeric feature)", v);
  }
  return v as number;
}

/** A categorical feature value as its level string; missing values give {@link MISSING_LEVEL}. @internal */
export function readCategoricalFeature(fn: string, lead: unknown, index: number, field: string): string {
  const v = readLeadField(fn, lead, index, field);
  if (v === undefined || v === null || v === "") return MISSING_LEVEL;
  if (typeof v === "string") return v;
  if ((typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean") return String(v);
  return invalidInput(fn, `${recordPath("leads", index)}.${field}`, "must be a string, finite number or boolean (categorical feature)", v);
}

/** Numerically stable logistic function. @internal */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/**
 * The id of record `index` of `name`: a non-empty string as is, else validated by `readId`
 * (the error path is only built when needed, which keeps large batches fast). @internal
 */
export function readRecordId(fn: string, value: unknown, name: string, index: number, field: string): string {
  if (typeof value === "string" && value.length > 0) return value;
  return readId(fn, recordPath(name, index, field), value);
}
