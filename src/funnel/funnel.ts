import type { Duration } from "date-fns";
import { CrmMetricsError, describeValue, invalidInput, invalidOption, recordPath } from "../core/errors.js";
import type { TimeZoneOptions } from "../core/options.js";
import { quantileSorted } from "../core/stats/descriptive.js";
import { DenseIdIndex } from "../core/denseIdIndex.js";
import { eventTimestamp } from "../core/eventTimestamp.js";
import { keepScratch, scratch } from "../core/scratch.js";
import { addDuration, resolveDuration, resolveTimeZone, toTimestamp } from "../core/time.js";
import { isIterableObject, isRecord, ratio, resolveEnum, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { Attributes } from "../models/common.js";
import type { Interaction } from "../models/interaction.js";

/** A property value an event can carry and a step or breakdown can compare. */
export type FunnelPropertyValue = string | number | boolean | null;

/** A funnel step: an event name with optional property filters. */
export interface FunnelStepDefinition {
  /** Event name (`Interaction.type`) the step matches. */
  readonly event: string;
  /**
   * Properties the event must carry with these exact values (JSON-friendly filter). A
   * missing property equals `null`.
   */
  readonly properties?: Readonly<Record<string, FunnelPropertyValue>>;
  /** Predicate on the event's properties (`{}` when it has none), applied after `properties`. */
  readonly where?: (properties: Attributes, event: Interaction) => boolean;
  /**
   * Name of the step in results.
   * @defaultValue the event name
   */
  readonly name?: string;
}

/** A step: an event name, or a {@link FunnelStepDefinition}. */
export type FunnelStep = string | FunnelStepDefinition;

/** An exclusion: customers who do `event` between two steps of their attempt are removed. */
export interface FunnelExclusion {
  /** The excluded event: a name or a step definition with filters. */
  readonly event: FunnelStep;
  /** Index (0-based) of the step after which the exclusion applies. */
  readonly fromStep: number;
  /** Index (0-based) of the step before which the exclusion applies; `> fromStep`. */
  readonly toStep: number;
}

/** Step order conventions. */
export type FunnelOrder = "ordered" | "strict" | "unordered";

/** Which attempt of a customer is scored. */
export type FunnelAttempt = "latest" | "first" | "longest";

/** Unit that a funnel counts. */
export type FunnelCounting = "customers" | "attempts";

/** Options of {@link funnel}. */
export interface FunnelOptions extends TimeZoneOptions {
  /**
   * `"ordered"`: steps in sequence, other events may occur in between (PostHog, Mixpanel
   * and Amplitude default). `"strict"`: no other event of the customer between two steps.
   * `"unordered"`: distinct steps in any order inside the window.
   * @defaultValue `"ordered"`
   */
  readonly order?: FunnelOrder;
  /**
   * Conversion window measured from the first step's event to every later step,
   * inclusive. Days, weeks, months and years are calendar units in `timeZone`.
   * @defaultValue `{ days: 14 }` (PostHog; Mixpanel and Amplitude use 30 days)
   */
  readonly window?: Duration;
  /**
   * `"latest"` (PostHog): every first-step event starts an attempt, a step binds to the
   * latest attempt that reached the step before, and the customer's furthest attempt
   * counts. `"first"` (Mixpanel): only the customer's first first-step event starts an
   * attempt. `"longest"` (Amplitude's earliest-longest): every first-step event starts a
   * separate attempt and the deepest (then earliest) one counts.
   * @defaultValue `"latest"`
   */
  readonly attempt?: FunnelAttempt;
  /**
   * `"customers"`: each customer counts once (uniques). `"attempts"` (Mixpanel totals):
   * a customer enters again with the first first-step event after the previous attempt
   * ended (converted, or its window closed); `attempt` is then not used.
   * @defaultValue `"customers"`
   */
  readonly counting?: FunnelCounting;
  /**
   * Exclusion steps. A customer whose scored attempt has an exclusion event strictly after
   * its `fromStep` event and before its `toStep` event (or, when `toStep` was not reached,
   * within the window) is removed from the whole funnel unless a clean attempt reaches the
   * same depth (PostHog). Not available for `"unordered"` funnels.
   * @defaultValue `[]`
   */
  readonly exclusions?: readonly FunnelExclusion[];
  /**
   * Breakdown: a property name, or a function of the event returning the value.
   * @defaultValue none
   */
  readonly breakdownBy?: string | ((event: Interaction) => FunnelPropertyValue | undefined);
  /**
   * Which event of the scored attempt gives the breakdown value: `"first_touch"` (the
   * first step's event, PostHog's default) or `"last_touch"` (the last step reached).
   * @defaultValue `"first_touch"`
   */
  readonly breakdownAttribution?: "first_touch" | "last_touch";
  /**
   * How many breakdown values are kept (ranked by customers who converted, then by
   * customers who entered, then by value); the rest are merged into one `"other"` row.
   * @defaultValue `25` (PostHog)
   */
  readonly breakdownLimit?: number;
  /**
   * Number of bins of the time-to-convert histogram, 1..90.
   * @defaultValue `ceil(cbrt(n))` clamped to 1..60 (PostHog)
   */
  readonly binCount?: number;
}

/** One step of a funnel result. */
export interface FunnelStepResult {
  /** 0-based index of the step. */
  readonly step: number;
  /** Step name (in unordered funnels: `"1 step"`, `"2 steps"`, ...). */
  readonly name: string;
  /** Customers (or attempts) that reached at least this step. */
  readonly entered: number;
  /** `entered` over the previous step's `entered`; 1 for step 0 when it has entries; `null` on 0. */
  readonly conversionRateFromPrevious: number | null;
  /** `entered` over step 0's `entered`; `null` on 0. */
  readonly conversionRateFromStart: number | null;
  /** Previous step's `entered` minus this one's (0 for step 0). */
  readonly droppedOff: number;
  /** `droppedOff` over the previous step's `entered`; 0 for step 0; `null` on 0. */
  readonly dropOffRate: number | null;
  /** Median time from the previous step's event to this step's, in ms; `null` for step 0 or no entries. */
  readonly medianTimeFromPreviousMs: number | null;
  /** Mean of the same times, in ms. */
  readonly meanTimeFromPreviousMs: number | null;
  /** The median in a readable unit, such as `"2.5 hours"`. */
  readonly medianTimeFromPrevious: string | null;
  /** The mean in a readable unit. */
  readonly meanTimeFromPrevious: string | null;
}

/** One bin of the time-to-convert histogram: `[fromMs, toMs)`, the last bin closed. */
export interface FunnelTimeBin {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
}

/** Time from the first to the last step of the converted customers (or attempts). */
export interface FunnelTimeToConvert {
  /** Converted customers (or attempts). */
  readonly n: number;
  readonly medianMs: number | null;
  readonly meanMs: number | null;
  /** Readable median. */
  readonly median: string | null;
  /** Histogram; empty when nothing converted. */
  readonly bins: readonly FunnelTimeBin[];
}

/** Counts and rates of a funnel (overall or of one breakdown value). */
export interface FunnelSummary {
  /** Per step. */
  readonly steps: readonly FunnelStepResult[];
  /** Entries into step 0. */
  readonly entered: number;
  /** Entries that reached the last step. */
  readonly converted: number;
  /** `converted / entered`; `null` when nobody entered. */
  readonly conversionRate: number | null;
  /** Time to convert through the whole funnel. */
  readonly timeToConvert: FunnelTimeToConvert;
}

/** One breakdown row. */
export interface FunnelBreakdownRow extends FunnelSummary {
  /** `"value"` for a kept value, `"other"` for the merged tail, `"null"` for missing values. */
  readonly kind: "value" | "other" | "null";
  /** The breakdown value (`null` for the `"other"` and `"null"` rows). */
  readonly value: string | number | boolean | null;
}

/** Result of {@link funnel}. */
export interface FunnelResult extends FunnelSummary {
  /** Distinct customers with at least one event matching a step or an exclusion. */
  readonly customers: number;
  /** Customers (or attempts) removed by exclusions. */
  readonly excluded: number;
  readonly order: FunnelOrder;
  readonly attempt: FunnelAttempt;
  readonly counting: FunnelCounting;
  /** Breakdown rows (kept values, then `"other"`, then `"null"`); `null` without `breakdownBy`. */
  readonly breakdown: readonly FunnelBreakdownRow[] | null;
}

const FN = "funnel";
const MAX_STEPS = 30;
const NO_PROPS: Attributes = Object.freeze({});
const NO_EVENTS: number[] = [];
const NO_CHAINS: Chain[] = [];

interface Matcher {
  readonly bit: number;
  /** `1 << bit`. */
  readonly mask: number;
  /** No property filter and no predicate. */
  readonly plain: boolean;
  readonly properties: readonly (readonly [string, FunnelPropertyValue])[] | null;
  readonly where: ((properties: Attributes, event: Interaction) => boolean) | null;
}

/** One attempt in progress: the events bound to steps 0..level. */
interface Chain {
  readonly attempt: number;
  readonly windowEnd: number;
  /** Step of the last event of the chain. */
  readonly depth: number;
  /** Time and index of the event that filled step `depth`. */
  readonly t: number;
  readonly ev: number;
  /** The chain up to the previous step. */
  readonly prev: Chain | null;
}

/** The scored outcome of one entry (customer or attempt). */
interface Outcome {
  depth: number;
  times: number[];
  events: number[];
  excluded: boolean;
}

interface Exclusion {
  readonly from: number;
  readonly to: number;
}

/**
 * Event funnel with PostHog's semantics: a customer enters with a step-0 event and reaches
 * step k when events matching steps 1..k follow in order within the conversion window,
 * which runs from the step-0 event (inclusive). Each customer is counted once, at their
 * furthest step ("reached at least step k"); a later step-0 event restarts the attempt
 * (`attempt: "latest"`), or only the first counts (`"first"`, Mixpanel), or the deepest
 * separate attempt (`"longest"`, Amplitude).
 *
 * Events of a customer are sorted by time. Events sharing a timestamp are taken in the
 * order of the lowest step they match (then the highest, then input order), so equal
 * timestamps may satisfy consecutive steps in step order; one event fills at most one step
 * of an attempt, and each step keeps the first event that reached it.
 *
 * @param events - `Interaction` records: `customerId`, `occurredAt`, `type` (event name), `properties`.
 * @param steps - Two or more steps (at most 30): event names or {@link FunnelStepDefinition}s.
 * @param options - Order, window, attempt, counting, exclusions, breakdown.
 * @returns Per-step counts, conversion and drop-off rates, times between steps, the
 *   time-to-convert histogram and the breakdown; rates are `null` on empty denominators.
 * @throws {CrmMetricsError} `INVALID_INPUT` for an event without a valid `customerId`,
 *   `occurredAt` or `type`, or with non-object `properties` where they are read (events of a
 *   step or exclusion with a `properties` or `where` filter; with a breakdown, every step and
 *   exclusion event); `INVALID_OPTION` for bad steps or options.
 *
 * @example
 * const events = [
 *   { customerId: "a", occurredAt: "2024-01-01T10:00:00Z", type: "signup" },
 *   { customerId: "a", occurredAt: "2024-01-01T12:00:00Z", type: "purchase" },
 *   { customerId: "b", occurredAt: "2024-01-02T09:00:00Z", type: "signup" },
 * ];
 * funnel(events, ["signup", "purchase"]).conversionRate
 * // => 0.5
 * @example
 * const events = [
 *   { customerId: "a", occurredAt: "2024-01-01T10:00:00Z", type: "signup" },
 *   { customerId: "a", occurredAt: "2024-01-01T12:00:00Z", type: "purchase" },
 * ];
 * funnel(events, ["signup", "purchase"]).steps[1]?.medianTimeFromPrevious
 * // => "2 hours"
 */
export function funnel(
  events: Iterable<Interaction>,
  steps: readonly FunnelStep[],
  options?: FunnelOptions,
): FunnelResult {
  const opts = resolveOptions(FN, options);
  const order = resolveEnum<FunnelOrder>(FN, "order", opts.order, ["ordered", "strict", "unordered"], "ordered");
  const attempt = resolveEnum<FunnelAttempt>(FN, "attempt", opts.attempt, ["latest", "first", "longest"], "latest");
  const counting = resolveEnum<FunnelCounting>(FN, "counting", opts.counting, ["customers", "attempts"], "customers");
  const zone = resolveTimeZone(FN, opts.timeZone);
  const window = resolveDuration(FN, "window", opts.window, { days: 14 });
  const attribution = resolveEnum(FN, "breakdownAttribution", opts.breakdownAttribution, ["first_touch", "last_touch"], "first_touch");
  const breakdownLimit = resolveNumberOption(FN, "breakdownLimit", opts.breakdownLimit, 25, { integer: true, min: 1 });
  const binCount =
    opts.binCount === undefined ? null : resolveNumberOption(FN, "binCount", opts.binCount, 1, { integer: true, min: 1, max: 90 });
  const breakdownBy = opts.breakdownBy;
  if (breakdownBy !== undefined && typeof breakdownBy !== "function" && (typeof breakdownBy !== "string" || breakdownBy === "")) {
    invalidOption(FN, "breakdownBy", "must be a property name or a function of the event", breakdownBy);
  }

  // --- steps and exclusions -> matchers by event name
  if (!Array.isArray(steps) || steps.length < 2 || steps.length > MAX_STEPS) {
    throw new CrmMetricsError(
      "INVALID_OPTION",
      `${FN}: steps must be an array of 2 to ${MAX_STEPS} steps, got ${Array.isArray(steps) ? `${steps.length} steps` : typeof steps}`,
      "steps",
    );
  }
  const nSteps = steps.length;
  const last = nSteps - 1;
  const stepMatchers = new Map<string, Matcher[]>();
  const names: string[] = [];
  steps.forEach((s, i) => {
    const { event, matcher, name } = compileStep(`steps[${i}]`, s, i);
    names.push(name);
    addMatcher(stepMatchers, event, matcher);
  });
  const exclusionMatchers = new Map<string, Matcher[]>();
  const exclusions: Exclusion[] = [];
  if (opts.exclusions !== undefined) {
    if (!Array.isArray(opts.exclusions)) invalidOption(FN, "exclusions", "must be an array", opts.exclusions);
    if (order === "unordered" && opts.exclusions.length > 0) {
      invalidOption(FN, "exclusions", 'are not supported with order "unordered"', opts.exclusions);
    }
    if (opts.exclusions.length > MAX_STEPS) invalidOption(FN, "exclusions", `must have at most ${MAX_STEPS} entries`, opts.exclusions);
    opts.exclusions.forEach((ex: unknown, i: number) => {
      const name = `exclusions[${i}]`;
      if (!isRecord(ex)) invalidOption(FN, name, "must be an object { event, fromStep, toStep }", ex);
      const from = resolveNumberOption(FN, `${name}.fromStep`, ex.fromStep, -1, { integer: true, min: 0, max: last - 1 });
      if (ex.fromStep === undefined) invalidOption(FN, `${name}.fromStep`, "is required", undefined);
      const to = resolveNumberOption(FN, `${name}.toStep`, ex.toStep, -1, { integer: true, min: from + 1, max: last });
      if (ex.toStep === undefined) invalidOption(FN, `${name}.toStep`, "is required", undefined);
      const { event, matcher } = compileStep(`options.${name}.event`, ex.event as FunnelStep, i);
      exclusions.push({ from, to });
      addMatcher(exclusionMatchers, event, matcher);
    });
  }

  // --- read events (one pass): customer, time, step and exclusion masks
  const keepAll = order === "strict";
  const hasWindowCalendar =
    window.months !== undefined || window.years !== undefined || (zone !== "UTC" && (window.days !== undefined || window.weeks !== undefined));
  const read = readFunnelEvents(events, stepMatchers, exclusionMatchers, keepAll, zone, breakdownBy !== undefined);
  const { custOf, times, masks, exMasks, eventIndex, nKept, nCustomers, nMatched, keptEvents } = read;

  // --- group kept events by customer (counting sort, stable), then sort each by time
  const offsets = scratch("funnel.offsets", Int32Array, nCustomers + 1).fill(0);
  for (let k = 0; k < nKept; k++) offsets[custOf[k]! + 1]!++;
  for (let c = 0; c < nCustomers; c++) offsets[c + 1]! += offsets[c]!;
  const cursor = scratch("funnel.cursor", Int32Array, nCustomers);
  cursor.set(offsets.subarray(0, nCustomers));
  const sorted = scratch("funnel.sorted", Int32Array, nKept);
  for (let k = 0; k < nKept; k++) sorted[cursor[custOf[k]!]!++] = k;
  // ties: lowest matched step first, then highest, then input order
  const before = (a: number, b: number): boolean => {
    const d = times[a]! - times[b]!;
    if (d !== 0) return d < 0;
    const ma = masks[a]!;
    const mb = masks[b]!;
    if (ma !== mb) {
      const la = ma === 0 ? -1 : Math.clz32(ma & -ma);
      const lb = mb === 0 ? -1 : Math.clz32(mb & -mb);
      if (la !== lb) return la > lb;
      const ha = ma === 0 ? -1 : Math.clz32(ma);
      const hb = mb === 0 ? -1 : Math.clz32(mb);
      if (ha !== hb) return ha > hb;
    }
    return a < b;
  };

  const windowMs = hasWindowCalendar ? 0 : fixedDurationMs(window);
  const windowEndOf = hasWindowCalendar ? (t: number): number => addDuration(t, window, zone) : (t: number): number => t + windowMs;

  let maxLen = 0;
  for (let c = 0; c < nCustomers; c++) maxLen = Math.max(maxLen, offsets[c + 1]! - offsets[c]!);
  const ctx: Context = {
    times,
    masks,
    exMasks,
    exclusions,
    last,
    windowEndOf,
    strict: order === "strict",
    len: 0,
    entered: new Array<Chain | null>(last + 1).fill(null),
  };
  const seg = new Int32Array(maxLen);
  const outcomes = new OutcomeColumns(nSteps, nCustomers);
  let excluded = 0;
  for (let c = 0; c < nCustomers; c++) {
    const lo = offsets[c]!;
    const hi = offsets[c + 1]!;
    if (lo === hi) continue;
    for (let p = lo; p < hi; p++) seg[p - lo] = sorted[p]!;
    ctx.len = hi - lo;
    sortSegment(seg, 0, ctx.len, before);
    if (counting === "attempts") {
      for (const o of attemptsOf(ctx, seg, order)) {
        if (o.excluded) excluded++;
        else outcomes.push(o);
      }
      continue;
    }
    const o = order === "unordered" ? unorderedOutcome(ctx, seg, attempt) : orderedOutcome(ctx, seg, attempt);
    if (o === null) continue;
    if (o.excluded) excluded++;
    else outcomes.push(o);
  }

  const stepNames = order === "unordered" ? names.map((_, k) => (k === 0 ? "1 step" : `${k + 1} steps`)) : names;
  const overall = summarize(outcomes, null, stepNames, binCount);
  let breakdown: FunnelBreakdownRow[] | null = null;
  if (breakdownBy !== undefined) {
    breakdown = breakdownRows(keptEvents!, eventIndex, outcomes, breakdownBy, attribution, breakdownLimit, stepNames, binCount);
  }
  for (const [key, array] of [["offsets", offsets], ["cursor", cursor], ["sorted", sorted], ["custOf", custOf], ["times", times], ["masks", masks], ["exMasks", exMasks], ["eventIndex", eventIndex]] as const) {
    keepScratch(`funnel.${key}`, array);
  }
  return { ...overall, customers: keepAll ? nMatched : nCustomers, excluded, order, attempt, counting, breakdown };
}

/** Kept events (those matching a step or an exclusion, or all in strict funnels) as columns, indexed by kept position. */
interface FunnelColumns {
  readonly custOf: Int32Array;
  readonly times: Float64Array;
  readonly masks: Int32Array;
  readonly exMasks: Int32Array;
  /** Position of each kept event in the input. */
  readonly eventIndex: Int32Array;
  readonly nKept: number;
  /** Distinct customers of the kept events. */
  readonly nCustomers: number;
  /** Customers with an event matching a step or an exclusion (strict funnels keep others too). */
  readonly nMatched: number;
  /** The kept events themselves (for the breakdown), or `null`. */
  readonly keptEvents: Interaction[] | null;
}

/**
 * Read and validate every event once (arrays by index, other iterables lazily), in its own
 * function so that the hot loop is optimised on its own.
 */
function readFunnelEvents(
  events: Iterable<Interaction>,
  stepMatchers: ReadonlyMap<string, Matcher[]>,
  exclusionMatchers: ReadonlyMap<string, Matcher[]>,
  keepAll: boolean,
  zone: string,
  keepEvents: boolean,
): FunnelColumns {
  const isArray = Array.isArray(events);
  if (!isArray && !isIterableObject(events)) invalidInput(FN, "events", "must be an array or iterable of records", events);
  const list = isArray ? (events as readonly Interaction[]) : null;
  let cap = Math.max(16, list !== null ? list.length : 1024);
  // reused from the last call (see core/scratch.ts): every element below nKept is written
  let custOf = scratch("funnel.custOf", Int32Array, cap);
  let times = scratch("funnel.times", Float64Array, cap);
  let masks = scratch("funnel.masks", Int32Array, cap);
  let exMasks = scratch("funnel.exMasks", Int32Array, cap);
  let eventIndex = scratch("funnel.eventIndex", Int32Array, cap);
  let nKept = 0;
  const customerIndex = new DenseIdIndex();
  const utc = zone === "UTC";
  let lastType = "";
  let lastMatchers: Matcher[] | undefined;
  let lastExclusions: Matcher[] | undefined;
  let lastReadsProps = false;
  // Event types whose `properties` the funnel reads: a step or exclusion with a filter, and
  // with a breakdown every step and exclusion event (the breakdown reads the kept events).
  const readsProps = new Set<string>();
  for (const map of [stepMatchers, exclusionMatchers]) {
    for (const [type, matchers] of map) if (keepEvents || matchers.some((m) => !m.plain)) readsProps.add(type);
  }
  let matchedCustomers = keepAll ? new Uint8Array(cap) : null;
  let nMatched = 0;
  const keptEvents: Interaction[] | null = keepEvents ? [] : null;
  const iterator = list !== null ? null : events[Symbol.iterator]();
  const n = list !== null ? list.length : Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let e: unknown;
    if (list !== null) e = list[i];
    else {
      const step = iterator!.next();
      if (step.done === true) break;
      e = step.value;
    }
    if (typeof e !== "object" || e === null || Array.isArray(e)) invalidInput(FN, recordPath("events", i), "must be an object", e);
    const rec = e as Interaction;
    const cid = rec.customerId;
    if (!((typeof cid === "string" && cid !== "") || (typeof cid === "number" && Number.isFinite(cid)))) {
      invalidInput(FN, recordPath("events", i, "customerId"), "must be a non-empty string or a finite number", cid);
    }
    const type = rec.type;
    if (typeof type !== "string" || type === "") invalidInput(FN, recordPath("events", i, "type"), "must be a non-empty string", type);
    if (type !== lastType) {
      lastType = type;
      lastMatchers = stepMatchers.get(type);
      lastExclusions = exclusionMatchers.get(type);
      lastReadsProps = readsProps.has(type);
    }
    const sm = lastMatchers;
    const xs = lastExclusions;
    // `properties` is checked only where it is read. It is a separate object per event, and
    // touching it on every event took about half the time of a funnel over a million events.
    if (lastReadsProps) {
      const props = rec.properties;
      if (props !== undefined && props !== null && (typeof props !== "object" || Array.isArray(props))) {
        invalidInput(FN, recordPath("events", i, "properties"), "must be an object", props);
      }
    }
    const at = rec.occurredAt;
    let t = eventTimestamp(at, zone, utc);
    if (t !== t) t = toTimestamp(FN, recordPath("events", i, "occurredAt"), at, zone);
    const m = sm === undefined ? 0 : sm.length === 1 && sm[0]!.plain ? sm[0]!.mask : matchMask(sm, rec);
    const xm = xs === undefined ? 0 : matchMask(xs, rec);
    if (!keepAll && m === 0 && xm === 0) continue;
    if (nKept === cap) {
      cap *= 2;
      custOf = grow(custOf, new Int32Array(cap));
      times = grow(times, new Float64Array(cap));
      masks = grow(masks, new Int32Array(cap));
      exMasks = grow(exMasks, new Int32Array(cap));
      eventIndex = grow(eventIndex, new Int32Array(cap));
    }
    if (keptEvents !== null) keptEvents.push(rec);
    const id = typeof cid === "string" ? cid : String(cid);
    const c = customerIndex.intern(id);
    custOf[nKept] = c;
    times[nKept] = t;
    masks[nKept] = m;
    exMasks[nKept] = xm;
    eventIndex[nKept] = i;
    nKept++;
    if (matchedCustomers !== null) {
      if (c === matchedCustomers.length) matchedCustomers = grow(matchedCustomers, new Uint8Array(c * 2));
      if ((m !== 0 || xm !== 0) && matchedCustomers[c] === 0) {
        matchedCustomers[c] = 1;
        nMatched++;
      }
    }
  }
  return { custOf, times, masks, exMasks, eventIndex, nKept, nCustomers: customerIndex.size, nMatched, keptEvents };
}

