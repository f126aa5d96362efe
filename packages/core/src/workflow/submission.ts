/**
 * Checks before the head submits (kiểm tra trước khi gửi): every problem of the unit's
 * self-assessment, by node code, in Vietnamese. Errors block `submit`; warnings inform.
 */
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { isBonusNode, isLeaf, walkNodes } from '../framework/tree.ts';
import { type Issue, issue } from '../issues.ts';
import type { NodeInput, UnitInputs, UnitProfile } from '../scoring/inputs.ts';
import { traceUnit } from '../scoring/score.ts';
import type { SelfAssessmentEntry } from './criterion.ts';

/** The framework's (or cycle's) rules about evidence and explanations. */
export interface SubmissionPolicy {
  /** A leaf scored above 0 must have at least one evidence document. */
  readonly evidenceRequiredForPoints: boolean;
  /** A leaf scored above 0 without evidence must carry an explanation (giải trình). */
  readonly explanationRequiredWithoutEvidence: boolean;
  /** 'where_expected': evidence is required only on leaves that state `evidenceExpected`. */
  readonly evidenceScope?: 'all' | 'where_expected';
}

export const DEFAULT_SUBMISSION_POLICY: SubmissionPolicy = {
  evidenceRequiredForPoints: true,
  explanationRequiredWithoutEvidence: true,
  evidenceScope: 'all',
};

export type SelfEntries = Readonly<Record<string, SelfAssessmentEntry | undefined>>;

/** Whether the unit itself fills the leaf (survey and data-feed leaves are supplied). */
export function isSelfAssessed(node: FrameworkNode): boolean {
  return isLeaf(node) && node.rule !== undefined && node.rule.type !== 'survey' && (node.source ?? 'self_assessment') === 'self_assessment';
}

/** The inputs of the entries, as the scorer takes them. */
export function entriesToInputs(entries: SelfEntries): UnitInputs {
  const out: Record<string, NodeInput> = {};
  for (const [k, e] of Object.entries(entries)) if (e?.input) out[k] = e.input;
  return out;
}

/** Every problem of a self-assessment, in document order. */
export function checkSubmission(
  framework: Framework,
  unit: UnitProfile,
  entries: SelfEntries,
  policy: SubmissionPolicy = DEFAULT_SUBMISSION_POLICY,
): Issue[] {
  const score = traceUnit(framework, unit, entriesToInputs(entries));
  const out: Issue[] = [];
  const known = new Set<string>();
  for (const { node } of walkNodes(framework.nodes)) {
    known.add(node.key);
    const where = { nodeCode: node.code, nodeKey: node.key };
    const ns = score.nodes.get(node.key);
    const entry = entries[node.key];
    for (const i of score.issues) {
      if (i.nodeKey === node.key && (i.code === 'na_not_allowed' || i.code === 'na_reason_missing')) out.push(i);
    }
    if (!isSelfAssessed(node) || !ns) continue;
    if (!ns.applicable) continue;
    const leaf = ns.leaf;
    if (!entry?.input || entry.input.kind === 'not_applicable') {
      // A refused NA claim was reported above; a missing bonus is simply "no bonus".
      if (!entry?.input && !isBonusNode(node)) {
        out.push(issue('missing_input', { messageId: 'submission.missingInput', params: { code: node.code } }, where));
      }
      continue;
    }
    if (leaf && leaf.status === 'invalid') {
      for (const i of leaf.issues) out.push(i);
      continue;
    }
    if (!leaf || leaf.points <= 0) continue;
    const hasEvidence = (entry.evidence?.length ?? 0) > 0;
    if (hasEvidence) continue;
    const evidenceRequired = policy.evidenceRequiredForPoints
      && ((policy.evidenceScope ?? 'all') === 'all' || (node.evidenceExpected ?? '').trim() !== '');
    const hasExplanation = (entry.explanation ?? '').trim() !== '';
    if (evidenceRequired) {
      out.push(issue('evidence_missing', node.evidenceExpected
        ? { messageId: 'submission.evidenceMissingExpected', params: { code: node.code, expected: node.evidenceExpected } }
        : { messageId: 'submission.evidenceMissing', params: { code: node.code } }, where));
    } else if (policy.explanationRequiredWithoutEvidence && !hasExplanation) {
      out.push(issue('explanation_missing', { messageId: 'submission.explanationMissing', params: { code: node.code } }, where));
    }
  }
  for (const k of Object.keys(entries)) {
    if (!known.has(k)) out.push(issue('unknown_node', { messageId: 'submission.unknownNode', params: { key: k } }, { nodeKey: k }, 'warning'));
  }
  return out;
}

/** Whether the issues block submission. */
export function blocksSubmission(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
