import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
}

interface Row {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Key-by-key comparison of an audit event's before and after values, changes highlighted. */
export function DiffView({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  if (!isPlainObject(before) && !isPlainObject(after)) {
    return (
      <pre className="json-block">
        {t('audit.before')}: {show(before) || '—'}
        {'\n'}
        {t('audit.after')}: {show(after) || '—'}
      </pre>
    );
  }
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows: Row[] = keys.map((k) => ({
    key: k,
    before: b[k],
    after: a[k],
    changed: JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  }));
  rows.sort((x, y) => Number(y.changed) - Number(x.changed));
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="key"
      tableLayout="fixed"
      dataSource={rows}
      rowClassName={(r) => (r.changed ? 'diff-changed' : '')}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'key',
          width: 180,
          render: (k: string, r) => (
            <span>
              {k}
              {r.changed && <Typography.Text type="warning"> ● <span className="sr-only">{t('audit.changed')}</span></Typography.Text>}
            </span>
          ),
        },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown) => <pre className="json-block">{show(v) || '—'}</pre>,
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown) => <pre className="json-block">{show(v) || '—'}</pre>,
        },
      ]}
    />
  );
}
