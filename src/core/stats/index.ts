export { logBeta, logGamma, regularizedIncompleteBeta, erfc } from "./special.js";
export { normalCdf, normalQuantile, normalSurvival, studentTCdf, studentTQuantile } from "./distributions.js";
export { wilsonInterval, zCritical } from "./intervals.js";
export { quantileSorted, sortedCopy, RunningMoments, roundTo } from "./descriptive.js";
export { cholesky, choleskySolve, invertMatrix, invertSymmetricPositiveDefinite, solveLinear } from "./linalg.js";
export type { Matrix } from "./linalg.js";
