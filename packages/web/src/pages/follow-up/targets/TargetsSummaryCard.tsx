/** Targets met on the follow-up dashboard: "10/18 chỉ tiêu đạt và vượt" for the newest plan, in its latest year with values (issue 12 §3). */
import { Link } from '@tanstack/react-router';
import { Card, Space, Typography } from 'antd';
import { useMe } from '../../../api/hooks';
import { useTargetPlans } from '../../../api/targets';
import { SummaryCounts } from './parts';
import { useTargetsT } from './i18n';

export function TargetsSummaryCard() {
  const { t } = useTargetsT();
  const me = useMe();
  // A unit's staff see only their own targets on the targets page; the dashboard's count is the plan's.
  const readsAll = me?.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer') ?? false;
  const plans = useTargetPlans(readsAll);
  const plan = plans.data?.find((p) => p.summary.year !== null) ?? plans.data?.[0];
  if (!readsAll || !plan) return null;
  const s = plan.summary;
  return (
    <Card title={t('card.title')} extra={<Link to="/follow-up/targets" search={{ plan: plan.id }}>{t('card.more')}</Link>} data-testid="targets-card" style={{ height: '100%' }}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{plan.name}</Typography.Text>
        {s.year === null ? <Typography.Text>{t('noYear')}</Typography.Text> : (
          <>
            <Space align="baseline" wrap size={[8, 0]}>
              <Typography.Text strong style={{ fontSize: 36 }} data-testid="targets-card-count">{t('summary', { met: s.met, total: s.total })}</Typography.Text>
              <Typography.Text>{t('summaryLabel')} {t('summaryYear', { year: s.year })}</Typography.Text>
            </Space>
            <SummaryCounts summary={s} />
          </>
        )}
      </Space>
    </Card>
  );
}
