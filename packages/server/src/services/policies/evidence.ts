/**
 * A unit's evidence (tài liệu kiểm chứng): who adds and describes it, who reads it. Whether a
 * document may still be changed once cited (frozen) is the evidence service's rule, for everyone.
 * Evidence belongs to a unit (its `ownerUnitId`), not to a cycle: the organisation-wide roles reach
 * it where their scope holds that unit (the province's: every unit; an organising unit's: itself
 * and the units under it, see actor.ts `scopeHoldsUnit`).
 */
import { hasRole, scopeHoldsUnit, scopeHoldsUnitBelow, type Actor } from '../actor';
import { forbidden } from '../errors';
import { isUnsubmitted } from './assessment';
import { isAppraiser, isStaffOf, READS_EVERY_UNIT } from './roles';

/**
 * Who may add and describe a unit's evidence: its officers and head, the province's administrator,
 * and an organisation's administrator for the units below its scope unit (its own unit's evidence
 * backs its assessments in the province's cycles: its staff's, not its administrator's).
 */
export const mayManageUnitEvidence = (actor: Actor, ownerUnitId: string): boolean =>
  (hasRole(actor, 'admin') && scopeHoldsUnitBelow(actor.scope, ownerUnitId)) || isStaffOf(actor, ownerUnitId);

/** The `may` flags of a document sent to the web app. */
export const evidenceAbilities = (actor: Actor, ownerUnitId: string): { edit: boolean } => ({ edit: mayManageUnitEvidence(actor, ownerUnitId) });

/**
 * Who reads all of a unit's evidence: the unit itself, and the administrator, the council and
 * leadership whose scope holds the unit.
 */
export const readsAllOfUnit = (actor: Actor, unitId: string): boolean =>
  (READS_EVERY_UNIT.some((r) => hasRole(actor, r)) && scopeHoldsUnit(actor.scope, unitId)) || isStaffOf(actor, unitId);

/**
 * How much of a unit's evidence the actor may see, before the database is asked: `all`; `none`;
 * or, for an appraiser, the documents backing a criterion its agency appraises (`appraisedBy`: its
 * unit), provided that agency appraises the unit in an open cycle (the caller's query).
 */
export function evidenceReach(actor: Actor, ownerUnitId: string): 'all' | 'none' | { appraisedBy: string } {
  if (readsAllOfUnit(actor, ownerUnitId)) return 'all';
  if (isAppraiser(actor)) return { appraisedBy: actor.unitId };
  return 'none';
}

/**
 * Whether an appraising agency sees a document through one use of it (a criterion record citing
 * it): the unit has submitted (before, its evidence is still its own, see assessment.ts
 * `seesStatusOnly`) and the criterion is appraised by one of the agency's codes (`mine`).
 */
export const appraiserSeesUse = (mine: ReadonlySet<string>, use: { unitState: string; agency: string | undefined }): boolean =>
  !isUnsubmitted(use.unitState) && use.agency !== undefined && mine.has(use.agency);

export const privateToUnit = () => forbidden('Tài liệu kiểm chứng chỉ đơn vị sở hữu (và cơ quan thẩm định tiêu chí mà tài liệu chứng minh) mới xem được.');

/** Who may change a document's description: as `mayManageUnitEvidence`; one who may not even read the unit's evidence is told only that it is private. */
export function assertMayEditEvidence(actor: Actor, ownerUnitId: string): void {
  if (mayManageUnitEvidence(actor, ownerUnitId)) return;
  if (!readsAllOfUnit(actor, ownerUnitId)) throw privateToUnit();
  throw forbidden('Bạn chỉ sửa được tài liệu kiểm chứng của đơn vị mình (quản trị viên: của các đơn vị trực thuộc đơn vị mình quản lý).');
}

export function assertMayUploadEvidence(actor: Actor, ownerUnitId: string): void {
  if (!mayManageUnitEvidence(actor, ownerUnitId)) throw forbidden('Bạn chỉ tải được tài liệu kiểm chứng cho đơn vị mình (quản trị viên: cho các đơn vị trực thuộc đơn vị mình quản lý).');
}
