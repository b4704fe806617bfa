import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerSummary } from "../../src/core/customerSummary.js";
import { CrmMetricsError } from "../../src/core/errors.js";
import { splitCalibrationHoldout } from "../../src/core/splitCalibrationHoldout.js";
import type { Transaction } from "../../src/models/transaction.js";

function readCdnow(): { tx: Transaction[]; raw: { id: string; day: string; value: number }[] } {
  const lines = readFileSync(join(__dirname, "..", "fixtures", "CDNOW_sample.txt"), "utf8").trim().split("\n");
  const raw = lines.map((line) => {
    const [, id, d, , v] = line.trim().split(/\s+/);
    return { id: String(Number(id)), day: `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`, value: Number(v) };
  });
  return { tx: raw.map((r) => ({ customerId: r.id, occurredAt: r.day, amount: r.value })), raw };
}

function optionError(f: () => unknown): CrmMetricsError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CrmMetricsError);
    return e as CrmMetricsError;
  }
  throw new Error("expected an error");
}

describe("splitCalibrationHoldout", () => {
  describe("on the CDNOW sample (39 + 39 weeks)", () => {
    const { tx, raw } = readCdnow();
    const split = splitCalibrationHoldout(tx, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", unit: "week" });

    it("keeps the calibration summary of customerSummary", () => {
      const cal = customerSummary(tx, { asOf: "1997-09-30", unit: "week" });
      expect(split.customers.length).toBe(2357);
      split.customers.forEach((row, i) => {
        const { frequencyHoldout, monetaryValueHoldout, durationHoldout, ...base } = row;
        expect(base).toEqual(cal.customers[i]);
        expect(durationHoldout).toBe(39);
        expect(frequencyHoldout).toBeGreaterThanOrEqual(0);
        expect(monetaryValueHoldout).toBeGreaterThanOrEqual(0);
      });
      expect(split.durationHoldout).toBe(39);
      expect(split.calibrationEnd).toBe("1997-09-30T00:00:00.000Z");
      expect(split.observationEnd).toBe("1998-06-30T00:00:00.000Z");
    });

    it("counts holdout purchase days and their mean value as an independent recount does", () => {
      const days = new Map<string, Map<string, number>>();
      for (const r of raw) {
        if (r.day <= "1997-09-30" || r.day > "1998-06-30") continue;
        const m = days.get(r.id) ?? new Map<string, number>();
        m.set(r.day, (m.get(r.day) ?? 0) + r.value);
        days.set(r.id, m);
      }
      let total = 0;
      for (const row of split.customers) {
        const m = days.get(row.customerId);
        const n = m?.size ?? 0;
        expect(row.frequencyHoldout).toBe(n);
        const mean = n === 0 ? 0 : [...m!.values()].reduce((s, v) => s + v, 0) / n;
        expect(row.monetaryValueHoldout).toBeCloseTo(mean, 9);
        total += n;
      }
      expect(total).toBe([...days.values()].reduce((s, m) => s + m.size, 0));
      // customer 1 bought once more, on 1997-12-12 for 26.48
      const one = split.customers.find((r) => r.customerId === "1")!;
      expect(one).toMatchObject({ frequency: 2, frequencyHoldout: 1, monetaryValueHoldout: 26.48 });
      expect(split.excluded).toEqual({
        afterObservationEnd: 0,
        customersFirstInHoldout: 0,
        ignoredRefunds: 0,
        customersWithoutPurchase: 0,
        unmatchedRefunds: 0,
      });
    });

    it("defaults the observation end to the latest transaction", () => {
      const d = splitCalibrationHoldout(tx, { calibrationEnd: "1997-09-30" });
      expect(d.observationEnd).toBe("1998-06-30T00:00:00.000Z");
      expect(d.durationHoldout).toBe(273);
    });
  });

  describe("small cases", () => {
    const log: Transaction[] = [
      { customerId: "a", occurredAt: "2024-01-01", amount: 10 },
      { customerId: "a", occurredAt: "2024-01-31T23:00:00Z", amount: 20 },
      { customerId: "a", occurredAt: "2024-02-05", amount: 30 },
      { customerId: "a", occurredAt: "2024-02-05", amount: 6 },
      { customerId: "a", occurredAt: "2024-02-07", amount: -6 },
      { customerId: "a", occurredAt: "2024-03-05", amount: 99 },
      { customerId: "__proto__", occurredAt: "2024-02-10", amount: 5 },
      { customerId: "constructor", occurredAt: "2024-01-10", amount: -5 },
    ];

    it("splits at the calibration-end period and leaves out later records", () => {
      const s = splitCalibrationHoldout(log, { calibrationEnd: "2024-01-31", observationEnd: "2024-02-29" });
      expect(s.customers).toHaveLength(1);
      expect(s.customers[0]).toMatchObject({
        customerId: "a",
        frequency: 1,
        recency: 30,
        T: 30,
        monetaryValue: 20,
        frequencyHoldout: 1,
        monetaryValueHoldout: 36,
        durationHoldout: 29,
      });
      expect(s.excluded).toEqual({
        afterObservationEnd: 1,
        customersFirstInHoldout: 1,
        ignoredRefunds: 0,
        customersWithoutPurchase: 1,
        unmatchedRefunds: 1,
      });
    });

    it("honours refunds, periods and units", () => {
      const lifetimes = splitCalibrationHoldout(log, {
        calibrationEnd: "2024-01-31",
        observationEnd: "2024-02-29",
        refunds: "transaction",
      });
      expect(lifetimes.customers.map((r) => [r.customerId, r.frequencyHoldout, r.monetaryValueHoldout])).toEqual([
        ["a", 2, 15],
        ["constructor", 0, 0],
      ]);
      const ignore = splitCalibrationHoldout(log, { calibrationEnd: "2024-01-31", refunds: "ignore" });
      expect(ignore.excluded.ignoredRefunds).toBe(2);
      expect(ignore.customers[0]).toMatchObject({ frequencyHoldout: 2, monetaryValueHoldout: (36 + 99) / 2 });
      const monthly = splitCalibrationHoldout(log, { calibrationEnd: "2024-01-15", period: "month", unit: "period" });
      expect(monthly.durationHoldout).toBe(2);
      expect(monthly.customers[0]).toMatchObject({ frequency: 0, frequencyHoldout: 2, durationHoldout: 2 });
    });

    it("reads the split in the time zone", () => {
      const tz = splitCalibrationHoldout(
        [
          { customerId: "x", occurredAt: "2024-03-30T12:00:00Z", amount: 1 },
          { customerId: "x", occurredAt: "2024-03-31T22:30:00Z", amount: 2 }, // 04-01 00:30 in Berlin (summer time)
        ],
        { calibrationEnd: "2024-03-31", observationEnd: "2024-04-02", timeZone: "Europe/Berlin" },
      );
      expect(tz.customers[0]).toMatchObject({ frequency: 0, frequencyHoldout: 1, durationHoldout: 2 });
      expect(tz.calibrationEnd).toBe("2024-03-30T23:00:00.000Z");
    });

    it("handles empty input and an empty holdout", () => {
      const empty = splitCalibrationHoldout([], { calibrationEnd: "2024-01-01" });
      expect(empty.customers).toEqual([]);
      expect(empty.observationEnd).toBeNull();
      expect(empty.durationHoldout).toBeNull();
      const none = splitCalibrationHoldout(log.slice(0, 2), { calibrationEnd: "2024-06-01" });
      expect(none.durationHoldout).toBe(0);
      expect(none.customers[0]).toMatchObject({ frequencyHoldout: 0, monetaryValueHoldout: 0 });
      expect(none.observationEnd).toBe("2024-06-01T00:00:00.000Z");
      // the latest transaction in the calibration end's own period, hours before it: the
      // holdout is empty and ends at the calibration end, not before it
      const sameDay = [
        { customerId: "a", occurredAt: "2024-01-01T10:00:00Z", amount: 5 },
        { customerId: "a", occurredAt: "2024-01-31T08:00:00Z", amount: 5 },
      ];
      const late = splitCalibrationHoldout(sameDay, { calibrationEnd: "2024-01-31T20:00:00Z" });
      expect([late.calibrationEnd, late.observationEnd, late.durationHoldout]).toEqual(["2024-01-31T20:00:00.000Z", "2024-01-31T20:00:00.000Z", 0]);
      expect(late.customers[0]).toMatchObject({ frequency: 1, recency: 30, T: 30, frequencyHoldout: 0, durationHoldout: 0 });
      // a transaction after the calibration end in its own period: the observation ends there
      const after = splitCalibrationHoldout(sameDay, { calibrationEnd: "2024-01-31T06:00:00Z" });
      expect([after.observationEnd, after.durationHoldout]).toEqual(["2024-01-31T08:00:00.000Z", 0]);
    });

    it("rejects missing or inconsistent ends and does not mutate input", () => {
      expect(optionError(() => splitCalibrationHoldout(log, {} as never)).path).toBe("options.calibrationEnd");
      expect(optionError(() => splitCalibrationHoldout(log, undefined as never)).path).toBe("options.calibrationEnd");
      expect(optionError(() => splitCalibrationHoldout(log, { calibrationEnd: "x" })).path).toBe("options.calibrationEnd");
      const e = optionError(() => splitCalibrationHoldout(log, { calibrationEnd: "2024-01-31", observationEnd: "2024-01-31T12:00:00Z" }));
      expect(e.code).toBe("INVALID_OPTION");
      expect(e.path).toBe("options.observationEnd");
      expect(optionError(() => splitCalibrationHoldout(log, { calibrationEnd: "2024-01-31", unit: "year" as never })).path).toBe("options.unit");
      const frozen = Object.freeze(log.map((t) => Object.freeze({ ...t })));
      const before = JSON.stringify(frozen);
      splitCalibrationHoldout(frozen, { calibrationEnd: "2024-01-31" });
      expect(JSON.stringify(frozen)).toBe(before);
    });
  });

  describe("messages, counts and order", () => {
    it("names the function, the option and the value in each option error", () => {
      expect(() => splitCalibrationHoldout([], {} as never)).toThrow(
        "splitCalibrationHoldout: options.calibrationEnd is required (a Date, ISO-8601 string or epoch milliseconds), got undefined",
      );
      expect(() => splitCalibrationHoldout([], { calibrationEnd: "2024-01-31", observationEnd: "x" })).toThrow(
        'splitCalibrationHoldout: options.observationEnd must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "x"',
      );
      expect(() => splitCalibrationHoldout([], { calibrationEnd: "2024-01-31", observationEnd: "2024-01-31T12:00:00Z" })).toThrow(
        'splitCalibrationHoldout: options.observationEnd must fall in a later period than options.calibrationEnd, got "2024-01-31T12:00:00Z"',
      );
    });

    // [customerId, occurredAt, amount]
    const rows: [string, string, number][] = [
      ["b", "2024-01-05", 10],
      ["a", "2024-01-06", 10],
      ["a", "2024-02-06", -4],
      ["c", "2024-02-06", 7],
      ["d", "2024-02-08", 8],
      ["e", "2024-01-08", -8],
    ];
    const log: Transaction[] = rows.map(([customerId, occurredAt, amount]) => ({ customerId, occurredAt, amount }));

    it("sorts rows by id whatever the input order, and counts each customer who first buys in the holdout", () => {
      const s = splitCalibrationHoldout(log, { calibrationEnd: "2024-01-31" });
      expect(s.customers.map((r) => r.customerId)).toEqual(["a", "b"]);
      // c and d buy first in the holdout; e only has a calibration refund
      expect(s.excluded).toEqual({
        afterObservationEnd: 0,
        customersFirstInHoldout: 2,
        ignoredRefunds: 0,
        customersWithoutPurchase: 1,
        unmatchedRefunds: 1,
      });
      expect(s.observationEnd).toBe("2024-02-08T00:00:00.000Z");
      expect(s.durationHoldout).toBe(8);
    });

    it("gives a holdout value of 0, not NaN, to a customer whose holdout has only a refund", () => {
      const a = splitCalibrationHoldout(log, { calibrationEnd: "2024-01-31" }).customers[0]!;
      expect(a).toMatchObject({ customerId: "a", frequencyHoldout: 0, monetaryValueHoldout: 0, durationHoldout: 8 });
    });

    it("defaults the observation end to the latest transaction also when it falls in the calibration-end period", () => {
      const s = splitCalibrationHoldout(
        [
          { customerId: "a", occurredAt: "2024-01-05", amount: 10 },
          { customerId: "a", occurredAt: "2024-01-06T12:00:00Z", amount: 5 },
        ],
        { calibrationEnd: "2024-01-06" },
      );
      expect(s.observationEnd).toBe("2024-01-06T12:00:00.000Z");
      expect(s.durationHoldout).toBe(0);
      expect(s.customers[0]).toMatchObject({ frequency: 1, frequencyHoldout: 0, durationHoldout: 0 });
    });
  });

  it("splits so that calibration plus holdout purchase days make all purchase days (property)", () => {
    const record = fc.record({
      customerId: fc.constantFrom("a", "b", "c"),
      occurredAt: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 5, 30) }),
      amount: fc.integer({ min: 1, max: 5000 }).map((c) => c / 100),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 180 }), (tx, days) => {
        const calibrationEnd = Date.UTC(2024, 0, 1) + days * 86_400_000;
        const s = splitCalibrationHoldout(tx, { calibrationEnd, observationEnd: Date.UTC(2024, 6, 1) });
        const all = new Map(customerSummary(tx, { includeFirstPurchase: true }).customers.map((r) => [r.customerId, r]));
        for (const row of s.customers) {
          expect(row.frequency + 1 + row.frequencyHoldout).toBe(all.get(row.customerId)!.frequency);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
