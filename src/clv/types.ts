// Shared types of the probabilistic CLV models: customer summaries, fitted models, options.

/**
 * A customer's purchase history in continuous time (the "CBS" row of BTYD, the RFM
 * summary of lifetimes): `frequency` repeat purchases (the first purchase is not counted),
 * the last at `recency` time units after the first, observed for `T` time units since the
 * first purchase. `customerSummary` returns records of this shape.
 */
export interface PurchaseHistory {
  /** Number of repeat purchases x (integer >= 0). */
  readonly frequency: number;
  /** Time from the first to the last purchase, t_x (0 when `frequency` is 0). */
  readonly recency: number;
  /** Time from the first purchase to the end of observation (>= `recency`). */
  readonly T: number;
  /** Number of identical customers this row stands for (> 0). @defaultValue `1` */
  readonly weight?: number;
}

/**
 * A customer's history in discrete time (BG/BB): `frequency` purchases in the `periods`
 * purchase opportunities after the first, the last in opportunity `recency` (0 when none).
 */
export interface DiscretePurchaseHistory {
  /** Number of repeat purchases x (integer from 0 to `periods`). */
  readonly frequency: number;
  /** Opportunity of the last repeat purchase, t_x (integer, 0 when `frequency` is 0). */
  readonly recency: number;
  /** Number of purchase opportunities n after the first purchase (integer >= 1). */
  readonly periods: number;
  /** Number of identical customers this row stands for (> 0). @defaultValue `1` */
  readonly weight?: number;
}

/** A repeat customer's spend for the Gamma-Gamma model. */
export interface SpendHistory {
  /** Number of repeat purchases x (> 0) the mean is taken over. */
  readonly frequency: number;
  /** Mean value of those purchases, m-bar (> 0). */
  readonly monetaryValue: number;
  /** Number of identical customers this row stands for (> 0). @defaultValue `1` */
  readonly weight?: number;
}

/** Options shared by the model fits. */
export interface ClvFitOptions {
  /**
   * L2 penalty on the parameters, as lifetimes' `penalizer_coef`: the fit minimises
   * -LL / (number of customers) + penalizer * sum(param^2). Note that lifetimes rescales
   * time before penalising, so equal coefficients penalise differently.
   * @defaultValue `0`
   */
  readonly penalizer?: number;
  /** Iteration cap of the optimiser. @defaultValue `500` */
  readonly maxIterations?: number;
  /**
   * Throw `NOT_CONVERGED` when the optimiser stops before its tolerance or a shape
   * parameter runs off to a limit of the model (see `converged`); otherwise the model is
   * returned with `converged: false`.
   * @defaultValue `false`
   */
  readonly throwOnNotConverged?: boolean;
  /** Label of the time unit of the data (`"week"`), stored on the model for the record. */
  readonly timeUnit?: string;
}

/** What every fitted model carries besides its parameters. */
export interface FittedModelInfo<P> {
  /** The fitted parameters. */
  readonly params: P;
  /**
   * Asymptotic standard errors from the inverse Hessian of the (penalised) negative
   * log-likelihood; `null` where the Hessian is not positive definite.
   */
  readonly standardErrors: { readonly [K in keyof P]: number | null };
  /** Log-likelihood at the estimate (without the penalty), on the data's own time scale. */
  readonly logLikelihood: number;
  /**
   * Whether the fit is a proper estimate: the optimiser met its tolerance and no shape
   * parameter ran off to a limit of the model (outside 1e-6..1e5; scale parameters such as
   * `alpha` of BG/NBD are not checked). One customer, or customers that are all alike, do
   * not identify the models: such a fit returns finite parameters with `converged: false`.
   */
  readonly converged: boolean;
  /** Optimiser iterations. */
  readonly iterations: number;
  /** Number of customers (the sum of weights). */
  readonly n: number;
  /** Number of distinct rows after identical customers were merged. */
  readonly distinctRows: number;
  /** L2 penalty used. */
  readonly penalizer: number;
  /** Time unit label given at fit time, if any. */
  readonly timeUnit?: string;
}

/** Parameters of BG/NBD and MBG/NBD: gamma(r, alpha) purchase rates, beta(a, b) drop-out probabilities. */
export interface BgNbdParams {
  /** Shape of the gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the gamma distribution of purchase rates, in the data's time unit. */
  readonly alpha: number;
  /** First shape of the beta distribution of the drop-out probability. */
  readonly a: number;
  /** Second shape of the beta distribution of the drop-out probability. */
  readonly b: number;
}

