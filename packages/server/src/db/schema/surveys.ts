import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { cycles } from './cycles';
import { unitGroups } from './group-sets';
import { units } from './units';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A sociological survey (điều tra xã hội học, issue 13) of one cycle: its questionnaires rate the
 * cycle's units and its scores feed the cycle's survey criteria. draft → open → closed.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id').notNull().references(() => cycles.id),
    name: text('name').notNull(),
    /** core SURVEY_STATUSES: draft, open, closed. */
    status: text('status').notNull().default('draft'),
    opensOn: text('opens_on'),
    closesOn: text('closes_on'),
    /** Seed of the sample draws: the same seed and lists give the same sample. */
    seed: integer('seed').notNull(),
    /** Respondents' personal data is removed this many days after the survey closes. */
    personalDataDays: integer('personal_data_days').notNull().default(30),
    /** A response completed in fewer seconds is flagged (too fast to have been read). */
    minSeconds: integer('min_seconds').notNull().default(60),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    closedAt: instant('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
    /** When the respondents' personal data was removed. */
    personalDataPurgedAt: instant('personal_data_purged_at'),
  },
  (table) => [
    index('surveys_cycle_idx').on(table.cycleId),
    check('surveys_status_check', sql`${table.status} in ('draft', 'open', 'closed')`),
  ],
);

/**
 * A questionnaire (phiếu hỏi): one respondent group rating the units of one group of the cycle.
 * Its content lives in versions; `currentVersionId` is the one new answers use.
 */
export const surveyQuestionnaires = pgTable(
  'survey_questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    /** Short code, unique in the survey (e.g. "DB-SO": deputies rating departments). */
    code: text('code').notNull(),
    title: text('title').notNull(),
    /** Key and label of the respondent group (e.g. "dai-bieu", "Đại biểu HĐND tỉnh"). */
    respondentGroup: text('respondent_group').notNull(),
    respondentGroupLabel: text('respondent_group_label').notNull(),
    /** The cycle's group whose units are rated. */
    ratedGroupId: uuid('rated_group_id').notNull().references(() => unitGroups.id),
    currentVersionId: uuid('current_version_id'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('survey_questionnaires_code_idx').on(table.surveyId, table.code)],
);

/** A version of a questionnaire: the validated document (core `Questionnaire`), never edited. */
export const surveyQuestionnaireVersions = pgTable(
  'survey_questionnaire_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id').notNull().references(() => surveyQuestionnaires.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    document: jsonb('document').notNull(),
    /** The workbook it came from, or null when authored in the UI. */
    fileName: text('file_name'),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [uniqueIndex('survey_questionnaire_versions_number_idx').on(table.questionnaireId, table.number)],
);

/** How many answers each rated unit should get from a questionnaire (chỉ tiêu mẫu). */
export const surveyQuotas = pgTable(
  'survey_quotas',
  {
    questionnaireId: uuid('questionnaire_id').notNull().references(() => surveyQuestionnaires.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    quota: integer('quota').notNull(),
  },
  (table) => [primaryKey({ columns: [table.questionnaireId, table.unitId], name: 'survey_quotas_pk' })],
);

/**
 * People a unit served (or the respondent group's members), imported from a file: the frame the
 * sample is drawn from. Personal data (name, phone, e-mail) is removed after the survey needs it.
 */
export const surveyRespondents = pgTable(
  'survey_respondents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id').notNull().references(() => surveyQuestionnaires.id, { onDelete: 'cascade' }),
    /** The unit that served the person (rated unit). */
    unitId: uuid('unit_id').notNull().references(() => units.id),
    /** The line of the imported file, for errors and a stable draw order. */
    line: integer('line').notNull(),
    fullName: text('full_name'),
    phone: text('phone'),
    email: text('email'),
    /** e.g. the procedure's file number; never shown with answers. */
    reference: text('reference'),
    sampled: boolean('sampled').notNull().default(false),
    importedAt: instant('imported_at').notNull().defaultNow(),
    purgedAt: instant('purged_at'),
  },
  (table) => [index('survey_respondents_questionnaire_unit_idx').on(table.questionnaireId, table.unitId)],
);

