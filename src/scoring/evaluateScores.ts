import { invalidInput } from "../core/errors.js";
import { ratio, resolveNumberOption, resolveOptions, toArray } from "../core/validate.js";

/** Options of {@link evaluateScores}. */
export interface EvaluateScoresOptions {
  /**
   * Probabilities are clipped to `[eps, 1 − eps]` in the log loss, so a confident miss
   * costs at most `−ln(eps)` (≈ 34.5) instead of infinity.
   * @defaultValue `1e-15`
   */
  readonly eps?: number;
  /**
   * Number of rank groups of the lift and gain table (10: deciles).
   * @defaultValue `10`
   */
  readonly groups?: number;
  /**
   * Number of equal-width probability bins of the calibration table.
   * @defaultValue `10`
   */
  readonly calibrationBins?: number;
}

/** One rank group (decile) of the lift and gain table, best scores first. */
export interface LiftRow {
  /** 1 for the best-scored group. */
  readonly group: number;
  /** Leads in the group (ties are never split, so groups can differ in size). */
  readonly n: number;
  /** Converted leads in the group. */
  readonly positives: number;
  /** Lowest score in the group. */
  readonly minScore: number;
  /** Highest score in the group. */
  readonly maxScore: number;
  /** `positives / n`. */
  readonly conversionRate: number;
  /** `conversionRate / overall conversion rate`; `null` without positives overall. */
  readonly lift: number | null;
  /** Leads in this and the better groups. */
  readonly cumulativeN: number;
  /** Converted leads in this and the better groups. */
  readonly cumulativePositives: number;
  /** Share of all converted leads captured so far (cumulative gain); `null` without positives. */
  readonly gain: number | null;
  /** Cumulative conversion rate / overall rate; `null` without positives. */
  readonly cumulativeLift: number | null;
}

/** One equal-width bin of the calibration table. */
export interface CalibrationBin {
  /** Lower edge (included). */
  readonly lower: number;
  /** Upper edge (excluded, except 1 for the last bin). */
  readonly upper: number;
  /** Leads whose probability falls in the bin. */
  readonly n: number;
  /** Mean predicted probability; `null` for an empty bin. */
  readonly meanPredicted: number | null;
  /** Observed conversion rate; `null` for an empty bin. */
  readonly observedRate: number | null;
}

/** Result of {@link evaluateScores}. */
export interface EvaluateScoresResult {
  /** Number of scored leads. */
  readonly n: number;
  /** Converted leads. */
  readonly positives: number;
  /** Not-converted leads. */
  readonly negatives: number;
  /** Overall conversion rate; `null` for empty input. */
  readonly conversionRate: number | null;
  /**
   * ROC AUC: the probability that a random converted lead outscores a random other one,
   * ties counting one half (the Mann-Whitney U statistic / (positives · negatives)); `null`
   * unless both classes are present.
   */
  readonly auc: number | null;
  /** Gini coefficient `2 · auc − 1`; `null` with `auc`. */
  readonly gini: number | null;
  /** Whether every score is a probability in [0, 1] (else the probability metrics are `null`). */
  readonly probabilities: boolean;
  /** Mean log loss (clipped at `eps`); `null` for empty input or scores outside [0, 1]. */
  readonly logLoss: number | null;
  /** Mean squared error of the probabilities; `null` for empty input or scores outside [0, 1]. */
  readonly brierScore: number | null;
  /** Expected calibration error `Σ (nᵦ/n)·|observedᵦ − predictedᵦ|`; `null` like `brierScore`. */
  readonly calibrationError: number | null;
  /** Lift and gain table, best group first (empty for empty input). */
  readonly lift: readonly LiftRow[];
  /** Calibration table (empty for empty input or scores outside [0, 1]). */
  readonly calibration: readonly CalibrationBin[];
  /** The `eps` used in the log loss. */
  readonly eps: number;
}

const FN = "evaluateScores";

function readOutcome(v: unknown, i: number): number {
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  return invalidInput(FN, `outcomes[${i}]`, "must be true, false, 1 or 0", v);
}

/**
 * Evaluate lead scores against outcomes: ROC AUC (Mann-Whitney, ties count one half) and
 * Gini, log loss (probabilities clipped to `[eps, 1 − eps]`, as scikit-learn did with
 * `eps = 1e-15`), Brier score, a lift and gain table by rank groups (deciles by default,
 * tied scores kept in one group) and an equal-width calibration table. Scores need not be
 * probabilities for the AUC and the lift table; the probability metrics are `null` when a
 * score is outside [0, 1]. The result does not depend on the order of the leads.
 *
 * @param scores - One score per lead (higher = more likely to convert).
 * @param outcomes - One outcome per lead: `true`/`false`/`1`/`0`.
 * @param options - `eps`, `groups`, `calibrationBins`.
 * @returns The metrics with their counts; `null` where undefined (see fields).
 * @throws {CrmMetricsError} `INVALID_INPUT` for a score that is not a finite number, an
 *   outcome that is not boolean/0/1, or lengths that differ; `INVALID_OPTION` for bad options.
 *
 * @example
 * evaluateScores([0.9, 0.8, 0.7, 0.3, 0.2], [true, false, true, false, false]).auc
 * // => 0.8333
 * @example
 * evaluateScores([0.5, 0.5], [true, false]).auc
 * // => 0.5
 */
