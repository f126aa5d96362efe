import { Card, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useGroupPredecessorResults, type Predecessor, type PredecessorResult } from '../../api/history';
import type { PredecessorResults } from '../../api/public-results';
import { formatDate } from '../../format';
import { idx } from '../cycles/parts';
import { useHistoryT } from './history-i18n';

type Path = '/cong-khai' | '/public';

/**
 * Below a published ranking: for each unit formed by a merger (e.g. the communes of 1 July 2025),
 * its predecessors and their published results in earlier cycles, each linking to that ranking.
 * Shows nothing when no unit of the group has predecessors.
 */
export function GroupPredecessorResults({ cycleId, groupId, path }: { cycleId: string; groupId: string; path: Path }) {
  const { t } = useHistoryT();
  const q = useGroupPredecessorResults(cycleId, groupId);
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('predecessors.title')} data-testid="predecessor-results">
      <Typography.Paragraph type="secondary">{t('predecessors.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {items.map((item) => (
          <section key={item.unit.id} aria-label={item.unit.name}>
            <Typography.Title level={2} style={{ fontSize: 16, margin: '0 0 8px' }}>{item.unit.name}</Typography.Title>
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              {item.predecessors.map((p) => <PredecessorBlock key={`${p.unit.id}/${p.successor.id}`} p={p} unitId={item.unit.id} path={path} />)}
            </Space>
          </section>
        ))}
      </Space>
    </Card>
  );
}

/** On a unit's public page: the units it was formed from and their published results. */
export function UnitPredecessorResults({ data, path }: { data: PredecessorResults | undefined; path: Path }) {
  const { t } = useHistoryT();
  if (!data || data.predecessors.length === 0) return null;
  return (
    <Card size="small" title={t('predecessors.title')} data-testid="predecessor-results">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        {data.predecessors.map((p) => <PredecessorBlock key={`${p.unit.id}/${p.successor.id}`} p={p} unitId={data.unit.id} path={path} />)}
      </Space>
    </Card>
  );
}

function PredecessorBlock({ p, unitId, path }: { p: Predecessor; unitId: string; path: Path }) {
  const { t } = useHistoryT();
  const wide = Grid.useBreakpoint().md !== false;
  const facts = [
    t(`predecessors.operation.${p.operation.kind}`, { date: formatDate(p.operation.date) }),
    p.unit.validTo ? t('predecessors.until', { date: formatDate(p.unit.validTo) }) : null,
    p.successor.id !== unitId ? t('predecessors.via', { name: p.successor.name }) : null,
  ].filter(Boolean).join(' · ');
  const open = (r: PredecessorResult) => (
    <Link to={path} search={{ cycle: r.cycleId, group: r.groupId }}>{r.cycleName}</Link>
  );
  const owner = (r: PredecessorResult) => !r.owner ? t('predecessors.province') : (
    <>{r.owner.name}{r.owner.validTo && <> <Tag style={{ marginInlineEnd: 0 }}>{t('predecessors.dissolved', { date: formatDate(r.owner.validTo) })}</Tag></>}</>
  );
  const version = (r: PredecessorResult) => [
    r.number > 1 ? t('predecessors.amendment', { number: r.number - 1 }) : null,
    r.decisionNumber ? t('predecessors.decision', { number: r.decisionNumber }) : null,
  ].filter(Boolean).join(' · ');
  return (
    <div data-testid="predecessor">
      <Typography.Text strong>{t('predecessors.from')}: {p.unit.name}</Typography.Text>{' '}
      <Typography.Text type="secondary">({facts})</Typography.Text>
      {p.results.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('predecessors.noResults')}</Typography.Paragraph>
      ) : wide ? (
        <Table<PredecessorResult> size="small" style={{ marginTop: 4 }} pagination={false} rowKey={(r) => `${r.cycleId}/${r.groupId}`} dataSource={p.results}
          columns={[
            { title: t('predecessors.year'), dataIndex: 'year', width: 70 },
            { title: t('predecessors.cycle'), render: (_v, r) => <>{open(r)}{version(r) && <><br /><Typography.Text type="secondary">{version(r)}</Typography.Text></>}</> },
            { title: t('predecessors.owner'), width: 260, render: (_v, r) => owner(r) },
            { title: t('predecessors.index'), width: 90, align: 'right', render: (_v, r) => <strong>{idx(r.index)}</strong> },
            { title: t('predecessors.rank'), width: 90, align: 'right', render: (_v, r) => t('predecessors.rankOf', { rank: r.rank, total: r.rankedUnits }) },
            { title: t('predecessors.class'), width: 120, render: (_v, r) => r.classLabel ?? '—' },
          ]} />
      ) : (
        <List<PredecessorResult> size="small" dataSource={p.results} rowKey={(r) => `${r.cycleId}/${r.groupId}`}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <span>{r.year} · {open(r)}</span>
                <span>
                  {t('predecessors.index')}: <strong>{idx(r.index)}</strong> · {t('predecessors.rank')}: {t('predecessors.rankOf', { rank: r.rank, total: r.rankedUnits })}
                  {r.classLabel && <> · <Tag color="blue" style={{ margin: 0 }}>{r.classLabel}</Tag></>}
                </span>
                <Typography.Text type="secondary">{t('predecessors.owner')}: {owner(r)}{version(r) ? ` · ${version(r)}` : ''}</Typography.Text>
              </Space>
            </List.Item>
          )} />
      )}
    </div>
  );
}