interface Context {
  readonly times: Float64Array;
  readonly masks: Int32Array;
  readonly exMasks: Int32Array;
  readonly exclusions: readonly Exclusion[];
  readonly last: number;
  readonly windowEndOf: (t: number) => number;
  readonly strict: boolean;
  /** Length of the current customer's events in `seg`. */
  len: number;
  /** Scratch: the latest chain per step. */
  readonly entered: (Chain | null)[];
}

function compileStep(path: string, step: FunnelStep, bit: number): { event: string; matcher: Matcher; name: string } {
  if (typeof step === "string") {
    if (step === "") badStep(path, "must be a non-empty event name", step);
    return { event: step, matcher: { bit, mask: 1 << bit, plain: true, properties: null, where: null }, name: step };
  }
  if (!isRecord(step)) return badStep(path, "must be an event name or { event, properties?, where? }", step);
  const s = step as unknown as FunnelStepDefinition;
  if (typeof s.event !== "string" || s.event === "") badStep(`${path}.event`, "must be a non-empty event name", s.event);
  let properties: [string, FunnelPropertyValue][] | null = null;
  if (s.properties !== undefined) {
    if (!isRecord(s.properties)) badStep(`${path}.properties`, "must be an object of property values", s.properties);
    properties = Object.entries(s.properties);
  }
  if (s.where !== undefined && typeof s.where !== "function") badStep(`${path}.where`, "must be a function", s.where);
  if (s.name !== undefined && typeof s.name !== "string") badStep(`${path}.name`, "must be a string", s.name);
  return { event: s.event, matcher: { bit, mask: 1 << bit, plain: properties === null && s.where === undefined, properties, where: s.where ?? null }, name: s.name ?? s.event };
}

