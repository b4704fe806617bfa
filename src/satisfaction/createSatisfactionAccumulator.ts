import { invalidInput, invalidOption } from "../core/errors.js";
import { isRecord, resolveEnum, resolveLevel, resolveNumberOption, resolveOptions } from "../core/validate.js";
import type { SurveyResponse } from "../models/survey.js";
import { cesFromHistogram, type CesVersion } from "./ces.js";
import { csatFromHistogram } from "./csat.js";
import { addScore, badWeight, emptyHistogram, mergeHistogram, readResponse, type ScoreHistogram, WEIGHT_RULE } from "./histogram.js";
import { npsFromHistogram, type NpsIntervalMethod } from "./nps.js";
import type { SatisfactionMetric, SatisfactionResultOf } from "./satisfactionTrend.js";

/** Options of {@link createSatisfactionAccumulator}: the metric and its options. */
export interface SatisfactionAccumulatorOptions<M extends SatisfactionMetric> {
  /** Which metric the accumulator computes. */
  readonly metric: M;
  /** Interval level. @defaultValue `0.95` */
  readonly level?: number;
  /** NPS interval method. @defaultValue `"adjusted-wald"` */
  readonly method?: NpsIntervalMethod;
  /** CSAT scale (5, 7 or 10); records must declare the same or none. @defaultValue `5` */
  readonly scale?: 5 | 7 | 10;
  /** CSAT threshold. @defaultValue `scale - 1` */
  readonly satisfiedMin?: number;
  /** CES version. @defaultValue `2` */
  readonly version?: CesVersion;
  /** CES easy threshold. @defaultValue `5` (version 2) or `2` (version 1) */
  readonly easyThreshold?: number;
}

/** Plain, JSON-safe state of a satisfaction accumulator, for sending between workers. */
export interface SatisfactionAccumulatorState {
  readonly metric: SatisfactionMetric;
  readonly min: number;
  readonly max: number;
  /** Responses per score, from `min` to `max`. */
  readonly counts: readonly number[];
  /** Sum of weights per score. */
  readonly weights: readonly number[];
  readonly sumSquaredWeights: number;
  readonly n: number;
}

/** A mergeable running NPS, CSAT or CES: see {@link createSatisfactionAccumulator}. */
export interface SatisfactionAccumulator<M extends SatisfactionMetric> {
  /** Responses added so far (including merged ones). */
  readonly n: number;
  /** Add one response (a score or a record of the metric's kind) with an optional weight. */
  add(response: number | SurveyResponse, weight?: number): SatisfactionAccumulator<M>;
  /** Add many responses. */
  addAll(responses: Iterable<number | SurveyResponse>): SatisfactionAccumulator<M>;
  /** Add the responses of another accumulator (or its `toJSON()` state) of the same metric and scale. */
  merge(other: SatisfactionAccumulator<M> | SatisfactionAccumulatorState): SatisfactionAccumulator<M>;
  /** The metric over everything added, exactly as the one-shot function computes it. */
  result(): SatisfactionResultOf<M>;
  /** The state as plain data. */
  toJSON(): SatisfactionAccumulatorState;
}

/**
 * A running NPS, CSAT or CES that can be fed record by record (a database cursor, a
 * stream) and merged across chunks or worker threads. Its sufficient statistic is the
 * weighted histogram of scores, so any split of the input, merged in any order, gives
 * exactly the result of {@link nps}, {@link csat} or {@link ces} on the whole input.
 *
 * @param options - The metric and its options (fixed when the accumulator is created).
 * @returns An empty accumulator.
 * @throws {CrmMetricsError} `INVALID_OPTION` for bad options; `add` throws `INVALID_INPUT`
 *   for a bad response (its path counts responses added so far) and `merge` for a state of
 *   another metric or scale.
 *
 * @example
 * const monday = createSatisfactionAccumulator({ metric: "nps" }).addAll([10, 9, 8]);
 * const tuesday = createSatisfactionAccumulator({ metric: "nps" }).addAll([6, 10]);
 * monday.merge(tuesday).result().score
 * // => 40
 */
