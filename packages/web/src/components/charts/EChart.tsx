/**
 * One ECharts instance in a div: created with the SVG renderer in the UI's language, resized with
 * its container, disposed on unmount. The option may depend on the container's width (phones).
 * Every chart carries a written description for screen readers (ECharts' aria label). When the user
 * prefers reduced motion (the app then turns Ant Design's motion off), charts draw without animation.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { theme } from 'antd';
import type { ChartOption } from './echarts';
import type { EChartsType } from 'echarts/core';

/** ECharts is fetched with the first chart drawn, never with a page that only formats figures. */
let loading: Promise<typeof import('./echarts')> | null = null;
const loadECharts = () => (loading ??= import('./echarts'));
/**
 * Starts fetching ECharts without drawing: a page that will show charts calls it on mount, so the
 * library loads while its data does, not after (a failed fetch is retried by the first chart).
 */
export function preloadECharts(): void {
  loadECharts().catch(() => { loading = null; });
}

/** What a click on a mark gives (the data item as given in the option). */
export interface ChartItemClick {
  name: string;
  dataIndex: number;
  seriesName?: string;
  data: unknown;
}

export interface EChartProps {
  option: ChartOption | ((width: number) => ChartOption);
  /** Height in px. */
  height: number;
  /** What the chart shows, in words (read by screen readers). */
  description: string;
  onItemClick?: (item: ChartItemClick) => void;
  testId?: string;
}

export function EChart({ option, height, description, onItemClick, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [width, setWidth] = useState(0);
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'EN' : 'VI';
  const click = useRef(onItemClick);
  // The app's motion setting (AppProviders: off when the system asks for reduced motion).
  const animate = theme.useToken().token.motion !== false;

  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let c: EChartsType | null = null;
    let ro: ResizeObserver | null = null;
    let gone = false;
    void loadECharts().then(({ echarts }) => {
      if (gone) return;
      const chart = echarts.init(el, null, { renderer: 'svg', locale });
      chart.on('click', (p) => click.current?.(p as unknown as ChartItemClick));
      c = chart;
      setChart(chart);
      setWidth(el.clientWidth);
      ro = new ResizeObserver(() => {
        setWidth(el.clientWidth);
        chart.resize();
      });
      ro.observe(el);
    });
    return () => {
      gone = true;
      ro?.disconnect();
      c?.dispose();
      setChart(null);
    };
  }, [locale]);

  useEffect(() => {
    if (!chart || width === 0) return;
    const o = typeof option === 'function' ? option(width) : option;
    chart.setOption({ ...o, ...(animate ? {} : { animation: false }), aria: { enabled: true, label: { enabled: true, description } } }, { notMerge: true });
  }, [chart, option, width, description, animate]);

  return <div ref={ref} role="img" aria-label={description} data-testid={testId} style={{ width: '100%', height }} />;
}
