import type { Duration } from "date-fns";
import { invalidOption } from "../core/errors.js";
import type { DateInput, MoneyInput, TimeZoneOptions } from "../core/options.js";
import { solveLinear } from "../core/stats/linalg.js";
import { addDuration, isoString, resolveDuration, resolveTimeZone } from "../core/time.js";
import { isRecord, ratio, resolveBooleanOption, resolveEnum, resolveOptions, toArray } from "../core/validate.js";
import type { Interaction } from "../models/interaction.js";
import {
  compareChannels,
  CurrencyGuard,
  durationShifter,
  entry,
  readAmountField,
  readChannelField,
  readIdField,
  readRecord,
  readTimeField,
} from "./records.js";

/** Attribution models. */
export type AttributionModel = "first-touch" | "last-touch" | "linear" | "time-decay" | "position-based" | "markov";

/** A conversion: who converted, when, and optionally its value (or a Transaction's `amount`). */
export interface AttributionConversion {
  readonly customerId: string | number;
  readonly occurredAt: DateInput;
  /** Conversion value; when absent, `amount` is used, else 0. */
  readonly value?: MoneyInput;
  /** Transaction amount, used when `value` is absent (a `type: "refund"` amount counts negative). */
  readonly amount?: MoneyInput;
  readonly type?: "purchase" | "refund";
}

/** Weights of the position-based (U-shaped) model. */
export interface PositionWeights {
  /**
   * Share of the first touch.
   * @defaultValue `0.4`
   */
  readonly first?: number;
  /**
   * Share of the last touch.
   * @defaultValue `0.4`
   */
  readonly last?: number;
}

/** Options of {@link attribution}. */
export interface AttributionOptions extends TimeZoneOptions {
  /**
   * Attribution model.
   * @defaultValue `"last-touch"`
   */
  readonly model?: AttributionModel;
  /**
   * How far before a conversion touchpoints count (Google Analytics' default for
   * acquisition conversions is 30 days); `null` for no limit.
   * @defaultValue `{ days: 30 }`
   */
  readonly lookback?: Duration | null;
  /**
   * Half-life of the `"time-decay"` model: a touch this long before the conversion gets
   * half the weight of a touch at the conversion (Google Analytics: 7 days). Read as a
   * fixed length (use days or hours).
   * @defaultValue `{ days: 7 }`
   */
  readonly halfLife?: Duration;
  /**
   * Shares of the first and last touch in the `"position-based"` model; the middle
   * touches share the rest equally. A one-touch journey gives 100 % to its touch; a
   * two-touch journey splits `first : last` (50/50 by default).
   * @defaultValue `{ first: 0.4, last: 0.4 }`
   */
  readonly positionWeights?: PositionWeights;
  /**
   * `"markov"`: merge consecutive touches of the same channel into one state (no
   * self-transitions), as DP6's `MarkovModel` does by default.
   * @defaultValue `true`
   */
  readonly removeSelfLoops?: boolean;
  /**
   * Return every conversion's journey with the credit of each of its touches (for audits
   * and explanations); memory grows with the touchpoints used.
   * @defaultValue `false`
   */
  readonly includeJourneys?: boolean;
}

/** A touch of an {@link AttributionJourney}. */
export interface AttributionJourneyTouch {
  readonly channel: string;
  /** ISO-8601 UTC instant of the touch. */
  readonly occurredAt: string;
  /**
   * Share of the conversion the touch earns (the touches of a journey sum to 1); `null`
   * under `"markov"`, whose credit is defined for channels over all journeys only.
   */
  readonly credit: number | null;
}

/** One conversion and the touches credited with it. */
export interface AttributionJourney {
  readonly customerId: string;
  /** ISO-8601 UTC instant of the conversion. */
  readonly convertedAt: string;
  readonly value: number;
  /** The journey's touches in time order; empty for an unattributed conversion. */
  readonly touchpoints: readonly AttributionJourneyTouch[];
}

/** Credit of one channel. */
export interface AttributionChannel {
  readonly channel: string;
  /** Conversions credited to the channel (fractional). */
  readonly conversions: number;
  /** Conversion value credited to the channel. */
  readonly value: number;
  /** `conversions / attributedConversions`; `null` when nothing was attributed. */
  readonly share: number | null;
  /** Touchpoints of the channel in converting journeys. */
  readonly touchpoints: number;
}

/** Removal effect of a channel in the Markov model. */
export interface MarkovRemovalEffect {
  readonly channel: string;
  /** `1 − P(conversion without the channel) / P(conversion)`; 0 when P(conversion) is 0. */
  readonly removalEffect: number;
  /** Probability of conversion from the start when the channel is removed. */
  readonly conversionProbabilityWithout: number;
}

