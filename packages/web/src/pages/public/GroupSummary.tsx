import { Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { SnapshotRow } from '../../api/results';
import { openDataUrls, type YearOverYear } from '../../api/public-results';
import { averageText, viDecimal } from '../../components/charts/figures';
import { formatChange, formatCountChange } from '../../format';
import { changeTone } from './YearChange';
import { classColour } from '../../components/charts/classes';
import { countClasses } from '../../components/charts/ClassDistribution';
import { usePublicT } from './public-i18n';

/**
 * The group at a glance: how many units, the average index and its change, and the units per
 * class with the change from the previous year ("Tốt: 1 (+1 so với 2023)").
 */
export function GroupSummary({ rows, yoy }: { rows: readonly SnapshotRow[]; yoy?: YearOverYear }) {
  const { t } = usePublicT();
  const previousYear = yoy?.previousYear ?? null;
  const average = yoy?.averageIndex ?? averageText(rows.map((r) => r.index));
  const classes = yoy && yoy.classes.length > 0
    ? yoy.classes.filter((c) => c.count > 0 || (c.previousCount ?? 0) > 0)
    : countClasses(rows).flatMap((c) => (c.label ? [{ label: c.label, count: c.count, change: null }] : []));
  return (
    <div className="public-summary" data-testid="public-summary">
      <div>
        <Typography.Text type="secondary">{t('units', { count: rows.length })}</Typography.Text>
        <div>
          <Typography.Text type="secondary">{t('average')}: </Typography.Text>
          <span className="public-stat-value" data-testid="public-average">{viDecimal(average)}</span>
          {previousYear !== null && yoy?.averageIndexChange && (
            <Typography.Text type={changeTone(yoy.averageIndexChange)}> {t('averageChange', { change: formatChange(yoy.averageIndexChange), year: previousYear })}</Typography.Text>
          )}
        </div>
      </div>
      {classes.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('classCounts')}{previousYear !== null ? ` (${t('compared', { year: previousYear })})` : ''}</Typography.Text>
          <div>
            <Space size={[6, 6]} wrap data-testid="public-class-counts">
              {classes.map((c) => (
                <Tag key={c.label} color={classColour(c.label)} style={{ margin: 0 }}>
                  {t('classCount', { label: c.label, count: c.count })}
                  {c.change !== null && previousYear !== null && <> ({formatCountChange(c.change)})</>}
                </Tag>
              ))}
            </Space>
          </div>
        </div>
      )}
      {yoy && previousYear === null && <Typography.Text type="secondary">{t('noPrevious')}</Typography.Text>}
    </div>
  );
}

/** "Dữ liệu mở: CSV · JSON · Ghi chú phương pháp" for a published group. */
export function OpenDataLinks({ cycleId, groupId, number }: { cycleId: string; groupId: string; number?: number }) {
  const { t } = usePublicT();
  const urls = openDataUrls(cycleId, groupId, number);
  return (
    <div className="public-open-data" data-testid="open-data">
      <Typography.Text strong><DownloadOutlined /> {t('openData')}:</Typography.Text>
      <span>
        <a href={urls.csv} download>{t('openDataCsv')}</a>{' · '}
        <a href={urls.json} download>{t('openDataJson')}</a>{' · '}
        <a href={urls.method} target="_blank" rel="noreferrer">{t('openDataMethod')}</a>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('openDataHelp')}</Typography.Text>
    </div>
  );
}
