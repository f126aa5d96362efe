/**
 * A correction to the framework during an open cycle (điều chỉnh bộ tiêu chí): a group moves to a
 * new published version of its framework. Entries are carried over by stable node key:
 *
 * - a criterion whose scoring changed (rule, maximum, applicability, source) is flagged to the unit
 *   ("Tiêu chí đã được điều chỉnh — vui lòng kiểm tra lại"); its entry is kept as typed, and when it
 *   no longer fits the new rule (e.g. a removed choice option) it is flagged again, never dropped;
 * - an appraisal decision on such a criterion is re-checked under the new rule: kept (with the
 *   points the new rule gives) when it still fits, otherwise withdrawn and the criterion goes back to
 *   the appraiser, flagged;
 * - a new criterion (or one that now applies to the unit) starts empty;
 * - the entry of a removed criterion is kept for history but no longer counted (the scoring walks
 *   the new framework's leaves only).
 *
 * Refused once a unit of the group has finished appraisal: from there the council decides on the
 * figures the appraisal produced, and after publication a correction is an amendment.
 */
import type { Framework, FrameworkNode, RoundingSettings } from '../framework/types.ts';
import { type NodeField, type NodeRef, diffFrameworks } from '../framework/diff.ts';
import { walkNodes } from '../framework/tree.ts';
import type { CriterionRecord } from './criterion.ts';
import { isSelfAssessed } from './submission.ts';
import type { UnitState } from './unit-states.ts';
import { type ResolvedValue, resolveValue } from './values.ts';

export type CorrectionFlagKind = 'changed' | 'input_invalid' | 'appraisal_reset';

export const CORRECTION_FLAG_LABELS: Readonly<Record<CorrectionFlagKind, string>> = {
  changed: 'Tiêu chí đã được điều chỉnh — vui lòng kiểm tra lại',
  input_invalid: 'Số liệu đã nhập không còn phù hợp với quy tắc chấm mới — vui lòng nhập lại',
  appraisal_reset: 'Quyết định thẩm định không còn phù hợp với tiêu chí đã điều chỉnh — cần thẩm định lại',
};

/** Node fields whose change affects the points: the unit is asked to check its entry. */
export const SCORING_FIELDS: readonly NodeField[] = ['rule', 'maxPoints', 'applicability', 'source'];

/**
 * The status a criterion added by a correction starts in: a draft while the unit still enters its
 * self-assessment; once it has submitted, awaiting appraisal (like every draft at submission), so
 * the appraiser decides it and the unit's appraisal cannot end with it undecided.
 */
export function addedRecordStatus(state: UnitState): 'draft' | 'pending' {
  return state === 'draft' || state === 'returned_for_revision' ? 'draft' : 'pending';
}

/** Unit states from which a framework correction is refused for the whole group. */
export const CORRECTION_CLOSED_STATES: readonly UnitState[] = ['appraised', 'council_reviewed', 'approved', 'published'];

export interface ChangedLeaf extends NodeRef {
  /** The scoring fields that differ. */
  readonly fields: readonly NodeField[];
}

/** What a correction changes, leaf by leaf (inner nodes only matter through their leaves). */
export interface CorrectionPlan {
  readonly added: readonly NodeRef[];
  readonly removed: readonly NodeRef[];
  /** Leaves whose scoring changed (flagged to the units). */
  readonly changed: readonly ChangedLeaf[];
  /** Leaves changed in wording only (name, guidance, code, agency…): carried over silently. */
  readonly reworded: number;
  /** Framework-wide parts that differ ("settings.rounding", "settings.classification"…). */
  readonly frameworkChanges: readonly string[];
}

function leafKeys(fw: Framework): Set<string> {
  const out = new Set<string>();
  for (const { node } of walkNodes(fw.nodes)) if (node.children.length === 0) out.add(node.key);
  return out;
}

