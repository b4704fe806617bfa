import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDuration } from "../../src/core/time.js";
import { durationShifter } from "../../src/acquisition/records.js";

describe("durationShifter (private helper of the acquisition family)", () => {
  const duration = fc.record(
    {
      weeks: fc.double({ min: 0, max: 10, noNaN: true }),
      days: fc.double({ min: 0, max: 400, noNaN: true }),
      hours: fc.double({ min: 0, max: 48, noNaN: true }),
      minutes: fc.integer({ min: 0, max: 120 }),
      seconds: fc.integer({ min: 0, max: 120 }),
      months: fc.integer({ min: 0, max: 14 }),
    },
    { requiredKeys: [] },
  );

  it("adds and subtracts exactly as date-fns does, in UTC and in other zones (property)", () => {
    fc.assert(
      fc.property(duration, fc.integer({ min: 0, max: 4e12 }), fc.constantFrom("UTC", "Europe/Berlin", "America/New_York"), (d, t, zone) => {
        const forward = durationShifter(d, zone, 1)(t);
        expect(forward).toBe(addDuration(t, d, zone));
        const back = durationShifter(d, zone, -1)(forward);
        if (d.months === undefined || d.months === 0) {
          // Without months the UTC shift is a constant and undoes itself.
          if (zone === "UTC") expect(back).toBe(t);
        }
        expect(Number.isFinite(back)).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("subtracts a day across DST in the time zone (23 hours back from 12:00 on 31 March in Berlin)", () => {
    const t = Date.UTC(2024, 2, 31, 10); // 12:00 CEST
    expect(durationShifter({ days: 1 }, "Europe/Berlin", -1)(t)).toBe(Date.UTC(2024, 2, 30, 11)); // 12:00 CET
    expect(durationShifter({ days: 1 }, "UTC", -1)(t)).toBe(Date.UTC(2024, 2, 30, 10));
  });
});
