import { useState } from 'react';
import { Breadcrumb, Button, Descriptions, Skeleton, Space, Tabs, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useCycle } from '../../api/cycles';
import { useMe } from '../../api/hooks';
import { QueryError } from '../../components/errors';
import { formatDate } from '../../format';
import { CycleStatusTag, useCyT } from './parts';
import { ProgressPanel } from './ProgressPanel';
import { SetupPanel } from './SetupPanel';
import { SurveyPointsImportModal } from './SurveyPointsImportModal';
import { DataFeedsPanel, DataFeedsTabLabel } from './DataFeedsPanel';
import { ClosedCycleNotice, CycleClosingButton } from './CycleClosing';
import { CycleOwnerName } from './CyclesPage';
import { ImportedCycleNotice } from '../results/ImportPublishedModal';

export type CycleTab = 'progress' | 'setup' | 'feeds';

export function CyclePage({ cycleId, tab, onTab }: { cycleId: string; tab?: CycleTab; onTab: (t: CycleTab) => void }) {
  const { t } = useCyT();
  const me = useMe();
  const cycle = useCycle(cycleId);
  const [importingSurvey, setImportingSurvey] = useState(false);
  if (cycle.error) return <QueryError error={cycle.error} onRetry={() => void cycle.refetch()} />;
  if (!cycle.data) return <Skeleton active />;
  const c = cycle.data;
  const active: CycleTab = tab ?? (c.status === 'setup' ? 'setup' : 'progress');
  // The cycle's administrators: its owner's and the province's (the server's flag).
  const isAdmin = c.may.administer;
  // Earlier years' published results imported from a file: no workflow, only the results.
  const imported = c.origin === 'imported';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/cycles">{t('list.title')}</Link> }, { title: c.name }]} />
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{c.name} <CycleStatusTag status={c.status} /></Typography.Title>
        <Space wrap>
          {c.status === 'open' && isAdmin && (
            <Button icon={<UploadOutlined />} onClick={() => setImportingSurvey(true)}>{t('survey.open')}</Button>
          )}
          {c.status !== 'setup' && !imported && (isAdmin || me?.roles.includes('appraiser')) && (
            <Link to="/appraisal" search={{ cycle: c.id }}><Button>{t('nav.appraisal')}</Button></Link>
          )}
          {c.status !== 'setup' && !imported && (
            <Link to="/council" search={{ cycle: c.id }}><Button>{t('nav.council')}</Button></Link>
          )}
          <CycleClosingButton cycle={c} />
        </Space>
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={[
        { key: 'o', label: t('list.owner'), children: <CycleOwnerName owner={c.owner} /> },
        { key: 'p', label: t('common.program'), children: c.program.name },
        { key: 'y', label: t('common.year'), children: c.year },
        ...(imported ? [] : [
          { key: 'd', label: t('calendar.selfAssessmentDeadline'), children: formatDate(c.calendar.selfAssessmentDeadline) },
          { key: 'a', label: t('calendar.appraisalTo'), children: `${formatDate(c.calendar.appraisalFrom)} – ${formatDate(c.calendar.appraisalTo)}` },
          { key: 'e', label: t('calendar.explanationTo'), children: `${formatDate(c.calendar.explanationFrom)} – ${formatDate(c.calendar.explanationTo)}` },
          { key: 'c', label: t('calendar.councilDate'), children: formatDate(c.calendar.councilDate) },
        ]),
        { key: 'u', label: t('calendar.publicationDate'), children: formatDate(c.calendar.publicationDate) },
      ]} />
      {imported ? <ImportedCycleNotice cycle={c} /> : (
        <>
          <ClosedCycleNotice cycle={c} />
          <Tabs activeKey={active} onChange={(k) => onTab(k as CycleTab)} items={[
            { key: 'progress', label: t('setup.tabProgress'), children: <ProgressPanel cycle={c} /> },
            ...(isAdmin ? [{ key: 'setup', label: t('setup.tabSetup'), children: <SetupPanel cycle={c} /> }] : []),
            ...(isAdmin && c.status !== 'setup' ? [{ key: 'feeds', label: <DataFeedsTabLabel />, children: <DataFeedsPanel cycle={c} /> }] : []),
          ]} />
        </>
      )}
      {importingSurvey && <SurveyPointsImportModal cycleId={c.id} onClose={() => setImportingSurvey(false)} />}
    </Space>
  );
}