function badStep(path: string, rule: string, value: unknown): never {
  throw new CrmMetricsError("INVALID_OPTION", `${FN}: ${path} ${rule}, got ${describeValue(value)}`, path);
}

function addMatcher(map: Map<string, Matcher[]>, event: string, matcher: Matcher): void {
  const list = map.get(event);
  if (list === undefined) map.set(event, [matcher]);
  else list.push(matcher);
}

function matchMask(list: readonly Matcher[], event: Interaction): number {
  let mask = 0;
  for (const m of list) {
    if (m.plain) {
      mask |= m.mask;
      continue;
    }
    const props = (event.properties ?? NO_PROPS) as Attributes;
    let ok = true;
    if (m.properties !== null) {
      for (const [k, v] of m.properties) {
        const actual = Object.hasOwn(props, k) ? props[k] : null;
        if (actual !== v) {
          ok = false;
          break;
        }
      }
    }
    if (ok && m.where !== null) ok = m.where(props, event) === true;
    if (ok) mask |= 1 << m.bit;
  }
  return mask;
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function fixedDurationMs(d: Duration): number {
  return (
    (d.weeks ?? 0) * 604_800_000 + (d.days ?? 0) * 86_400_000 + (d.hours ?? 0) * 3_600_000 + (d.minutes ?? 0) * 60_000 + (d.seconds ?? 0) * 1000
  );
}

/** Stable insertion sort of `a[lo, hi)` for small runs; Array sort otherwise. */
function sortSegment(a: Int32Array, lo: number, hi: number, before: (x: number, y: number) => boolean): void {
  if (hi - lo <= 32) {
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i]!;
      let j = i - 1;
      while (j >= lo && before(v, a[j]!)) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = v;
    }
    return;
  }
  const part = Array.from(a.subarray(lo, hi)).sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
  a.set(part, lo);
}

