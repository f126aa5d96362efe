/**
 * Charts of published results (Apache ECharts via `echarts/core`, tree-shaken, SVG): import them
 * only from lazily loaded pages so the login and public entry chunks do not carry ECharts.
 * Props are plain contract data (SnapshotRow, YearOverYear) so every page can reuse them.
 */
export { EChart, type EChartProps, type ChartItemClick } from './EChart';
export { RankingBars, type RankingBarsProps } from './RankingBars';
export { FieldRadar, type FieldRadarProps } from './FieldRadar';
export { FieldHeatmap, type FieldHeatmapProps } from './FieldHeatmap';
export { ClassDistribution, countClasses, type ClassCount, type ClassDistributionProps } from './ClassDistribution';
export { TrendLines, indexByYear, type TrendLinesProps } from './TrendLines';
export { UNCLASSIFIED_COLOUR, classColour, classRank, classTextColour, orderClasses } from './classes';
export { ClassTag } from './ClassTag';
export { averageText, chartValue, viChange, viDecimal } from './figures';
