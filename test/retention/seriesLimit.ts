// The 100,000-period limit, as every retention series built from activity records or
// subscriptions (churnRate, retentionRate, customerGrowthRate, activeCustomerShare) states it.
import { describe, expect, it } from "vitest";
import { caughtError } from "../support/errors.js";

type SeriesFunction = (input: never, options: never) => { readonly periods: readonly { readonly label: string }[] };

const far = (last: string): { customerId: string; occurredAt: string }[] => [
  { customerId: "a", occurredAt: "2000-01-01T00:00:00Z" },
  { customerId: "b", occurredAt: last },
];

/** The tests of the limit for `name`; `exact` also builds a series of exactly 100,000 days (about 1 s). */
export function describeSeriesLimit(name: string, f: SeriesFunction, exact: boolean): void {
  const call = (input: unknown, options: Record<string, unknown>) => f(input as never, options as never);
  describe(`${name}: the 100,000-period limit`, () => {
    if (exact) {
      it("builds a daily series of exactly 100,000 periods", () => {
        const periods = call(far("2273-10-15T00:00:00Z"), { period: "day" }).periods;
        expect([periods.length, periods[0]!.label, periods[99_999]!.label]).toEqual([100_000, "2000-01-01", "2273-10-15"]);
      });
    }

    it("throws INVALID_INPUT at the record whose date makes 100,001 periods, before building them", () => {
      const e = caughtError(() => call(far("2273-10-16T00:00:00Z"), { period: "day" }));
      expect([e.code, e.path]).toEqual(["INVALID_INPUT", "input[1].occurredAt"]);
      expect(e.message).toBe(
        `${name}: input[1].occurredAt must keep the series within 100,000 day periods (pass from and to, or asOf, or use a longer period), ` +
          "got 2273-10-16T00:00:00.000Z, which makes 100,001 day periods from 2000-01-01T00:00:00.000Z",
      );
    });

    it("names options.asOf, options.to or options.from when an option makes the series too long (INVALID_OPTION)", () => {
      const two = far("2000-02-01T00:00:00Z");
      const e = caughtError(() => call(two, { period: "day", asOf: "2273-10-16T00:00:00Z" }));
      expect([e.code, e.path]).toEqual(["INVALID_OPTION", "options.asOf"]);
      expect(caughtError(() => call(two, { period: "day", from: "1700-01-01", asOf: "2000-03-01" })).path).toBe("options.from");
      expect(caughtError(() => call(far("2273-10-16T00:00:00Z"), { period: "day", to: "2273-10-16T00:00:00Z", asOf: "2300-01-01" })).path).toBe("options.to");
    });

    it("leaves a record after asOf out of the series, and builds the far series by month (3,286 periods)", () => {
      expect(call(far("9999-12-31T00:00:00Z"), { period: "day", asOf: "2000-01-31T00:00:00Z" }).periods).toHaveLength(31);
      const monthly = call(far("2273-10-16T00:00:00Z"), { period: "month" }).periods;
      expect([monthly.length, monthly[3285]!.label]).toEqual([3286, "2273-10"]);
    });
  });
}
