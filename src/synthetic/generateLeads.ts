import { invalidOption } from "../core/errors.js";
import { createRandom } from "../core/random.js";
import { toTimestampOption } from "../core/time.js";
import { resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { Interaction } from "../models/interaction.js";
import type { Lead } from "../models/lead.js";

/** Options of {@link generateLeads}. */
export interface GenerateLeadsOptions {
  /**
   * Number of leads, at most 10,000,000.
   * @defaultValue `500`
   */
  readonly n?: number;
  /**
   * Seed of the random source: the same seed gives the same data.
   * @defaultValue `1`
   */
  readonly seed?: number;
  /**
   * When the first lead can be created.
   * @defaultValue `"2026-01-01T00:00:00Z"`
   */
  readonly start?: Date | string | number;
  /**
   * Days over which leads are created; `asOf` is 30 days after the last possible creation.
   * @defaultValue `90`
   */
  readonly days?: number;
}

/** The logistic model the outcomes were drawn from. */
export interface GeneratedLeadModel {
  /** Intercept (log-odds at the reference levels and zero numeric features). */
  readonly intercept: number;
  /**
   * Coefficients by term name as {@link scoring!fitLeadScoringModel} names them
   * (`"properties.seniority"`, `"properties.industry=software"`, `"channel=referral"`);
   * terms absent here (`properties.employees`) have a true coefficient of 0.
   */
  readonly coefficients: Readonly<Record<string, number>>;
  /** The features to fit to recover the model. */
  readonly features: readonly { readonly field: string; readonly type: "numeric" | "categorical" }[];
}

/** Result of {@link generateLeads}. */
export interface GenerateLeadsResult {
  /** The leads: `channel`, `status` (`"customer"` or `"open"`), `properties` industry, employees, seniority, webVisits. */
  readonly leads: Lead[];
  /**
   * Their interactions (page views, email opens and clicks, form submissions, demo requests),
   * by time: from the lead's creation to its conversion, or to `asOf` for a lead that did not
   * convert.
   */
  readonly interactions: Interaction[];
  /** Whether each lead converted, aligned with `leads`. */
  readonly outcomes: boolean[];
  /** The true model of the outcomes. */
  readonly trueModel: GeneratedLeadModel;
  /** The observation time (ISO string): no record is later. */
  readonly asOf: string;
}

const DAY = 86_400_000;
const INDUSTRIES = ["finance", "health", "manufacturing", "retail", "software"] as const;
const INDUSTRY_WEIGHTS = [0.15, 0.15, 0.2, 0.25, 0.25];
const CHANNELS = ["ads", "events", "organic", "referral"] as const;
const CHANNEL_WEIGHTS = [0.35, 0.15, 0.3, 0.2];
const TRUE_MODEL: GeneratedLeadModel = {
  intercept: -3,
  coefficients: {
    "properties.seniority": 0.45,
    "properties.webVisits": 0.2,
    "properties.industry=health": 0.3,
    "properties.industry=manufacturing": -0.2,
    "properties.industry=retail": -0.5,
    "properties.industry=software": 0.8,
    "channel=events": 0.4,
    "channel=organic": 0.3,
    "channel=referral": 1,
  },
  features: [
    { field: "properties.seniority", type: "numeric" },
    { field: "properties.webVisits", type: "numeric" },
    { field: "properties.industry", type: "categorical" },
    { field: "channel", type: "categorical" },
  ],
};

function pick<T>(values: readonly T[], weights: readonly number[], u: number): T {
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += weights[i]!;
    if (u < acc) return values[i]!;
  }
  return values[values.length - 1]!;
}

/**
 * Seeded synthetic leads with fit properties, interactions and outcomes drawn from a known
 * logistic model (`trueModel`), for examples, tests (fitting recovers the model) and
 * benchmarks. Conversion log-odds are `intercept + 0.45·seniority + 0.2·webVisits` plus
 * industry and channel effects; `employees` has no effect. Converted leads request a demo
 * more often (60 % against 10 %), so engagement rules on `demo_request` are predictive too.
 *
 * @param options - `n`, `seed`, `start`, `days`.
 * @returns Leads, interactions, outcomes, the true model and `asOf`.
 * @throws {CrmMetricsError} `INVALID_OPTION` for a bad option.
 *
 * @example
 * const data = generateLeads({ n: 3, seed: 7 });
 * [data.leads.length, data.outcomes.length, data.trueModel.coefficients["channel=referral"]]
 * // => [3, 3, 1]
 */