export function evaluateScores(
  scores: Iterable<number>,
  outcomes: Iterable<boolean | number>,
  options?: EvaluateScoresOptions,
): EvaluateScoresResult {
  const opts = resolveOptions(FN, options);
  const eps = resolveNumberOption(FN, "eps", opts.eps, 1e-15, { min: 0, max: 0.5, maxExclusive: true });
  const groups = resolveNumberOption(FN, "groups", opts.groups, 10, { min: 1, integer: true });
  const bins = resolveNumberOption(FN, "calibrationBins", opts.calibrationBins, 10, { min: 1, integer: true });
  const s = toArray<unknown>(FN, "scores", scores);
  const o = toArray<unknown>(FN, "outcomes", outcomes);
  if (s.length !== o.length) invalidInput(FN, "outcomes", `must have one outcome per score (${s.length})`, `${o.length} outcomes`);
  const n = s.length;
  const x = new Float64Array(n);
  const y = new Uint8Array(n);
  let positives = 0;
  let probabilities = true;
  for (let i = 0; i < n; i++) {
    const v = s[i];
    if (typeof v !== "number" || !Number.isFinite(v)) invalidInput(FN, `scores[${i}]`, "must be a finite number", v);
    x[i] = v as number;
    if ((v as number) < 0 || (v as number) > 1) probabilities = false;
    y[i] = readOutcome(o[i], i);
    positives += y[i]!;
  }
  const negatives = n - positives;

  // Score descending; ties by outcome, so that sums do not depend on the input order.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[b]! - x[a]! || y[a]! - y[b]!);

  // AUC by midranks over ascending scores: U = Σ ranks(positives) − P(P+1)/2.
  let auc: number | null = null;
  if (positives > 0 && negatives > 0) {
    let rankSum = 0;
    let k = 0;
    while (k < n) {
      let end = k;
      while (end + 1 < n && x[order[end + 1]!] === x[order[k]!]) end++;
      // descending positions k..end are ascending ranks n-end .. n-k (1-based); midrank:
      const mid = n - (k + end) / 2;
      for (let t = k; t <= end; t++) if (y[order[t]!] === 1) rankSum += mid;
      k = end + 1;
    }
    auc = (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  }

  // Lift table: target boundaries at round(g·n/groups), moved forward past ties.
  const overall = ratio(positives, n);
  const lift: LiftRow[] = [];
  let start = 0;
  let cumN = 0;
  let cumPos = 0;
  for (let g = 1; g <= groups && start < n; g++) {
    let end = Math.round((g * n) / groups);
    if (end <= start) continue;
    while (end < n && x[order[end]!] === x[order[end - 1]!]) end++;
    let pos = 0;
    for (let t = start; t < end; t++) pos += y[order[t]!]!;
    const size = end - start;
    cumN += size;
    cumPos += pos;
    const rate = pos / size;
    lift.push({
      group: lift.length + 1,
      n: size,
      positives: pos,
      minScore: x[order[end - 1]!]!,
      maxScore: x[order[start]!]!,
      conversionRate: rate,
      lift: overall === null || overall === 0 ? null : rate / overall,
      cumulativeN: cumN,
      cumulativePositives: cumPos,
      gain: ratio(cumPos, positives),
      cumulativeLift: overall === null || overall === 0 ? null : cumPos / cumN / overall,
    });
    start = end;
  }

  let logLoss: number | null = null;
  let brierScore: number | null = null;
  let calibrationError: number | null = null;
  const calibration: CalibrationBin[] = [];
  if (probabilities && n > 0) {
    let ll = 0;
    let brier = 0;
    const binN = new Float64Array(bins);
    const binP = new Float64Array(bins);
    const binY = new Float64Array(bins);
    // Sum in sorted order so the result does not depend on the input order.
    for (const i of order) {
      const p = x[i]!;
      // The probability given to what happened, clipped to [eps, 1 − eps].
      const q = y[i] === 1 ? p : 1 - p;
      ll -= Math.log(Math.min(1 - eps, Math.max(eps, q)));
      brier += (p - y[i]!) ** 2;
      const b = Math.min(bins - 1, Math.floor(p * bins));
      binN[b]! += 1;
      binP[b]! += p;
      binY[b]! += y[i]!;
    }
    logLoss = ll / n;
    brierScore = brier / n;
    let ece = 0;
    for (let b = 0; b < bins; b++) {
      const c = binN[b]!;
      calibration.push({
        lower: b / bins,
        upper: (b + 1) / bins,
        n: c,
        meanPredicted: c === 0 ? null : binP[b]! / c,
        observedRate: c === 0 ? null : binY[b]! / c,
      });
      if (c > 0) ece += Math.abs(binY[b]! - binP[b]!) / n;
    }
    calibrationError = ece;
  }
  return {
    n,
    positives,
    negatives,
    conversionRate: overall,
    auc,
    gini: auc === null ? null : 2 * auc - 1,
    probabilities,
    logLoss,
    brierScore,
    calibrationError,
    lift,
    calibration,
    eps,
  };
}
