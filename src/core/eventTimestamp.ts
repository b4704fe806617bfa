// Timestamps of events in the per-record hot loops (cohorts, funnels): the common ISO
// forms by character codes, epoch milliseconds as they are, the rest by the full parser.
import { parseIsoFast } from "./fastIso.js";
import { parseTimestamp } from "./time.js";

const MAX_TIME = 8.64e15;

/**
 * Epoch ms of a date input, exactly as `parseTimestamp(value, zone)` reads it (`NaN` when
 * it is not a valid date), faster for ISO strings and numbers. `utc` is `zone === "UTC"`.
 * @internal
 */
export function eventTimestamp(value: unknown, zone: string, utc: boolean): number {
  if (typeof value === "string") {
    const t = parseIsoFast(value, utc);
    return t === t ? t : parseTimestamp(value, zone);
  }
  if (typeof value === "number") return value === value && Math.abs(value) <= MAX_TIME ? value : Number.NaN;
  return parseTimestamp(value, zone);
}
