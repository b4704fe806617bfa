// Fitted-model fixtures for the prediction tests (published parameter values).
import type { BgBbModel, BgNbdModel, GammaGammaModel, MbgNbdModel, ParetoNbdModel, ShiftedBetaGeometricModel } from "../../src/clv/types.js";

const info = { standardErrors: {}, logLikelihood: 0, converged: true, iterations: 0, n: 1, distinctRows: 1, penalizer: 0 };

export const BG = { ...info, model: "bg-nbd", params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as unknown as BgNbdModel;
export const MBG = { ...info, model: "mbg-nbd", params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } } as unknown as MbgNbdModel;
export const PNBD = { ...info, model: "pareto-nbd", params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 } } as unknown as ParetoNbdModel;
/** CLVTools #100 parameters (high-frequency regression cases). */
export const PNBD_HF = { ...info, model: "pareto-nbd", params: { r: 0.5143, alpha: 2.8845, s: 0.2856, beta: 14.1087 } } as unknown as ParetoNbdModel;
export const BGBB = { ...info, model: "bg-bb", params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 } } as unknown as BgBbModel;
export const GG = { ...info, model: "gamma-gamma", params: { p: 6.25, q: 3.74, gamma: 15.44 }, warnings: [], frequencyMonetaryCorrelation: null, excluded: 0 } as unknown as GammaGammaModel;
export const SBG = { ...info, model: "shifted-beta-geometric", params: { alpha: 0.704, beta: 1.182 } } as unknown as ShiftedBetaGeometricModel;

export const PURCHASE_MODELS: readonly [BgNbdModel, MbgNbdModel, ParetoNbdModel, BgBbModel] = [BG, MBG, PNBD, BGBB];
