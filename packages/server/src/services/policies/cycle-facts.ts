/**
 * The facts the policies need, read from a loaded cycle (`CycleContext`): the cycle's owner, the
 * agencies the actor acts as, a unit's appraising agencies and leaves. The rules themselves are in assessment.ts and
 * criterion-record.ts, pure; these adapters only gather their inputs.
 */
import type { Actor } from '../actor';
import { agenciesOfUnit, appraisingAgenciesFor, participant, type CycleContext } from '../cycles/context';
import { forbidden } from '../errors';
import { ASSESSMENT_FORBIDDEN, mayViewAssessmentOf, visibleLeavesOf } from './assessment';
import { isAppraiser } from './roles';

/** The agencies the actor acts as in the cycle (none unless it is an appraiser). */
export const actorAgenciesIn = (actor: Actor, ctx: CycleContext): string[] => (isAppraiser(actor) ? agenciesOfUnit(ctx, actor.unitId) : []);

/** `mayViewAssessmentOf` with the facts read from the loaded cycle. */
export function mayViewAssessment(actor: Actor, ctx: CycleContext, unitId: string): boolean {
  const participates = ctx.units.has(unitId);
  const facts = { ownerUnitId: ctx.cycle.ownerUnitId, unitId, participates, appraisingAgencies: participates ? appraisingAgenciesFor(ctx, unitId) : [] };
  return mayViewAssessmentOf(actor, actorAgenciesIn(actor, ctx), facts);
}

export function assertMayViewAssessment(actor: Actor, ctx: CycleContext, unitId: string, message = ASSESSMENT_FORBIDDEN): void {
  if (!mayViewAssessment(actor, ctx, unitId)) throw forbidden(message);
}

/** `visibleLeavesOf` with the facts read from the loaded cycle. */
export function visibleLeafKeys(ctx: CycleContext, unitId: string, actor: Actor): Set<string> | 'all' {
  const { group } = participant(ctx, unitId);
  return visibleLeavesOf(actor, actorAgenciesIn(actor, ctx), { ownerUnitId: ctx.cycle.ownerUnitId, unitId, leafKeys: group.leaves.map((l) => l.key), leafAgency: group.leafAgency });
}
