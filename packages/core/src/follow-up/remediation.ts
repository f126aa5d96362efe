/**
 * Remediation plans (kế hoạch khắc phục, issue 12 §2), pure: a unit's draft plan from the lost points
 * of its published result — one item per criterion that lost points (the report card's ledger), or,
 * for results imported without criterion detail, one per field (applicable maximum − achieved) — and
 * the plan's completion per quarter. Points stay exact (rationals); nothing is rounded here.
 */
import { type Rational, ZERO_RATIONAL, addRational, compareRational, parseRationalText, reduceRational, sumRational } from '../decimal/rational.ts';
import { formatPointsFigure } from '../decimal/points.ts';

export const REMEDIATION_PLAN_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type RemediationPlanStatus = (typeof REMEDIATION_PLAN_STATUSES)[number];

export const REMEDIATION_PROGRESS_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type RemediationProgressStatus = (typeof REMEDIATION_PROGRESS_STATUSES)[number];

/** Where an item comes from: a criterion of the ledger, a field of an imported result, or the unit's own. */
export type RemediationItemSource = 'criterion' | 'field' | 'own';

export const REMEDIATION_QUARTERS = [1, 2, 3, 4] as const;
export type RemediationQuarter = (typeof REMEDIATION_QUARTERS)[number];

/** The lost-points causes of the report card's ledger (core results/lost-points.ts). */
export type RemediationCauseKind = 'below_tier' | 'appraisal_change' | 'missing_evidence' | 'deduction' | 'not_achieved' | 'survey';

/** One line the plan is drafted from: a ledger line, or a field of an imported result. */
export interface RemediationSourceLine {
  readonly source: 'criterion' | 'field';
  /** The criterion's node key, or the field's key. */
  readonly key: string;
  readonly fieldKey: string | null;
  readonly code: string;
  readonly name: string;
  /** Exact points lost ("num/den" or a decimal). */
  readonly lostExact: string;
  readonly kind: RemediationCauseKind | null;
  /** The appraiser's or council's reason, if any. */
  readonly reason: string | null;
  /** Below a tier: the next tier's interval, e.g. "từ 80% đến dưới 100%". */
  readonly nextTier?: string | null;
}

export interface DraftRemediationItem {
  readonly position: number;
  readonly source: 'criterion' | 'field';
  readonly nodeKey: string | null;
  readonly fieldKey: string | null;
  readonly code: string;
  readonly name: string;
  readonly pointsLost: Rational;
  readonly cause: string;
}

const CAUSE_LABELS: Record<RemediationCauseKind, string> = {
  below_tier: 'Chưa đạt mức cao hơn',
  appraisal_change: 'Thẩm định giảm điểm',
  missing_evidence: 'Thiếu tài liệu kiểm chứng',
  deduction: 'Bị trừ điểm',
  not_achieved: 'Chưa đạt',
  survey: 'Điều tra xã hội học',
};

/** The cause of a line, in Vietnamese, as the plan keeps it (the ledger's cause and its reason). */
export function remediationCause(line: RemediationSourceLine): string {
  if (line.source === 'field') return 'Lĩnh vực bị mất điểm (điểm tối đa − điểm đạt; kết quả không có chi tiết theo tiêu chí)';
  const parts = [line.kind ? CAUSE_LABELS[line.kind] : 'Mất điểm'];
  if (line.kind === 'below_tier' && line.nextTier) parts.push(`mức cao hơn ${line.nextTier}`);
  if (line.reason) parts.push(`lý do: ${line.reason}`);
  return parts.join('; ');
}

/** Orders by points lost, biggest first, then by code as people number them ("1.2" before "1.10"). */
function byLostThenCode(a: { pointsLost: Rational; code: string }, b: { pointsLost: Rational; code: string }): number {
  return compareRational(b.pointsLost, a.pointsLost) || a.code.localeCompare(b.code, 'vi', { numeric: true });
}

/**
 * The draft items of a plan: one per line that lost points (lines losing nothing, or unreadable, are
 * left out), biggest loss first, positions from 1.
 */
export function draftRemediationItems(lines: readonly RemediationSourceLine[]): DraftRemediationItem[] {
  return lines
    .map((l) => ({ line: l, pointsLost: reduceRational(parseRationalText(l.lostExact) ?? ZERO_RATIONAL), code: l.code }))
    .filter((x) => x.pointsLost.num > 0n)
    .sort(byLostThenCode)
    .map(({ line, pointsLost }, i) => ({
      position: i + 1,
      source: line.source,
      nodeKey: line.source === 'criterion' ? line.key : null,
      fieldKey: line.source === 'field' ? line.key : line.fieldKey,
      code: line.code,
      name: line.name,
      pointsLost,
      cause: remediationCause(line),
    }));
}

/** The exact points at stake of items (own items, without points, count nothing). */
export function pointsAtStake(items: readonly { pointsLost: Rational | null }[]): Rational {
  return reduceRational(sumRational(items.flatMap((i) => (i.pointsLost ? [i.pointsLost] : []))));
}

export interface RemediationQuarterProgress {
  readonly quarter: RemediationQuarter;
  readonly done: number;
  readonly inProgress: number;
  /** Items without a report for the quarter count as not started. */
  readonly notStarted: number;
  /** Points of the items done by the end of the quarter (done in it or an earlier quarter). */
  readonly pointsRecovered: Rational;
}

export interface RemediationCompletion {
  readonly items: number;
  readonly pointsAtStake: Rational;
  readonly quarters: readonly RemediationQuarterProgress[];
}

/**
 * A plan's completion per quarter. An item done in a quarter stays done in the later ones unless a
 * later report says otherwise (a report is the item's status at the end of its quarter).
 */
export function remediationCompletion(
  items: readonly { id: string; pointsLost: Rational | null }[],
  progress: readonly { itemId: string; quarter: number; status: RemediationProgressStatus }[],
): RemediationCompletion {
  const reported = new Map(progress.map((p) => [`${p.itemId}:${p.quarter}`, p.status]));
  const last = new Map<string, RemediationProgressStatus>();
  const quarters = REMEDIATION_QUARTERS.map((quarter): RemediationQuarterProgress => {
    let done = 0;
    let inProgress = 0;
    let recovered = ZERO_RATIONAL;
    for (const item of items) {
      const status = reported.get(`${item.id}:${quarter}`) ?? (last.get(item.id) === 'done' ? 'done' : 'not_started');
      last.set(item.id, status);
      if (status === 'done') {
        done++;
        if (item.pointsLost) recovered = addRational(recovered, item.pointsLost);
      } else if (status === 'in_progress') inProgress++;
    }
    return { quarter, done, inProgress, notStarted: items.length - done - inProgress, pointsRecovered: reduceRational(recovered) };
  });
  return { items: items.length, pointsAtStake: pointsAtStake(items), quarters };
}

/** The quarter (1–4) of an instant (UTC). */
export function remediationQuarterOf(date: Date): RemediationQuarter {
  return (Math.floor(date.getUTCMonth() / 3) + 1) as RemediationQuarter;
}

/** Points as the plan shows them in plain text ("2.5"; "0.667" when the exact value does not terminate). */
export const remediationPointsText = (r: Rational): string => formatPointsFigure(r, 0, 'plain');
