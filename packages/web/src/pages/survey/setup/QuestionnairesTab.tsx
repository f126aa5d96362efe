/**
 * The survey's questionnaires (issue 13 §1): the list, a new one, and for the one chosen its
 * current version (preview), its versions (each downloadable as Excel), the template, an upload
 * whose problems are shown by sheet, line and column, and the on-screen editor.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Empty, Form, Input, List, Modal, Select, Skeleton, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiError, type ApiErrorDetail } from '../../../api/client';
import { QueryError, SaveError } from '../../../components/errors';
import { formatDateTime, formatInteger } from '../../../format';
import { useSurvey, type QuestionnaireSummary, type SurveyDetail } from '../api';
import { questionnaireTemplateUrl, questionnaireVersionUrl, useCreateQuestionnaire, useQuestionnaire, useUploadQuestionnaire, type QuestionnaireDetail } from './api';
import { useSetupT } from './i18n';
import { QuestionnaireEditor } from './QuestionnaireEditor';
import { QuestionnairePreview } from './QuestionnairePreview';

export function QuestionnairesTab({ surveyId }: { surveyId: string }) {
  const { t } = useSetupT();
  const survey = useSurvey(surveyId);
  const [chosen, setChosen] = useState<string>();
  const [adding, setAdding] = useState(false);
  if (survey.error) return <QueryError error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!survey.data) return <Skeleton active />;
  const s = survey.data;
  const editable = s.may.manage && s.status !== 'closed';
  const selected = chosen ?? s.questionnaires[0]?.id;
  const columns: TableColumnsType<QuestionnaireSummary> = [
    { title: t('col.code'), dataIndex: 'code', width: 110 },
    { title: t('col.title'), dataIndex: 'title' },
    { title: t('col.respondents'), dataIndex: 'respondentGroupLabel', responsive: ['md'] },
    { title: t('col.rated'), render: (_, q) => q.ratedGroup.name, responsive: ['lg'] },
    { title: t('col.version'), render: (_, q) => (q.currentVersion ? t('versionOf', { number: q.currentVersion.number, count: q.currentVersion.questions }) : <Tag>{t('noVersion')}</Tag>) },
    { title: t('col.responses'), align: 'right', width: 120, render: (_, q) => formatInteger(q.responses), responsive: ['md'] },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {editable && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('add')}</Button>}
      {s.questionnaires.length === 0 ? <Empty description={t('empty')} /> : (
        <Table<QuestionnaireSummary> size="small" rowKey="id" pagination={false} dataSource={s.questionnaires} columns={columns}
          rowSelection={{
            type: 'radio', selectedRowKeys: selected ? [selected] : [], onChange: (keys) => setChosen(String(keys[0])),
            getCheckboxProps: (q) => ({ 'aria-label': t('selectRow', { code: q.code }) }),
          }}
          onRow={(q) => ({ onClick: () => setChosen(q.id), style: { cursor: 'pointer' } })} />
      )}
      {selected && <QuestionnairePanel survey={s} questionnaireId={selected} editable={editable} />}
      {adding && <NewQuestionnaireModal survey={s} onClose={() => setAdding(false)} onCreated={(id) => { setAdding(false); setChosen(id); }} />}
    </Space>
  );
}

function QuestionnairePanel({ survey, questionnaireId, editable }: { survey: SurveyDetail; questionnaireId: string; editable: boolean }) {
  const { t } = useSetupT();
  const q = useQuestionnaire(survey.id, questionnaireId);
  const [editing, setEditing] = useState(false);
  const [refused, setRefused] = useState<unknown>(null);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const d = q.data;
  return (
    <Card size="small" title={`${d.code} — ${d.title}`}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{d.respondentGroupLabel} → {d.ratedGroup.name}</Typography.Text>
        <Space wrap>
          {editable && <UploadButton surveyId={survey.id} questionnaireId={d.id} onRefused={setRefused} />}
          {editable && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('author')}</Button>}
          <Button icon={<DownloadOutlined />} href={questionnaireTemplateUrl(survey.id, d.id)} download>{t('template')}</Button>
          {d.current && <Button icon={<DownloadOutlined />} href={questionnaireVersionUrl(survey.id, d.id, d.current.id)} download>{t('download')}</Button>}
        </Space>
        {refused != null && <UploadProblems error={refused} />}
        {editable && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('uploadHelp')}</Typography.Paragraph>}
        {d.current && <QuestionnairePreview questionnaire={d.current.document} criteria={d.criteria} />}
        {d.versions.length > 0 && <Versions survey={survey} questionnaire={d} />}
      </Space>
      {editing && <QuestionnaireEditor surveyId={survey.id} questionnaire={d} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function Versions({ survey, questionnaire }: { survey: SurveyDetail; questionnaire: QuestionnaireDetail }) {
  const { t } = useSetupT();
  return (
    <div>
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('versions')}</Typography.Title>
      <List size="small" dataSource={questionnaire.versions} renderItem={(v) => (
        <List.Item actions={[<Button key="x" size="small" type="link" icon={<DownloadOutlined />} href={questionnaireVersionUrl(survey.id, questionnaire.id, v.id)} download aria-label={`${t('download')} ${t('versionRow', { number: v.number })}`} />]}>
          <Space wrap size={[8, 0]}>
            <Typography.Text strong>{t('versionRow', { number: v.number })}</Typography.Text>
            {v.id === questionnaire.current?.id && <Tag color="green">{t('current')}</Tag>}
            <Typography.Text type="secondary">{formatDateTime(v.createdAt)} · {v.fileName ? t('fromFile', { name: v.fileName }) : t('authored')} · {t('answers', { count: v.responses })}</Typography.Text>
          </Space>
        </List.Item>
      )} />
    </div>
  );
}

/** Uploads a workbook as a new version; a refusal goes to `onRefused` (null once a file is taken). */
function UploadButton({ surveyId, questionnaireId, onRefused }: { surveyId: string; questionnaireId: string; onRefused: (error: unknown) => void }) {
  const { t } = useSetupT();
  const { message } = AntApp.useApp();
  const upload = useUploadQuestionnaire(surveyId, questionnaireId);
  const send = async (file: File) => {
    onRefused(null);
    try {
      const saved = await upload.mutateAsync(file);
      void message.success(t('uploaded', { number: saved.current?.number }));
    } catch (e) {
      onRefused(e);
    }
  };
  return (
    <Upload accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} beforeUpload={(f) => { void send(f); return false; }}>
      <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>{t('upload')}</Button>
    </Upload>
  );
}

