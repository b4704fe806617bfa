/**
 * The bad-input catalogue: awkward and invalid inputs built per record kind. Each case turns
 * the kind's valid base input (or a function's own base, see functions.ts) into the input
 * under test and states the outcome the library documents for it. Paths are templates:
 * `{arg}` is the argument's name in error paths (`transactions`, `input`, ...), `{rec}` the
 * record under test (`transactions[0]` for a list, `input` for a single object).
 */
import { Decimal } from "decimal.js";
import type { CrmMetricsErrorCode } from "../../src/index.js";

/** The outcome a case documents: a finite-or-null result, or a CrmMetricsError at a path. */
export type Outcome = { readonly ok: true } | { readonly error: CrmMetricsErrorCode; readonly path: string };

/** A valid result whose every number is finite or null. */
export const OK: Outcome = { ok: true };
/** An `INVALID_INPUT` error at a path template. */
export const bad = (path: string): Outcome => ({ error: "INVALID_INPUT", path });
/** An `INVALID_OPTION` error at `options.<name>`. */
export const badOption = (name: string): Outcome => ({ error: "INVALID_OPTION", path: `options.${name}` });

/** What a case gives the function: its main argument and extra options. */
export interface CaseInput {
  readonly input: unknown;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** One catalogue case. */
export interface CatalogueCase {
  /** Unique id, `<kind>/<slug>`. */
  readonly id: string;
  /** The record kind, or `"*"` for option cases every function with a `timeZone` option gets. */
  readonly kind: Kind | "*";
  /** Group for the documentation page. */
  readonly group: Group;
  readonly title: string;
  /** Build the input from the (valid) base input of the function under test. */
  readonly build: (base: unknown) => CaseInput;
  /** The documented outcome unless functions.ts/expected.ts say otherwise for a function. */
  readonly expected: Outcome;
  /** The field of record 0 the case changes, when it changes one. */
  readonly field?: string;
  /** Only run for functions that opt in (the million-record case). */
  readonly heavy?: boolean;
  /** Only for functions that take a `timeZone` option. */
  readonly needsTimeZone?: boolean;
}

export type Group =
  | "structure"
  | "numbers"
  | "dates"
  | "time zones"
  | "ids"
  | "types"
  | "domain"
  | "scale";

/** The record kinds. `list` kinds are arrays of records (or numbers); `object` kinds one object. */
export type Kind =
  | "transactions"
  | "interactions"
  | "subscriptions"
  | "deals"
  | "tickets"
  | "leads"
  | "customers"
  | "spend"
  | "responses"
  | "scores"
  | "histories"
  | "discreteHistories"
  | "spendHistories"
  | "rfmRows"
  | "purchaseModel"
  | "sbgModel"
  | "history"
  | "clvFigures"
  | "ltvFigures"
  | "paybackFigures"
  | "name"
  | "generatorOptions";

/** The field roles a kind has; cases are written against roles, not field names. */
export interface KindSpec {
  readonly shape: "records" | "numbers" | "object";
  /** Customer/record id field. */
  readonly id?: string;
  /** Main date field. */
  readonly date?: string;
  /** Main money field. */
  readonly money?: string;
  /** A count/score field that must be a non-negative (integer) number. */
  readonly count?: string;
  /** For `object` kinds: errors are options errors (`options.<field>`). */
  readonly optionsKind?: boolean;
}

export const KINDS: Readonly<Record<Kind, KindSpec>> = {
  transactions: { shape: "records", id: "customerId", date: "occurredAt", money: "amount" },
  interactions: { shape: "records", id: "customerId", date: "occurredAt" },
  subscriptions: { shape: "records", id: "customerId", date: "startedAt", money: "mrr" },
  deals: { shape: "records", id: "id", date: "createdAt", money: "amount" },
  tickets: { shape: "records", id: "id", date: "openedAt" },
  leads: { shape: "records", id: "id", date: "createdAt" },
  customers: { shape: "records", id: "id", date: "acquiredAt" },
  spend: { shape: "records", date: "periodStart", money: "amount" },
  responses: { shape: "records", date: "respondedAt", count: "score" },
  scores: { shape: "numbers" },
  histories: { shape: "records", count: "frequency" },
  discreteHistories: { shape: "records", count: "frequency" },
  spendHistories: { shape: "records", money: "monetaryValue", count: "frequency" },
  rfmRows: { shape: "records", id: "customerId", money: "totalSpend", count: "recencyScore" },
  purchaseModel: { shape: "object", money: "params.r" },
  sbgModel: { shape: "object", money: "params.alpha" },
  history: { shape: "object", count: "frequency", money: "T" },
  clvFigures: { shape: "object", money: "revenuePerPeriod" },
  ltvFigures: { shape: "object", money: "ltv" },
  paybackFigures: { shape: "object", money: "cac" },
  name: { shape: "object" },
  generatorOptions: { shape: "object", count: "customers", optionsKind: true },
};

// ---------------------------------------------------------------------------------------
// Base inputs (valid). Record 0 is the one the field cases change.

const tx = (id: string, customerId: string, occurredAt: string, amount: number, productId: string, category: string) => ({
  id,
  customerId,
  occurredAt,
  amount,
  productId,
  category,
});

/** Valid base inputs per kind; functions.ts may give a function its own base. */
export const BASES: Readonly<Record<Kind, () => unknown>> = {
  transactions: () => [
    tx("t1", "a", "2024-01-05T10:00:00Z", 40, "basic", "shoes"),
    tx("t2", "b", "2024-01-20T10:00:00Z", 20, "basic", "shoes"),
    tx("t3", "a", "2024-02-10T10:00:00Z", 30, "pro", "socks"),
    tx("t4", "c", "2024-02-14T10:00:00Z", 60, "pro", "socks"),
    tx("t5", "b", "2024-03-02T10:00:00Z", 25, "pro", "shoes"),
    tx("t6", "a", "2024-03-20T10:00:00Z", 15, "basic", "shoes"),
  ],
  interactions: () => [
    { customerId: "a", occurredAt: "2024-01-05T10:00:00Z", type: "signup", channel: "search" },
    { customerId: "b", occurredAt: "2024-01-20T10:00:00Z", type: "signup", channel: "email" },
    { customerId: "a", occurredAt: "2024-02-10T10:00:00Z", type: "purchase", channel: "email" },
    { customerId: "c", occurredAt: "2024-02-14T10:00:00Z", type: "signup", channel: "search" },
    { customerId: "b", occurredAt: "2024-03-02T10:00:00Z", type: "purchase", channel: "search" },
    { customerId: "a", occurredAt: "2024-03-20T10:00:00Z", type: "login", channel: "web" },
  ],
  subscriptions: () => [
    { customerId: "a", startedAt: "2024-01-05", mrr: 100 },
    { customerId: "b", startedAt: "2024-01-20", endedAt: "2024-02-20", mrr: 50 },
    { customerId: "c", startedAt: "2024-02-05", mrr: 30, changes: [{ at: "2024-02-15", mrr: 150 }] },
    { customerId: "d", startedAt: "2024-03-01", endedAt: "2024-03-25", mrr: 80 },
  ],
  deals: () => [
    { id: "d3", stage: "demo", status: "open", amount: 50, createdAt: "2024-01-09", probability: 0.4, expectedCloseAt: "2024-04-01",
      stageHistory: [{ stage: "lead", enteredAt: "2024-01-09" }, { stage: "demo", enteredAt: "2024-02-01" }] },
    { id: "d1", stage: "won", status: "won", amount: 100, createdAt: "2024-01-02", closedAt: "2024-01-20", probability: 1, expectedCloseAt: "2024-01-20",
      stageHistory: [{ stage: "lead", enteredAt: "2024-01-02" }, { stage: "demo", enteredAt: "2024-01-08" }] },
    { id: "d2", stage: "lost", status: "lost", amount: 300, createdAt: "2024-01-05", closedAt: "2024-02-01", probability: 0, expectedCloseAt: "2024-02-01",
      stageHistory: [{ stage: "lead", enteredAt: "2024-01-05" }] },
    { id: "d4", stage: "won", status: "won", amount: 100, createdAt: "2024-01-10", closedAt: "2024-02-11", probability: 1, expectedCloseAt: "2024-02-11",
      stageHistory: [{ stage: "lead", enteredAt: "2024-01-10" }, { stage: "demo", enteredAt: "2024-01-15" }, { stage: "proposal", enteredAt: "2024-01-30" }] },
  ],
  tickets: () => [
    { id: 3, openedAt: "2024-03-05T16:00:00Z", channel: "email" },
    { id: 1, openedAt: "2024-03-04T09:00:00Z", firstResponseAt: "2024-03-04T10:00:00Z", resolvedAt: "2024-03-04T15:00:00Z", channel: "email" },
    { id: 2, openedAt: "2024-03-04T12:00:00Z", firstResponseAt: "2024-03-04T15:00:00Z", channel: "phone" },
  ],
  leads: () =>
    [0, 1, 2, 3, 4, 5, 6, 7].map((v) => ({
      id: `l${v}`,
      createdAt: `2024-01-0${v + 1}`,
      channel: v % 2 === 0 ? "ads" : "search",
      properties: { visits: v, industry: v % 3 === 0 ? "software" : "retail" },
      ...(v % 2 === 1 ? { convertedAt: `2024-02-0${v + 1}` } : {}),
    })),
  customers: () => [
    { id: "a", acquiredAt: "2024-01-20", channel: "search" },
    { id: "b", acquiredAt: "2024-02-03", channel: "search" },
    { id: "c", acquiredAt: "2024-02-15", channel: "referral" },
  ],
  spend: () => [
    { channel: "events", periodStart: "2024-02-10", amount: 300, paid: false },
    { channel: "search", periodStart: "2024-01-01", periodEnd: "2024-03-01", amount: 1000 },
  ],
  responses: () => [
    { kind: "nps", score: 10, respondedAt: "2024-01-15" },
    { kind: "nps", score: 3, respondedAt: "2024-01-20" },
    { kind: "nps", score: 9, respondedAt: "2024-03-02" },
    { kind: "nps", score: 7, respondedAt: "2024-03-05" },
  ],
  scores: () => [10, 9, 8, 6, 3, 10],
  histories: () => [
    { frequency: 0, recency: 0, T: 30 },
    { frequency: 1, recency: 10, T: 30 },
    { frequency: 4, recency: 25, T: 30 },
    { frequency: 2, recency: 5, T: 30 },
    { frequency: 0, recency: 0, T: 20 },
    { frequency: 6, recency: 19, T: 20 },
  ],
  discreteHistories: () => [
    { frequency: 0, recency: 0, periods: 6, weight: 30 },
    { frequency: 2, recency: 4, periods: 6, weight: 20 },
    { frequency: 6, recency: 6, periods: 6, weight: 10 },
    { frequency: 3, recency: 6, periods: 6, weight: 15 },
    { frequency: 1, recency: 1, periods: 6, weight: 12 },
  ],
  spendHistories: () => [
    { frequency: 1, monetaryValue: 20 },
    { frequency: 3, monetaryValue: 35 },
    { frequency: 2, monetaryValue: 15 },
    { frequency: 5, monetaryValue: 28 },
    { frequency: 1, monetaryValue: 60 },
    { frequency: 4, monetaryValue: 22 },
  ],
  rfmRows: () => [
    { customerId: "a", recencyScore: 5, frequencyScore: 5, monetaryScore: 4, totalSpend: 900 },
    { customerId: "b", recencyScore: 1, frequencyScore: 1, monetaryScore: 1, totalSpend: 100 },
    { customerId: "c", recencyScore: 3, frequencyScore: 2, monetaryScore: 3, totalSpend: 300 },
  ],
  purchaseModel: () => ({ model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } }),
  sbgModel: () => ({ model: "shifted-beta-geometric", params: { alpha: 0.704, beta: 1.182 } }),
  history: () => ({ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }),
  clvFigures: () => ({ revenuePerPeriod: 100, churnRate: 0.05 }),
  ltvFigures: () => ({ ltv: 3600, cac: 1200 }),
  paybackFigures: () => ({ cac: 1200, revenuePerCustomerPerPeriod: 100, grossMargin: 0.8 }),
  name: () => "",
  generatorOptions: () => ({ seed: 7, customers: 5 }),
};

