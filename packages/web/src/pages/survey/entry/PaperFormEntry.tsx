/**
 * Typing one paper form (issue 13 §3), keyboard first: the form's number, then each visible question
 * in the questionnaire's order (skip logic applied as answers are typed), choices typed by name
 * (A/B/C/D, case does not matter). Enter moves on, Ctrl+Enter saves ("Lưu và nhập phiếu tiếp"),
 * and the next form's number is proposed. The round (1 or 2) is kept per batch on this device.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Radio, Skeleton, Space, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { questionChoices, visibleQuestions, type Questionnaire, type SurveyQuestion } from '@chiso/core';
import { isApiError } from '../../../api/client';
import { SaveError } from '../../../components/errors';
import { useQuestionnaire } from '../setup/api';
import { useEnterPaperForm, type PaperBatchDetail, type PaperForm } from './api';
import { useEntryT } from './i18n';

const nextNumber = (n: string) => (/^\d+$/.test(n) ? String(Number(n) + 1).padStart(n.length, '0') : n);

/** A typed choice written as the questionnaire spells it ("a" → "A"); several names for a multiple choice. */
function spelled(q: Questionnaire, question: SurveyQuestion, value: string): string {
  const names = new Map(questionChoices(q, question).map((c) => [c.name.toLowerCase(), c.name]));
  if (names.size === 0) return value;
  return value.trim().split(/\s+/).filter(Boolean).map((v) => names.get(v.toLowerCase()) ?? v).join(' ');
}

export function PaperFormEntry({ surveyId, batch, onDifferences }: { surveyId: string; batch: PaperBatchDetail; onDifferences: (formNumber: string) => void }) {
  const { t } = useEntryT();
  const questionnaire = useQuestionnaire(surveyId, batch.questionnaire.id);
  const roundKey = `chiso.paperRound.${batch.id}`;
  const [round, setRound] = useState<1 | 2>(() => (localStorage.getItem(roundKey) === '2' ? 2 : 1));
  // The number after the batch's last typed form (paper forms are usually typed in order).
  const [formNumber, setFormNumber] = useState(() => (batch.forms.length ? nextNumber(batch.forms[batch.forms.length - 1]!.formNumber) : '1'));
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<PaperForm | null>(null);
  const enter = useEnterPaperForm(surveyId, batch.id);
  const q = questionnaire.data?.current?.document as Questionnaire | undefined;
  const spelledAnswers = useMemo(() => {
    if (!q) return {};
    return Object.fromEntries(q.questions.filter((x) => answers[x.name]).map((x) => [x.name, spelled(q, x, answers[x.name]!)]));
  }, [q, answers]);
  const visible = useMemo(() => (q ? visibleQuestions(q, spelledAnswers).filter((x) => x.type !== 'note') : []), [q, spelledAnswers]);
  if (questionnaire.error) return <SaveError error={questionnaire.error} />;
  if (!q) return <Skeleton active />;

  const order = ['__form', ...visible.map((x) => x.name)];
  const inputId = (name: string) => `paper-${batch.id}-${name}`;
  const focus = (name: string) => {
    const el = document.getElementById(inputId(name)) as HTMLInputElement | null;
    el?.focus();
    el?.select();
  };
  const fieldErrors = new Map(isApiError(enter.error) ? enter.error.fieldErrors().map((d) => [d.path!.replace(/^answers\./, ''), d.message]) : []);
  const save = async () => {
    const result = await enter.mutateAsync({ formNumber: formNumber.trim(), round, answers: Object.fromEntries(visible.map((x) => [x.name, spelledAnswers[x.name] ?? ''])) }).catch(() => null);
    if (!result) return;
    setSaved(result);
    if (result.state === 'differences') onDifferences(result.formNumber);
    setAnswers({});
    setFormNumber(nextNumber(result.formNumber));
    setTimeout(() => focus('__form'), 0);
  };
  const onKey = (name: string, e: React.KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = order[order.indexOf(name) + 1];
    if (e.ctrlKey || e.metaKey || !next) void save();
    else focus(next);
  };
  const hint = (x: SurveyQuestion) => {
    const choices = questionChoices(q, x).map((c) => `${c.name} = ${c.label}`).join(' · ');
    if (choices) return t(x.type === 'select_multiple' ? 'paper.multipleHint' : 'paper.choicesHint', { choices });
    if (x.type === 'integer' || x.type === 'decimal') return t('paper.numberHint', { bounds: x.min || x.max ? ` (${x.min ?? '…'}–${x.max ?? '…'})` : '' });
    return x.hint;
  };
  const savedMessage = saved && (saved.state === 'agreed'
    ? t('paper.savedAgreed', { form: saved.formNumber })
    : saved.state === 'differences' ? t('paper.savedDifferences', { form: saved.formNumber, count: saved.differences.length }) : t('paper.savedOne', { form: saved.formNumber, round }));

  return (
    <Form layout="vertical" requiredMark={false} onSubmitCapture={(e) => e.preventDefault()}>
      <Space wrap align="start" size="large">
        <Form.Item label={t('paper.round')} help={t('paper.roundHelp', { round })}>
          <Radio.Group value={round} optionType="button" buttonStyle="solid"
            onChange={(e) => { setRound(e.target.value); localStorage.setItem(roundKey, String(e.target.value)); }}
            options={[1, 2].map((r) => ({ value: r, label: t('paper.roundN', { round: r }) }))} />
        </Form.Item>
        <Form.Item label={t('paper.formNumber')} validateStatus={fieldErrors.has('formNumber') ? 'error' : undefined} help={fieldErrors.get('formNumber')}>
          <Input autoFocus id={inputId('__form')} value={formNumber} maxLength={40} style={{ width: 160 }}
            onChange={(e) => setFormNumber(e.target.value)} onKeyDown={(e) => onKey('__form', e)} />
        </Form.Item>
      </Space>
      {savedMessage && <Alert style={{ marginBottom: 12 }} showIcon type={saved?.state === 'differences' ? 'warning' : 'success'} title={savedMessage} />}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', columnGap: 16 }}>
        {visible.map((x, i) => (
          <Form.Item key={x.name} label={`${i + 1}. ${x.label}${x.required ? ` (${t('paper.required')})` : ''}`}
            validateStatus={fieldErrors.has(x.name) ? 'error' : undefined} help={fieldErrors.get(x.name) ?? hint(x)}>
            <Input id={inputId(x.name)} value={answers[x.name] ?? ''} aria-label={x.label}
              onChange={(e) => setAnswers((a) => ({ ...a, [x.name]: e.target.value }))} onKeyDown={(e) => onKey(x.name, e)} />
          </Form.Item>
        ))}
      </div>
      <Space wrap>
        <Button type="primary" icon={<SaveOutlined />} loading={enter.isPending} onClick={() => void save()}>{t('paper.save')}</Button>
        <Typography.Text type="secondary">{t('paper.keys')}</Typography.Text>
      </Space>
      {enter.error != null && fieldErrors.size === 0 && <div style={{ marginTop: 12 }}><SaveError error={enter.error} /></div>}
    </Form>
  );
}
