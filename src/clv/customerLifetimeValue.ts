import { CrmMetricsError, invalidInput, invalidOption, recordPath } from "../core/errors.js";
import { isRecord, readId, readNumber, resolveNumberOption, toArray } from "../core/validate.js";
import { expectedSpend } from "./conditionalExpectedSpend.js";
import { conditionalExpectedMany } from "./conditionalExpectedPurchases.js";
import { finitePrediction, readHistoryFor, readModel } from "./modelCommon.js";
import type { DiscretePurchaseHistory, GammaGammaSpec, PurchaseHistory, PurchaseModelSpec } from "./types.js";

/** A customer for {@link customerLifetimeValue}: a purchase history with its mean spend. */
export type ClvCustomer = (PurchaseHistory | DiscretePurchaseHistory) & {
  /** Mean value of the repeat purchases (>= 0; ignored when `frequency` is 0). */
  readonly monetaryValue: number;
  /** Optional id, copied to the result. */
  readonly customerId?: string | number;
};

/** Input of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueInput {
  /** Fitted purchase model (`fitBgNbd`, `fitMbgNbd`, `fitParetoNbd`, `fitBgBb`). */
  readonly purchaseModel: PurchaseModelSpec;
  /** Fitted spend model (`fitGammaGamma`). */
  readonly spendModel: GammaGammaSpec;
  /** Customers, in the time unit of the purchase model. */
  readonly customers: Iterable<ClvCustomer>;
  /** Length of the projection, in the purchase model's time unit (> 0). */
  readonly horizon: number;
  /**
   * Length of one cash-flow step in the model's time unit: the purchases expected in each
   * step are discounted from the step's end. lifetimes' monthly steps on weekly data are
   * `step: 4.345`, on daily data `step: 30`. The last step is shortened to end at `horizon`.
   */
  readonly step: number;
  /**
   * Discount rate per `discountPeriod` (0.01 = 1 %).
   * @defaultValue `0`
   */
  readonly discountRate?: number;
  /**
   * Length, in the model's time unit, of the period the discount rate refers to.
   * @defaultValue `step`
   */
  readonly discountPeriod?: number;
}

/** One customer's value in {@link CustomerLifetimeValueResult}. */
export interface CustomerLifetimeValueEntry {
  /** The customer's id, or `null` when the record has none. */
  readonly customerId: string | null;
  /** Discounted expected value of the customer's purchases within the horizon. */
  readonly clv: number;
  /** Undiscounted expected number of purchases within the horizon. */
  readonly expectedPurchases: number;
  /** Expected value per purchase (Gamma-Gamma). */
  readonly expectedSpend: number;
}

/** Result of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueResult {
  /** One entry per customer, in input order. */
  readonly customers: readonly CustomerLifetimeValueEntry[];
  /** Number of customers. */
  readonly n: number;
  /** Sum of the customers' CLV (compensated summation). */
  readonly totalClv: number;
  /** Mean CLV; `null` without customers. */
  readonly meanClv: number | null;
  /** Number of cash-flow steps. */
  readonly steps: number;
  /** Horizon, step, discount rate and period used. */
  readonly horizon: number;
  readonly step: number;
  readonly discountRate: number;
  readonly discountPeriod: number;
}

/**
 * Discounted customer lifetime value over a finite horizon, as lifetimes'
 * `customer_lifetime_value`: the horizon is cut into steps; the purchases expected in each
 * step, E[X(t_k)] - E[X(t_{k-1})] from the purchase model given the customer's history,
 * times the expected spend per purchase from the Gamma-Gamma model, are discounted by
 * (1 + discountRate)^(t_k / discountPeriod):
 * CLV = E[M] * sum_k (E[X(t_k)] - E[X(t_{k-1})]) / (1 + d)^(t_k / period).
 * Unlike lifetimes, which assumes daily data (`freq="D"` steps of 30 time units), the
 * horizon, the step and the discount rate's period are explicit and in the model's time
 * unit: lifetimes' defaults on weekly data are `horizon: 12 * 4.345, step: 4.345,
 * discountRate: 0.01`. Identical customers are computed once.
 *
 * @param input - Models, customers, horizon, step and discounting.
 * @returns Per-customer values and totals.
 * @throws {CrmMetricsError} `INVALID_INPUT` for bad models or customers (including a
 *   spend model with q <= 1 and customers without repeat purchases); `INVALID_OPTION`
 *   for a bad horizon, step or rate.
 *
 * @example
 * const customers = [{ customerId: "c1", frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }];
 * const result = customerLifetimeValue({
 *   purchaseModel: { model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
 *   spendModel: { model: "gamma-gamma", params: { p: 6.25, q: 3.74, gamma: 15.44 } },
 *   customers, horizon: 52, step: 4.345, discountRate: 0.01,
 * });
 * result.customers[0]?.clv
 * // => 36.21
 */