// ---------------------------------------------------------------------------------------
// Helpers that build inputs.

type Rec = Record<string, unknown>;

const clone = <T>(v: T): T => structuredClone(v);

/** Set `field` (dotted path, `changes.0.mrr`) of a copy of `record`; `undefined` deletes it. */
export function setPath(record: unknown, field: string, value: unknown): unknown {
  const copy = clone(record) as Rec;
  const parts = field.split(".");
  let target = copy as Rec;
  for (const p of parts.slice(0, -1)) target = target[p] as Rec;
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value instanceof Date || value instanceof Decimal ? value : clone(value);
  return copy;
}

/** A copy of list `base` with record `index` changed by `f`. */
function withRecord(base: unknown, index: number, f: (r: unknown) => unknown): unknown[] {
  const list = clone(base as unknown[]);
  list[index] = f(list[index]);
  return list;
}

/** The path template of a field of the record under test (`{rec}.amount`, `{rec}` for numbers). */
const at = (field: string): string => (field === "" ? "{rec}" : `{rec}.${field}`);

/** Rename every customer id `from` to `to` in a list of records. */
function renameId(base: unknown, field: string, from: unknown, to: string): unknown[] {
  return (clone(base) as Rec[]).map((r) => (r[field] === from ? { ...r, [field]: to } : r));
}

