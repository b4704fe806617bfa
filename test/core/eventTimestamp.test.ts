import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { eventTimestamp } from "../../src/core/eventTimestamp.js";
import { parseTimestamp } from "../../src/core/time.js";

const BERLIN = "Europe/Berlin";

describe("eventTimestamp", () => {
  it("reads ISO strings in UTC by the fast path", () => {
    expect(eventTimestamp("2024-06-01", "UTC", true)).toBe(Date.UTC(2024, 5, 1));
    expect(eventTimestamp("2024-06-01T12:30:45.123Z", "UTC", true)).toBe(Date.UTC(2024, 5, 1, 12, 30, 45, 123));
    expect(eventTimestamp("2024-06-01 12:30:45", "UTC", true)).toBe(Date.UTC(2024, 5, 1, 12, 30, 45));
  });

  it("reads local ISO strings in the given zone and Z instants as instants", () => {
    // Berlin is UTC+1 in winter and UTC+2 in summer
    expect(eventTimestamp("2024-03-01T00:00:00", BERLIN, false)).toBe(Date.UTC(2024, 1, 29, 23));
    expect(eventTimestamp("2024-07-01", BERLIN, false)).toBe(Date.UTC(2024, 5, 30, 22));
    expect(eventTimestamp("2024-07-01T00:00:00Z", BERLIN, false)).toBe(Date.UTC(2024, 6, 1));
    expect(eventTimestamp("2024-07-01T00:00:00.250z", BERLIN, false)).toBe(Date.UTC(2024, 6, 1, 0, 0, 0, 250));
  });

  it("hands the forms the fast path does not read to the full parser", () => {
    expect(eventTimestamp("2024-06-01T12:30:45+02:00", "UTC", true)).toBe(Date.UTC(2024, 5, 1, 10, 30, 45));
    expect(eventTimestamp("2024-06-01T12:30:45-05:30", BERLIN, false)).toBe(Date.UTC(2024, 5, 1, 18, 0, 45));
    expect(eventTimestamp("2024-06-01T12:30:45.1234Z", "UTC", true)).toBe(parseTimestamp("2024-06-01T12:30:45.1234Z"));
    expect(eventTimestamp("2024-06-01T24:00:00", "UTC", true)).toBe(parseTimestamp("2024-06-01T24:00:00"));
    expect(eventTimestamp("0050-03-01", "UTC", true)).toBe(parseTimestamp("0050-03-01"));
    expect(eventTimestamp("0050-03-01", "UTC", true)).not.toBeNaN();
  });

  it("returns NaN for strings that are not valid dates", () => {
    for (const s of ["", "yesterday", "2023-02-29", "2024-13-01", "2024-06-01T25:00:00Z"]) {
      expect(eventTimestamp(s, "UTC", true)).toBeNaN();
      expect(eventTimestamp(s, BERLIN, false)).toBeNaN();
    }
  });

  it("keeps epoch milliseconds within the Date range as they are, else NaN", () => {
    for (const ms of [0, 1.5, -1, 1_717_243_845_000, 8.64e15, -8.64e15]) expect(eventTimestamp(ms, "UTC", true)).toBe(ms);
    expect(eventTimestamp(8.64e15, BERLIN, false)).toBe(8.64e15);
    for (const bad of [8.64e15 + 1, -8.64e15 - 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(eventTimestamp(bad, "UTC", true)).toBeNaN();
    }
  });

  it("reads Dates by their time and returns NaN for invalid Dates and other values", () => {
    expect(eventTimestamp(new Date(Date.UTC(2024, 0, 2)), "UTC", true)).toBe(Date.UTC(2024, 0, 2));
    expect(eventTimestamp(new Date(Date.UTC(2024, 0, 2)), BERLIN, false)).toBe(Date.UTC(2024, 0, 2));
    for (const bad of [new Date(Number.NaN), null, undefined, true, {}, [], 10n]) expect(eventTimestamp(bad, "UTC", true)).toBeNaN();
  });

  it("reads the common ISO forms by character codes, and hands only the others to the regular-expression parser", () => {
    // parseTimestamp reads strings with one regular expression; the fast path uses none
    const exec = vi.spyOn(RegExp.prototype, "exec");
    let fast: number[];
    let callsAfterFast: number;
    let full: number;
    let callsAfterFull: number;
    try {
      fast = [eventTimestamp("2024-06-01T12:30:45.123Z", "UTC", true), eventTimestamp("2024-06-01", "UTC", true), eventTimestamp("2024-07-01T00:00:00Z", BERLIN, false)];
      callsAfterFast = exec.mock.calls.length;
      full = eventTimestamp("2024-06-01T12:30:45+02:00", "UTC", true);
      callsAfterFull = exec.mock.calls.length;
    } finally {
      exec.mockRestore();
    }
    expect(fast).toEqual([Date.UTC(2024, 5, 1, 12, 30, 45, 123), Date.UTC(2024, 5, 1), Date.UTC(2024, 6, 1)]);
    expect(callsAfterFast).toBe(0);
    expect(full).toBe(Date.UTC(2024, 5, 1, 10, 30, 45));
    expect(callsAfterFull).toBe(1);
  });

  it("reads every value exactly as parseTimestamp does (property)", () => {
    const pad = (v: number, n: number): string => String(v).padStart(n, "0");
    const isoLike = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.integer({ min: 0, max: 60 }),
        frac: fc.constantFrom("", ".5", ".123", ".1234"),
        sep: fc.constantFrom("T", " "),
        form: fc.constantFrom("date", "time"),
        zone: fc.constantFrom("", "Z", "z", "+02:00", "-0330"),
      })
      .map(({ y, mo, d, h, mi, s, frac, sep, form, zone }) => {
        const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
        return form === "date" ? `${date}${zone}` : `${date}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${frac}${zone}`;
      });
    const value = fc.oneof(
      isoLike,
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.double(),
      fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => new Date(ms)),
    );
    fc.assert(
      fc.property(value, fc.constantFrom("UTC", BERLIN, "America/New_York", "Asia/Kolkata"), (v, zone) => {
        expect(eventTimestamp(v, zone, zone === "UTC")).toBe(parseTimestamp(v, zone));
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});
