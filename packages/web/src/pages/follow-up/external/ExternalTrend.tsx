/**
 * An external index over its periods: the value (left axis) and the rank (right axis, reversed so
 * that a better rank stands higher). Text comes from the exact strings; numbers only place marks.
 */
import { useMemo } from 'react';
import type { ExternalValueView } from '../../../api/external-indices';
import { EChart } from '../../../components/charts';
import { axisNumber, chartValue, escapeHtml, viDecimal } from '../../../components/charts/figures';
import type { ChartOption } from '../../../components/charts/echarts';
import { useExternalT } from './i18n';

export function ExternalTrend({ label, values, periodLabel }: { label: string; values: readonly ExternalValueView[]; periodLabel: (p: string) => string }) {
  const { t } = useExternalT();
  const option = useMemo(() => (width: number): ChartOption => {
    const periods = values.map((v) => periodLabel(v.period));
    const ranked = values.some((v) => v.rank !== null);
    const maxRank = Math.max(...values.map((v) => v.rankOf ?? v.rank ?? 0));
    return {
      grid: { left: 8, right: ranked ? 8 : 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        formatter: (p: unknown) => {
          const i = (p as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0;
          const v = values[i];
          if (!v) return '';
          return `<b>${escapeHtml(periods[i] ?? '')}</b><br/>${escapeHtml(t('value'))}: <b>${viDecimal(v.value)}</b>${v.rank !== null ? `<br/>${escapeHtml(t('rank'))}: <b>${v.rank}${v.rankOf ? `/${v.rankOf}` : ''}</b>` : ''}`;
        },
      },
      xAxis: { type: 'category', data: periods, boundaryGap: values.length < 3, axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', scale: true, axisLabel: { formatter: axisNumber } },
        ...(ranked ? [{ type: 'value' as const, inverse: true, min: 1, max: maxRank || undefined, splitLine: { show: false }, axisLabel: { formatter: (n: number) => String(n) } }] : []),
      ],
      series: [
        {
          type: 'line', name: t('value'), symbolSize: 7, itemStyle: { color: '#0072b2' }, lineStyle: { width: 2 },
          label: { show: width >= 360 && values.length <= 8, position: 'top', fontSize: 11, formatter: (p: unknown) => viDecimal(values[(p as { dataIndex: number }).dataIndex]?.value) },
          data: values.map((v) => chartValue(v.value)),
        },
        ...(ranked ? [{
          type: 'line' as const, name: t('rank'), yAxisIndex: 1, symbolSize: 6, itemStyle: { color: '#d55e00' }, lineStyle: { width: 2, type: 'dashed' as const },
          data: values.map((v) => v.rank),
        }] : []),
      ],
    };
  }, [values, periodLabel, t]);
  const list = values.map((v) => `${periodLabel(v.period)} ${viDecimal(v.value)}${v.rank !== null ? ` (${v.rank}${v.rankOf ? `/${v.rankOf}` : ''})` : ''}`).join(', ');
  return <EChart option={option} height={280} description={t('trendAria', { label, list })} testId="external-trend" />;
}
