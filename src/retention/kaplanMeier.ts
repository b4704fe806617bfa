import { invalidInput, recordPath } from "../core/errors.js";
import type { ConfidenceOptions } from "../core/options.js";
import { zCritical } from "../core/stats/intervals.js";
import { isRecord, resolveLevel, resolveOptions, toArray } from "../core/validate.js";

/**
 * A customer lifetime: how long the customer stayed (in any unit, the same for all),
 * and whether they churned then (`true`) or were still active when last seen (`false`,
 * right-censored).
 */
export interface Lifetime {
  /** Time from start to churn or to the last observation; finite and >= 0. */
  readonly duration: number;
  /** `true` when the customer churned at `duration`, `false` when still active (censored). */
  readonly churned: boolean;
}

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions extends ConfidenceOptions {}

/** One distinct time of a {@link KaplanMeierResult}: the curve just after it. */
export interface KaplanMeierPoint {
  /** The time (an event or censoring time). */
  readonly time: number;
  /** Customers at risk just before `time`. */
  readonly atRisk: number;
  /** Churns at `time`. */
  readonly churned: number;
  /** Customers censored at `time` (they count as at risk at `time`). */
  readonly censored: number;
  /** Kaplan-Meier survival S(time). */
  readonly survival: number;
  /** Greenwood standard error of S(time); `null` once S reaches 0 (R: `Inf`). */
  readonly standardError: number | null;
  /** Greenwood standard error of log S(time) (R's `std.err`); `null` once S reaches 0. */
  readonly logStandardError: number | null;
  /** Lower log-log confidence bound; `null` while S is 1 and once S is 0 (R: `NA`). */
  readonly lower: number | null;
  /** Upper log-log confidence bound; `null` while S is 1 and once S is 0. */
  readonly upper: number | null;
}

/** Result of {@link kaplanMeier}. */
export interface KaplanMeierResult {
  /** Number of lifetimes. */
  readonly n: number;
  /** Number of churns. */
  readonly churned: number;
  /** Number of censored lifetimes. */
  readonly censored: number;
  /** Confidence level of the bands and of the median interval. */
  readonly level: number;
  /** The curve at each distinct time, ascending. */
  readonly points: readonly KaplanMeierPoint[];
  /** Median lifetime (R's `print.survfit` rule); `null` when the curve never reaches 0.5. */
  readonly median: number | null;
  /** Confidence limits of the median from the bands; each `null` when its band never reaches 0.5. */
  readonly medianInterval: { readonly lower: number | null; readonly upper: number | null; readonly level: number };
}

const TOL = Math.sqrt(2.220446049250313e-16);

/**
 * Kaplan-Meier survival curve of customer lifetimes with right censoring (customers still
 * active are censored at their last observation; churns come before censorings at the same
 * time). Standard errors are Greenwood's; the confidence bands are log-log
 * (`exp(-exp(log(-log S) ∓ z·se/log S))`, R's `conf.type = "log-log"`); the median and its
 * interval follow R's `quantile.survfit` / `print.survfit` (a curve that sits exactly at
 * 0.5 gives the midpoint of that flat stretch). Agrees with R's `survival::survfit` to 1e-9.
 *
 * @param lifetimes - `{ duration, churned }` records, or bare durations (all churned).
 * @param options - Confidence `level`.
 * @returns The curve at each distinct time, the median lifetime and its interval.
 * @throws {CrmMetricsError} `INVALID_INPUT` for a negative or non-finite duration or a
 *   non-boolean `churned`; `INVALID_OPTION` for a bad level.
 *
 * @example
 * const fit = kaplanMeier([1, 2, 3, 4]);
 * [fit.points.map((p) => p.survival), fit.median]
 * // => [[0.75, 0.5, 0.25, 0], 2.5]
 * @example
 * const lifetimes = [
 *   { duration: 3, churned: true },
 *   { duration: 5, churned: false },
 *   { duration: 6, churned: true },
 *   { duration: 9, churned: false },
 * ];
 * kaplanMeier(lifetimes).points.map((p) => [p.time, p.atRisk, p.survival])
 * // => [[3, 4, 0.75], [5, 3, 0.75], [6, 2, 0.375], [9, 1, 0.375]]
 */
