/**
 * Published results as charts: the leaders' home (issue 11 §3). One published group at a time
 * (default: the newest year's groups of the reader's own level, in the group set's order), its headline figures and their change from the previous year,
 * the ranking, classes, fields and trend charts, and the year-over-year table; each unit's name
 * opens its report card.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Grid, Input, List, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import type { SnapshotRow } from '@chiso/contract';
import { programCode, programName, readerOrder, usePublishedResults, type PublishedGroup } from '../../api/results';
import { useMe } from '../../api/hooks';
import { useGroupResults, useYearOverYear, type UnitYearOverYear, type YearOverYear } from '../../api/year-over-year';
import { QueryError } from '../../components/errors';
import { changeSign, formatChange, formatDate, formatInteger } from '../../format';
import { ClassDistribution, ClassTag, FieldHeatmap, FieldRadar, RankingBars, TrendLines, averageText, orderClasses, viDecimal } from '../../components/charts';
import { preloadECharts } from '../../components/charts/EChart';
import { useResultsT } from './i18n';

export interface ResultsSearch {
  cycle?: string;
  group?: string;
}

const key = (g: { cycleId: string; groupId: string }) => `${g.cycleId}|${g.groupId}`;
/**
 * A group larger than this (a province's communes, thousands of them): the charts draw its first and
 * last units, the table renders only the rows in view (virtual scrolling) and offers a search.
 */
export const LARGE_GROUP = 100;
/** How many units a large group's charts draw at each end of the ranking. */
const CHART_ENDS = 25;
/** The height of a large group's scrolling table body, in pixels (its header stays in place above). */
const TABLE_BODY_HEIGHT = 640;
/** Counts written the official way: 1 → "01". */
const twoDigits = (n: number) => String(Math.abs(n)).padStart(2, '0');

export function ResultsDashboardPage({ search }: { search: ResultsSearch }) {
  const { t } = useResultsT();
  const navigate = useNavigate();
  const list = usePublishedResults();
  // The charts' library loads alongside the results, not once they have arrived.
  useEffect(preloadECharts, []);
  // The reader's own level first: a department's reader its department's groups, the province's the province's.
  const ownerId = useMe()?.scope?.id ?? null;
  const items = useMemo(() => readerOrder(list.data?.items ?? [], ownerId), [list.data, ownerId]);
  const entry = items.find((i) => i.cycleId === search.cycle && i.groupId === search.group)
    ?? items.find((i) => i.cycleId === search.cycle) ?? items[0];
  const programs = [...new Map(items.map((i) => [programCode(i.program), programName(i.program)])).entries()];
  const program = entry ? programCode(entry.program) : undefined;
  const years = [...new Set(items.filter((i) => programCode(i.program) === program).map((i) => i.year))];
  const groups = items.filter((i) => programCode(i.program) === program && i.year === entry?.year);
  const go = (g: PublishedGroup | undefined) => { if (g) void navigate({ to: '/results', search: { cycle: g.cycleId, group: g.groupId } }); };

  const snapshot = useGroupResults(entry?.cycleId, entry?.groupId);
  const yoy = useYearOverYear(entry?.cycleId, entry?.groupId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
      </div>
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : list.isLoading ? <Skeleton active /> : !entry ? (
        <Empty description={t('none')} />
      ) : (
        <>
          <Space wrap>
            <Select aria-label={t('program')} style={{ width: 300, maxWidth: '100%' }} value={program}
              options={programs.map(([code, name]) => ({ value: code, label: name }))}
              onChange={(v: string) => go(items.find((i) => programCode(i.program) === v))} />
            <Select aria-label={t('year')} style={{ width: 110 }} value={entry.year}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              onChange={(y: number) => go(items.find((i) => programCode(i.program) === program && i.year === y))} />
            <Select aria-label={t('group')} style={{ width: 300, maxWidth: '100%' }} value={key(entry)}
              options={groups.map((g) => ({ value: key(g), label: g.groupName }))}
              onChange={(v: string) => go(groups.find((g) => key(g) === v))} />
          </Space>
          {snapshot.error ? <QueryError error={snapshot.error} onRetry={() => void snapshot.refetch()} /> : !snapshot.data || yoy.isLoading ? <Skeleton active /> : (
            <Dashboard
              key={key(entry)}
              entry={entry}
              rows={snapshot.data.rows}
              decisionNumber={snapshot.data.decisionNumber}
              publishedAt={snapshot.data.createdAt}
              yoy={yoy.data ?? null}
            />
          )}
        </>
      )}
    </Space>
  );
}