// ---------------------------------------------------------------------------------------
// The cases.

const cases: CatalogueCase[] = [];
const add = (c: CatalogueCase): void => {
  cases.push(c);
};

/** A set-a-field case of kind `kind` on record 0 (or the object). */
function fieldCase(kind: Kind, group: Group, slug: string, title: string, field: string, value: unknown, expected: Outcome): void {
  const spec = KINDS[kind];
  const build = (base: unknown): CaseInput =>
    spec.shape === "object"
      ? { input: field === "" ? value : setPath(base, field, value) }
      : { input: spec.shape === "numbers" ? withRecord(base, 0, () => value) : withRecord(base, 0, (r) => setPath(r, field, value)) };
  add({ id: `${kind}/${slug}`, kind, group, title, build, expected, field: field.split(".")[0] });
}

const INVALID_DATES: readonly [string, string, unknown][] = [
  ["date-feb-30", 'date "2024-02-30" (no such day)', "2024-02-30"],
  ["date-month-13", 'date "2024-13-01" (no such month)', "2024-13-01"],
  ["date-ambiguous", 'ambiguous date "01/02/2024" (not ISO-8601)', "01/02/2024"],
  ["date-empty", "date is the empty string", ""],
  ["date-null", "date is null", null],
  ["date-nan", "date is NaN epoch milliseconds", Number.NaN],
  ["date-infinity", "date is Infinity", Number.POSITIVE_INFINITY],
  ["date-invalid-date", "date is an invalid Date object", new Date(Number.NaN)],
  ["date-boolean", "date is a boolean", true],
  ["date-year-10000-string", 'date "+010000-01-01T00:00:00Z" (expanded year, after 9999)', "+010000-01-01T00:00:00Z"],
];

