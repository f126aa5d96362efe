/** One leaf scored on sample inputs, and points typed for a leaf checked, by the core. Pure (no React). */
import {
  type Framework, type FrameworkNode, type Issue, type LeafEvaluation, type Points,
  DEFAULT_SETTINGS, parseFramework, readCount, readTypedPoints, resolveValue, scoreLeaf,
} from '@chiso/core';
import type { NodeInputBody } from '@chiso/contract';
import type { Doc, DocNode, DocRule } from './document';

/** What the administrator types in the preview, per rule type. */
export interface PreviewInput {
  option?: string;
  yes?: boolean;
  numerator?: string;
  denominator?: string;
  points?: string;
  occurrences?: string;
  awarded?: boolean;
  notApplicable?: boolean;
}

/** An input as the API takes it (never the core's in-memory Rational): it is sent as typed. */
export function toNodeInput(rule: DocRule, p: PreviewInput): NodeInputBody | undefined {
  if (p.notApplicable) return { kind: 'not_applicable', reason: '—' };
  switch (rule.type) {
    case 'choice':
      return p.option ? { kind: 'choice', option: p.option } : undefined;
    case 'yes_no':
      return p.yes === undefined ? undefined : { kind: 'yes_no', value: p.yes };
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed':
      return p.numerator && p.denominator ? { kind: 'rate', numerator: p.numerator, denominator: p.denominator } : undefined;
    case 'manual':
      return p.points ? { kind: 'manual', points: p.points } : undefined;
    case 'survey':
      return p.points ? { kind: 'survey', points: p.points } : undefined;
    case 'deduction':
      return countInput(p.occurrences);
    case 'bonus':
      return rule.mode === 'per_occurrence' ? countInput(p.occurrences) : p.awarded === undefined ? undefined : { kind: 'awarded', value: p.awarded };
  }
}

function countInput(text: string | undefined): NodeInputBody | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  // "1.237" is one thousand two hundred thirty-seven (Vietnamese grouping); "1,5" is not a count.
  return { kind: 'count', occurrences: readCount(text) ?? NaN };
}

export type Preview =
  | { ok: true; evaluation: LeafEvaluation }
  | { ok: false; issues: readonly Issue[] };

/** The framework's default rounding of computed points (`settings.rounding.pointsDecimals`), if it declares one. */
export function defaultPointsDecimals(doc: Doc): number | undefined {
  const d = (doc.settings as { rounding?: { pointsDecimals?: unknown } } | undefined)?.rounding?.pointsDecimals;
  return typeof d === 'number' ? d : undefined;
}

/** The one-leaf framework of a document's node, as the core reads it. */
function leafFramework(doc: Doc, node: DocNode): { ok: true; fw: Framework } | { ok: false; issues: readonly Issue[] } {
  const leaf = { ...node, children: [] };
  const parsed = parseFramework({ formatVersion: 1, id: 'preview', name: 'preview', settings: doc.settings, nodes: [leaf] });
  const retry = parsed.ok ? parsed : parseFramework({ formatVersion: 1, id: 'preview', name: 'preview', nodes: [leaf] });
  return retry.ok ? { ok: true, fw: retry.framework } : { ok: false, issues: retry.errors };
}

/** Score one leaf on sample inputs with the core, using the framework's rounding settings. */
export function previewLeaf(doc: Doc, node: DocNode, input: PreviewInput): Preview {
  const parsed = leafFramework(doc, node);
  if (!parsed.ok) return parsed;
  const fw = parsed.fw;
  const n: FrameworkNode = fw.nodes[0]!;
  if (!n.rule) return { ok: false, issues: [] };
  const nodeInput = toNodeInput(node.rule!, input);
  return { ok: true, evaluation: scoreLeaf(n, nodeInput, fw.settings.rounding ?? DEFAULT_SETTINGS.rounding) };
}

/**
 * Points typed for a leaf (appraisal, council), checked as the server checks them: read by the
 * core ("1.237" is refused as ambiguous) and only a value the leaf's rule can give (8,75 is
 * refused where the step is 0,5). The message is the core's.
 */
export function checkTypedPoints(doc: Doc, node: DocNode, text: string): { ok: true; points: Points } | { ok: false; message: string } {
  const typed = readTypedPoints(text);
  if (!typed.ok) return typed;
  const parsed = leafFramework(doc, node);
  if (!parsed.ok) return { ok: false, message: parsed.issues[0]?.message ?? 'Tiêu chí chưa hợp lệ.' };
  const n: FrameworkNode = parsed.fw.nodes[0]!;
  const r = resolveValue(n, { points: typed.points }, parsed.fw.settings.rounding ?? DEFAULT_SETTINGS.rounding);
  return r.ok ? { ok: true, points: typed.points } : { ok: false, message: r.error.message };
}
