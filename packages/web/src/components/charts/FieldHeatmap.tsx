/**
 * Units × fields: each cell the unit's component index in the field, from red (low) through yellow
 * to green (high), units in rank order. Shows at a glance which fields are weak across the group.
 */
import { useMemo } from 'react';
import type { SnapshotRow } from '@chiso/contract';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { axisNumber, chartValue, escapeHtml, viDecimal } from './figures';
import { useChartT } from './i18n';

export interface FieldHeatmapProps {
  rows: readonly SnapshotRow[];
  onUnitClick?: (unitId: string) => void;
  testId?: string;
}

interface Cell { value: [number, number, number | '-']; text: string; unit: string; unitId: string; field: string }

export function FieldHeatmap({ rows, onUnitClick, testId }: FieldHeatmapProps) {
  const { t } = useChartT();
  const sorted = useMemo(() => [...rows].sort((a, b) => a.rank - b.rank), [rows]);
  const fields = useMemo(() => sorted[0]?.fields ?? [], [sorted]);
  const cells = useMemo(() => sorted.flatMap((r, y) => fields.map((f, x): Cell => {
    const own = r.fields.find((g) => g.fieldKey === f.fieldKey);
    const text = own?.componentIndex ?? null;
    const v = chartValue(text);
    return { value: [x, y, v ?? '-'], text: viDecimal(text), unit: r.unitName, unitId: r.unitId, field: `${f.code}. ${f.name}` };
  })), [sorted, fields]);

  const option = useMemo(() => (width: number): ChartOption => {
    const narrow = width < 560;
    const cellWidth = (width * (narrow ? 0.55 : 0.7)) / Math.max(1, fields.length);
    // The colours span whole tens from the lowest index to 100, so that weak fields stand out in a strong group.
    const values = cells.map((c) => c.value[2]).filter((v): v is number => typeof v === 'number');
    const low = values.length ? Math.max(0, Math.min(90, Math.floor(Math.min(...values) / 10) * 10)) : 0;
    return {
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      tooltip: {
        formatter: (p: unknown) => {
          const d = (p as { data: Cell }).data;
          return `<b>${escapeHtml(d.unit)}</b><br/>${escapeHtml(d.field)}: <b>${d.text}</b>`;
        },
      },
      xAxis: { type: 'category', data: fields.map((f) => f.code), splitArea: { show: true }, axisLabel: { fontSize: 11, interval: 0 }, position: 'top' },
      yAxis: {
        type: 'category', inverse: true, data: sorted.map((r) => `${r.rank}. ${r.unitName}`), splitArea: { show: true },
        axisLabel: { width: Math.max(90, Math.min(300, Math.round(width * (narrow ? 0.38 : 0.3)))), overflow: 'truncate', fontSize: narrow ? 11 : 12 },
      },
      visualMap: {
        min: low, max: 100, calculable: false, text: ['100', axisNumber(low)], textGap: 6, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: narrow ? 160 : 240,
        inRange: { color: ['#c0392b', '#f4d03f', '#1b7837'] },
        textStyle: { fontSize: 11 },
      },
      series: [{
        type: 'heatmap',
        cursor: onUnitClick ? 'pointer' : 'default',
        data: cells,
        label: { show: cellWidth >= 34, fontSize: 10, color: '#111', formatter: (p: unknown) => (p as { data: Cell }).data.text },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#111', borderWidth: 1 } },
      }],
    };
  }, [fields, sorted, cells, onUnitClick]);

  const low = cells.filter((c) => typeof c.value[2] === 'number').sort((a, b) => (a.value[2] as number) - (b.value[2] as number))[0];
  const description = t('aria.heatmap', { units: sorted.length, fields: fields.length, low: low ? `${low.unit}, ${low.field}: ${low.text}` : '—' });
  return (
    <EChart
      option={option}
      height={Math.max(200, sorted.length * 28 + 100)}
      description={description}
      onItemClick={onUnitClick ? (item) => { const d = item.data as Cell | undefined; if (d?.unitId) onUnitClick(d.unitId); } : undefined}
      testId={testId}
    />
  );
}