/** The fitted first-order Markov chain of the `"markov"` model. */
export interface MarkovChainSummary {
  /** State names: `"(start)"`, the channels by name, `"(conversion)"`, `"(null)"`. */
  readonly states: readonly string[];
  /** Row-stochastic transition probabilities, `transitionMatrix[from][to]` in `states` order. */
  readonly transitionMatrix: readonly (readonly number[])[];
  /** Probability of reaching `"(conversion)"` from `"(start)"`. */
  readonly conversionProbability: number;
  /** Removal effect of each channel, in `states` order. */
  readonly removalEffects: readonly MarkovRemovalEffect[];
  /** Converting journeys in the chain. */
  readonly convertingPaths: number;
  /** Non-converting paths in the chain (customers with touchpoints and no conversion). */
  readonly nonConvertingPaths: number;
}

/** Result of {@link attribution}. */
export interface AttributionResult {
  readonly model: AttributionModel;
  /** Channels by name, `"(none)"` last. Their credits sum to `attributedConversions` and `attributedValue`. */
  readonly channels: readonly AttributionChannel[];
  /** Conversions in the input. */
  readonly conversions: number;
  /** Total value of the conversions. */
  readonly value: number;
  /** Conversions with at least one touchpoint in their journey (the credited total). */
  readonly attributedConversions: number;
  /** Value of the attributed conversions. */
  readonly attributedValue: number;
  /** Conversions without a touchpoint in their journey (not credited to any channel). */
  readonly unattributedConversions: number;
  /** Value of the unattributed conversions. */
  readonly unattributedValue: number;
  /** Touchpoints in the input. */
  readonly touchpoints: number;
  /** Touchpoints in converting journeys. */
  readonly touchpointsInJourneys: number;
  /** Touchpoints before a conversion's lookback window (ignored). */
  readonly touchpointsOutsideLookback: number;
  /** Touchpoints after their customer's last conversion (ignored). */
  readonly touchpointsAfterConversion: number;
  /** Touchpoints of customers without any conversion (used by `"markov"` only). */
  readonly touchpointsWithoutConversion: number;
  /** The Markov chain, for `model: "markov"`; otherwise `null`. */
  readonly markov: MarkovChainSummary | null;
  /**
   * Every conversion with its journey, ordered by conversion time and customer id, with
   * `includeJourneys: true`; otherwise `null`.
   */
  readonly journeys: readonly AttributionJourney[] | null;
}

interface Touch {
  readonly t: number;
  readonly channel: string;
}

interface Conv {
  readonly t: number;
  readonly value: number;
}

/** Neumaier compensated sum. */
class Sum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  value(): number {
    const v = this.s + this.c;
    return v === 0 ? 0 : v;
  }
}

const MODELS: readonly AttributionModel[] = ["first-touch", "last-touch", "linear", "time-decay", "position-based", "markov"];

/**
 * Multi-touch attribution: how much of each conversion (and its value) each channel earns.
 * A conversion's journey is its customer's touchpoints in the lookback window up to and
 * including the conversion time and after the customer's previous conversion (each touch
 * serves one conversion). Heuristic models follow DP6's and ChannelAttribution's
 * definitions: `"first-touch"`, `"last-touch"`, `"linear"` (equal shares, a repeated
 * channel gets each of its shares), `"time-decay"` (weight `0.5^(age / halfLife)`,
 * normalised), `"position-based"` (40/20/40). `"markov"` is the first-order removal-effect
 * model (Anderl et al. 2016; ChannelAttribution): it fits transition probabilities on the
 * converting journeys and the non-converting paths of customers who never converted, and
 * splits the conversions in proportion to each channel's removal effect. Credits of all
 * models sum to the attributed conversions and value.
 *
 * @param touchpoints - `Interaction` records (customerId, occurredAt, channel; no channel: `"(none)"`).
 * @param conversions - Conversions `{ customerId, occurredAt, value? }` or `Transaction`-like records.
 * @param options - Model, lookback window, half-life, position weights and time zone.
 * @returns Credits per channel with the counts of what was used and ignored, and the Markov chain.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a record without a valid customer id or
 *   date, a channel that is not a string, a value that is not a finite amount, or
 *   conversions in different currencies;
 *   `INVALID_OPTION` for a bad option.
 *
 * @example
 * const touches = [
 *   { customerId: "a", occurredAt: "2024-05-01", channel: "search", type: "visit" },
 *   { customerId: "a", occurredAt: "2024-05-03", channel: "email", type: "click" },
 * ];
 * const conversions = [{ customerId: "a", occurredAt: "2024-05-04", value: 100 }];
 * attribution(touches, conversions, { model: "linear" }).channels.map((c) => [c.channel, c.value])
 * // => [["email", 50], ["search", 50]]
 * @example
 * const touches = [
 *   { customerId: 1, occurredAt: "2024-05-01", channel: "ads", type: "visit" },
 *   { customerId: 2, occurredAt: "2024-05-01", channel: "ads", type: "visit" },
 *   { customerId: 2, occurredAt: "2024-05-02", channel: "mail", type: "open" },
 *   { customerId: 3, occurredAt: "2024-05-01", channel: "ads", type: "visit" },
 * ];
 * const conversions = [{ customerId: 1, occurredAt: "2024-05-02" }, { customerId: 2, occurredAt: "2024-05-03" }];
 * attribution(touches, conversions, { model: "markov" }).channels.map((c) => c.conversions)
 * // => [1.3333, 0.6667]
 */
