/**
 * "Tính thử điểm": POST /framework-versions/:id/score and GET …/score-template — docs/api.md
 * "Criteria frameworks". The server computes with the same code as `chiso score`; nothing is stored.
 */
import { z } from 'zod';

export const scoreExplanationSchema = z.object({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  /** 1 for a field, 2 for its criteria… */
  depth: z.number().int(),
  leaf: z.boolean(),
  applicable: z.boolean(),
  /** Decimal strings with a point ("1.90"); a value that does not terminate, to the thousandth. */
  achieved: z.string(),
  /** The exact points, "num/den" in lowest terms ("2/3", "27/40", "5"). */
  exact: z.string(),
  applicableMax: z.string(),
  /** How the rule turned the input into points (leaves), or why the node does not apply. */
  text: z.string(),
});

export const scoreRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  group: z.string(),
  /** Points per field by key, exact decimal strings ("17.00"); absent when the field does not apply. */
  fieldPoints: z.record(z.string(), z.string()),
  total: z.string(),
  bonus: z.string(),
  applicableMax: z.string(),
  index: z.string().nullable(),
  rank: z.number().int().nullable(),
  classLabel: z.string().nullable(),
  explanations: z.array(scoreExplanationSchema),
});

export const scoreResultSchema = z.object({
  /** `pointsDecimals` null: computed leaf points are exact unless a rule declares a rounding. */
  framework: z.object({ id: z.string(), name: z.string(), pointsDecimals: z.number().int().nullable(), indexDecimals: z.number().int() }),
  fields: z.array(z.object({ key: z.string(), code: z.string(), name: z.string() })),
  rows: z.array(scoreRowSchema),
  issues: z.array(z.object({ unit: z.string(), message: z.string(), nodeCode: z.string().optional() })),
});

/** `json` answers a `ScoreResult`; `csv`/`xlsx` the result table as a file. */
export const scoreQuery = z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') });
export const scoreTemplateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

export type ScoreExplanation = z.output<typeof scoreExplanationSchema>;
export type ScoreRow = z.output<typeof scoreRowSchema>;
export type ScoreResult = z.output<typeof scoreResultSchema>;

/** The multipart fields of POST …/score: the inputs table (required) and the units table (optional). */
export const SCORE_FILE_FIELDS = ['inputs', 'units'] as const;
export type ScoreFileField = (typeof SCORE_FILE_FIELDS)[number];
/** The files sent to POST …/score, `F` being how a side holds a file (a browser `File`, a server buffer). */
export interface ScoreFiles<F> {
  inputs: F;
  units?: F | null;
}
