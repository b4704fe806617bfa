import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgNbdProbabilityAlive } from "../../src/core/bgNbdAlive.js";
import { probabilityAlive } from "../../src/clv/probabilityAlive.js";
import { deepFreeze, errorOf } from "./data.js";
import { BG, BGBB, GG, MBG, PNBD, PNBD_HF } from "./models.js";

describe("probabilityAlive", () => {
  it("matches the closed form of BG/NBD for customer 1 of CDNOW", () => {
    const { r, alpha, a, b } = BG.params;
    const direct = 1 / (1 + (a / (b + 2 - 1)) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2));
    expect(probabilityAlive(BG, deepFreeze({ frequency: 2, recency: 30.43, T: 38.86 }))).toBeCloseTo(direct, 12);
    expect(probabilityAlive(BG, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(0.7266, 4);
  });

  it("is 1 for BG/NBD customers without repeat purchases (a property of the model)", () => {
    expect(probabilityAlive(BG, { frequency: 0, recency: 0, T: 38 })).toBe(1);
  });

  it("matches the MBG/NBD closed form", () => {
    const { r, alpha, a, b } = MBG.params;
    const direct = 1 / (1 + (a / (b + 0)) * ((alpha + 38) / alpha) ** r);
    expect(probabilityAlive(MBG, { frequency: 0, recency: 0, T: 38 })).toBeCloseTo(direct, 12);
  });

  it("gives finite Pareto/NBD values for the CLVTools #100 high-frequency customers", () => {
    const cases = [
      [221, 95.3, 96],
      [254, 100.1, 104],
      [161, 97.9, 99],
      [204, 97.3, 100],
    ] as const;
    for (const [x, tx, T] of cases) {
      const p = probabilityAlive(PNBD_HF, { frequency: x, recency: tx, T });
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    // Bought until the end: almost surely alive; long silent after 254 purchases: almost surely gone.
    expect(probabilityAlive(PNBD_HF, { frequency: 221, recency: 95.3, T: 96 })).toBeGreaterThan(0.9);
    expect(probabilityAlive(PNBD_HF, { frequency: 254, recency: 100, T: 104 })).toBeLessThan(0.1);
  });

  it("agrees with the Pareto/NBD likelihood decomposition without 2F1 when alpha = beta", () => {
    const eq = { ...PNBD, params: { r: 0.5, alpha: 8, s: 0.7, beta: 8 } };
    // alpha = beta: A0 = ((alpha+t_x)^-(r+s+x) - (alpha+T)^-(r+s+x)); P = 1 / (1 + s/(r+s+x) (alpha+T)^(r+s+x) A0).
    const [x, tx, T] = [3, 10, 30];
    const k = 0.5 + 0.7 + x;
    const A0 = (8 + tx) ** -k - (8 + T) ** -k;
    const direct = 1 / (1 + (0.7 / k) * (8 + T) ** k * A0);
    expect(probabilityAlive(eq, { frequency: x, recency: tx, T })).toBeCloseTo(direct, 10);
  });

  it("is 1 when the last purchase is at T, for every continuous model", () => {
    expect(probabilityAlive(PNBD, { frequency: 4, recency: 20, T: 20 })).toBe(1);
    expect(probabilityAlive(BG, { frequency: 4, recency: 20, T: 20 })).toBeGreaterThan(0.7);
  });

  it("stays in [0, 1] for up to 10,000 purchases and T up to 10,000", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 10000, noNaN: true }),
        (x, share, T) => {
          const tx = x === 0 ? 0 : share * T;
          for (const m of [BG, MBG, PNBD, PNBD_HF]) {
            const p = probabilityAlive(m, { frequency: x, recency: tx, T });
            if (!(p >= 0 && p <= 1)) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it("decreases with the time since the last purchase", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 1, max: 50, noNaN: true }), (x, gap) => {
        const near = probabilityAlive(BG, { frequency: x, recency: 20, T: 20 + gap });
        const far = probabilityAlive(BG, { frequency: x, recency: 20, T: 20 + 2 * gap });
        const pn = probabilityAlive(PNBD, { frequency: x, recency: 20, T: 20 + gap });
        const pf = probabilityAlive(PNBD, { frequency: x, recency: 20, T: 20 + 2 * gap });
        return far <= near && pf <= pn + 1e-12;
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("computes BG/BB P(alive) at opportunity n", () => {
    const p = probabilityAlive(BGBB, { frequency: 3, recency: 4, periods: 6 });
    expect(p).toBeCloseTo(0.4723, 4);
    expect(probabilityAlive(BGBB, { frequency: 6, recency: 6, periods: 6 })).toBeGreaterThan(0.9);
  });

  it("shares its BG/NBD formula with the core helper used by churn risk", () => {
    expect(bgNbdProbabilityAlive(BG.params, 5, 10, 30)).toBe(probabilityAlive(BG, { frequency: 5, recency: 10, T: 30 }));
    expect(bgNbdProbabilityAlive(BG.params, 10000, 9999, 10000)).toBeCloseTo(0.99978, 5);
    expect(bgNbdProbabilityAlive({ ...BG.params, r: -1 }, 1, 1, 2)).toBeNaN();
    expect(bgNbdProbabilityAlive(BG.params, 1, 3, 2)).toBeNaN();
    expect(bgNbdProbabilityAlive(BG.params, Number.NaN, 1, 2)).toBeNaN();
  });

  it("survives a JSON round trip of the model", () => {
    const back = JSON.parse(JSON.stringify(PNBD));
    expect(probabilityAlive(back, { frequency: 3, recency: 10, T: 30 })).toBe(probabilityAlive(PNBD, { frequency: 3, recency: 10, T: 30 }));
  });

  it("validates the model and the history", () => {
    expect(errorOf(() => probabilityAlive(GG as never, { frequency: 1, recency: 1, T: 2 }))).toMatchObject({ code: "INVALID_INPUT", path: "model.model" });
    expect(errorOf(() => probabilityAlive(null as never, { frequency: 1, recency: 1, T: 2 }))).toMatchObject({ code: "INVALID_INPUT", path: "model" });
    expect(errorOf(() => probabilityAlive({ model: "bg-nbd", params: { r: 1, alpha: 1, a: 1 } } as never, { frequency: 1, recency: 1, T: 2 }))).toMatchObject({ path: "model.params.b" });
    expect(errorOf(() => probabilityAlive({ model: "bg-nbd" } as never, { frequency: 1, recency: 1, T: 2 }))).toMatchObject({ path: "model.params" });
    expect(errorOf(() => probabilityAlive({ ...BG, params: { ...BG.params, a: Number.NaN } }, { frequency: 1, recency: 1, T: 2 }))).toMatchObject({ path: "model.params.a" });
    expect(errorOf(() => probabilityAlive(BG, { frequency: 1, recency: 3, T: 2 }))).toMatchObject({ path: "customer.recency" });
    expect(errorOf(() => probabilityAlive(BG, { frequency: 1, recency: 3, T: 2 })).message).toBe("probabilityAlive: customer.recency must be <= T (2), got 3");
    expect(errorOf(() => probabilityAlive(BGBB, { frequency: 1, recency: 1, T: 2 } as never))).toMatchObject({ path: "customer.periods" });
  });
});
