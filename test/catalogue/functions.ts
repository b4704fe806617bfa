/**
 * How the catalogue calls every public function: which record kind it consumes, the name
 * its error paths give that argument, the other arguments it needs, and whether order of
 * the records is part of its meaning.
 */
import * as lib from "../../src/index.js";
import type { Kind } from "./cases.js";
import { BASES } from "./cases.js";

type Options = Readonly<Record<string, unknown>>;
// The catalogue deliberately passes values the types forbid.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** One function's adapter. */
export interface Adapter {
  readonly name: string;
  readonly kind: Kind;
  /** The argument's name in error paths (`transactions`, `input`, `customers`, ...). */
  readonly arg: string;
  /** The name in the paths of single records, when it differs from `arg` (`input[0]`). */
  readonly recordArg?: string;
  /** Replacements applied to expected paths (an option named differently, ...). */
  readonly paths?: Readonly<Record<string, string>>;
  /** A base input of the kind suited to this function (default: the kind's base). */
  readonly base?: () => unknown;
  /** Call the function with a case's input and options. */
  readonly call: (input: unknown, options: Options) => unknown;
  /** Takes a `timeZone` option (gets the time zone and DST cases). */
  readonly timeZone?: boolean;
  /** Fast enough on a million identical records to run that case. */
  readonly heavy?: boolean;
  /** Results listing one row per input record in input order: `[list, key]` to sort them by before comparing. */
  readonly rowsInInputOrder?: readonly [string, string];
  /** Record order is part of the meaning (no shuffled-copy check). */
  readonly orderMatters?: string;
  /** The function whose name starts error messages, when another function validates (default: this one). */
  readonly messagesFrom?: string;
  /** Fields of the records the function does not read: cases that change them are expected to pass. */
  readonly ignores?: readonly string[];
}