/** The outcome of a customer in an ordered or strict funnel, by attempt mode. */
function orderedOutcome(ctx: Context, seg: Int32Array, attempt: FunnelAttempt): Outcome | null {
  if (attempt === "latest") return runChains(ctx, seg, -1);
  let best: Outcome | null = null;
  let bestClean: Outcome | null = null;
  for (let p = 0; p < ctx.len; p++) {
    if ((ctx.masks[seg[p]!]! & 1) === 0) continue;
    const o = runChains(ctx, seg, p);
    if (o === null) continue;
    if (best === null || o.depth > best.depth) best = o;
    if (!o.excluded && (bestClean === null || o.depth > bestClean.depth)) bestClean = o;
    if (attempt === "first" || (bestClean !== null && bestClean.depth === ctx.last)) break;
  }
  return pickClean(best, bestClean);
}

function pickClean(best: Outcome | null, bestClean: Outcome | null): Outcome | null {
  if (best === null) return null;
  if (bestClean !== null && bestClean.depth >= best.depth) return bestClean;
  return { ...best, excluded: true };
}

/**
 * The chain state machine. With `anchor = -1` every step-0 event starts a new attempt
 * (PostHog's latest-attempt binding); otherwise only the event at `seg[anchor]` does and
 * processing starts there.
 */
