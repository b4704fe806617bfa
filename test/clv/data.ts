// Loads the reference data sets committed in test/fixtures (copied from the published sources).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const fixtures = join(fileURLToPath(new URL(".", import.meta.url)), "..", "fixtures");

function readCsv(name: string): number[][] {
  const lines = readFileSync(join(fixtures, name), "utf8").trim().split(/\r?\n/);
  return lines.slice(1).map((l) => l.split(",").map(Number));
}

/** CDNOW 1/10 sample, 39-week calibration summary (Fader, Hardie & Lee 2005), weeks. */
export function cdnowSummary(): { id: number; frequency: number; recency: number; T: number; monetaryValue: number }[] {
  return readCsv("clv_cdnow_summary_with_spend.csv").map(([id, frequency, recency, T, zbar]) => ({
    id: id!,
    frequency: frequency!,
    recency: recency!,
    T: T!,
    monetaryValue: zbar!,
  }));
}

/** Donations 1995 cohort (Fader, Hardie & Shang 2010): counts per (x, t_x) pattern over 6 opportunities. */
export function donations(): { frequency: number; recency: number; periods: number; weight: number }[] {
  return readCsv("clv_donations.csv").map(([frequency, recency, periods, weight]) => ({
    frequency: frequency!,
    recency: recency!,
    periods: periods!,
    weight: weight!,
  }));
}

/** sBG "regular" cohort survivors, years 0-12 (Fader & Hardie 2007). */
export const REGULAR_COHORT: readonly number[] = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];

/** Freeze an object graph so that a test fails if the code under test mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** Relative difference |a - b| / |b|. */
export function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** Expect a function to throw a CrmMetricsError with the given code (and path, if given). */
export function errorOf(f: () => unknown): { code: string; path: string; message: string } {
  try {
    f();
  } catch (e) {
    const err = e as { code: string; path: string; message: string };
    return { code: err.code, path: err.path, message: err.message };
  }
  throw new Error("expected a throw");
}
