/**
 * The self-assessment page's model, pure (no React): what the officer types for a leaf
 * (a draft, kept as typed so nothing is lost), the core input it makes, and live points.
 */
import {
  type Framework, type FrameworkNode, type LeafEvaluation, type NodeInput, type Points, type UnitInputs, type UnitScore,
  DEFAULT_SETTINGS, formatPoints, isLeaf, parseFramework, parsePoints, readTypedNumber, scoreLeaf, scoreUnit, walkNodes,
} from '@chiso/core';
import type { NodeInputBody } from '@chiso/contract';
import type { CriterionView } from '../../api/assessments';
import { type DocRule, type PreviewInput, toNodeInput, viDecimal } from '../frameworks/model';
import { todayIso } from '../../format';

/** What the officer has typed for one leaf. */
export interface Draft {
  /** Rule inputs as typed (shared shape with the framework editor's live preview). */
  form: PreviewInput;
  notApplicable: boolean;
  naReason: string;
  explanation: string;
  evidenceIds: string[];
}

export function parseAssessmentFramework(json: unknown): Framework | null {
  const r = parseFramework(json);
  return r.ok ? r.framework : null;
}

/** A stored decimal shown the Vietnamese way ("0.25" → "0,25"), as the framework editor shows it. */
export const decimalText = viDecimal;

export function formFromInput(input: NodeInput | null | undefined): PreviewInput {
  if (!input) return {};
  switch (input.kind) {
    case 'choice':
      return { option: input.option };
    case 'yes_no':
      return { yes: input.value };
    case 'rate':
      return { numerator: decimalText(input.numerator), denominator: decimalText(input.denominator) };
    case 'manual':
      return { points: decimalText(input.points) };
    case 'count':
      return { occurrences: String(input.occurrences) };
    case 'awarded':
      return { awarded: input.value };
    case 'survey':
    case 'points':
      return { points: typeof input.points === 'object' ? '' : decimalText(input.points) };
    case 'not_applicable':
      return {};
  }
}

export function draftFromView(view: CriterionView | undefined): Draft {
  const input = view?.self.input ?? null;
  return {
    form: formFromInput(input),
    notApplicable: input?.kind === 'not_applicable',
    naReason: input?.kind === 'not_applicable' ? input.reason : '',
    explanation: view?.self.explanation ?? '',
    evidenceIds: (view?.self.evidence ?? []).map((e) => e.id),
  };
}

export type DraftCheck =
  | { ok: true; input: NodeInputBody | null }
  /** Not sent: the typed value cannot be a valid input yet (kept on screen, with the reason). */
  | { ok: false; problem: 'naReason' | 'number' | 'count' | 'incomplete' | 'invalid' };

/**
 * The core input a draft stands for, only when the server will take it: a value the leaf's rule
 * refuses (8,75 where the step is 0,5; a rate outside every tier) is held, never sent nor shown as saved.
 */
export function draftInput(node: FrameworkNode, d: Draft): DraftCheck {
  const c = typedInput(node, d);
  if (!c.ok || !c.input || c.input.kind === 'not_applicable') return c;
  return scoreLeaf(node, c.input, DEFAULT_SETTINGS.rounding).status === 'invalid' ? { ok: false, problem: 'invalid' } : c;
}

/** The core input the typed draft makes. Decimals typed with a comma are sent canonical ("0.75"). */
function typedInput(node: FrameworkNode, d: Draft): DraftCheck {
  if (d.notApplicable) {
    const reason = d.naReason.trim();
    return reason ? { ok: true, input: { kind: 'not_applicable', reason } } : { ok: false, problem: 'naReason' };
  }
  if (!node.rule) return { ok: true, input: null };
  // A rate with one of its two numbers typed is not "no input": sending it as empty would wipe
  // what was typed while the officer moves to the other field. Kept until both are there.
  const typed = (v: string | undefined) => (v ?? '').trim() !== '';
  if (['rate_tiers', 'proportional', 'data_feed'].includes(node.rule.type) && typed(d.form.numerator) !== typed(d.form.denominator)) {
    return { ok: false, problem: 'incomplete' };
  }
  const raw = toNodeInput(node.rule as unknown as DocRule, { ...d.form, notApplicable: false });
  if (!raw) return { ok: true, input: null };
  switch (raw.kind) {
    case 'rate': {
      const n = canonical(String(raw.numerator), 'quantity');
      const m = canonical(String(raw.denominator), 'quantity');
      return n === null || m === null ? { ok: false, problem: 'number' } : { ok: true, input: { kind: 'rate', numerator: n, denominator: m } };
    }
    case 'manual': {
      const p = canonical(String(raw.points), 'points');
      return p === null ? { ok: false, problem: 'number' } : { ok: true, input: { kind: 'manual', points: p } };
    }
    case 'count':
      return Number.isSafeInteger(raw.occurrences) && raw.occurrences >= 0 ? { ok: true, input: raw } : { ok: false, problem: 'count' };
    default:
      return { ok: true, input: raw };
  }
}

