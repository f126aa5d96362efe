/**
 * External indices (issue 12 §4): the province's figures are not secret — every signed-in role
 * reads them; only the province's administrator (Sở Nội vụ) records definitions, values and links.
 */
import { isAdmin, type Actor } from '../actor';
import { forbidden } from '../errors';

export const mayManageExternalIndices = (actor: Actor): boolean => isAdmin(actor);

export function assertManagesExternalIndices(actor: Actor): void {
  if (!mayManageExternalIndices(actor)) throw forbidden('Chỉ quản trị viên của tỉnh (Sở Nội vụ) được cập nhật các chỉ số bên ngoài.');
}

/** A signed-in user (the system's own actor included); the anonymous visitor has no user id and no roles. */
export function assertReadsExternalIndices(actor: Actor): void {
  if (actor.roles.length === 0) throw forbidden();
}
