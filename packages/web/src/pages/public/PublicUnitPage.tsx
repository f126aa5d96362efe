import { useMemo } from 'react';
import { Card, Empty, Grid, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { parseDecimal, rationalFromDecimal, rationalToFixedString, subRational } from '@chiso/core';
import type { PredecessorResult } from '../../api/history';
import { useUnitPredecessorResults, useUnitPublishedResults, type PredecessorResults, type UnitPublishedResult } from '../../api/public-results';
import { EChart } from '../../components/charts/EChart';
import type { ChartOption } from '../../components/charts/echarts';
import { axisNumber, chartValue, escapeHtml, viChange, viDecimal } from '../../components/charts/figures';
import { classColour } from '../../components/charts/classes';
import { QueryError } from '../../components/errors';
import { formatDate, formatRankArrow } from '../../format';
import { idx, pts } from '../cycles/parts';
import { FieldHeader, fieldValue, PublicLayout, type PublicPath } from './PublicLayout';
import { UnitPredecessorResults } from './PredecessorResults';
import { changeTone } from './YearChange';
import { usePublicT } from './public-i18n';
import './public.css';

/** Exact difference of two published indexes ("73.79" − "81.00" → "-7.21"); null when either is not a number. */
function indexDifference(now: string, before: string): string | null {
  const a = parseDecimal(now);
  const b = parseDecimal(before);
  if (!a || !b) return null;
  const decimals = Math.max(now.split('.')[1]?.length ?? 0, before.split('.')[1]?.length ?? 0);
  return rationalToFixedString(subRational(rationalFromDecimal(a), rationalFromDecimal(b)), decimals);
}

/**
 * The public page of one unit: its published results over the years (index, rank of, class, per
 * field), with its predecessors' (a commune formed by a merger), and a trend line. No login.
 */
export function PublicUnitPage({ path, unitId }: { path: PublicPath; unitId: string }) {
  const { t } = usePublicT();
  const q = useUnitPublishedResults(unitId);
  const predecessors = useUnitPredecessorResults(unitId);
  const data = q.data;
  const latest = data?.results[0];
  const predecessorsPublished = !!predecessors.data?.predecessors.some((p) => p.results.length > 0);
  const back = latest ? { cycle: latest.cycleId, group: latest.groupId } : {};
  return (
    <PublicLayout path={path}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Link to={path} search={back}><ArrowLeftOutlined /> {t('unit.back')}</Link>
        {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : !data ? <Skeleton active /> : (
          <>
            <div>
              <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{data.unit.name}</Typography.Title>
              <Typography.Text type="secondary">
                {[t('unit.title'), data.unit.validTo ? t('unit.dissolved', { date: formatDate(data.unit.validTo) }) : null].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
            {!latest && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unit.none')} />}
            {latest && <LatestResult results={data.results} />}
            {(latest || predecessorsPublished) && (
              <Card size="small" title={t('unit.trend')}>
                <UnitTrend results={data.results} predecessors={predecessors.data} />
              </Card>
            )}
            {latest && (
              <>
                <Card size="small" title={t('unit.history')}>
                  <ResultHistory results={data.results} path={path} />
                </Card>
                <FieldHistory results={data.results} />
              </>
            )}
            <UnitPredecessorResults data={predecessors.data} path={path} />
          </>
        )}
      </Space>
    </PublicLayout>
  );
}

/** The newest result and its change from the same program's previous one. */
function LatestResult({ results }: { results: readonly UnitPublishedResult[] }) {
  const { t } = usePublicT();
  const r = results[0]!;
  const before = results.find((o) => o.program.code === r.program.code && o.year < r.year);
  const change = before ? indexDifference(r.index, before.index) : null;
  const rankGain = before && before.groupId === r.groupId ? before.rank - r.rank : null;
  return (
    <Card size="small" title={t('unit.latest', { year: r.year })} data-testid="unit-latest">
      <Space size={[24, 8]} wrap align="center">
        <span>
          <Typography.Text type="secondary">{t('unit.index')}: </Typography.Text>
          <span className="public-stat-value" data-testid="unit-index">{viDecimal(r.index)}</span>
        </span>
        <span data-testid="unit-rank">{t('unit.rankOf', { rank: r.rank, total: r.rankedUnits })}</span>
        {r.classLabel && <Tag color={classColour(r.classLabel)} style={{ margin: 0 }}>{r.classLabel}</Tag>}
        {change && before && (
          <Typography.Text type={changeTone(change)} data-testid="unit-change">
            {t('unit.changeFrom', { change: viChange(change), year: before.year })}
            {rankGain !== null && rankGain !== 0 && ` · ${formatRankArrow(rankGain)}`}
          </Typography.Text>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {[r.program.name, r.groupName, r.owner ? t('organiser', { name: r.owner.name }) : t('organiserProvince'), r.decisionNumber ? t('unit.decision', { number: r.decisionNumber }) : null].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
    </Card>
  );
}

const LINE_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#56b4e9', '#e69f00'];

/** The unit's index per year (one line per program), and its predecessors' dashed before it. */
function UnitTrend({ results, predecessors }: { results: readonly UnitPublishedResult[]; predecessors?: PredecessorResults }) {
  const { t } = usePublicT();
  const lines = useMemo(() => {
    const out: { name: string; dashed: boolean; byYear: Map<number, string> }[] = [];
    const programs = [...new Set(results.map((r) => r.program.name))];
    for (const program of programs) {
      const byYear = new Map<number, string>();
      for (const r of results.filter((x) => x.program.name === program)) if (!byYear.has(r.year)) byYear.set(r.year, r.index);
      out.push({ name: programs.length > 1 ? program : results[0]!.unitName, dashed: false, byYear });
    }
    for (const p of predecessors?.predecessors ?? []) {
      const byYear = new Map<number, string>();
      for (const r of p.results as PredecessorResult[]) if (!byYear.has(r.year)) byYear.set(r.year, r.index);
      if (byYear.size > 0) out.push({ name: t('unit.predecessorLine', { name: p.unit.name }), dashed: true, byYear });
    }
    return out;
  }, [results, predecessors, t]);
  const years = useMemo(() => [...new Set(lines.flatMap((l) => [...l.byYear.keys()]))].sort((a, b) => a - b), [lines]);
  const option = useMemo(() => (width: number): ChartOption => ({
    // On a phone the legend takes a row per line (no hidden pages of a scrolling legend).
    grid: { left: 8, right: 24, top: width < 560 ? 24 + 24 * lines.length : 56, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, orient: width < 560 ? 'vertical' : 'horizontal', textStyle: { fontSize: 12 } },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const items = p as Array<{ seriesIndex: number; seriesName: string; name: string }>;
        const year = Number(items[0]?.name);
        return `<b>${escapeHtml(items[0]?.name ?? '')}</b><br/>${items
          .filter((i) => lines[i.seriesIndex]?.byYear.has(year))
          .map((i) => `${escapeHtml(i.seriesName)}: <b>${viDecimal(lines[i.seriesIndex]?.byYear.get(year))}</b>`).join('<br/>')}`;
      },
    },
    xAxis: { type: 'category', data: years.map(String), boundaryGap: years.length < 3 },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: axisNumber } },
    series: lines.map((l, i) => ({
      type: 'line' as const, name: l.name, connectNulls: false, symbolSize: 8,
      itemStyle: { color: LINE_COLOURS[i % LINE_COLOURS.length] }, lineStyle: { width: 2, type: l.dashed ? ('dashed' as const) : ('solid' as const) },
      label: { show: width >= 560 || lines.length === 1, position: 'top' as const, fontSize: 11, formatter: (p: unknown) => viDecimal(l.byYear.get(Number((p as { name: string }).name))) },
      data: years.map((y) => chartValue(l.byYear.get(y))),
    })),
  }), [lines, years]);
  const list = lines.map((l) => `${l.name}: ${years.filter((y) => l.byYear.has(y)).map((y) => `${y} ${viDecimal(l.byYear.get(y))}`).join(', ')}`).join('; ');
  return <EChart option={option} height={240 + (lines.length > 1 ? 24 * lines.length : 0)} description={t('unit.trendAria', { list })} testId="unit-trend" />;
}

/** Every published result: a table on wide screens, cards on a phone. */
function ResultHistory({ results, path }: { results: readonly UnitPublishedResult[]; path: PublicPath }) {
  const { t } = usePublicT();
  const wide = Grid.useBreakpoint().md !== false;
  const open = (r: UnitPublishedResult) => <Link to={path} search={{ cycle: r.cycleId, group: r.groupId }}>{r.groupName}</Link>;
  const organiser = (r: UnitPublishedResult) => (r.owner ? t('organiser', { name: r.owner.name }) : t('organiserProvince'));
  if (!wide) {
    return (
      <List<UnitPublishedResult> size="small" dataSource={[...results]} rowKey={(r) => `${r.cycleId}/${r.groupId}`}
        renderItem={(r) => (
          <List.Item data-testid="unit-result">
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <span><strong>{r.year}</strong> · {open(r)}</span>
              <span>
                {t('unit.index')}: <strong>{idx(r.index)}</strong> · {t('unit.rankOf', { rank: r.rank, total: r.rankedUnits })}
                {r.classLabel && <> · <Tag color={classColour(r.classLabel)} style={{ margin: 0 }}>{r.classLabel}</Tag></>}
              </span>
              <Typography.Text type="secondary">{[r.cycleName, organiser(r)].join(' · ')}</Typography.Text>
            </Space>
          </List.Item>
        )} />
    );
  }
  return (
    <Table<UnitPublishedResult> size="small" pagination={false} rowKey={(r) => `${r.cycleId}/${r.groupId}`} dataSource={[...results]}
      onRow={() => ({ 'data-testid': 'unit-result' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('unit.year'), dataIndex: 'year', width: 70 },
        { title: t('unit.cycle'), render: (_v, r) => <>{r.cycleName}<br /><Typography.Text type="secondary">{organiser(r)}{r.decisionNumber ? ` · ${t('unit.decision', { number: r.decisionNumber })}` : ''}</Typography.Text></> },
        { title: t('unit.group'), width: 200, render: (_v, r) => open(r) },
        { title: t('unit.index'), width: 90, align: 'right', render: (_v, r) => <strong>{idx(r.index)}</strong> },
        { title: t('unit.rank'), width: 90, align: 'right', render: (_v, r) => `${r.rank}/${r.rankedUnits}` },
        { title: t('unit.class'), width: 110, render: (_v, r) => r.classLabel ?? '—' },
        { title: t('unit.points'), width: 130, align: 'right', render: (_v, r) => `${pts(r.achieved)} / ${pts(r.applicableMax)}` },
      ]} />
  );
}

interface FieldLine { key: string; code: string; name: string; byYear: Map<number, UnitPublishedResult['fields'][number]> }

/** Component index per field (rows, named as in the newest year) and year (columns), the newest program only. */
function FieldHistory({ results }: { results: readonly UnitPublishedResult[] }) {
  const { t } = usePublicT();
  const newest = results[0]!;
  const same = results.filter((r) => r.program.code === newest.program.code && r.fields.length > 0);
  const years = [...new Set(same.map((r) => r.year))].sort((a, b) => b - a).slice(0, 5);
  const lines = new Map<string, FieldLine>();
  for (const r of same) {
    for (const f of r.fields) {
      const line = lines.get(f.fieldKey) ?? { key: f.fieldKey, code: f.code, name: f.name, byYear: new Map() };
      if (!line.byYear.has(r.year)) line.byYear.set(r.year, f);
      lines.set(f.fieldKey, line);
    }
  }
  if (lines.size === 0) return null;
  return (
    <Card size="small" title={t('unit.fields')}>
      <Table<FieldLine> size="small" pagination={false} rowKey="key" dataSource={[...lines.values()]} data-testid="unit-fields"
        scroll={{ x: 160 + 76 * years.length }}
        columns={[
          { title: t('unit.field'), render: (_v, l) => <FieldHeader code={l.code} name={l.name} /> },
          ...years.map((y) => ({ key: String(y), title: String(y), width: 76, align: 'right' as const, render: (_v: unknown, l: FieldLine) => { const f = l.byYear.get(y); return f ? fieldValue(f) : '—'; } })),
        ]} />
    </Card>
  );
}