interface DashboardProps {
  entry: PublishedGroup;
  rows: SnapshotRow[];
  decisionNumber: string | null;
  publishedAt: string;
  /** Null until the group has a comparison (or while the server has none). */
  yoy: YearOverYear | null;
}

function Dashboard({ entry, rows, decisionNumber, publishedAt, yoy }: DashboardProps) {
  const { t } = useResultsT();
  const navigate = useNavigate();
  const sorted = useMemo(() => [...rows].sort((a, b) => a.rank - b.rank), [rows]);
  const large = sorted.length > LARGE_GROUP;
  // A chart of thousands of bars is neither readable nor drawable at once: a large group's charts show its ends.
  const charted = useMemo(() => (large ? [...sorted.slice(0, CHART_ENDS), ...sorted.slice(-CHART_ENDS)] : sorted), [sorted, large]);
  const fields = sorted[0]?.fields ?? [];
  const [radarUnit, setRadarUnit] = useState<string | undefined>(sorted[0]?.unitId);
  const radarRow = sorted.find((r) => r.unitId === radarUnit) ?? sorted[0];
  const [trendUnits, setTrendUnits] = useState<string[]>([]);
  const previousYear = yoy?.previousYear ?? null;
  const openUnit = (unitId: string) =>
    void navigate({ to: '/results/$cycleId/$groupId/units/$unitId', params: { cycleId: entry.cycleId, groupId: entry.groupId, unitId } });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="results-source">
        {[`${entry.groupName} — ${entry.year}`, decisionNumber ? t('decision', { number: decisionNumber }) : null, t('publishedAt', { date: formatDate(publishedAt) })].filter(Boolean).join(' · ')}
      </Typography.Text>
      <Headline rows={sorted} yoy={yoy} />
      {!yoy && <Typography.Text type="secondary" data-testid="yoy-pending">{t('yoyPending')}</Typography.Text>}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={<CardTitle>{t('ranking')}</CardTitle>} data-testid="ranking-card">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }}>{t('rankingHelp')}</Typography.Paragraph>
            {large && <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }} data-testid="chart-ends">{t('chartEnds', { n: CHART_ENDS, total: formatInteger(sorted.length) })}</Typography.Paragraph>}
            <RankingBars rows={charted} onUnitClick={openUnit} testId="ranking-chart" />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={<CardTitle>{t('distribution')}</CardTitle>}>
              <ClassDistribution rows={sorted} classes={yoy?.classes} year={entry.year} previousYear={previousYear} testId="class-chart" />
            </Card>
            {yoy && previousYear !== null && (
              <Card size="small" title={<CardTitle>{t('trend')}</CardTitle>}>
                <Select mode="multiple" allowClear aria-label={t('trendUnits')} placeholder={t('trendUnits')} style={{ width: '100%', marginBottom: 8 }}
                  value={trendUnits} onChange={setTrendUnits} maxCount={6} optionFilterProp="label"
                  options={sorted.map((r) => ({ value: r.unitId, label: r.unitName }))} />
                <TrendLines units={yoy.units} year={entry.year} unitIds={trendUnits} testId="trend-chart" />
              </Card>
            )}
          </Space>
        </Col>
        {fields.length > 0 && (
          <>
            <Col xs={24} xl={14}>
              <Card size="small" title={<CardTitle>{t('heatmap')}</CardTitle>}>
                <FieldHeatmap rows={charted} onUnitClick={openUnit} testId="heatmap-chart" />
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
                  {t('fieldLegend')}: {fields.map((f) => `${f.code}. ${f.name}`).join(' · ')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={<CardTitle>{t('radar')}</CardTitle>}>
                <Select aria-label={t('radarUnit')} style={{ width: '100%', marginBottom: 8 }} value={radarRow?.unitId} onChange={setRadarUnit}
                  showSearch={{ optionFilterProp: 'label' }} options={sorted.map((r) => ({ value: r.unitId, label: `${r.rank}. ${r.unitName}` }))} />
                {radarRow && <FieldRadar unit={radarRow} averages={new Map(yoy?.fields.map((f) => [f.fieldKey, f.index]) ?? [])} testId="radar-chart" />}
              </Card>
            </Col>
          </>
        )}
      </Row>
      <ResultsTable entry={entry} rows={sorted} yoy={yoy} />
    </Space>
  );
}

