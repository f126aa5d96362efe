/**
 * Paper entry (issue 13 §3): batches of paper forms per questionnaire × rated unit, a keyboard-first
 * form to type one paper form at a time (round 1 or 2), the forms' states, and the reconciliation
 * of forms whose two rounds differ.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Form, Input, Modal, Progress, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { QueryError, SaveError } from '../../../components/errors';
import { formatDateTime, formatInteger } from '../../../format';
import { useSurvey } from '../api';
import { useQuestionnaire } from '../setup/api';
import { usePaperBatch, usePaperBatches, useCreatePaperBatch, type PaperBatch, type PaperFormState, type PaperFormSummary } from './api';
import { useEntryT } from './i18n';
import { PaperFormEntry } from './PaperFormEntry';
import { ReconcileModal } from './ReconcileModal';

const stateColors: Record<PaperFormState, string> = { one_round: 'default', agreed: 'green', differences: 'orange', reconciled: 'blue' };

export function PaperStateTag({ state }: { state: PaperFormState }) {
  const { t } = useEntryT();
  return <Tag color={stateColors[state]}>{t(`paper.states.${state}`)}</Tag>;
}

export function PaperEntryTab({ surveyId }: { surveyId: string }) {
  const { t } = useEntryT();
  const survey = useSurvey(surveyId);
  const batches = usePaperBatches(surveyId);
  const [creating, setCreating] = useState(false);
  const [batchId, setBatchId] = useState<string>();
  if (batches.error) return <QueryError error={batches.error} onRetry={() => void batches.refetch()} />;
  if (!batches.data || !survey.data) return <Skeleton active />;
  const collecting = survey.data.status === 'open';
  const done = (b: PaperBatch) => b.progress.agreed + b.progress.reconciled;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('paper.intro')}</Typography.Paragraph>
      {!collecting && <Alert type="info" showIcon title={t('closed')} />}
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('paper.batches')}</Typography.Title>
        {collecting && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('paper.newBatch')}</Button>}
      </Space>
      <Table<PaperBatch>
        // Long batch and unit names wrap (a max-content table pushed the button past the page's edge); the button stays in view on a phone.
        rowKey="id" size="small" pagination={false} scroll={{ x: 720 }} dataSource={batches.data.items} locale={{ emptyText: t('paper.noBatch') }}
        columns={[
          { title: t('paper.label'), dataIndex: 'label' },
          { title: t('paper.questionnaire'), width: 110, render: (_, b) => b.questionnaire.code },
          { title: t('paper.unit'), render: (_, b) => b.unit.name },
          {
            title: t('paper.progress'), width: 260,
            render: (_, b) => (
              <Space orientation="vertical" size={0} style={{ minWidth: 180 }}>
                <Progress size="small" percent={b.progress.forms ? Math.round((100 * done(b)) / b.progress.forms) : 0} />
                <Typography.Text type="secondary">
                  {t('paper.progressValue', { done: formatInteger(done(b)), forms: formatInteger(b.progress.forms) })}
                  {b.progress.differences > 0 && <> · <Tag color="orange">{formatInteger(b.progress.differences)} {t('paper.states.differences')}</Tag></>}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '', key: 'open', fixed: 'right', width: 150,
            render: (_, b) => <Button icon={<FormOutlined />} type={b.id === batchId ? 'primary' : 'default'} onClick={() => setBatchId(b.id)}>{t('paper.open')}</Button>,
          },
        ]}
      />
      {batchId && <BatchPanel key={batchId} surveyId={surveyId} batchId={batchId} collecting={collecting} />}
      {creating && <NewBatchModal surveyId={surveyId} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); setBatchId(id); }} />}
    </Space>
  );
}

function BatchPanel({ surveyId, batchId, collecting }: { surveyId: string; batchId: string; collecting: boolean }) {
  const { t } = useEntryT();
  const batch = usePaperBatch(surveyId, batchId);
  const [reconciling, setReconciling] = useState<string>();
  if (batch.error) return <QueryError error={batch.error} onRetry={() => void batch.refetch()} />;
  if (!batch.data) return <Skeleton active />;
  const b = batch.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {collecting && (
        <Card size="small" title={`${b.label} — ${b.questionnaire.code} · ${b.unit.name}`}>
          <PaperFormEntry surveyId={surveyId} batch={b} onDifferences={setReconciling} />
        </Card>
      )}
      <Card size="small" title={t('paper.forms')}>
        <Table<PaperFormSummary>
          rowKey="formNumber" size="small" scroll={{ x: 'max-content' }} dataSource={b.forms} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('paper.form'), dataIndex: 'formNumber' },
            { title: t('paper.state'), render: (_, f) => <PaperStateTag state={f.state} /> },
            { title: t('paper.typedBy'), render: (_, f) => f.rounds.map((r) => `${t('paper.roundN', { round: r.round })}: ${r.enteredBy.name} (${formatDateTime(r.enteredAt)})`).join(' · ') },
            { title: '', render: (_, f) => (f.state === 'differences' && collecting ? <Button size="small" onClick={() => setReconciling(f.formNumber)}>{t('paper.reconcile')}</Button> : null) },
          ]}
        />
      </Card>
      {reconciling && <ReconcileModal surveyId={surveyId} batchId={batchId} formNumber={reconciling} onClose={() => setReconciling(undefined)} />}
    </Space>
  );
}

function NewBatchModal({ surveyId, onClose, onCreated }: { surveyId: string; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useEntryT();
  const { message } = AntApp.useApp();
  const survey = useSurvey(surveyId);
  const [form] = Form.useForm<{ questionnaireId: string; unitId: string; label: string }>();
  const questionnaireId = Form.useWatch('questionnaireId', form);
  const questionnaire = useQuestionnaire(surveyId, questionnaireId);
  const create = useCreatePaperBatch(surveyId);
  const usable = (survey.data?.questionnaires ?? []).filter((q) => q.currentVersion);
  const submit = async () => {
    const values = await form.validateFields();
    const created = await create.mutateAsync(values).catch(() => null);
    if (!created) return;
    void message.success(t('paper.created'));
    onCreated(created.id);
  };
  return (
    <Modal open title={t('paper.newBatch')} okText={t('paper.create')} cancelText={t('paper.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="questionnaireId" label={t('paper.questionnaire')} rules={[{ required: true, message: t('paper.questionnaire') }]}>
          <Select options={usable.map((q) => ({ value: q.id, label: `${q.code} — ${q.title}` }))} onChange={() => form.setFieldValue('unitId', undefined)} />
        </Form.Item>
        <Form.Item name="unitId" label={t('paper.unit')} rules={[{ required: true, message: t('paper.unit') }]}>
          <Select showSearch optionFilterProp="label" loading={questionnaire.isLoading} disabled={!questionnaireId}
            options={(questionnaire.data?.units ?? []).map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))} />
        </Form.Item>
        <Form.Item name="label" label={t('paper.label')} rules={[{ required: true, whitespace: true, message: t('paper.label') }]}>
          <Input placeholder={t('paper.labelHint')} maxLength={200} />
        </Form.Item>
      </Form>
      {create.error != null && <SaveError error={create.error} />}
    </Modal>
  );
}