export function generateLeads(options?: GenerateLeadsOptions): GenerateLeadsResult {
  const fn = "generateLeads";
  const opts = resolveOptions(fn, options);
  const n = resolveNumberOption(fn, "n", opts.n, 500, { min: 0, integer: true });
  if (n > 10_000_000) invalidOption(fn, "n", "must be at most 10000000", n);
  const seed = resolveNumberOption(fn, "seed", opts.seed, 1, { integer: true });
  const days = resolveNumberOption(fn, "days", opts.days, 90, { min: 1 });
  const start = toTimestampOption(fn, "start", opts.start ?? "2026-01-01T00:00:00Z");
  const asOf = start + (days + 30) * DAY;
  const rng = createRandom(seed);
  const c = TRUE_MODEL.coefficients;
  const leads: Lead[] = [];
  const outcomes: boolean[] = [];
  const events: { t: number; lead: string; type: string; channel: string }[] = [];
  const width = String(Math.max(n, 1)).length;
  for (let i = 0; i < n; i++) {
    const id = `lead-${String(i + 1).padStart(width, "0")}`;
    const created = start + Math.floor(rng.next() * days * DAY);
    const industry = pick(INDUSTRIES, INDUSTRY_WEIGHTS, rng.next());
    const channel = pick(CHANNELS, CHANNEL_WEIGHTS, rng.next());
    const seniority = 1 + rng.int(5);
    const employees = Math.max(1, Math.round(Math.exp(3.5 + 1.5 * rng.normal())));
    const webVisits = rng.poisson(1 + 0.5 * seniority);
    const eta =
      TRUE_MODEL.intercept +
      c["properties.seniority"]! * seniority +
      c["properties.webVisits"]! * webVisits +
      (c[`properties.industry=${industry}`] ?? 0) +
      (c[`channel=${channel}`] ?? 0);
    const converted = rng.next() < 1 / (1 + Math.exp(-eta));
    // Each interaction's place in the lead's active span, as a fraction; the span ends at
    // conversion (known only after these draws) or at asOf.
    const first = events.length;
    const place = (): number => rng.next();
    for (let k = 0; k < webVisits; k++) events.push({ t: place(), lead: id, type: "page_view", channel: "web" });
    const opens = rng.poisson(2);
    for (let k = 0; k < opens; k++) {
      events.push({ t: place(), lead: id, type: "email_open", channel: "email" });
      if (rng.next() < 0.3) events.push({ t: place(), lead: id, type: "email_click", channel: "email" });
    }
    if (rng.next() < 0.25) events.push({ t: place(), lead: id, type: "form_submit", channel: "web" });
    if (rng.next() < (converted ? 0.6 : 0.1)) events.push({ t: place(), lead: id, type: "demo_request", channel: "web" });
    const convertedAt = converted ? Math.min(asOf, created + Math.ceil(rng.exponential(1 / 20) * DAY)) : null;
    // interactions of a converted lead come before its conversion (at most at it)
    const span = convertedAt === null ? asOf - created : convertedAt - created + 1;
    for (let k = first; k < events.length; k++) events[k]!.t = created + Math.floor(events[k]!.t * span);
    const lead: Lead = {
      id,
      createdAt: new Date(created).toISOString(),
      channel,
      status: converted ? "customer" : "open",
      properties: { industry, employees, seniority, webVisits },
      ...(convertedAt === null ? {} : { convertedAt: new Date(convertedAt).toISOString() }),
    };
    leads.push(lead);
    outcomes.push(converted);
  }
  events.sort((a, b) => a.t - b.t || (a.lead < b.lead ? -1 : a.lead > b.lead ? 1 : 0));
  const iw = String(Math.max(events.length, 1)).length;
  const interactions: Interaction[] = events.map((e, k) => ({
    id: `ix-${String(k + 1).padStart(iw, "0")}`,
    customerId: e.lead,
    occurredAt: new Date(e.t).toISOString(),
    channel: e.channel,
    direction: "inbound",
    type: e.type,
  }));
  return { leads, interactions, outcomes, trueModel: { intercept: TRUE_MODEL.intercept, coefficients: { ...c }, features: TRUE_MODEL.features.map((f) => ({ ...f })) }, asOf: new Date(asOf).toISOString() };
}
