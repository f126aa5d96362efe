/** What the remediation pages share: the status tag, points as "2,50 điểm", the quarter a plan is at. */
import { Button, Tag } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMe } from '../../../api/hooks';
import type { RemediationPlanStatus, RemediationProgressStatus } from '../../../api/remediation';
import { useRemediationT } from './i18n';

export { currentQuarter, planPoints, romanQuarter } from './plan-view';

const STATUS_COLOURS: Record<RemediationPlanStatus, string> = { draft: 'default', submitted: 'blue', accepted: 'green', returned: 'volcano' };
export const PROGRESS_COLOURS: Record<RemediationProgressStatus, string> = { not_started: 'default', in_progress: 'gold', done: 'green' };

export function PlanStatusTag({ status }: { status: RemediationPlanStatus }) {
  const { t } = useRemediationT();
  return <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}

/** On a unit's report card, for its own staff: draw up the remediation plan from these results. */
export function DraftPlanLink({ cycleId, groupId, unitId }: { cycleId: string; groupId: string; unitId: string }) {
  const { t } = useRemediationT();
  const me = useMe();
  if (!me || me.unit.id !== unitId || !me.roles.some((r) => r === 'unit_officer' || r === 'unit_head')) return null;
  return <div style={{ marginTop: 8 }}><Link to="/follow-up/plans" search={{ cycle: cycleId, group: groupId }}><Button size="small">{t('draft')}</Button></Link></div>;
}