export function customerLifetimeValue(input: CustomerLifetimeValueInput): CustomerLifetimeValueResult {
  const fn = "customerLifetimeValue";
  if (!isRecord(input)) return invalidInput(fn, "input", "must be an object with purchaseModel, spendModel, customers, horizon and step", input);
  const purchaseModel = readModel(fn, "purchaseModel", input.purchaseModel, ["bg-nbd", "mbg-nbd", "pareto-nbd", "bg-bb"] as const);
  const spendModel = readModel(fn, "spendModel", input.spendModel, ["gamma-gamma"] as const);
  const discrete = purchaseModel.model === "bg-bb";
  const horizon = resolveNumberOption(fn, "horizon", input.horizon, Number.NaN, { min: 0, minExclusive: true });
  const step = resolveNumberOption(fn, "step", input.step, Number.NaN, { min: 0, minExclusive: true });
  if (Number.isNaN(horizon)) invalidOption(fn, "horizon", "is required (a finite number > 0)", input.horizon);
  if (Number.isNaN(step)) invalidOption(fn, "step", "is required (a finite number > 0)", input.step);
  if (discrete && (!Number.isInteger(step) || !Number.isInteger(horizon))) {
    invalidOption(fn, discrete && !Number.isInteger(step) ? "step" : "horizon", "must be an integer number of opportunities under BG/BB", discrete && !Number.isInteger(step) ? step : horizon);
  }
  const discountRate = resolveNumberOption(fn, "discountRate", input.discountRate, 0, { min: 0 });
  const discountPeriod = resolveNumberOption(fn, "discountPeriod", input.discountPeriod, step, { min: 0, minExclusive: true });
  const steps = Math.max(1, Math.ceil(horizon / step - 1e-9));
  if (steps > 100_000) {
    throw new CrmMetricsError("INVALID_OPTION", `${fn}: options.step must give at most 100000 steps over the horizon, got ${steps}`, "options.step");
  }
  const times: number[] = [];
  const discounts: number[] = [];
  for (let k = 1; k <= steps; k++) {
    const t = Math.min(k * step, horizon);
    times.push(t);
    discounts.push(Math.exp((-t / discountPeriod) * Math.log1p(discountRate)));
  }
  const rows = toArray<unknown>(fn, "customers", input.customers);
  const cache = new Map<string, { discounted: number; total: number }>();
  const out: CustomerLifetimeValueEntry[] = [];
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < rows.length; i++) {
    const path = recordPath("customers", i);
    const row = rows[i];
    const h = readHistoryFor(fn, purchaseModel.model, row, path);
    const rec = row as Record<string, unknown>;
    const customerId = rec.customerId === undefined ? null : readId(fn, `${path}.customerId`, rec.customerId);
    const mean = h.x === 0 ? 0 : readNumber(fn, `${path}.monetaryValue`, rec.monetaryValue, { min: 0 });
    const key = `${h.x}|${h.tx}|${h.T}`;
    let flows = cache.get(key);
    if (flows === undefined) {
      const cumulatives = conditionalExpectedMany(purchaseModel, h.x, h.tx, h.T, times);
      let previous = 0;
      let discounted = 0;
      for (let k = 0; k < steps; k++) {
        const cumulative = finitePrediction(fn, cumulatives[k]!);
        discounted += (cumulative - previous) * discounts[k]!;
        previous = cumulative;
      }
      flows = { discounted, total: previous };
      cache.set(key, flows);
    }
    const spend = expectedSpend(fn, spendModel.params, h.x, mean);
    const clv = finitePrediction(fn, spend * flows.discounted);
    out.push({ customerId, clv, expectedPurchases: flows.total, expectedSpend: spend });
    // Neumaier summation.
    const t = sum + clv;
    compensation += Math.abs(sum) >= Math.abs(clv) ? sum - t + clv : clv - t + sum;
    sum = t;
  }
  const totalClv = sum + compensation;
  return {
    customers: out,
    n: out.length,
    totalClv,
    meanClv: out.length === 0 ? null : totalClv / out.length,
    steps,
    horizon,
    step,
    discountRate,
    discountPeriod,
  };
}
