/**
 * Remediation plans on the follow-up dashboard: for the administrator and leaders, "N/M đơn vị đã
 * nộp kế hoạch" for the latest results year; for a unit, its latest plan's status and the current
 * quarter's progress. Nothing for a reader without plans to see.
 */
import type { ReactNode } from 'react';
import { Card, Space, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMe } from '../../../api/hooks';
import { useRemediationPlans } from '../../../api/remediation';
import { QueryError } from '../../../components/errors';
import { useRemediationT } from './i18n';
import { PlanStatusTag, currentQuarter, romanQuarter } from './parts';

const READERS = ['admin', 'council_member', 'leader_viewer', 'unit_officer', 'unit_head'];

export function RemediationSummaryCard() {
  const { t } = useRemediationT();
  const me = useMe();
  const mayRead = me?.roles.some((r) => READERS.includes(r)) ?? false;
  const q = useRemediationPlans(mayRead);
  if (!mayRead) return null;
  // Same size as the other cards; while loading or failed the card stays, saying so, instead of vanishing.
  const card = (body: ReactNode) => (
    <Card title={t('summary.title')} extra={<Link to="/follow-up/plans">{t('summary.open')}</Link>} data-testid="remediation-summary"
      role="region" aria-label={t('summary.title')} loading={q.isLoading}>
      {body}
    </Card>
  );
  if (q.error) return card(<QueryError error={q.error} onRetry={() => void q.refetch()} />);
  if (!q.data) return card(null);
  const { plans, summary, readsAll, candidates } = q.data;
  const latest = plans[0];
  return card(
    readsAll ? (
      latest ? (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong style={{ fontSize: 18 }}>{t('summary.units', { submitted: summary.submitted, units: summary.units })}</Typography.Text>
          <Typography.Text type="secondary">{t('summary.accepted', { accepted: summary.accepted, year: latest.year })}</Typography.Text>
        </Space>
      ) : <Typography.Text type="secondary">{t('summary.none')}</Typography.Text>
    ) : latest ? (
      <Space orientation="vertical" size={2}>
        <Space wrap size={4}>
          <Link to="/follow-up/plans/$planId" params={{ planId: latest.id }}>{t('summary.unitPlan', { year: latest.year })}</Link>
          <PlanStatusTag status={latest.status} />
        </Space>
        {latest.status === 'accepted' && (() => {
          const quarter = currentQuarter(latest.planYear);
          const progress = latest.quarters.find((x) => x.quarter === quarter);
          return <Typography.Text>{t('summary.unitQuarter', { q: romanQuarter(quarter), n: quarter, year: latest.planYear, done: progress?.done ?? 0, total: latest.itemCount })}</Typography.Text>;
        })()}
      </Space>
    ) : (
      <Space orientation="vertical" size={2}>
        <Typography.Text type="secondary">{t('summary.unitNone')}</Typography.Text>
        {candidates.length > 0 && <Link to="/follow-up/plans">{t('draft')}</Link>}
      </Space>
    ),
  );
}
