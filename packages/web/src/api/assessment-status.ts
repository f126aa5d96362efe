/**
 * The assessment's status sent with every criterion save and answer (docs/api.md
 * "AssessmentStatus"): total, progress, submission checks, allowed actions. Merged into the cached
 * assessment so the submission tab is current without a reload; the newer of two statuses wins
 * by (version, revision), whatever order the answers arrive in. Pure: tested in packages/web/test.
 */
import type { Assessment, CriterionView } from '@chiso/contract';

/** As sent; any further summary field the server adds (e.g. return notes) is merged the same way. */
export type AssessmentStatus = Pick<Assessment, 'state' | 'version' | 'revision' | 'progress' | 'selfScore' | 'deadline' | 'submissionIssues' | 'allowedActions'>;

/** A criterion save's answer: the record, and the assessment's status after it. */
export type SavedCriterionView = CriterionView & { assessment?: AssessmentStatus };

/** True when `next` was computed after `current` (the unit's version first, then the revision). */
export function isNewerStatus(current: Pick<AssessmentStatus, 'version' | 'revision'>, next: Pick<AssessmentStatus, 'version' | 'revision'>): boolean {
  if (next.version !== current.version) return next.version > current.version;
  return (next.revision ?? 0) >= (current.revision ?? 0);
}

/**
 * The cached assessment with a saved record (unless the cache holds a later version of it: an
 * older answer arriving last never overwrites it) and, when newer, the status that came with it.
 */
export function mergeSaved(a: Assessment, saved: SavedCriterionView): Assessment {
  const { assessment: status, ...view } = saved;
  const held = a.records[view.nodeKey];
  const records = held && held.version > view.version ? a.records : { ...a.records, [view.nodeKey]: view };
  if (!status || !isNewerStatus(a, status)) return { ...a, records };
  return { ...a, ...status, records };
}