export function createSatisfactionAccumulator<M extends SatisfactionMetric>(
  options: SatisfactionAccumulatorOptions<M>,
): SatisfactionAccumulator<M> {
  const fn = "createSatisfactionAccumulator";
  const opts = resolveOptions(fn, options as SatisfactionAccumulatorOptions<M> | undefined);
  const metric = resolveEnum<SatisfactionMetric>(fn, "metric", opts.metric ?? "", ["nps", "csat", "ces"], "nps") as M;
  const level = resolveLevel(fn, opts.level);
  const method = resolveEnum<NpsIntervalMethod>(fn, "method", opts.method, ["adjusted-wald", "wald"], "adjusted-wald");
  if (opts.scale !== undefined && opts.scale !== 5 && opts.scale !== 7 && opts.scale !== 10) {
    invalidOption(fn, "scale", "must be 5, 7 or 10", opts.scale);
  }
  if (opts.version !== undefined && opts.version !== 1 && opts.version !== 2) {
    invalidOption(fn, "version", "must be 1 or 2", opts.version);
  }
  const version: CesVersion = opts.version ?? 2;
  const [min, max] = metric === "nps" ? [0, 10] : metric === "csat" ? [1, opts.scale ?? 5] : [1, version === 2 ? 7 : 5];
  const satisfiedMin = resolveNumberOption(fn, "satisfiedMin", opts.satisfiedMin, max - 1, { integer: true, min: 1, max });
  const easyThreshold = resolveNumberOption(fn, "easyThreshold", opts.easyThreshold, version === 2 ? 5 : 2, { integer: true, min: 1, max });
  const h: ScoreHistogram = emptyHistogram(min, max);

  const acc: SatisfactionAccumulator<M> = {
    get n() {
      return h.n;
    },
    add(response, weight) {
      const index = h.n;
      if (weight !== undefined && badWeight(weight)) invalidInput(fn, `weight[${index}]`, WEIGHT_RULE, weight);
      if (metric === "csat" && isRecord(response) && response["scale"] !== undefined && response["scale"] !== max) {
        invalidInput(fn, `input[${index}].scale`, `must equal the accumulator's scale (${max})`, response["scale"]);
      }
      const [score, w] = readResponse(fn, metric, "input", index, response, min, max);
      addScore(h, score, w * (weight ?? 1));
      return acc;
    },
    addAll(responses) {
      const it = responses as { [Symbol.iterator]?: unknown } | null;
      if (it === null || typeof it !== "object" || typeof it[Symbol.iterator] !== "function") {
        invalidInput(fn, "input", "must be an array or iterable of responses", responses);
      }
      for (const r of responses) acc.add(r);
      return acc;
    },
    merge(other) {
      const o = other as SatisfactionAccumulator<M> | SatisfactionAccumulatorState | null;
      const state = o !== null && typeof o === "object" && "toJSON" in o && typeof o.toJSON === "function" ? o.toJSON() : (o as SatisfactionAccumulatorState);
      if (!isRecord(state) || state.metric !== metric || state.min !== min || state.max !== max) {
        invalidInput(fn, "other", `must be the state of a ${metric} accumulator on ${min}..${max}`, state);
      }
      const ok =
        Array.isArray(state.counts) &&
        Array.isArray(state.weights) &&
        state.counts.length === max - min + 1 &&
        state.weights.length === max - min + 1 &&
        [...state.counts, ...state.weights, state.sumSquaredWeights, state.n].every((v) => typeof v === "number" && Number.isFinite(v) && v >= 0);
      if (!ok) invalidInput(fn, "other", "must have finite, non-negative counts and weights for every score", state);
      mergeHistogram(h, { ...state, counts: [...state.counts], weights: [...state.weights] });
      return acc;
    },
    result() {
      const copy: ScoreHistogram = { ...h, counts: [...h.counts], weights: [...h.weights] };
      if (metric === "nps") return npsFromHistogram(copy, method, level) as SatisfactionResultOf<M>;
      if (metric === "csat") return csatFromHistogram(copy, satisfiedMin, level) as SatisfactionResultOf<M>;
      return cesFromHistogram(copy, version, easyThreshold, level) as SatisfactionResultOf<M>;
    },
    toJSON() {
      return { metric, min, max, counts: [...h.counts], weights: [...h.weights], sumSquaredWeights: h.sumSquaredWeights, n: h.n };
    },
  };
  return acc;
}
