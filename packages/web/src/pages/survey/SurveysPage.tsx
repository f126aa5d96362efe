/** The surveys of the reader's cycles, grouped by cycle (issue 13); an administrator creates one. */
import { useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SurveyStatus } from '@chiso/core';
import { useMe } from '../../api/hooks';
import { QueryError } from '../../components/errors';
import { formatDate } from '../../format';
import { useSurveys, type SurveySummary } from './api';
import { useSurveyT } from './i18n';
import { SurveyFormModal } from './setup/SurveyFormModal';

const STATUS_COLOR: Record<SurveyStatus, string> = { draft: 'gold', open: 'processing', closed: 'success' };

export function SurveyStatusTag({ status }: { status: SurveyStatus }) {
  const { t } = useSurveyT();
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

export function SurveyDates({ survey }: { survey: Pick<SurveySummary, 'opensOn' | 'closesOn'> }) {
  const { t } = useSurveyT();
  if (!survey.opensOn && !survey.closesOn) return <>{t('noDates')}</>;
  return <>{t('dates', { from: formatDate(survey.opensOn), to: formatDate(survey.closesOn) })}</>;
}

/** The surveys by cycle, in the server's order (newest cycle first). */
function byCycle(items: SurveySummary[]): { cycle: SurveySummary['cycle']; surveys: SurveySummary[] }[] {
  const groups = new Map<string, { cycle: SurveySummary['cycle']; surveys: SurveySummary[] }>();
  for (const s of items) {
    const g = groups.get(s.cycle.id) ?? { cycle: s.cycle, surveys: [] };
    g.surveys.push(s);
    groups.set(s.cycle.id, g);
  }
  return [...groups.values()];
}

export function SurveysPage() {
  const { t } = useSurveyT();
  const me = useMe();
  const navigate = useNavigate();
  const surveys = useSurveys();
  const [creating, setCreating] = useState(false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap align="start">
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>{t('title')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('intro')}</Typography.Paragraph>
        </div>
        {me?.roles.includes('admin') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('create')}</Button>}
      </Space>
      {surveys.error != null && <QueryError error={surveys.error} onRetry={() => void surveys.refetch()} />}
      {surveys.isLoading && <Skeleton active />}
      {surveys.data?.length === 0 && <Empty description={t('empty')} />}
      {byCycle(surveys.data ?? []).map(({ cycle, surveys: list }) => (
        <Card key={cycle.id} size="small" title={cycle.name}>
          <List
            dataSource={list}
            renderItem={(s) => (
              <List.Item>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap size={8}>
                    <Link to="/surveys/$surveyId" params={{ surveyId: s.id }} style={{ fontWeight: 600, fontSize: 16 }}>{s.name}</Link>
                    <SurveyStatusTag status={s.status} />
                  </Space>
                  <Typography.Text type="secondary">
                    <SurveyDates survey={s} /> · {t('questionnaires', { count: s.questionnaireCount })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ))}
      {creating && <SurveyFormModal onClose={() => setCreating(false)} onSaved={(s) => void navigate({ to: '/surveys/$surveyId', params: { surveyId: s.id } })} />}
    </Space>
  );
}