function runChains(ctx: Context, seg: Int32Array, anchor: number): Outcome | null {
  const { times, masks, exMasks, exclusions, last, strict } = ctx;
  const entered = ctx.entered.fill(null);
  const track = exclusions.length > 0;
  const exEvents: number[] = track ? [] : NO_EVENTS;
  if (track) for (let p = anchor < 0 ? 0 : anchor; p < ctx.len; p++) if (exMasks[seg[p]!]! !== 0) exEvents.push(seg[p]!);
  const created: Chain[] = track ? [] : NO_CHAINS;
  let best: Chain | null = null;
  let attempts = 0;
  let done = false;
  const start = anchor < 0 ? 0 : anchor;
  for (let g = start; g < ctx.len && !done; ) {
    // one tie group: events sharing a timestamp
    const t = times[seg[g]!]!;
    let h = g;
    while (h < ctx.len && times[seg[h]!]! === t) h++;
    let groupMask = 0;
    for (let p = g; p < h; p++) {
      const ev = seg[p]!;
      const m = masks[ev]!;
      groupMask |= m;
      for (let k = last; k >= 0; k--) {
        if ((m & (1 << k)) === 0) continue;
        let chain: Chain;
        if (k === 0) {
          if (anchor >= 0 && p !== anchor) continue;
          chain = { attempt: attempts++, windowEnd: ctx.windowEndOf(t), depth: 0, t, ev, prev: null };
        } else {
          const prev = entered[k - 1];
          if (prev === null || prev === undefined || t > prev.windowEnd) continue;
          const cur = entered[k];
          if (cur !== null && cur !== undefined && cur.attempt === prev.attempt) continue;
          chain = { attempt: prev.attempt, windowEnd: prev.windowEnd, depth: k, t, ev, prev };
        }
        entered[k] = chain;
        if (track) created.push(chain);
        if (best === null || k > best.depth) best = chain;
        if (k === last && (!track || !isTainted(ctx, chain, exEvents))) done = true;
      }
    }
    if (strict) {
      for (let k = 0; k <= last; k++) if ((groupMask & (1 << k)) === 0) entered[k] = null;
    }
    g = h;
  }
  if (best === null) return null;
  if (!track) return outcomeOf(best, false);
  let clean: Chain | null = null;
  for (const c of created) {
    if ((clean === null || c.depth > clean.depth) && !isTainted(ctx, c, exEvents)) clean = c;
  }
  if (clean !== null && clean.depth >= best.depth) return outcomeOf(clean, false);
  return outcomeOf(best, true);
}

