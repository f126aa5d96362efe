import { Grid, List, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SnapshotRow } from '../../api/results';
import type { YearOverYear } from '../../api/public-results';
import { idx, pts, useCyT } from '../cycles/parts';
import { FieldHeader, fieldValue, UnitLink, type PublicPath } from './PublicLayout';
import { ClassChange, IndexChange, RankChange, UnitChanges } from './YearChange';
import { usePublicT } from './public-i18n';

/**
 * The published ranking with field names and the change from the previous year. On a phone each
 * unit is a card with its rank, index, change and class first (nothing to scroll sideways), then its
 * fields by name; on wider screens a table whose field columns are headed by code and short name
 * (the full name on hover), narrow enough that eight fields fit a 1440 px screen; more scroll sideways
 * under the sticky rank and unit.
 */
/** Column widths (px): rank, unit, index, class and points; the three changes; one field. */
const COLUMNS = 52 + 190 + 72 + 90 + 100;
const CHANGE_COLUMNS = 80 + 64 + 110;
const FIELD_COLUMN = 70;

export function PublicRanking({ rows, yoy, path }: { rows: readonly SnapshotRow[]; yoy?: YearOverYear; path: PublicPath }) {
  const { t } = useCyT();
  const { t: tp } = usePublicT();
  const screens = Grid.useBreakpoint();
  const sorted = [...rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const fields = rows[0]?.fields ?? [];
  const change = new Map((yoy?.units ?? []).map((u) => [u.unitId, u]));
  const compared = yoy?.previousYear != null;

  if (screens.md === false) {
    return (
      <List<SnapshotRow>
        className="public-ranking-cards"
        dataSource={sorted}
        rowKey="unitId"
        renderItem={(r) => {
          const u = change.get(r.unitId);
          return (
            <List.Item data-testid="public-row">
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                  <Typography.Text strong aria-label={t('public.rank')} style={{ minWidth: 28 }}>{r.rank ?? '—'}</Typography.Text>
                  <Typography.Text strong style={{ flex: 1, minWidth: 0 }}>
                    <UnitLink path={path} unitId={r.unitId} title={tp('openUnit', { name: r.unitName })}>{r.unitName}</UnitLink>
                  </Typography.Text>
                </div>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', marginTop: 4, paddingLeft: 36, alignItems: 'center' }}>
                  <span>{t('public.index')}: <strong data-testid="public-index">{idx(r.index)}</strong></span>
                  {r.classLabel && <Tag data-testid="public-class" color="blue" style={{ margin: 0 }}>{r.classLabel}</Tag>}
                  <Typography.Text type="secondary">{t('public.points')}: {pts(r.achieved)} / {pts(r.applicableMax)}</Typography.Text>
                </div>
                {u && compared && <div style={{ paddingLeft: 36, marginTop: 2 }}><UnitChanges u={u} /></div>}
                {r.fields.length > 0 && (
                  <details className="public-card-details">
                    <summary>{tp('fieldsCount', { count: r.fields.length })}</summary>
                    <dl className="public-card-fields" aria-label={tp('fieldsOf')}>
                      {r.fields.map((f) => (
                        <div key={f.fieldKey}>
                          <dt>{f.code}. {f.name}</dt>
                          <dd>{fieldValue(f)}</dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                )}
              </div>
            </List.Item>
          );
        }}
      />
    );
  }

  const changeColumns: ColumnsType<SnapshotRow> = compared ? [{
    title: tp('compared', { year: yoy?.previousYear }),
    children: [
      { key: 'dIndex', title: tp('indexChange'), width: 80, align: 'right', render: (_v, r) => { const u = change.get(r.unitId); return u ? <IndexChange u={u} /> : '—'; } },
      { key: 'dRank', title: tp('rankChange'), width: 64, align: 'center', render: (_v, r) => { const u = change.get(r.unitId); return u ? <RankChange u={u} /> : '—'; } },
      { key: 'dClass', title: tp('classChange'), width: 110, render: (_v, r) => { const u = change.get(r.unitId); return u ? <ClassChange u={u} /> : '—'; } },
    ],
  }] : [];

  return (
    <Table<SnapshotRow> rowKey="unitId" size="small" pagination={false} dataSource={sorted}
      scroll={{ x: COLUMNS + (compared ? CHANGE_COLUMNS : 0) + FIELD_COLUMN * fields.length }}
      columns={[
        { title: t('public.rank'), dataIndex: 'rank', width: 52, fixed: 'left', render: (r: number | null) => r ?? '—' },
        { title: t('public.unit'), dataIndex: 'unitName', width: 190, fixed: 'left', render: (_v, r) => <UnitLink path={path} unitId={r.unitId} title={tp('openUnit', { name: r.unitName })}>{r.unitName}</UnitLink> },
        { title: t('public.index'), width: 72, align: 'right', render: (_v, r) => <strong>{idx(r.index)}</strong> },
        { title: t('public.class'), width: 90, render: (_v, r) => r.classLabel ?? '—' },
        ...changeColumns,
        { title: t('public.points'), width: 100, align: 'right', render: (_v, r) => `${pts(r.achieved)} / ${pts(r.applicableMax)}` },
        ...fields.map((f, i) => ({
          key: f.fieldKey,
          title: <FieldHeader code={f.code} name={f.name} />,
          align: 'right' as const,
          width: FIELD_COLUMN,
          render: (_v: unknown, r: SnapshotRow) => { const v = r.fields[i]; return v ? fieldValue(v) : '—'; },
        })),
      ]} />
  );
}

