import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digamma } from "../../../src/core/stats/digamma.js";
import { logGamma } from "../../../src/core/stats/special.js";

const fixture = JSON.parse(
  readFileSync(join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "fixtures", "clv_hyp2f1.json"), "utf8"),
) as { digamma: { x: number; value: string }[] };

describe("digamma", () => {
  it("agrees with mpmath to 1e-13 (absolute, or relative when larger)", () => {
    for (const { x, value } of fixture.digamma) {
      const e = Number(value);
      expect(Math.abs(digamma(x) - e), String(x)).toBeLessThan(1e-13 * Math.max(1, Math.abs(e)));
    }
  });

  it("satisfies psi(x + 1) = psi(x) + 1 / x and is the derivative of logGamma", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), (x) => {
        const rec = Math.abs(digamma(x + 1) - digamma(x) - 1 / x) < 1e-11 * Math.max(1, 1 / x);
        const h = 1e-5 * Math.max(1, x);
        const fd = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
        return rec && (x < 0.05 || Math.abs(fd - digamma(x)) < 1e-5 * Math.max(1, Math.abs(fd)));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("is NaN for x <= 0 and NaN", () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-1.5)).toBeNaN();
    expect(digamma(Number.NaN)).toBeNaN();
    expect(digamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
