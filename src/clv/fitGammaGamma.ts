import { CrmMetricsError, invalidInput, recordPath } from "../core/errors.js";
import { logGamma } from "../core/stats/special.js";
import { isRecord, readNumber, resolveBooleanOption, resolveEnum, resolveNumberOption, toArray } from "../core/validate.js";
import { fitLogParameters, modelInfo, resolveFitOptions } from "./fitCommon.js";
import type { ClvFitOptions, GammaGammaModel, GammaGammaParams, SpendHistory } from "./types.js";

/** Options of {@link fitGammaGamma}. */
export interface FitGammaGammaOptions extends ClvFitOptions {
  /**
   * Skip customers without repeat purchases (`frequency` 0), whose mean spend says nothing
   * about repeat spend; the model's `excluded` counts them. When false they are an error.
   * @defaultValue `false`
   */
  readonly excludeNonRepeat?: boolean;
  /**
   * The model assumes that spend does not depend on frequency. An absolute Pearson
   * correlation of frequency and monetary value at or above this threshold is reported.
   * @defaultValue `0.3`
   */
  readonly correlationThreshold?: number;
  /**
   * What a strong correlation does: `"warn"` adds a warning to the model, `"throw"` throws
   * `INVALID_INPUT`.
   * @defaultValue `"warn"`
   */
  readonly onCorrelation?: "warn" | "throw";
}

/**
 * Fit the Gamma-Gamma model of spend per transaction (Fader & Hardie 2013, "The
 * Gamma-Gamma Model of Monetary Value"; Colombo & Jiang 1999): a customer's transaction
 * values are gamma(p, nu) with a customer-specific nu that is gamma(q, gamma) across
 * customers. It is fitted on repeat customers' mean spend m-bar over their x repeat
 * transactions:
 * LL_i = lgamma(p x + q) - lgamma(p x) - lgamma(q) + q log gamma + (p x - 1) log m +
 * p x log x - (p x + q) log(gamma + m x). The frequency-spend correlation is checked,
 * since the model assumes independence.
 *
 * @param customers - `{ frequency, monetaryValue, weight? }` with `frequency` > 0 repeat
 *   purchases and their mean value `monetaryValue` > 0.
 * @param options - Non-repeat handling, correlation check, penalty, iteration cap.
 * @returns The fitted model with the correlation and any warnings.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a bad record (or a strong correlation
 *   with `onCorrelation: "throw"`), `EMPTY_INPUT` without repeat customers,
 *   `INVALID_OPTION`, and `NOT_CONVERGED` when asked to.
 *
 * @example
 * const customers = [
 *   { frequency: 1, monetaryValue: 20 }, { frequency: 3, monetaryValue: 35 },
 *   { frequency: 2, monetaryValue: 15 }, { frequency: 5, monetaryValue: 28 },
 *   { frequency: 1, monetaryValue: 60 }, { frequency: 4, monetaryValue: 22 },
 * ];
 * fitGammaGamma(customers).model
 * // => "gamma-gamma"
 */
