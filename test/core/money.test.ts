import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError } from "../../src/core/errors.js";
import { divideMoney, isMoneyInput, MoneySum, sumMoney, toAmount } from "../../src/core/money.js";

describe("MoneySum", () => {
  it("sums one million amounts of 0.01 to exactly 10000", () => {
    const s = new MoneySum();
    for (let i = 0; i < 1_000_000; i++) s.add(0.01);
    expect(s.value()).toBe(10000);
  });

  it("sums 0.1 and 0.2 to exactly 0.3", () => {
    expect(new MoneySum().add(0.1).add(0.2).value()).toBe(0.3);
    expect(sumMoney(["0.1", "0.2"])).toBe(0.3);
    expect(sumMoney([new Decimal("0.1"), 0.2])).toBe(0.3);
  });

  it("is exact for amounts with many decimals and very large totals", () => {
    expect(sumMoney([1 / 3, -1 / 3])).toBe(0);
    expect(sumMoney([1e15, 0.01, -1e15])).toBe(0.01);
    const s = new MoneySum();
    for (let i = 0; i < 1000; i++) s.add(9e12 + 0.01);
    expect(s.toDecimal().toString()).toBe("9000000000000010");
  });

  it("adds an amount with more than four decimals as its exact binary value", () => {
    expect(sumMoney([1 / 3])).toBe(1 / 3);
    expect(new MoneySum().add(0.12345).toDecimal().toString()).toBe("0.12345");
  });

  it("merges the decimal part of the other sum as well as its scaled part", () => {
    const a = new MoneySum().add(0.12345).add(2);
    const b = new MoneySum().add(1).merge(a);
    expect(b.toDecimal().toString()).toBe("3.12345");
    expect(new MoneySum().merge(new MoneySum().add("0.00001")).toDecimal().toString()).toBe("0.00001");
  });

  it("never returns -0", () => {
    expect(Object.is(sumMoney([-0]), 0)).toBe(true);
    expect(Object.is(sumMoney([0.5, -0.5]), 0)).toBe(true);
  });

  it("merges to the same sum whatever the split", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }).map((c) => c / 100)), fc.nat(), (amounts, cut) => {
        const k = amounts.length === 0 ? 0 : cut % (amounts.length + 1);
        const a = new MoneySum();
        const b = new MoneySum();
        amounts.slice(0, k).forEach((x) => a.add(x));
        amounts.slice(k).forEach((x) => b.add(x));
        const exact = amounts.reduce((acc, x) => acc.plus(x), new Decimal(0)).toNumber();
        expect(b.merge(a).value()).toBe(exact === 0 ? 0 : exact);
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it("divides exactly and returns null for a zero denominator", () => {
    expect(divideMoney(new MoneySum().add(10), 4)).toBe(2.5);
    expect(divideMoney(1, 0)).toBeNull();
    expect(divideMoney(0, 3)).toBe(0);
  });

  it("returns 0, not -0, for a zero amount divided by a negative number", () => {
    expect(Object.is(divideMoney(0, -3), 0)).toBe(true);
    expect(Object.is(divideMoney(new MoneySum(), -2), 0)).toBe(true);
  });

  it("stays exact when the scaled integer sum reaches 2^52 (it moves to decimals there)", () => {
    // 450359962737.0495 is (2^52 - 1) / 10^4: the largest amount summed as a scaled integer.
    const big = 450359962737.0495;
    const s = new MoneySum().add(big).add(big).add(0.0003);
    // 2 * 4503599627370495 + 3 = 2^53 + 1 ten-thousandths, which a double cannot hold.
    expect(s.toDecimal().toString()).toBe("900719925474.0993");
    const a = new MoneySum().add(big);
    a.merge(new MoneySum().add(big)).add(0.0003);
    expect(a.toDecimal().toString()).toBe("900719925474.0993");
    const neg = new MoneySum().add(-big).add(-big).add(-0.0003);
    expect(neg.toDecimal().toString()).toBe("-900719925474.0993");
  });

  it("adds an amount whose ten-thousandths pass 2^52 as the decimal it is written as", () => {
    // 100000000000000020 * 10^4 is not a double: the scaled integer would be 1000000000000000100000
    expect(new MoneySum().add(100000000000000020).toDecimal().toString()).toBe("100000000000000020");
    expect(new MoneySum().add(-100000000000000020).add(1).toDecimal().toString()).toBe("-100000000000000019");
  });

  it("keeps small amounts next to an amount of 2^53 or more, which is added as a decimal", () => {
    expect(new MoneySum().add(0.0001).add(2 ** 53).toDecimal().toString()).toBe("9007199254740992.0001");
    expect(new MoneySum().add(2 ** 53).add(0.0001).toDecimal().toString()).toBe("9007199254740992.0001");
  });
});

describe("toAmount", () => {
  it("reads numbers, decimal strings and Decimals", () => {
    expect(toAmount("f", "x", 12.5)).toBe(12.5);
    expect(toAmount("f", "x", " -3.25 ")).toBe(-3.25);
    expect(toAmount("f", "x", "1e3")).toBe(1000);
    expect(toAmount("f", "x", new Decimal("19.99"))).toBe(19.99);
    expect(Object.is(toAmount("f", "x", -0), 0)).toBe(true);
  });

  it("reads a negative zero string or Decimal as 0, not -0", () => {
    expect(Object.is(toAmount("f", "x", "-0"), 0)).toBe(true);
    expect(Object.is(toAmount("f", "x", "-0.00"), 0)).toBe(true);
    expect(Object.is(toAmount("f", "x", new Decimal("-0")), 0)).toBe(true);
  });

  it("rejects NaN, Infinity, non-numeric strings and other types", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "abc", "", "1,000", null, undefined, {}, [], true, new Decimal(Number.NaN), "1e999"]) {
      expect(() => toAmount("cac", "spend[3].amount", bad)).toThrow(CrmMetricsError);
    }
    expect(() => toAmount("cac", "spend[3].amount", "abc")).toThrow(
      'cac: spend[3].amount must be a finite amount (number, decimal string or Decimal), got "abc"',
    );
    expect(isMoneyInput("12.5")).toBe(true);
    expect(isMoneyInput("x")).toBe(false);
    expect(isMoneyInput(new Decimal(1))).toBe(true);
    expect(isMoneyInput(Number.NaN)).toBe(false);
  });

  it("isMoneyInput accepts exactly what toAmount reads", () => {
    const good: unknown[] = [12.5, 0, -3, " 12.5 ", "1e3", "-0", new Decimal("19.99")];
    const bad: unknown[] = [Number.NaN, Number.POSITIVE_INFINITY, "abc", "", "1,000", "1e999", null, undefined, {}, [], true, new Decimal(Number.NaN), new Decimal(Number.POSITIVE_INFINITY)];
    for (const v of good) {
      expect(isMoneyInput(v)).toBe(true);
      expect(() => toAmount("f", "x", v)).not.toThrow();
    }
    for (const v of bad) {
      expect(isMoneyInput(v)).toBe(false);
      expect(() => toAmount("f", "x", v)).toThrow(CrmMetricsError);
    }
  });
});