const AWKWARD_DATES: readonly [string, string, unknown][] = [
  ["date-before-1970", 'date "1969-07-20T20:17:00Z" (before the epoch)', "1969-07-20T20:17:00Z"],
  ["date-negative-epoch", "date is epoch -1 ms (1969-12-31T23:59:59.999Z)", -1],
  ["date-year-9999", 'date "9999-12-31T23:59:59Z" (last ISO year)', "9999-12-31T23:59:59Z"],
  ["date-year-10000-epoch", "date is epoch ms of 10000-01-01 (after 9999)", 253_402_300_800_000],
  ["date-object", "date is a Date object", new Date("2024-01-05T10:00:00Z")],
  ["date-epoch-ms", "date is epoch milliseconds", Date.UTC(2024, 0, 5, 10)],
  ["date-offset", 'date with an offset "2024-01-05T00:00:00+05:30"', "2024-01-05T00:00:00+05:30"],
];

/** The DST cases: the local time, the zone, what happens there. */
const DST_DATES: readonly [string, string, string, string][] = [
  ["dst-gap-new-york", "2024-03-10T02:30", "America/New_York", "spring-forward gap"],
  ["dst-overlap-new-york", "2024-11-03T01:30", "America/New_York", "fall-back overlap"],
  ["dst-gap-berlin", "2024-03-31T02:30", "Europe/Berlin", "spring-forward gap"],
  ["dst-overlap-berlin", "2024-10-27T02:30", "Europe/Berlin", "fall-back overlap"],
];

const BAD_NUMBERS: readonly [string, string, unknown][] = [
  ["nan", "NaN", Number.NaN],
  ["infinity", "Infinity", Number.POSITIVE_INFINITY],
  ["minus-infinity", "-Infinity", Number.NEGATIVE_INFINITY],
  ["text", 'a non-numeric string "abc"', "abc"],
  ["empty-string", "the empty string", ""],
  ["null", "null", null],
  ["missing", "missing (undefined)", undefined],
  ["object", "an object", { value: 1 }],
];

