/**
 * Survey (issue 13) — setup: surveys of a cycle, their questionnaires (versioned, authored in an
 * XLSForm-like workbook or in the UI), quotas per rated unit, respondent lists and the sample. See
 * docs/api.md "Survey: setup".
 */
import { z } from 'zod';
import { QUESTION_TYPES, SURVEY_STATUSES, type QuestionType, type SurveyStatus } from '@chiso/core';
import { booleanFlag, enumOf, id, instant, itemsOf } from './common';

const text = (max: number, error: string) => z.string().trim().min(1, error).max(max, `Tối đa ${max} ký tự`);
const version = z.number().int().positive();
/** A calendar day, `2025-11-15`. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng năm-tháng-ngày, ví dụ 2025-11-15');
const minSeconds = z.number().int('Số giây là số nguyên').min(0, 'Không âm').max(3600, 'Tối đa 3600 giây');
const personalDataDays = z.number().int('Số ngày là số nguyên').min(1, 'Ít nhất 1 ngày').max(3650, 'Tối đa 3650 ngày');
/** The sample's seed (a positive 32-bit integer): the same seed and lists draw the same sample. */
const seed = z.number().int('Hạt giống là số nguyên').min(1, 'Hạt giống từ 1').max(2147483647, 'Hạt giống tối đa 2147483647');
const quota = z.number().int('Chỉ tiêu mẫu là số nguyên').min(0, 'Chỉ tiêu mẫu không âm').max(100000, 'Chỉ tiêu mẫu tối đa 100000');

export const surveyStatusSchema = enumOf<SurveyStatus>(SURVEY_STATUSES);
export const questionTypeSchema = enumOf<QuestionType>(QUESTION_TYPES);

const datesInOrder = <T extends { opensOn?: string | null; closesOn?: string | null }>(s: T) => !s.opensOn || !s.closesOn || s.opensOn <= s.closesOn;
const datesMessage = { message: 'Ngày kết thúc không trước ngày bắt đầu', path: ['closesOn'] };

export const newSurveyBody = z.object({
  cycleId: id,
  name: text(300, 'Nhập tên cuộc điều tra'),
  opensOn: day.nullable().optional(),
  closesOn: day.nullable().optional(),
  minSeconds: minSeconds.optional(),
  personalDataDays: personalDataDays.optional(),
}).refine(datesInOrder, datesMessage);

export const updateSurveyBody = z.object({
  version,
  name: text(300, 'Nhập tên cuộc điều tra').optional(),
  opensOn: day.nullable().optional(),
  closesOn: day.nullable().optional(),
  minSeconds: minSeconds.optional(),
  personalDataDays: personalDataDays.optional(),
  /** Only while the survey is a draft. */
  seed: seed.optional(),
}).refine(datesInOrder, datesMessage);

export const surveyVersionBody = z.object({ version });
export const surveyListQuery = z.object({ cycleId: id.optional() });
export const surveyParams = z.object({ id });
export const questionnaireParams = z.object({ id, questionnaireId: id });
export const questionnaireVersionParams = z.object({ id, questionnaireId: id, versionId: id });

const cycleRefSchema = z.object({ id, name: z.string(), year: z.number() });
const groupRefSchema = z.object({ id, name: z.string() });

export const surveySummarySchema = z.object({
  id,
  cycle: cycleRefSchema,
  name: z.string(),
  status: surveyStatusSchema,
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  questionnaireCount: z.number(),
  createdAt: instant,
});
export const surveyListResponse = itemsOf(surveySummarySchema);

/** A questionnaire in its survey's list: the current version and the counts of the sample and answers. */
export const questionnaireSummarySchema = z.object({
  id,
  code: z.string(),
  title: z.string(),
  respondentGroup: z.string(),
  respondentGroupLabel: z.string(),
  ratedGroup: groupRefSchema,
  currentVersion: z.object({ id, number: z.number(), questions: z.number() }).nullable(),
  version: z.number(),
  quota: z.number(),
  respondents: z.number(),
  sampled: z.number(),
  responses: z.number(),
});

export const surveyDetailSchema = surveySummarySchema.extend({
  seed: z.number(),
  minSeconds: z.number(),
  personalDataDays: z.number(),
  version: z.number(),
  closedAt: instant.nullable(),
  personalDataPurgedAt: instant.nullable(),
  /** The cycle's groups: a questionnaire rates the units of one of them. */
  groups: z.array(groupRefSchema),
  questionnaires: z.array(questionnaireSummarySchema),
  counts: z.object({ quota: z.number(), respondents: z.number(), sampled: z.number(), invitations: z.number(), responses: z.number() }),
  may: z.object({ manage: z.boolean() }),
});

