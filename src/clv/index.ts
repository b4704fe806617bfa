/**
 * Probabilistic customer lifetime value: BG/NBD, MBG/NBD, Pareto/NBD and BG/BB purchase models,
 * the Gamma-Gamma spend model and the shifted-beta-geometric contractual model, fitted by
 * maximum likelihood, with their predictions (P(alive), expected purchases, CLV).
 *
 * Every name of this module is exported from the package root:
 * `import { fitBgNbd } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/clv.md`.
 *
 * @module clv
 */
export { fitBgNbd } from "./fitBgNbd.js";
export type { FitBgNbdOptions } from "./fitBgNbd.js";
export { fitMbgNbd } from "./fitMbgNbd.js";
export type { FitMbgNbdOptions } from "./fitMbgNbd.js";
export { fitParetoNbd } from "./fitParetoNbd.js";
export type { FitParetoNbdOptions } from "./fitParetoNbd.js";
export { fitBgBb } from "./fitBgBb.js";
export type { FitBgBbOptions } from "./fitBgBb.js";
export { fitGammaGamma } from "./fitGammaGamma.js";
export type { FitGammaGammaOptions } from "./fitGammaGamma.js";
export { fitShiftedBetaGeometric } from "./fitShiftedBetaGeometric.js";
export type { FitShiftedBetaGeometricOptions } from "./fitShiftedBetaGeometric.js";
export { expectedPurchases } from "./expectedPurchases.js";
export { conditionalExpectedPurchases } from "./conditionalExpectedPurchases.js";
export { probabilityAlive } from "./probabilityAlive.js";
export { probabilityOfPurchases } from "./probabilityOfPurchases.js";
export type {
  BgBbModel,
  BgBbParams,
  BgNbdModel,
  BgNbdParams,
  ClvFitOptions,
  DiscretePurchaseHistory,
  FittedModelInfo,
  GammaGammaModel,
  GammaGammaParams,
  GammaGammaSpec,
  MbgNbdModel,
  ModelSpec,
  ParetoNbdModel,
  ParetoNbdParams,
  PurchaseHistory,
  PurchaseModel,
  PurchaseModelSpec,
  ShiftedBetaGeometricModel,
  ShiftedBetaGeometricParams,
  ShiftedBetaGeometricSpec,
  SpendHistory,
} from "./types.js";
export { conditionalExpectedSpend } from "./conditionalExpectedSpend.js";
export type { SpendRecord } from "./conditionalExpectedSpend.js";
export { customerLifetimeValue } from "./customerLifetimeValue.js";
export type {
  ClvCustomer,
  CustomerLifetimeValueEntry,
  CustomerLifetimeValueInput,
  CustomerLifetimeValueResult,
} from "./customerLifetimeValue.js";
export { sbgSurvival } from "./sbgSurvival.js";
export { sbgRetentionRate } from "./sbgRetentionRate.js";
export { sbgExpectedResidualLifetime } from "./sbgExpectedResidualLifetime.js";
export type { SbgExpectedResidualLifetimeOptions } from "./sbgExpectedResidualLifetime.js";
