/**
 * Links from a unit's own pages to the report card of each of its published results
 * ("Phiếu kết quả năm 2024"); nothing when the unit has none.
 */
import { Card, List, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { viDecimal } from '../../components/charts';
import { useUnitReportCards } from './report-card-api';
import { useReportCardT } from './report-card-i18n';

export function ReportCardLinks({ unitId }: { unitId: string | undefined }) {
  const { t } = useReportCardT();
  const q = useUnitReportCards(unitId);
  const items = q.data?.items ?? [];
  if (!unitId || items.length === 0) return null;
  return (
    <Card title={t('linksTitle')} data-testid="report-card-links">
      <Typography.Paragraph type="secondary">{t('linksHelp')}</Typography.Paragraph>
      <List size="small" dataSource={items} renderItem={(r) => (
        <List.Item>
          <div>
            <Link to="/results/$cycleId/$groupId/units/$unitId" params={{ cycleId: r.cycleId, groupId: r.groupId, unitId }}>
              <strong>{t('linkTitle', { year: r.year })}</strong>
            </Link>
            <div>
              <Typography.Text type="secondary">
                {t('linkLine', { program: r.program.name, group: r.groupName, index: viDecimal(r.index), rank: r.rank })}
                {r.classLabel ? ` · ${r.classLabel}` : ''}
              </Typography.Text>
            </div>
          </div>
        </List.Item>
      )} />
    </Card>
  );
}
