import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "../../src/engagement/businessHours.js";
import { errorInfo, messageOf } from "../support/errors.js";

const fn = "responseTimes";
const check = (value: unknown): string => messageOf(() => createBusinessCalendar(fn, "businessHours", value));

describe("createBusinessCalendar (the businessHours option)", () => {
  it("names each bad field with its rule and the value it got", () => {
    const cases: readonly [unknown, string][] = [
      [null, 'options.businessHours must be an object such as { timeZone, days, start, end, holidays }, got null'],
      [{ timeZone: "" }, 'options.businessHours.timeZone must be an IANA time zone name such as "Europe/Berlin", got ""'],
      [{ timeZone: 5 }, 'options.businessHours.timeZone must be an IANA time zone name such as "Europe/Berlin", got 5'],
      [{ timeZone: ["UTC"] }, 'options.businessHours.timeZone must be an IANA time zone name such as "Europe/Berlin", got an array'],
      [{ start: ["09:00"] }, 'options.businessHours.start must be a local time "HH:MM" from "00:00" to "24:00", got an array'],
      [{ timeZone: "Mars/Olympus" }, 'options.businessHours.timeZone must be an IANA time zone name such as "Europe/Berlin", got "Mars/Olympus"'],
      [{ days: "weekdays" }, 'options.businessHours.days must be an array of weekdays 0 (Sunday) to 6 (Saturday), got "weekdays"'],
      [{ days: [1, "2"] }, 'options.businessHours.days[1] must be an integer from 0 (Sunday) to 6 (Saturday), got "2"'],
      [{ days: [1.5] }, "options.businessHours.days[0] must be an integer from 0 (Sunday) to 6 (Saturday), got 1.5"],
      [{ days: [-1] }, "options.businessHours.days[0] must be an integer from 0 (Sunday) to 6 (Saturday), got -1"],
      [{ days: [7] }, "options.businessHours.days[0] must be an integer from 0 (Sunday) to 6 (Saturday), got 7"],
      [{ days: [] }, "options.businessHours.days must list at least one working day, got an array"],
      [{ start: "9:00" }, 'options.businessHours.start must be a local time "HH:MM" from "00:00" to "24:00", got "9:00"'],
      [{ start: 9 }, 'options.businessHours.start must be a local time "HH:MM" from "00:00" to "24:00", got 9'],
      [{ start: "09:60" }, 'options.businessHours.start must be a local time "HH:MM" from "00:00" to "24:00", got "09:60"'],
      [{ end: "24:01" }, 'options.businessHours.end must be a local time "HH:MM" from "00:00" to "24:00", got "24:01"'],
      [{ start: "10:00", end: "10:00" }, 'options.businessHours.end must be after start (10:00), got "10:00"'],
      [{ end: "08:00" }, 'options.businessHours.end must be after start (09:00), got "08:00"'],
      [{ holidays: "2024-12-25" }, 'options.businessHours.holidays must be an array of "YYYY-MM-DD" dates, got "2024-12-25"'],
      [{ holidays: ["2024-12-25", 20241226] }, 'options.businessHours.holidays[1] must be a date "YYYY-MM-DD", got 20241226'],
      [{ holidays: ["2024-02-30"] }, 'options.businessHours.holidays[0] must be a date "YYYY-MM-DD", got "2024-02-30"'],
      [{ holidays: ["24-12-25"] }, 'options.businessHours.holidays[0] must be a date "YYYY-MM-DD", got "24-12-25"'],
    ];
    for (const [value, message] of cases) expect(check(value)).toBe(`${fn}: ${message}`);
    expect(errorInfo(() => createBusinessCalendar(fn, "businessHours", { days: [9] }))).toBe("INVALID_OPTION options.businessHours.days[0]");
  });

  it("accepts the boundary values: 00:00 to 24:00, minute 59, Sunday 0 and Saturday 6", () => {
    const DAY = 86_400_000;
    const all = createBusinessCalendar(fn, "businessHours", { days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" });
    expect(all.between(Date.UTC(2024, 0, 6), Date.UTC(2024, 0, 8))).toBe(2 * DAY); // Saturday and Sunday
    const late = createBusinessCalendar(fn, "businessHours", { start: "08:59", end: "09:59" });
    expect(late.between(Date.UTC(2024, 0, 8), Date.UTC(2024, 0, 9))).toBe(3_600_000); // a Monday
  });

  it("defaults to Monday-Friday 09:00-17:00 in UTC, and skips holidays", () => {
    const cal = createBusinessCalendar(fn, "businessHours", {});
    expect(cal.timeZone).toBe("UTC");
    // Monday 2024-01-08 to Monday 2024-01-15: five working days of 8 hours
    expect(cal.between(Date.UTC(2024, 0, 8), Date.UTC(2024, 0, 15))).toBe(5 * 8 * 3_600_000);
    const withHoliday = createBusinessCalendar(fn, "businessHours", { holidays: ["2024-01-10"] });
    expect(withHoliday.between(Date.UTC(2024, 0, 8), Date.UTC(2024, 0, 15))).toBe(4 * 8 * 3_600_000);
    expect(cal.between(Date.UTC(2024, 0, 9), Date.UTC(2024, 0, 8))).toBe(0);
  });

  it("finds the local day of an instant after a DST change on the same UTC day (Europe/Berlin)", () => {
    const H = 3_600_000;
    const monday = createBusinessCalendar(fn, "businessHours", { timeZone: "Europe/Berlin", days: [1], start: "00:00", end: "24:00" });
    // CEST began at 01:00 UTC on Sunday 31 March 2024: 21:00-22:30 UTC is Sunday 23:00 to Monday 00:30
    expect(monday.between(Date.UTC(2024, 2, 31, 21), Date.UTC(2024, 2, 31, 22, 30))).toBe(0.5 * H);
    // CET began at 01:00 UTC on Sunday 27 October 2024: 22:00-23:30 UTC is Sunday 23:00 to Monday 00:30
    expect(monday.between(Date.UTC(2024, 9, 27, 22), Date.UTC(2024, 9, 27, 23, 30))).toBe(0.5 * H);
  });

  it("finds the local day of an instant before a DST change late on the same UTC day (America/Havana)", () => {
    const H = 3_600_000;
    const sunday = createBusinessCalendar(fn, "businessHours", { timeZone: "America/Havana", days: [0], start: "00:00", end: "24:00" });
    // Havana left CDT (UTC-4) at 01:00 local, 05:00 UTC, on Sunday 3 November 2024:
    // 03:30-04:30 UTC is Saturday 23:30 to Sunday 00:30 CDT, half an hour of Sunday
    expect(sunday.between(Date.UTC(2024, 10, 3, 3, 30), Date.UTC(2024, 10, 3, 4, 30))).toBe(0.5 * H);
    // that Sunday has 25 hours: 04:00 UTC (00:00 CDT) to 05:00 UTC on Monday (00:00 CST)
    expect(sunday.between(Date.UTC(2024, 10, 2), Date.UTC(2024, 10, 5))).toBe(25 * H);
  });

  it("uses the offset in force at the instant, not today's (Pacific/Kwajalein, UTC-12 in 1970, UTC+12 since 1993)", () => {
    // 1970-01-01T00:00:00.001Z is Wednesday 31 December 1969, 12:00 local
    const wednesday = createBusinessCalendar(fn, "businessHours", { timeZone: "Pacific/Kwajalein", days: [3], start: "00:00", end: "24:00" });
    expect(wednesday.between(1, 2)).toBe(1);
    expect(wednesday.between(-86_400_000, 3)).toBe(12 * 3_600_000 + 3); // from Wednesday 00:00 local (12:00 UTC)
  });

  it("reads a holiday in the years 0-99 as that year, not as 1900-1999", () => {
    // Monday 0024-01-08 to Monday 0024-01-15 (the proleptic Gregorian calendar)
    const day = (d: number): number => new Date(0).setUTCFullYear(24, 0, d);
    expect(new Date(day(8)).getUTCDay()).toBe(1);
    const cal = createBusinessCalendar(fn, "businessHours", { holidays: ["0024-01-10"] });
    expect(cal.between(day(8), day(15))).toBe(4 * 8 * 3_600_000);
  });
});
