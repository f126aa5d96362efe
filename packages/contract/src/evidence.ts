/**
 * Evidence (tài liệu kiểm chứng): a unit's documents — docs/api.md "Evidence". The same document
 * shape is listed on criterion records and request answers (assessments.ts).
 */
import { z } from 'zod';
import { day } from './units';

/** `Evidence` of docs/api.md (plus the owner unit and `may`). */
export const evidenceSchema = z.object({
  id: z.string(),
  ownerUnitId: z.string(),
  originalName: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  uploadedAt: z.string(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean() }),
});

const optionalText = (max: number) => z.string().max(max, `Tối đa ${max} ký tự`).nullable().optional();

/** What describes a document: sent as form fields before the file on upload, as JSON on PATCH. */
export const evidenceFieldsShape = {
  documentNumber: optionalText(100),
  documentDate: day.nullable().optional(),
  issuer: optionalText(300),
  title: optionalText(1000),
};
export const evidenceFieldsSchema = z.object(evidenceFieldsShape);

export const updateEvidenceBody = z.object({ version: z.number().int().positive(), ...evidenceFieldsShape });

export type Evidence = z.output<typeof evidenceSchema>;
export type EvidenceFields = z.input<typeof evidenceFieldsSchema>;
export type UpdateEvidence = z.input<typeof updateEvidenceBody>;
