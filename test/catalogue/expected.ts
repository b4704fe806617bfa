/**
 * The expected outcome of every (function, case) row. A case states the default outcome
 * (cases.ts); a function's adapter says which fields it does not read (functions.ts); this
 * table lists every row whose documented outcome differs from the case default, with the
 * rule that makes it so. docs/bad-input.md is generated from the resulting table.
 */
import { baseOf, type Adapter } from "./functions.js";
import type { CatalogueCase, Outcome } from "./cases.js";
import { OK } from "./cases.js";

/** A documented difference from the case default. `cases` is a case id or a glob (`*`). */
export interface Override {
  readonly cases: string;
  readonly outcome: Outcome;
  readonly why: string;
}

const err = (error: Outcome extends infer O ? (O extends { error: infer E } ? E : never) : never, path: string): Outcome => ({ error, path });
const bad = (path: string): Outcome => ({ error: "INVALID_INPUT", path });

const SURVEY_OBJECT: Override = {
  cases: "scores/value-object",
  outcome: bad("{arg}[0].kind"),
  why: "an object in a list of scores is read as a SurveyResponse, whose `kind` is required",
};
const BELOW_SCALE: Override = { cases: "scores/value-minus-zero", outcome: bad("{rec}"), why: "-0 is the score 0, below the scale's minimum of 1" };
const EMPTY_FIT: Override = { cases: "*/empty", outcome: err("EMPTY_INPUT", "customers"), why: "a model cannot be fitted to no customers" };
const HUGE_FREQUENCY: Override = {
  cases: "histories/count-huge",
  outcome: err("NOT_CONVERGED", ""),
  why: "frequency 1e308 is a valid count, but no parameters fit it: the fit says it did not converge",
};
const DUPLICATE_DEALS: Override = { cases: "deals/duplicated", outcome: bad("deals[4].id"), why: "deal ids must be unique (a repeated id is a data error, not a second deal)" };
const NEGATIVE_DEAL: Override = { cases: "deals/money-negative", outcome: bad("deals[0].amount"), why: "a deal amount must be >= 0" };
const NEGATIVE_MRR: Override = { cases: "subscriptions/money-negative", outcome: bad("subscriptions[0].mrr"), why: "MRR must be >= 0" };
const UNKNOWN_KIND: Override = {
  cases: "*/date-missing",
  outcome: bad("input[0]"),
  why: "a retention record is recognised by its date field (startedAt or occurredAt); without it the record is of no known kind",
};
const MODEL_PARAM_ZERO = (param: string): Override => ({ cases: "*/money-minus-zero", outcome: bad(`model.params.${param}`), why: "-0 is 0 and model parameters must be > 0" });
const RECENCY_AFTER_T: Override[] = [
  { cases: "history/money-minus-zero", outcome: bad("customer.recency"), why: "T = 0 is before the recency 30.43: recency must be <= T" },
  { cases: "history/money-fraction", outcome: bad("customer.recency"), why: "T = 2.5 is before the recency 30.43: recency must be <= T" },
  { cases: "history/count-minus-zero", outcome: bad("customer.recency"), why: "frequency 0 requires recency 0" },
];
const NO_TIME_ZONE: Override = { cases: "generatorOptions/timezone-unknown", outcome: OK, why: "the generator has no timeZone option (unknown options are ignored)" };

