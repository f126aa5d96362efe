// Survey (issue 13), entry: paper double entry and answer imports. See docs/api.md "Survey: entry".
import { z } from 'zod';
import { booleanFlag, id, instant, itemsOf } from './common';

const text = (max: number, what: string) => z.string().trim().min(1, { error: `Hãy nhập ${what}.` }).max(max, { error: `${what} dài quá ${max} ký tự.` });

/** Question name → value as typed (a choice name, names separated by spaces, a number, text). */
const typedAnswers = z.record(z.string().max(100), z.string().max(4000));

export const surveyEntryParams = z.object({ id });
export const paperBatchParams = z.object({ id, batchId: id });
export const paperFormParams = z.object({ id, batchId: id, formNumber: z.string().min(1).max(40) });

export const newPaperBatchBody = z.object({
  questionnaireId: id,
  unitId: id,
  label: text(200, 'tên đợt nhập'),
});

export const paperEntryBody = z.object({
  formNumber: text(40, 'số phiếu'),
  round: z.union([z.literal(1), z.literal(2)], { error: 'Lượt nhập là 1 hoặc 2.' }),
  answers: typedAnswers,
});

/** Per question of a form with differences: round 1's value, round 2's, or the value read on the paper. */
export const reconcileBody = z.object({
  decisions: z.array(z.object({
    question: z.string().min(1).max(100),
    pick: z.enum(['first', 'second', 'paper']),
    /** The value read on the paper (pick `paper`); empty: unanswered. */
    value: z.string().max(4000).optional(),
  })),
  reason: text(1000, 'lý do'),
});

/** A form's state: one round typed, both agreed (a response), differences to reconcile, reconciled (a response). */
export const PAPER_FORM_STATES = ['one_round', 'agreed', 'differences', 'reconciled'] as const;
export const paperFormStateSchema = z.enum(PAPER_FORM_STATES);

const person = z.object({ id, name: z.string() });
const unitRef = z.object({ id, code: z.string(), name: z.string() });

export const paperFormRoundSchema = z.object({ round: z.number().int(), enteredBy: person, enteredAt: instant });

export const paperFormSummarySchema = z.object({
  formNumber: z.string(),
  state: paperFormStateSchema,
  rounds: z.array(paperFormRoundSchema),
  differences: z.number().int(),
});

export const paperProgressSchema = z.object({
  forms: z.number().int(),
  oneRound: z.number().int(),
  agreed: z.number().int(),
  differences: z.number().int(),
  reconciled: z.number().int(),
});

export const paperBatchSchema = z.object({
  id,
  questionnaire: z.object({ id, code: z.string(), title: z.string() }),
  unit: unitRef,
  label: z.string(),
  status: z.string(),
  createdAt: instant,
  createdBy: person.nullable(),
  progress: paperProgressSchema,
});
export const paperBatchListResponse = itemsOf(paperBatchSchema);
export const paperBatchDetailSchema = paperBatchSchema.extend({ forms: z.array(paperFormSummarySchema) });

export const paperDifferenceSchema = z.object({ question: z.string(), label: z.string(), first: z.string().nullable(), second: z.string().nullable() });

/** One form: both typings (who typed what), the differences and, once decided, the response's id. */
export const paperFormSchema = z.object({
  formNumber: z.string(),
  state: paperFormStateSchema,
  entries: z.array(paperFormRoundSchema.extend({ answers: z.record(z.string(), z.string()) })),
  differences: z.array(paperDifferenceSchema),
  responseId: z.number().int().nullable(),
});

export const importQuery = z.object({
  questionnaireId: id,
  dryRun: booleanFlag,
  /** A key the client makes up to follow the import's progress (GET …/imports/progress/:key). */
  progressKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});

export const importedAnswersSchema = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  /** Data rows read (responses). */
  responses: z.number().int(),
  answers: z.number().int(),
  /** Rated units with at least one response in the file. */
  units: z.number().int(),
  importId: id.nullable(),
  rescored: z.object({ units: z.number().int(), scores: z.number().int(), belowMinimum: z.number().int() }).nullable(),
});

export const importProgressParams = z.object({ id, key: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });
export const importProgressSchema = z.object({
  /** receiving (upload), checking (rows read), saving (rows saved), scoring, done, failed. */
  phase: z.enum(['receiving', 'checking', 'saving', 'scoring', 'done', 'failed']),
  rows: z.number().int(),
});

export const importListSchema = itemsOf(z.object({
  id, fileName: z.string(), responses: z.number().int(), answers: z.number().int(), importedAt: instant, importedBy: person.nullable(),
}));

export const answersTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const answersTemplateParams = z.object({ id, questionnaireId: id });

export type NewPaperBatch = z.input<typeof newPaperBatchBody>;
export type PaperEntryInput = z.input<typeof paperEntryBody>;
export type ReconcileInput = z.input<typeof reconcileBody>;
export type PaperFormState = z.output<typeof paperFormStateSchema>;
export type PaperBatch = z.output<typeof paperBatchSchema>;
export type PaperBatchDetail = z.output<typeof paperBatchDetailSchema>;
export type PaperForm = z.output<typeof paperFormSchema>;
export type PaperFormSummary = z.output<typeof paperFormSummarySchema>;
export type ImportedAnswers = z.output<typeof importedAnswersSchema>;
export type ImportProgress = z.output<typeof importProgressSchema>;
export type SurveyImportList = z.output<typeof importListSchema>;
