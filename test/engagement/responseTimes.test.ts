import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "../../src/engagement/businessHours.js";
import { responseTimes } from "../../src/engagement/responseTimes.js";
import type { SupportTicket } from "../../src/models/ticket.js";
import fixture from "../fixtures/engagement_business_hours.json" with { type: "json" };
import { deepFreeze, errorOf, isJsonSafe, messageOf } from "./helpers.js";

const H = 3_600_000;
const NY = { timeZone: "America/New_York" };

describe("responseTimes", () => {
  const tickets: SupportTicket[] = [
    { id: 1, channel: "email", priority: "high", openedAt: "2024-03-04T09:00:00Z", firstResponseAt: "2024-03-04T10:00:00Z", resolvedAt: "2024-03-04T15:00:00Z" },
    { id: 2, channel: "chat", priority: "low", openedAt: "2024-03-04T12:00:00Z", firstResponseAt: "2024-03-04T15:00:00Z" },
    { id: 3, openedAt: "2024-03-04T16:00:00Z" },
  ];

  it("summarises first response and resolution times in hours, counting unanswered tickets", () => {
    const r = responseTimes(tickets, { firstResponseTarget: { hours: 2 }, resolutionTarget: { hours: 4 } });
    expect(r.tickets).toBe(3);
    expect(r.unit).toBe("hour");
    expect(r.businessHours).toBe(false);
    expect(r.firstResponse).toEqual({
      n: 2,
      missing: 1,
      mean: 2,
      median: 2,
      p90: expect.closeTo(2.8, 12),
      min: 1,
      max: 3,
      target: 2,
      withinTarget: 1,
      withinTargetShare: 0.5,
    });
    expect(r.resolution).toMatchObject({ n: 1, missing: 2, mean: 6, median: 6, p90: 6, withinTarget: 0, withinTargetShare: 0 });
    expect(r.groups).toEqual([]);
  });

  it("uses the type 7 percentile (as numpy and pandas) for p90", () => {
    const ts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((h, i) => ({ id: i, openedAt: 0, firstResponseAt: h * H }));
    const r = responseTimes(ts);
    expect(r.firstResponse.p90!).toBeCloseTo(9.1, 12); // numpy.percentile(range(1, 11), 90)
    expect(r.firstResponse.median!).toBeCloseTo(5.5, 12);
    expect(r.firstResponse.mean!).toBeCloseTo(5.5, 12);
  });

  it("counts a response exactly at the target as within it", () => {
    const r = responseTimes([{ id: "a", openedAt: 0, firstResponseAt: 2 * H }], { firstResponseTarget: { minutes: 120 } });
    expect(r.firstResponse.withinTarget).toBe(1);
  });

  it("reports in minutes or days", () => {
    expect(responseTimes(tickets, { unit: "minute" }).firstResponse.mean).toBe(120);
    expect(responseTimes(tickets, { unit: "day" }).resolution.mean).toBeCloseTo(0.25, 12);
    expect(responseTimes(tickets, { unit: "day", firstResponseTarget: { days: 1, hours: 12 } }).firstResponse.target).toBeCloseTo(1.5, 12);
  });

  it("groups by channel and priority, tickets without one last", () => {
    const byChannel = responseTimes(tickets, { groupBy: "channel" });
    expect(byChannel.groups.map((g) => [g.key, g.tickets, g.firstResponse.n, g.firstResponse.mean])).toEqual([
      ["chat", 1, 1, 3],
      ["email", 1, 1, 1],
      [null, 1, 0, null],
    ]);
    const byPriority = responseTimes(tickets, { groupBy: "priority" });
    expect(byPriority.groups.map((g) => g.key)).toEqual(["high", "low", null]);
    const total = byPriority.groups.reduce((a, g) => a + g.tickets, 0);
    expect(total).toBe(3);
  });

  it("gives null statistics without tickets or without responses", () => {
    const empty = responseTimes([], { firstResponseTarget: { hours: 1 } });
    expect(empty.tickets).toBe(0);
    expect(empty.firstResponse).toEqual({
      n: 0,
      missing: 0,
      mean: null,
      median: null,
      p90: null,
      min: null,
      max: null,
      target: 1,
      withinTarget: 0,
      withinTargetShare: null,
    });
    const open = responseTimes([{ id: 1, openedAt: "2024-01-01" }]);
    expect(open.firstResponse).toMatchObject({ n: 0, missing: 1, mean: null, withinTarget: null, withinTargetShare: null });
    expect(isJsonSafe(open)).toBe(true);
  });

  it("handles a single ticket answered at the moment it was opened", () => {
    const r = responseTimes([{ id: 1, openedAt: "2024-01-01T10:00:00Z", firstResponseAt: "2024-01-01T10:00:00Z" }]);
    expect(r.firstResponse).toMatchObject({ n: 1, mean: 0, median: 0, p90: 0, min: 0, max: 0 });
  });

  describe("business hours", () => {
    it("skips the weekend and the spring-forward night in America/New_York", () => {
      // Friday 16:00 EST -> Monday 10:00 EDT (DST began Sunday 2024-03-10): 1 h + 1 h
      const t = { id: 1, openedAt: "2024-03-08T16:00:00-05:00", firstResponseAt: "2024-03-11T10:00:00-04:00" };
      expect(responseTimes([t], { businessHours: NY }).firstResponse.mean).toBeCloseTo(2, 12);
      expect(responseTimes([t]).firstResponse.mean).toBeCloseTo(65, 12); // calendar time lost an hour
    });

    it("keeps 09:00-17:00 local across the fall-back change in America/New_York", () => {
      // Friday 2024-11-01 16:00 EDT -> Monday 2024-11-04 10:00 EST
      const t = { id: 1, openedAt: "2024-11-01T16:00:00-04:00", firstResponseAt: "2024-11-04T10:00:00-05:00" };
      expect(responseTimes([t], { businessHours: NY }).firstResponse.mean).toBeCloseTo(2, 12);
      expect(responseTimes([t]).firstResponse.mean).toBeCloseTo(67, 12);
    });

    it("counts 23-hour and 25-hour working days in Europe/Berlin around the DST changes", () => {
      const allDay = { timeZone: "Europe/Berlin", days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" };
      const spring = { id: "s", openedAt: "2024-03-31T00:00", resolvedAt: "2024-04-01T00:00" };
      const fall = { id: "f", openedAt: "2024-10-27T00:00", resolvedAt: "2024-10-28T00:00" };
      const r = responseTimes([spring, fall], { businessHours: allDay, groupBy: "channel" });
      expect(r.resolution.min).toBeCloseTo(23, 12);
      expect(r.resolution.max).toBeCloseTo(25, 12);
      // working hours 01:00-18:00 on the Sunday of the spring change
      const sunday = { timeZone: "Europe/Berlin", days: [0], start: "01:00", end: "18:00" };
      const t = { id: 1, openedAt: "2024-03-31T00:00", resolvedAt: "2024-03-31T23:00" };
      // 01:00 -> 02:00 exists (CET), 02:00-03:00 is skipped, so 01:00-18:00 is 16 hours
      expect(responseTimes([t], { businessHours: sunday }).resolution.mean).toBeCloseTo(16, 12);
    });

    it("skips a weekend and holidays (Christmas in New York)", () => {
      const cal = { ...NY, holidays: ["2024-12-24", "2024-12-25"] };
      // Fri 20 Dec 15:00 -> Thu 26 Dec 11:00: Fri 2 h + Mon 23 8 h + Thu 2 h
      const t = { id: 1, openedAt: "2024-12-20T15:00:00-05:00", firstResponseAt: "2024-12-26T11:00:00-05:00" };
      expect(responseTimes([t], { businessHours: cal }).firstResponse.mean).toBeCloseTo(12, 12);
      expect(responseTimes([t], { businessHours: NY }).firstResponse.mean).toBeCloseTo(28, 12);
    });

    it("gives zero for a ticket opened and answered outside working hours", () => {
      const t = { id: 1, openedAt: "2024-03-09T10:00:00-05:00", firstResponseAt: "2024-03-09T12:00:00-05:00" };
      expect(responseTimes([t], { businessHours: NY }).firstResponse.mean).toBe(0);
    });

    it("reads ISO strings without offset in the calendar's zone, or in options.timeZone", () => {
      const t = { id: 1, openedAt: "2024-03-08T16:00", firstResponseAt: "2024-03-11T10:00" };
      expect(responseTimes([t], { businessHours: NY }).firstResponse.mean).toBeCloseTo(2, 12);
      // read in UTC: Fri 11:00 EST -> Mon 06:00 EDT: 6 working hours on Friday
      expect(responseTimes([t], { businessHours: NY, timeZone: "UTC" }).firstResponse.mean).toBeCloseTo(6, 12);
    });

    it("applies targets in working time", () => {
      const t = { id: 1, openedAt: "2024-03-08T16:00:00-05:00", firstResponseAt: "2024-03-11T10:00:00-04:00" };
      const r = responseTimes([t], { businessHours: NY, firstResponseTarget: { hours: 2 } });
      expect(r.firstResponse.withinTarget).toBe(1);
      expect(r.businessHours).toBe(true);
    });

    it.each(fixture.calendars.map((c) => [c.calendar.timeZone, c] as const))(
      "matches pandas' working time for 150 tickets in %s (scripts/engagement_business_hours_fixture.py)",
      (_zone, c) => {
        const r = responseTimes(c.tickets, { businessHours: c.calendar, unit: "minute", groupBy: "channel" });
        expect(r.firstResponse.n).toBe(150);
        const cal = createBusinessCalendar("test", "businessHours", c.calendar);
        for (const t of c.tickets) expect(cal.between(Date.parse(t.openedAt), Date.parse(t.firstResponseAt))).toBe(t.workingMs);
        const mean = c.tickets.reduce((a, t) => a + t.workingMs, 0) / 150 / 60_000;
        expect(r.firstResponse.mean!).toBeCloseTo(mean, 9);
      },
    );

    it("property: working time is additive over a split point and never exceeds calendar time", () => {
      const cal = createBusinessCalendar("test", "businessHours", { timeZone: "Europe/Berlin", holidays: ["2024-12-25"] });
      const start = Date.UTC(2024, 0, 1);
      const span = 366 * 24 * H;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), (a, b, c) => {
          const [x, y, z] = [a, b, c].sort((p, q) => p - q).map((v) => start + v) as [number, number, number];
          const whole = cal.between(x, z);
          expect(whole).toBe(cal.between(x, y) + cal.between(y, z));
          expect(whole).toBeLessThanOrEqual(z - x);
          expect(whole).toBeGreaterThanOrEqual(0);
        }),
        { seed: 42, numRuns: 200 },
      );
    });

    it("counts 40 hours in a full working week of 2024 in Berlin (a week with a holiday has 32)", () => {
      const cal = createBusinessCalendar("test", "businessHours", { timeZone: "Europe/Berlin", holidays: ["2024-12-25"] });
      expect(cal.between(Date.UTC(2024, 2, 24), Date.UTC(2024, 2, 31, 12))).toBe(40 * H); // the week of the DST change
      expect(cal.between(Date.UTC(2024, 11, 22), Date.UTC(2024, 11, 29))).toBe(32 * H);
      expect(cal.between(10, 5)).toBe(0);
    });
  });

  it("property: the result does not depend on the order of the tickets", () => {
    const ticket = fc.record({
      open: fc.integer({ min: 0, max: 30 * 24 }),
      response: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
      resolution: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      channel: fc.constantFrom("email", "chat", undefined),
    });
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 30 }), fc.integer(), (rows, seed) => {
        const ts = rows.map((r, i) => ({
          id: `t${i}`,
          channel: r.channel,
          openedAt: Date.UTC(2024, 2, 1) + r.open * H,
          firstResponseAt: r.response === undefined ? undefined : Date.UTC(2024, 2, 1) + (r.open + r.response) * H,
          resolvedAt: r.resolution === undefined ? undefined : Date.UTC(2024, 2, 1) + (r.open + r.resolution) * H,
        }));
        const shuffled = ts.map((t, i) => ({ t, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k).map((x) => x.t);
        const opts = { businessHours: NY, groupBy: "channel" as const, firstResponseTarget: { hours: 4 } };
        const a = responseTimes(ts, opts);
        const b = responseTimes(shuffled, opts);
        expect(b).toEqual(a);
        const fr = a.firstResponse;
        if (fr.n > 0) {
          expect(fr.min!).toBeLessThanOrEqual(fr.median!);
          expect(fr.median!).toBeLessThanOrEqual(fr.p90!);
          expect(fr.p90!).toBeLessThanOrEqual(fr.max!);
          expect(fr.withinTargetShare!).toBeGreaterThanOrEqual(0);
          expect(fr.withinTargetShare!).toBeLessThanOrEqual(1);
        }
        expect(fr.n + fr.missing).toBe(ts.length);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it("accepts ids such as __proto__ and constructor, and iterables", () => {
    const ts = [
      { id: "__proto__", openedAt: 0, firstResponseAt: H },
      { id: "constructor", openedAt: 0, firstResponseAt: 3 * H },
    ];
    expect(responseTimes(new Set(ts)).firstResponse.mean).toBe(2);
    const g = responseTimes([{ id: 1, channel: "__proto__", openedAt: 0, firstResponseAt: H }], { groupBy: "channel" });
    expect(g.groups[0]!.key).toBe("__proto__");
  });

  it("does not mutate its input", () => {
    const input = deepFreeze(tickets.map((t) => ({ ...t })));
    expect(() => responseTimes(input, { businessHours: NY, groupBy: "channel" })).not.toThrow();
  });

  it("rejects a response or resolution before the ticket was opened", () => {
    const bad = [tickets[0]!, { id: 9, openedAt: "2024-03-04T12:00:00Z", firstResponseAt: "2024-03-04T11:59:00Z" }];
    expect(errorOf(() => responseTimes(bad))).toBe("INVALID_INPUT tickets[1].firstResponseAt");
    expect(messageOf(() => responseTimes(bad))).toBe(
      'responseTimes: tickets[1].firstResponseAt must not be before openedAt, got "2024-03-04T11:59:00Z"',
    );
    expect(errorOf(() => responseTimes([{ id: 1, openedAt: 1000, resolvedAt: 999 }]))).toBe("INVALID_INPUT tickets[0].resolvedAt");
  });

  it("rejects duplicate ids and invalid records", () => {
    expect(errorOf(() => responseTimes([{ id: 1, openedAt: 0 }, { id: "1", openedAt: 0 }]))).toBe("INVALID_INPUT tickets[1].id");
    expect(errorOf(() => responseTimes([{ openedAt: 0 } as never]))).toBe("INVALID_INPUT tickets[0].id");
    expect(errorOf(() => responseTimes([{ id: 1, openedAt: "2024-02-30" }]))).toBe("INVALID_INPUT tickets[0].openedAt");
    expect(errorOf(() => responseTimes([{ id: 1, openedAt: Number.NaN }]))).toBe("INVALID_INPUT tickets[0].openedAt");
    expect(errorOf(() => responseTimes([{ id: 1, openedAt: 0, firstResponseAt: Number.POSITIVE_INFINITY }]))).toBe(
      "INVALID_INPUT tickets[0].firstResponseAt",
    );
    expect(errorOf(() => responseTimes([{ id: 1, openedAt: 0, channel: 5 } as never], { groupBy: "channel" }))).toBe(
      "INVALID_INPUT tickets[0].channel",
    );
    expect(errorOf(() => responseTimes([null as never]))).toBe("INVALID_INPUT tickets[0]");
    expect(errorOf(() => responseTimes("tickets" as never))).toBe("INVALID_INPUT tickets");
  });

  it("puts tickets without a channel last when they come first", () => {
    const ts = [
      { id: 1, openedAt: 0, firstResponseAt: 2 * H },
      { id: 2, channel: "email", openedAt: 0, firstResponseAt: H },
      { id: 3, channel: "chat", openedAt: 0 },
    ];
    const r = responseTimes(ts, { groupBy: "channel" });
    expect(r.groups.map((g) => [g.key, g.tickets, g.firstResponse.mean])).toEqual([
      ["chat", 1, null],
      ["email", 1, 1],
      [null, 1, 2],
    ]);
  });

  it("names a bad record, a duplicate id and a calendar-dependent SLA target with the rule and the value", () => {
    expect(messageOf(() => responseTimes([5 as never]))).toBe("responseTimes: tickets[0] must be a SupportTicket record, got 5");
    expect(messageOf(() => responseTimes([{ id: "x", openedAt: 0 }, { id: "x", openedAt: 0 }]))).toBe(
      'responseTimes: tickets[1].id must be unique (a ticket appears twice), got "x"',
    );
    expect(messageOf(() => responseTimes([], { firstResponseTarget: { months: 1 } }))).toBe(
      "responseTimes: options.firstResponseTarget.months is not allowed in an SLA target (use weeks, days, hours, minutes or seconds), got 1",
    );
    expect(messageOf(() => responseTimes([{ id: 1, openedAt: 0, priority: 2 } as never], { groupBy: "priority" }))).toBe(
      "responseTimes: tickets[0].priority must be a string, got 2",
    );
  });

  it("names a bad id, opening date or unit with the value it got, and accepts unit \"hour\" given explicitly", () => {
    expect(messageOf(() => responseTimes([{ id: "", openedAt: 0 }]))).toBe('responseTimes: tickets[0].id must be a non-empty string or a finite number, got ""');
    expect(messageOf(() => responseTimes([{ id: 1, openedAt: "2024-02-30" }]))).toBe(
      'responseTimes: tickets[0].openedAt must be a valid date (Date, ISO-8601 string or epoch milliseconds), got "2024-02-30"',
    );
    expect(messageOf(() => responseTimes([], { unit: "week" as never }))).toBe('responseTimes: options.unit must be one of "minute", "hour", "day", got "week"');
    expect(responseTimes(tickets, { unit: "hour" }).firstResponse.mean).toBe(2);
  });

  it("reads a null firstResponseAt or resolvedAt as missing", () => {
    const r = responseTimes([{ id: 1, openedAt: 0, firstResponseAt: null, resolvedAt: null } as never, { id: 2, openedAt: 0, firstResponseAt: H }]);
    expect([r.firstResponse.n, r.firstResponse.missing, r.resolution.n, r.resolution.missing]).toEqual([1, 1, 0, 2]);
  });

  it("reports no target and no share within it without a target, also for answered tickets", () => {
    const fr = responseTimes(tickets).firstResponse;
    expect([fr.n, fr.target, fr.withinTarget, fr.withinTargetShare]).toEqual([2, null, null, null]);
  });

  it("adds up an SLA target given in several units (1 week 1 day 1 hour 1 minute 30 seconds)", () => {
    const r = responseTimes([], { unit: "minute", resolutionTarget: { weeks: 1, days: 1, hours: 1, minutes: 1, seconds: 30 } });
    expect(r.resolution.target!).toBeCloseTo(8 * 1440 + 60 + 1.5, 9);
  });

  it("rejects invalid options", () => {
    expect(errorOf(() => responseTimes([], { unit: "week" as never }))).toBe("INVALID_OPTION options.unit");
    expect(errorOf(() => responseTimes([], { groupBy: "customer" as never }))).toBe("INVALID_OPTION options.groupBy");
    expect(errorOf(() => responseTimes([], { timeZone: "Mars/Olympus" }))).toBe("INVALID_OPTION options.timeZone");
    expect(errorOf(() => responseTimes([], { firstResponseTarget: { months: 1 } }))).toBe("INVALID_OPTION options.firstResponseTarget.months");
    expect(errorOf(() => responseTimes([], { resolutionTarget: { hours: -1 } }))).toBe("INVALID_OPTION options.resolutionTarget.hours");
    expect(errorOf(() => responseTimes([], { businessHours: "9-5" as never }))).toBe("INVALID_OPTION options.businessHours");
    expect(errorOf(() => responseTimes([], { businessHours: { timeZone: "Nowhere" } }))).toBe("INVALID_OPTION options.businessHours.timeZone");
    expect(errorOf(() => responseTimes([], { businessHours: { days: [1, 7] } }))).toBe("INVALID_OPTION options.businessHours.days[1]");
    expect(errorOf(() => responseTimes([], { businessHours: { days: 1 as never } }))).toBe("INVALID_OPTION options.businessHours.days");
    expect(errorOf(() => responseTimes([], { businessHours: { days: [] } }))).toBe("INVALID_OPTION options.businessHours.days");
    expect(errorOf(() => responseTimes([], { businessHours: { start: "9:00" } }))).toBe("INVALID_OPTION options.businessHours.start");
    expect(errorOf(() => responseTimes([], { businessHours: { end: "24:30" } }))).toBe("INVALID_OPTION options.businessHours.end");
    expect(errorOf(() => responseTimes([], { businessHours: { start: "17:00", end: "09:00" } }))).toBe("INVALID_OPTION options.businessHours.end");
    expect(errorOf(() => responseTimes([], { businessHours: { holidays: ["2024-02-30"] } }))).toBe(
      "INVALID_OPTION options.businessHours.holidays[0]",
    );
    expect(errorOf(() => responseTimes([], { businessHours: { holidays: "2024-12-25" as never } }))).toBe(
      "INVALID_OPTION options.businessHours.holidays",
    );
    expect(errorOf(() => responseTimes([], 3 as never))).toBe("INVALID_OPTION options");
  });

  it("measures 10,000 tickets in business hours", () => {
    const ts = Array.from({ length: 10_000 }, (_, i) => ({
      id: i,
      openedAt: Date.UTC(2024, 0, 1) + i * 3_700_000,
      firstResponseAt: Date.UTC(2024, 0, 1) + i * 3_700_000 + (i % 50) * H,
      resolvedAt: Date.UTC(2024, 0, 1) + i * 3_700_000 + (i % 200) * H,
    }));
    const r = responseTimes(ts, { businessHours: { timeZone: "Europe/Berlin" } });
    expect(r.firstResponse.n).toBe(10_000);
  });
});
