/**
 * Survey (issue 13) — quality, scoring, closing and results: response rates against quotas and the
 * flagged responses (never with a respondent's identity), excluding a response, closing, rescoring
 * into the cycle, results per question, unit and respondent group, and the unit's survey points.
 * See docs/api.md "Survey: quality, scoring and results".
 */
import { z } from 'zod';
import { SURVEY_CHANNELS, SURVEY_FLAGS, type SurveyChannel, type SurveyFlag } from '@chiso/core';
import { enumOf, id, instant, itemsOf } from './common';
import { surveyStatusSchema } from './surveys';

const reason = z.string().trim().min(1, 'Nhập lý do').max(1000, 'Tối đa 1000 ký tự');
const version = z.number().int().positive();

export const surveyFlagSchema = enumOf<SurveyFlag>(SURVEY_FLAGS);
export const surveyChannelSchema = enumOf<SurveyChannel>(SURVEY_CHANNELS);

export const surveyResultsParams = z.object({ id });
export const surveyResponseParams = z.object({ id, responseId: z.coerce.number().int().positive() });

/** A unit × criterion figure the rescore could not feed to the cycle, and why (published group, closed cycle…). */
export const surveyRescoreSkipSchema = z.object({ unitCode: z.string(), unitName: z.string(), criterionCode: z.string(), reason: z.string() });

/** What a rescore did: scores written, fed to the cycle, removed from it, and what it left alone. */
export const rescoreResultSchema = z.object({
  units: z.number(),
  scores: z.number(),
  belowMinimum: z.number(),
  /** Unit × criterion scores whose points differ from before. */
  changed: z.number(),
  /** Supplied points written to the cycle, and the earlier ones of this survey removed. */
  fed: z.number(),
  removed: z.number(),
  skipped: z.array(surveyRescoreSkipSchema),
});
export type RescoreResultView = z.output<typeof rescoreResultSchema>;

export const rescoreBody = z.object({ reason: reason.optional() });

export const closeSurveyBody = z.object({ version });
export const reopenSurveyBody = z.object({ version, reason });

export const surveyStateSchema = z.object({ id, name: z.string(), status: surveyStatusSchema, version: z.number(), closedAt: instant.nullable() });

export const closeSurveyResult = z.object({
  survey: surveyStateSchema,
  /** Responses flagged as duplicates after the recount. */
  duplicates: z.number(),
  rescore: rescoreResultSchema,
});
export const rescoreSurveyResult = z.object({ survey: surveyStateSchema, rescore: rescoreResultSchema });

export const surveyDuplicatesResult = z.object({ duplicates: z.number(), flagged: z.number(), cleared: z.number() });

/** Excluding (or including back) one response, with the reason. `excluded` is what the caller saw: a different current state is a 409. */
export const responseExclusionBody = z.object({ excluded: z.boolean(), reason });

const flagCounts = z.object({ too_fast: z.number(), straight_lining: z.number(), duplicate: z.number() });

/** One questionnaire × rated unit: its quota, what came in and how much of it is valid. */
export const surveyQualityRowSchema = z.object({
  questionnaireId: id,
  questionnaireCode: z.string(),
  respondentGroupLabel: z.string(),
  unitId: id,
  unitCode: z.string(),
  unitName: z.string(),
  /** Null when no quota was set. */
  quota: z.number().nullable(),
  responses: z.number(),
  valid: z.number(),
  excluded: z.number(),
  /** Valid responses over the quota, in percent with one decimal ("87.5"); null without a quota. */
  rate: z.string().nullable(),
  flags: flagCounts,
});

/** A flagged or excluded response, with its answers: no identity, no token, the day it came in only. */
export const surveyFlaggedResponseSchema = z.object({
  id: z.number(),
  questionnaireCode: z.string(),
  unitId: id,
  unitName: z.string(),
  channel: surveyChannelSchema,
  /** `2025-11-15`. */
  submittedOn: z.string(),
  durationSeconds: z.number().nullable(),
  flags: z.array(surveyFlagSchema),
  excluded: z.boolean(),
  excludedReason: z.string().nullable(),
  answers: z.array(z.object({ question: z.string(), label: z.string(), value: z.string(), text: z.string() })),
});
export type SurveyFlaggedResponse = z.output<typeof surveyFlaggedResponseSchema>;