function recordCases(kind: Kind): void {
  const spec = KINDS[kind];
  // structure
  add({ id: `${kind}/empty`, kind, group: "structure", title: "no records", build: () => ({ input: [] }), expected: OK });
  add({ id: `${kind}/single`, kind, group: "structure", title: "a single record", build: (b) => ({ input: (b as unknown[]).slice(0, 1) }), expected: OK });
  add({ id: `${kind}/reversed`, kind, group: "structure", title: "records out of order (reversed)", build: (b) => ({ input: clone(b as unknown[]).reverse() }), expected: OK });
  add({ id: `${kind}/duplicated`, kind, group: "structure", title: "every record twice (duplicate ids)", build: (b) => ({ input: [...clone(b as unknown[]), ...clone(b as unknown[])] }), expected: OK });
  add({ id: `${kind}/iterable`, kind, group: "structure", title: "a one-shot iterable (generator) instead of an array", build: (b) => ({ input: (function* () { yield* clone(b as unknown[]); })() }), expected: OK });
  add({ id: `${kind}/input-null`, kind, group: "types", title: "input is null", build: () => ({ input: null }), expected: bad("{arg}") });
  add({ id: `${kind}/input-number`, kind, group: "types", title: "input is a number", build: () => ({ input: 42 }), expected: bad("{arg}") });
  add({ id: `${kind}/input-string`, kind, group: "types", title: 'input is a string ("abc")', build: () => ({ input: "abc" }), expected: bad("{arg}") });
  add({ id: `${kind}/input-object`, kind, group: "types", title: "input is a plain object, not a list", build: (b) => ({ input: { ...clone(b as unknown[]) } }), expected: bad("{arg}") });
  add({ id: `${kind}/heavy`, kind, group: "scale", title: "a million identical records", heavy: true,
    build: (b) => ({ input: new Array(1_000_000).fill((b as unknown[])[0]) }), expected: OK });
  if (spec.shape === "numbers") {
    for (const [slug, title, v] of [...BAD_NUMBERS, ["boolean", "a boolean", true] as [string, string, unknown]]) {
      fieldCase(kind, slug === "text" || slug === "empty-string" || slug === "object" || slug === "boolean" ? "types" : "numbers", `value-${slug}`, `a value is ${title}`, "", v, bad(at("")));
    }
    fieldCase(kind, "numbers", "value-minus-zero", "a value is -0", "", -0, OK);
    fieldCase(kind, "numbers", "value-huge", "a value is 1e308", "", 1e308, bad(at("")));
    fieldCase(kind, "numbers", "value-negative", "a value is negative (-1)", "", -1, bad(at("")));
    fieldCase(kind, "numbers", "value-fraction", "a value is not an integer (7.5)", "", 7.5, bad(at("")));
    fieldCase(kind, "types", "value-numeric-string", 'a value is a numeric string ("9")', "", "9", bad(at("")));
    add({ id: `${kind}/last-value-nan`, kind, group: "numbers", title: "the last value is NaN (the path must name its index)",
      build: (b) => ({ input: withRecord(b, (b as unknown[]).length - 1, () => Number.NaN) }), expected: bad("{arg}[{last}]") });
    return;
  }
  add({ id: `${kind}/record-null`, kind, group: "types", title: "a record is null", build: (b) => ({ input: withRecord(b, 0, () => null) }), expected: bad("{rec}") });
  add({ id: `${kind}/last-record-null`, kind, group: "types", title: "the last record is null (the path must name its index)",
    build: (b) => ({ input: withRecord(b, (b as unknown[]).length - 1, () => null) }), expected: bad("{arg}[{last}]") });
  add({ id: `${kind}/record-number`, kind, group: "types", title: "a record is a number", build: (b) => ({ input: withRecord(b, 0, () => 7) }), expected: bad("{rec}") });
  add({ id: `${kind}/record-array`, kind, group: "types", title: "a record is an array", build: (b) => ({ input: withRecord(b, 0, () => []) }), expected: bad("{rec}") });
  const late = spec.money ?? spec.date ?? spec.id ?? spec.count;
  if (late !== undefined) {
    add({ id: `${kind}/last-${late}-nan`, kind, group: "numbers", title: `the last record's ${late} is NaN (the path must name its index)`, field: late,
      build: (b) => ({ input: withRecord(b, (b as unknown[]).length - 1, (r) => setPath(r, late, Number.NaN)) }), expected: bad(`{arg}[{last}].${late}`) });
  }
  if (spec.id !== undefined) {
    const f = spec.id;
    fieldCase(kind, "ids", "id-empty", `${f} is the empty string`, f, "", bad(at(f)));
    fieldCase(kind, "ids", "id-null", `${f} is null`, f, null, bad(at(f)));
    fieldCase(kind, "ids", "id-missing", `${f} is missing`, f, undefined, bad(at(f)));
    fieldCase(kind, "ids", "id-nan", `${f} is NaN`, f, Number.NaN, bad(at(f)));
    fieldCase(kind, "ids", "id-object", `${f} is an object`, f, { id: "a" }, bad(at(f)));
    fieldCase(kind, "ids", "id-number", `${f} is a number (7)`, f, 7, OK);
    const first = (BASES[kind]() as Rec[])[0]![f];
    for (const name of ["__proto__", "constructor", "toString"]) {
      add({ id: `${kind}/id-${name}`, kind, group: "ids", title: `${f} "${name}"`, build: (b) => ({ input: renameId(b, f, first, name) }), expected: OK });
    }
  }
  if (spec.date !== undefined) {
    const f = spec.date;
    for (const [slug, title, v] of INVALID_DATES) fieldCase(kind, "dates", slug, `${f}: ${title}`, f, v, bad(at(f)));
    for (const [slug, title, v] of AWKWARD_DATES) fieldCase(kind, "dates", slug, `${f}: ${title}`, f, v, OK);
    fieldCase(kind, "dates", "date-missing", `${f} is missing`, f, undefined, bad(at(f)));
    for (const [slug, local, zone, what] of DST_DATES) {
      add({ id: `${kind}/${slug}`, kind, group: "time zones", title: `${f} "${local}" in ${zone} (${what})`, needsTimeZone: true,
        field: f, build: (b) => ({ input: withRecord(b, 0, (r) => setPath(r, f, local)), options: { timeZone: zone } }), expected: OK });
    }
  }
  if (spec.money !== undefined) {
    const f = spec.money;
    for (const [slug, title, v] of BAD_NUMBERS) fieldCase(kind, slug === "text" || slug === "empty-string" || slug === "object" ? "types" : "numbers", `money-${slug}`, `${f} is ${title}`, f, v, bad(at(f)));
    fieldCase(kind, "numbers", "money-minus-zero", `${f} is -0`, f, -0, OK);
    fieldCase(kind, "numbers", "money-huge", `${f} is 1e15`, f, 1e15, OK);
    fieldCase(kind, "numbers", "money-max", `${f} is 1e308`, f, 1e308, OK);
    fieldCase(kind, "numbers", "money-tiny", `${f} is 1e-9`, f, 1e-9, OK);
    fieldCase(kind, "numbers", "money-negative", `${f} is negative (-5)`, f, -5, OK);
    fieldCase(kind, "types", "money-decimal-string", `${f} is a decimal string ("12.50")`, f, "12.50", OK);
    fieldCase(kind, "types", "money-decimal", `${f} is a Decimal`, f, new Decimal("12.5"), OK);
  }
  if (spec.count !== undefined) {
    const f = spec.count;
    for (const [slug, title, v] of BAD_NUMBERS) fieldCase(kind, slug === "text" || slug === "empty-string" || slug === "object" ? "types" : "numbers", `count-${slug}`, `${f} is ${title}`, f, v, bad(at(f)));
    fieldCase(kind, "numbers", "count-negative", `${f} is negative (-1)`, f, -1, bad(at(f)));
    fieldCase(kind, "numbers", "count-fraction", `${f} is not an integer (2.5)`, f, 2.5, bad(at(f)));
    fieldCase(kind, "numbers", "count-minus-zero", `${f} is -0`, f, -0, OK);
    fieldCase(kind, "numbers", "count-huge", `${f} is 1e308`, f, 1e308, bad(at(f)));
  }
}

