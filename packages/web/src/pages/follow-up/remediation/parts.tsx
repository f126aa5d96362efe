/** What the remediation pages share: the status tag, points as "2,50 điểm", the quarter a plan is at. */
import { Button, Tag } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMe } from '../../../api/hooks';
import type { RemediationPlanStatus, RemediationProgressStatus } from '../../../api/remediation';
import { formatDecimal, todayIso } from '../../../format';
import { useRemediationT } from './i18n';

const STATUS_COLOURS: Record<RemediationPlanStatus, string> = { draft: 'default', submitted: 'blue', accepted: 'green', returned: 'volcano' };
export const PROGRESS_COLOURS: Record<RemediationProgressStatus, string> = { not_started: 'default', in_progress: 'gold', done: 'green' };

export function PlanStatusTag({ status }: { status: RemediationPlanStatus }) {
  const { t } = useRemediationT();
  return <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}

/** Points from the server ("2.5") as people read them, two decimals at least ("2,50"). */
export const planPoints = (text: string | null): string => formatDecimal(text, { group: true, minDecimals: 2 });

/**
 * The quarter of the plan's year to show now: today's in the plan's year, the first before it, the
 * last after it (the plan's year is over).
 */
export function currentQuarter(planYear: number, today: string = todayIso()): 1 | 2 | 3 | 4 {
  const year = Number(today.slice(0, 4));
  if (year < planYear) return 1;
  if (year > planYear) return 4;
  return (Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
}

/** On a unit's report card, for its own staff: draw up the remediation plan from these results. */
export function DraftPlanLink({ cycleId, groupId, unitId }: { cycleId: string; groupId: string; unitId: string }) {
  const { t } = useRemediationT();
  const me = useMe();
  if (!me || me.unit.id !== unitId || !me.roles.some((r) => r === 'unit_officer' || r === 'unit_head')) return null;
  return <div style={{ marginTop: 8 }}><Link to="/follow-up/plans" search={{ cycle: cycleId, group: groupId }}><Button size="small">{t('draft')}</Button></Link></div>;
}
