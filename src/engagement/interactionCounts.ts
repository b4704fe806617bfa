import type { PeriodOptions } from "../core/options.js";
import { SeriesExtent } from "../core/periodLimit.js";
import { createPeriodBucketer } from "../core/time.js";
import { periodInfo, type PeriodInfo } from "../core/trend.js";
import { resolveBooleanOption, resolveOptions } from "../core/validate.js";
import type { Interaction } from "../models/interaction.js";
import { compareKeys, type Direction, forEachActivity, periodsOf, resolvePeriodOptions, resolveStringSet } from "./activity.js";

/** Options of {@link interactionCounts}. */
export interface InteractionCountsOptions extends PeriodOptions {
  /**
   * Count only interactions of these `type`s (`["email_click", "call"]`); the others are
   * skipped and counted in `skipped`.
   * @defaultValue every type
   */
  readonly types?: readonly string[];
  /**
   * Drop an interaction whose `id` equals the `id` of an earlier one (a record exported
   * twice); dropped records are counted in `duplicates`. Records without `id` are kept.
   * @defaultValue `false`
   */
  readonly dedupe?: boolean;
  /**
   * Emit periods without interactions (zero counts) between the first and the last.
   * @defaultValue `true`
   */
  readonly fillGaps?: boolean;
}

/** Counts of a slice of interactions. */
export interface InteractionTally {
  /** Interactions counted. */
  readonly total: number;
  /** Interactions with `direction: "inbound"` (started by the customer). */
  readonly inbound: number;
  /** Interactions with `direction: "outbound"` (started by the business). */
  readonly outbound: number;
  /** Interactions without a direction. */
  readonly unspecified: number;
  /** Distinct customers among them. */
  readonly customers: number;
}

/** One period of {@link InteractionCountsResult}. */
export interface InteractionCountsPeriod extends PeriodInfo, InteractionTally {}

/** One channel of {@link InteractionCountsResult}. */
export interface InteractionCountsChannel extends InteractionTally {
  /** The channel, `null` for interactions without one. */
  readonly channel: string | null;
}

/** One customer of {@link InteractionCountsResult}. */
export interface InteractionCountsCustomer extends Omit<InteractionTally, "customers"> {
  readonly customerId: string;
  /** First counted interaction, ISO-8601 UTC. */
  readonly firstAt: string;
  /** Last counted interaction, ISO-8601 UTC. */
  readonly lastAt: string;
}

/** Result of {@link interactionCounts}. */
export interface InteractionCountsResult extends InteractionTally {
  readonly period: NonNullable<PeriodOptions["period"]>;
  readonly timeZone: string;
  /** Records read. */
  readonly records: number;
  /** Records dropped as `id` duplicates (only with `dedupe`). */
  readonly duplicates: number;
  /** Records skipped by the `types` filter. */
  readonly skipped: number;
  /** Periods in ascending order. */
  readonly byPeriod: readonly InteractionCountsPeriod[];
  /** Channels in ascending order, `null` last. */
  readonly byChannel: readonly InteractionCountsChannel[];
  /** Customers in ascending id order (by UTF-16 code units). */
  readonly byCustomer: readonly InteractionCountsCustomer[];
}

class Tally {
  total = 0;
  inbound = 0;
  outbound = 0;
  unspecified = 0;
  /** Distinct customers; `null` for a tally of one customer. */
  readonly ids: Set<string> | null;

  constructor(distinct: boolean) {
    this.ids = distinct ? new Set<string>() : null;
  }

  add(customer: string, direction: Direction | null): void {
    this.total++;
    if (direction === "inbound") this.inbound++;
    else if (direction === "outbound") this.outbound++;
    else this.unspecified++;
    this.ids?.add(customer);
  }

  result(): InteractionTally {
    return { total: this.total, inbound: this.inbound, outbound: this.outbound, unspecified: this.unspecified, customers: this.ids?.size ?? 1 };
  }
}

