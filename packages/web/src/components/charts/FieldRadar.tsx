/**
 * A unit's component index per field (lĩnh vực) against the group's average: one axis per field,
 * 0–100. The averages are given (the server's figures, one per field), never worked out here.
 */
import { useMemo } from 'react';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { chartValue, escapeHtml, viDecimal } from './figures';
import { useChartT } from './i18n';

export interface FieldRadarProps {
  /** The unit drawn: its name and its fields' component indexes. */
  unit: { unitName: string; fields: readonly { fieldKey: string; code: string; name: string; componentIndex: string | null }[] };
  /** Per field key, the group's average component index as the server gives it (null or absent: none). */
  averages: ReadonlyMap<string, string | null>;
  testId?: string;
}

export function FieldRadar({ unit, averages, testId }: FieldRadarProps) {
  const { t } = useChartT();
  const fields = unit.fields;
  const avgName = t('groupAverage');

  const option = useMemo(() => (width: number): ChartOption => {
    const narrow = width < 560;
    return {
      legend: { bottom: 0, data: [unit.unitName, avgName], textStyle: { fontSize: 12 } },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const s = p as { seriesIndex?: number; name: string };
          const lines = fields.map((f) => {
            const v = s.seriesIndex === 0 ? f.componentIndex : averages.get(f.fieldKey) ?? null;
            return `${escapeHtml(f.code)}. ${escapeHtml(f.name)}: <b>${viDecimal(v)}</b>`;
          });
          return `<b>${escapeHtml(s.seriesIndex === 0 ? unit.unitName : avgName)}</b><br/>${lines.join('<br/>')}`;
        },
      },
      radar: {
        center: ['50%', '48%'],
        radius: narrow ? '58%' : '66%',
        indicator: fields.map((f) => ({ name: narrow ? f.code : `${f.code}. ${f.name}`, max: 100, min: 0 })),
        axisName: { color: '#333', fontSize: narrow ? 11 : 12, width: narrow ? 60 : 150, overflow: 'truncate' },
        splitNumber: 4,
      },
      series: [{
        type: 'radar',
        data: [
          { name: unit.unitName, value: fields.map((f) => chartValue(f.componentIndex) ?? 0), itemStyle: { color: '#0072b2' }, areaStyle: { opacity: 0.2 } },
          { name: avgName, value: fields.map((f) => chartValue(averages.get(f.fieldKey)) ?? 0), itemStyle: { color: '#e69f00' }, lineStyle: { type: 'dashed' } },
        ],
      }],
    };
  }, [fields, averages, unit.unitName, avgName]);

  const list = fields.map((f) => `${f.code}. ${f.name}: ${viDecimal(f.componentIndex)} / ${viDecimal(averages.get(f.fieldKey))}`).join('; ');
  return <EChart option={option} height={360} description={t('aria.radar', { unit: unit.unitName, list })} testId={testId} />;
}