/** Rows whose documented outcome differs from the case default. */
export const OVERRIDES: Readonly<Record<string, readonly Override[]>> = {
  accumulateAsync: [{ ...SURVEY_OBJECT, outcome: bad("input[0].kind") }],
  nps: [SURVEY_OBJECT],
  compareNps: [SURVEY_OBJECT],
  csat: [SURVEY_OBJECT, BELOW_SCALE],
  ces: [SURVEY_OBJECT, BELOW_SCALE],
  createSatisfactionAccumulator: [SURVEY_OBJECT],
  satisfactionTrend: [
    { cases: "responses/count-minus-zero", outcome: OK, why: "-0 is the score 0" },
  ],
  formulaClv: [{ cases: "clvFigures/money-huge", outcome: bad("input.revenuePerPeriod"), why: "1e308 / churn overflows: the CLV would not be a finite number" }],
  fitBgNbd: [EMPTY_FIT, HUGE_FREQUENCY],
  fitMbgNbd: [EMPTY_FIT, HUGE_FREQUENCY],
  fitParetoNbd: [EMPTY_FIT, HUGE_FREQUENCY],
  fitBgBb: [EMPTY_FIT],
  fitGammaGamma: [
    EMPTY_FIT,
    { cases: "spendHistories/count-huge", outcome: err("NOT_CONVERGED", ""), why: "frequency 1e308 is valid, but the fit does not converge and says so" },
    { cases: "spendHistories/money-minus-zero", outcome: bad("customers[0].monetaryValue"), why: "the Gamma-Gamma model needs monetaryValue > 0" },
    { cases: "spendHistories/money-negative", outcome: bad("customers[0].monetaryValue"), why: "the Gamma-Gamma model needs monetaryValue > 0" },
    { cases: "spendHistories/money-decimal*", outcome: bad("customers[0].monetaryValue"), why: "summary statistics are plain numbers, not money inputs" },
    { cases: "spendHistories/count-minus-zero", outcome: bad("customers[0].frequency"), why: "customers without repeat purchases (frequency 0) are not part of a Gamma-Gamma fit" },
  ],
  fitShiftedBetaGeometric: [
    { cases: "scores/empty", outcome: err("INSUFFICIENT_DATA", "survivors"), why: "the fit needs at least two periods" },
    { cases: "scores/single", outcome: err("INSUFFICIENT_DATA", "survivors"), why: "the fit needs at least two periods" },
    { cases: "scores/reversed", outcome: bad("survivors[1]"), why: "survivor counts cannot increase" },
    { cases: "scores/duplicated", outcome: bad("survivors[8]"), why: "survivor counts cannot increase" },
    { cases: "scores/value-minus-zero", outcome: bad("survivors[1]"), why: "0 survivors at the start, then 631: counts cannot increase" },
    { cases: "scores/value-fraction", outcome: bad("survivors[1]"), why: "7.5 is a valid (weighted) count, but 631 after it is an increase" },
    { cases: "scores/value-huge", outcome: OK, why: "1e308 survivors is a valid count" },
  ],
  expectedPurchases: [MODEL_PARAM_ZERO("r"), { cases: "purchaseModel/money-huge", outcome: err("NOT_CONVERGED", ""), why: "r = 1e308: the hypergeometric series does not converge, and says so" }],
  probabilityOfPurchases: [MODEL_PARAM_ZERO("r"), { cases: "purchaseModel/money-huge", outcome: err("NOT_CONVERGED", ""), why: "r = 1e308: the series does not converge, and says so" }],
  conditionalExpectedPurchases: [...RECENCY_AFTER_T, { cases: "history/count-huge", outcome: err("NOT_CONVERGED", ""), why: "frequency 1e308: the hypergeometric series does not converge, and says so" }],
  probabilityAlive: RECENCY_AFTER_T,
  customerLifetimeValue: [HUGE_FREQUENCY],
  sbgSurvival: [MODEL_PARAM_ZERO("alpha")],
  sbgRetentionRate: [MODEL_PARAM_ZERO("alpha")],
  sbgExpectedResidualLifetime: [MODEL_PARAM_ZERO("alpha")],
  churnRate: [UNKNOWN_KIND],
  customerGrowthRate: [UNKNOWN_KIND],
  retentionRate: [UNKNOWN_KIND],
  activeCustomerShare: [UNKNOWN_KIND],
  kaplanMeier: [
    { cases: "scores/value-object", outcome: bad("lifetimes[0].churned"), why: "an object is read as a Lifetime, whose churned flag is required" },
    { cases: "scores/value-huge", outcome: OK, why: "durations are any finite numbers >= 0" },
    { cases: "scores/value-fraction", outcome: OK, why: "durations are any finite numbers >= 0" },
  ],
  mrrMovements: [NEGATIVE_MRR],
  revenueRetention: [NEGATIVE_MRR],
  quickRatio: [NEGATIVE_MRR],
  cac: [{ cases: "customers/duplicated", outcome: bad("newCustomers[3].id"), why: "a customer is acquired once: repeated ids are a data error" }],
  ltvToCac: [{ cases: "ltvFigures/money-negative", outcome: OK, why: "a negative LTV (loss-making customers) is a valid input" }],
  channelPerformance: [{ cases: "spend/money-negative", outcome: bad("spend[0].amount"), why: "spend must be >= 0" }],
  winRate: [DUPLICATE_DEALS, NEGATIVE_DEAL],
  salesCycle: [DUPLICATE_DEALS, NEGATIVE_DEAL],
  stageConversion: [DUPLICATE_DEALS, NEGATIVE_DEAL],
  pipelineForecast: [DUPLICATE_DEALS, NEGATIVE_DEAL],
  revenueForecast: [
    { cases: "scores/empty", outcome: err("INSUFFICIENT_DATA", "series"), why: "a forecast needs at least two seasons" },
    { cases: "scores/single", outcome: err("INSUFFICIENT_DATA", "series"), why: "a forecast needs at least two seasons" },
    { cases: "scores/value-object", outcome: bad("series[0].periodStart"), why: "an object is read as a RevenuePoint, whose periodStart is required" },
    { cases: "scores/value-huge", outcome: err("NOT_CONVERGED", "options.params"), why: "1e308 in the series: the smoothing parameters cannot be fitted, and the error says so" },
    { cases: "scores/value-negative", outcome: OK, why: "revenue may be negative (net of refunds)" },
    { cases: "scores/value-fraction", outcome: OK, why: "revenue is any finite number" },
  ],
  responseTimes: [{ cases: "tickets/duplicated", outcome: bad("tickets[3].id"), why: "ticket ids must be unique" }],
  applyRfm: [
    { cases: "options/timezone-*", outcome: OK, why: "applyRfm takes the time zone from the model; timeZone is not one of its options" },
  ],
  rfmSegments: [{ cases: "rfmRows/count-minus-zero", outcome: bad("scores[0].recencyScore"), why: "scores run from 1 to the number of bins" }],
  validateSegmentMap: [
    { cases: "name/undefined", outcome: OK, why: "no map means the default map" },
    { cases: "name/valid", outcome: OK, why: "the default map" },
    {
      cases: "name/*",
      outcome: err("INVALID_OPTION", "map"),
      why: "validated as the map option of rfmSegments is, and documented as INVALID_OPTION (docs/metrics/segmentation.md)",
    },
  ],
  leadScoringRulesJsonSchema: [{ cases: "name/*", outcome: OK, why: "the function takes no argument" }],
  scoreLeads: [{ cases: "leads/duplicated", outcome: bad("leads[8].id"), why: "lead ids must be unique" }],
  fitLeadScoringModel: [
    { cases: "leads/duplicated", outcome: bad("leads[8].id"), why: "lead ids must be unique" },
    { cases: "leads/empty", outcome: err("INSUFFICIENT_DATA", "outcomes"), why: "a model needs converted and unconverted leads" },
    { cases: "leads/single", outcome: err("INSUFFICIENT_DATA", "outcomes"), why: "a model needs converted and unconverted leads" },
  ],
  evaluateScores: [
    { cases: "scores/value-huge", outcome: OK, why: "scores are any finite numbers (only their order matters)" },
    { cases: "scores/value-negative", outcome: OK, why: "scores are any finite numbers (only their order matters)" },
    { cases: "scores/value-fraction", outcome: OK, why: "scores are any finite numbers (only their order matters)" },
  ],
  activeCustomers: [
    { cases: "interactions/date-year-9999", outcome: bad("{rec}.occurredAt"), why: "a daily series from 2024 to 9999 would have about 2.9 million periods, more than the 100,000 a series may have" },
    { cases: "interactions/date-year-10000-epoch", outcome: bad("{rec}.occurredAt"), why: "a daily series from 2024 to 10000 would have about 2.9 million periods, more than the 100,000 a series may have" },
  ],
  generateEvents: [NO_TIME_ZONE],
  generateLeads: [NO_TIME_ZONE],
  simulateClv: [NO_TIME_ZONE],
};