const seriesOpts = { asOf: "2024-03-31" };
const splitOpts = { calibrationEnd: "2024-02-15", observationEnd: "2024-03-31" };
const bgModel = (): Any => BASES.purchaseModel();
const ggModel = { model: "gamma-gamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
const npsB = [10, 9, 3, 6, 8, 10];

/** Outcomes for a list of scores: a pattern the length of the input when it is an array. */
function outcomesFor(input: unknown, fallback: number): boolean[] {
  const n = Array.isArray(input) ? input.length : fallback;
  return Array.from({ length: n }, (_, i) => i % 2 === 1 || i % 3 === 0);
}

/** Outcomes of leads keyed by lead id (lead l<v> converted when v is odd or a multiple of 3), so they follow the leads in any order. */
function leadOutcomes(input: unknown): boolean[] | Map<string, boolean> {
  if (!Array.isArray(input) || !input.every((l) => l !== null && typeof l === "object" && typeof l.id === "string" && /^l\d+$/.test(l.id))) {
    return outcomesFor(input, 8);
  }
  return new Map(input.map((l: { id: string }) => {
    const v = Number(l.id.slice(1));
    return [l.id, v % 2 === 1 || v % 3 === 0];
  }));
}

const leadFeatures = { features: [{ field: "properties.visits", type: "numeric" }, { field: "channel", type: "categorical" }] };
let leadModelCache: lib.LeadScoringModel | undefined;
const leadModel = (): lib.LeadScoringModel =>
  (leadModelCache ??= lib.fitLeadScoringModel(BASES.leads() as Any, leadOutcomes(BASES.leads()), leadFeatures as Any));
let rfmModelCache: lib.RfmScoresResult | undefined;
const rfmModel = (): lib.RfmScoresResult => (rfmModelCache ??= lib.rfmScores(BASES.transactions() as Any, { bins: 3, asOf: "2024-03-31" }));

const leadRules = {
  groups: [
    { id: "fit", kind: "fit", rules: [{ id: "saas", when: [{ field: "properties.industry", operator: "eq", value: "software" }], points: 20 }] },
    { id: "src", kind: "fit", rules: [{ id: "ads", when: [{ field: "channel", operator: "eq", value: "ads" }], points: 10 }] },
  ],
  mqlThreshold: 25,
};

const f = (name: string, kind: Kind, arg: string, call: Adapter["call"], extra: Partial<Adapter> = {}): Adapter => ({ name, kind, arg, call, ...extra });
const tz = { timeZone: true };

/** Every adapter, including those of functions not exported yet (the documentation lists them all). */
export const ALL_ADAPTERS: readonly Adapter[] = [
  // core
  f("customerSummary", "transactions", "transactions", (x, o) => lib.customerSummary(x as Any, { asOf: "2024-03-31", ...o }), { ...tz, heavy: true }),
  f("splitCalibrationHoldout", "transactions", "transactions", (x, o) => lib.splitCalibrationHoldout(x as Any, { ...splitOpts, ...o } as Any), tz),
  f("createCustomerSummaryAccumulator", "transactions", "transactions", (x, o) =>
    (lib as Any).createCustomerSummaryAccumulator({ asOf: "2024-03-31", ...o }).addAll(x).result(), tz),
  f("accumulateAsync", "scores", "source", async (x) => (await lib.accumulateAsync(x as Any, lib.createSatisfactionAccumulator({ metric: "nps" }))).result(), {
    recordArg: "input",
    messagesFrom: "createSatisfactionAccumulator",
  }),
  f("recordJsonSchema", "name", "kind", (x) => lib.recordJsonSchema(x as Any), { base: () => "Transaction" }),
  // satisfaction
  f("nps", "scores", "input", (x, o) => lib.nps(x as Any, o), { heavy: true }),
  f("compareNps", "scores", "a", (x, o) => lib.compareNps(x as Any, npsB, o)),
  f("csat", "scores", "input", (x, o) => lib.csat(x as Any, o), { base: () => [5, 4, 3, 5, 2, 1], heavy: true }),
  f("ces", "scores", "input", (x, o) => lib.ces(x as Any, o), { base: () => [7, 6, 5, 3, 7, 1] }),
  f("satisfactionTrend", "responses", "responses", (x, o) => lib.satisfactionTrend(x as Any, { metric: "nps", ...o } as Any), {
    ...tz,
    // Score errors are raised by nps on each period's responses (reported: the index is the period's, not the input's).
    messagesFrom: "nps" }),
  f("createSatisfactionAccumulator", "scores", "input", (x, o) => lib.createSatisfactionAccumulator({ metric: "nps", ...o } as Any).addAll(x as Any).result()),
  // value
  f("averageOrderValue", "transactions", "transactions", (x, o) => lib.averageOrderValue(x as Any, o), { ...tz, heavy: true }),
  f("purchaseFrequency", "transactions", "transactions", (x, o) => lib.purchaseFrequency(x as Any, o), tz),
  f("historicalClv", "transactions", "transactions", (x, o) => lib.historicalClv(x as Any, o), tz),
  f("formulaClv", "clvFigures", "input", (x, o) => lib.formulaClv(x as Any, o)),
  f("customerGrowth", "transactions", "transactions", (x, o) => lib.customerGrowth(x as Any, o), tz),
  // clv
  f("fitBgNbd", "histories", "customers", (x, o) => lib.fitBgNbd(x as Any, o)),
  f("fitMbgNbd", "histories", "customers", (x, o) => lib.fitMbgNbd(x as Any, o)),
  f("fitParetoNbd", "histories", "customers", (x, o) => lib.fitParetoNbd(x as Any, o)),
  f("fitBgBb", "discreteHistories", "customers", (x, o) => lib.fitBgBb(x as Any, o)),
  f("fitGammaGamma", "spendHistories", "customers", (x, o) => lib.fitGammaGamma(x as Any, o)),
  f("fitShiftedBetaGeometric", "scores", "survivors", (x, o) => lib.fitShiftedBetaGeometric(x as Any, o), {
    base: () => [1000, 631, 468, 382, 326, 289, 262, 241],
    orderMatters: "survivors are a time series (period 0, 1, ...)",
  }),
  f("expectedPurchases", "purchaseModel", "model", (x) => lib.expectedPurchases(x as Any, 39)),
  f("conditionalExpectedPurchases", "history", "customer", (x) => lib.conditionalExpectedPurchases(bgModel(), x as Any, 39)),
  f("probabilityAlive", "history", "customer", (x) => lib.probabilityAlive(bgModel(), x as Any)),
  f("probabilityOfPurchases", "purchaseModel", "model", (x) => lib.probabilityOfPurchases(x as Any, 1, 39)),
  f("conditionalExpectedSpend", "history", "customer", (x) => lib.conditionalExpectedSpend(ggModel as Any, x as Any), { ignores: ["T", "recency"] }),
  f("customerLifetimeValue", "histories", "customers", (x) =>
    lib.customerLifetimeValue({ purchaseModel: bgModel(), spendModel: ggModel as Any, customers: x as Any, horizon: 52, step: 4.345, discountRate: 0.01 }), {
    base: () => (BASES.histories() as { frequency: number }[]).map((h, i) => ({ ...h, customerId: `c${i}`, monetaryValue: 10 + 5 * i })), rowsInInputOrder: ["customers", "customerId"] }),
  f("sbgSurvival", "sbgModel", "model", (x) => lib.sbgSurvival(x as Any, 3)),
  f("sbgRetentionRate", "sbgModel", "model", (x) => lib.sbgRetentionRate(x as Any, 2)),
  f("sbgExpectedResidualLifetime", "sbgModel", "model", (x, o) => lib.sbgExpectedResidualLifetime(x as Any, { renewals: 0, discountRate: 0.1, ...o })),
  // retention
  f("churnRate", "subscriptions", "input", (x, o) => lib.churnRate(x as Any, { ...seriesOpts, ...o }), { ...tz, ignores: ["mrr", "changes"] }),
  f("retentionRate", "interactions", "input", (x, o) => lib.retentionRate(x as Any, { ...seriesOpts, inactiveAfter: { days: 30 }, ...o }), { ...tz, ignores: ["type"] }),
  f("kaplanMeier", "scores", "lifetimes", (x, o) => lib.kaplanMeier(x as Any, o), { base: () => [3, 5, 6, 9, 2, 4] }),
  f("cohortRetention", "interactions", "events", (x, o) => lib.cohortRetention(x as Any, { ...seriesOpts, ...o }), { ...tz, ignores: ["type"] }),
  f("mrrMovements", "subscriptions", "subscriptions", (x, o) => lib.mrrMovements(x as Any, { ...seriesOpts, ...o }), tz),
  f("revenueRetention", "subscriptions", "subscriptions", (x, o) => lib.revenueRetention(x as Any, { from: "2024-01-01", to: "2024-03-31", ...o }), tz),
  f("quickRatio", "subscriptions", "subscriptions", (x, o) => lib.quickRatio(x as Any, { ...seriesOpts, ...o }), tz),
  f("customerGrowthRate", "subscriptions", "input", (x, o) => lib.customerGrowthRate(x as Any, { ...seriesOpts, ...o }), { ...tz, ignores: ["mrr", "changes"] }),
  f("activeCustomerShare", "interactions", "input", (x, o) => lib.activeCustomerShare(x as Any, { ...seriesOpts, activeWindow: { days: 30 }, ...o }), { ...tz, ignores: ["type"] }),
  f("createCohortRetentionAccumulator", "interactions", "events", (x, o) =>
    (lib as Any).createCohortRetentionAccumulator({ ...seriesOpts, ...o }).addAll(x).result(), { ...tz, ignores: ["type"] }),
  f("lifecycleStages", "interactions", "events", (x, o) => lib.lifecycleStages(x as Any, { ...seriesOpts, ...o }), { ...tz, ignores: ["type"] }),
  f("repurchaseRate", "transactions", "transactions", (x, o) => lib.repurchaseRate(x as Any, o), { ...tz, ignores: ["type"] }),
  f("churnRisk", "transactions", "input", (x, o) => lib.churnRisk(x as Any, { ...seriesOpts, ...o }), { ...tz, recordArg: "transactions" }),
  // acquisition
  f("cac", "customers", "newCustomers", (x, o) => lib.cac(BASES.spend() as Any, x as Any, o), { ...tz }),
  f("cacPayback", "paybackFigures", "input", (x) => lib.cacPayback(x as Any)),
  f("ltvToCac", "ltvFigures", "input", (x, o) => lib.ltvToCac(x as Any, o)),
  f("channelPerformance", "spend", "spend", (x, o) =>
    lib.channelPerformance({ spend: x as Any, leads: BASES.leads() as Any, customers: BASES.customers() as Any, transactions: BASES.transactions() as Any }, o), tz),
  f("attribution", "interactions", "touchpoints", (x, o) =>
    lib.attribution(x as Any, [{ customerId: "a", occurredAt: "2024-03-25", value: 100 }, { customerId: "b", occurredAt: "2024-03-25", value: 50 }], o), { ...tz, ignores: ["type"] }),
  f("crossSellRate", "transactions", "transactions", (x, o) => lib.crossSellRate(x as Any, o), { ignores: ["type"] }),
  f("upsellRate", "transactions", "transactions", (x, o) => lib.upsellRate(x as Any, o), { ignores: ["type"] }),
  // funnel
  f("funnel", "interactions", "events", (x, o) => lib.funnel(x as Any, ["signup", "purchase"], o), tz),
  f("winRate", "deals", "deals", (x, o) => lib.winRate(x as Any, o), tz),
  f("salesCycle", "deals", "deals", (x, o) => lib.salesCycle(x as Any, o), tz),
  f("stageConversion", "deals", "deals", (x, o) => lib.stageConversion(x as Any, ["lead", "demo", "proposal"], o), tz),
  f("pipelineForecast", "deals", "deals", (x, o) => lib.pipelineForecast(x as Any, { asOf: "2024-01-15", ...o }), tz),
  f("revenueForecast", "scores", "series", (x, o) => lib.revenueForecast(x as Any, { seasonLength: 4, backtest: false, ...o }), {
    base: () => [10, 20, 30, 20, 12, 22, 32, 22, 14, 24, 34, 24],
    orderMatters: "a time series",
  }),
  // engagement
  f("responseTimes", "tickets", "tickets", (x, o) => lib.responseTimes(x as Any, o)),
  f("interactionCounts", "interactions", "interactions", (x, o) => lib.interactionCounts(x as Any, o), { ...tz }),
  f("engagementRate", "interactions", "interactions", (x, o) => lib.engagementRate(x as Any, { types: ["purchase"], ...o }), { ...tz }),
  f("activeCustomers", "interactions", "records", (x, o) => lib.activeCustomers(x as Any, { window: { days: 7 }, ...o }), { ...tz, ignores: ["type"] }),
  // segmentation
  f("rfmScores", "transactions", "input", (x, o) => lib.rfmScores(x as Any, { bins: 3, asOf: "2024-03-31", ...o }), { ...tz, recordArg: "transactions" }),
  f("applyRfm", "transactions", "input", (x, o) => lib.applyRfm(rfmModel(), x as Any, { asOf: "2024-03-31", ...o }), { ...tz, recordArg: "transactions" }),
  f("rfmSegments", "rfmRows", "scores", (x, o) => lib.rfmSegments(x as Any, o), { rowsInInputOrder: ["customers", "customerId"] }),
  f("validateSegmentMap", "name", "map", (x) => lib.validateSegmentMap(x as Any), { base: () => "default" }),
  f("abcTiers", "transactions", "input", (x, o) => lib.abcTiers(x as Any, o), { ...tz, recordArg: "transactions" }),
  // scoring
  f("leadScoringRulesJsonSchema", "name", "none", () => lib.leadScoringRulesJsonSchema(), { base: () => "ignored" }),
  f("scoreLeads", "leads", "leads", (x, o) => lib.scoreLeads(x as Any, leadRules as Any, o), { ...tz, ignores: ["createdAt"], rowsInInputOrder: ["scores", "leadId"] }),
  f("fitLeadScoringModel", "leads", "leads", (x, o) => lib.fitLeadScoringModel(x as Any, leadOutcomes(x), { ...leadFeatures, ...o } as Any), { ignores: ["createdAt"] }),
  f("predictLeadScores", "leads", "leads", (x, o) => lib.predictLeadScores(leadModel(), x as Any, o), { ignores: ["createdAt"], rowsInInputOrder: ["predictions", "leadId"] }),
  f("evaluateScores", "scores", "scores", (x, o) => lib.evaluateScores(x as Any, outcomesFor(x, 6), o), {
    base: () => [0.9, 0.8, 0.7, 0.3, 0.2, 0.6],
    orderMatters: "scores and outcomes are paired by position",
  }),
  // synthetic
  f("generateEvents", "generatorOptions", "options", (x) => lib.generateEvents(x as Any)),
  f("generateTransactions", "generatorOptions", "options", (x) => lib.generateTransactions(x as Any)),
  f("generateLeads", "generatorOptions", "options", (x) => lib.generateLeads(x === null || typeof x !== "object" || Array.isArray(x) ? (x as Any) : renameKey(x as Any, "customers", "n")), {
    paths: { "options.customers": "options.n" },
  }),
  f("simulateClv", "generatorOptions", "options", (x) => lib.simulateClv(x as Any)),
];

/**
 * The adapters of the functions the package exports. An adapter written ahead of a function
 * another engineer is adding is left out until the function is exported.
 */
export const ADAPTERS: readonly Adapter[] = ALL_ADAPTERS.filter((a) => typeof (lib as Record<string, unknown>)[a.name] === "function");

/** The base input of `adapter`. */
export function baseOf(adapter: Adapter): unknown {
  return adapter.base === undefined ? BASES[adapter.kind]() : adapter.base();
}

function renameKey(o: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const { [from]: v, ...rest } = o;
  return v === undefined && !(from in o) ? rest : { ...rest, [to]: v };
}

/** The names of the functions the package exports (every exported value that is a function and not a class). */
export function exportedFunctionNames(): string[] {
  return Object.entries(lib)
    .filter(([, v]) => typeof v === "function" && !/^class\s/.test(Function.prototype.toString.call(v)))
    .map(([k]) => k)
    .sort();
}