function nameCases(): void {
  const kind = "name";
  const named = (slug: string, title: string, value: unknown, group: Group = "types"): void =>
    add({ id: `${kind}/${slug}`, kind, group, title, build: () => ({ input: value }), expected: bad("{arg}") });
  named("null", "null", null);
  named("undefined", "undefined", undefined);
  named("number", "a number", 42);
  named("empty", "the empty string", "");
  named("unknown", 'an unknown name "Nope"', "Nope");
  for (const name of ["__proto__", "constructor", "toString"]) named(`name-${name}`, `"${name}"`, name, "ids");
  add({ id: `${kind}/valid`, kind, group: "structure", title: "the valid name", build: (b) => ({ input: b }), expected: OK });
}

function objectCases(kind: Kind): void {
  const spec = KINDS[kind];
  const err = (field: string): Outcome =>
    spec.optionsKind
      ? field === "" ? { error: "INVALID_OPTION", path: "options" } : badOption(field)
      : bad(field === "" ? "{arg}" : `{arg}.${field}`);
  add({ id: `${kind}/input-null`, kind, group: "types", title: "the argument is null", build: () => ({ input: null }), expected: err("") });
  add({ id: `${kind}/input-number`, kind, group: "types", title: "the argument is a number", build: () => ({ input: 42 }), expected: err("") });
  add({ id: `${kind}/input-array`, kind, group: "types", title: "the argument is an array", build: () => ({ input: [] }), expected: err("") });
  add({ id: `${kind}/input-string`, kind, group: "types", title: 'the argument is a string ("abc")', build: () => ({ input: "abc" }), expected: err("") });
  for (const role of ["money", "count"] as const) {
    const f = spec[role];
    if (f === undefined || f === "") continue;
    for (const [slug, title, v] of BAD_NUMBERS) {
      const group = slug === "text" || slug === "empty-string" || slug === "object" ? "types" : "numbers";
      // An option left out takes its default.
      fieldCase(kind, group, `${role}-${slug}`, `${f} is ${title}`, f, v, spec.optionsKind && slug === "missing" ? OK : err(f));
    }
    fieldCase(kind, "numbers", `${role}-minus-zero`, `${f} is -0`, f, -0, OK);
    fieldCase(kind, "numbers", `${role}-negative`, `${f} is negative (-1)`, f, -1, err(f));
    fieldCase(kind, "numbers", `${role}-huge`, `${f} is 1e308`, f, 1e308, spec.optionsKind ? err(f) : OK);
    fieldCase(kind, "numbers", `${role}-fraction`, `${f} is not an integer (2.5)`, f, 2.5, role === "count" ? err(f) : OK);
  }
}