function outcomeOf(chain: Chain, excluded: boolean): Outcome {
  const times = new Array<number>(chain.depth + 1);
  const events = new Array<number>(chain.depth + 1);
  for (let c: Chain | null = chain; c !== null; c = c.prev) {
    times[c.depth] = c.t;
    events[c.depth] = c.ev;
  }
  return { depth: chain.depth, times, events, excluded };
}

/**
 * Whether an exclusion event falls strictly between the chain's `from` and `to` events, or
 * after its `from` event and inside its window when the chain did not reach `to`.
 */
function isTainted(ctx: Context, chain: Chain, exEvents: readonly number[]): boolean {
  if (exEvents.length === 0) return false;
  const stepTimes = outcomeOf(chain, false).times;
  for (const x of exEvents) {
    const xm = ctx.exMasks[x]!;
    const tx = ctx.times[x]!;
    for (let j = 0; j < ctx.exclusions.length; j++) {
      if ((xm & (1 << j)) === 0) continue;
      const { from, to } = ctx.exclusions[j]!;
      if (from > chain.depth || !(tx > stepTimes[from]!)) continue;
      if (chain.depth >= to ? tx < stepTimes[to]! : tx <= chain.windowEnd) return true;
    }
  }
  return false;
}

/**
 * Unordered funnel outcome: an attempt starts at any event that matches a step, and
 * reaches depth k - 1 when k distinct steps are matched by distinct events inside the window
 * (maximum matching). The deepest attempt counts (the first one with `attempt: "first"`).
 */
