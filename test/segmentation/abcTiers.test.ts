import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abcTiers } from "../../src/index.js";
import { cdnowTransactions, deepFreeze, errorOf, messageOf, tx } from "./helpers.js";

const rows = (...spend: number[]) => spend.map((s, i) => ({ customerId: String.fromCharCode(97 + i), totalSpend: s }));

describe("abcTiers", () => {
  it("computes the worked example of docs/metrics/segmentation.md", () => {
    const r = abcTiers(rows(700, 200, 60, 40));
    expect(r.customers.map((c) => [c.customerId, c.rank, c.revenueShare, c.tier])).toEqual([
      ["a", 1, 0.7, "A"],
      ["b", 2, 0.2, "A"],
      ["c", 3, 0.06, "B"],
      ["d", 4, 0.04, "C"],
    ]);
    expect(r.customers.map((c) => c.cumulativeShare)).toEqual([0.7, 0.9, 0.96, 1]);
    expect(r.tiers).toEqual([
      { tier: "A", boundary: 0.8, customers: 2, customerShare: 0.5, revenue: 900, revenueShare: 0.9 },
      { tier: "B", boundary: 0.95, customers: 1, customerShare: 0.25, revenue: 60, revenueShare: 0.06 },
      { tier: "C", boundary: 1, customers: 1, customerShare: 0.25, revenue: 40, revenueShare: 0.04 },
    ]);
    expect(r.totalRevenue).toBe(1000);
    expect(r.positiveRevenue).toBe(1000);
    expect(r.crossing).toBe("upper");
    expect(r.boundaries).toEqual([0.8, 0.95]);
  });

  it("puts the crossing customer in the lower tier with crossing: lower", () => {
    const r = abcTiers(rows(700, 200, 60, 40), { crossing: "lower" });
    expect(r.customers.map((c) => c.tier)).toEqual(["A", "B", "C", "C"]);
  });

  it("keeps a customer exactly on the boundary in the tier the boundary closes", () => {
    // cumulative 0.8 exactly after b
    expect(abcTiers(rows(500, 300, 150, 50)).customers.map((c) => c.tier)).toEqual(["A", "A", "B", "C"]);
    expect(abcTiers(rows(500, 300, 150, 50), { crossing: "lower" }).customers.map((c) => c.tier)).toEqual(["A", "A", "B", "C"]);
  });

  it("keeps customers with equal revenue in one tier", () => {
    const r = abcTiers(rows(100, 100, 100, 100, 100));
    expect(new Set(r.customers.map((c) => c.tier))).toEqual(new Set(["A"]));
    expect(r.customers.every((c) => c.rank === 1 && c.cumulativeShare === 1)).toBe(true);
    expect(new Set(abcTiers(rows(100, 100, 100, 100, 100), { crossing: "lower" }).customers.map((c) => c.tier))).toEqual(new Set(["C"]));
  });

  it("lists customers with equal revenue by id in code-unit order, whatever the input order", () => {
    const input = [
      { customerId: "b", totalSpend: 10 },
      { customerId: "a", totalSpend: 10 },
      { customerId: "z", totalSpend: 30 },
      { customerId: "B", totalSpend: 10 },
    ];
    const r = abcTiers(input);
    expect(r.customers.map((c) => [c.customerId, c.rank, c.revenue])).toEqual([
      ["z", 1, 30],
      ["B", 2, 10],
      ["a", 2, 10],
      ["b", 2, 10],
    ]);
    expect(r.customers.map((c) => c.cumulativeShare)).toEqual([0.5, 1, 1, 1]);
  });

  it("places customers with zero or negative revenue in the last tier", () => {
    const r = abcTiers(rows(90, 10, 0, -20));
    expect(r.customers.map((c) => [c.customerId, c.tier, c.revenueShare, c.cumulativeShare])).toEqual([
      ["a", "A", 0.9, 0.9],
      ["b", "B", 0.1, 1],
      ["c", "C", 0, 1],
      ["d", "C", -0.2, 1],
    ]);
    expect(r.nonPositiveCustomers).toBe(2);
    expect(r.totalRevenue).toBe(80);
    expect(r.positiveRevenue).toBe(100);
    expect(r.tiers[2]!.revenue).toBe(-20);
  });

  it("gives null shares when no customer has positive revenue", () => {
    const r = abcTiers(rows(0, -5));
    expect(r.customers.every((c) => c.tier === "C" && c.revenueShare === null && c.cumulativeShare === null)).toBe(true);
    expect(r.tiers.every((t) => t.revenueShare === null)).toBe(true);
  });

  it("handles empty input and a single customer", () => {
    const empty = abcTiers([]);
    expect(empty.n).toBe(0);
    expect(empty.tiers.map((t) => [t.customers, t.customerShare, t.revenueShare])).toEqual([
      [0, null, null],
      [0, null, null],
      [0, null, null],
    ]);
    expect(abcTiers(rows(42)).customers[0]!.tier).toBe("A");
    expect(abcTiers(rows(42), { crossing: "lower" }).customers[0]!.tier).toBe("C");
  });

  it("accepts custom boundaries and labels", () => {
    const r = abcTiers(rows(50, 30, 20), { boundaries: [0.5], labels: ["top", "rest"] });
    expect(r.customers.map((c) => c.tier)).toEqual(["top", "rest", "rest"]);
    expect(r.tiers.map((t) => t.boundary)).toEqual([0.5, 1]);
    // b starts at 0.4 (past 0.2 and 0.4), so it is in the tier closed by 0.6
    expect(abcTiers(rows(4, 3, 2, 1), { boundaries: [0.2, 0.4, 0.6, 0.8] }).customers.map((c) => c.tier)).toEqual(["A", "C", "D", "E"]);
    const many = abcTiers(rows(1), { boundaries: Array.from({ length: 25 }, (_, i) => (i + 1) / 26) });
    expect(many.tiers.map((t) => t.tier).join("")).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  });

  it("aggregates transactions with refunds, out of order, up to asOf", () => {
    const r = abcTiers(
      [
        tx("b", "2024-02-01", 30),
        tx("a", "2024-01-01", 100),
        tx("a", "2024-01-15", 20, "refund"),
        tx("__proto__", "2024-01-10", 5),
        tx("c", "2024-06-01", 1000),
      ],
      { asOf: "2024-03-01" },
    );
    expect(r.customers.map((c) => [c.customerId, c.revenue])).toEqual([
      ["a", 80],
      ["b", 30],
      ["__proto__", 5],
    ]);
    expect(r.ignoredAfterAsOf).toBe(1);
    expect(r.records).toBe(5);
  });

  it("finds the Pareto concentration of CDNOW", () => {
    const r = abcTiers(cdnowTransactions());
    expect(r.n).toBe(2357);
    const a = r.tiers[0]!;
    expect(a.revenueShare!).toBeGreaterThanOrEqual(0.8);
    // A is the smallest set of top customers that reaches 80 %
    const aCustomers = r.customers.filter((c) => c.tier === "A");
    const lastA = aCustomers[aCustomers.length - 1]!;
    expect(lastA.cumulativeShare! - lastA.revenueShare!).toBeLessThan(0.8);
    expect(a.customerShare!).toBeLessThan(0.5);
    // the figures quoted in docs/metrics/segmentation.md
    expect(r.totalRevenue).toBeCloseTo(244091.94, 6);
    expect(r.tiers.map((t) => t.customers)).toEqual([777, 804, 776]);
    expect(r.tiers[0]!.revenue).toBeCloseTo(195302.59, 6);
    expect(r.tiers.map((t) => Number(t.revenueShare!.toFixed(4)))).toEqual([0.8001, 0.1503, 0.0496]);
  });

  it("does not mutate its input", () => {
    const input = deepFreeze(rows(3, 2, 1));
    expect(abcTiers(input).n).toBe(3);
  });

  it("rejects invalid records and options", () => {
    expect(errorOf(() => abcTiers([{ customerId: "a", totalSpend: Number.NaN }]))).toBe("INVALID_INPUT customers[0].totalSpend");
    expect(errorOf(() => abcTiers([tx("a", "2024-01-01", 1), tx("a", "nope", 1)]))).toBe("INVALID_INPUT transactions[1].occurredAt");
    for (const first of [null, 7, []]) {
      expect(errorOf(() => abcTiers([first as never, tx("a", "2024-01-01", 1)]))).toBe("INVALID_INPUT transactions[0]");
      expect(errorOf(() => abcTiers([first as never, { customerId: "a", totalSpend: 5 }]))).toBe("INVALID_INPUT customers[0]");
    }
    expect(errorOf(() => abcTiers([{ customerId: "a", amount: 5 } as never, tx("b", "2024-01-01", 1)]))).toBe("INVALID_INPUT transactions[0].occurredAt");
    expect(errorOf(() => abcTiers(rows(1), { boundaries: [0.9, 0.8] }))).toBe("INVALID_OPTION options.boundaries[1]");
    expect(errorOf(() => abcTiers(rows(1), { boundaries: [1] }))).toBe("INVALID_OPTION options.boundaries[0]");
    expect(errorOf(() => abcTiers(rows(1), { boundaries: [] }))).toBe("INVALID_OPTION options.boundaries");
    expect(errorOf(() => abcTiers(rows(1), { labels: ["A", "B"] }))).toBe("INVALID_OPTION options.labels");
    expect(errorOf(() => abcTiers(rows(1), { labels: ["A", "A", "C"] }))).toBe("INVALID_OPTION options.labels[1]");
    expect(errorOf(() => abcTiers(rows(1), { crossing: "middle" as never }))).toBe("INVALID_OPTION options.crossing");
    expect(errorOf(() => abcTiers(rows(1), { boundaries: Array.from({ length: 26 }, (_, i) => (i + 1) / 27) }))).toBe(
      "INVALID_OPTION options.boundaries",
    );
  });

  it("totals exactly 1024 customers (the size of the first spend column)", () => {
    const r = abcTiers(Array.from({ length: 1024 }, (_, i) => ({ customerId: `c${i}`, totalSpend: 1 })));
    expect(r.n).toBe(1024);
    expect(r.totalRevenue).toBe(1024);
    expect(r.positiveRevenue).toBe(1024);
    expect(r.tiers.map((t) => t.customers)).toEqual([1024, 0, 0]);
  });

  it("states what is wrong with an option", () => {
    expect(errorOf(() => abcTiers(rows(1), { asOf: "soon" }))).toBe("INVALID_OPTION options.asOf");
    expect(messageOf(() => abcTiers(rows(1), { crossing: "middle" as never }))).toBe('abcTiers: options.crossing must be one of "upper", "lower", got "middle"');
    expect(messageOf(() => abcTiers(rows(1), { boundaries: [] }))).toBe(
      "abcTiers: options.boundaries must be an array of 1 to 25 increasing shares in (0, 1), got an array",
    );
    for (const [boundaries, i] of [[[0], 0], [[-0.1], 0], [[1], 0], [[Number.NaN], 0], [["0.5"], 0], [[0.5, 0.5], 1], [[0.5, 0.4], 1], [[0.2, Number.POSITIVE_INFINITY], 1]] as const) {
      expect(errorOf(() => abcTiers(rows(1), { boundaries: boundaries as never }))).toBe(`INVALID_OPTION options.boundaries[${i}]`);
    }
    expect(messageOf(() => abcTiers(rows(1), { boundaries: [0.5, 0.5] }))).toBe(
      "abcTiers: options.boundaries[1] must be a share in (0, 1), greater than the previous boundary, got 0.5",
    );
    expect(messageOf(() => abcTiers(rows(1), { labels: ["A", "B"] }))).toBe(
      "abcTiers: options.labels must be an array of 3 labels (one more than boundaries), got an array",
    );
    for (const [labels, i] of [[["A", 5, "C"], 1], [["A", "", "C"], 1], [["A", "B", "A"], 2], [[null, "B", "C"], 0]] as const) {
      expect(errorOf(() => abcTiers(rows(1), { labels: labels as never }))).toBe(`INVALID_OPTION options.labels[${i}]`);
    }
    expect(messageOf(() => abcTiers(rows(1), { labels: ["A", "", "C"] }))).toBe('abcTiers: options.labels[1] must be a unique non-empty string, got ""');
    expect(messageOf(() => abcTiers([{ customerId: "a", totalSpend: "x" }]))).toBe(
      'abcTiers: customers[0].totalSpend must be a finite amount (number, decimal string or Decimal), got "x"',
    );
  });

  it("accepts boundaries just inside (0, 1)", () => {
    const r = abcTiers(rows(60, 40), { boundaries: [Number.MIN_VALUE, 1 - Number.EPSILON] });
    expect(r.boundaries).toEqual([Number.MIN_VALUE, 1 - Number.EPSILON]);
    // a starts at 0 < MIN_VALUE, so A; b starts at 0.6, past MIN_VALUE but below 1 - eps, so B
    expect(r.customers.map((c) => c.tier)).toEqual(["A", "B"]);
  });

  describe("properties", () => {
    const spendArb = fc.array(fc.integer({ min: -500, max: 10_000 }), { minLength: 1, maxLength: 40 });

    it("never puts a higher-revenue customer in a lower tier, and does not depend on input order", () => {
      fc.assert(
        fc.property(spendArb, fc.constantFrom("upper" as const, "lower" as const), (spend, crossing) => {
          const input = rows(...spend);
          const r = abcTiers(input, { crossing });
          const again = abcTiers([...input].reverse(), { crossing });
          expect(again).toEqual(r);
          const tierIndex = (t: string) => t.charCodeAt(0) - 65;
          for (let i = 1; i < r.customers.length; i++) {
            expect(r.customers[i - 1]!.revenue).toBeGreaterThanOrEqual(r.customers[i]!.revenue);
            expect(tierIndex(r.customers[i - 1]!.tier)).toBeLessThanOrEqual(tierIndex(r.customers[i]!.tier));
          }
          expect(r.tiers.reduce((s, t) => s + t.customers, 0)).toBe(spend.length);
        }),
        { seed: 42, numRuns: 150 },
      );
    });

    it("makes tier A reach the first boundary (upper) or stay within it (lower)", () => {
      fc.assert(
        fc.property(spendArb, (spend) => {
          const upper = abcTiers(rows(...spend));
          const lower = abcTiers(rows(...spend), { crossing: "lower" });
          if (upper.positiveRevenue > 0) {
            expect(upper.tiers[0]!.revenueShare!).toBeGreaterThanOrEqual(0.8 - 1e-12);
            expect(lower.tiers[0]!.revenueShare!).toBeLessThanOrEqual(0.8 + 1e-12);
          }
        }),
        { seed: 42, numRuns: 150 },
      );
    });
  });
});
