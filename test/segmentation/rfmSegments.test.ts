import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmScores, rfmSegments, validateSegmentMap } from "../../src/index.js";
import { cdnowRfmFixture, cdnowTransactions, deepFreeze, errorOf, messageOf } from "./helpers.js";

const row = (customerId: string, r: number, f: number, m: number, totalSpend = 10) => ({
  customerId,
  recencyScore: r,
  frequencyScore: f,
  monetaryScore: m,
  totalSpend,
});

function allCells(): ReturnType<typeof row>[] {
  const rows = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) rows.push(row(`${r}${f}${m}`, r, f, m));
  return rows;
}

describe("rfmSegments", () => {
  it("assigns each of the 125 combinations to one of the 11 segments, every segment reached", () => {
    const r = rfmSegments(allCells());
    expect(r.n).toBe(125);
    expect(r.map).toBe("default-11");
    expect(r.segments.map((s) => s.segment)).toEqual([
      "Champions",
      "Loyal Customers",
      "New Customers",
      "Promising",
      "Potential Loyalist",
      "Need Attention",
      "About To Sleep",
      "Can't Lose Them",
      "At Risk",
      "Lost",
      "Hibernating",
    ]);
    for (const s of r.segments) expect(s.customers).toBeGreaterThan(0);
    const expected = Object.fromEntries(validateSegmentMap("default").cellsPerSegment.map((s) => [s.segment, s.cells]));
    expect(Object.fromEntries(r.segments.map((s) => [s.segment, s.customers]))).toEqual(expected);
    expect(new Set(r.customers.map((c) => c.segment)).size).toBe(11);
  });

  it("places the documented gap and overlap cells", () => {
    const seg = Object.fromEntries(rfmSegments(allCells()).customers.map((c) => [c.code, c.segment]));
    expect([seg["555"], seg["111"], seg["112"], seg["511"], seg["411"], seg["311"], seg["155"], seg["125"]]).toEqual([
      "Champions",
      "Lost",
      "Hibernating",
      "New Customers",
      "New Customers",
      "Promising",
      "Can't Lose Them",
      "At Risk",
    ]);
    // the four gap rules
    expect([seg["514"], seg["551"], seg["115"], seg["151"]]).toEqual(["Potential Loyalist", "Loyal Customers", "At Risk", "At Risk"]);
  });

  it("sums customers and revenue per segment with shares", () => {
    const r = rfmSegments([row("a", 5, 5, 5, 600), row("b", 5, 4, 4, 300), row("c", 1, 1, 1, 100), row("d", 1, 1, 1, 0)]);
    const champions = r.segments.find((s) => s.segment === "Champions")!;
    expect(champions).toEqual({ segment: "Champions", customers: 2, customerShare: 0.5, revenue: 900, revenueShare: 0.9 });
    const lost = r.segments.find((s) => s.segment === "Lost")!;
    expect(lost.customers).toBe(2);
    expect(lost.revenueShare).toBeCloseTo(0.1, 12);
    const empty = r.segments.find((s) => s.segment === "At Risk")!;
    expect(empty).toEqual({ segment: "At Risk", customers: 0, customerShare: 0, revenue: 0, revenueShare: 0 });
    expect(r.totalRevenue).toBe(1000);
  });

  it("gives null revenue shares when the total revenue is zero or negative, null customer shares without customers", () => {
    const r = rfmSegments([row("a", 5, 5, 5, 10), row("b", 1, 1, 1, -10)]);
    expect(r.totalRevenue).toBe(0);
    expect(r.segments.every((s) => s.revenueShare === null)).toBe(true);
    const empty = rfmSegments([]);
    expect(empty.n).toBe(0);
    expect(empty.segments.every((s) => s.customerShare === null && s.revenueShare === null && s.customers === 0)).toBe(true);
  });

  it("reproduces the pandas published-table segment counts on CDNOW", () => {
    const fixture = cdnowRfmFixture();
    const scores = rfmScores(cdnowTransactions(), { asOf: fixture.asOf });
    const r = rfmSegments(scores, { map: "published" });
    const got = Object.fromEntries(r.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]));
    expect(got).toEqual(fixture.publishedSegmentCounts);
    // the shipped map leaves nobody in "Others"
    const def = rfmSegments(scores);
    expect(def.segments.some((s) => s.segment === "Others")).toBe(false);
    expect(Object.fromEntries(def.segments.map((s) => [s.segment, s.customers]))).toEqual({
      Champions: 624,
      "Loyal Customers": 422,
      "New Customers": 0,
      Promising: 147,
      "Potential Loyalist": 269,
      "Need Attention": 10,
      "About To Sleep": 282,
      "Can't Lose Them": 1,
      "At Risk": 283,
      Lost: 177,
      Hibernating: 142,
    });
    expect(def.segments.reduce((s, x) => s + x.customers, 0)).toBe(2357);
    expect(def.segments.reduce((s, x) => s + (x.revenueShare ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it("uses only R and F with the pandas R-F map", () => {
    const r = rfmSegments([row("a", 5, 5, 1), row("b", 4, 1, 5), row("c", 3, 3, 3)], { map: "pandas-rf" });
    expect(r.customers.map((c) => c.segment)).toEqual(["champions", "promising", "need_attention"]);
  });

  it("accepts a custom map with a fallback", () => {
    const map = { name: "vip", bins: 5, rules: [{ segment: "VIP", monetary: [5, 5] as [number, number] }], fallback: "Everyone else" };
    const r = rfmSegments([row("a", 1, 1, 5, 100), row("b", 5, 5, 4, 50)], { map });
    expect(r.customers.map((c) => c.segment)).toEqual(["VIP", "Everyone else"]);
    expect(r.map).toBe("vip");
    expect(r.segments.map((s) => s.segment)).toEqual(["VIP", "Everyone else"]);
  });

  it("accepts maps on other scales when the scores match", () => {
    const map = { bins: 3, rules: [{ segment: "hot", recency: [3, 3] as [number, number] }, { segment: "cold" }] };
    const scores = rfmScores(
      [
        { customerId: "a", occurredAt: "2024-01-01", amount: 1 },
        { customerId: "b", occurredAt: "2024-02-01", amount: 1 },
        { customerId: "c", occurredAt: "2024-03-01", amount: 1 },
      ],
      { bins: 3 },
    );
    expect(rfmSegments(scores, { map }).customers.map((c) => c.segment)).toEqual(["cold", "cold", "hot"]);
    expect(rfmSegments(scores, { map }).map).toBeNull();
    expect(errorOf(() => rfmSegments(scores))).toBe("INVALID_OPTION options.map");
  });

  it("rejects a map that leaves combinations unassigned without a fallback", () => {
    const map = { bins: 5, rules: [{ segment: "recent", recency: [4, 5] as [number, number] }] };
    expect(errorOf(() => rfmSegments([row("a", 5, 5, 5)], { map }))).toBe("INVALID_OPTION options.map");
    expect(messageOf(() => rfmSegments([row("a", 5, 5, 5)], { map }))).toContain('75 unmatched combinations such as "111"');
    expect(errorOf(() => rfmSegments([row("a", 5, 5, 5)], { map: { bins: 5, rules: [{ segment: "x", recency: [6, 6] }] } as never }))).toBe(
      "INVALID_OPTION options.map.rules[0].recency",
    );
    expect(errorOf(() => rfmSegments([row("a", 5, 5, 5)], { map: "rfm" as never }))).toBe("INVALID_OPTION options.map");
    expect(messageOf(() => rfmSegments([row("a", 5, 5, 5)], { map: { bins: 5, rules: [{ segment: "x", recency: [6, 6] }] } as never }))).toBe(
      "rfmSegments: options.map.rules[0].recency must lie within 1..5 (bins), got [6, 6]",
    );
  });

  it("rejects rows with invalid scores or spend", () => {
    expect(errorOf(() => rfmSegments([row("a", 5, 5, 5), row("b", 6, 1, 1)]))).toBe("INVALID_INPUT scores[1].recencyScore");
    expect(errorOf(() => rfmSegments([row("a", 5, 2.5, 5)]))).toBe("INVALID_INPUT scores[0].frequencyScore");
    expect(errorOf(() => rfmSegments([{ ...row("a", 5, 5, 5), monetaryScore: "5" } as never]))).toBe("INVALID_INPUT scores[0].monetaryScore");
    expect(errorOf(() => rfmSegments([row("a", 5, 5, 5, Number.NaN)]))).toBe("INVALID_INPUT scores[0].totalSpend");
    expect(errorOf(() => rfmSegments([row("", 5, 5, 5)]))).toBe("INVALID_INPUT scores[0].customerId");
    expect(errorOf(() => rfmSegments([null as never]))).toBe("INVALID_INPUT scores[0]");
    expect(errorOf(() => rfmSegments(7 as never))).toBe("INVALID_INPUT scores");
    expect(errorOf(() => rfmSegments([], "x" as never))).toBe("INVALID_OPTION options");
  });

  it("gives null revenue shares when the total revenue is negative", () => {
    const r = rfmSegments([row("a", 5, 5, 5, 10), row("b", 1, 1, 1, -30)]);
    expect(r.totalRevenue).toBe(-20);
    expect(r.segments.find((s) => s.segment === "Champions")).toEqual({ segment: "Champions", customers: 1, customerShare: 0.5, revenue: 10, revenueShare: null });
  });

  it("accepts an object with customers and no bins", () => {
    const r = rfmSegments({ customers: [row("a", 5, 5, 5, 10), row("b", 1, 1, 1, 30)] } as never);
    expect(r.customers.map((c) => [c.customerId, c.code, c.segment])).toEqual([
      ["a", "555", "Champions"],
      ["b", "111", "Lost"],
    ]);
    expect(errorOf(() => rfmSegments({ customers: 5 } as never))).toBe("INVALID_INPUT scores.customers");
  });

  it("states what is wrong with the map or a row", () => {
    const scores3 = { bins: 3, customers: [] };
    expect(messageOf(() => rfmSegments(scores3 as never))).toBe(
      `rfmSegments: options.map must be written for the scores' bins (3), but its bins is 5, got "default-11"`,
    );
    const unnamed = { bins: 5, rules: [{ segment: "all" }] };
    expect(messageOf(() => rfmSegments(scores3 as never, { map: unnamed }))).toBe(
      `rfmSegments: options.map must be written for the scores' bins (3), but its bins is 5, got "a map"`,
    );
    const partial = { bins: 5, rules: [{ segment: "recent", recency: [4, 5] as [number, number] }] };
    expect(messageOf(() => rfmSegments([row("a", 5, 5, 5)], { map: partial }))).toBe(
      'rfmSegments: options.map must match every score combination or name a fallback, got 75 unmatched combinations such as "111"',
    );
    expect(errorOf(() => rfmSegments([row("a", 0, 5, 5)]))).toBe("INVALID_INPUT scores[0].recencyScore");
    expect(messageOf(() => rfmSegments([row("a", 5, 5, 6)]))).toBe("rfmSegments: scores[0].monetaryScore must be an integer from 1 to 5, got 6");
    expect(messageOf(() => rfmSegments([row("a", 5, 5, 5), null as never]))).toBe("rfmSegments: scores[1] must be an object, got null");
  });

  it("accepts any iterable of rows, such as a Set", () => {
    const r = rfmSegments(new Set([row("a", 5, 5, 5, 10), row("b", 1, 1, 1, 30)]));
    expect(r.customers.map((c) => c.segment)).toEqual(["Champions", "Lost"]);
    expect(r.totalRevenue).toBe(40);
  });

  it("works with ids such as __proto__ and does not mutate its input", () => {
    const rows = deepFreeze([row("__proto__", 5, 5, 5), row("constructor", 1, 1, 1)]);
    expect(rfmSegments(rows).customers.map((c) => c.customerId)).toEqual(["__proto__", "constructor"]);
  });

  it("puts every customer in exactly one segment, totals adding up (property)", () => {
    const score = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(score, score, score, fc.integer({ min: -1000, max: 100_000 })), { maxLength: 60 }),
        fc.constantFrom("default" as const, "published" as const, "pandas-rf" as const),
        (cells, map) => {
          const rows = cells.map(([r, f, m, cents], i) => row(`c${i}`, r, f, m, cents / 100));
          const res = rfmSegments(rows, { map });
          expect(res.customers).toHaveLength(rows.length);
          expect(res.segments.reduce((s, x) => s + x.customers, 0)).toBe(rows.length);
          const revenue = res.segments.reduce((s, x) => s + x.revenue, 0);
          expect(Math.abs(revenue - res.totalRevenue)).toBeLessThan(1e-6);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
