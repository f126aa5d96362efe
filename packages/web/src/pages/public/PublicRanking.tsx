import { Grid, List, Table, Tag, Typography } from 'antd';
import type { SnapshotRow } from '../../api/results';
import { idx, pts, useCyT } from '../cycles/parts';

/**
 * The published ranking. On a phone each unit is a card with its rank, index and class first
 * (nothing to scroll sideways); on wider screens a table whose first columns are the same.
 */
export function PublicRanking({ rows }: { rows: readonly SnapshotRow[] }) {
  const { t } = useCyT();
  const screens = Grid.useBreakpoint();
  const sorted = [...rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const fields = rows[0]?.fields ?? [];

  if (screens.md === false) {
    return (
      <List<SnapshotRow>
        className="public-ranking-cards"
        dataSource={sorted}
        rowKey="unitId"
        renderItem={(r) => (
          <List.Item data-testid="public-row">
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                <Typography.Text strong aria-label={t('public.rank')} style={{ minWidth: 28 }}>{r.rank ?? '—'}</Typography.Text>
                <Typography.Text strong style={{ flex: 1, minWidth: 0 }}>{r.unitName}</Typography.Text>
              </div>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', marginTop: 4, paddingLeft: 36 }}>
                <span>{t('public.index')}: <strong data-testid="public-index">{idx(r.index)}</strong></span>
                {r.classLabel && <Tag data-testid="public-class" color="blue" style={{ margin: 0 }}>{r.classLabel}</Tag>}
                <Typography.Text type="secondary">{t('public.points')}: {pts(r.achieved)} / {pts(r.applicableMax)}</Typography.Text>
              </div>
              {fields.length > 0 && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 36px', fontSize: '0.9em' }}>
                  {r.fields.map((f) => `${f.code}: ${idx(f.componentIndex)}`).join(' · ')}
                </Typography.Paragraph>
              )}
            </div>
          </List.Item>
        )}
      />
    );
  }

  return (
    <Table<SnapshotRow> rowKey="unitId" size="small" pagination={false} dataSource={sorted}
      scroll={{ x: 600 + 90 * fields.length }}
      columns={[
        { title: t('public.rank'), dataIndex: 'rank', width: 70, fixed: 'left', render: (r: number | null) => r ?? '—' },
        { title: t('public.unit'), dataIndex: 'unitName' },
        { title: t('public.index'), width: 90, align: 'right', render: (_v, r) => <strong>{idx(r.index)}</strong> },
        { title: t('public.class'), width: 120, render: (_v, r) => r.classLabel ?? '—' },
        { title: t('public.points'), width: 110, align: 'right', render: (_v, r) => `${pts(r.achieved)} / ${pts(r.applicableMax)}` },
        ...fields.map((f, i) => ({
          key: f.fieldKey,
          title: <span title={f.name}>{f.code}</span>,
          align: 'right' as const,
          width: 90,
          render: (_v: unknown, r: SnapshotRow) => idx(r.fields[i]?.componentIndex),
        })),
      ]} />
  );
}
