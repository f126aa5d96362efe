import { z } from 'zod';
import { roles, type Role } from '../../services/actor';
import type { SessionWithUser } from '../../db/repositories/session-repository';

export const roleSchema = z.enum(roles);
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
export type Me = z.infer<typeof meSchema>;

export const sessionAnswerSchema = z.object({ user: meSchema, csrfToken: z.string() });

export function presentMe(user: SessionWithUser['user']): Me {
  const userRoles = user.roles as Role[];
  const admin = userRoles.includes('admin');
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unit: user.unit,
    roles: userRoles,
    mustChangePassword: user.mustChangePassword,
    may: { manageUnits: admin, manageUsers: admin, viewAudit: admin },
  };
}

