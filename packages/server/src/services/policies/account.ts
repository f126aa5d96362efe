/** User accounts and the session's own abilities. */
import { hasRole, isAdmin, type Actor } from '../actor';
import { forbidden } from '../errors';
import { mayReadAuditTrail } from './audit';

/** The session's `may` flags: which administration areas the web app offers. */
export function sessionAbilities(actor: Pick<Actor, 'roles'>): { manageUnits: boolean; manageUsers: boolean; viewAudit: boolean } {
  const admin = actor.roles.includes('admin');
  return { manageUnits: admin, manageUsers: admin, viewAudit: mayReadAuditTrail(actor) };
}

/**
 * What the actor may do with an account: the administrator edits any; it resets others'
 * passwords (its own it changes itself, “Đổi mật khẩu”).
 */
export function accountAbilities(actor: Actor, account: { id: string }): { edit: boolean; resetPassword: boolean } {
  const admin = isAdmin(actor);
  return { edit: admin, resetPassword: admin && account.id !== actor.userId };
}

/**
 * The unit whose accounts the actor may list, as the SQL filter's input: the administrator any
 * (`requested`, or all when absent), a unit head only its own; everyone else is refused.
 */
export function accountListUnit(actor: Actor, requested: string | undefined): string | undefined {
  if (isAdmin(actor)) return requested;
  if (hasRole(actor, 'unit_head')) {
    if (requested && requested !== actor.unitId) throw forbidden('Bạn chỉ xem được tài khoản của đơn vị mình.');
    return actor.unitId;
  }
  throw forbidden('Bạn không có quyền xem danh sách tài khoản.');
}
