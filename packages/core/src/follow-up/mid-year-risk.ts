/**
 * Mid-year risk of losing points (issue 12 §5): at a date during a cycle, the criteria of each unit
 * that "có thể không hoàn thành, không đạt và có thể dẫn đến mất điểm", with the points at risk.
 *
 * Four reasons, each a line:
 * - `evidence_missing` — as the self-assessment deadline nears (within `horizonDays` of it, or past
 *   it): a criterion the unit claims points for without the evidence the cycle requires (at risk: the
 *   points claimed). Same rule as the check before submitting (`checkSubmission`).
 * - `not_assessed` — in the same window, a criterion the unit has not assessed at all (at risk: the
 *   leaf's maximum). Apart from `evidence_missing` because early on it is every criterion of every
 *   unit: the page folds these into one line per unit so the real gaps stand out.
 * - `feed_below_tier` — a data-feed value yielding less than the leaf's maximum, at any date (at risk:
 *   maximum − points the value yields; the next tier's threshold says what is needed).
 * - `task_overdue` — a follow-up task linked to the criterion, not done, past its deadline (at risk:
 *   the maximum less what is already safe — points claimed with evidence attached, or a data-feed
 *   value's points; nothing is safe otherwise).
 * A criterion the appraisal has decided carries no risk any more. In the sums a criterion counts once,
 * with its largest line. Points are exact rationals.
 */
import { pointsToRational, formatPoints, formatExactPoints, type Points } from '../decimal/points.ts';
import { type Rational, ZERO_RATIONAL, addRational, compareRational, rationalFromDecimal, rationalToFixedString, subRational } from '../decimal/rational.ts';
import type { Framework, Tier } from '../framework/types.ts';
import { walkNodes } from '../framework/tree.ts';
import type { NodeInput, UnitInputs, UnitProfile } from '../scoring/inputs.ts';
import { traceUnit, type NodeScore } from '../scoring/score.ts';
import { startOfDayVn, formatDayVn, formatInstantVn, type Instant } from '../workflow/calendar.ts';
import { isTaskOverdue, type FollowUpTaskStatus } from './tasks.ts';
import { checkSubmission, isSelfAssessed, type SelfEntries, type SubmissionPolicy } from '../workflow/submission.ts';

