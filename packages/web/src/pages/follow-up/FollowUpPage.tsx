/**
 * The follow-up dashboard (issue 12): for the administrator and leaders, the notices' progress,
 * targets met ("10/18"), the province's external indices and the points at risk; for a unit, its own
 * tasks, plan and risks. Each card comes from its part's folder and shows nothing a reader may not see.
 */
import { Space, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useMe } from '../../api/hooks';
import { NoticeProgressCard } from './notices/NoticeProgressCard';
import { RemediationSummaryCard } from './remediation/RemediationSummaryCard';
import { TargetsSummaryCard } from './targets/TargetsSummaryCard';
import { ExternalIndicesCard } from './external/ExternalIndicesCard';
import { RiskSummaryCard } from './risk/RiskSummaryCard';
import { useFollowUpT } from './i18n';

type Part = 'notices' | 'tasks' | 'plans' | 'targets' | 'external' | 'risk';
const PATHS: Record<Part, string> = {
  notices: '/follow-up/notices',
  tasks: '/follow-up/tasks',
  plans: '/follow-up/plans',
  targets: '/follow-up/targets',
  external: '/follow-up/external',
  risk: '/follow-up/risk',
};

export function FollowUpPage() {
  const { t } = useFollowUpT();
  const me = useMe();
  const readsAll = me?.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer') ?? false;
  const parts: Part[] = readsAll ? ['notices', 'tasks', 'plans', 'targets', 'external', 'risk'] : ['tasks', 'plans', 'targets', 'external', 'risk'];
  // Explicit keys: a production build renames the components, two could share a name.
  const cards = [['notices', NoticeProgressCard], ['targets', TargetsSummaryCard], ['risk', RiskSummaryCard], ['external', ExternalIndicesCard], ['plans', RemediationSummaryCard]] as const;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{readsAll ? t('intro') : t('unitIntro')}</Typography.Paragraph>
        <Space wrap size="middle">
          {parts.map((p) => <Link key={p} to={PATHS[p]}>{t(`links.${p}`)}</Link>)}
        </Space>
      </div>
      {/* A grid, not antd columns: a card the reader may not see renders nothing and leaves no hole. */}
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 520px), 1fr))', alignItems: 'start' }}>
        {cards.map(([key, Card]) => <Card key={key} />)}
      </div>
    </Space>
  );
}
