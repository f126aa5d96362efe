import { PROVINCE_SCOPE, roles, type Actor, type Role } from '../../src/services/actor';
import { AppError } from '../../src/services/errors';

/** Pure policy tests: actors of every role, belonging to the unit under test (`OWN`) or to another one. */
export const OWN = 'unit-own';
export const OTHER = 'unit-other';
export const ROLES: readonly Role[] = roles;

export const actorOf = (actorRoles: Role | readonly Role[], unitId: string = OWN, userId = 'user-1'): Actor => ({
  userId,
  username: `u-${userId}`,
  unitId,
  roles: typeof actorRoles === 'string' ? [actorRoles] : actorRoles,
  scope: PROVINCE_SCOPE,
  ip: null,
});

/** Every role, each with its unit being the one under test and another one. */
export const everyRoleAndUnit = ROLES.flatMap((role) => [
  { role, where: 'own' as const, actor: actorOf(role, OWN) },
  { role, where: 'other' as const, actor: actorOf(role, OTHER) },
]);

/** The expected answer per role and unit, written as a table: `{ admin: [own, other], … }`. */
export type Expected = Record<Role, readonly [boolean, boolean]>;

export const expectedFor = (table: Expected, role: Role, where: 'own' | 'other'): boolean => table[role][where === 'own' ? 0 : 1];

/** The refusal a policy check throws (code and HTTP status), or null when it lets the actor through. */
export function refusal(fn: () => unknown): { code: string; status: number } | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, status: error.status };
  }
}

/** The HTTP status of the refusal, or null. */
export const refused = (fn: () => unknown): number | null => refusal(fn)?.status ?? null;
