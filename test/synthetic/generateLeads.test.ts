import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/core/stats/distributions.js";
import { CrmMetricsError, generateLeads, type GenerateLeadsOptions, type GenerateLeadsResult, type Lead } from "../../src/index.js";
import { messageOf } from "../support/errors.js";
import { expectMean, expectOptionErrors, expectShare } from "./stats.js";

const DAY = 86_400_000;
const ms = (v: unknown): number => Date.parse(v as string);
const prop = (lead: Lead, key: string): number => lead.properties![key] as number;

/** The conversion probability the true model gives a lead. */
function modelProbability(model: GenerateLeadsResult["trueModel"], lead: Lead): number {
  const c = model.coefficients;
  const eta =
    model.intercept +
    c["properties.seniority"]! * prop(lead, "seniority") +
    c["properties.webVisits"]! * prop(lead, "webVisits") +
    (c[`properties.industry=${String(lead.properties!.industry)}`] ?? 0) +
    (c[`channel=${String(lead.channel)}`] ?? 0);
  return 1 / (1 + Math.exp(-eta));
}

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

describe("generateLeads, lead by lead", () => {
  it("writes small seeded data as when written, following the documented rules", () => {
    const d = generateLeads({ n: 2, seed: 4, days: 10 });
    // Printed when written.
    expect(d.leads).toEqual([
      {
        id: "lead-1",
        createdAt: "2026-01-01T10:44:44.469Z",
        channel: "organic",
        status: "customer",
        properties: { industry: "software", employees: 9, seniority: 3, webVisits: 0 },
        convertedAt: "2026-01-17T22:14:54.730Z",
      },
      { id: "lead-2", createdAt: "2026-01-06T09:50:23.188Z", channel: "organic", status: "open", properties: { industry: "software", employees: 102, seniority: 3, webVisits: 1 } },
    ]);
    const ix = (k: number, lead: string, occurredAt: string, channel: string, type: string): object => ({ id: `ix-${k}`, customerId: lead, occurredAt, channel, direction: "inbound", type });
    expect(d.interactions).toEqual([
      ix(1, "lead-2", "2026-01-08T14:37:01.569Z", "email", "email_open"),
      ix(2, "lead-1", "2026-01-11T20:40:48.223Z", "web", "demo_request"),
      ix(3, "lead-1", "2026-01-12T04:32:03.427Z", "web", "form_submit"),
      ix(4, "lead-2", "2026-01-28T07:39:40.412Z", "web", "form_submit"),
      ix(5, "lead-2", "2026-02-05T00:31:51.498Z", "web", "page_view"),
    ]);
    expect(d.outcomes).toEqual([true, false]);
    // Why: created in the 10 days from the start; asOf 30 days after the last possible creation;
    // one page view per web visit; interactions between creation and conversion (lead-1) or
    // asOf (lead-2), in time order. lead-1's two interactions took the places in its 16.5 days
    // to conversion that they had before in its 39.6 days to asOf (0.632 and 0.641): the draws
    // are the same, only the span they scale changed.
    expect(d.asOf).toBe("2026-02-10T00:00:00.000Z");
    for (const lead of d.leads) expect(ms(lead.createdAt) - Date.UTC(2026, 0, 1)).toBeLessThan(10 * DAY);
    expect(ms(d.leads[0]!.convertedAt)).toBeGreaterThan(ms(d.leads[0]!.createdAt));
    for (const e of d.interactions) {
      const lead = d.leads.find((l) => l.id === e.customerId)!;
      expect(ms(e.occurredAt) >= ms(lead.createdAt) && ms(e.occurredAt) <= ms(lead.convertedAt ?? d.asOf)).toBe(true);
    }
    // seniority 3, 0 web visits, software, organic: -3 + 1.35 + 0.8 + 0.3 = -0.55, a probability of 0.366.
    expect(modelProbability(d.trueModel, d.leads[0]!)).toBeCloseTo(1 / (1 + Math.exp(0.55)), 12);
  });

  it("uses the documented defaults", () => {
    const d = generateLeads();
    expect(d).toEqual(generateLeads({ n: 500, seed: 1, start: "2026-01-01T00:00:00Z", days: 90 }));
    expect(d.leads).toHaveLength(500);
    expect(d.asOf).toBe("2026-05-01T00:00:00.000Z");
    expect(generateLeads({ n: 1, start: Date.UTC(2026, 5, 1), days: 1 }).asOf).toBe("2026-07-02T00:00:00.000Z");
  });

  it("pads lead and interaction ids to the width of their counts", () => {
    const d = generateLeads({ n: 10, seed: 2 });
    expect(d.leads.map((l) => l.id)).toEqual(Array.from({ length: 10 }, (_, i) => `lead-${String(i + 1).padStart(2, "0")}`));
    const width = String(d.interactions.length).length;
    expect(d.interactions.length).toBeGreaterThan(9);
    expect(d.interactions.map((e) => e.id)).toEqual(d.interactions.map((_, k) => `ix-${String(k + 1).padStart(width, "0")}`));
    expect(generateLeads({ n: 9, seed: 2 }).leads.map((l) => l.id)).toEqual(Array.from({ length: 9 }, (_, i) => `lead-${i + 1}`));
  });

  it("returns a fresh copy of the features with each call", () => {
    const a = generateLeads({ n: 0 });
    (a.trueModel.features[0] as { field: string }).field = "changed";
    expect(generateLeads({ n: 0 }).trueModel.features[0]!.field).toBe("properties.seniority");
    expect(a.trueModel.intercept).toBe(-3);
  });
});

