/** The province's external indices on the follow-up dashboard: one line each — latest value, rank and change (issue 12 §4). */
import { Link } from '@tanstack/react-router';
import { Card, List, Space, Tag, Typography } from 'antd';
import { useExternalIndices } from '../../../api/external-indices';
import { formatDecimal } from '../../../format';
import { ChangeText, periodLabel, rankText } from './parts';
import { useExternalT } from './i18n';

export function ExternalIndicesCard() {
  const { t } = useExternalT();
  const list = useExternalIndices();
  if (!list.data || list.data.length === 0) return null;
  const sample = list.data.find((i) => i.source)?.source;
  return (
    <Card
      title={t('cardTitle')}
      extra={<Link to="/follow-up/external">{t('cardMore')}</Link>}
      data-testid="external-indices-card"
      style={{ height: '100%' }}
    >
      {sample && <Tag color="orange" style={{ marginBottom: 8, whiteSpace: 'normal' }}>{sample}</Tag>}
      <List
        size="small"
        dataSource={list.data}
        rowKey="key"
        renderItem={(i) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space wrap size={[8, 0]}>
              <Link to="/follow-up/external" search={{ index: i.key }}><Typography.Text strong>{i.label}</Typography.Text></Link>
              {i.latest ? (
                <>
                  <Typography.Text type="secondary">{periodLabel(i.latest.period)}</Typography.Text>
                  <Typography.Text>{formatDecimal(i.latest.value)}{i.valueUnit === '%' ? '%' : ` ${t('points')}`}</Typography.Text>
                  {i.latest.rank !== null && <Typography.Text>{t('rankInline')} {rankText(i.latest)}</Typography.Text>}
                  <ChangeText value={i.latest} />
                </>
              ) : <Typography.Text type="secondary">{t('noValue')}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