export const surveyQualityQuery = z.object({ unitId: id.optional(), flag: surveyFlagSchema.optional() });

export const surveyQualitySchema = z.object({
  survey: surveyStateSchema,
  rows: z.array(surveyQualityRowSchema),
  totals: z.object({ responses: z.number(), valid: z.number(), excluded: z.number(), quota: z.number(), flags: flagCounts }),
  /** The first flagged or excluded responses (up to `limit`), and how many there are. */
  flagged: z.array(surveyFlaggedResponseSchema),
  flaggedTotal: z.number(),
  limit: z.number(),
});
export type SurveyQuality = z.output<typeof surveyQualitySchema>;

export const surveyResultsQuery = z.object({ unitId: id.optional(), group: z.string().trim().min(1).max(100).optional() });

export const surveyChoiceCountSchema = z.object({
  name: z.string(),
  label: z.string(),
  /** The choice's weight ("0.6"), null when not scored. */
  weight: z.string().nullable(),
  count: z.number(),
  /** Share of the question's answers, percent with one decimal ("42.5"). */
  share: z.string(),
});

/** One question's answers, from the valid responses: counts per choice, the weighted mean, and per unit. */
export const surveyQuestionResultSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  criterionKey: z.string().nullable(),
  /** Responses that answered it. */
  n: z.number(),
  choices: z.array(surveyChoiceCountSchema),
  /** Weighted questions: mean weight in percent ("63.75", exact, rounded to 2 decimals); numbers: their mean; else null. */
  mean: z.string().nullable(),
  byUnit: z.array(z.object({ unitId: id, n: z.number(), mean: z.string().nullable() })),
});
export type SurveyQuestionResult = z.output<typeof surveyQuestionResultSchema>;

export const surveyQuestionnaireResultSchema = z.object({
  id,
  code: z.string(),
  title: z.string(),
  respondentGroup: z.string(),
  respondentGroupLabel: z.string(),
  /** Valid responses counted. */
  responses: z.number(),
  questions: z.array(surveyQuestionResultSchema),
});

export const surveyUnitScoreSchema = z.object({
  unitId: id,
  unitCode: z.string(),
  unitName: z.string(),
  nodeKey: z.string(),
  criterionCode: z.string(),
  criterionName: z.string(),
  maxPoints: z.string(),
  /** Points fed, null when withheld (too few respondents) or none. */
  points: z.string().nullable(),
  /** The exact figure before rounding, as decimal text with up to 6 decimals. */
  exact: z.string().nullable(),
  respondents: z.number(),
  belowMinimum: z.boolean(),
});
export type SurveyUnitScore = z.output<typeof surveyUnitScoreSchema>;

export const surveyResultsSchema = z.object({
  survey: surveyStateSchema,
  /** What the reader may filter on: every rated unit (only their own for a unit's staff) and the respondent groups. */
  units: z.array(z.object({ id, code: z.string(), name: z.string() })),
  groups: z.array(z.object({ key: z.string(), label: z.string() })),
  questionnaires: z.array(surveyQuestionnaireResultSchema),
  scores: z.array(surveyUnitScoreSchema),
  /** Whether the reader may download the raw and aggregated files. */
  mayExport: z.boolean(),
});
export type SurveyResults = z.output<typeof surveyResultsSchema>;

export const surveyRawExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

/** The survey points of one unit in a cycle, per survey criterion: which survey gave them, and from how many respondents. */
export const unitSurveyPointsQuery = z.object({ cycleId: id, unitId: id });
export const unitSurveyPointsSchema = z.object({
  surveyId: id,
  surveyName: z.string(),
  status: surveyStatusSchema,
  nodeKey: z.string(),
  points: z.string().nullable(),
  respondents: z.number(),
  belowMinimum: z.boolean(),
  /** Whether the reader may open the survey's results for this unit. */
  mayOpenResults: z.boolean(),
});
export const unitSurveyPointsResponse = itemsOf(unitSurveyPointsSchema);
export type UnitSurveyPoints = z.output<typeof unitSurveyPointsSchema>;
