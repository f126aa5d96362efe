import { useMemo } from 'react';
import { Alert, Card, Empty, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useFrameworks, useFrameworkVersion, useServerDiff } from '../../api/frameworks';
import { QueryError } from '../../components/errors';
import { formatInteger } from '../../format';
import { type VersionDiff } from '../../api/frameworks';
import { toDoc, viDecimal } from './model';
import { type DiffRow, diffRows, sameCriteria } from './diff-rows';
import { StatusTag, useFwT } from './parts';

export interface DiffSearch {
  from?: string;
  to?: string;
}

function show(v: string): string {
  if (!v) return '—';
  return viDecimal(v);
}

export function DiffPage() {
  const { t } = useFwT();
  const search = useSearch({ from: '/app/frameworks/diff' });
  const navigate = useNavigate({ from: '/frameworks/diff' });
  const a = useFrameworkVersion(search.from);
  const b = useFrameworkVersion(search.to);
  const list = useFrameworks({});
  // The comparison is the server's; the two versions give the status, the reason and the parents' codes.
  const server = useServerDiff(search.from, search.to);
  const diff = server.data;
  const general = diff?.frameworkChanges ?? [];
  const frameworkId = b.data?.frameworkId ?? a.data?.frameworkId;
  const summary = list.data?.items.find((f) => f.id === frameworkId);
  const rows = useMemo(
    () => (diff && a.data && b.data ? diffRows(diff.changed, toDoc(a.data.document, { id: '', name: '' }), toDoc(b.data.document, { id: '', name: '' })) : null),
    [diff, a.data, b.data],
  );
  const versions = [...(summary?.versions ?? [])].sort((x, y) => x.number - y.number);
  const options = versions.map((v) => ({ value: v.id, label: `${t('library.versionN', { number: v.number })} — ${t(`status.${v.status}`)}` }));

  const entries = (items: VersionDiff['added'], color: string, label: string) => (
    <Card size="small" title={<Space>{label}<Tag color={color}>{formatInteger(items.length)}</Tag></Space>}>
      {items.length === 0 ? <Typography.Text type="secondary">{t('diff.none')}</Typography.Text> : (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {items.map((e) => (
            <li key={e.key}><Typography.Text strong>{e.code}</Typography.Text> {e.name} <Typography.Text type="secondary" code>{e.key}</Typography.Text></li>
          ))}
        </ul>
      )}
    </Card>
  );

  const err = a.error ?? b.error ?? server.error;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/frameworks"><ArrowLeftOutlined /> {t('editor.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('diff.title')}</Typography.Title>
      {summary && <Typography.Text type="secondary">{summary.name}</Typography.Text>}
      <Card size="small">
        <Space wrap>
          <label htmlFor="diff-from">{t('diff.from')}</label>
          <Select id="diff-from" style={{ minWidth: 220 }} value={search.from} options={options}
            onChange={(from: string) => void navigate({ search: (s) => ({ ...s, from }) })} />
          <label htmlFor="diff-to">{t('diff.to')}</label>
          <Select id="diff-to" style={{ minWidth: 220 }} value={search.to} options={options}
            onChange={(to: string) => void navigate({ search: (s) => ({ ...s, to }) })} />
          {a.data && <StatusTag status={a.data.status} />}
          {b.data && <StatusTag status={b.data.status} />}
        </Space>
        {b.data?.reason && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t('editor.reason', { reason: b.data.reason })}</Typography.Paragraph>}
      </Card>
      {!search.from || !search.to ? <Empty description={t('diff.pick')} /> : err ? <QueryError error={err} /> : !diff || !rows ? <Spin /> : (
        <>
          {sameCriteria(diff) && <Alert type="info" showIcon title={t('diff.identical')} />}
          {general.length > 0 && (
            <Alert type="warning" showIcon title={t('diff.general')} description={general.join(', ')} />
          )}
          {entries(diff.added, 'green', t('diff.added'))}
          {entries(diff.removed, 'red', t('diff.removed'))}
          <Card size="small" title={<Space>{t('diff.changed')}<Tag color="gold">{formatInteger(diff.changed.length)}</Tag></Space>}>
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.key}-${r.field}-${r.sub ?? ''}`}
              dataSource={rows}
              locale={{ emptyText: t('diff.none') }}
              columns={[
                { title: t('fields.code'), dataIndex: 'code', width: 90, onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }),
                  render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
                { title: t('fields.name'), dataIndex: 'name', onCell: (r) => ({ rowSpan: r.first ? r.span : 0 }) },
                { title: t('diff.field'), dataIndex: 'field', width: 220, render: (f: DiffRow['field'], r) => (
                  <>{t(`diffField.${f}`)}{r.sub && <> <Typography.Text type="secondary" code>{r.sub}</Typography.Text></>}</>
                ) },
                { title: t('diff.before'), dataIndex: 'from', render: (v: string) => <span>{show(v)}</span> },
                { title: t('diff.after'), dataIndex: 'to', render: (v: string) => <span className="diff-changed">{show(v)}</span> },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
