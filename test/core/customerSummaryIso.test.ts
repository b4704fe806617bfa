import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createIsoInstantFormatter } from "../../src/core/customerSummaryIso.js";

describe("createIsoInstantFormatter", () => {
  it("formats like Date#toISOString (property, all valid dates)", () => {
    const iso = createIsoInstantFormatter();
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("formats the edges of four-digit years, the epoch, -0 and fractional milliseconds", () => {
    const iso = createIsoInstantFormatter();
    const cases = [0, -0, -1, 1, 999, 86_399_999, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 1.5, -0.5, Date.UTC(2024, 1, 29, 23, 59, 59, 999)];
    for (const ms of cases) expect(iso(ms)).toBe(new Date(ms).toISOString());
    expect(iso(Date.UTC(2024, 1, 29, 7, 5, 3, 9))).toBe("2024-02-29T07:05:03.009Z");
    // the same day again comes from the cache
    expect(iso(Date.UTC(2024, 1, 29, 17, 0, 0, 0))).toBe("2024-02-29T17:00:00.000Z");
  });
});