/**
 * A single-use link (đường dẫn dùng một lần) to answer one questionnaire about one unit; printed as
 * a QR code or sent to a sampled respondent. Answers never refer back to it (privacy): the link
 * only records that it was used.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id').notNull().references(() => surveyQuestionnaires.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    respondentId: uuid('respondent_id').references(() => surveyRespondents.id, { onDelete: 'set null' }),
    /** Random, URL-safe; the link is /khao-sat/<token>. It grants one anonymous answer only. */
    token: text('token').notNull(),
    /** `sample` (drawn from a list), `counter` (printed at the counter), `shared` (sent by chat/e-mail). */
    channel: text('channel').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    sentAt: instant('sent_at'),
    remindedAt: instant('reminded_at'),
    openedAt: instant('opened_at'),
    usedAt: instant('used_at'),
    revokedAt: instant('revoked_at'),
  },
  (table) => [
    uniqueIndex('survey_invitations_token_idx').on(table.token),
    index('survey_invitations_questionnaire_unit_idx').on(table.questionnaireId, table.unitId),
  ],
);

/**
 * One filled questionnaire (phiếu trả lời) about one unit: from a link, from paper (after double
 * entry), or imported. No respondent identity is stored with it.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    surveyId: uuid('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    questionnaireVersionId: uuid('questionnaire_version_id').notNull().references(() => surveyQuestionnaireVersions.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    /** `link`, `paper`, `import`. */
    channel: text('channel').notNull(),
    /** Client-made id of an online answer (kept across a dropped connection: a retry is not a second answer), or the paper form's number, or the import's row key. */
    clientKey: text('client_key').notNull(),
    startedAt: instant('started_at'),
    submittedAt: instant('submitted_at').notNull().defaultNow(),
    durationSeconds: integer('duration_seconds'),
    /** Quality flags (core SURVEY_FLAGS): too_fast, straight_lining, duplicate. */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    /** An excluded response does not count in the scores (with the reason and who decided). */
    excluded: boolean('excluded').notNull().default(false),
    excludedReason: text('excluded_reason'),
    /** The import or paper batch it came from. */
    batchId: uuid('batch_id'),
  },
  (table) => [
    uniqueIndex('survey_responses_client_key_idx').on(table.surveyId, table.channel, table.clientKey),
    index('survey_responses_survey_unit_idx').on(table.surveyId, table.unitId),
  ],
);

/**
 * One answer to one question (câu trả lời): a choice's name, several names separated by spaces
 * (multiple choice), a decimal number, or text.
 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: bigint('response_id', { mode: 'number' }).notNull().references(() => surveyResponses.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    value: text('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.responseId, table.question], name: 'survey_answers_pk' })],
);

/**
 * A batch of paper forms (phiếu giấy) typed in twice by two different people (nhập kép); each form
 * becomes a response once both entries agree or a reconciler has decided the differences.
 */
export const surveyPaperBatches = pgTable(
  'survey_paper_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionnaireId: uuid('questionnaire_id').notNull().references(() => surveyQuestionnaires.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    label: text('label').notNull(),
    /** `entering`, `reconciled`. */
    status: text('status').notNull().default('entering'),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
);

/** One typing of one paper form: round 1 or 2, by whom; answers as typed (question → value). */
export const surveyPaperEntries = pgTable(
  'survey_paper_entries',
  {
    batchId: uuid('batch_id').notNull().references(() => surveyPaperBatches.id, { onDelete: 'cascade' }),
    formNumber: text('form_number').notNull(),
    round: smallint('round').notNull(),
    answers: jsonb('answers').notNull(),
    enteredAt: instant('entered_at').notNull().defaultNow(),
    enteredBy: uuid('entered_by').notNull().references(() => users.id),
  },
  (table) => [
    primaryKey({ columns: [table.batchId, table.formNumber, table.round], name: 'survey_paper_entries_pk' }),
    check('survey_paper_entries_round_check', sql`${table.round} in (1, 2)`),
  ],
);

/**
 * Scores per rated unit and survey criterion (điểm điều tra), exact (num/den) with the rounded
 * points fed to the cycle, how many valid respondents, and whether they were too few.
 */
export const surveyScores = pgTable(
  'survey_scores',
  {
    surveyId: uuid('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    nodeKey: text('node_key').notNull(),
    /** Exact points as a fraction (decimal strings of integers). */
    pointsNum: text('points_num'),
    pointsDen: text('points_den'),
    /** Points fed to the cycle, rounded where the framework says; null when withheld. */
    points: numeric('points', { precision: 16, scale: 6 }),
    respondents: integer('respondents').notNull(),
    belowMinimum: boolean('below_minimum').notNull().default(false),
    computedAt: instant('computed_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.surveyId, table.unitId, table.nodeKey], name: 'survey_scores_pk' })],
);

/** An import of answers from a CSV/XLSX file: all rows or none; its responses carry its id as `batchId`. */
export const surveyImports = pgTable(
  'survey_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    responses: integer('responses').notNull(),
    answers: integer('answers').notNull(),
    importedAt: instant('imported_at').notNull().defaultNow(),
    importedBy: uuid('imported_by').references(() => users.id),
  },
);
