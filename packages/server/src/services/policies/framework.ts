/**
 * Frameworks (bộ tiêu chí) and group sets have an owner: the organising unit whose they are (null:
 * the province's). The administrator whose scope covers the owner changes them; the province's are
 * the lower levels' templates, which their administrators copy into their own (“adopt”). An actor of
 * an organisation's scope reads its own and the province's; every other logged-in user reads them all.
 */
import { administers, isAnyAdmin, scopeCovers, type Actor } from '../actor';
import { forbidden } from '../errors';
import { assertAdministers } from './roles';

/** Whether the actor reads what `ownerUnitId` owns: the province's are everyone's templates; an organisation's, those whose scope covers it. */
export const readsOwnedBy = (actor: Actor | null, ownerUnitId: string | null): boolean =>
  ownerUnitId === null || actor === null || scopeCovers(actor.scope, ownerUnitId);

export function assertReadsOwnedBy(actor: Actor, ownerUnitId: string | null): void {
  if (!readsOwnedBy(actor, ownerUnitId)) throw forbidden('Bộ tiêu chí này thuộc một đơn vị tổ chức đánh giá khác.');
}

/** A framework version's `may` flags: a draft is edited and published, a published version gets a new draft — by the owner's administrator. */
export function frameworkVersionAbilities(
  actor: Actor | null,
  version: { status: string },
  ownerUnitId: string | null,
): { edit: boolean; publish: boolean; newVersion: boolean } {
  const admin = actor !== null && administers(actor, ownerUnitId);
  const draft = version.status === 'draft';
  return { edit: admin && draft, publish: admin && draft, newVersion: admin && !draft };
}

/** A framework's `may` flags: managed by its owner's administrator; the province's adopted by an organisation's administrator. */
export function frameworkAbilities(actor: Actor, framework: { ownerUnitId: string | null }): { manage: boolean; adopt: boolean } {
  return { manage: administers(actor, framework.ownerUnitId), adopt: mayAdopt(actor, framework.ownerUnitId) };
}

/** An organisation's administrator copies the province's framework into its own; the province's administrator copies any for an organisation. */
export const mayAdopt = (actor: Actor, sourceOwnerUnitId: string | null): boolean =>
  isAnyAdmin(actor) && (actor.scope.kind === 'province' || sourceOwnerUnitId === null || scopeCovers(actor.scope, sourceOwnerUnitId));

/**
 * The owner a new framework or group set gets: `requested` (a unit, or null for the province's);
 * absent, the actor's own (its scope unit; the province's for the province's administrator). The
 * actor must administer it.
 */
export function ownerForNew(actor: Actor, requested: string | null | undefined): string | null {
  const owner = requested === undefined ? (actor.scope.kind === 'unit' ? actor.scope.unitId : null) : requested;
  assertAdministers(actor, owner);
  return owner;
}

/** Only an administrator (the province's, or an organisation's for what it owns) changes frameworks and group sets. */
export function assertSomeAdministrator(actor: Actor): void {
  if (!isAnyAdmin(actor)) throw forbidden('Chỉ quản trị viên được thay đổi bộ tiêu chí và bộ nhóm.');
}

/** A group set's `may` flags. */
export const groupSetAbilities = (actor: Actor, set: { ownerUnitId: string | null }): { edit: boolean } => ({ edit: administers(actor, set.ownerUnitId) });
