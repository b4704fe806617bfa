import { invalidOption } from "../core/errors.js";
import type { DateInput } from "../core/options.js";
import { createRandom, type Random } from "../core/random.js";
import { toTimestampOption } from "../core/time.js";
import { resolveEnum, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { Interaction } from "../models/interaction.js";

/** Options of {@link generateEvents}. */
export interface GenerateEventsOptions {
  /**
   * Number of customers.
   * @defaultValue `100`
   */
  readonly customers?: number;
  /**
   * Seed of the random source; the same seed gives the same events.
   * @defaultValue `1`
   */
  readonly seed?: number;
  /**
   * Earliest signup.
   * @defaultValue `"2024-01-01T00:00:00Z"`
   */
  readonly start?: DateInput;
  /**
   * Days over which signups are spread (uniformly).
   * @defaultValue `90`
   */
  readonly days?: number;
  /**
   * Mean number of events per customer, funnel events and noise (`page_view`,
   * `email_open`) together; at least the funnel events are generated.
   * @defaultValue `10`
   */
  readonly meanEventsPerCustomer?: number;
  /**
   * Form of `occurredAt`: ISO-8601 strings, epoch milliseconds or `Date` objects.
   * @defaultValue `"iso"`
   */
  readonly timestamps?: "iso" | "epoch" | "date";
}

const DAY = 86_400_000;
const CHANNELS = ["organic", "ads", "referral", "email"] as const;
const CHANNEL_WEIGHTS = [0.4, 0.3, 0.2, 0.1];
const DEVICES = ["web", "ios", "android"] as const;
const DEVICE_WEIGHTS = [0.6, 0.25, 0.15];
const PLANS = ["free", "starter", "pro"] as const;

interface RawEvent {
  readonly customer: number;
  readonly t: number;
  readonly type: string;
  readonly properties: Record<string, string | number | boolean | null>;
}

/**
 * Seeded, realistic product event streams for funnels: each customer signs up
 * (`signup`), may activate (`activate`, 60 %), look at pricing (`view_pricing`) and
 * purchase (`purchase`, with an `amount`), purchases again, sometimes signs up a second time
 * (10 %, a restart), and produces noise events (`page_view`, `email_open`). Purchase amounts
 * are in whole cents, 29 to 49 on the starter plan and 99 to 119 on pro. Events carry
 * `channel`, `device` and `plan` properties (the acquisition channel and device are fixed
 * per customer; `plan` is chosen at signup and may change at purchase). Customer ids are
 * `"c1"`, `"c2"`, ...; events are sorted by time (then customer), with ids `"e1"`, `"e2"`, ...
 *
 * @param options - Size, seed, start, spread and timestamp form.
 * @returns `Interaction` records sorted by `occurredAt`.
 * @throws {CrmMetricsError} `INVALID_OPTION` for a bad option.
 *
 * @example
 * const events = generateEvents({ customers: 50, seed: 7 });
 * events.filter((e) => e.type === "signup").length >= 50
 * // => true
 * @example
 * generateEvents({ customers: 3, seed: 1 }).length === generateEvents({ customers: 3, seed: 1 }).length
 * // => true
 */
export function generateEvents(options?: GenerateEventsOptions): Interaction[] {
  const fn = "generateEvents";
  const opts = resolveOptions(fn, options);
  const customers = resolveNumberOption(fn, "customers", opts.customers, 100, { integer: true, min: 0 });
  const seed = resolveNumberOption(fn, "seed", opts.seed, 1, { integer: true });
  const days = resolveNumberOption(fn, "days", opts.days, 90, { min: 0, minExclusive: true });
  const meanEvents = resolveNumberOption(fn, "meanEventsPerCustomer", opts.meanEventsPerCustomer, 10, { min: 0 });
  const form = resolveEnum(fn, "timestamps", opts.timestamps, ["iso", "epoch", "date"], "iso");
  const start = opts.start === undefined ? Date.UTC(2024, 0, 1) : toTimestampOption(fn, "start", opts.start);
  if (customers > 10_000_000) invalidOption(fn, "customers", "must be at most 10000000", customers);
  const rng = createRandom(seed);
  const raw: RawEvent[] = [];
  for (let c = 0; c < customers; c++) journey(rng, c, start + rng.next() * days * DAY, meanEvents, raw);
  raw.sort((a, b) => a.t - b.t || a.customer - b.customer);
  return raw.map((e, i) => {
    const t = Math.round(e.t);
    return {
      id: `e${i + 1}`,
      customerId: `c${e.customer + 1}`,
      occurredAt: form === "epoch" ? t : form === "date" ? new Date(t) : new Date(t).toISOString(),
      channel: e.properties.device === "web" ? "web" : "app",
      direction: "inbound",
      type: e.type,
      properties: e.properties,
    };
  });
}

function pick<T>(rng: Random, values: readonly T[], weights: readonly number[]): T {
  let u = rng.next();
  for (let i = 0; i < values.length - 1; i++) {
    u -= weights[i]!;
    if (u < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

function journey(rng: Random, customer: number, signupAt: number, meanEvents: number, out: RawEvent[]): void {
  const channel = pick(rng, CHANNELS, CHANNEL_WEIGHTS);
  const device = pick(rng, DEVICES, DEVICE_WEIGHTS);
  const plan = pick(rng, PLANS, [0.6, 0.3, 0.1]);
  // engaged customers (good channels) convert more often
  const boost = channel === "referral" ? 0.15 : channel === "ads" ? -0.1 : 0;
  const before = out.length;
  const emit = (t: number, type: string, extra: Record<string, string | number | boolean | null> = {}): void => {
    out.push({ customer, t, type, properties: { channel, device, plan, ...extra } });
  };
  emit(signupAt, "signup");
  let t = signupAt;
  if (rng.bernoulli(0.1)) emit(signupAt + rng.exponential(1 / (10 * DAY)), "signup");
  if (rng.bernoulli(0.6 + boost)) {
    t += rng.exponential(1 / (2 * DAY));
    emit(t, "activate");
    if (rng.bernoulli(0.7)) {
      const views = 1 + rng.poisson(0.5);
      for (let v = 0; v < views; v++) {
        t += rng.exponential(1 / (1.5 * DAY));
        emit(t, "view_pricing");
      }
      if (rng.bernoulli(0.5 + boost)) {
        t += rng.exponential(1 / (3 * DAY));
        const buyPlan = plan === "free" ? "starter" : plan;
        // Whole cents over 100, so that the amount is the nearest double to a cents value (29 + 1612 / 100 would be 45.120000000000005).
        const amount = (p: string): number => ((p === "pro" ? 9900 : 2900) + Math.round(rng.next() * 2000)) / 100;
        emit(t, "purchase", { plan: buyPlan, amount: amount(buyPlan) });
        const repeats = rng.poisson(0.8);
        for (let r = 0; r < repeats; r++) {
          t += rng.exponential(1 / (20 * DAY));
          emit(t, "purchase", { plan: buyPlan, amount: amount(buyPlan) });
        }
      }
    }
  }
  const noise = Math.max(0, rng.poisson(Math.max(0, meanEvents - (out.length - before))));
  for (let k = 0; k < noise; k++) {
    emit(signupAt - 2 * DAY + rng.next() * 32 * DAY, rng.bernoulli(0.7) ? "page_view" : "email_open");
  }
}
