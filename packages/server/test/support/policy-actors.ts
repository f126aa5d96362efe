import { PROVINCE_SCOPE, roles, roleScopeOf, type Actor, type Role } from '../../src/services/actor';
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

/**
 * The owner dimension (issue 10): a cycle owned by organising unit A (`DEPT_A`), whose assessed unit
 * (`DEPT_A_UNIT`) is under it; another organising unit B (`DEPT_B`).
 */
export const DEPT_A = 'dept-a';
export const DEPT_A_UNIT = 'dept-a-unit';
export const DEPT_B = 'dept-b';

/** Where an actor's organisation-wide roles apply, seen from a cycle owned by A: A's scope, B's, or the province's. */
export type ScopeWhere = 'owner' | 'other' | 'province';

/** An actor of the role(s) belonging to `unitId`, with the scope of `where` (A and its unit; B; the province). */
export function scopedActorOf(actorRoles: Role | readonly Role[], where: ScopeWhere, unitId?: string): Actor {
  const scope = where === 'owner' ? roleScopeOf({ unitId: DEPT_A, unitIds: [DEPT_A, DEPT_A_UNIT] }) : where === 'other' ? roleScopeOf({ unitId: DEPT_B, unitIds: [DEPT_B] }) : PROVINCE_SCOPE;
  const home = unitId ?? (where === 'owner' ? DEPT_A : where === 'other' ? DEPT_B : OTHER);
  return { ...actorOf(actorRoles, home), scope };
}

/** Every role at each scope, its unit the scope's own (A, B, another unit for the province). */
export const everyRoleAndScope = ROLES.flatMap((role) =>
  (['owner', 'other', 'province'] as const).map((where) => ({ role, where, actor: scopedActorOf(role, where) })),
);

/** The expected answer per role and scope, as a table: `{ admin: [owner's, other's, province's], … }`. */
export type ExpectedByScope = Record<Role, readonly [boolean, boolean, boolean]>;

export const expectedByScope = (table: ExpectedByScope, role: Role, where: ScopeWhere): boolean => table[role][where === 'owner' ? 0 : where === 'other' ? 1 : 2];
