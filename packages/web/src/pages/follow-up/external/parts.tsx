/** The external-index page's tables: by period, the components of a period, 766 by unit and month; cards on phones. */
import { Button, Card, Empty, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { ExternalComponentChangeView, ExternalComponentLinkView, ExternalValueView } from '../../../api/external-indices';
import { changeSign, formatChange, formatDecimal, formatRankArrow } from '../../../format';
import { useExternalT } from './i18n';

/** '2024' → '2024'; '2024-05' → '05/2024'. */
export const periodLabel = (p: string): string => (p.length > 4 ? `${p.slice(5)}/${p.slice(0, 4)}` : p);

const toneOf = (sign: number) => (sign > 0 ? 'success' : sign < 0 ? 'danger' : undefined);

/** "+0,96" in green, "−0,37" in red; the rank's arrow beside it. */
export function ChangeText({ value }: { value: ExternalValueView }) {
  const { t } = useExternalT();
  if (value.valueChange === null && value.rankChange === null) return <Typography.Text type="secondary">{value.rankNote ?? '—'}</Typography.Text>;
  return (
    <Space size={6} wrap>
      {value.valueChange !== null && <Typography.Text type={toneOf(changeSign(value.valueChange))}>{formatChange(value.valueChange)}</Typography.Text>}
      {value.rankChange !== null && (
        <Typography.Text type={toneOf(value.rankChange)} aria-label={`${t('rank')} ${formatRankArrow(value.rankChange)}`}>{formatRankArrow(value.rankChange)}</Typography.Text>
      )}
      {value.rankNote && <Typography.Text type="secondary">{value.rankNote}</Typography.Text>}
    </Space>
  );
}

export const rankText = (v: Pick<ExternalValueView, 'rank' | 'rankOf'>) => (v.rank === null ? '—' : `${v.rank}${v.rankOf ? `/${v.rankOf}` : ''}`);

/** The province's values, newest first; a click (or tap) chooses the period whose components are shown. */
export function PeriodTable({ values, selected, onSelect }: { values: readonly ExternalValueView[]; selected: string | undefined; onSelect: (period: string) => void }) {
  const { t } = useExternalT();
  const narrow = !Grid.useBreakpoint().md;
  const rows = [...values].reverse();
  if (narrow) {
    return (
      <List
        dataSource={rows}
        rowKey="id"
        renderItem={(v) => (
          <List.Item style={{ padding: 0, border: 'none', marginBottom: 8 }}>
            <Card size="small" style={{ width: '100%', borderColor: v.period === selected ? '#1677ff' : undefined }} onClick={() => onSelect(v.period)} hoverable>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{periodLabel(v.period)}</Typography.Text>
                  <Typography.Text strong>{formatDecimal(v.value)}</Typography.Text>
                </Space>
                <Typography.Text>{v.sentence}</Typography.Text>
                {v.groupLabel && <Typography.Text type="secondary">{t('group')}: {v.groupLabel}</Typography.Text>}
              </Space>
            </Card>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<ExternalValueView>
      size="small"
      rowKey="id"
      data-testid="external-periods"
      dataSource={rows}
      pagination={rows.length > 13 ? { pageSize: 12 } : false}
      onRow={(v) => ({ onClick: () => onSelect(v.period), style: { cursor: 'pointer', background: v.period === selected ? 'rgba(22,119,255,0.06)' : undefined } })}
      columns={[
        { title: t('period'), dataIndex: 'period', width: 90, render: (p: string) => <Typography.Text strong>{periodLabel(p)}</Typography.Text> },
        { title: t('value'), dataIndex: 'value', width: 100, align: 'right', render: (v: string) => formatDecimal(v) },
        { title: t('rank'), key: 'rank', width: 90, align: 'right', render: (_, v) => rankText(v) },
        { title: t('change'), key: 'change', width: 170, render: (_, v) => <ChangeText value={v} /> },
        // Only some indices publish a group (PCI's "Nhóm khá"): no column of dashes for the others.
        ...(rows.some((v) => v.groupLabel) ? [{ title: t('group'), dataIndex: 'groupLabel', width: 150, render: (g: string | null) => g ?? '—' }] : []),
        { title: t('sentence'), dataIndex: 'sentence' },
      ]}
    />
  );
}

function LinkTags({ links }: { links: readonly ExternalComponentLinkView[] }) {
  const { t } = useExternalT();
  if (links.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {links.map((l) => (
        <Tag key={l.id} color={l.kind === 'unit' ? 'blue' : l.kind === 'criterion' ? 'purple' : 'gold'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }} title={l.note ?? undefined}>
          {l.kind === 'unit' ? `${t('linkUnit')}: ${l.unit?.name ?? ''}` : l.kind === 'criterion' ? `${t('linkCriterion')}: ${l.label ?? l.nodeKey}` : `${t('linkTask')}: ${l.label ?? ''} (${l.unit?.name ?? ''})`}
        </Tag>
      ))}
    </Space>
  );
}

/** The components of a period with their maxima, change (or why not compared) and what drives them. */
export function ComponentTable({ components, links, onEditLinks }: {
  components: readonly ExternalComponentChangeView[];
  links: readonly ExternalComponentLinkView[];
  /** The administrator's way to the component's links. */
  onEditLinks?: (component: ExternalComponentChangeView) => void;
}) {
  const { t } = useExternalT();
  const narrow = !Grid.useBreakpoint().md;
  const linksOf = (key: string) => links.filter((l) => l.componentKey === key);
  const change = (c: ExternalComponentChangeView) =>
    c.change !== null ? <Typography.Text type={toneOf(changeSign(c.change))}>{formatChange(c.change)}</Typography.Text> : <Typography.Text type="secondary">{c.note ?? '—'}</Typography.Text>;
  if (components.length === 0) return <Empty description={false} />;
  if (narrow) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {components.map((c) => (
          <Card key={c.key} size="small" title={<span style={{ whiteSpace: 'normal' }}>{c.name}</span>}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text>
                {t('value')}: <b>{formatDecimal(c.value)}</b>{c.maxPoints ? ` / ${formatDecimal(c.maxPoints, { trimZeros: true })}` : ''} · {t('previous')}: {formatDecimal(c.previousValue)}
              </Typography.Text>
              <div>{t('change')}: {change(c)}</div>
              <LinkTags links={linksOf(c.key)} />
              {onEditLinks && <Button size="small" icon={<LinkOutlined />} onClick={() => onEditLinks(c)}>{t('linkEdit')}</Button>}
            </Space>
          </Card>
        ))}
      </Space>
    );
  }
  return (
    <Table<ExternalComponentChangeView>
      size="small"
      rowKey="key"
      data-testid="external-components"
      dataSource={[...components]}
      pagination={false}
      columns={[
        { title: t('component'), dataIndex: 'name' },
        { title: t('maxPoints'), dataIndex: 'maxPoints', width: 80, align: 'right', render: (m: string | null) => (m ? formatDecimal(m, { trimZeros: true }) : '—') },
        { title: t('value'), dataIndex: 'value', width: 90, align: 'right', render: (v: string | null) => formatDecimal(v) },
        { title: t('previous'), dataIndex: 'previousValue', width: 90, align: 'right', render: (v: string | null) => formatDecimal(v) },
        { title: t('change'), key: 'change', width: 200, render: (_, c) => change(c) },
        {
          title: t('drivers'), key: 'links', width: 340,
          render: (_, c) => (
            <Space size={4} wrap>
              <LinkTags links={linksOf(c.key)} />
              {onEditLinks && <Button size="small" type="text" icon={<LinkOutlined />} aria-label={`${t('linkEdit')}: ${c.name}`} title={t('linkEdit')} onClick={() => onEditLinks(c)} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 766: each unit's value month by month in a year (the province first); a card per unit on phones. */
export function UnitMonthTable({ province, units, year }: { province: readonly ExternalValueView[]; units: readonly ExternalValueView[]; year: string }) {
  const { t } = useExternalT();
  const narrow = !Grid.useBreakpoint().md;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const subjects = new Map<string, { name: string; byPeriod: Map<string, ExternalValueView> }>();
  subjects.set('', { name: t('province'), byPeriod: new Map(province.map((v) => [v.period, v])) });
  for (const v of units) {
    const id = v.unit!.id;
    if (!subjects.has(id)) subjects.set(id, { name: v.unit!.name, byPeriod: new Map() });
    subjects.get(id)!.byPeriod.set(v.period, v);
  }
  const rows = [...subjects].map(([id, s]) => ({ id, ...s }));
  if (narrow) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {rows.map((r) => (
          <Card key={r.id} size="small" title={<span style={{ whiteSpace: 'normal' }}>{r.name}</span>}>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}>
              {months.map((m) => (
                <div key={m}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{periodLabel(m)}</Typography.Text>
                  <div>{formatDecimal(r.byPeriod.get(m)?.value)}</div>
                </div>
              ))}
            </div>
          </Card>
        ))}
      </Space>
    );
  }
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid="external-units"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1100 }}
      columns={[
        { title: t('unit'), dataIndex: 'name', fixed: 'left', width: 220 },
        ...months.map((m) => ({
          title: m.slice(5), key: m, align: 'right' as const, width: 70,
          render: (_: unknown, r: (typeof rows)[number]) => {
            const v = r.byPeriod.get(m);
            if (!v) return '—';
            const sign = v.valueChange === null ? 0 : changeSign(v.valueChange);
            return <span title={v.sentence}>{formatDecimal(v.value)}{sign !== 0 && <Typography.Text type={toneOf(sign)} style={{ fontSize: 11 }}>{sign > 0 ? ' ▲' : ' ▼'}</Typography.Text>}</span>;
          },
        })),
      ]}
    />
  );
}
