/** The sociological survey's pure logic: questionnaires, skip logic, responses, quality, sample, scoring. */
export * from './questionnaire-types.ts';
export { scoreSurveyQuestion, parseOptionWeights, type OptionWeights, type QuestionResult } from './answers.ts';
export {
  buildQuestionnaire, type QuestionnaireDraft, type DraftQuestion, type DraftChoice, type DraftPlace, type DraftProblem,
  type QuestionField, type ChoiceField, type CriterionResolver,
} from './questionnaire-check.ts';
export {
  readQuestionnaireSheets, QUESTIONNAIRE_TEMPLATE_SHEETS, DEFAULT_QUESTIONNAIRE_TITLE, type SheetRow, type SheetError, type SheetName,
  type QuestionnaireSheets,
} from './questionnaire-sheets.ts';
export { checkQuestionnaire, type QuestionnairePathError } from './questionnaire-json.ts';
export {
  parseRelevance, evaluateRelevance, relevanceReferences, type RelevanceExpr, type RelevanceError, type RelevanceOperand,
  type RelevanceOperator, type RelevanceParse,
} from './relevance.ts';
export { visibleQuestions } from './visibility.ts';
export { readAnswer, normaliseAnswer, questionChoices, MAX_TEXT_ANSWER, type AnswerReading } from './answer-values.ts';
export { checkResponse, type ResponseError, type ResponseCheck } from './response-check.ts';
export { responseFlags, answersFingerprint, STRAIGHT_LINING_MIN_ANSWERS, type ResponseTiming } from './quality.ts';
export { reconcileEntries, normaliseAnswers, type EntryDifference, type Reconciliation } from './reconcile.ts';
export { drawSample, type FrameEntry } from './sample.ts';
export {
  SurveyScorer, surveyCriteriaOf, surveyMinimumOf, SUPPLIED_POINTS_DECIMALS, type SurveyScore, type SurveyCriterion, type SurveyScorerOptions,
  type BelowMinimum,
} from './scorer.ts';