/**
 * Rows that fail today because of a known defect of the library. The outcome here is the
 * correct documented one; the suite asserts that each row still fails and asks for the row
 * to be deleted from this list once it passes. The list is empty when every row passes.
 */
export interface PendingFix {
  readonly fn: string;
  readonly caseId: string;
  readonly outcome: Outcome;
  /** The row fails today only because of its message (not in the `fn: path must ..., got ...` format). */
  readonly messageOnly?: boolean;
  /** What happens today. */
  readonly today: string;
  readonly file: string;
}

export const PENDING_FIXES: readonly PendingFix[] = [];

const globMatch = (pattern: string, id: string): boolean =>
  new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(id);

/** The override that applies to a row, if any. */
export function overrideFor(fn: string, caseId: string): Override | undefined {
  return (OVERRIDES[fn] ?? []).find((o) => globMatch(o.cases, caseId));
}

/** The pending fix of a row, if any. */
export function pendingFixFor(fn: string, caseId: string): PendingFix | undefined {
  return PENDING_FIXES.find((p) => p.fn === fn && p.caseId === caseId);
}

/** The documented outcome of a row, with `{arg}`/`{rec}` resolved, and why it differs from the case default. */
export function expectedOutcome(adapter: Adapter, c: CatalogueCase): { outcome: Outcome; why: string | null } {
  const pending = pendingFixFor(adapter.name, c.id);
  const override = overrideFor(adapter.name, c.id);
  let outcome: Outcome;
  let why: string | null = null;
  if (pending !== undefined) outcome = pending.outcome;
  else if (override !== undefined) {
    outcome = override.outcome;
    why = override.why;
  } else if (c.field !== undefined && adapter.ignores?.includes(c.field) === true) {
    outcome = OK;
    why = `${adapter.name} does not read ${c.field}`;
  } else outcome = c.expected;
  return { outcome: resolvePath(adapter, outcome), why };
}