/** The same reader as the inputs (core `readTypedNumber`): "1.237" is 1237 for a rate's part, ambiguous as points. */
function canonical(text: string, kind: 'quantity' | 'points'): string | null {
  const r = readTypedNumber(text, kind);
  return r.ok ? r.canonical : null;
}

/** Live evaluation of one leaf with the core, as the officer types. */
export function liveLeaf(framework: Framework, node: FrameworkNode, d: Draft): LeafEvaluation | null {
  const c = typedInput(node, d);
  if (!c.ok) return null;
  return scoreLeaf(node, c.input ?? undefined, framework.settings.rounding ?? DEFAULT_SETTINGS.rounding);
}

/**
 * Scores of the whole tree: server inputs, overridden by the drafts not yet saved; `feeds` are the
 * data-feed figures received for the unit (it never enters those itself).
 */
export function liveScore(
  framework: Framework, records: Record<string, CriterionView>, drafts: ReadonlyMap<string, Draft>,
  supplied: Readonly<Record<string, NodeInput>> = {},
): UnitScore {
  const inputs: Record<string, NodeInput | undefined> = { ...supplied };
  for (const [key, r] of Object.entries(records)) if (r.self.input) inputs[key] = r.self.input;
  const byKey = new Map<string, FrameworkNode>();
  for (const v of walkNodes(framework.nodes)) byKey.set(v.node.key, v.node);
  for (const [key, d] of drafts) {
    const node = byKey.get(key);
    if (!node) continue;
    const c = draftInput(node, d);
    if (c.ok) inputs[key] = c.input ?? undefined;
  }
  return scoreUnit(framework, {}, inputs as UnitInputs);
}

/**
 * The points the sociological survey supplied, as the core's inputs per criterion key (as the
 * consolidation reads the cycle's supplied points); a survey that withheld its points supplies none.
 */
export function surveyInputs(rows: readonly { nodeKey: string; points: string | null }[]): Record<string, NodeInput> {
  const out: Record<string, NodeInput> = {};
  for (const r of rows) if (r.points !== null) out[r.nodeKey] = { kind: 'survey', points: r.points };
  return out;
}

/** A survey criterion: the unit keeps no record of it, the survey supplies its points. */
export function isSurveyLeaf(node: FrameworkNode): boolean {
  return isLeaf(node) && node.rule?.type === 'survey';
}

/** Self-assessed leaves (the survey and data feeds fill the others). */
export function isUnitLeaf(node: FrameworkNode): boolean {
  return isLeaf(node) && (node.source ?? 'self_assessment') === 'self_assessment' && node.rule?.type !== 'survey';
}

/** Whether a leaf has something entered (an input or a not-applicable claim). */
export function isFilled(view: CriterionView | undefined, draft: Draft | undefined, node: FrameworkNode): boolean {
  if (draft) {
    const c = draftInput(node, draft);
    return c.ok ? c.input !== null : true;
  }
  return !!view?.self.input;
}

/** Server decimal text ("0.750") → "0,75"; empty for null. */
export function pointsText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const p = parsePoints(typeof v === 'number' ? v : String(v));
  return p === null ? String(v) : formatPoints(p);
}

export function fmtPoints(p: Points): string {
  return formatPoints(p);
}

/** Index text "73,79" from a decimal string or number. */
export function indexText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v);
}

/** Whole days from today (Asia/Ho_Chi_Minh) to the deadline's date; negative once passed. */
export function daysUntil(deadline: string, now: Date = new Date()): number {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? deadline : todayIso(new Date(deadline));
  const a = Date.parse(todayIso(now) + 'T00:00:00Z');
  const b = Date.parse(d + 'T00:00:00Z');
  return Math.round((b - a) / 86_400_000);
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
