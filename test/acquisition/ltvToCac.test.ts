import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ltvToCac } from "../../src/index.js";
import { deepFreeze, errorOf, messageOf } from "./helpers.js";

describe("ltvToCac", () => {
  it("divides LTV by CAC and checks the 3x rule of thumb", () => {
    expect(ltvToCac({ ltv: 3600, cac: 1200 })).toEqual({ ratio: 3, meetsBenchmark: true, benchmark: 3, ltv: 3600, cac: 1200 });
    const low = ltvToCac({ ltv: "2000", cac: "1000" });
    expect(low.ratio).toBe(2);
    expect(low.meetsBenchmark).toBe(false);
    expect(ltvToCac({ ltv: 2000, cac: 1000 }, { benchmark: 1.5 }).meetsBenchmark).toBe(true);
  });

  it("gives null when CAC is 0, and a negative ratio for a negative LTV", () => {
    expect(ltvToCac({ ltv: 100, cac: 0 })).toMatchObject({ ratio: null, meetsBenchmark: null });
    expect(ltvToCac({ ltv: -100, cac: 50 }).ratio).toBe(-2);
  });

  it("rejects bad input and options", () => {
    expect(errorOf(() => ltvToCac({ ltv: Number.NaN, cac: 1 }))).toBe("INVALID_INPUT input.ltv");
    expect(errorOf(() => ltvToCac({ ltv: 1, cac: -1 }))).toBe("INVALID_INPUT input.cac");
    expect(errorOf(() => ltvToCac({ ltv: 1 } as never))).toBe("INVALID_INPUT input.cac");
    expect(errorOf(() => ltvToCac({ ltv: 1, cac: 1 }, { benchmark: 0 }))).toBe("INVALID_OPTION options.benchmark");
    expect(errorOf(() => ltvToCac([] as never))).toBe("INVALID_INPUT input");
    expect(messageOf(() => ltvToCac({ ltv: 1, cac: "-0.5" }))).toBe('ltvToCac: input.cac must be >= 0, got "-0.5"');
    expect(ltvToCac({ ltv: 1, cac: 1 }, { benchmark: 1e-9 }).benchmark).toBe(1e-9);
  });

  it("does not mutate its input", () => {
    expect(ltvToCac(deepFreeze({ ltv: 9, cac: 3 })).ratio).toBe(3);
  });

  it("is the ratio: ratio x cac = ltv (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1e6, noNaN: true }), (ltv, c) => {
        const r = ltvToCac({ ltv, cac: c });
        expect(r.ratio! * c).toBeCloseTo(ltv, 4);
        expect(r.meetsBenchmark).toBe(r.ratio! >= 3);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