/** Cases written for one kind's domain rules. */
function domainCases(): void {
  fieldCase("transactions", "domain", "type-unknown", 'type is "gift" (not purchase or refund)', "type", "gift", bad("{rec}.type"));
  fieldCase("transactions", "domain", "type-refund", 'a refund (type "refund", amount 40)', "type", "refund", OK);
  add({ id: "subscriptions/ends-before-start", kind: "subscriptions", group: "domain", title: "a subscription ends before it starts",
    build: (b) => ({ input: withRecord(b, 1, (r) => setPath(r, "endedAt", "2024-01-10")) }), expected: bad("{arg}[1].endedAt") });
  add({ id: "subscriptions/ends-when-starts", kind: "subscriptions", group: "domain", title: "a subscription ends the instant it starts",
    build: (b) => ({ input: withRecord(b, 1, (r) => setPath(r, "endedAt", "2024-01-20")) }), expected: OK });
  fieldCase("subscriptions", "dates", "end-invalid", 'endedAt "2024-02-30"', "endedAt", "2024-02-30", bad("{rec}.endedAt"));
  add({ id: "subscriptions/change-mrr-nan", kind: "subscriptions", group: "numbers", title: "a plan change's mrr is NaN", field: "changes",
    build: (b) => ({ input: withRecord(b, 2, (r) => setPath(r, "changes.0.mrr", Number.NaN)) }), expected: bad("{arg}[2].changes[0].mrr") });
  add({ id: "subscriptions/change-before-start", kind: "subscriptions", group: "domain", title: "a plan change before the subscription starts", field: "changes",
    build: (b) => ({ input: withRecord(b, 2, (r) => setPath(r, "changes.0.at", "2024-01-01")) }), expected: bad("{arg}[2].changes[0].at") });
  add({ id: "deals/closed-before-created", kind: "deals", group: "domain", title: "a deal closes before it was created",
    build: (b) => ({ input: withRecord(b, 1, (r) => setPath(r, "closedAt", "2023-12-01")) }), expected: bad("{arg}[1].closedAt") });
  fieldCase("deals", "domain", "status-unknown", 'status "pending" (not open, won or lost)', "status", "pending", bad("{rec}.status"));
  fieldCase("deals", "numbers", "probability-above-one", "probability 1.5", "probability", 1.5, bad("{rec}.probability"));
  fieldCase("deals", "numbers", "probability-nan", "probability NaN", "probability", Number.NaN, bad("{rec}.probability"));
  add({ id: "tickets/response-before-open", kind: "tickets", group: "domain", title: "first response before the ticket was opened",
    build: (b) => ({ input: withRecord(b, 1, (r) => setPath(r, "firstResponseAt", "2024-03-04T08:00:00Z")) }), expected: bad("{arg}[1].firstResponseAt") });
  fieldCase("interactions", "domain", "type-missing", "type is missing", "type", undefined, bad("{rec}.type"));
  fieldCase("interactions", "domain", "type-number", "type is a number", "type", 5, bad("{rec}.type"));
  fieldCase("responses", "domain", "kind-unknown", 'kind "stars" (not nps, csat or ces)', "kind", "stars", bad("{rec}.kind"));
  fieldCase("histories", "domain", "recency-after-age", "recency greater than T", "recency", 40, bad("{rec}.recency"));
  fieldCase("histories", "numbers", "age-nan", "T is NaN", "T", Number.NaN, bad("{rec}.T"));
  fieldCase("histories", "domain", "repeat-with-zero-recency", "frequency 1 with recency 0", "recency", 0, OK);
  fieldCase("spendHistories", "domain", "monetary-zero", "monetaryValue 0", "monetaryValue", 0, bad("{rec}.monetaryValue"));
  fieldCase("spendHistories", "domain", "monetary-negative", "monetaryValue negative (-5)", "monetaryValue", -5, bad("{rec}.monetaryValue"));
  fieldCase("rfmRows", "domain", "score-out-of-range", "recencyScore 9 with 5 bins", "recencyScore", 9, bad("{rec}.recencyScore"));
  fieldCase("discreteHistories", "domain", "recency-after-periods", "recency greater than periods", "recency", 7, bad("{rec}.recency"));
  fieldCase("purchaseModel", "domain", "model-unknown", 'model "bg-xyz"', "model", "bg-xyz", bad("{arg}.model"));
  fieldCase("purchaseModel", "domain", "params-missing", "params missing", "params", undefined, bad("{arg}.params"));
  fieldCase("sbgModel", "numbers", "beta-zero", "beta is 0", "params.beta", 0, bad("{arg}.params.beta"));
  fieldCase("history", "domain", "recency-after-age", "recency greater than T", "recency", 50, bad("{arg}.recency"));
  fieldCase("generatorOptions", "numbers", "seed-nan", "seed NaN", "seed", Number.NaN, badOption("seed"));
  fieldCase("generatorOptions", "numbers", "seed-minus-zero", "seed -0", "seed", -0, OK);
  fieldCase("generatorOptions", "numbers", "seed-fraction", "seed 1.5", "seed", 1.5, badOption("seed"));
  fieldCase("generatorOptions", "types", "seed-text", 'seed "x"', "seed", "x", badOption("seed"));
  fieldCase("generatorOptions", "numbers", "seed-huge", "seed 1e308 (an integer)", "seed", 1e308, OK);
  fieldCase("generatorOptions", "types", "timezone-unknown", 'timeZone "Mars/Olympus_Mons"', "timeZone", "Mars/Olympus_Mons", badOption("timeZone"));
}

for (const kind of Object.keys(KINDS) as Kind[]) {
  if (kind === "name") nameCases();
  else if (KINDS[kind].shape === "object") objectCases(kind);
  else recordCases(kind);
}
domainCases();

for (const [slug, title, zone, expected] of [
  ["timezone-unknown", 'timeZone "Mars/Olympus_Mons" (no such zone)', "Mars/Olympus_Mons", badOption("timeZone")],
  ["timezone-empty", "timeZone is the empty string", "", badOption("timeZone")],
  ["timezone-number", "timeZone is a number (5)", 5, badOption("timeZone")],
  ["timezone-new-york", 'timeZone "America/New_York"', "America/New_York", OK],
  ["timezone-berlin", 'timeZone "Europe/Berlin"', "Europe/Berlin", OK],
] as const) {
  add({ id: `options/${slug}`, kind: "*", group: "time zones", title, needsTimeZone: true, build: (b) => ({ input: b, options: { timeZone: zone } }), expected });
}

export const CASES: readonly CatalogueCase[] = cases;
