/** Units (đơn vị) and their lineage — docs/api.md "Units". */
import { z } from 'zod';
import { booleanFlag, id } from './common';

export const day = z.iso.date({ error: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)' });
const text = (max: number) => z.string().trim().min(1, 'Không được để trống').max(max, `Tối đa ${max} ký tự`);
export const unitCode = z
  .string()
  .trim()
  .min(1, 'Không được để trống')
  .max(50, 'Tối đa 50 ký tự')
  .regex(/^\S+$/, 'Mã không được chứa khoảng trắng');
export const unitName = text(300);
export const shortName = z.string().trim().max(150, 'Tối đa 150 ký tự').nullable();
export const reason = z.string().trim().max(2000, 'Tối đa 2000 ký tự');

export const lineageOperationSchema = z.enum(['merge', 'split']);
export const unitLinkSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), operation: lineageOperationSchema, date: z.string() });

export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  typeCode: z.string(),
  typeName: z.string(),
  parentId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  formerNames: z.array(z.object({ name: z.string(), until: z.string() })),
  predecessors: z.array(unitLinkSchema),
  successors: z.array(unitLinkSchema),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), close: z.boolean(), merge: z.boolean(), split: z.boolean() }),
});

export const unitTypeSchema = z.object({ code: z.string(), name: z.string(), level: z.number().int() });

export const newUnitSpec = z.object({
  code: unitCode,
  name: unitName,
  shortName: shortName.optional(),
  typeCode: z.string().min(1),
  parentId: id,
});

export const lineageLinkSchema = z.object({
  predecessorId: z.string(),
  predecessorCode: z.string(),
  predecessorName: z.string(),
  successorId: z.string(),
  successorCode: z.string(),
  successorName: z.string(),
  operationId: z.string(),
  kind: lineageOperationSchema,
  date: z.string(),
});
export const lineageSchema = z.object({ ancestry: z.array(lineageLinkSchema), descent: z.array(lineageLinkSchema) });

export const createUnitBody = newUnitSpec.extend({ parentId: id.nullable(), validFrom: day });
export const updateUnitBody = z.object({
  version: z.number().int(), name: unitName.optional(), shortName: shortName.optional(), typeCode: z.string().min(1).optional(),
  parentId: id.nullable().optional(), reason: reason.nullable().optional(),
});
export const closeUnitBody = z.object({ date: day, reason });
export const mergeUnitsBody = z.object({
  sourceIds: z.array(id).min(1, 'Hãy chọn đơn vị được sáp nhập').max(500),
  date: day,
  into: z.union([z.object({ existingId: id }).strict(), newUnitSpec]),
  reason,
  moveOpenChildren: z.boolean().optional(),
});
export const splitUnitBody = z.object({ date: day, into: z.array(newUnitSpec).min(2, 'Cần ít nhất hai đơn vị mới').max(100), reason });
export const mergedSchema = z.object({ unit: unitSchema, operationId: z.string() });
export const splitSchema = z.object({ units: z.array(unitSchema), operationId: z.string() });

export type UnitLink = z.output<typeof unitLinkSchema>;
export type Unit = z.output<typeof unitSchema>;
export type UnitType = z.output<typeof unitTypeSchema>;
export type NewUnit = z.input<typeof newUnitSpec>;
export type LineageLink = z.output<typeof lineageLinkSchema>;
export type Lineage = z.output<typeof lineageSchema>;
export type CreateUnit = z.input<typeof createUnitBody>;
export type UnitPatch = z.input<typeof updateUnitBody>;
export type CloseUnit = z.input<typeof closeUnitBody>;
export type MergeUnits = z.input<typeof mergeUnitsBody>;
export type SplitUnit = z.input<typeof splitUnitBody>;
export type Merged = z.output<typeof mergedSchema>;
export type Split = z.output<typeof splitSchema>;

/** `GET /units`: the units as they stood on a day (`at`, default today), a name or code search, closed units too. */
export const unitListQuery = z.object({ at: day.optional(), q: z.string().max(200).optional(), includeClosed: booleanFlag });
export type UnitListParams = z.input<typeof unitListQuery>;

/** `POST /units/import`: what the import did (or, with `dryRun`, would do); all rows or none. */
export const unitsImportedSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), dryRun: z.boolean() });
export type UnitsImported = z.output<typeof unitsImportedSchema>;