export const RISK_KINDS = ['evidence_missing', 'not_assessed', 'feed_below_tier', 'task_overdue'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** Days before the self-assessment deadline from which missing evidence counts, when not given. */
export const DEFAULT_RISK_HORIZON_DAYS = 14;

/** A follow-up task the unit is responsible for, linked to one of its criteria. */
export interface LinkedTask {
  readonly taskId: string;
  readonly nodeKey: string;
  readonly title: string;
  /** "YYYY-MM-DD" (Vietnam). */
  readonly deadline: string;
  readonly status: FollowUpTaskStatus;
}

/** What the risk of one participating unit is computed from. */
export interface UnitRiskInput {
  readonly unitId: string;
  readonly framework: Framework;
  readonly profile: UnitProfile;
  /** Effective appraising agency of each leaf. */
  readonly leafAgency: ReadonlyMap<string, string | undefined>;
  readonly entries: SelfEntries;
  /** Data-feed values received, as rate inputs by leaf key. */
  readonly feeds: UnitInputs;
  /** Leaves the appraisal has decided: no longer at risk. */
  readonly decided: ReadonlySet<string>;
  /** The unit's self-assessment deadline (its extension or revision deadline included). */
  readonly editDeadline: Instant;
  readonly tasks: readonly LinkedTask[];
}

export interface RiskOptions {
  /** "YYYY-MM-DD" (Vietnam). */
  readonly asOf: string;
  readonly horizonDays: number;
  readonly policy: SubmissionPolicy;
}

export interface RiskLine {
  readonly unitId: string;
  readonly nodeKey: string;
  readonly code: string;
  readonly name: string;
  readonly agency: string | null;
  readonly kind: RiskKind;
  readonly maxPoints: Points;
  readonly pointsAtRisk: Rational;
  /** Feed: the rate now ("72,5%"); else null. */
  readonly rate: string | null;
  /** Feed: what the next tier needs ("≥ 90%"); else null. */
  readonly threshold: string | null;
  /** Task overdue: the task's id; else null. */
  readonly taskId: string | null;
  readonly explanation: string;
}

const DAY = 86_400_000;

/** Whole days from the start of `asOf` (Vietnam) to `deadline`: 0 on the deadline's day, negative after it. */
export function daysUntil(asOf: string, deadline: Instant): number {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return Math.floor((deadline - startOfDayVn(y, m, d)) / DAY);
}

/** "72,5%": two decimals at most, trailing zeros dropped. */
const percentText = (r: Rational) => `${rationalToFixedString(r, 2).replace(/\.?0+$/, '').replace('.', ',')}%`;
const boundText = (t: Tier) => (t.lower ? `${t.lower.inclusive ? '≥' : '>'} ${percentText(rationalFromDecimal(t.lower.percent))}` : null);

/** The tier that pays the fewest points above `now` (the next step up), if any. */
function nextTier(tiers: readonly Tier[], now: Points): Tier | undefined {
  let best: Tier | undefined;
  for (const t of tiers) if (t.points > now && (!best || t.points < best.points)) best = t;
  return best;
}

function deadlineText(days: number, deadline: Instant): string {
  const at = formatInstantVn(deadline);
  if (days > 0) return `hạn tự đánh giá ${at} (còn ${days} ngày)`;
  if (days === 0) return `hạn tự đánh giá ${at} (hôm nay)`;
  return `đã quá hạn tự đánh giá ${at}`;
}


/** Every risk line of one unit at `asOf`, in document order (several per criterion possible). */
export function unitRiskLines(input: UnitRiskInput, options: RiskOptions): RiskLine[] {
  const selfInputs: Record<string, NodeInput> = {};
  for (const [k, e] of Object.entries(input.entries)) if (e?.input) selfInputs[k] = e.input;
  const score = traceUnit(input.framework, input.profile, { ...selfInputs, ...input.feeds });
  const days = daysUntil(options.asOf, input.editDeadline);
  const deadlineNear = days <= options.horizonDays;
  const evidenceIssues = new Map<string, 'evidence_missing' | 'missing_input'>();
  if (deadlineNear) {
    for (const i of checkSubmission(input.framework, input.profile, input.entries, options.policy)) {
      if (i.nodeKey && (i.code === 'evidence_missing' || i.code === 'missing_input')) evidenceIssues.set(i.nodeKey, i.code);
    }
  }
  const tasksByNode = new Map<string, LinkedTask[]>();
  for (const t of input.tasks) if (isTaskOverdue(t, options.asOf)) tasksByNode.set(t.nodeKey, [...(tasksByNode.get(t.nodeKey) ?? []), t]);

  const out: RiskLine[] = [];
  for (const { node } of walkNodes(input.framework.nodes)) {
    if (node.children.length > 0 || input.decided.has(node.key)) continue;
    const ns: NodeScore | undefined = score.nodes.get(node.key);
    if (!ns?.applicable) continue;
    const max = pointsToRational(node.maxPoints);
    const base = { unitId: input.unitId, nodeKey: node.key, code: node.code, name: node.name, agency: input.leafAgency.get(node.key) ?? null, maxPoints: node.maxPoints, rate: null, threshold: null, taskId: null };
    const hasEvidence = (input.entries[node.key]?.evidence?.length ?? 0) > 0;
    const claimed = ns.leaf?.status === 'scored' ? ns.leaf.exact : ZERO_RATIONAL;
    const issue = evidenceIssues.get(node.key);
    if (issue) {
      const atRisk = issue === 'missing_input' ? max : claimed;
      out.push({
        ...base, kind: issue === 'missing_input' ? 'not_assessed' : 'evidence_missing', pointsAtRisk: atRisk,
        explanation: issue === 'missing_input'
          ? `Chưa tự đánh giá, chưa có tài liệu kiểm chứng; ${deadlineText(days, input.editDeadline)}.`
          : `Tự chấm ${formatExactPoints(claimed)} điểm nhưng chưa có tài liệu kiểm chứng${node.evidenceExpected ? ` (${node.evidenceExpected})` : ''}; ${deadlineText(days, input.editDeadline)}.`,
      });
    }
    const rule = node.rule;
    const fed = rule?.type === 'data_feed' && input.feeds[node.key] !== undefined && ns.leaf?.status === 'scored';
    if (fed && rule?.type === 'data_feed' && compareRational(claimed, max) < 0) {
      const rate = ns.leaf?.ratePercent;
      const next = rule.scoring.kind === 'tiers' ? nextTier(rule.scoring.tiers, ns.leaf!.points) : undefined;
      const threshold = rule.scoring.kind === 'proportional' ? '100%' : next ? boundText(next) : null;
      const rateText = rate ? percentText(rate) : null;
      out.push({
        ...base, kind: 'feed_below_tier', pointsAtRisk: subRational(max, claimed), rate: rateText, threshold,
        explanation: `Tỷ lệ ${rateText ?? '—'} (số liệu từ hệ thống) được ${formatExactPoints(claimed)}/${formatPoints(node.maxPoints)} điểm`
          + (threshold ? `; cần đạt ${threshold}${next ? ` để được ${formatPoints(next.points)} điểm` : ' để được điểm tối đa'}.` : '.'),
      });
    }
    const overdue = tasksByNode.get(node.key);
    if (overdue) {
      const safe = fed || (isSelfAssessed(node) && hasEvidence) ? claimed : ZERO_RATIONAL;
      const atRisk = subRational(max, safe);
      if (compareRational(atRisk, ZERO_RATIONAL) > 0) {
        for (const t of overdue) {
          out.push({
            ...base, kind: 'task_overdue', pointsAtRisk: atRisk, taskId: t.taskId,
            explanation: `Nhiệm vụ “${t.title}” quá hạn (hạn ${formatDayVn(t.deadline)}), chưa hoàn thành.`,
          });
        }
      }
    }
  }
  return out.filter((l) => compareRational(l.pointsAtRisk, ZERO_RATIONAL) > 0);
}

export interface RiskSum {
  /** Points at risk: per criterion its largest line, summed. */
  readonly points: Rational;
  /** Criteria at risk (each counted once). */
  readonly criteria: number;
}

export interface RiskSummary {
  /** All lines: by unit (input order), then points at risk (largest first), then document order. */
  readonly lines: readonly RiskLine[];
  /** The line counted for each unit × criterion: its largest (on a tie, not `not_assessed`). */
  readonly counted: readonly RiskLine[];
  /** Per unit with at least one line, most points at risk first (ties: input order). */
  readonly units: readonly (RiskSum & { readonly unitId: string })[];
  /** Per appraising agency (null: none), most points first (ties: by code). */
  readonly agencies: readonly (RiskSum & { readonly agency: string | null })[];
  readonly total: RiskSum;
}

const key = (l: RiskLine) => `${l.unitId}\u0000${l.nodeKey}`;

/** Sums of the lines per unit and per agency; `unitOrder` breaks ties (e.g. the units by code). */
export function summarizeRisk(lines: readonly RiskLine[], unitOrder: readonly string[] = []): RiskSummary {
  const order = new Map(unitOrder.map((u, i) => [u, i]));
  const rank = (u: string) => order.get(u) ?? Number.MAX_SAFE_INTEGER;
  const byCriterion = new Map<string, RiskLine>();
  for (const l of lines) {
    const seen = byCriterion.get(key(l));
    const cmp = seen ? compareRational(l.pointsAtRisk, seen.pointsAtRisk) : 1;
    // On a tie a concrete reason (an overdue task) says more than "not assessed yet".
    if (cmp > 0 || (cmp === 0 && seen!.kind === 'not_assessed' && l.kind !== 'not_assessed')) byCriterion.set(key(l), l);
  }
  const counted = [...byCriterion.values()];
  const add = <K>(m: Map<K, { points: Rational; criteria: number }>, k: K, p: Rational) => {
    const s = m.get(k) ?? { points: ZERO_RATIONAL, criteria: 0 };
    m.set(k, { points: addRational(s.points, p), criteria: s.criteria + 1 });
  };
  const units = new Map<string, { points: Rational; criteria: number }>();
  const agencies = new Map<string | null, { points: Rational; criteria: number }>();
  for (const l of counted) {
    add(units, l.unitId, l.pointsAtRisk);
    add(agencies, l.agency, l.pointsAtRisk);
  }
  const sortedLines = lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l.unitId) - rank(b.l.unitId) || a.l.unitId.localeCompare(b.l.unitId)
      || compareRational(b.l.pointsAtRisk, a.l.pointsAtRisk) || a.i - b.i)
    .map((x) => x.l);
  return {
    lines: sortedLines,
    counted,
    units: [...units].map(([unitId, s]) => ({ unitId, ...s }))
      .sort((a, b) => compareRational(b.points, a.points) || rank(a.unitId) - rank(b.unitId) || a.unitId.localeCompare(b.unitId)),
    agencies: [...agencies].map(([agency, s]) => ({ agency, ...s }))
      .sort((a, b) => compareRational(b.points, a.points) || (a.agency ?? '\uffff').localeCompare(b.agency ?? '\uffff')),
    total: { points: counted.reduce((s, l) => addRational(s, l.pointsAtRisk), ZERO_RATIONAL), criteria: counted.length },
  };
}
