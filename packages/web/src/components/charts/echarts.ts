/**
 * ECharts, tree-shaken: only the charts and components chiso draws, SVG renderer, Vietnamese
 * locale. Imported only by the chart components, which live in lazily loaded pages.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, RadarChart } from 'echarts/charts';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, RadarSeriesOption } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, RadarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import langVI from 'echarts/i18n/langVI-obj.js';

echarts.use([BarChart, HeatmapChart, LineChart, RadarChart, AriaComponent, GridComponent, LegendComponent, RadarComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);
echarts.registerLocale('VI', langVI);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption | HeatmapSeriesOption | LineSeriesOption | RadarSeriesOption
  | AriaComponentOption | GridComponentOption | LegendComponentOption | RadarComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

export { echarts };
