import { Card } from 'antd';
import type { SnapshotRow } from '../../api/results';
import type { YearOverYear } from '../../api/public-results';
import { ClassDistribution, RankingBars, TrendLines } from '../../components/charts';
import { usePublicT } from './public-i18n';

/** The group's charts: ranking bars (a bar opens the unit's page), classes, and the average over the years. */
export function GroupCharts({ rows, yoy, year, onUnit }: { rows: readonly SnapshotRow[]; yoy?: YearOverYear; year?: number; onUnit: (unitId: string) => void }) {
  const { t } = usePublicT();
  const trend = yoy && yoy.previousYear !== null && yoy.units.length > 0;
  return (
    <div className="public-charts" data-testid="public-charts">
      <Card size="small" title={t('chartRanking')} className="public-chart-wide">
        <RankingBars rows={rows} onUnitClick={onUnit} testId="chart-ranking" />
      </Card>
      <Card size="small" title={t('chartClasses')} className={trend ? undefined : 'public-chart-wide'}>
        <ClassDistribution rows={rows} classes={yoy?.classes} year={year} previousYear={yoy?.previousYear} testId="chart-classes" />
      </Card>
      {trend && (
        <Card size="small" title={t('chartTrend')}>
          <TrendLines units={yoy.units} year={yoy.year} testId="chart-trend" />
        </Card>
      )}
    </div>
  );
}
