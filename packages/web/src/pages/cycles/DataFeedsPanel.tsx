import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Grid, Input, List, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CloudDownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { CycleSummary } from '../../api/cycles';
import { usePullChisoFeeds, useCycleFeedValues, type ChisoPulled, type FeedValueView } from '../../api/data-feeds';
import { QueryError, SaveError } from '../../components/errors';
import { formatDateTime, formatInteger } from '../../format';
import { ApiTokensPanel } from './ApiTokensPanel';
import { DataFeedImportModal } from './DataFeedImportModal';
import { useDfT } from './data-feeds-i18n';
import { ChisoOriginNote } from './ChisoOrigin';
import { figureText, rateText } from './data-feed-format';
import { pts } from './parts';

const norm = (s: string) => s.normalize('NFC').toLowerCase();

/**
 * The cycle's data-feed criteria per unit (administrator): the figures received with their source,
 * period and time of receipt; import from a file, take chiso's own published figures, API tokens.
 */
export function DataFeedsPanel({ cycle }: { cycle: CycleSummary }) {
  const { t } = useDfT();
  const { message } = AntApp.useApp();
  const q = useCycleFeedValues(cycle.id);
  const pull = usePullChisoFeeds(cycle.id);
  const [importing, setImporting] = useState(false);
  const [search, setSearch] = useState('');
  const [pulled, setPulled] = useState<ChisoPulled | null>(null);
  const rows = useMemo(() => {
    const s = norm(search.trim());
    return (q.data ?? []).filter((r) => !s || norm(`${r.unitCode} ${r.unitName} ${r.code} ${r.name}`).includes(s));
  }, [q.data, search]);
  const wide = Grid.useBreakpoint().md !== false;
  const open = cycle.status !== 'closed';
  const hasChiso = (q.data ?? []).some((r) => r.fromChiso);

  const columns: TableColumnsType<FeedValueView> = [
    { key: 'unit', title: t('col.unit'), width: 220, render: (_, r) => <><Typography.Text strong>{r.unitCode}</Typography.Text><br />{r.unitName}</> },
    {
      key: 'criterion', title: t('col.criterion'), width: 280,
      render: (_, r) => <>{r.code}. {r.name}{r.fromChiso && <><br /><Tag color="blue">{t('channel.chiso')}</Tag></>}</>,
    },
    {
      key: 'figures', title: t('col.figures'), width: 170,
      render: (_, r) => r.value ? <>{figureText(r.value.numerator)} / {figureText(r.value.denominator)}<br /><Typography.Text type="secondary">{rateText(r.value.numerator, r.value.denominator)}</Typography.Text></> : <Typography.Text type="secondary">{t('none')}</Typography.Text>,
    },
    { key: 'points', title: t('col.points'), width: 90, align: 'right', render: (_, r) => (r.value ? (r.value.points === null ? t('notApplicable') : pts(r.value.points)) : '—') },
    { key: 'period', title: t('col.period'), width: 110, render: (_, r) => r.value?.period ?? '—' },
    {
      key: 'source', title: t('col.source'), width: 260,
      render: (_, r) => r.value ? <>{r.value.source}<br /><Typography.Text type="secondary">{t(`channel.${r.value.channel}`)}{r.value.receivedBy ? ` · ${r.value.receivedBy}` : ''}</Typography.Text>{r.value.origin && <><br /><ChisoOriginNote origin={r.value.origin} /></>}</> : '—',
    },
    { key: 'received', title: t('col.received'), width: 140, render: (_, r) => (r.value ? formatDateTime(r.value.receivedAt) : '—') },
  ];

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const total = q.data?.length ?? 0;
  const received = (q.data ?? []).filter((r) => r.value).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
      <Space wrap>
        {open && <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('import')}</Button>}
        {open && hasChiso && (
          <Button icon={<CloudDownloadOutlined />} loading={pull.isPending} onClick={() => {
            setPulled(null);
            void pull.mutateAsync(undefined).then((r) => {
              setPulled(r);
              void message.success(t('pullDone', { pulled: formatInteger(r.pulled), unchanged: formatInteger(r.unchanged) }));
            });
          }}>{t('pull')}</Button>
        )}
        <Input.Search allowClear placeholder={t('search')} aria-label={t('search')} style={{ width: 260, maxWidth: '100%' }} onChange={(e) => setSearch(e.target.value)} />
        <Typography.Text type="secondary">{t('received', { count: formatInteger(received), total: formatInteger(total) })}</Typography.Text>
      </Space>
      {pull.error ? <SaveError error={pull.error} /> : null}
      {pulled && pulled.skipped.length > 0 && (
        <Alert type="warning" showIcon closable onClose={() => setPulled(null)} title={t('pullSkipped', { count: pulled.skipped.length })}
          description={<List size="small" dataSource={pulled.skipped.slice(0, 20)} renderItem={(s) => <List.Item>{s.unit} · {s.criterion}: {s.message}</List.Item>} />} />
      )}
      {wide ? (
        <Table<FeedValueView> size="small" rowKey={(r) => `${r.unitId}/${r.nodeKey}`} columns={columns} dataSource={rows} loading={q.isLoading}
          scroll={{ x: 1100 }} pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }} />
      ) : (
        // On a phone: one card per unit × criterion, nothing wider than the screen.
        <List<FeedValueView> size="small" bordered dataSource={rows} loading={q.isLoading} rowKey={(r) => `${r.unitId}/${r.nodeKey}`}
          pagination={{ pageSize: 10, hideOnSinglePage: true, simple: true }}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text strong>{r.unitCode} · {r.code}. {r.name}</Typography.Text>
                {r.value ? (
                  <>
                    <span>{figureText(r.value.numerator)} / {figureText(r.value.denominator)} ({rateText(r.value.numerator, r.value.denominator)}) → {r.value.points === null ? t('notApplicable') : `${pts(r.value.points)} ${t('col.points').toLowerCase()}`}</span>
                    <Typography.Text type="secondary">{r.value.period} · {r.value.source} · {t(`channel.${r.value.channel}`)} · {formatDateTime(r.value.receivedAt)}</Typography.Text>
                    {r.value.origin && <ChisoOriginNote origin={r.value.origin} />}
                  </>
                ) : <Typography.Text type="secondary">{t('none')}</Typography.Text>}
              </Space>
            </List.Item>
          )} />
      )}
      <ApiTokensPanel cycle={cycle} />
      {importing && <DataFeedImportModal cycleId={cycle.id} onClose={() => setImporting(false)} />}
    </Space>
  );
}

/** The tab's label, in the data-feed namespace. */
export function DataFeedsTabLabel() {
  const { t } = useDfT();
  return <>{t('tab')}</>;
}