export function planFrameworkCorrection(before: Framework, after: Framework): CorrectionPlan {
  const d = diffFrameworks(before, after);
  const oldLeaves = leafKeys(before);
  const newLeaves = leafKeys(after);
  const changed: ChangedLeaf[] = [];
  let reworded = 0;
  for (const c of d.changed) {
    if (!newLeaves.has(c.key)) continue;
    const fields = c.changes.map((x) => x.field).filter((f) => SCORING_FIELDS.includes(f));
    if (fields.length > 0 || !oldLeaves.has(c.key)) changed.push({ key: c.key, code: c.code, name: c.name, parentKey: c.parentKey, fields });
    else reworded++;
  }
  return {
    added: d.added.filter((n) => newLeaves.has(n.key)),
    removed: d.removed.filter((n) => oldLeaves.has(n.key)),
    changed,
    reworded,
    // The document's own version number always moves with a new version: not a change to report.
    frameworkChanges: d.frameworkChanges.filter((k) => k !== 'version'),
  };
}

/** Why the correction cannot be applied to a group whose units are in these states, or null. */
export function correctionRefusal(states: readonly UnitState[]): string | null {
  if (states.includes('published')) {
    return 'Nhóm đã công bố kết quả: không áp dụng phiên bản điều chỉnh được nữa; hãy đính chính kết quả đã công bố (bản sửa đổi có lý do).';
  }
  if (states.some((s) => CORRECTION_CLOSED_STATES.includes(s))) {
    return 'Đã có đơn vị của nhóm được thẩm định xong: không áp dụng phiên bản điều chỉnh được nữa; Hội đồng thẩm định đề xuất điểm cuối cùng cho các tiêu chí liên quan.';
  }
  return null;
}

export interface CarriedRecord {
  readonly nodeKey: string;
  readonly record: CriterionRecord;
  readonly flags: readonly CorrectionFlagKind[];
}

export interface CarryOver {
  /** Records of changed criteria, as they must be stored, with their flags. */
  readonly updated: readonly CarriedRecord[];
  /** Keys of self-assessed leaves the unit must now fill that have no record yet (start empty). */
  readonly created: readonly string[];
  /** Keys of records whose leaf is gone: kept for history, no longer counted. */
  readonly retired: readonly string[];
  /** Records carried over unchanged. */
  readonly kept: number;
}

export interface CarryOverOptions {
  /** Whether a leaf of the new framework applies to the unit (by group and type); default all. */
  readonly applies?: (key: string) => boolean;
  readonly plan?: CorrectionPlan;
}

/** A stored value checked again under the new node: the value it now gives, or undefined. */
function recheck(node: FrameworkNode, value: ResolvedValue, rounding: RoundingSettings): ResolvedValue | undefined {
  const r = resolveValue(node, value.input ? { input: value.input } : { points: value.points }, rounding);
  return r.ok ? r.value : undefined;
}

/** Carries one unit's records from `before` to `after` (a pure plan; the server stores it). */
export function carryOverEntries(before: Framework, after: Framework, records: ReadonlyMap<string, CriterionRecord>, options: CarryOverOptions = {}): CarryOver {
  const plan = options.plan ?? planFrameworkCorrection(before, after);
  const applies = options.applies ?? (() => true);
  const nodes = new Map<string, FrameworkNode>();
  for (const { node } of walkNodes(after.nodes)) if (node.children.length === 0) nodes.set(node.key, node);
  const changed = new Set(plan.changed.map((c) => c.key));
  const rounding = after.settings.rounding;

  const updated: CarriedRecord[] = [];
  const retired: string[] = [];
  let kept = 0;
  for (const [key, record] of records) {
    const node = nodes.get(key);
    if (!node) {
      retired.push(key);
      continue;
    }
    if (!changed.has(key)) {
      kept++;
      continue;
    }
    const flags: CorrectionFlagKind[] = ['changed'];
    const input = record.self.input;
    if (input && !resolveValue(node, { input }, rounding).ok) flags.push('input_invalid');
    let next: CriterionRecord = record;
    if (record.appraisal) {
      const value = recheck(node, record.appraisal.value, rounding);
      if (value) {
        next = { ...record, appraisal: { ...record.appraisal, value } };
      } else {
        const { appraisal: _dropped, ...rest } = record;
        next = { ...rest, status: record.status === 'appraised' ? 'pending' : record.status };
        flags.push('appraisal_reset');
      }
    }
    updated.push({ nodeKey: key, record: next, flags });
  }
  const created = [...nodes.values()].filter((n) => isSelfAssessed(n) && applies(n.key) && !records.has(n.key)).map((n) => n.key);
  return { updated, created, retired, kept };
}
