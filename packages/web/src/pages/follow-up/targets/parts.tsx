/** What the targets' page, drawer and card share: a figure with its unit, the status tag, the trend. */
import { useCallback, useMemo } from 'react';
import { Tag, Typography } from 'antd';
import type { TargetPlan, TargetStatus, TargetView } from '../../../api/targets';
import { EChart } from '../../../components/charts';
import { axisNumber, chartValue, escapeHtml } from '../../../components/charts/figures';
import type { ChartOption } from '../../../components/charts/echarts';
import { formatDecimal } from '../../../format';
import { useTargetsT } from './i18n';

const STATUS_COLOURS: Record<TargetStatus, string | undefined> = { met: 'green', exceeded: 'blue', not_met: 'red', no_value: undefined, no_milestone: undefined };

export function StatusTag({ status }: { status: TargetStatus }) {
  const { t } = useTargetsT();
  return <Tag color={STATUS_COLOURS[status]} data-testid="target-status" style={{ marginInlineEnd: 0 }}>{t(`status.${status}`)}</Tag>;
}

/** "Vượt 7 · Đạt 3 · Chưa đạt 8" (and those without data, when any). */
export function SummaryCounts({ summary: s }: { summary: TargetPlan['summary'] }) {
  const { t } = useTargetsT();
  return <Typography.Text type="secondary">{t('counts', { exceeded: s.exceeded, met: s.met - s.exceeded, notMet: s.notMet })}{s.unknown > 0 ? t('unknownCount', { unknown: s.unknown }) : ''}</Typography.Text>;
}

/** A target's figure as officials write it: "85,5%", "45 thủ tục", "thứ 22" (a rank); null: "—". */
export function useFigure() {
  const { t } = useTargetsT();
  return useCallback((value: string | null | undefined, target: Pick<TargetView, 'measure' | 'unitLabel'>): string => {
    if (value === null || value === undefined) return '—';
    const text = formatDecimal(value, { trimZeros: true, group: true });
    if (target.measure === 'rank') return t('rankOf', { value: text });
    return target.unitLabel === '%' ? `${text}%` : target.unitLabel ? `${text} ${target.unitLabel}` : text;
  }, [t]);
}

/** The target's values against its milestones over the plan's years (a rank's axis reversed: better stands higher). */
export function TargetTrend({ target }: { target: TargetView }) {
  const { t } = useTargetsT();
  const figure = useFigure();
  const option = useMemo(() => (width: number): ChartOption => {
    const years = target.years.map((y) => String(y.year));
    const line = (name: string, values: (string | null)[], colour: string, dashed: boolean) => ({
      type: 'line' as const, name, connectNulls: false, symbolSize: 6, itemStyle: { color: colour }, lineStyle: { width: 2, type: dashed ? ('dashed' as const) : ('solid' as const) },
      label: { show: !dashed && width >= 360, position: 'top' as const, fontSize: 11, formatter: (p: unknown) => formatDecimal(values[(p as { dataIndex: number }).dataIndex] ?? null, { trimZeros: true, group: true }) },
      data: values.map(chartValue),
    });
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'axis',
        formatter: (p: unknown) => {
          const i = (p as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0;
          const y = target.years[i];
          if (!y) return '';
          return `<b>${y.year}</b><br/>${escapeHtml(t('history.chartMilestone'))}: ${escapeHtml(figure(y.milestone, target))}<br/>${escapeHtml(t('history.chartValue'))}: <b>${escapeHtml(figure(y.value, target))}</b>`;
        },
      },
      xAxis: { type: 'category', data: years, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true, inverse: target.direction === 'lower', axisLabel: { formatter: axisNumber } },
      series: [
        line(t('history.chartMilestone'), target.years.map((y) => y.milestone), '#8c8c8c', true),
        line(t('history.chartValue'), target.years.map((y) => y.value), '#0072b2', false),
      ],
    };
  }, [target, t, figure]);
  const list = target.years.filter((y) => y.value !== null).map((y) => `${y.year} ${figure(y.value, target)} (${t(`status.${y.status}`)})`).join(', ');
  return <EChart option={option} height={260} description={t('history.chartAria', { code: target.code, list })} testId="target-trend" />;
}