describe("generateLeads, in distribution", () => {
  it("creates leads uniformly over the days, with industries, channels and seniority in their documented shares", () => {
    const n = 10_000;
    const { leads } = generateLeads({ n, seed: 21, start: "2026-03-01T00:00:00Z", days: 20 });
    const days = leads.map((l) => (ms(l.createdAt) - Date.UTC(2026, 2, 1)) / DAY);
    expectMean(days, 10);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeLessThan(20);
    expect(Math.max(...days)).toBeGreaterThan(19.9);
    const shares = (get: (l: Lead) => unknown, values: unknown[], weights: number[]): void =>
      values.forEach((v, i) => expectShare(leads.filter((l) => get(l) === v).length, n, weights[i]!));
    shares((l) => l.properties!.industry, ["finance", "health", "manufacturing", "retail", "software"], [0.15, 0.15, 0.2, 0.25, 0.25]);
    shares((l) => l.channel, ["ads", "events", "organic", "referral"], [0.35, 0.15, 0.3, 0.2]);
    shares((l) => l.properties!.seniority, [1, 2, 3, 4, 5], [0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it("draws log-normal company sizes (median e^3.5, about 33) and Poisson(1 + seniority / 2) web visits", () => {
    const n = 10_000;
    const { leads } = generateLeads({ n, seed: 22 });
    const employees = leads.map((l) => prop(l, "employees"));
    expect(employees.every((e) => Number.isInteger(e) && e >= 1)).toBe(true);
    // round(exp(3.5 + 1.5 Z)) <= 33 exactly when exp(3.5 + 1.5 Z) < 33.5.
    expectShare(employees.filter((e) => e <= 33).length, n, normalCdf((Math.log(33.5) - 3.5) / 1.5));
    expectShare(employees.filter((e) => e === 1).length, n, normalCdf((Math.log(1.5) - 3.5) / 1.5));
    for (let s = 1; s <= 5; s++) expectMean(leads.filter((l) => prop(l, "seniority") === s).map((l) => prop(l, "webVisits")), 1 + 0.5 * s);
  });

  it("converts each group of leads at the rate the true model predicts for it", () => {
    const d = generateLeads({ n: 20_000, seed: 23 });
    const p = d.leads.map((l) => modelProbability(d.trueModel, l));
    const check = (pred: (l: Lead) => boolean): void => {
      let observed = 0;
      let expected = 0;
      let variance = 0;
      d.leads.forEach((l, i) => {
        if (!pred(l)) return;
        if (d.outcomes[i]) observed++;
        expected += p[i]!;
        variance += p[i]! * (1 - p[i]!);
      });
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(variance));
    };
    check(() => true);
    for (const industry of ["finance", "health", "manufacturing", "retail", "software"]) check((l) => l.properties!.industry === industry);
    for (const channel of ["ads", "events", "organic", "referral"]) check((l) => l.channel === channel);
    for (let s = 1; s <= 5; s++) check((l) => prop(l, "seniority") === s);
    check((l) => prop(l, "webVisits") >= 4);
    check((l) => prop(l, "webVisits") === 0);
    d.leads.forEach((l, i) => {
      if (l.status !== (d.outcomes[i] ? "customer" : "open")) throw new Error(`status of ${l.id}`);
    });
  });

  it("draws Poisson(2) email opens, clicks on 30 % of them, forms from 25 %, demos from 60 % of converted and 10 % of open leads", () => {
    const n = 10_000;
    const d = generateLeads({ n, seed: 24 });
    const count = new Map<string, number>();
    for (const e of d.interactions) count.set(`${e.customerId as string} ${e.type}`, (count.get(`${e.customerId as string} ${e.type}`) ?? 0) + 1);
    const of = (lead: Lead, type: string): number => count.get(`${lead.id} ${type}`) ?? 0;
    expectMean(d.leads.map((l) => of(l, "email_open")), 2);
    const opens = d.leads.reduce((s, l) => s + of(l, "email_open"), 0);
    expectShare(d.leads.reduce((s, l) => s + of(l, "email_click"), 0), opens, 0.3);
    expect(d.leads.every((l) => of(l, "email_click") <= of(l, "email_open") && of(l, "form_submit") <= 1 && of(l, "demo_request") <= 1)).toBe(true);
    expect(d.leads.every((l) => of(l, "page_view") === prop(l, "webVisits"))).toBe(true);
    expectShare(d.leads.filter((l) => of(l, "form_submit") === 1).length, n, 0.25);
    const converted = d.leads.filter((_, i) => d.outcomes[i]);
    const open = d.leads.filter((_, i) => !d.outcomes[i]);
    expectShare(converted.filter((l) => of(l, "demo_request") === 1).length, converted.length, 0.6);
    expectShare(open.filter((l) => of(l, "demo_request") === 1).length, open.length, 0.1);
    const channel: Record<string, string> = { page_view: "web", email_open: "email", email_click: "email", form_submit: "web", demo_request: "web" };
    expect(d.interactions.every((e) => e.channel === channel[e.type] && e.direction === "inbound")).toBe(true);
  });

  it("spreads interactions uniformly between a lead's creation and its conversion (or asOf), in time order", () => {
    const d = generateLeads({ n: 3000, seed: 25 });
    const asOf = ms(d.asOf);
    const span = new Map(d.leads.map((l) => [l.id, [ms(l.createdAt), l.convertedAt === undefined ? asOf : ms(l.convertedAt) + 1] as const]));
    const position = d.interactions.map((e) => {
      const [c, end] = span.get(e.customerId as string)!;
      return (ms(e.occurredAt) - c) / (end - c);
    });
    expect(Math.min(...position)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...position)).toBeLessThan(1);
    expectMean(position, 0.5);
    // no interaction of a converted lead after its conversion
    const converted = new Map(d.leads.filter((l) => l.convertedAt !== undefined).map((l) => [l.id, ms(l.convertedAt)]));
    expect(converted.size).toBeGreaterThan(300);
    expect(d.interactions.filter((e) => converted.has(e.customerId as string)).every((e) => ms(e.occurredAt) <= converted.get(e.customerId as string)!)).toBe(true);
    const times = d.interactions.map((e) => ms(e.occurredAt));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });

  it("converts leads an exponential 20 days (on average) after creation, never after asOf", () => {
    const d = generateLeads({ n: 20_000, seed: 26, days: 60 });
    const asOf = ms(d.asOf);
    // E[min(X, c)] = 20 (1 - exp(-c / 20)) days for X ~ Exp(mean 20) cut at c = asOf - created.
    const differences: number[] = [];
    let capped = 0;
    let expectedCapped = 0;
    let outside = 0;
    d.leads.forEach((l) => {
      if (l.convertedAt === undefined) return;
      const c = (asOf - ms(l.createdAt)) / DAY;
      const lag = (ms(l.convertedAt) - ms(l.createdAt)) / DAY;
      if (!(lag > 0 && lag <= c)) outside++;
      differences.push(lag - 20 * (1 - Math.exp(-c / 20)));
      if (lag === c) capped++;
      expectedCapped += Math.exp(-c / 20);
    });
    expect(outside).toBe(0);
    expectMean(differences, 0);
    expect(Math.abs(capped - expectedCapped)).toBeLessThan(4 * Math.sqrt(expectedCapped));
    expect(capped).toBeGreaterThan(0);
  });

  it("rejects each bad option with its path and rule", () => {
    const cases: [GenerateLeadsOptions, string, string][] = [
      [{ n: -1 }, "n", "must be an integer >= 0, got -1"],
      [{ n: 1.5 }, "n", "must be an integer >= 0, got 1.5"],
      [{ n: 10_000_001 }, "n", "must be at most 10000000, got 10000001"],
      [{ seed: 1.5 }, "seed", "must be an integer, got 1.5"],
      [{ days: 0.5 }, "days", "must be a finite number >= 1, got 0.5"],
      [{ start: "soon" }, "start", 'must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "soon"'],
    ];
    expectOptionErrors("generateLeads", (o) => generateLeads({ n: 1, ...o }), cases);
    expect(messageOf(() => generateLeads("x" as never))).toBe('generateLeads: options must be an object, got "x"');
  });
});

describe("generateLeads, for any seed and span", () => {
  it("keeps every interaction between its lead's creation and asOf, with one page view per web visit (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 365 }), (seed, days) => {
        const d = generateLeads({ n: 30, seed, days, start: "2026-01-01T00:00:00Z" });
        const created = new Map(d.leads.map((l) => [String(l.id), ms(l.createdAt)]));
        expect(ms(d.asOf)).toBe(Date.UTC(2026, 0, 1) + (days + 30) * DAY);
        const visits = new Map<string, number>();
        for (const e of d.interactions) {
          const c = created.get(e.customerId as string)!;
          expect(ms(e.occurredAt) >= c && ms(e.occurredAt) < ms(d.asOf)).toBe(true);
          expect(["page_view", "email_open", "email_click", "form_submit", "demo_request"]).toContain(e.type);
          if (e.type === "page_view") visits.set(e.customerId as string, (visits.get(e.customerId as string) ?? 0) + 1);
        }
        for (const l of d.leads) expect(visits.get(String(l.id)) ?? 0).toBe(prop(l, "webVisits"));
      }),
      { seed: 42, numRuns: 25 },
    );
  });
});