export function attribution(
  touchpoints: Iterable<Interaction>,
  conversions: Iterable<AttributionConversion>,
  options?: AttributionOptions,
): AttributionResult {
  const fn = "attribution";
  const opts = resolveOptions(fn, options);
  const model = resolveEnum(fn, "model", opts.model, MODELS, "last-touch");
  const timeZone = resolveTimeZone(fn, opts.timeZone);
  const lookback = opts.lookback === null ? null : resolveDuration(fn, "lookback", opts.lookback, { days: 30 });
  const halfLife = resolveDuration(fn, "halfLife", opts.halfLife, { days: 7 });
  const halfLifeMs = addDuration(0, halfLife, "UTC");
  if (!(halfLifeMs > 0)) invalidOption(fn, "halfLife", "must be a positive duration", opts.halfLife);
  const [firstWeight, lastWeight] = resolvePositionWeights(fn, opts.positionWeights);
  const removeSelfLoops = resolveBooleanOption(fn, "removeSelfLoops", opts.removeSelfLoops, true);
  const includeJourneys = resolveBooleanOption(fn, "includeJourneys", opts.includeJourneys, false);
  const journeys: (AttributionJourney & { t: number })[] | null = includeJourneys ? [] : null;
  const windowStart = lookback === null ? null : durationShifter(lookback, timeZone, -1);

  // Per converting customer: conversions and touches; touches of the others (Markov only).
  const customers = new Map<string, { readonly convs: Conv[]; readonly touches: Touch[] }>();
  const convList = toArray<unknown>(fn, "conversions", conversions);
  const totalValue = new Sum();
  const currency = new CurrencyGuard(fn);
  for (let i = 0; i < convList.length; i++) {
    const r = readRecord(fn, "conversions", i, convList[i]);
    const id = readIdField(fn, "conversions", i, r, "customerId");
    const t = readTimeField(fn, "conversions", i, r, "occurredAt", timeZone);
    currency.check("conversions", i, r);
    const value = readConversionValue(fn, i, r);
    totalValue.add(value);
    entry(customers, id, () => ({ convs: [], touches: [] })).convs.push({ t, value });
  }
  // Touches are kept only for customers who converted, unless the Markov model needs the
  // non-converting paths too.
  const nonConverters = new Map<string, Touch[]>();
  const touchList = toArray<unknown>(fn, "touchpoints", touchpoints);
  let withoutConversion = 0;
  for (let i = 0; i < touchList.length; i++) {
    const r = readRecord(fn, "touchpoints", i, touchList[i]);
    const id = readIdField(fn, "touchpoints", i, r, "customerId");
    const t = readTimeField(fn, "touchpoints", i, r, "occurredAt", timeZone);
    const channel = readChannelField(fn, "touchpoints", i, r);
    const customer = customers.get(id);
    if (customer !== undefined) customer.touches.push({ t, channel });
    else {
      withoutConversion++;
      if (model === "markov") entry(nonConverters, id, () => []).push({ t, channel });
    }
  }

  const credits = new Map<string, { conversions: Sum; value: Sum; touchpoints: number }>();
  const credit = (channel: string): { conversions: Sum; value: Sum; touchpoints: number } =>
    entry(credits, channel, () => ({ conversions: new Sum(), value: new Sum(), touchpoints: 0 }));
  const converting: string[][] = [];
  const nonConverting: string[][] = [];
  let attributed = 0;
  const attributedValue = new Sum();
  const unattributedValue = new Sum();
  let inJourneys = 0;
  let outsideLookback = 0;
  let afterConversion = 0;
  const byTime = (a: Touch, b: Touch): number => a.t - b.t || compareChannels(a.channel, b.channel);

  for (const [id, { convs, touches }] of customers) {
    touches.sort(byTime);
    convs.sort((a, b) => a.t - b.t || a.value - b.value);
    let k = 0;
    for (const conv of convs) {
      const from = windowStart === null ? Number.NEGATIVE_INFINITY : windowStart(conv.t);
      const journey: Touch[] = [];
      for (; k < touches.length && touches[k]!.t <= conv.t; k++) {
        if (touches[k]!.t < from) outsideLookback++;
        else journey.push(touches[k]!);
      }
      const record = (credits: readonly number[] | null): void => {
        journeys?.push({
          t: conv.t,
          customerId: id,
          convertedAt: isoString(conv.t),
          value: conv.value,
          touchpoints: journey.map((touch, j) => ({ channel: touch.channel, occurredAt: isoString(touch.t), credit: credits === null ? null : credits[j]! })),
        });
      };
      if (journey.length === 0) {
        record(null);
        unattributedValue.add(conv.value);
        continue;
      }
      attributed++;
      attributedValue.add(conv.value);
      inJourneys += journey.length;
      for (const touch of journey) credit(touch.channel).touchpoints++;
      if (model === "markov") {
        converting.push(journey.map((touch) => touch.channel));
        record(null);
        continue;
      }
      const weights = journeyWeights(model, journey, conv.t, halfLifeMs, firstWeight, lastWeight);
      record(weights);
      for (let j = 0; j < journey.length; j++) {
        const w = weights[j]!;
        if (w === 0) continue;
        const c = credit(journey[j]!.channel);
        c.conversions.add(w);
        c.value.add(w * conv.value);
      }
    }
    afterConversion += touches.length - k;
  }
  if (model === "markov") {
    for (const touches of nonConverters.values()) nonConverting.push(touches.sort(byTime).map((touch) => touch.channel));
  }

  let markov: MarkovChainSummary | null = null;
  const totalAttributedValue = attributedValue.value();
  if (model === "markov") {
    for (const path of nonConverting) for (const channel of path) credit(channel);
    markov = fitMarkov([...credits.keys()].sort(compareChannels), converting, nonConverting, removeSelfLoops);
    let sumEffects = 0;
    for (const e of markov.removalEffects) sumEffects += e.removalEffect;
    for (const e of markov.removalEffects) {
      const share = sumEffects > 0 ? e.removalEffect / sumEffects : 0;
      const c = credit(e.channel);
      c.conversions.add(share * attributed);
      c.value.add(share * totalAttributedValue);
    }
  }

  const channels = [...credits.keys()].sort(compareChannels).map((channel) => {
    const c = credits.get(channel)!;
    const conversionsCredit = c.conversions.value();
    return {
      channel,
      conversions: conversionsCredit,
      value: c.value.value(),
      share: ratio(conversionsCredit, attributed),
      touchpoints: c.touchpoints,
    };
  });
  return {
    model,
    channels,
    conversions: convList.length,
    value: totalValue.value(),
    attributedConversions: attributed,
    attributedValue: totalAttributedValue,
    unattributedConversions: convList.length - attributed,
    unattributedValue: unattributedValue.value(),
    touchpoints: touchList.length,
    touchpointsInJourneys: inJourneys,
    touchpointsOutsideLookback: outsideLookback,
    touchpointsAfterConversion: afterConversion,
    touchpointsWithoutConversion: withoutConversion,
    markov,
    journeys:
      journeys === null
        ? null
        : journeys
            .sort((a, b) => a.t - b.t || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
            .map(({ t: _t, ...journey }) => journey),
  };
}

function resolvePositionWeights(fn: string, value: unknown): [number, number] {
  if (value === undefined) return [0.4, 0.4];
  if (!isRecord(value)) invalidOption(fn, "positionWeights", "must be an object such as { first: 0.4, last: 0.4 }", value);
  const w = value as Record<string, unknown>;
  const read = (name: "first" | "last"): number => {
    const v = w[name];
    if (v === undefined) return 0.4;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
      invalidOption(fn, `positionWeights.${name}`, "must be a finite number from 0 to 1", v);
    }
    return v as number;
  };
  const first = read("first");
  const last = read("last");
  if (first + last > 1 + 1e-12) invalidOption(fn, "positionWeights", "must have first + last <= 1", value);
  if (first + last === 0) invalidOption(fn, "positionWeights", "must have first + last > 0", value);
  return [first, last];
}

