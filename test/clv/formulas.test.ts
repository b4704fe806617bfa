import { describe, expect, it } from "vitest";
import { bgBbLogLikelihoodOne, bgBbProbabilityAlive, logistic } from "../../src/clv/formulas.js";
import { relDiff } from "./data.js";
import { BGBB } from "./models.js";

describe("logistic", () => {
  it("is 1 / (1 + exp(-z)) without overflow on either side", () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(-1)).toBeCloseTo(1 / (1 + Math.E), 15);
    expect(logistic(1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    // exp(720) overflows: 1 / (1 + exp(720)) would be 0, exp(720) / (1 + exp(720)) NaN.
    expect(logistic(720)).toBe(1);
    expect(relDiff(logistic(-720), Math.exp(-720))).toBeLessThan(1e-6);
    expect(logistic(-800)).toBe(0);
  });
});

describe("bgBbProbabilityAlive", () => {
  it("at the next opportunity (m = 1, FHS 2010 eq. 11) is P(alive now) times (delta + n) / (gamma + delta + n)", () => {
    const { gamma, delta } = BGBB.params;
    for (const [x, tx, n] of [
      [3, 4, 6],
      [0, 0, 6],
      [6, 6, 6],
    ] as const) {
      const now = bgBbProbabilityAlive(BGBB.params, x, tx, n);
      expect(bgBbProbabilityAlive(BGBB.params, x, tx, n, 1)).toBeCloseTo((now * (delta + n)) / (gamma + delta + n), 12);
    }
  });
});

describe("bgBbLogLikelihoodOne", () => {
  it("is finite for a long history whose alive-throughout term is e^-1400 times the rest", () => {
    const ll = bgBbLogLikelihoodOne(BGBB.params, 500, 600, 10000);
    expect(Number.isFinite(ll)).toBe(true);
    expect(ll).toBeLessThan(0);
  });

  it("is finite when the alive-throughout term is e^717 times the rest (gamma near 0: almost nobody drops out)", () => {
    // alpha = beta = 1, gamma = 1e-300, delta = 1e12, (x, t_x, n) = (1, 1, 2): the first part is
    // B(2, 2) / B(1, 1) = 1/6 up to 1e-312, the dropout term 5e-313 (mpmath at 40 digits:
    // log of the sum = -1.791759469228055000812).
    const ll = bgBbLogLikelihoodOne({ alpha: 1, beta: 1, gamma: 1e-300, delta: 1e12 }, 1, 1, 2);
    expect(ll).toBeCloseTo(-1.791759469228055, 12);
  });
});
