/**
 * Reconciling a paper form whose two rounds differ (issue 13 §3): side by side, per question, what
 * round 1 and round 2 typed (and who typed them); the reconciler picks one or types what the paper
 * says, and gives a reason. The form then becomes a response.
 */
import { useId, useState } from 'react';
import { App as AntApp, Alert, Grid, Input, List, Modal, Radio, Skeleton, Space, Table, Typography } from 'antd';
import type { PaperForm } from './api';
import { QueryError, SaveError } from '../../../components/errors';
import { YES_NO_CHOICES, YES_NO_LIST, type Questionnaire } from '@chiso/core';
import { useQuestionnaire } from '../setup/api';
import { usePaperBatch, usePaperForm, useReconcilePaperForm } from './api';
import { useEntryT } from './i18n';

type Pick = 'first' | 'second' | 'paper';

export function ReconcileModal({ surveyId, batchId, formNumber, onClose }: { surveyId: string; batchId: string; formNumber: string; onClose: () => void }) {
  const { t } = useEntryT();
  const { message } = AntApp.useApp();
  const form = usePaperForm(surveyId, batchId, formNumber);
  const reconcile = useReconcilePaperForm(surveyId, batchId);
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [paper, setPaper] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const wide = Grid.useBreakpoint().md ?? true;
  const data = form.data;
  const nameOf = (round: number) => data?.entries.find((e) => e.round === round)?.enteredBy.name ?? '';
  const batch = usePaperBatch(surveyId, batchId);
  const doc = useQuestionnaire(surveyId, batch.data?.questionnaire.id).data?.current?.document;
  const reasonId = useId();
  const shown = (question: string, v: string | null) => (v === null ? <Typography.Text type="secondary">{t('paper.empty')}</Typography.Text> : choiceText(doc, question, v));
  type Difference = PaperForm['differences'][number];
  const decision = (d: Difference) => (
    <Space wrap>
      <Radio.Group value={picks[d.question]} onChange={(e) => setPicks((p) => ({ ...p, [d.question]: e.target.value as Pick }))}
        options={[{ value: 'first', label: t('paper.roundN', { round: 1 }) }, { value: 'second', label: t('paper.roundN', { round: 2 }) }, { value: 'paper', label: t('paper.paperValue') }]} />
      {picks[d.question] === 'paper' && (
        <Input style={{ width: 120 }} aria-label={`${t('paper.paperValue')}: ${d.label}`} value={paper[d.question] ?? ''}
          onChange={(e) => setPaper((p) => ({ ...p, [d.question]: e.target.value }))} />
      )}
    </Space>
  );
  const submit = async () => {
    if (!data) return;
    if (data.differences.some((d) => !picks[d.question]) || !reason.trim()) return setMissing(true);
    const decisions = data.differences.map((d) => ({ question: d.question, pick: picks[d.question]!, ...(picks[d.question] === 'paper' ? { value: paper[d.question] ?? '' } : {}) }));
    const done = await reconcile.mutateAsync({ formNumber, decisions, reason: reason.trim() }).catch(() => null);
    if (!done) return;
    void message.success(t('paper.reconciled', { form: formNumber }));
    onClose();
  };
  return (
    <Modal open width={900} title={t('paper.reconcileTitle', { form: formNumber })} okText={t('paper.decide')} cancelText={t('paper.cancel')}
      onOk={() => void submit()} onCancel={onClose} confirmLoading={reconcile.isPending}>
      {form.error ? <QueryError error={form.error} onRetry={() => void form.refetch()} /> : !data ? <Skeleton active /> : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('paper.reconcileIntro')}</Typography.Paragraph>
          {!wide ? (
            <List dataSource={data.differences} rowKey="question" renderItem={(d) => (
              <List.Item>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Text strong>{d.label}</Typography.Text>
                  <Typography.Text>{t('paper.first', { name: nameOf(1) })}: {shown(d.question, d.first)}</Typography.Text>
                  <Typography.Text>{t('paper.second', { name: nameOf(2) })}: {shown(d.question, d.second)}</Typography.Text>
                  {decision(d)}
                </Space>
              </List.Item>
            )} />
          ) : <Table
            rowKey="question" size="small" pagination={false} scroll={{ x: 840 }} dataSource={data.differences}
            columns={[
              { title: t('paper.question'), width: 260, render: (_, d) => <>{d.label} <Typography.Text type="secondary">({d.question})</Typography.Text></> },
              { title: t('paper.first', { name: nameOf(1) }), width: 160, render: (_, d) => shown(d.question, d.first) },
              { title: t('paper.second', { name: nameOf(2) }), width: 160, render: (_, d) => shown(d.question, d.second) },
              { title: '', render: (_, d) => decision(d) },
            ]}
          />}
          <div>
            <Typography.Text strong id={reasonId}>{t('paper.reason')}</Typography.Text>
            <Input.TextArea aria-labelledby={reasonId} aria-required rows={2} maxLength={1000} placeholder={t('paper.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {missing && <Alert type="warning" showIcon title={t('paper.pickAll')} />}
          {reconcile.error != null && <SaveError error={reconcile.error} />}
        </Space>
      )}
    </Modal>
  );
}

/** A typed value as the reconciler reads it: each choice's name with its label ("b — Tốt"); other answers as typed. */
function choiceText(doc: Questionnaire | undefined, question: string, value: string): string {
  const q = doc?.questions.find((x) => x.name === question);
  const list = q?.type === 'yes_no' ? (doc?.choices[YES_NO_LIST] ?? YES_NO_CHOICES) : q?.list ? doc?.choices[q.list] : undefined;
  if (!list) return value;
  return value.split(/\s+/).filter(Boolean).map((name) => {
    const label = list.find((c) => c.name === name)?.label;
    return label ? `${name} — ${label}` : name;
  }).join('; ');
}
