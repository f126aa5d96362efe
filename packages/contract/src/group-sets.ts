/** Ranking group sets (bộ nhóm xếp hạng) and their groups of units — docs/api.md "Group sets". */
import { z } from 'zod';
import { id, itemsOf } from './common';
import { ownerSchema } from './frameworks';

const code = z
  .string()
  .trim()
  .min(1, 'Không được để trống')
  .max(50, 'Tối đa 50 ký tự')
  .regex(/^\S+$/, 'Mã không được chứa khoảng trắng');
const name = z.string().trim().min(1, 'Không được để trống').max(300, 'Tối đa 300 ký tự');

export const groupSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), version: z.number().int(), memberIds: z.array(z.string()) });

export const groupSetSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  /** The organising unit whose cohorts these are (members only from under it); null: the province's. */
  owner: ownerSchema,
  groups: z.array(groupSchema),
  may: z.object({ edit: z.boolean() }),
});
export const groupSetListResponse = itemsOf(groupSetSchema);

export const groupSetParams = z.object({ id });
export const groupParams = z.object({ id, groupId: id });
/** Create a group set, or a group in one. */
export const newGroupBody = z.object({ code, name });
/** Create a group set: absent `ownerUnitId`, the actor's own organisation's (the province's for its administrator). */
export const newGroupSetBody = newGroupBody.extend({ ownerUnitId: id.nullable().optional() });
export const renameGroupSetBody = z.object({ version: z.number().int(), name });
/** The group's members (each unit in one group of the set at most). */
export const groupMembersBody = z.object({ version: z.number().int(), memberIds: z.array(id).max(20_000) });

export type Group = z.output<typeof groupSchema>;
export type GroupSet = z.output<typeof groupSetSchema>;
export type NewGroupBody = z.input<typeof newGroupBody>;
export type NewGroupSetBody = z.input<typeof newGroupSetBody>;
export type GroupMembersBody = z.input<typeof groupMembersBody>;
