/**
 * Lead scoring: rule-based scores with explanations (HubSpot-style fit and engagement rules),
 * logistic-regression models and score evaluation.
 *
 * Every name of this module is exported from the package root:
 * `import { scoreLeads } from "crm-metrics"`.
 * Definitions, formulas and worked examples: `docs/metrics/scoring.md`.
 *
 * @module scoring
 */
export { LeadScoringRulesSchema } from "./leadScoringRules.js";
export { leadScoringRulesJsonSchema } from "./leadScoringRulesJsonSchema.js";
export type {
  LeadCriterion,
  LeadCriterionOperator,
  LeadCriterionValue,
  LeadScoringGrades,
  LeadScoringGroup,
  LeadScoringRule,
  LeadScoringRules,
} from "./leadScoringRules.js";
export { scoreLeads } from "./scoreLeads.js";
export type { FiredLeadRule, LeadScore, LeadScoreGroup, ScoreLeadsOptions, ScoreLeadsResult } from "./scoreLeads.js";
export { fitLeadScoringModel } from "./fitLeadScoringModel.js";
export type {
  FitLeadScoringModelOptions,
  LeadScoringEncodedFeature,
  LeadScoringFeature,
  LeadScoringModel,
  LeadScoringModelSpec,
  LeadScoringParams,
  LeadScoringTerm,
} from "./fitLeadScoringModel.js";
export { predictLeadScores } from "./predictLeadScores.js";
export type {
  LeadFeatureContribution,
  LeadPrediction,
  PredictLeadScoresOptions,
  PredictLeadScoresResult,
} from "./predictLeadScores.js";
export { evaluateScores } from "./evaluateScores.js";
export type { CalibrationBin, EvaluateScoresOptions, EvaluateScoresResult, LiftRow } from "./evaluateScores.js";