/** A fitted BG/NBD model (Fader, Hardie & Lee 2005). */
export interface BgNbdModel extends FittedModelInfo<BgNbdParams> {
  /** Model kind. */
  readonly model: "bg-nbd";
}

/** A fitted MBG/NBD model (Batislam, Denizel & Filiztekin 2007). */
export interface MbgNbdModel extends FittedModelInfo<BgNbdParams> {
  /** Model kind. */
  readonly model: "mbg-nbd";
}

/** Parameters of Pareto/NBD: gamma(r, alpha) purchase rates, gamma(s, beta) drop-out rates. */
export interface ParetoNbdParams {
  /** Shape of the gamma distribution of purchase rates. */
  readonly r: number;
  /** Scale of the gamma distribution of purchase rates, in the data's time unit. */
  readonly alpha: number;
  /** Shape of the gamma distribution of drop-out rates. */
  readonly s: number;
  /** Scale of the gamma distribution of drop-out rates, in the data's time unit. */
  readonly beta: number;
}

/** A fitted Pareto/NBD model (Schmittlein, Morrison & Colombo 1987). */
export interface ParetoNbdModel extends FittedModelInfo<ParetoNbdParams> {
  /** Model kind. */
  readonly model: "pareto-nbd";
}

/** Parameters of BG/BB: beta(alpha, beta) purchase probabilities, beta(gamma, delta) drop-out probabilities. */
export interface BgBbParams {
  /** First shape of the beta distribution of the purchase probability. */
  readonly alpha: number;
  /** Second shape of the beta distribution of the purchase probability. */
  readonly beta: number;
  /** First shape of the beta distribution of the drop-out probability. */
  readonly gamma: number;
  /** Second shape of the beta distribution of the drop-out probability. */
  readonly delta: number;
}

/** A fitted BG/BB model (Fader, Hardie & Shang 2010). */
export interface BgBbModel extends FittedModelInfo<BgBbParams> {
  /** Model kind. */
  readonly model: "bg-bb";
}

/** Parameters of the Gamma-Gamma spend model. */
export interface GammaGammaParams {
  /** Shape of the gamma distribution of a transaction's value. */
  readonly p: number;
  /** Shape of the gamma distribution of the customers' scale parameter nu. */
  readonly q: number;
  /** Scale of the gamma distribution of nu. */
  readonly gamma: number;
}

/** A fitted Gamma-Gamma spend model (Fader & Hardie 2013; Colombo & Jiang 1999). */
export interface GammaGammaModel extends FittedModelInfo<GammaGammaParams> {
  /** Model kind. */
  readonly model: "gamma-gamma";
  /** Pearson correlation of frequency and monetary value among the fitted customers; `null` when undefined. */
  readonly frequencyMonetaryCorrelation: number | null;
  /** Customers without repeat purchases skipped by `excludeNonRepeat` (sum of weights). */
  readonly excluded: number;
  /** Warnings about the model's assumptions (strong frequency-spend correlation, q <= 1). */
  readonly warnings: readonly string[];
}

/** Parameters of the shifted-beta-geometric model. */
export interface ShiftedBetaGeometricParams {
  /** First shape of the beta distribution of the churn probability. */
  readonly alpha: number;
  /** Second shape of the beta distribution of the churn probability. */
  readonly beta: number;
}

/** A fitted shifted-beta-geometric model (Fader & Hardie 2007). */
export interface ShiftedBetaGeometricModel extends FittedModelInfo<ShiftedBetaGeometricParams> {
  /** Model kind. */
  readonly model: "shifted-beta-geometric";
}

/** Models of the number of purchases. */
export type PurchaseModel = BgNbdModel | MbgNbdModel | ParetoNbdModel | BgBbModel;

/**
 * What the prediction functions read of a model: its kind and parameters. A fitted model
 * is one; so is a plain `{ model: "bg-nbd", params: { r, alpha, a, b } }` with parameters
 * taken from a paper, an earlier run or a fit done elsewhere.
 */
export type ModelSpec<M extends { readonly model: string; readonly params: object }> = Pick<M, "model" | "params">;

/** A purchase model as the predictions read it (see {@link ModelSpec}). */
export type PurchaseModelSpec = ModelSpec<BgNbdModel> | ModelSpec<MbgNbdModel> | ModelSpec<ParetoNbdModel> | ModelSpec<BgBbModel>;

/** A Gamma-Gamma spend model as the predictions read it (see {@link ModelSpec}). */
export type GammaGammaSpec = ModelSpec<GammaGammaModel>;

/** A shifted-beta-geometric model as the predictions read it (see {@link ModelSpec}). */
export type ShiftedBetaGeometricSpec = ModelSpec<ShiftedBetaGeometricModel>;