const OBJECT_KINDS = new Set(["purchaseModel", "sbgModel", "history", "clvFigures", "ltvFigures", "paybackFigures", "generatorOptions", "name"]);

/** Replace the `{arg}`/`{rec}` templates of an outcome's path for `adapter`. */
export function resolvePath(adapter: Adapter, outcome: Outcome): Outcome {
  if ("ok" in outcome) return outcome;
  const records = adapter.recordArg ?? adapter.arg;
  const rec = OBJECT_KINDS.has(adapter.kind) ? adapter.arg : `${records}[0]`;
  const base = baseOf(adapter);
  const last = Array.isArray(base) ? String(base.length - 1) : "0";
  let path = outcome.path.replaceAll("{last}", last).replaceAll("{rec}", rec).replaceAll("{arg}[", `${records}[`).replaceAll("{arg}", adapter.arg);
  for (const [from, to] of Object.entries(adapter.paths ?? {})) path = path.replaceAll(from, to);
  return { error: outcome.error, path };
}

/** Whether the row runs: the case's kind and needs match the function. */
export function rowApplies(adapter: Adapter, c: CatalogueCase): boolean {
  if (c.kind === "*") return adapter.timeZone === true && !OBJECT_KINDS.has(adapter.kind);
  if (c.kind !== adapter.kind) return false;
  if (c.heavy === true && adapter.heavy !== true) return false;
  return !(c.needsTimeZone === true && adapter.timeZone !== true);
}
