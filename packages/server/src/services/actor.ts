/** Who is acting. Services receive it explicitly; the HTTP layer builds it from the session. */
export const roles = ['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer'] as const;
export type Role = (typeof roles)[number];

/**
 * Where a user's organisation-wide roles (administrator, council member, leader) apply: the
 * province's (every cycle, framework, unit and user), or one organising unit's (a department for
 * its own units; before 2025 a district committee for its communes): that unit and every unit
 * under it, as `unitIds`. A cycle, framework or group set is in the scope when its owner is.
 */
export type RoleScope = { kind: 'province' } | { kind: 'unit'; unitId: string; unitIds: ReadonlySet<string> };

export const PROVINCE_SCOPE: RoleScope = { kind: 'province' };

/** A scope that covers nothing (the anonymous visitor; a login's own audit line). */
export const NO_SCOPE: RoleScope = { kind: 'unit', unitId: '', unitIds: new Set() };

/** The scope of a user row's `scope_unit_id`, read with the ids of the units under it. */
export const roleScopeOf = (scope: { unitId: string; unitIds: readonly string[] } | null): RoleScope =>
  scope ? { kind: 'unit', unitId: scope.unitId, unitIds: new Set(scope.unitIds) } : PROVINCE_SCOPE;

export interface Actor {
  userId: string;
  username: string;
  /** The organisation unit the user belongs to; officers' and heads' roles are scoped to it. */
  unitId: string;
  roles: readonly Role[];
  /** Where its administrator, council and leader roles apply (users.scope_unit_id). */
  scope: RoleScope;
  ip: string | null;
}

/** The actor for work the system does by itself (first start, demo loading, CLI). */
export const systemActor: Actor = { userId: '', username: 'system', unitId: '', roles: ['admin'], scope: PROVINCE_SCOPE, ip: null };

export const hasRole = (actor: Actor, role: Role) => actor.roles.includes(role);

/**
 * Whether the scope covers something owned by `ownerUnitId` (null: the province's own). The
 * province's scope covers everything; a unit's scope covers what its unit or a unit under it owns.
 */
export const scopeCovers = (scope: RoleScope, ownerUnitId: string | null): boolean =>
  scope.kind === 'province' || (ownerUnitId !== null && scope.unitIds.has(ownerUnitId));

/** Whether a unit is within the scope (the province's scope holds every unit). */
export const scopeHoldsUnit = (scope: RoleScope, unitId: string): boolean => scope.kind === 'province' || scope.unitIds.has(unitId);

/**
 * Whether a unit lies strictly below the scope's own unit (the province's scope: every unit). What a
 * scoped administrator does to a unit's own work (its unit roles' accounts, its evidence) reaches
 * only these: its scope unit's own people and files are the province's to manage.
 */
export const scopeHoldsUnitBelow = (scope: RoleScope, unitId: string): boolean =>
  scope.kind === 'province' || (unitId !== scope.unitId && scope.unitIds.has(unitId));

/** The province's administrator (Sở Nội vụ): sets up everything and audits every level. */
export const isAdmin = (actor: Actor) => hasRole(actor, 'admin') && actor.scope.kind === 'province';

/** An administrator at any level (the province's, or an organising unit's for what it owns). */
export const isAnyAdmin = (actor: Actor) => hasRole(actor, 'admin');

/** Whether the actor administers what `ownerUnitId` owns (a cycle, a framework, a group set). */
export const administers = (actor: Actor, ownerUnitId: string | null): boolean => hasRole(actor, 'admin') && scopeCovers(actor.scope, ownerUnitId);
