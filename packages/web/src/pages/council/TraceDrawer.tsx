import { Descriptions, Drawer, Skeleton, Table, Tag, Typography } from 'antd';
import { EvidenceLinks, LIST_STYLE } from '../../components/EvidenceLinks';
import { usePublishedTrace, type PublishedTrace } from '../../api/results';
import { QueryError } from '../../components/errors';
import { formatDate, formatDateTime } from '../../format';
import { idx, pts, useCyT } from '../cycles/parts';
import { ChisoOriginNote } from '../cycles/ChisoOrigin';

type TraceLeaf = PublishedTrace['leaves'][number];

const LEVEL_COLORS: Record<string, string> = { council: 'purple', appraised: 'blue', self: 'default', supplied: 'cyan', none: 'default' };

/**
 * Where a published index comes from: per criterion, the published points and their source
 * (self-assessment, appraisal, council, supplied figures), the evidence and the decisions taken
 * up to publication.
 */
export function TraceDrawer({ cycleId, groupId, unit, onClose }: {
  cycleId: string;
  groupId: string;
  unit: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useCyT();
  const trace = usePublishedTrace(cycleId, groupId, unit?.id ?? null);
  const data = trace.data;
  const action = (a: string) => t(`council.trace.actions.${a}`, { defaultValue: a });
  return (
    <Drawer open={!!unit} onClose={onClose} size={980} destroyOnHidden
      title={unit ? t('council.trace.title', { unit: unit.name }) : ''}>
      {trace.error ? <QueryError error={trace.error} /> : !data ? <Skeleton active /> : (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('council.trace.snapshot')}>
              {t('council.snapshot', { number: data.snapshot.number })}
              {data.snapshot.decisionNumber ? ` · ${data.snapshot.decisionNumber}` : ''} · {formatDate(data.snapshot.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('council.index')}>
              <strong>{idx(data.unit.index)}</strong> ({pts(data.unit.achieved)} / {pts(data.unit.applicableMax)}) · {t('council.rank')} {data.unit.rank ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table<TraceLeaf> rowKey="nodeKey" size="small" pagination={false} dataSource={data.leaves} scroll={{ x: 1320 }}
            columns={[
              { title: t('council.trace.code'), dataIndex: 'code', width: 70 },
              { title: t('council.trace.criterion'), dataIndex: 'name', width: 300 },
              { title: t('council.trace.max'), width: 80, align: 'right', render: (_v, l) => pts(l.maxPoints) },
              { title: t('council.self'), width: 90, align: 'right', render: (_v, l) => pts(l.selfPoints) },
              { title: t('council.trace.published'), width: 100, align: 'right', render: (_v, l) => (
                <strong>{l.notApplicable ? t('council.trace.notApplicable') : pts(l.effectivePoints)}</strong>
              ) },
              { title: t('council.trace.source'), width: 200, render: (_v, l) => (
                <>
                  <Tag color={LEVEL_COLORS[l.level]}>{t(`council.trace.levels.${l.level}`, { defaultValue: l.level })}</Tag>
                  {/* A data-feed leaf: the figures as received before the publication, their source and, from chiso, their origin. */}
                  {l.feed && <div><Typography.Text type="secondary">{l.feed.source} ({l.feed.period})</Typography.Text></div>}
                  {l.feed?.origin && <ChisoOriginNote origin={l.feed.origin} />}
                </>
              ) },
              { title: t('council.trace.evidence'), width: 220, render: (_v, l) => l.evidence.length === 0 ? '—' : (
                <EvidenceLinks evidence={l.evidence} />
              ) },
              { title: t('council.trace.decisions'), width: 260, render: (_v, l) => l.decisions.length === 0 ? '—' : (
                <ul style={LIST_STYLE}>
                  {l.decisions.map((d, i) => (
                    <li key={i}>
                      <Typography.Text type="secondary">{formatDateTime(d.at)}</Typography.Text> {d.actor ?? ''}: {action(d.action)}
                      {d.reason ? <> — <em>{d.reason}</em></> : null}
                    </li>
                  ))}
                </ul>
              ) },
            ]} />
        </>
      )}
    </Drawer>
  );
}
