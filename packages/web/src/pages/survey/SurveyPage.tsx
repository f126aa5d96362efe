/**
 * One survey (issue 13): its header (status, cycle, dates, the sample's counts, "Mở cuộc
 * điều tra") and its tabs, each from its part's folder; the active tab is in the URL (`?tab=`).
 */
import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { App as AntApp, Alert, Breadcrumb, Button, Descriptions, Popconfirm, Skeleton, Space, Tabs, Typography } from 'antd';
import { EditOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { QueryError, SaveError } from '../../components/errors';
import { formatDate, formatInteger } from '../../format';
import { useOpenSurvey, useSurvey } from './api';
import { CONFIRM_ROOT } from './confirm-width';
import { useSurveyT } from './i18n';
import type { SurveyTab } from './search';
import { SurveyDates, SurveyStatusTag } from './SurveysPage';
import { QuestionnairesTab } from './setup/QuestionnairesTab';
import { SampleTab } from './setup/SampleTab';
import { SurveyFormModal } from './setup/SurveyFormModal';
import { LinksTab } from './collection/LinksTab';
import { PaperEntryTab } from './entry/PaperEntryTab';
import { ImportTab } from './entry/ImportTab';
import { QualityTab } from './results/QualityTab';
import { ResultsTab } from './results/ResultsTab';

export function SurveyPage({ surveyId, tab, onTab }: { surveyId: string; tab?: SurveyTab; onTab?: (tab: SurveyTab) => void }) {
  const { t } = useSurveyT();
  const { message } = AntApp.useApp();
  const survey = useSurvey(surveyId);
  const open = useOpenSurvey(surveyId);
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState<SurveyTab>();
  if (survey.error) return <QueryError error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!survey.data) return <Skeleton active />;
  const s = survey.data;
  const manage = s.may.manage;
  // Readers (leaders, the council) come for the results, not the questionnaires' authoring.
  const active = tab ?? shown ?? (manage ? 'questionnaires' : 'results');
  const select = (k: string) => (onTab ? onTab(k as SurveyTab) : setShown(k as SurveyTab));
  const item = (key: SurveyTab, children: React.ReactNode) => ({ key, label: t(`tabs.${key}`), children });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/surveys">{t('title')}</Link> }, { title: s.name }]} />
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap align="start">
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{s.name} <SurveyStatusTag status={s.status} /></Typography.Title>
        {manage && (
          <Space wrap>
            {s.status !== 'closed' && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('form.edit')}</Button>}
            {s.status === 'draft' && (
              <Popconfirm title={t('header.openConfirm')} styles={{ root: CONFIRM_ROOT }} okText={t('header.open')} cancelText={t('form.cancel')}
                onConfirm={() => open.mutateAsync(s.version).then(() => void message.success(t('header.opened')), () => undefined)}>
                <Button type="primary" icon={<PlayCircleOutlined />} loading={open.isPending}>{t('header.open')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Space>
      {open.error != null && <SaveError error={open.error} />}
      {s.personalDataPurgedAt && <Alert type="info" showIcon title={t('header.purged', { date: formatDate(s.personalDataPurgedAt) })} />}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={[
        { key: 'c', label: t('header.cycle'), children: s.cycle.name },
        { key: 'd', label: t('header.dates'), children: <SurveyDates survey={s} /> },
        {
          key: 'n', label: t('header.counts'),
          children: t('header.countsValue', { sampled: formatInteger(s.counts.sampled), quota: formatInteger(s.counts.quota), responses: formatInteger(s.counts.responses) }),
        },
      ]} />
      <Tabs activeKey={active} onChange={select} destroyOnHidden items={[
        item('questionnaires', <QuestionnairesTab surveyId={surveyId} />),
        item('sample', <SampleTab surveyId={surveyId} />),
        ...(manage ? [item('links', <LinksTab surveyId={surveyId} />), item('paper', <PaperEntryTab surveyId={surveyId} />), item('import', <ImportTab surveyId={surveyId} />)] : []),
        item('quality', <QualityTab surveyId={surveyId} />),
        item('results', <ResultsTab surveyId={surveyId} />),
      ]} />
      {editing && <SurveyFormModal survey={s} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </Space>
  );
}
