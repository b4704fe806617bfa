import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CrmMetricsError, generateLeads } from "../../src/index.js";

describe("generateLeads", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateLeads({ n: 50, seed: 3 });
    expect(generateLeads({ n: 50, seed: 3 })).toEqual(a);
    expect(generateLeads({ n: 50, seed: 4 }).leads).not.toEqual(a.leads);
  });

  it("gives consistent leads, interactions and outcomes", () => {
    const d = generateLeads({ n: 200, seed: 11, start: "2026-02-01T00:00:00Z", days: 10 });
    expect(d.leads).toHaveLength(200);
    expect(d.outcomes).toHaveLength(200);
    expect(d.asOf).toBe("2026-03-13T00:00:00.000Z");
    const ids = new Set(d.leads.map((l) => l.id));
    expect(ids.size).toBe(200);
    const pageViews = new Map<string | number, number>();
    let last = Number.NEGATIVE_INFINITY;
    for (const e of d.interactions) {
      expect(ids.has(e.customerId)).toBe(true);
      const t = Date.parse(e.occurredAt as string);
      expect(t).toBeGreaterThanOrEqual(last);
      expect(t).toBeLessThanOrEqual(Date.parse(d.asOf));
      last = t;
      if (e.type === "page_view") pageViews.set(e.customerId, (pageViews.get(e.customerId) ?? 0) + 1);
    }
    d.leads.forEach((l, i) => {
      expect(pageViews.get(l.id) ?? 0).toBe(l.properties!["webVisits"]);
      expect(l.status).toBe(d.outcomes[i] ? "customer" : "open");
      expect(l.convertedAt !== undefined).toBe(d.outcomes[i]);
      const created = Date.parse(l.createdAt as string);
      expect(created).toBeGreaterThanOrEqual(Date.parse("2026-02-01T00:00:00Z"));
      expect(created).toBeLessThan(Date.parse("2026-02-11T00:00:00Z"));
    });
    expect(generateLeads({ n: 0 })).toMatchObject({ leads: [], interactions: [], outcomes: [] });
  });

  it("returns a copy of the true model that callers cannot corrupt", () => {
    const a = generateLeads({ n: 1 });
    (a.trueModel.coefficients as Record<string, number>)["channel=referral"] = 99;
    expect(generateLeads({ n: 1 }).trueModel.coefficients["channel=referral"]).toBe(1);
  });

  it("rejects bad options", () => {
    expect(() => generateLeads({ n: -1 })).toThrow(CrmMetricsError);
    expect(() => generateLeads({ n: 1.5 })).toThrow("generateLeads: options.n must be an integer >= 0, got 1.5");
    expect(() => generateLeads({ start: "soon" })).toThrow(CrmMetricsError);
    expect(() => generateLeads({ days: 0 })).toThrow(CrmMetricsError);
  });

  it("draws conversion rates that follow the true model (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const d = generateLeads({ n: 2000, seed });
        const rate = (pred: (i: number) => boolean): number => {
          let n = 0;
          let k = 0;
          d.leads.forEach((_, i) => {
            if (pred(i)) {
              n++;
              if (d.outcomes[i]) k++;
            }
          });
          return k / n;
        };
        const senior = rate((i) => (d.leads[i]!.properties!["seniority"] as number) >= 4);
        const junior = rate((i) => (d.leads[i]!.properties!["seniority"] as number) <= 2);
        expect(senior).toBeGreaterThan(junior);
        const referral = rate((i) => d.leads[i]!.channel === "referral");
        const ads = rate((i) => d.leads[i]!.channel === "ads");
        expect(referral).toBeGreaterThan(ads);
      }),
      { seed: 42, numRuns: 5 },
    );
  });
});
