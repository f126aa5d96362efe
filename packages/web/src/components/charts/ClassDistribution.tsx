/**
 * Units per class (xếp loại), this year and — when given — the year compared against, side by
 * side, in class order and class colours (the earlier year paler).
 */
import { useMemo } from 'react';
import type { SnapshotRow, YearOverYear } from '@chiso/contract';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { classColour, orderClasses } from './classes';
import { escapeHtml } from './figures';
import { formatInteger } from '../../format';
import { useChartT } from './i18n';

export interface ClassCount {
  label: string | null;
  count: number;
  previousCount: number | null;
}

export interface ClassDistributionProps {
  /** This year's rows (counted when `classes` is not given). */
  rows: readonly SnapshotRow[];
  /** Counts with the previous year's (year over year); takes precedence over counting `rows`. */
  classes?: YearOverYear['classes'];
  year?: number;
  previousYear?: number | null;
  testId?: string;
}

/** Units per class label of `rows` (null: unclassified), in class order. */
export function countClasses(rows: readonly SnapshotRow[]): ClassCount[] {
  const counts = new Map<string | null, number>();
  for (const r of rows) counts.set(r.classLabel, (counts.get(r.classLabel) ?? 0) + 1);
  return orderClasses(counts.keys()).map((label) => ({ label, count: counts.get(label) ?? 0, previousCount: null }));
}

export function ClassDistribution({ rows, classes, year, previousYear, testId }: ClassDistributionProps) {
  const { t } = useChartT();
  const unclassified = t('unclassified');
  const counts = useMemo<ClassCount[]>(() => {
    if (!classes) return countClasses(rows);
    const byLabel = new Map(classes.map((c) => [c.label, c]));
    const own = countClasses(rows).filter((c) => c.label === null); // unclassified units are not in `classes`
    return [...orderClasses(classes.map((c) => c.label)).map((label) => {
      const c = byLabel.get(label as string);
      return { label, count: c?.count ?? 0, previousCount: c?.previousCount ?? null };
    }), ...own];
  }, [rows, classes]);
  const withPrevious = !!previousYear && counts.some((c) => c.previousCount !== null);
  const thisName = year ? t('year', { year }) : t('units');
  const prevName = previousYear ? t('year', { year: previousYear }) : '';

  const option = useMemo(() => (width: number): ChartOption => {
    const narrow = width < 560;
    const names = counts.map((c) => c.label ?? unclassified);
    const bar = (name: string, pick: (c: ClassCount) => number | null, opacity: number) => ({
      type: 'bar' as const,
      name,
      barMaxWidth: 36,
      itemStyle: { color: '#0072b2', opacity }, // the legend's swatch; each bar takes its class colour
      label: { show: true, position: 'top' as const, fontSize: 12, formatter: (p: unknown) => formatInteger((p as { value: number }).value) },
      data: counts.map((c) => ({ value: pick(c) ?? 0, itemStyle: { color: classColour(c.label), opacity } })),
    });
    return {
      grid: { left: 8, right: 8, top: withPrevious ? 40 : 24, bottom: 8, containLabel: true },
      legend: withPrevious ? { top: 0, data: [prevName, thisName] } : undefined,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const items = p as Array<{ seriesName: string; value: number; name: string }>;
          return `<b>${escapeHtml(items[0]?.name ?? '')}</b><br/>${items.map((i) => `${escapeHtml(i.seriesName)}: ${t('unitsCount', { count: formatInteger(i.value) })}`).join('<br/>')}`;
        },
      },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: narrow ? 11 : 12, width: narrow ? 64 : 110, overflow: 'break' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatInteger(v) } },
      series: withPrevious ? [bar(prevName, (c) => c.previousCount, 0.4), bar(thisName, (c) => c.count, 1)] : [bar(thisName, (c) => c.count, 1)],
    };
  }, [counts, withPrevious, prevName, thisName, unclassified, t]);

  const list = counts.map((c) => `${c.label ?? unclassified}: ${c.count}${withPrevious && c.previousCount !== null ? ` (${prevName}: ${c.previousCount})` : ''}`).join('; ');
  return <EChart option={option} height={280} description={t('aria.classes', { list })} testId={testId} />;
}