export function fitGammaGamma(customers: Iterable<SpendHistory>, options?: FitGammaGammaOptions): GammaGammaModel {
  const fn = "fitGammaGamma";
  const opts = resolveFitOptions(fn, options);
  const o = (options ?? {}) as FitGammaGammaOptions;
  const excludeNonRepeat = resolveBooleanOption(fn, "excludeNonRepeat", o.excludeNonRepeat, false);
  const threshold = resolveNumberOption(fn, "correlationThreshold", o.correlationThreshold, 0.3, { min: 0, max: 1 });
  const onCorrelation = resolveEnum(fn, "onCorrelation", o.onCorrelation, ["warn", "throw"] as const, "warn");
  const rows = toArray<unknown>(fn, "customers", customers);
  const merged = new Map<number, Map<number, number>>();
  let excluded = 0;
  for (let i = 0; i < rows.length; i++) {
    const path = recordPath("customers", i);
    const row = rows[i];
    if (!isRecord(row)) invalidInput(fn, path, "must be an object with frequency and monetaryValue", row);
    const rec = row as Record<string, unknown>;
    const x = readNumber(fn, `${path}.frequency`, rec.frequency, { min: 0, integer: true });
    const w = rec.weight === undefined ? 1 : readNumber(fn, `${path}.weight`, rec.weight, { min: 0, minExclusive: true });
    if (x === 0) {
      if (excludeNonRepeat) {
        excluded += w;
        continue;
      }
      invalidInput(fn, `${path}.frequency`, "must be > 0 (pass excludeNonRepeat: true to skip customers without repeat purchases)", x);
    }
    const m = readNumber(fn, `${path}.monetaryValue`, rec.monetaryValue, { min: 0, minExclusive: true });
    let inner = merged.get(x);
    if (inner === undefined) {
      inner = new Map();
      merged.set(x, inner);
    }
    inner.set(m, (inner.get(m) ?? 0) + w);
  }
  if (merged.size === 0) throw new CrmMetricsError("EMPTY_INPUT", `${fn}: customers must hold at least one repeat customer`, "customers");
  const xs: number[] = [];
  const ms: number[] = [];
  const ws: number[] = [];
  // Rows in key order, so that the fit does not depend on the order of the input records.
  for (const x of [...merged.keys()].sort((a, b) => a - b)) {
    const inner = merged.get(x)!;
    for (const m of [...inner.keys()].sort((a, b) => a - b)) {
      xs.push(x);
      ms.push(m);
      ws.push(inner.get(m)!);
    }
  }
  // Moments summed in key order too, so that the correlation and the starting value (and
  // so the fit) are the same whatever the order of the input records.
  let sw = 0;
  let sx = 0;
  let sm = 0;
  let sxx = 0;
  let smm = 0;
  let sxm = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const m = ms[i]!;
    const w = ws[i]!;
    sw += w;
    sx += w * x;
    sm += w * m;
    sxx += w * x * x;
    smm += w * m * m;
    sxm += w * x * m;
  }
  const vx = sxx / sw - (sx / sw) ** 2;
  const vm = smm / sw - (sm / sw) ** 2;
  const cov = sxm / sw - (sx / sw) * (sm / sw);
  const correlation = vx > 1e-12 * Math.max(1, sxx / sw) && vm > 1e-12 * Math.max(1, smm / sw) ? Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vm))) : null;
  const warnings: string[] = [];
  if (correlation !== null && Math.abs(correlation) >= threshold) {
    const msg = `frequency and monetary value are correlated (Pearson r = ${correlation.toFixed(3)}), but the Gamma-Gamma model assumes they are independent`;
    if (onCorrelation === "throw") throw new CrmMetricsError("INVALID_INPUT", `${fn}: ${msg}`, "customers");
    warnings.push(msg);
  }
  const logLik = (theta: readonly number[]): number => {
    const [p, q, g] = theta as [number, number, number];
    const base = q * Math.log(g) - logGamma(q);
    let ll = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const m = ms[i]!;
      const px = p * x;
      ll += ws[i]! * (logGamma(px + q) - logGamma(px) + base + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(g + m * x));
    }
    return Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
  };
  const meanM = sm / sw;
  const outcome = fitLogParameters<GammaGammaParams>(fn, ["p", "q", "gamma"], [1, 2, meanM], logLik, false, sw, opts, ["gamma"]);
  if (!(outcome.params.q > 1)) {
    warnings.push(`q = ${outcome.params.q.toFixed(3)} <= 1: the population mean spend p * gamma / (q - 1) is undefined`);
  }
  return {
    model: "gamma-gamma",
    ...modelInfo(outcome, sw, xs.length, opts),
    excluded,
    frequencyMonetaryCorrelation: correlation,
    warnings,
  };
}
