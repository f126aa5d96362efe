/**
 * The index over the years: the group's average and, when chosen, units' own lines (through their
 * lineage: a merged unit's earlier years are its predecessors' average, as year over year gives them).
 */
import { useMemo } from 'react';
import type { UnitYearOverYear } from '@chiso/contract';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { averageText, axisNumber, chartValue, escapeHtml, viDecimal } from './figures';
import { useChartT } from './i18n';

export interface TrendLinesProps {
  /** Year over year per unit (this year's index and `history`). */
  units: readonly UnitYearOverYear[];
  /** This year. */
  year: number;
  /** Units drawn as their own lines (none: the group average only). */
  unitIds?: readonly string[];
  /** Draw the group's average line (default true). */
  showAverage?: boolean;
  testId?: string;
}

const LINE_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#7b2d26', '#4d4d4d'];

/** Per year, each unit's index text (this year and every earlier year in its history). */
export function indexByYear(u: UnitYearOverYear, year: number): Map<number, string> {
  const m = new Map<number, string>(u.history.map((h) => [h.year, h.index]));
  m.set(year, u.index);
  return m;
}

export function TrendLines({ units, year, unitIds = [], showAverage = true, testId }: TrendLinesProps) {
  const { t } = useChartT();
  const avgName = t('groupAverage');
  const perUnit = useMemo(() => units.map((u) => ({ u, byYear: indexByYear(u, year) })), [units, year]);
  const years = useMemo(() => [...new Set(perUnit.flatMap((p) => [...p.byYear.keys()]))].sort((a, b) => a - b), [perUnit]);
  const averages = useMemo(() => years.map((y) => averageText(perUnit.map((p) => p.byYear.get(y)))), [years, perUnit]);
  const chosen = useMemo(() => perUnit.filter((p) => unitIds.includes(p.u.unitId)), [perUnit, unitIds]);

  const option = useMemo(() => (width: number): ChartOption => {
    const texts = new Map<string, Array<string | null>>();
    const line = (name: string, values: Array<string | null>, colour: string, dashed: boolean) => {
      texts.set(name, values);
      return {
        type: 'line' as const, name, connectNulls: false, symbolSize: 7,
        itemStyle: { color: colour }, lineStyle: { width: dashed ? 3 : 2, type: dashed ? ('dashed' as const) : ('solid' as const) },
        label: { show: width >= 360 && years.length <= 6, position: 'top' as const, fontSize: 11, formatter: (p: unknown) => viDecimal(values[(p as { dataIndex: number }).dataIndex]) },
        data: values.map(chartValue),
      };
    };
    const series = [
      ...(showAverage ? [line(avgName, averages, '#4d4d4d', true)] : []),
      ...chosen.map((p, i) => line(p.u.unitName, years.map((y) => p.byYear.get(y) ?? null), LINE_COLOURS[i % LINE_COLOURS.length] ?? '#0072b2', false)),
    ];
    // A band of whole tens around the values (e.g. 70–80), so that a small change does not look steep.
    const drawn = series.flatMap((x) => x.data).filter((v): v is number => v !== null);
    const low = Math.max(0, Math.floor(Math.min(...drawn) / 10) * 10);
    const high = Math.min(Math.max(100, ...drawn), Math.max(low + 10, Math.ceil(Math.max(...drawn) / 10) * 10));
    const band = drawn.length === 0 ? {} : { min: low, max: high };
    return {
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll', textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        formatter: (p: unknown) => {
          const items = p as Array<{ seriesName: string; dataIndex: number; name: string }>;
          return `<b>${escapeHtml(items[0]?.name ?? '')}</b><br/>${items.map((i) => `${escapeHtml(i.seriesName)}: <b>${viDecimal(texts.get(i.seriesName)?.[i.dataIndex])}</b>`).join('<br/>')}`;
        },
      },
      xAxis: { type: 'category', data: years.map(String), boundaryGap: years.length < 3 },
      yAxis: { type: 'value', ...band, axisLabel: { formatter: axisNumber } },
      series,
    };
  }, [years, averages, chosen, showAverage, avgName]);

  const list = [
    ...(showAverage ? [`${avgName}: ${years.map((y, i) => `${y} ${viDecimal(averages[i])}`).join(', ')}`] : []),
    ...chosen.map((p) => `${p.u.unitName}: ${years.filter((y) => p.byYear.has(y)).map((y) => `${y} ${viDecimal(p.byYear.get(y))}`).join(', ')}`),
  ].join('; ');
  return <EChart option={option} height={300} description={t('aria.trend', { list })} testId={testId} />;
}
