/** Earlier years' published results imported from a file (issue 11 §2) — docs/api.md "Imported results". */
import { z } from 'zod';
import { id } from './common';

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v === '' ? undefined : v));

/** The form fields sent with the file (multipart) to POST /api/results/imports. */
export const resultImportFields = z.object({
  programCode: z.string().trim().min(1, 'Chọn chương trình').max(50),
  year: z.coerce.number({ error: 'Năm không hợp lệ' }).int('Năm không hợp lệ').min(2000, 'Năm từ 2000').max(2100, 'Năm không hợp lệ'),
  groupId: id,
  /** Empty or absent: the province's own (an administrator of a unit: its own unit). */
  ownerUnitId: z.union([id, z.literal('')]).optional().transform((v) => (v === '' ? undefined : v)),
  frameworkVersionId: z.union([id, z.literal('')]).optional().transform((v) => (v === '' ? undefined : v)),
  decisionNumber: optionalText(100),
  publishedOn: z.iso.date({ error: 'Ngày công bố không hợp lệ (YYYY-MM-DD)' }),
  reason: optionalText(2000),
});
export type ResultImportFields = z.infer<typeof resultImportFields>;

export const importedFieldSchema = z.object({ fieldKey: z.string(), code: z.string(), name: z.string(), maxPoints: z.string() });

export const importedResultsSchema = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  /** Whether this import created the imported cycle (false: a further group, or an amendment, in it). */
  cycleCreated: z.boolean(),
  groupId: z.string(),
  groupName: z.string(),
  snapshotId: z.string(),
  /** 1: the first import of the group; 2, 3…: an amendment (with its reason). */
  number: z.number().int(),
  decisionNumber: z.string().nullable(),
  publishedOn: z.string(),
  units: z.number().int(),
  indexDecimals: z.number().int(),
  fields: z.array(importedFieldSchema),
  /** Header cells that are neither a known column nor a field column (e.g. "STT"): not imported. */
  ignoredColumns: z.array(z.string()),
  /** A check only (?dryRun=true): nothing was saved; the ids are those the import would have had. */
  dryRun: z.boolean(),
});
export type ImportedResults = z.infer<typeof importedResultsSchema>;
