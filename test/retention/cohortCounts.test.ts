import { describe, expect, it } from "vitest";
import { createCohortRetentionAccumulator } from "../../src/index.js";
import { checkColumnsState } from "../../src/retention/cohortCounts.js";
import { caughtError } from "../support/errors.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

describe("checkColumnsState", () => {
  it("rejects a value that is not a record, in the house format", () => {
    expect(caughtError(() => checkColumnsState("f", "state", 5)).message).toBe("f: state must be a cohort accumulator or its state(), got 5");
    expect(caughtError(() => checkColumnsState("f", "state", [])).message).toBe("f: state must be a cohort accumulator or its state(), got an array");
  });
});

describe("cohort counts of a very wide table with many customers", () => {
  // 640 daily cohorts, offsets up to maxPeriods 620 (621 columns, 20 bitset words a customer):
  // 420,000 customers need 8,400,000 words, more than the 2^23 the bitset may use, so the
  // distinct (customer, offset) pairs are counted by bucketing the return events per customer.
  it("counts each customer once per offset, only offsets 1..maxPeriods, only members", () => {
    const n = 420_000;
    const rows = 2 * n + n / 4 + n / 5 + 2 * (n / 21) + 200;
    const ids: string[] = [];
    const customer = new Int32Array(rows);
    const time = new Float64Array(rows);
    const flags = new Uint8Array(rows);
    let at = 0;
    const row = (c: number, t: number, f: number): void => {
      customer[at] = c;
      time[at] = t;
      flags[at] = f;
      at++;
    };
    for (let k = 0; k < n; k++) {
      ids.push(`c${k}`);
      const start = T0 + (k % 3) * DAY; // cohorts 0, 1, 2
      const back = start + (1 + (k % 625)) * DAY + HOUR; // offsets 1..625
      row(k, start, 1);
      row(k, back, 2);
      if (k % 4 === 0) row(k, back + HOUR, 2); // the same offset again
      if (k % 5 === 0) row(k, start + 3 * HOUR, 2); // offset 0
      if (k % 7 === 0 && k % 3 > 0) row(k, start - DAY, 2); // before the cohort event
    }
    for (let v = 0; v < 100; v++) {
      ids.push(`v${v}`); // return events only: in no cohort
      row(n + v, T0 + 10 * DAY, 2);
      row(n + v, T0 + 300 * DAY, 2);
    }
    expect(at).toBe(rows);
    const options = { period: "day", maxPeriods: 620, asOf: new Date(T0 + 639 * DAY) } as const;
    const acc = createCohortRetentionAccumulator(options).merge({
      ...createCohortRetentionAccumulator(options).state(),
      ids,
      customer,
      time,
      flags,
      maxTime: T0 + (2 + 625) * DAY + 2 * HOUR, // the latest return
    });
    const r = acc.result();
    expect([r.customers, r.cohorts.length]).toEqual([n, 640]);
    // Cohort p < 3 has 140,000 members; customer k is in cohort k % 3 and returns at offset
    // 1 + k % 625: as 3 and 625 are coprime, each (cohort, offset) pair has n / 1875 = 224.
    const wrong: string[] = [];
    r.cohorts.forEach((c, p) => {
      const size = p < 3 ? 140_000 : 0;
      if (c.size !== size) wrong.push(`size ${p}: ${c.size}`);
      if (c.cells.length !== Math.min(639 - p, 620) + 1) wrong.push(`cells ${p}: ${c.cells.length}`);
      for (const cell of c.cells) {
        const want = cell.offset === 0 ? size : size === 0 ? 0 : 224;
        if (cell.count !== want) wrong.push(`count ${p},${cell.offset}: ${cell.count}`);
      }
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
