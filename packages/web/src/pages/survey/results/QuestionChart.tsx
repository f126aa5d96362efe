/**
 * One question's answers as horizontal bars, one per choice in the list's order: its count, and its
 * share at the bar's end. Scored choices are blue, unscored ones ("Không biết") grey.
 */
import { useMemo } from 'react';
import { EChart } from '../../../components/charts';
import type { ChartOption } from '../../../components/charts/echarts';
import { escapeHtml } from '../../../components/charts/figures';
import { formatPercent } from '../../../format';
import type { SurveyQuestionResult } from './api';
import { useResultsT } from './i18n';

export function QuestionChart({ question }: { question: SurveyQuestionResult }) {
  const { t } = useResultsT();
  const choices = question.choices;
  const option = useMemo(() => (width: number): ChartOption => {
    const narrow = width < 560;
    return {
      grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', formatter: (p: unknown) => escapeHtml(String((p as { data: { text: string } }).data.text)) },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 }, splitNumber: narrow ? 3 : 6 },
      yAxis: {
        type: 'category', inverse: true, data: choices.map((c) => c.label), axisTick: { show: false },
        axisLabel: { width: Math.round(width * (narrow ? 0.45 : 0.3)), overflow: 'truncate', fontSize: narrow ? 11 : 12 },
      },
      series: [{
        type: 'bar', barMaxWidth: 20,
        label: { show: true, position: 'right', fontSize: 11, color: '#222', formatter: (p: unknown) => (p as { data: { share: string } }).data.share },
        data: choices.map((c) => ({
          value: c.count, share: formatPercent(c.share), itemStyle: { color: c.weight === null ? '#bfbfbf' : '#1677ff' },
          text: t('results.chartItem', { label: c.label, count: c.count, share: formatPercent(c.share) }),
        })),
      }],
    };
  }, [choices, t]);
  const list = choices.map((c) => t('results.chartItem', { label: c.label, count: c.count, share: formatPercent(c.share) })).join('; ');
  return <EChart option={option} height={Math.max(90, choices.length * 30 + 24)} description={t('results.chartAria', { name: question.label, list })} testId={`survey-chart-${question.name}`} />;
}