export const newQuestionnaireBody = z.object({
  code: text(30, 'Nhập mã phiếu').regex(/^[\p{L}\p{N}_.-]+$/u, 'Mã phiếu gồm chữ, số, “-”, “_” hoặc “.”, không có khoảng trắng'),
  title: text(300, 'Nhập tên phiếu'),
  respondentGroup: text(50, 'Nhập mã nhóm người trả lời').regex(/^[a-z0-9_-]+$/, 'Mã nhóm gồm chữ thường không dấu, số, “-” hoặc “_”'),
  respondentGroupLabel: text(200, 'Nhập tên nhóm người trả lời'),
  ratedGroupId: id,
});

export const surveyChoiceSchema = z.object({ name: z.string(), label: z.string(), weight: z.string().optional() });
export const surveyQuestionSchema = z.object({
  name: z.string(),
  type: questionTypeSchema,
  label: z.string(),
  hint: z.string().optional(),
  list: z.string().optional(),
  required: z.boolean(),
  relevant: z.string().optional(),
  min: z.string().optional(),
  max: z.string().optional(),
  criterionKey: z.string().optional(),
});
/** A validated questionnaire (core `Questionnaire`). */
export const questionnaireDocumentSchema = z.object({
  formatVersion: z.literal(1),
  title: z.string(),
  questions: z.array(surveyQuestionSchema),
  choices: z.record(z.string(), z.array(surveyChoiceSchema)),
});

/** A questionnaire authored in the UI: checked by the core (422 with the path of each problem), saved as a new version. */
export const questionnaireDocumentBody = z.object({ version, document: z.unknown() });

export const questionnaireDetailSchema = questionnaireSummarySchema.extend({
  surveyId: id,
  current: z.object({ id, number: z.number(), fileName: z.string().nullable(), createdAt: instant, document: questionnaireDocumentSchema }).nullable(),
  versions: z.array(z.object({ id, number: z.number(), fileName: z.string().nullable(), createdAt: instant, responses: z.number() })),
  /** The survey criteria a question may feed: survey leaves of the rated group's framework version. */
  criteria: z.array(z.object({ key: z.string(), code: z.string(), name: z.string() })),
  /** The rated units with their quota, list size and sample. */
  units: z.array(z.object({ id, code: z.string(), name: z.string(), quota: z.number(), respondents: z.number(), sampled: z.number() })),
});

/** Quotas per rated unit: a list, or the same quota for every unit (`every`). */
export const quotasBody = z.object({
  version,
  every: quota.optional(),
  quotas: z.array(z.object({ unitId: id, quota })).max(10000).optional(),
}).refine((b) => (b.every === undefined) !== (b.quotas === undefined), { message: 'Gửi danh sách chỉ tiêu hoặc một chỉ tiêu chung cho mọi đơn vị', path: ['quotas'] });

export const respondentImportQuery = z.object({ dryRun: booleanFlag });
export const respondentsImportedSchema = z.object({ respondents: z.number(), units: z.number(), dryRun: z.boolean() });
export const sampleDrawnSchema = z.object({ sampled: z.number(), invitations: z.number() });
export const personalDataPurgedSchema = z.object({ respondents: z.number() });

export type SurveySummary = z.infer<typeof surveySummarySchema>;
export type SurveyDetail = z.infer<typeof surveyDetailSchema>;
export type NewSurvey = z.input<typeof newSurveyBody>;
export type UpdateSurvey = z.input<typeof updateSurveyBody>;
export type QuestionnaireSummary = z.infer<typeof questionnaireSummarySchema>;
export type QuestionnaireDetail = z.infer<typeof questionnaireDetailSchema>;
export type NewQuestionnaire = z.input<typeof newQuestionnaireBody>;
export type QuestionnaireDocument = z.infer<typeof questionnaireDocumentSchema>;
export type QuotasUpdate = z.input<typeof quotasBody>;
export type RespondentsImported = z.infer<typeof respondentsImportedSchema>;
export type SampleDrawn = z.infer<typeof sampleDrawnSchema>;
export type PersonalDataPurged = z.infer<typeof personalDataPurgedSchema>;