/**
 * Interaction counts by calendar period (in a time zone), by channel and by customer, each
 * split by direction: inbound (started by the customer) and outbound (started by the
 * business). Every counted interaction appears once in each breakdown, so the totals of
 * `byPeriod`, `byChannel` and `byCustomer` all equal `total`.
 *
 * @param interactions - `Interaction` records (`customerId`, `occurredAt`, `type`, optional
 *   `channel` and `direction`).
 * @param options - Period, time zone, type filter, de-duplication, gap filling.
 * @returns Overall counts and the three breakdowns; empty input gives zero counts and empty
 *   lists.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid `customerId`,
 *   `occurredAt` or `type`, or with a `direction` other than inbound/outbound, or when,
 *   with `fillGaps`, the earliest and the latest counted interaction are more than 100,000
 *   periods apart (the path names the one farther from 1970, such as one in year 9999);
 *   `INVALID_OPTION` for a bad option.
 *
 * @example
 * interactionCounts([
 *   { customerId: "a", occurredAt: "2024-01-05", type: "email", channel: "email", direction: "outbound" },
 *   { customerId: "a", occurredAt: "2024-01-09", type: "reply", channel: "email", direction: "inbound" },
 *   { customerId: "b", occurredAt: "2024-03-02", type: "call", channel: "phone", direction: "inbound" },
 * ]).byPeriod.map((p) => [p.label, p.total, p.inbound])
 * // => [["2024-01", 2, 1], ["2024-02", 0, 0], ["2024-03", 1, 1]]
 */
export function interactionCounts(
  interactions: Iterable<Interaction>,
  options?: InteractionCountsOptions,
): InteractionCountsResult {
  const fn = "interactionCounts";
  const opts = resolveOptions(fn, options);
  const { period, timeZone, weekStartsOn, fillGaps } = resolvePeriodOptions(fn, opts, "month");
  const types = resolveStringSet(fn, "types", opts.types);
  const dedupe = resolveBooleanOption(fn, "dedupe", opts.dedupe, false);
  const bucket = createPeriodBucketer(period, { timeZone, weekStartsOn });

  // One pass; memory in counters and distinct-customer sets per period, channel and
  // customer, not per record.
  const overall = new Tally(true);
  const periods = new Map<number, Tally>();
  const channels = new Map<string | null, Tally>();
  const customers = new Map<string, { tally: Tally; first: number; last: number }>();
  let skipped = 0;
  const extent = new SeriesExtent();
  const counts = forEachActivity(fn, interactions, { name: "interactions", timeZone, dedupe, interactionFields: true, dateField: "occurredAt" }, (r) => {
    if (types !== null && !types.has(r.type)) {
      skipped++;
      return;
    }
    const { customer, direction, time, channel } = r;
    extent.add(time, "interactions", r.index, "occurredAt");
    overall.add(customer, direction);
    const start = bucket(time);
    let pt = periods.get(start);
    if (pt === undefined) periods.set(start, (pt = new Tally(true)));
    pt.add(customer, direction);
    let ct = channels.get(channel);
    if (ct === undefined) channels.set(channel, (ct = new Tally(true)));
    ct.add(customer, direction);
    let c = customers.get(customer);
    if (c === undefined) customers.set(customer, (c = { tally: new Tally(false), first: time, last: time }));
    c.tally.add(customer, direction);
    if (time < c.first) c.first = time;
    if (time > c.last) c.last = time;
  });

  const empty = new Tally(true).result();
  const limit = { fn, hint: "use a longer period, or fillGaps: false" };
  const byPeriod = periodsOf(periods.keys(), { period, timeZone, weekStartsOn, fillGaps }, limit, extent).map((g) => ({
    ...periodInfo(g),
    ...(periods.get(g.start)?.result() ?? empty),
  }));
  const byChannel = [...channels.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareKeys(a, b)))
    .map(([channel, tally]) => ({ channel, ...tally.result() }));
  const byCustomer = [...customers.entries()]
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([customerId, c]) => {
      const { total, inbound, outbound, unspecified } = c.tally;
      return {
        customerId,
        total,
        inbound,
        outbound,
        unspecified,
        firstAt: new Date(c.first).toISOString(),
        lastAt: new Date(c.last).toISOString(),
      };
    });
  return {
    ...overall.result(),
    period,
    timeZone,
    records: counts.records,
    duplicates: counts.duplicates,
    skipped,
    byPeriod,
    byChannel,
    byCustomer,
  };
}
