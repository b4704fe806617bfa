import { describe, expect, it } from "vitest";
import { CrmMetricsError, csat, nps, satisfactionTrend, type SurveyResponse } from "../../src/index.js";
import { errorInfo, expectCrmError, messageOf } from "../support/errors.js";

describe("satisfactionTrend", () => {
  const responses: SurveyResponse[] = [
    { kind: "nps", score: 10, respondedAt: "2024-01-15" },
    { kind: "nps", score: 3, respondedAt: "2024-01-20T10:00:00Z" },
    { kind: "nps", score: 9, respondedAt: new Date("2024-03-02T00:00:00Z") },
    { kind: "nps", score: 8, respondedAt: Date.UTC(2024, 2, 31, 23, 30) },
  ];

  it("computes the metric per month with empty months filled", () => {
    const t = satisfactionTrend(responses, { metric: "nps" });
    expect(t.points.map((p) => p.label)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(t.points[0]!.result.score).toBe(0);
    expect(t.points[1]!.result.n).toBe(0);
    expect(t.points[1]!.result.score).toBeNull();
    expect(t.points[2]!.result.score).toBeCloseTo(nps([9, 8]).score!, 12);
    expect(t.points[0]!.periodStart).toBe("2024-01-01T00:00:00.000Z");
    expect(t.points[0]!.periodEnd).toBe("2024-02-01T00:00:00.000Z");
  });

  it("leaves gaps out when asked", () => {
    const t = satisfactionTrend(responses, { metric: "nps", fillGaps: false });
    expect(t.points.map((p) => p.label)).toEqual(["2024-01", "2024-03"]);
  });

  it("buckets in the given time zone", () => {
    // 2024-03-31 23:30 UTC is already April 1st in Berlin (UTC+2 after the DST change)
    const t = satisfactionTrend(responses, { metric: "nps", timeZone: "Europe/Berlin", fillGaps: false });
    expect(t.points.map((p) => p.label)).toEqual(["2024-01", "2024-03", "2024-04"]);
    expect(t.points[2]!.periodStart).toBe("2024-03-31T22:00:00.000Z");
    expect(t.points[1]!.periodStart).toBe("2024-02-29T23:00:00.000Z");
  });

  it("reads dates without an offset as local dates in the time zone", () => {
    const t = satisfactionTrend([{ kind: "csat", score: 5, respondedAt: "2024-07-01" }], {
      metric: "csat",
      period: "day",
      timeZone: "America/New_York",
    });
    expect(t.points[0]!.label).toBe("2024-07-01");
    expect(t.points[0]!.periodStart).toBe("2024-07-01T04:00:00.000Z");
  });

  it("groups by ISO week, starting on Monday by default", () => {
    const t = satisfactionTrend(
      [
        { kind: "csat", score: 5, respondedAt: "2024-01-07" }, // Sunday
        { kind: "csat", score: 1, respondedAt: "2024-01-08" }, // Monday
      ],
      { metric: "csat", period: "week" },
    );
    expect(t.points.map((p) => [p.label, p.result.n])).toEqual([
      ["2024-01-01", 1],
      ["2024-01-08", 1],
    ]);
    const sundays = satisfactionTrend(
      [
        { kind: "csat", score: 5, respondedAt: "2024-01-07" },
        { kind: "csat", score: 1, respondedAt: "2024-01-08" },
      ],
      { metric: "csat", period: "week", weekStartsOn: 0 },
    );
    expect(sundays.points.map((p) => p.label)).toEqual(["2024-01-07"]);
  });

  it("passes metric options through and equals the metric on each period", () => {
    const cs: SurveyResponse[] = [
      { kind: "csat", score: 4, respondedAt: "2024-01-01" },
      { kind: "csat", score: 3, respondedAt: "2024-01-02" },
    ];
    const t = satisfactionTrend(cs, { metric: "csat", metricOptions: { satisfiedMin: 3 } });
    expect(t.points[0]!.result.satisfiedShare).toBe(csat([4, 3], { satisfiedMin: 3 }).satisfiedShare);
    const e = satisfactionTrend([{ kind: "ces", score: 6, respondedAt: "2024-01-01" }], { metric: "ces", period: "year" });
    expect(e.points[0]!.label).toBe("2024");
    expect(e.points[0]!.result.meanScore).toBe(6);
    const q = satisfactionTrend([{ kind: "ces", score: 6, respondedAt: "2024-05-01" }], { metric: "ces", period: "quarter" });
    expect(q.points[0]!.label).toBe("2024-Q2");
  });

  it("returns no points for no responses", () => {
    expect(satisfactionTrend([], { metric: "nps" }).points).toEqual([]);
  });

  it("rejects responses without a date, bad scores and bad options", () => {
    const info = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return `${(e as CrmMetricsError).code} ${(e as CrmMetricsError).path}`;
      }
      return "none";
    };
    expect(info(() => satisfactionTrend([{ kind: "nps", score: 9 }], { metric: "nps" }))).toBe("INVALID_INPUT responses[0].respondedAt");
    expect(info(() => satisfactionTrend([{ kind: "nps", score: 9, respondedAt: "2024-02-30" }], { metric: "nps" }))).toBe(
      "INVALID_INPUT responses[0].respondedAt",
    );
    expect(info(() => satisfactionTrend([{ kind: "nps", score: 19, respondedAt: "2024-02-03" }], { metric: "nps" }))).toBe(
      "INVALID_INPUT responses[0].score",
    );
    expect(messageOf(() => satisfactionTrend([{ kind: "nps", score: 9, respondedAt: "2024-02-03" }, { kind: "nps", score: 11, respondedAt: "2024-03-03" }], { metric: "nps" }))).toBe(
      "satisfactionTrend: responses[1].score must be an integer from 0 to 10, got 11",
    );
    expect(info(() => satisfactionTrend([{ kind: "csat", score: 4, respondedAt: "2024-02-03" }], { metric: "csat", metricOptions: { scale: 6 as never } }))).toBe(
      "INVALID_OPTION options.metricOptions.scale",
    );
    expect(info(() => satisfactionTrend([], { metric: "nps", timeZone: "Mars/Olympus" }))).toBe("INVALID_OPTION options.timeZone");
    expect(info(() => satisfactionTrend([], { metric: "xyz" as never }))).toBe("INVALID_OPTION options.metric");
    expect(info(() => satisfactionTrend([], { metric: "nps", period: "hour" as never }))).toBe("INVALID_OPTION options.period");
    expect(info(() => satisfactionTrend([null as never], { metric: "nps" }))).toBe("INVALID_INPUT responses[0]");
  });

  it("does not mutate its input", () => {
    const frozen = Object.freeze(responses.map((r) => Object.freeze({ ...r })));
    satisfactionTrend(frozen, { metric: "nps" });
    expect(frozen[0]!.score).toBe(10);
  });
});

