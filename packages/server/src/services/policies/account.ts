/** User accounts and the session's own abilities. */
import { hasRole, isAdmin, isAnyAdmin, scopeHoldsUnit, scopeHoldsUnitBelow, type Actor, type Role, type RoleScope } from '../actor';
import { forbidden } from '../errors';
import { mayReadAuditTrail } from './audit';
import { READS_EVERY_UNIT } from './roles';

/** The session's `may` flags: which administration areas the web app offers. */
export function sessionAbilities(actor: Actor): {
  manageUnits: boolean;
  manageUsers: boolean;
  viewAudit: boolean;
  importUnits: boolean;
  manageFrameworks: boolean;
} {
  const admin = isAnyAdmin(actor);
  return { manageUnits: admin, manageUsers: admin, viewAudit: mayReadAuditTrail(actor), importUnits: isAdmin(actor), manageFrameworks: admin };
}

/** What of an account decides who may administer it: its unit, its roles and where its organisation-wide roles apply. */
export interface AccountFacts {
  id: string;
  unitId: string;
  roles: readonly string[];
  /** users.scope_unit_id: null for the province's. */
  scopeUnitId: string | null;
}

/** Whether the account carries roles that act beyond its own unit (administrator, council member, leader). */
export const hasOrganisationRoles = (roles: readonly string[]): boolean => READS_EVERY_UNIT.some((r) => roles.includes(r));

/**
 * Why a scope does not hold an account whole, or null when it does. The province's scope holds every
 * account. A unit scope holds an account whose unit is within it and whose organisation-wide roles,
 * if any, apply within it (a department's administrator never manages an account that acts for the
 * province or for another department, even if it sits in one of its units). In the scope unit itself
 * only accounts with organisation-wide roles alone: unit roles there (officer, head, appraiser) act
 * in every cycle the unit takes part in, the province's too, so they are the province's to give,
 * change, reset and deactivate.
 */
export function accountOutsideScope(scope: RoleScope, account: Pick<AccountFacts, 'unitId' | 'roles' | 'scopeUnitId'>): string | null {
  if (scope.kind === 'province') return null;
  if (!scope.unitIds.has(account.unitId)) return OUTSIDE_SCOPE;
  if (hasOrganisationRoles(account.roles) && (account.scopeUnitId === null || !scope.unitIds.has(account.scopeUnitId))) return OUTSIDE_SCOPE;
  if (!scopeHoldsUnitBelow(scope, account.unitId) && !account.roles.every(isOrganisationRole)) return UNIT_ROLES_OF_SCOPE_UNIT;
  return null;
}

const OUTSIDE_SCOPE = 'Tài khoản này không thuộc phạm vi quản lý của bạn.';
const UNIT_ROLES_OF_SCOPE_UNIT =
  'Tài khoản có vai trò của đơn vị (cán bộ đầu mối, thủ trưởng, cán bộ thẩm định) tại chính đơn vị bạn quản lý do quản trị viên cấp tỉnh (Sở Nội vụ) cấp và quản lý; ' +
  'bạn chỉ giao các vai trò này, đặt lại mật khẩu hay ngừng tài khoản ở các đơn vị trực thuộc.';

const isOrganisationRole = (role: string): boolean => (READS_EVERY_UNIT as readonly string[]).includes(role);

/** Whether a scope holds an account whole (see `accountOutsideScope`). */
export const scopeHoldsAccount = (scope: RoleScope, account: Pick<AccountFacts, 'unitId' | 'roles' | 'scopeUnitId'>): boolean =>
  accountOutsideScope(scope, account) === null;

/** Whether the actor administers the account: the province's administrator any; an organisation's administrator those within its scope. */
export const administersAccount = (actor: Actor, account: Pick<AccountFacts, 'unitId' | 'roles' | 'scopeUnitId'>): boolean =>
  isAnyAdmin(actor) && scopeHoldsAccount(actor.scope, account);

export function assertAdministersAccount(actor: Actor, account: Pick<AccountFacts, 'unitId' | 'roles' | 'scopeUnitId'>): void {
  if (!isAnyAdmin(actor)) throw forbidden('Chỉ quản trị viên được quản lý tài khoản.');
  const refusal = accountOutsideScope(actor.scope, account);
  if (refusal) throw forbidden(refusal);
}

/**
 * What the actor may do with an account: an administrator edits those within its scope; it resets
 * others' passwords (its own it changes itself, “Đổi mật khẩu”).
 */
export function accountAbilities(actor: Actor, account: AccountFacts): { edit: boolean; resetPassword: boolean } {
  const admin = administersAccount(actor, account);
  return { edit: admin, resetPassword: admin && account.id !== actor.userId };
}

/**
 * The scope an administrator gives an account with organisation-wide roles: `requested` (a unit, or
 * null for the province's; absent: the actor's own — the province's for the province's administrator).
 * A scoped administrator gives only its own scope or a unit under it, never the province's.
 */
export function grantedScope(actor: Actor, roles: readonly Role[], requested: string | null | undefined): string | null {
  if (!hasOrganisationRoles(roles)) return null;
  const scope = actor.scope;
  if (requested === undefined) return scope.kind === 'unit' ? scope.unitId : null;
  if (scope.kind === 'unit' && (requested === null || !scope.unitIds.has(requested))) {
    throw forbidden('Bạn chỉ giao được phạm vi quản lý trong đơn vị mình quản lý (không phải phạm vi toàn tỉnh).');
  }
  return requested;
}

/** The accounts the actor may list, as the SQL filter's input: one unit, or the units of a scope (absent: all). */
export interface AccountListScope {
  unitId?: string;
  unitIds?: readonly string[];
}

/**
 * Whose accounts the actor may list: the province's administrator any (`requested`, or all when
 * absent), an organisation's administrator those of the units in its scope, a unit head only its
 * own; everyone else is refused.
 */
export function accountListUnit(actor: Actor, requested: string | undefined): AccountListScope {
  if (isAdmin(actor)) return { unitId: requested };
  if (isAnyAdmin(actor) && actor.scope.kind === 'unit') {
    if (requested && !scopeHoldsUnit(actor.scope, requested)) throw forbidden('Đơn vị này không thuộc phạm vi quản lý của bạn.');
    return requested ? { unitId: requested } : { unitIds: [...actor.scope.unitIds] };
  }
  if (hasRole(actor, 'unit_head')) {
    if (requested && requested !== actor.unitId) throw forbidden('Bạn chỉ xem được tài khoản của đơn vị mình.');
    return { unitId: actor.unitId };
  }
  throw forbidden('Bạn không có quyền xem danh sách tài khoản.');
}