function unorderedOutcome(ctx: Context, seg: Int32Array, attempt: FunnelAttempt): Outcome | null {
  let best: Outcome | null = null;
  for (let p = 0; p < ctx.len; p++) {
    if (ctx.masks[seg[p]!]! === 0) continue;
    const o = unorderedAttempt(ctx, seg, p);
    if (best === null || o.depth > best.depth) best = o;
    if (attempt === "first" || best.depth === ctx.last) break;
  }
  return best;
}

function unorderedAttempt(ctx: Context, seg: Int32Array, p: number): Outcome {
  const { times, masks, last } = ctx;
  const end = ctx.windowEndOf(times[seg[p]!]!);
  const stepOwner = new Array<number>(last + 1).fill(-1); // seg position matched to each step
  let matched = 0;
  for (let q = p; q < ctx.len && matched <= last; q++) {
    const ev = seg[q]!;
    if (times[ev]! > end) break;
    if (masks[ev]! === 0) continue;
    if (augment(q, new Set<number>())) matched++;
  }
  const chosen: number[] = stepOwner.filter((q) => q >= 0).sort((a, b) => a - b);
  return {
    depth: matched - 1,
    times: chosen.map((q) => times[seg[q]!]!),
    events: chosen.map((q) => seg[q]!),
    excluded: false,
  };

  function augment(q: number, seen: Set<number>): boolean {
    const m = masks[seg[q]!]!;
    for (let k = 0; k <= last; k++) {
      if ((m & (1 << k)) === 0 || seen.has(k)) continue;
      seen.add(k);
      if (stepOwner[k] === -1 || augment(stepOwner[k]!, seen)) {
        stepOwner[k] = q;
        return true;
      }
    }
    return false;
  }
}

/** Mixpanel "totals": consecutive attempts, each entered after the previous one ended. */
function attemptsOf(ctx: Context, seg: Int32Array, order: FunnelOrder): Outcome[] {
  const out: Outcome[] = [];
  const { times, masks, last } = ctx;
  const entryMask = order === "unordered" ? -1 : 1;
  let after = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < ctx.len; p++) {
    const ev = seg[p]!;
    if ((masks[ev]! & entryMask) === 0 || times[ev]! <= after) continue;
    const o = order === "unordered" ? unorderedAttempt(ctx, seg, p) : runChains(ctx, seg, p);
    if (o === null) continue;
    out.push(o);
    after = o.depth === last ? o.times[last]! : ctx.windowEndOf(times[ev]!);
  }
  return out;
}

/**
 * The scored outcomes as columns (copied from the short-lived `Outcome` objects, so that
 * 100,000 customers leave no 100,000 objects for the garbage collector to move).
 */
class OutcomeColumns {
  n = 0;
  readonly steps: number;
  depth: Int32Array;
  /** Step times, `steps` per outcome. */
  times: Float64Array;
  /** Kept-event positions of the steps, `steps` per outcome. */
  events: Int32Array;

  constructor(steps: number, capacity: number) {
    const cap = Math.max(16, capacity);
    this.steps = steps;
    this.depth = new Int32Array(cap);
    this.times = new Float64Array(cap * steps);
    this.events = new Int32Array(cap * steps);
  }

  push(o: Outcome): void {
    if (this.n === this.depth.length) {
      this.depth = grow(this.depth, new Int32Array(this.n * 2));
      this.times = grow(this.times, new Float64Array(this.n * 2 * this.steps));
      this.events = grow(this.events, new Int32Array(this.n * 2 * this.steps));
    }
    const base = this.n * this.steps;
    this.depth[this.n] = o.depth;
    for (let k = 0; k <= o.depth; k++) {
      this.times[base + k] = o.times[k]!;
      this.events[base + k] = o.events[k]!;
    }
    this.n++;
  }
}

