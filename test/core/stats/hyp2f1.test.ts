import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hyp2f1, hyp2f1Series, logHyp2f1 } from "../../../src/core/stats/hyp2f1.js";

interface Case {
  a: number;
  b: number;
  c: number;
  z: number;
  value: string;
  log: string | null;
}
const fixture = JSON.parse(
  readFileSync(join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "fixtures", "clv_hyp2f1.json"), "utf8"),
) as { hyp2f1: Case[] };

describe("hyp2f1", () => {
  it("agrees with mpmath (40 digits) to 1e-13 relative on the CLV models' arguments", () => {
    for (const c of fixture.hyp2f1) {
      const expected = Number(c.value);
      const got = hyp2f1(c.a, c.b, c.c, c.z);
      // Near z = 1 with c - a - b an integer the shifted-c average is good to about 1e-8.
      const d = c.c - c.a - c.b;
      const degenerate = c.z > 0.999 && Math.abs(d - Math.round(d)) < 1e-4 && !(c.a <= 0 && Number.isInteger(c.a));
      expect(Math.abs(got - expected) / Math.abs(expected), JSON.stringify(c)).toBeLessThan(degenerate ? 1e-7 : 1e-13);
    }
  });

  it("matches closed forms: -log(1 - z) / z, (1 - z)^-a, arcsin", () => {
    fc.assert(
      fc.property(fc.double({ min: -0.99, max: 0.99, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }), (z, a) => {
        if (Math.abs(z) < 1e-6) return true;
        const ok1 = Math.abs(hyp2f1(1, 1, 2, z) - -Math.log1p(-z) / z) < 1e-12 * Math.abs(Math.log1p(-z) / z);
        const ok2 = Math.abs(hyp2f1(a, 2.5, 2.5, z) / (1 - z) ** -a - 1) < 1e-12;
        const w = Math.sqrt(Math.abs(z));
        const ok3 = Math.abs(hyp2f1(0.5, 0.5, 1.5, w * w) - Math.asin(w) / w) < 1e-12;
        return ok1 && ok2 && ok3;
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("uses the connection formula near z = 1, continuous with the series at z = 0.999", () => {
    for (const [a, b, c] of [
      [1.976, -0.207, 2.219],
      [1, 2.182, 2.886],
      [0.3, 0.4, 3.5],
      [2, 3, 4],
    ] as const) {
      const below = hyp2f1(a, b, c, 0.999);
      const above = hyp2f1(a, b, c, 0.999 + 1e-12);
      expect(Math.abs(above - below) / Math.abs(below)).toBeLessThan(1e-6);
    }
  });

  it("is NaN outside its domain and 1 at z = 0", () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, 2, Number.NaN)).toBeNaN();
    expect(hyp2f1Series(Number.NaN, 1, 2, 0.5)).toBeNaN();
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1Series(0, 4, 5, 0.3)).toBe(1);
  });
});

describe("logHyp2f1", () => {
  it("agrees with mpmath's log 2F1", () => {
    for (const c of fixture.hyp2f1) {
      if (c.log === null || c.z < 0) continue;
      const d = c.c - c.a - c.b;
      const tol = c.z > 0.999 && Math.abs(d - Math.round(d)) < 1e-4 ? 1e-7 : 1e-12;
      expect(Math.abs(logHyp2f1(c.a, c.b, c.c, c.z) - Number(c.log)), JSON.stringify(c)).toBeLessThan(tol * Math.max(1, Math.abs(Number(c.log))));
    }
  });

  it("stays finite where the value itself overflows (Pareto/NBD with 10,000 purchases)", () => {
    const a = 0.5 + 0.3 + 10000;
    const v = logHyp2f1(a, 0.5 + 10000, a + 1, 0.8);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(700); // exp(v) would overflow a double
    // Euler: (1 - z)^(1 - r - x) 2F1(1, s + 1; c; z) with the second factor in (1, 1/(1 - z)).
    expect(v).toBeGreaterThan((1 - 0.5 - 10000) * Math.log(0.2));
    expect(v).toBeLessThan((1 - 0.5 - 10000) * Math.log(0.2) + Math.log(5));
  });

  it("is NaN outside [0, 1)", () => {
    expect(logHyp2f1(1, 1, 2, -0.5)).toBeNaN();
    expect(logHyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(logHyp2f1(-1, 2, 1, 0.9)).toBeNaN(); // 1 - 2z, negative
  });
});
