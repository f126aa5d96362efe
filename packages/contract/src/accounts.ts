/** Sessions and user accounts — docs/api.md "Authentication" and "Users". */
import { z } from 'zod';
import { WORKFLOW_ROLES, type WorkflowRole } from '@chiso/core';
import { enumOf } from './common';

export const roleSchema = enumOf<WorkflowRole>(WORKFLOW_ROLES);
export const ROLES = WORKFLOW_ROLES;
export const unitRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  unit: unitRefSchema,
  roles: z.array(roleSchema),
  mustChangePassword: z.boolean(),
  may: z.object({ manageUnits: z.boolean(), manageUsers: z.boolean(), viewAudit: z.boolean() }),
});

export const sessionAnswerSchema = z.object({ user: meSchema, csrfToken: z.string() });

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  unit: unitRefSchema,
  roles: z.array(roleSchema),
  active: z.boolean(),
  /** When a lock for failed logins runs out; null when not locked now. */
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  may: z.object({ edit: z.boolean(), resetPassword: z.boolean() }),
});

export type Role = z.output<typeof roleSchema>;
export type UnitRef = z.output<typeof unitRefSchema>;
export type Me = z.output<typeof meSchema>;
export type Session = z.output<typeof sessionAnswerSchema>;
export type User = z.output<typeof userSchema>;
