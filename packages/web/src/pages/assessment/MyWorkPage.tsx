import { Button, Card, Empty, List, Progress, Space, Spin, Statistic, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useMyAssessments, type AssessmentSummary } from '../../api/assessments';
import { useCycles } from '../../api/cycles';
import { useMe } from '../../api/hooks';
import { QueryError } from '../../components/errors';
import { StateTag, useAsT } from './parts';
import { indexText, pointsText } from './model';
import { WorkStatus } from './WorkStatus';
import { UnitNotice } from './UnitNotice';
import { ReportCardLinks } from '../results/ReportCardLinks';

/** The unit's assessments: one click from here to the work. */
export function MyWorkPage() {
  const { t } = useAsT();
  const q = useMyAssessments();
  const me = useMe();
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  const items = q.data.items.filter((a) => !me || a.unit.id === me.unit.id);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('myWork.title')}</Typography.Title>
      <ReportCardLinks unitId={me?.unit.id} />
      {items.length === 0 ? (
        <Empty description={t('myWork.empty')} />
      ) : (
        <List
          grid={{ gutter: 16, xs: 1, md: 1, lg: 2 }}
          dataSource={items}
          renderItem={(a) => (
            <List.Item>
              <AssessmentCard a={a} />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

function AssessmentCard({ a }: { a: AssessmentSummary }) {
  const { t } = useAsT();
  const pct = a.progress.applicable ? Math.round((a.progress.filled / a.progress.applicable) * 100) : 0;
  // The cycle's organiser (named in a non-submission or an on-behalf notice).
  const cycles = useCycles();
  const editing = a.allowedActions.some((x) => x.action === 'edit' && x.allowed);
  return (
    <Card
      className="as-work-card"
      title={<Space wrap><span>{a.cycleName}</span><StateTag state={a.state} /></Space>}
      extra={<Typography.Text type="secondary">{a.unit.name}</Typography.Text>}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <div>
          <Typography.Text id={`progress-${a.cycleId}`}>
            {t('myWork.progress', { filled: a.progress.filled, applicable: a.progress.applicable })}
          </Typography.Text>
          <Progress percent={pct} aria-labelledby={`progress-${a.cycleId}`} />
        </div>
        <Space size="large" wrap>
          <Statistic title={t('myWork.selfScore')} value={pointsText(a.selfScore.achieved)}
            suffix={a.selfScore.applicableMax !== null ? `/ ${pointsText(a.selfScore.applicableMax)}` : undefined} />
          <Statistic title={t('myWork.index')} value={indexText(a.selfScore.index)} />
        </Space>
        <UnitNotice a={a} owner={cycles.data?.items.find((c) => c.id === a.cycleId)?.owner} compact />
        <WorkStatus a={a} />
        <Link to="/assessments/$cycleId/$unitId" params={{ cycleId: a.cycleId, unitId: a.unit.id }}>
          <Button type="primary" icon={<FormOutlined />} size="large">
            {editing ? t('myWork.continue') : t('myWork.open')}
          </Button>
        </Link>
      </Space>
    </Card>
  );
}
