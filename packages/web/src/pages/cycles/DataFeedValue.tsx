import { Alert, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useParams } from '@tanstack/react-router';
import { formatPoints, type FrameworkNode } from '@chiso/core';
import { useUnitFeedValues } from '../../api/data-feeds';
import { useQuery } from '@tanstack/react-query';
import { assessmentQuery } from '../../api/assessments';
import { QueryError } from '../../components/errors';
import { formatDateTime } from '../../format';
import { useDfT } from './data-feeds-i18n';
import { ChisoOriginNote } from './ChisoOrigin';
import { figureText, rateText } from './data-feed-format';
import { useOrganiserT } from './non-submission-i18n';
import { pts } from './parts';

/**
 * A data-feed leaf on the self-assessment page: the unit does not enter it; it sees the figures
 * received (read-only) with their source, period and time of receipt.
 */
export function DataFeedValue({ node, unitId }: { node: FrameworkNode; unitId: string }) {
  const { t } = useDfT();
  const { cycleId } = useParams({ strict: false }) as { cycleId?: string };
  const q = useUnitFeedValues(cycleId, unitId);
  // The unit's assessment (already loaded by its page) names the cycle's organiser, who updates the figures.
  const { organiser } = useOrganiserT(useQuery({ ...assessmentQuery(cycleId ?? '', unitId), enabled: !!cycleId }).data?.cycle.owner);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const row = q.data.find((r) => r.nodeKey === node.key);
  const v = row?.value;
  return (
    <section aria-label={t('unit.title')} data-testid="data-feed-value">
      <Typography.Text strong>{t('unit.title')}</Typography.Text>{' '}
      {row?.fromChiso && <Tag color="blue">{t('unit.fromChiso')}</Tag>}
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>{t('unit.intro')}</Typography.Paragraph>
      {!row || !v ? (
        <Alert type="info" showIcon title={t('unit.none', { organiser })} />
      ) : (
        <Descriptions size="small" bordered column={1} items={[
          { key: 'n', label: row.numeratorLabel, children: figureText(v.numerator) },
          { key: 'd', label: row.denominatorLabel, children: figureText(v.denominator) },
          { key: 'r', label: t('unit.rate'), children: rateText(v.numerator, v.denominator) },
          { key: 'p', label: t('unit.points'), children: v.points === null ? v.explanation : pts(v.points) },
          { key: 'k', label: t('unit.period'), children: v.period },
          { key: 's', label: t('unit.source'), children: v.origin ? <>{v.source}<br /><ChisoOriginNote origin={v.origin} /></> : v.source },
          { key: 'c', label: t('unit.channel'), children: t(`channel.${v.channel}`) },
          { key: 't', label: t('unit.received'), children: formatDateTime(v.receivedAt) },
        ]} />
      )}
    </section>
  );
}

/** A data-feed leaf the unit has no entry for (it never fills one): its heading, guidance and the figures received. */
export function DataFeedLeafCard({ node, unitId }: { node: FrameworkNode; unitId: string }) {
  const { t } = useDfT();
  return (
    <Card className="as-leaf" title={<span><span className="as-code">{node.code}</span> {node.name}</span>} aria-label={`${node.code} ${node.name}`}
      extra={<Tag>{t('unit.max', { points: formatPoints(node.maxPoints) })}</Tag>}>
      {node.guidance && <Typography.Paragraph type="secondary">{node.guidance}</Typography.Paragraph>}
      <DataFeedValue node={node} unitId={unitId} />
    </Card>
  );
}
