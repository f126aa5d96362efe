/**
 * The group's units by index, best first: one bar per unit coloured by its class, its rank before
 * its name and its index at the bar's end. A click on a bar opens the unit (e.g. its report card).
 */
import { useMemo } from 'react';
import type { SnapshotRow } from '@chiso/contract';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { classColour, orderClasses } from './classes';
import { axisNumber, chartValue, escapeHtml, viDecimal } from './figures';
import { useChartT } from './i18n';

export interface RankingBarsProps {
  rows: readonly SnapshotRow[];
  onUnitClick?: (unitId: string) => void;
  /** A unit drawn stronger than the others (a report card's own unit). */
  highlightUnitId?: string;
  testId?: string;
}

interface BarItem { value: number | null; unitId: string; text: string; name: string; classLabel: string | null; rank: number }

export function RankingBars({ rows, onUnitClick, highlightUnitId, testId }: RankingBarsProps) {
  const { t } = useChartT();
  const sorted = useMemo(() => [...rows].sort((a, b) => a.rank - b.rank || (chartValue(b.index) ?? 0) - (chartValue(a.index) ?? 0)), [rows]);
  const unclassified = t('unclassified');
  const classes = useMemo(() => orderClasses(sorted.map((r) => r.classLabel)), [sorted]);

  const option = useMemo(() => (width: number): ChartOption => {
    const narrow = width < 560;
    const labelWidth = Math.max(90, Math.min(300, Math.round(width * (narrow ? 0.42 : 0.36))));
    const max = Math.max(100, ...sorted.map((r) => chartValue(r.index) ?? 0));
    return {
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const d = (p as { data: BarItem }).data;
          return `<b>${escapeHtml(d.name)}</b><br/>${t('index')}: ${d.text}<br/>${t('rank')}: ${d.rank}<br/>${t('class')}: ${escapeHtml(d.classLabel ?? unclassified)}`;
        },
      },
      xAxis: { type: 'value', min: 0, max, axisLabel: { formatter: axisNumber, fontSize: 11 }, splitNumber: narrow ? 4 : 10 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((r) => `${r.rank}. ${r.unitName}`),
        axisTick: { show: false },
        axisLabel: {
          width: labelWidth,
          overflow: 'truncate',
          fontSize: narrow ? 11 : 12,
          fontWeight: 'normal',
        },
      },
      series: classes.map((label) => ({
        type: 'bar' as const,
        name: label ?? unclassified,
        stack: 'rank',
        barMaxWidth: 22,
        cursor: onUnitClick ? 'pointer' : 'default',
        itemStyle: { color: classColour(label) },
        label: { show: true, position: 'right' as const, fontSize: 11, color: '#222', formatter: (p: unknown) => (p as { data: BarItem | null }).data?.text ?? '' },
        data: sorted.map((r) => r.classLabel === label
          ? { value: chartValue(r.index), unitId: r.unitId, text: viDecimal(r.index), name: r.unitName, classLabel: r.classLabel, rank: r.rank,
              itemStyle: highlightUnitId && r.unitId !== highlightUnitId ? { opacity: 0.45 } : undefined }
          : null),
      })),
    };
  }, [sorted, classes, t, unclassified, onUnitClick, highlightUnitId]);

  const list = sorted.map((r) => `${r.rank}. ${r.unitName}: ${viDecimal(r.index)}${r.classLabel ? ` (${r.classLabel})` : ''}`).join('; ');
  return (
    <EChart
      option={option}
      height={Math.max(160, sorted.length * 30 + 60)}
      description={t('aria.ranking', { count: sorted.length, list })}
      onItemClick={onUnitClick ? (item) => { const d = item.data as BarItem | null; if (d?.unitId) onUnitClick(d.unitId); } : undefined}
      testId={testId}
    />
  );
}