function readConversionValue(fn: string, i: number, r: Record<string, unknown>): number {
  if (r["value"] !== undefined && r["value"] !== null) return readAmountField(fn, "conversions", i, r, "value");
  if (r["amount"] !== undefined && r["amount"] !== null) {
    const amount = readAmountField(fn, "conversions", i, r, "amount");
    return r["type"] === "refund" && amount > 0 ? -amount : amount;
  }
  return 0;
}

/** Weights of a journey's touches under a heuristic model; they sum to 1. */
function journeyWeights(
  model: Exclude<AttributionModel, "markov">,
  journey: readonly Touch[],
  at: number,
  halfLifeMs: number,
  first: number,
  last: number,
): number[] {
  const n = journey.length;
  const w = new Array<number>(n).fill(0);
  switch (model) {
    case "first-touch":
      w[0] = 1;
      return w;
    case "last-touch":
      w[n - 1] = 1;
      return w;
    case "linear":
      return w.fill(1 / n);
    case "time-decay": {
      let total = 0;
      for (let j = 0; j < n; j++) {
        w[j] = 2 ** (-(at - journey[j]!.t) / halfLifeMs);
        total += w[j]!;
      }
      // The most recent touch has weight >= 2^-(lookback/halfLife) > 0 unless the lookback is
      // enormous; fall back to last touch if every weight underflows.
      if (!(total > 0)) return journeyWeights("last-touch", journey, at, halfLifeMs, first, last);
      for (let j = 0; j < n; j++) w[j] = w[j]! / total;
      return w;
    }
    case "position-based": {
      if (n === 1) {
        w[0] = 1;
        return w;
      }
      if (n === 2) {
        w[0] = first / (first + last);
        w[1] = last / (first + last);
        return w;
      }
      const middle = (1 - first - last) / (n - 2);
      w.fill(middle);
      w[0] = first;
      w[n - 1] = last;
      return w;
    }
  }
}

