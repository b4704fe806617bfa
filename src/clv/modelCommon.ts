// Internal validation of fitted model objects passed to the prediction functions.
import { CrmMetricsError, invalidInput } from "../core/errors.js";
import { isRecord, readNumber } from "../core/validate.js";
import { readDiscreteHistory, readPurchaseHistory } from "./fitCommon.js";
import type {
  BgBbModel,
  BgNbdModel,
  GammaGammaModel,
  MbgNbdModel,
  ParetoNbdModel,
  ShiftedBetaGeometricModel,
} from "./types.js";

/** Any fitted CLV model. @internal */
export type AnyClvModel = BgNbdModel | MbgNbdModel | ParetoNbdModel | BgBbModel | GammaGammaModel | ShiftedBetaGeometricModel;

/** Model kinds and their parameter names. @internal */
export const PARAM_NAMES: { readonly [K in AnyClvModel["model"]]: readonly string[] } = {
  "bg-nbd": ["r", "alpha", "a", "b"],
  "mbg-nbd": ["r", "alpha", "a", "b"],
  "pareto-nbd": ["r", "alpha", "s", "beta"],
  "bg-bb": ["alpha", "beta", "gamma", "delta"],
  "gamma-gamma": ["p", "q", "gamma"],
  "shifted-beta-geometric": ["alpha", "beta"],
};

/**
 * Check that `value` is a fitted model of one of the `kinds` with positive finite
 * parameters (as fitted, or read back from JSON). Throws `INVALID_INPUT` naming the field.
 * @internal
 */
export function readModel<K extends AnyClvModel["model"]>(
  fn: string,
  path: string,
  value: unknown,
  kinds: readonly K[],
): Extract<AnyClvModel, { model: K }> {
  if (!isRecord(value)) return invalidInput(fn, path, "must be a fitted model object", value);
  const kind = value.model;
  if (typeof kind !== "string" || !(kinds as readonly string[]).includes(kind)) {
    return invalidInput(fn, `${path}.model`, `must be one of ${kinds.map((k) => JSON.stringify(k)).join(", ")}`, kind);
  }
  const params = value.params;
  if (!isRecord(params)) return invalidInput(fn, `${path}.params`, "must be an object", params);
  for (const name of PARAM_NAMES[kind as K]) {
    const v = params[name];
    if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) {
      invalidInput(fn, `${path}.params.${name}`, "must be a finite number > 0", v);
    }
  }
  return value as unknown as Extract<AnyClvModel, { model: K }>;
}

/** A customer history read for a purchase model: (x, t_x, T) or, for BG/BB, (x, t_x, n). @internal */
export interface ReadHistory {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

/** Validate a customer history in the form the model needs. @internal */
export function readHistoryFor(fn: string, kind: string, value: unknown, path = "customer"): ReadHistory {
  if (kind === "bg-bb") {
    const h = readDiscreteHistory(fn, value, path);
    return { x: h.x, tx: h.tx, T: h.n };
  }
  const h = readPurchaseHistory(fn, value, path);
  return { x: h.x, tx: h.tx, T: h.T };
}

/** Validate a horizon `t` (>= 0; an integer number of opportunities under BG/BB). @internal */
export function readHorizon(fn: string, kind: string, value: unknown, name = "t"): number {
  return readNumber(fn, name, value, kind === "bg-bb" ? { min: 0, integer: true } : { min: 0 });
}

/**
 * Return a prediction, or throw `NOT_CONVERGED` if a special-function series gave up (a
 * 2F1 with z within about 1e-5 of 1 needs more than 2,000,000 terms), so that no NaN
 * reaches the caller. @internal
 */
export function finitePrediction(fn: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new CrmMetricsError(
      "NOT_CONVERGED",
      `${fn}: a hypergeometric series did not converge for these arguments (horizon far beyond the model's time scale?)`,
    );
  }
  return value === 0 ? 0 : value;
}
