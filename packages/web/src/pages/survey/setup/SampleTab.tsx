/**
 * The sample of a questionnaire (issue 13 §2): the quota of each rated unit (edited in the table,
 * or the same for all), the list of people each unit served (imported, checked line by line), the
 * draw from the survey's seed, and per unit the list's size, the quota and how many were drawn.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Empty, Grid, InputNumber, List, Popconfirm, Select, Skeleton, Space, Table, Typography, type TableColumnsType } from 'antd';
import { SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiError } from '../../../api/client';
import { ImportDialog, useTableImport } from '../../../components/ImportDialog';
import { QueryError, SaveError } from '../../../components/errors';
import { formatInteger } from '../../../format';
import { useSurvey, type SurveyDetail } from '../api';
import { useDrawSample, useImportRespondents, useQuestionnaire, useSetQuotas, type QuestionnaireDetail, type RespondentsImported } from './api';
import { useSetupT } from './i18n';
import { CONFIRM_ROOT } from '../confirm-width';

type UnitRow = QuestionnaireDetail['units'][number];

export function SampleTab({ surveyId }: { surveyId: string }) {
  const { t } = useSetupT();
  const survey = useSurvey(surveyId);
  const [chosen, setChosen] = useState<string>();
  if (survey.error) return <QueryError error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!survey.data) return <Skeleton active />;
  const s = survey.data;
  if (s.questionnaires.length === 0) return <Empty description={t('sample.noQuestionnaire')} />;
  const selected = chosen ?? s.questionnaires[0]!.id;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('sample.questionnaire')}</span>
        <Select aria-label={t('sample.questionnaire')} style={{ width: 'min(480px, calc(100vw - 48px))' }} value={selected} onChange={setChosen}
          options={s.questionnaires.map((q) => ({ value: q.id, label: `${q.code} — ${q.title}` }))} />
      </Space>
      <SamplePanel key={selected} survey={s} questionnaireId={selected} />
    </Space>
  );
}

function SamplePanel({ survey, questionnaireId }: { survey: SurveyDetail; questionnaireId: string }) {
  const { t } = useSetupT();
  const { message } = AntApp.useApp();
  const phone = !Grid.useBreakpoint().md;
  const q = useQuestionnaire(survey.id, questionnaireId);
  const setQuotas = useSetQuotas(survey.id, questionnaireId);
  const draw = useDrawSample(survey.id, questionnaireId);
  /** Quotas typed but not saved yet, by unit. */
  const [edits, setEdits] = useState<Record<string, number>>({});
  const [every, setEvery] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const d = q.data;
  const quotaOf = (u: UnitRow) => edits[u.id] ?? u.quota;
  const editable = survey.may.manage && survey.status !== 'closed';
  const drawn = d.sampled > 0;
  const changed = d.units.some((u) => quotaOf(u) !== u.quota);
  const saveQuotas = (body: { every?: number; quotas?: { unitId: string; quota: number }[] }) =>
    setQuotas.mutateAsync({ version: d.version, ...body }).then(() => { setEdits({}); void message.success(t('sample.quotasSaved')); }, () => undefined);
  const conflict = isApiError(setQuotas.error) && setQuotas.error.code === 'CONFLICT';
  const total = (k: 'quota' | 'respondents' | 'sampled') => d.units.reduce((n, u) => n + (k === 'quota' ? quotaOf(u) : u[k]), 0);

  const quotaCell = (u: UnitRow) => (editable ? (
    <InputNumber aria-label={`${t('sample.col.quota')} ${u.name}`} min={0} max={100000} precision={0} style={{ width: phone ? 180 : 100 }} value={quotaOf(u)}
      prefix={phone ? `${t('sample.col.quota')}:` : undefined}
      onChange={(v) => setEdits((m) => ({ ...m, [u.id]: v ?? 0 }))} />
  ) : `${phone ? `${t('sample.col.quota')}: ` : ''}${formatInteger(u.quota)}`);
  const columns: TableColumnsType<UnitRow> = [
    { title: t('sample.col.code'), dataIndex: 'code', width: 110, responsive: ['sm'] },
    { title: t('sample.col.unit'), dataIndex: 'name' },
    {
      title: t('sample.col.quota'), width: 130, align: 'right',
      render: (_, u) => quotaCell(u),
    },
    { title: t('sample.col.listed'), width: 120, align: 'right', render: (_, u) => formatInteger(u.respondents) },
    { title: t('sample.col.sampled'), width: 110, align: 'right', render: (_, u) => formatInteger(u.sampled) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('sample.privacy')}</Typography.Text>
      {drawn && <Alert type="success" showIcon title={t('sample.alreadyDrawn', { sampled: formatInteger(d.sampled) })} />}
      {editable && (
        <Space wrap>
          <Space.Compact>
            <InputNumber aria-label={t('sample.every')} placeholder={t('sample.every')} min={0} max={100000} precision={0} style={{ width: 220 }} value={every} onChange={setEvery} />
            <Button disabled={every === null} onClick={() => void saveQuotas({ every: every! })}>{t('sample.apply')}</Button>
          </Space.Compact>
          <Button icon={<SaveOutlined />} disabled={!changed} loading={setQuotas.isPending}
            onClick={() => void saveQuotas({ quotas: d.units.map((u) => ({ unitId: u.id, quota: quotaOf(u) })) })}>{t('sample.saveQuotas')}</Button>
          {!drawn && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('sample.importList')}</Button>}
          {!drawn && (
            <Popconfirm title={t('sample.drawConfirm')} styles={{ root: CONFIRM_ROOT }} okText={t('sample.draw')} cancelText={t('form.cancel')}
              onConfirm={() => draw.mutateAsync().then((r) => void message.success(t('sample.drawn', { sampled: formatInteger(r.sampled) })), () => undefined)}>
              <Button type="primary" loading={draw.isPending} disabled={d.respondents === 0 || changed}>{t('sample.draw')}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {setQuotas.error != null && !conflict && <SaveError error={setQuotas.error} />}
      {conflict && <Alert type="warning" showIcon title={setQuotas.error instanceof Error ? setQuotas.error.message : ''} />}
      {draw.error != null && <SaveError error={draw.error} />}
      <Typography.Text type="secondary">{t('sample.seedNote', { seed: survey.seed })}</Typography.Text>
      {phone ? (
        <List size="small" bordered dataSource={d.units} footer={<Typography.Text strong>{t('sample.total')}: {t('sample.phoneCounts', { quota: formatInteger(total('quota')), listed: formatInteger(total('respondents')), sampled: formatInteger(total('sampled')) })}</Typography.Text>}
          renderItem={(u) => (
            <List.Item>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong>{u.name}</Typography.Text>
                <Space wrap>
                  {quotaCell(u)}
                  <Typography.Text type="secondary">{t('sample.phoneUnit', { listed: formatInteger(u.respondents), sampled: formatInteger(u.sampled) })}</Typography.Text>
                </Space>
              </Space>
            </List.Item>
          )} />
      ) : <Table<UnitRow> size="small" rowKey="id" pagination={false} dataSource={d.units} columns={columns}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}><Typography.Text strong>{t('sample.total')}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><Typography.Text strong>{formatInteger(total('quota'))}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right"><Typography.Text strong>{formatInteger(total('respondents'))}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right"><Typography.Text strong>{formatInteger(total('sampled'))}</Typography.Text></Table.Summary.Cell>
          </Table.Summary.Row>
        )} />}
      {importing && <RespondentImport surveyId={survey.id} questionnaireId={d.id} onClose={() => setImporting(false)} />}
    </Space>
  );
}

function RespondentImport({ surveyId, questionnaireId, onClose }: { surveyId: string; questionnaireId: string; onClose: () => void }) {
  const { t } = useSetupT();
  const { message } = AntApp.useApp();
  const imp = useImportRespondents(surveyId, questionnaireId);
  const { texts, problemColumns } = useTableImport(t('sample.importTitle'), t('sample.drop'));
  const counts = (r: RespondentsImported) => ({ respondents: formatInteger(r.respondents), units: formatInteger(r.units) });
  return (
    <ImportDialog
      texts={texts}
      accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      intro={<Typography.Paragraph>{t('sample.importText')}</Typography.Paragraph>}
      send={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
      checkedSummary={(r) => t('sample.importSummary', counts(r))}
      problemColumns={problemColumns}
      onImported={(r) => { void message.success(t('sample.imported', counts(r))); onClose(); }}
      onClose={onClose}
    />
  );
}
