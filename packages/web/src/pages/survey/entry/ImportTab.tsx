/**
 * Importing answers from a file (issue 13 §3): the questionnaire's template (Excel or CSV), a check
 * (dry run) then the import, all or nothing. Long files: the upload's progress, then the rows the
 * server has checked or saved (polled with the import's progress key), then the errors by line and
 * column or the counts.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Progress, Select, Skeleton, Space, Spin, Table, Typography, Upload } from 'antd';
import { CheckOutlined, DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiError, type ApiErrorDetail } from '../../../api/client';
import { QueryError, SaveError } from '../../../components/errors';
import { formatDateTime, formatInteger, formatPercent } from '../../../format';
import { SURVEYS_KEY, useSurvey } from '../api';
import { useQueryClient } from '@tanstack/react-query';
import { answersTemplateUrl, importProgress, uploadAnswers, useSurveyImports, type ImportedAnswers, type ImportProgress } from './api';
import { useEntryT } from './i18n';

const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

export function ImportTab({ surveyId }: { surveyId: string }) {
  const { t } = useEntryT();
  const survey = useSurvey(surveyId);
  const imports = useSurveyImports(surveyId);
  const qc = useQueryClient();
  const [questionnaireId, setQuestionnaireId] = useState<string>();
  const [file, setFile] = useState<File | null>(null);
  const [running, setRunning] = useState<{ dryRun: boolean; key: string; upload: number; server: ImportProgress | null } | null>(null);
  const [result, setResult] = useState<ImportedAnswers | null>(null);
  const [error, setError] = useState<unknown>(null);

  // While the request runs, ask the server how far it is once a second.
  const key = running?.key;
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      importProgress(surveyId, key, controller.signal).then((p) => setRunning((r) => (r && r.key === key ? { ...r, server: p } : r)), () => undefined);
    }, 1000);
    return () => { clearInterval(timer); controller.abort(); };
  }, [surveyId, key]);

  if (survey.error) return <QueryError error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!survey.data) return <Skeleton active />;
  const usable = survey.data.questionnaires.filter((q) => q.currentVersion);
  const chosen = questionnaireId ?? usable[0]?.id;
  const collecting = survey.data.status === 'open';

  const send = async (dryRun: boolean) => {
    if (!file || !chosen) return;
    const progressKey = newKey();
    setRunning({ dryRun, key: progressKey, upload: 0, server: null });
    setError(null);
    setResult(null);
    try {
      const answer = await uploadAnswers(surveyId, { questionnaireId: chosen, dryRun, progressKey }, file, (f) => setRunning((r) => (r ? { ...r, upload: f } : r)));
      setResult(answer);
      if (!dryRun) await qc.invalidateQueries({ queryKey: SURVEYS_KEY });
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };

  const problems: (ApiErrorDetail & { key: number })[] = isApiError(error) && error.code === 'IMPORT_INVALID' ? error.details.map((d, i) => ({ ...d, key: i })) : [];
  const stage = running && (running.upload < 1 ? t('import.uploading', { percent: formatPercent(running.upload * 100) })
    : !running.server || running.server.phase === 'receiving' ? t('import.receiving')
    : running.server.phase === 'scoring' ? t('import.scoring')
    : t(running.server.phase === 'saving' ? 'import.saving' : 'import.checking', { rows: formatInteger(running.server.rows) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('import.intro')}</Typography.Paragraph>
      {!collecting && <Alert type="info" showIcon title={t('closed')} />}
      {/* Flex, not Space: the select shrinks to the screen on a phone instead of pushing past it. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Typography.Text>{t('import.questionnaire')}</Typography.Text>
        <Select style={{ flex: '1 1 240px', minWidth: 0, maxWidth: 520 }} value={chosen} onChange={(v) => { setQuestionnaireId(v); setResult(null); }}
          options={usable.map((q) => ({ value: q.id, label: `${q.code} — ${q.title}` }))} />
        {chosen && <Button icon={<DownloadOutlined />} href={answersTemplateUrl(surveyId, chosen, 'xlsx')}>{t('import.templateXlsx')}</Button>}
        {chosen && <Button icon={<DownloadOutlined />} href={answersTemplateUrl(surveyId, chosen, 'csv')}>{t('import.templateCsv')}</Button>}
      </div>
      {collecting && (
        <>
          <Upload.Dragger accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1} disabled={!!running}
            beforeUpload={(f) => { setFile(f); setResult(null); setError(null); return false; }} onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('import.drop')}</p>
          </Upload.Dragger>
          <Space wrap>
            <Button icon={<CheckOutlined />} disabled={!file || !chosen || !!running} loading={running?.dryRun} onClick={() => void send(true)}>{t('import.check')}</Button>
            <Button type="primary" icon={<UploadOutlined />} disabled={!file || !chosen || !!running} loading={running ? !running.dryRun : false} onClick={() => void send(false)}>{t('import.import')}</Button>
          </Space>
        </>
      )}
      {running && (
        <Space orientation="vertical" style={{ width: '100%' }} aria-live="polite">
          <Progress percent={Math.round(running.upload * 100)} size="small" />
          <Space><Spin size="small" /><Typography.Text>{stage}</Typography.Text></Space>
        </Space>
      )}
      {result && (
        <Alert type="success" showIcon title={t(result.dryRun ? 'import.checked' : 'import.imported', {
          responses: formatInteger(result.responses), answers: formatInteger(result.answers), units: formatInteger(result.units),
        })} />
      )}
      {problems.length > 0 && (
        <>
          <Alert type="error" showIcon title={isApiError(error) ? error.message : ''} description={t('import.errors')} />
          <Table size="small" rowKey="key" dataSource={problems} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 560 }} style={{ maxWidth: 'calc(100vw - 32px)' }}
            columns={[
              { title: t('import.line'), dataIndex: 'line', width: 80 },
              { title: t('import.column'), dataIndex: 'column', width: 140 },
              { title: t('import.message'), dataIndex: 'message' },
            ]} />
        </>
      )}
      {error != null && problems.length === 0 && <SaveError error={error} />}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('import.history')}</Typography.Title>
      <Table size="small" rowKey="id" dataSource={imports.data?.items ?? []} loading={imports.isLoading} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('import.none') }} scroll={{ x: 'max-content' }}
        columns={[
          { title: t('import.file'), dataIndex: 'fileName' },
          { title: t('import.responses'), render: (_, r) => formatInteger(r.responses), align: 'right' },
          { title: t('import.answers'), render: (_, r) => formatInteger(r.answers), align: 'right' },
          { title: t('import.when'), render: (_, r) => formatDateTime(r.importedAt) },
          { title: t('import.who'), render: (_, r) => r.importedBy?.name ?? '' },
        ]} />
    </Space>
  );
}