/** Fit the first-order chain and compute removal effects. */
function fitMarkov(
  channels: readonly string[],
  converting: readonly string[][],
  nonConverting: readonly string[][],
  removeSelfLoops: boolean,
): MarkovChainSummary {
  const m = channels.length;
  const index = new Map<string, number>();
  channels.forEach((c, i) => index.set(c, i + 1));
  // States: 0 start, 1..m channels, m+1 conversion, m+2 null.
  const size = m + 3;
  const conv = m + 1;
  const nul = m + 2;
  const counts: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const addPath = (path: readonly string[], end: number): void => {
    let from = 0;
    for (const channel of path) {
      const to = index.get(channel)!;
      if (removeSelfLoops && to === from) continue;
      counts[from]![to]!++;
      from = to;
    }
    counts[from]![end]!++;
  };
  for (const p of converting) addPath(p, conv);
  for (const p of nonConverting) addPath(p, nul);
  const matrix = counts.map((row, i) => {
    let total = 0;
    for (const v of row) total += v;
    if (i === conv || i === nul || total === 0) return row.map((_, j) => (j === (i === conv ? conv : nul) ? 1 : 0));
    return row.map((v) => v / total);
  });
  const base = conversionProbability(matrix, m, -1);
  const removalEffects = channels.map((channel, i) => {
    const without = conversionProbability(matrix, m, i + 1);
    const effect = base > 0 ? Math.max(0, 1 - without / base) : 0;
    return { channel, removalEffect: effect, conversionProbabilityWithout: without };
  });
  return {
    states: ["(start)", ...channels, "(conversion)", "(null)"],
    transitionMatrix: matrix,
    conversionProbability: base,
    removalEffects,
    convertingPaths: converting.length,
    nonConvertingPaths: nonConverting.length,
  };
}

/**
 * Probability of absorption in the conversion state from the start: solve
 * `(I − Q) x = r` over the transient states (start and channels), with `removed` (a
 * channel state) sent to null. Channel states 1..m, conversion m + 1.
 */
function conversionProbability(matrix: readonly (readonly number[])[], m: number, removed: number): number {
  const states: number[] = [];
  for (let s = 0; s <= m; s++) if (s !== removed) states.push(s);
  const a = states.map((from, i) =>
    states.map((to, j) => (i === j ? 1 : 0) - matrix[from]![to]!),
  );
  const b = states.map((from) => matrix[from]![m + 1]!);
  const x = solveLinear(a, b);
  if (x === null) return 0;
  const p = x[0]!;
  return p > 0 ? Math.min(1, p) : 0;
}
