// Test helpers of the segmentation family.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { caughtError } from "../support/errors.js";

export { errorInfo as errorOf } from "../support/errors.js";
export { deepFreeze } from "../support/records.js";

/** The message of the error thrown by `f`. */
export function messageOf(f: () => unknown): string {
  return caughtError(f).message;
}


/** A transaction as the tests write it. */
export interface Tx {
  customerId: string | number;
  occurredAt: string | number | Date;
  amount: number | string;
  type?: "purchase" | "refund";
}

/** Shorthand: a purchase on a UTC date. */
export function tx(customerId: string, date: string, amount: number | string, type?: "purchase" | "refund"): Tx {
  return type === undefined ? { customerId, occurredAt: date, amount } : { customerId, occurredAt: date, amount, type };
}

const fixtures = join(__dirname, "..", "fixtures");

/** CDNOW sample transactions (2,357 customers; id = 2nd column). */
export function cdnowTransactions(): Tx[] {
  const text = readFileSync(join(fixtures, "CDNOW_sample.txt"), "utf8");
  const out: Tx[] = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const d = f[2]!;
    out.push({ customerId: String(Number(f[1])), occurredAt: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(f[4]) });
  }
  return out;
}

/** The pandas peer fixture (see segmentation_cdnow_rfm.py). */
export interface CdnowRfmFixture {
  asOf: string;
  n: number;
  customers: Record<string, [number, number, number, string, string]>;
  publishedSegmentCounts: Record<string, number>;
}

export function cdnowRfmFixture(): CdnowRfmFixture {
  return JSON.parse(readFileSync(join(fixtures, "segmentation_cdnow_rfm.json"), "utf8")) as CdnowRfmFixture;
}