/** Counts and times of the outcomes `list` (all of them when `null`), in that order. */
function summarize(store: OutcomeColumns, list: readonly number[] | null, names: readonly string[], binCount: number | null): FunnelSummary {
  const nSteps = store.steps;
  const reached = new Array<number>(nSteps).fill(0);
  const gaps: number[][] = names.map(() => []);
  const total: number[] = [];
  const { depth, times } = store;
  const count = list === null ? store.n : list.length;
  for (let j = 0; j < count; j++) {
    const i = list === null ? j : list[j]!;
    const d = depth[i]!;
    const base = i * nSteps;
    for (let k = 0; k <= d; k++) {
      reached[k]!++;
      if (k > 0) gaps[k]!.push(times[base + k]! - times[base + k - 1]!);
    }
    if (d === nSteps - 1) total.push(times[base + nSteps - 1]! - times[base]!);
  }
  const stepResults: FunnelStepResult[] = reached.map((entered, k) => {
    const prev = k === 0 ? entered : reached[k - 1]!;
    const g = gaps[k]!;
    const median = k === 0 ? null : medianOf(g);
    const mean = k === 0 ? null : meanOf(g);
    return {
      step: k,
      name: names[k]!,
      entered,
      conversionRateFromPrevious: ratio(entered, prev),
      conversionRateFromStart: ratio(entered, reached[0]!),
      droppedOff: prev - entered,
      dropOffRate: ratio(prev - entered, prev),
      medianTimeFromPreviousMs: median,
      meanTimeFromPreviousMs: mean,
      medianTimeFromPrevious: readableDuration(median),
      meanTimeFromPrevious: readableDuration(mean),
    };
  });
  const entered = reached[0]!;
  const converted = reached[nSteps - 1]!;
  const medianMs = medianOf(total);
  return {
    steps: stepResults,
    entered,
    converted,
    conversionRate: ratio(converted, entered),
    timeToConvert: { n: total.length, medianMs, meanMs: meanOf(total), median: readableDuration(medianMs), bins: histogram(total, binCount) },
  };
}

function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** PostHog's time-to-convert bins: `ceil(cbrt(n))` bins (1..60), width rounded up to whole seconds. */
function histogram(values: readonly number[], binCount: number | null): FunnelTimeBin[] {
  const n = values.length;
  if (n === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const bins = binCount ?? Math.min(60, Math.max(1, Math.ceil(Math.cbrt(n))));
  let width = Math.ceil((max - min) / bins / 1000) * 1000;
  if (width === 0) width = 60_000;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  return counts.map((count, i) => ({ fromMs: min + i * width, toMs: min + (i + 1) * width, count }));
}

const UNITS: readonly (readonly [number, string])[] = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
  [1000, "second"],
];

/** A duration in the largest unit that gives a value >= 1, rounded to two decimals. */
function readableDuration(ms: number | null): string | null {
  if (ms === null) return null;
  for (const [size, unit] of UNITS) {
    if (ms >= size || size === 1000) {
      const v = Math.round((ms / size) * 100) / 100;
      return `${v} ${unit}${v === 1 ? "" : "s"}`;
    }
  }
  return null;
}

function breakdownRows(
  kept: readonly Interaction[],
  eventIndex: Int32Array,
  store: OutcomeColumns,
  by: string | ((event: Interaction) => FunnelPropertyValue | undefined),
  attribution: "first_touch" | "last_touch",
  limit: number,
  names: readonly string[],
  binCount: number | null,
): FunnelBreakdownRow[] {
  const groups = new Map<string | number | boolean, number[]>();
  const nulls: number[] = [];
  for (let o = 0; o < store.n; o++) {
    const k = store.events[o * store.steps + (attribution === "first_touch" ? 0 : store.depth[o]!)]!;
    const idx = eventIndex[k]!;
    const ev = kept[k]!;
    let v: unknown;
    if (typeof by === "function") v = by(ev);
    else {
      const props = ev.properties;
      v = props !== undefined && props !== null && Object.hasOwn(props, by) ? props[by] : null;
    }
    if (v === null || v === undefined || v === "") {
      nulls.push(o);
      continue;
    }
    if (!(typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)))) {
      const path = typeof by === "function" ? recordPath("events", idx) : `${recordPath("events", idx, "properties")}.${by}`;
      invalidInput(FN, path, "must give a breakdown value that is a string, finite number, boolean or null", v);
    }
    const key = v as string | number | boolean;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [o]);
    else g.push(o);
  }
  const rows = [...groups].map(([value, os]) => ({ value, summary: summarize(store, os, names, binCount), os }));
  rows.sort(
    (a, b) =>
      b.summary.converted - a.summary.converted ||
      b.summary.entered - a.summary.entered ||
      (String(a.value) < String(b.value) ? -1 : String(a.value) > String(b.value) ? 1 : typeof a.value < typeof b.value ? -1 : 1),
  );
  const out: FunnelBreakdownRow[] = rows.slice(0, limit).map((r) => ({ kind: "value", value: r.value, ...r.summary }));
  if (rows.length > limit) {
    const rest = rows.slice(limit).flatMap((r) => r.os);
    out.push({ kind: "other", value: null, ...summarize(store, rest, names, binCount) });
  }
  if (nulls.length > 0) out.push({ kind: "null", value: null, ...summarize(store, nulls, names, binCount) });
  return out;
}
