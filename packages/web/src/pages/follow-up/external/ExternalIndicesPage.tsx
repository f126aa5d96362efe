/**
 * External indices (issue 12 §4): one tab per index; the province's latest value with the sentence
 * officials write, the trend, the values by period, the components of a chosen period with what
 * drives them, and for the 766 index each unit month by month. The administrator imports values
 * and edits the yearly editions. Search: `index` (key), `period`.
 */
import { useEffect, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { useExternalIndex, useExternalIndices, type ExternalIndexDetail } from '../../../api/external-indices';
import { preloadECharts } from '../../../components/charts/EChart';
import { formatDecimal } from '../../../format';
import type { FollowUpSearch } from '../search';
import { ExternalTrend } from './ExternalTrend';
import { ExternalImportModal } from './ExternalImportModal';
import { EditionModal } from './EditionModal';
import { LinkModal } from './LinkModal';
import { ChangeText, ComponentTable, PeriodTable, UnitMonthTable, periodLabel } from './parts';
import { useExternalT } from './i18n';

export function ExternalIndicesPage({ search }: { search: FollowUpSearch; id?: string }) {
  const { t } = useExternalT();
  const navigate = useNavigate();
  const list = useExternalIndices();
  useEffect(() => preloadECharts(), []);
  const key = search.index ?? list.data?.[0]?.key;
  const detail = useExternalIndex(key);
  const go = (next: FollowUpSearch) => void navigate({ to: '/follow-up/external', search: next, replace: true });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('intro')}</Typography.Paragraph>
      </div>
      {list.isLoading ? <Skeleton active /> : list.data?.length === 0 ? <Empty description={t('empty')} /> : (
        <Tabs
          activeKey={key}
          onChange={(k) => go({ index: k })}
          items={(list.data ?? []).map((i) => ({ key: i.key, label: i.label }))}
        />
      )}
      {detail.error != null && <Alert type="error" showIcon title={String((detail.error as Error).message)} />}
      {detail.data && <IndexView index={detail.data} period={search.period} onPeriod={(p) => go({ index: detail.data.key, period: p })} />}
    </Space>
  );
}

function IndexView({ index, period, onPeriod }: { index: ExternalIndexDetail; period: string | undefined; onPeriod: (p: string) => void }) {
  const { t } = useExternalT();
  const [dialog, setDialog] = useState<'import' | 'editions' | null>(null);
  const [linking, setLinking] = useState<{ key: string; name: string } | null>(null);
  const latest = index.values.at(-1);
  const chosen = index.values.find((v) => v.period === period) ?? latest;
  const unit = index.valueUnit === '%' ? '%' : t('points');
  const edition = latest ? index.editions.find((e) => e.year === Number(latest.period.slice(0, 4))) : undefined;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{index.label} — {index.name}</Typography.Title>
        <Space wrap size={[8, 4]}>
          <Typography.Text type="secondary">{t('publisher', { publisher: index.publisher })}</Typography.Text>
          <Tag>{index.periodicity === 'month' ? t('monthly') : t('yearly')}</Tag>
          {index.source && <Tag color="orange" data-testid="external-source">{index.source}</Tag>}
        </Space>
        {index.may.manage && (
          <Space wrap style={{ marginTop: 8 }}>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setDialog('import')}>{t('import')}</Button>
            <Button icon={<SettingOutlined />} onClick={() => setDialog('editions')}>{t('editions')}</Button>
          </Space>
        )}
      </Space>
      {!latest ? <Empty description={t('noValue')} /> : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Card size="small" title={`${t('latest')}: ${periodLabel(latest.period)}`} style={{ height: '100%' }}>
                <Space direction="vertical" size={8} style={{ width: '100%' }}>
                  <Space wrap size="large">
                    <Statistic title={t('value')} value={formatDecimal(latest.value)} suffix={<span style={{ fontSize: 14 }}>{unit}{edition?.maxValue ? ` (${t('max', { max: formatDecimal(edition.maxValue, { trimZeros: true, group: true }) })})` : ''}</span>} />
                    {latest.rank !== null && <Statistic title={t('rank')} value={`${latest.rank}${latest.rankOf ? `/${latest.rankOf}` : ''}`} />}
                  </Space>
                  <ChangeText value={latest} />
                  <Typography.Text strong data-testid="external-sentence">{latest.sentence}</Typography.Text>
                  {latest.groupLabel && <Typography.Text>{t('group')}: {latest.groupLabel}</Typography.Text>}
                </Space>
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('trend')}>
                <ExternalTrend label={index.label} values={index.values} periodLabel={periodLabel} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('byPeriod')}>
            <PeriodTable values={index.values} selected={chosen?.period} onSelect={onPeriod} />
          </Card>
          {chosen && (
            <Card size="small" title={t('components', { period: periodLabel(chosen.period) })}>
              <Typography.Paragraph type="secondary">{t('componentsHint')}</Typography.Paragraph>
              <ComponentTable components={chosen.components} links={index.links} onEditLinks={index.may.manage ? setLinking : undefined} />
            </Card>
          )}
          {index.subjects === 'province_and_units' && (
            <Card size="small" title={t('byUnit', { year: latest.period.slice(0, 4) })}>
              <UnitMonthTable province={index.values} units={index.unitValues.filter((v) => v.period.startsWith(latest.period.slice(0, 4)))} year={latest.period.slice(0, 4)} />
            </Card>
          )}
        </>
      )}
      {dialog === 'import' && <ExternalImportModal index={index} onClose={() => setDialog(null)} />}
      {dialog === 'editions' && <EditionModal index={index} onClose={() => setDialog(null)} />}
      {linking && <LinkModal indexKey={index.key} component={linking} links={index.links} onClose={() => setLinking(null)} />}
    </Space>
  );
}