/** Average index, units per class and the top unit, with their change from the previous year. */
function Headline({ rows, yoy }: { rows: SnapshotRow[]; yoy: YearOverYear | null }) {
  const { t } = useResultsT();
  const average = yoy?.averageIndex ?? averageText(rows.map((r) => r.index));
  const previousYear = yoy?.previousYear ?? null;
  const change = yoy?.averageIndexChange ?? null;
  const counts = yoy
    ? orderClasses(yoy.classes.map((c) => c.label)).map((label) => yoy.classes.find((c) => c.label === label)!)
    : orderClasses(rows.map((r) => r.classLabel)).filter((l): l is string => l !== null)
      .map((label) => ({ label, count: rows.filter((r) => r.classLabel === label).length, previousCount: null, change: null }));
  const unclassified = rows.filter((r) => r.classLabel === null).length;
  const top = rows[0];
  const lowest = rows[rows.length - 1];
  const classText = (c: { label: string; count: number; change: number | null }) => {
    const base = t('classCount', { n: twoDigits(c.count), label: c.label.toLocaleLowerCase('vi') });
    if (previousYear === null || c.change === null) return base;
    const ch = c.change > 0 ? t('classChangeUp', { n: twoDigits(c.change) })
      : c.change < 0 ? t('classChangeDown', { n: twoDigits(c.change) }) : t('classChangeSame');
    return `${base} (${ch})`;
  };
  const sentence = [...counts.filter((c) => c.count > 0 || (c.change ?? 0) !== 0).map(classText),
    ...(unclassified > 0 ? [t('classCount', { n: twoDigits(unclassified), label: t('unclassified') })] : [])].join(', ');

  return (
    <Row gutter={[16, 16]} data-testid="headline">
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t('averageIndex')} value={viDecimal(average)} styles={{ content: { fontSize: 28 } }} />
          <Typography.Text data-testid="average-change" type={change === null ? 'secondary' : undefined}>
            {change === null || previousYear === null ? t('noPrevious') : <><Trend value={change} /> {formatChange(change)} {t('comparedWith', { year: previousYear })}</>}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic title={t('units')} value={formatInteger(rows.length)} styles={{ content: { fontSize: 28 } }} />
          {top && <Typography.Text>{t('topUnit')}: <b>{top.unitName}</b> ({viDecimal(top.index)})</Typography.Text>}
          {lowest && rows.length > 1 && <><br /><Typography.Text type="secondary">{t('lowestUnit')}: {lowest.unitName} ({viDecimal(lowest.index)})</Typography.Text></>}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" style={{ height: '100%' }}>
          <Typography.Text type="secondary">{t('classes')}</Typography.Text>
          <div style={{ margin: '6px 0' }}>
            <Space wrap size={[6, 6]}>
              {counts.filter((c) => c.count > 0).map((c) => <ClassTag key={c.label} label={c.label}>{c.label}: {twoDigits(c.count)}</ClassTag>)}
              {unclassified > 0 && <ClassTag label={null}>{t('unclassified')}: {twoDigits(unclassified)}</ClassTag>}
            </Space>
          </div>
          <Typography.Text data-testid="class-sentence">
            {previousYear !== null ? t('classSentencePrevious', { list: sentence, year: previousYear }) : sentence}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

function Trend({ value }: { value: string | number }) {
  const n = changeSign(value);
  if (n > 0) return <ArrowUpOutlined style={{ color: '#1b7837' }} aria-hidden />;
  if (n < 0) return <ArrowDownOutlined style={{ color: '#c0392b' }} aria-hidden />;
  return <MinusOutlined aria-hidden />;
}

/** A card's title as a level-2 heading (the page's sections). */
function CardTitle({ children }: { children: React.ReactNode }) {
  return <span role="heading" aria-level={2}>{children}</span>;
}

const changeColour = (change: string | number) => ({ 1: '#1b7837', [-1]: '#c0392b', 0: undefined })[changeSign(change)];

type TableRow = SnapshotRow & {
  y: UnitYearOverYear | undefined;
  /** The index as the page writes it (73,79), formatted once per row. */
  indexText: string;
  /** Lower-case name and code, for the search of a large group. */
  haystack: string;
};

/** Every unit: index, rank and class, and — with year over year — last year's and the change. */
function ResultsTable({ entry, rows, yoy }: { entry: PublishedGroup; rows: SnapshotRow[]; yoy: YearOverYear | null }) {
  const { t } = useResultsT();
  const previousYear = yoy?.previousYear ?? null;
  const compare = yoy !== null && previousYear !== null;
  const large = rows.length > LARGE_GROUP;
  const data = useMemo<TableRow[]>(() => {
    const byUnit = new Map((yoy?.units ?? []).map((u) => [u.unitId, u]));
    return rows.map((r) => ({ ...r, y: byUnit.get(r.unitId), indexText: viDecimal(r.index), haystack: `${r.unitName} ${r.unitCode}`.toLocaleLowerCase('vi') }));
  }, [rows, yoy]);
  const [query, setQuery] = useState('');
  const needle = useDeferredValue(query.trim().toLocaleLowerCase('vi'));
  const shown = useMemo(() => (needle ? data.filter((r) => r.haystack.includes(needle)) : data), [data, needle]);

  const compact = Grid.useBreakpoint().md === false;
  const cells = useMemo(() => {
    const unitLink = (r: TableRow) => (
      <Link to="/results/$cycleId/$groupId/units/$unitId" params={{ cycleId: entry.cycleId, groupId: entry.groupId, unitId: r.unitId }} data-testid={`unit-link-${r.unitCode}`}>
        {r.unitName}
      </Link>
    );
    const rankChange = (r: TableRow) => {
      const c = r.y?.change?.rank;
      if (c === null || c === undefined) return null;
      const text = c > 0 ? t('rankUp', { count: c }) : c < 0 ? t('rankDown', { count: -c }) : t('rankSame');
      return <span style={{ color: changeColour(c) }}><Trend value={c} /> {text}{r.y?.previous?.rank ? ` (${r.y.previous.rank} → ${r.rank})` : ''}</span>;
    };
    const classChange = (r: TableRow) => {
      const c = r.y?.change?.classChange;
      if (!c) return null;
      const was = r.y?.previous?.classLabel;
      const text = c === 'up' ? t('classUp') : c === 'down' ? t('classDown') : t('classSame');
      return <span style={{ color: c === 'up' ? '#1b7837' : c === 'down' ? '#c0392b' : undefined }}>{text}{was && c !== 'same' ? ` (${was} → ${r.classLabel ?? '—'})` : ''}</span>;
    };
    const indexChange = (r: TableRow) => r.y?.change
      ? <span data-testid={`index-change-${r.unitCode}`} style={{ color: changeColour(r.y.change.index), fontWeight: 600 }}>{formatChange(r.y.change.index)}</span>
      : null;
    const basisNote = (u: UnitYearOverYear | undefined) => {
      const p = u?.previous;
      if (!p || p.basis === 'same') return null;
      return p.basis === 'merged' ? t('basis.merged', { count: p.results.length }) : t('basis.split', { name: p.results[0]?.unitName ?? '' });
    };
    return { unitLink, rankChange, classChange, indexChange, basisNote };
  }, [entry.cycleId, entry.groupId, t]);

  const columns = useMemo<ColumnsType<TableRow>>(() => {
    const { unitLink, rankChange, classChange, indexChange, basisNote } = cells;
    return [
      { title: t('col.rank'), dataIndex: 'rank', width: 64, align: 'right' },
      { title: t('col.unit'), key: 'unit', fixed: 'left', width: 220, render: (_v, r) => unitLink(r) },
      { title: t('col.index'), key: 'index', width: 84, align: 'right', render: (_v, r) => <b>{r.indexText}</b> },
      ...(compare ? [
        {
          title: t('col.previous', { year: previousYear }), key: 'previous', width: 110, align: 'right' as const,
          render: (_v: unknown, r: TableRow) => {
            const note = basisNote(r.y);
            return r.y?.previous ? <>{viDecimal(r.y.previous.index)}{note && <div style={{ fontSize: 12, color: '#666' }}>{note}</div>}</> : <Typography.Text type="secondary">{t('noComparison')}</Typography.Text>;
          },
        },
        { title: t('col.change'), key: 'change', width: 96, align: 'right' as const, render: (_v: unknown, r: TableRow) => indexChange(r) ?? '—' },
        { title: t('col.rankChange'), key: 'rankChange', width: 150, render: (_v: unknown, r: TableRow) => rankChange(r) ?? '—' },
      ] : []),
      { title: t('col.class'), key: 'class', width: 120, render: (_v, r) => <ClassTag label={r.classLabel} /> },
      ...(compare ? [{ title: t('col.classChange'), key: 'classChange', width: 170, render: (_v: unknown, r: TableRow) => classChange(r) ?? '—' }] : []),
    ];
  }, [cells, compare, previousYear, t]);

  const { unitLink, rankChange, classChange, indexChange, basisNote } = cells;
  return (
    <Card size="small" title={<CardTitle>{compare ? t('table') : t('tableNoPrevious')}</CardTitle>}>
      {large && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Input.Search allowClear aria-label={t('find')} placeholder={t('find')} style={{ width: 320, maxWidth: '100%' }} value={query} onChange={(e) => setQuery(e.target.value)} />
          <Typography.Text type="secondary" data-testid="results-count">{t('found', { shown: formatInteger(shown.length), total: formatInteger(data.length) })}</Typography.Text>
        </Space>
      )}
      {compact ? (
        // Phones: one block per unit instead of a wide table (a large group a page at a time).
        <List<TableRow>
          dataSource={shown}
          rowKey="unitId"
          data-testid="results-list"
          pagination={large ? { pageSize: 50, showSizeChanger: false, size: 'small', align: 'center' } : false}
          renderItem={(r) => (
            <List.Item style={{ display: 'block', padding: '10px 0' }}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                <b style={{ minWidth: 24 }}>{r.rank}.</b>
                <span style={{ flex: 1 }}>{unitLink(r)}</span>
                <b>{r.indexText}</b>
              </div>
              <div style={{ paddingLeft: 32, display: 'flex', flexWrap: 'wrap', gap: '4px 12px', fontSize: 13, marginTop: 4 }}>
                <ClassTag label={r.classLabel} />
                {compare && (r.y?.previous
                  ? <span>{t('col.previous', { year: previousYear })}: {viDecimal(r.y.previous.index)} {indexChange(r)}</span>
                  : <Typography.Text type="secondary">{t('noComparison')}</Typography.Text>)}
                {compare && rankChange(r)}
                {compare && classChange(r)}
                {basisNote(r.y) && <Typography.Text type="secondary">{basisNote(r.y)}</Typography.Text>}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<TableRow>
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={shown}
          // A large group renders only the rows in view; its header stays above the scrolling rows.
          virtual={large}
          scroll={large ? { x: compare ? 900 : 520, y: TABLE_BODY_HEIGHT } : { x: compare ? 900 : 520 }}
          data-testid="results-table"
          columns={columns}
        />
      )}
    </Card>
  );
}
