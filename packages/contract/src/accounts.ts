/** Sessions and user accounts — docs/api.md "Authentication" and "Users". */
import { z } from 'zod';
import { WORKFLOW_ROLES, type WorkflowRole } from '@chiso/core';
import { enumOf } from './common';

export const roleSchema = enumOf<WorkflowRole>(WORKFLOW_ROLES);
export const ROLES = WORKFLOW_ROLES;
export const unitRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

/** What the session's user and the users list both say of an account. */
const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  unit: unitRefSchema,
  roles: z.array(roleSchema),
});

/**
 * Where the account's organisation-wide roles (administrator, council member, leader) apply: a unit
 * (that unit and every unit under it), or null for the province's (everything).
 */
export const roleScopeSchema = unitRefSchema.nullable();

export const meSchema = accountSchema.extend({
  mustChangePassword: z.boolean(),
  scope: roleScopeSchema,
  may: z.object({
    manageUnits: z.boolean(),
    manageUsers: z.boolean(),
    viewAudit: z.boolean(),
    /** The units file import (the whole tree): the province's administrator only. */
    importUnits: z.boolean(),
    /** Creating, editing and publishing frameworks (its own organisation's; the province's: any). */
    manageFrameworks: z.boolean(),
  }),
});

export const sessionAnswerSchema = z.object({ user: meSchema, csrfToken: z.string() });

export const loginBody = z.object({
  username: z.string().trim().min(1, 'Hãy nhập tên đăng nhập').max(200),
  password: z.string().min(1, 'Hãy nhập mật khẩu').max(1000),
});
export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Hãy nhập mật khẩu hiện tại').max(1000),
  newPassword: z.string().min(10, 'Mật khẩu phải có ít nhất 10 ký tự.').max(1000),
});

export const userSchema = accountSchema.extend({
  scope: roleScopeSchema,
  active: z.boolean(),
  /** Until when failed logins hold the account back (from some address); null when not held now. */
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), resetPassword: z.boolean() }),
});

export const usernamePattern = /^[a-z0-9._-]{3,64}$/;
const fullName = z.string().trim().min(1, 'Không được để trống').max(200, 'Tối đa 200 ký tự');
const email = z.email('Địa chỉ email không hợp lệ').max(320).nullable();
const roleList = z.array(roleSchema).min(1, 'Chọn ít nhất một vai trò').max(6);
const accountReason = z.string().trim().max(2000, 'Tối đa 2000 ký tự').nullable().optional();
const unitId = z.uuid('Mã đơn vị không hợp lệ');
/** The scope of the organisation-wide roles: a unit's id, or null for the province's. */
const scopeUnitId = unitId.nullable();

export const userListQuery = z.object({ unitId: unitId.optional(), q: z.string().trim().max(200).optional(), role: roleSchema.optional() });
export const newUserBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(usernamePattern, 'Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới'),
  fullName,
  email: email.optional(),
  unitId,
  roles: roleList,
  /** Absent: the province's for the province's administrator, its own scope for a scoped one. */
  scopeUnitId: scopeUnitId.optional(),
  password: z.string().max(1000).optional(),
});
export const createdUserSchema = z.object({ user: userSchema, temporaryPassword: z.string().optional() });
export const userPatchBody = z.object({
  version: z.number().int().min(1),
  fullName: fullName.optional(),
  email: email.optional(),
  unitId: unitId.optional(),
  roles: roleList.optional(),
  scopeUnitId: scopeUnitId.optional(),
  active: z.boolean().optional(),
  reason: accountReason,
});
export const resetPasswordBody = z.object({ reason: accountReason }).nullish();
export const temporaryPasswordSchema = z.object({ temporaryPassword: z.string() });

export type Role = z.output<typeof roleSchema>;
export type UnitRef = z.output<typeof unitRefSchema>;
export type RoleScopeRef = z.output<typeof roleScopeSchema>;
export type Me = z.output<typeof meSchema>;
export type Session = z.output<typeof sessionAnswerSchema>;
export type LoginBody = z.input<typeof loginBody>;
export type ChangePassword = z.input<typeof changePasswordBody>;
export type User = z.output<typeof userSchema>;
export type UserListParams = z.input<typeof userListQuery>;
export type NewUser = z.input<typeof newUserBody>;
export type CreatedUser = z.output<typeof createdUserSchema>;
export type UserPatch = z.input<typeof userPatchBody>;
export type TemporaryPassword = z.output<typeof temporaryPasswordSchema>;
