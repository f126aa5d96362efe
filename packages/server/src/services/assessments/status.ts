/**
 * `AssessmentStatus` of docs/api.md: what of one unit's assessment changes with every saved
 * criterion — state, progress, self score, the submission checks and the actions allowed now.
 * The assessment view carries it, and so does every criterion save and answer (`assessment`),
 * so the submission tab is current without a reload (issue 7, blocker 1). `version` (the unit's
 * state) and `revision` (the sum of its criterion records' versions, which grows with every
 * saved change: saves of one unit are serialised by its participant lock) order two statuses:
 * a client keeps the newer one whatever order the answers arrive in.
 */
import type { StoredCriterionRecord } from '../../db/repositories/criterion-record-repository';
import { coreRecords } from '../../db/repositories/criterion-record-repository';
import type { Actor } from '../actor';
import { factsFor, participant, type CycleContext } from '../cycles/context';
import { assessmentSummary, recordsSeenBy } from '../cycles/summary';

// The summary without what names the cycle and the unit, with the unit's `version` (its state), the
// `revision` (sum of its records' versions) and the submission checks: the contract's `AssessmentStatus`.
export type { AssessmentStatus } from '@chiso/contract';
import type { AssessmentStatus } from '@chiso/contract';

export function assessmentStatus(
  ctx: CycleContext,
  unitId: string,
  actor: Actor,
  at: Date,
  stored: ReadonlyMap<string, StoredCriterionRecord>,
  visible: Set<string> | 'all',
): AssessmentStatus {
  // Before submission an appraiser's status is counted without the unit's entries (none shown).
  const records = recordsSeenBy(ctx, unitId, actor, coreRecords(stored));
  const { cycleId: _cycle, cycleName: _name, year: _year, unit: _unit, ...summary } = assessmentSummary(ctx, unitId, actor, at, records);
  const { issues } = factsFor(ctx, unitId, records);
  let revision = 0;
  for (const s of stored.values()) revision += s.version;
  return {
    version: participant(ctx, unitId).unit.version,
    revision,
    ...summary,
    submissionIssues: visible === 'all' ? issues : issues.filter((i) => i.nodeKey !== undefined && visible.has(i.nodeKey)),
  };
}