describe("satisfactionTrend: error paths and messages", () => {
  it("names the function, the option and the record", () => {
    expect(errorInfo(() => satisfactionTrend([], { metric: "nps", fillGaps: "yes" as never }))).toBe("INVALID_OPTION options.fillGaps");
    expect(errorInfo(() => satisfactionTrend(5 as never, { metric: "nps" }))).toBe("INVALID_INPUT responses");
    expect(messageOf(() => satisfactionTrend([9 as never], { metric: "nps" }))).toBe(
      "satisfactionTrend: responses[0] must be a SurveyResponse record, got 9",
    );
  });
});

describe("satisfactionTrend: the 100,000-period limit", () => {
  const far = (last: string): SurveyResponse[] => [
    { kind: "nps", score: 10, respondedAt: "2000-01-01T00:00:00Z" },
    { kind: "nps", score: 0, respondedAt: last },
  ];

  it("builds a daily series of exactly 100,000 periods", () => {
    const points = satisfactionTrend(far("2273-10-15T00:00:00Z"), { metric: "nps", period: "day" }).points;
    expect([points.length, points[0]!.result.score, points[1]!.result.score, points[99_999]!.label, points[99_999]!.result.score]).toEqual([
      100_000, 100, null, "2273-10-15", -100,
    ]);
  });

  it("throws INVALID_INPUT at the response that makes 100,001 periods, before building them", () => {
    expect(expectCrmError(() => satisfactionTrend(far("2273-10-16T00:00:00Z"), { metric: "nps", period: "day" }), "INVALID_INPUT", "responses[1].respondedAt").message).toBe(
      "satisfactionTrend: responses[1].respondedAt must keep the series within 100,000 day periods (use a longer period, or fillGaps: false), got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
    );
  });

  it("builds a monthly series to 9999 (95,712 periods), under the limit", () => {
    const points = satisfactionTrend([{ kind: "nps", score: 9, respondedAt: "2024-01-15" }, { kind: "nps", score: 9, respondedAt: "9999-12-31" }], { metric: "nps" }).points;
    expect([points.length, points[95_711]!.label]).toEqual([95_712, "9999-12"]);
  });
});
