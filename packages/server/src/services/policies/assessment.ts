/**
 * Who may see a unit's assessment in a cycle, and how much of it. What anyone may *do* with it is
 * the core's (`allowedActions`, `criterionActions`); the `allowedActions` and criterion `may` flags
 * come from there (see criterion-record.ts).
 */
import { administers, isAnyAdmin, type Actor } from '../actor';
import { forbidden, notFound } from '../errors';
import { isAppraiser, isStaffOf, readsEveryUnitOf, workUnits } from './roles';
import { CYCLE_OF_OTHER_OWNER } from './cycle';

/** Unit states in which the self-assessment is still the unit's own: not submitted yet, or returned to it. */
const UNSUBMITTED_STATES: ReadonlySet<string> = new Set(['draft', 'returned_for_revision']);

export const isUnsubmitted = (unitState: string): boolean => UNSUBMITTED_STATES.has(unitState);

/**
 * The units whose assessments make the actor's own work list (`GET /api/my/assessments`), as the
 * inputs of its queries: its unit's own assessment (officer, head) and the units its agency
 * appraises (appraiser), whatever other roles it holds.
 */
export const myWorkUnits = workUnits;

/**
 * The organising unit that owns a cycle (cycles.owner_unit_id; null: the province's own). The
 * administrator, council and leadership of an organising unit act and read in the cycles its scope
 * covers exactly as the province's do in every cycle; in another owner's cycle they are like anyone
 * else (actor.ts `scopeCovers`).
 */
export type CycleOwner = string | null;

/** What a policy needs to know of one unit's assessment in a cycle. */
export interface AssessmentFacts {
  /** The cycle's owner. */
  ownerUnitId: CycleOwner;
  unitId: string;
  /** Whether the unit takes part in the cycle. */
  participates: boolean;
  /** The agencies appraising at least one of its applicable criteria. */
  appraisingAgencies: readonly string[];
}

/**
 * Whether the actor may see a unit's assessment at all: the administrator, council members and
 * leadership whose scope covers the cycle's owner; the unit's own officers and head; appraisers whose agency (`actorAgencies`, the
 * agencies the actor's unit acts as in the cycle) appraises one of its criteria.
 */
export function mayViewAssessmentOf(actor: Actor, actorAgencies: readonly string[], facts: AssessmentFacts): boolean {
  if (readsEveryUnitOf(actor, facts.ownerUnitId)) return true;
  if (isStaffOf(actor, facts.unitId)) return true;
  if (!isAppraiser(actor) || actorAgencies.length === 0 || !facts.participates) return false;
  return facts.appraisingAgencies.some((a) => actorAgencies.includes(a));
}

export const ASSESSMENT_FORBIDDEN = 'Bạn không có quyền với hồ sơ đánh giá của đơn vị này.';

/**
 * Whether the actor sees only the status of a unit's self-assessment (no entries, points,
 * explanations nor evidence): anyone reading it only as an appraiser, while the unit has not
 * submitted. The unit itself, and the administrator, the council and leadership of the cycle's
 * owner (`ownerUnitId`), read it as it is.
 */
export function seesStatusOnly(actor: Actor, unitId: string, unitState: string, ownerUnitId: CycleOwner): boolean {
  if (!isUnsubmitted(unitState)) return false;
  return !readsEveryUnitOf(actor, ownerUnitId) && !isStaffOf(actor, unitId);
}

/**
 * The leaves of a unit the actor may see: all of them for the roles that read every unit of the
 * cycle's owner and the unit's own people; for anyone else (an appraiser), those its agencies appraise.
 */
export function visibleLeavesOf(
  actor: Actor,
  actorAgencies: readonly string[],
  unit: { ownerUnitId: CycleOwner; unitId: string; leafKeys: readonly string[]; leafAgency: ReadonlyMap<string, string | undefined> },
): Set<string> | 'all' {
  if (readsEveryUnitOf(actor, unit.ownerUnitId) || isStaffOf(actor, unit.unitId)) return 'all';
  return new Set(unit.leafKeys.filter((k) => actorAgencies.includes(unit.leafAgency.get(k) ?? '')));
}

/**
 * The agency whose appraisal matrix the actor reads: an appraiser only one of its own (`mine`),
 * the one it asks for or the first; the administrator of the cycle's owner (`ownerUnitId`) any
 * (`wanted`, else its own, else the first `known` by code). Refused to anyone else (an administrator
 * of another level: the cycle is another owner's), or for an agency not in the cycle.
 */
export function appraisalMatrixAgency(
  actor: Actor,
  ownerUnitId: CycleOwner,
  mine: readonly string[],
  known: ReadonlySet<string>,
  wanted: string | undefined,
): string {
  let code: string | undefined;
  if (administers(actor, ownerUnitId)) code = wanted ?? mine[0] ?? [...known].sort()[0];
  else if (mine.length === 0 && isAnyAdmin(actor)) throw forbidden(CYCLE_OF_OTHER_OWNER);
  else if (mine.length === 0) throw forbidden('Chỉ cơ quan thẩm định được phân công trong kỳ này (hoặc quản trị) xem được bảng thẩm định.');
  else if (wanted !== undefined && !mine.includes(wanted)) throw forbidden(`Bạn chỉ xem được các tiêu chí do cơ quan mình thẩm định (${mine.join(', ')}).`);
  else code = wanted ?? mine[0];
  if (code === undefined || !known.has(code)) throw notFound('cơ quan thẩm định trong kỳ đánh giá');
  return code;
}
