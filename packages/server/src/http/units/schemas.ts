import { z } from 'zod';

export const day = z.iso.date({ error: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)' });
export const id = z.guid({ error: 'Mã định danh không hợp lệ' });
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

const unitLink = z.object({ id: z.string(), code: z.string(), name: z.string(), operation: z.enum(['merge', 'split']), date: z.string() });

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
  predecessors: z.array(unitLink),
  successors: z.array(unitLink),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), close: z.boolean(), merge: z.boolean(), split: z.boolean() }),
});

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
  kind: z.enum(['merge', 'split']),
  date: z.string(),
});

export const memberSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  roles: z.array(z.string()),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), resetPassword: z.boolean() }),
});

export const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