export function kaplanMeier(lifetimes: Iterable<Lifetime | number>, options?: KaplanMeierOptions): KaplanMeierResult {
  const fn = "kaplanMeier";
  const opts = resolveOptions(fn, options);
  const level = resolveLevel(fn, opts.level);
  const items = toArray<unknown>(fn, "lifetimes", lifetimes);
  const n = items.length;
  const times = new Float64Array(n);
  const events = new Uint8Array(n);
  let totalChurned = 0;
  for (let i = 0; i < n; i++) {
    const r = items[i];
    let d: unknown;
    let e: unknown = true;
    let path = recordPath("lifetimes", i);
    if (isRecord(r)) {
      d = r["duration"];
      e = r["churned"];
      path = recordPath("lifetimes", i, "duration");
      if (typeof e !== "boolean") invalidInput(fn, recordPath("lifetimes", i, "churned"), "must be true or false", e);
    } else d = r;
    if (typeof d !== "number" || !Number.isFinite(d) || d < 0) invalidInput(fn, path, "must be a finite number >= 0", d);
    times[i] = d as number;
    events[i] = e === true ? 1 : 0;
    totalChurned += events[i]!;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a]! - times[b]!);
  const z = zCritical(level);
  const points: KaplanMeierPoint[] = [];
  let atRisk = n;
  let s = 1;
  let greenwood = 0; // sum d / (n (n - d))
  let i = 0;
  while (i < n) {
    const t = times[order[i]!]!;
    let d = 0;
    let c = 0;
    while (i < n && times[order[i]!] === t) {
      if (events[order[i]!] === 1) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      greenwood = d === atRisk ? Infinity : greenwood + d / (atRisk * (atRisk - d));
    }
    const logSe = Number.isFinite(greenwood) ? Math.sqrt(greenwood) : null;
    let lower: number | null = null;
    let upper: number | null = null;
    if (s > 0 && s < 1 && logSe !== null) {
      const ll = Math.log(-Math.log(s));
      const w = (z * logSe) / Math.log(s);
      lower = Math.exp(-Math.exp(ll - w));
      upper = Math.exp(-Math.exp(ll + w));
    }
    points.push({
      time: t,
      atRisk,
      churned: d,
      censored: c,
      survival: s,
      standardError: logSe === null ? null : s * logSe,
      logStandardError: logSe,
      lower,
      upper,
    });
    atRisk -= d + c;
  }
  const pts = points.map((p) => p.time);
  return {
    n,
    churned: totalChurned,
    censored: n - totalChurned,
    level,
    points,
    median: medianOf(pts, points.map((p) => p.survival)),
    medianInterval: {
      lower: medianOf(pts, points.map((p) => p.lower)),
      upper: medianOf(pts, points.map((p) => p.upper)),
      level,
    },
  };
}

/**
 * First time a curve reaches 0.5, by R's `survival:::findq` on F = 1 − S: the midpoint
 * when the curve sits at 0.5 (within sqrt(eps)) up to its next drop, or up to the last
 * time when it stays at 0.5; missing values are skipped.
 */
function medianOf(times: readonly number[], curve: readonly (number | null)[]): number | null {
  const p = 0.5;
  // x = [0, times], y = [0, 1 - curve]; keep the first occurrence of each y value.
  const xs: number[] = [0];
  const ys: (number | null)[] = [0];
  let maxY = 0;
  const seen = new Set<number | null>([0]);
  for (let k = 0; k < times.length; k++) {
    const c = curve[k]!;
    const y = c === null ? null : 1 - c;
    if (y !== null && y > maxY) maxY = y;
    if (seen.has(y)) continue;
    seen.add(y);
    xs.push(times[k]!);
    ys.push(y);
  }
  if (maxY < p) return null;
  const xmax = times[times.length - 1]!;
  let i1 = -1;
  let i2 = -1;
  for (let k = 0; k < ys.length; k++) {
    const y = ys[k];
    if (y === null || y === undefined) continue;
    if (i1 < 0 && y + TOL >= p) i1 = k;
    if (i2 < 0 && y - TOL >= p) i2 = k;
  }
  if (i1 < 0) return null;
  const lastY = ys[ys.length - 1]!;
  if (lastY !== null && Math.abs(p - lastY) < TOL) return (xs[i1]! + xmax) / 2;
  if (i2 < 0) return null;
  return (xs[i1]! + xs[i2]!) / 2;
}