/** Why a workbook was refused: each problem with its sheet, line and column. */
function UploadProblems({ error }: { error: unknown }) {
  const { t } = useSetupT();
  if (!isApiError(error) || error.code !== 'IMPORT_INVALID') return <SaveError error={error} />;
  const problems = error.details;
  const columns: TableColumnsType<ApiErrorDetail & { key: number }> = [
    { title: t('errCol.sheet'), dataIndex: 'path', width: 100 },
    { title: t('errCol.line'), dataIndex: 'line', width: 70 },
    { title: t('errCol.column'), dataIndex: 'column', width: 110, render: (c: unknown) => (c ? String(c) : '—') },
    { title: t('errCol.message'), dataIndex: 'message' },
  ];
  return (
    <div aria-live="polite">
      <Alert type="error" showIcon role="alert" style={{ marginBottom: 8 }} title={t('uploadErrors', { count: problems.length })} />
      <Table size="small" pagination={problems.length > 20 ? { pageSize: 20 } : false} dataSource={problems.map((p, i) => ({ ...p, key: i }))} columns={columns} scroll={{ x: 520 }} />
    </div>
  );
}

function NewQuestionnaireModal({ survey, onClose, onCreated }: { survey: SurveyDetail; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useSetupT();
  const { message } = AntApp.useApp();
  const create = useCreateQuestionnaire(survey.id);
  const [form] = Form.useForm();
  const required = (hint: string) => [{ required: true, whitespace: true, message: hint }];
  return (
    <Modal open title={t('form.title')} okText={t('form.save')} cancelText={t('form.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" initialValues={{ ratedGroupId: survey.groups.length === 1 ? survey.groups[0]!.id : undefined }}
        onFinish={(v) => create.mutateAsync(v).then((q) => { void message.success(t('form.created')); onCreated(q.id); }, () => undefined)}>
        <Form.Item name="code" label={t('form.code')} rules={required(t('form.codeHint'))}><Input placeholder={t('form.codeHint')} maxLength={30} /></Form.Item>
        <Form.Item name="title" label={t('form.name')} rules={required(t('form.nameHint'))}><Input placeholder={t('form.nameHint')} maxLength={300} /></Form.Item>
        <Form.Item name="respondentGroupLabel" label={t('form.groupLabel')} rules={required(t('form.groupLabelHint'))}><Input placeholder={t('form.groupLabelHint')} maxLength={200} /></Form.Item>
        <Form.Item name="respondentGroup" label={t('form.group')} rules={required(t('form.groupHint'))}><Input placeholder={t('form.groupHint')} maxLength={50} /></Form.Item>
        <Form.Item name="ratedGroupId" label={t('form.rated')} rules={[{ required: true, message: t('form.ratedHint') }]}>
          <Select placeholder={t('form.ratedHint')} options={survey.groups.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
      </Form>
      {create.error != null && <SaveError error={create.error} />}
    </Modal>
  );
}
