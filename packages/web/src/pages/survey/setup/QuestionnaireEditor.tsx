/**
 * Writing a questionnaire on screen (issue 13 §1): questions (add, change, move, delete), option
 * lists with their weights, the criterion each scored question feeds, and a preview. Saving sends
 * the whole document; the server checks it as it checks a workbook and keeps it as a new version.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Drawer, Input, Select, Space, Switch, Tabs } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { QUESTION_TYPES, type Questionnaire, type QuestionType, type SurveyChoice, type SurveyQuestion } from '@chiso/core';
import { isApiError } from '../../../api/client';
import { SaveError } from '../../../components/errors';
import { useSaveQuestionnaireDocument, type QuestionnaireDetail } from './api';
import { useSetupT } from './i18n';
import { QuestionnairePreview } from './QuestionnairePreview';

type Question = { -readonly [K in keyof SurveyQuestion]: SurveyQuestion[K] };
interface Draft {
  title: string;
  questions: Question[];
  choices: Record<string, SurveyChoice[]>;
}

const LIST_TYPES: readonly QuestionType[] = ['likert', 'select_one', 'select_multiple'];
const NUMBER_TYPES: readonly QuestionType[] = ['integer', 'decimal'];

/** The document to send: blank optional fields left out, lists only where the type has one. */
function documentOf(d: Draft): Questionnaire {
  const questions = d.questions.map((q) => {
    const out: Question = { name: q.name.trim(), type: q.type, label: q.label, required: q.required };
    for (const k of ['hint', 'relevant', 'criterionKey'] as const) if (q[k]?.trim()) out[k] = q[k]!.trim();
    if (LIST_TYPES.includes(q.type) && q.list) out.list = q.list;
    if (NUMBER_TYPES.includes(q.type)) for (const k of ['min', 'max'] as const) if (q[k]?.trim()) out[k] = q[k]!.trim();
    return out;
  });
  const choices = Object.fromEntries(Object.entries(d.choices).map(([list, items]) => [list, items.map((c) => (c.weight?.trim() ? { ...c, weight: c.weight.trim() } : { name: c.name, label: c.label }))]));
  return { formatVersion: 1, title: d.title, questions, choices };
}

const draftOf = (q: QuestionnaireDetail): Draft => {
  const doc = q.current?.document;
  return doc
    ? { title: doc.title, questions: doc.questions.map((x) => ({ ...x })), choices: Object.fromEntries(Object.entries(doc.choices).map(([k, v]) => [k, v.map((c) => ({ ...c }))])) }
    : { title: q.title, questions: [], choices: {} };
};

export function QuestionnaireEditor({ surveyId, questionnaire, onClose }: { surveyId: string; questionnaire: QuestionnaireDetail; onClose: () => void }) {
  const { t } = useSetupT();
  const { message } = AntApp.useApp();
  const save = useSaveQuestionnaireDocument(surveyId, questionnaire.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(questionnaire));
  const [newList, setNewList] = useState('');
  const change = (fn: (d: Draft) => void) => setDraft((d) => {
    const next = structuredClone(d);
    fn(next);
    return next;
  });
  const setQuestion = (i: number, patch: Partial<Question>) => change((d) => Object.assign(d.questions[i]!, patch));
  const move = (i: number, by: number) => change((d) => {
    const [q] = d.questions.splice(i, 1);
    d.questions.splice(i + by, 0, q!);
  });
  const lists = Object.keys(draft.choices);
  const error = save.error;
  const conflict = isApiError(error) && error.code === 'CONFLICT' ? (error.details[0]?.current as QuestionnaireDetail | undefined) : undefined;
  const problems = isApiError(error) && error.code === 'RULE_VIOLATION' ? error.details : [];

  const submit = async () => {
    try {
      const saved = await save.mutateAsync({ version: questionnaire.version, document: documentOf(draft) });
      void message.success(t('editor.saved', { number: saved.current?.number }));
      onClose();
    } catch {
      // shown below
    }
  };

  const questionCard = (q: Question, i: number) => (
    <Card key={i} size="small" title={t('editor.question', { n: i + 1 })} extra={
      <Space size={4}>
        <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('editor.up')} disabled={i === 0} onClick={() => move(i, -1)} />
        <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('editor.down')} disabled={i === draft.questions.length - 1} onClick={() => move(i, 1)} />
        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('editor.remove')} onClick={() => change((d) => void d.questions.splice(i, 1))} />
      </Space>
    }>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 8 }}>
        <label>{t('editor.name')}<Input value={q.name} onChange={(e) => setQuestion(i, { name: e.target.value })} /></label>
        <label>{t('editor.type')}
          <Select style={{ width: '100%' }} value={q.type} onChange={(type) => setQuestion(i, { type })} options={QUESTION_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))} />
        </label>
        {LIST_TYPES.includes(q.type) && (
          <label>{t('editor.list')}
            <Select style={{ width: '100%' }} value={q.list} onChange={(list) => setQuestion(i, { list })} options={lists.map((l) => ({ value: l, label: l }))} />
          </label>
        )}
        {q.type !== 'note' && q.type !== 'text' && !NUMBER_TYPES.includes(q.type) && (
          <label>{t('editor.criterion')}
            <Select style={{ width: '100%' }} allowClear placeholder={t('editor.criterionNone')} value={q.criterionKey} onChange={(criterionKey) => setQuestion(i, { criterionKey })}
              options={questionnaire.criteria.map((c) => ({ value: c.key, label: `${c.code} ${c.name}` }))} />
          </label>
        )}
        {NUMBER_TYPES.includes(q.type) && (
          <>
            <label>{t('editor.min')}<Input value={q.min} onChange={(e) => setQuestion(i, { min: e.target.value })} /></label>
            <label>{t('editor.max')}<Input value={q.max} onChange={(e) => setQuestion(i, { max: e.target.value })} /></label>
          </>
        )}
      </div>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
        <label>{t('editor.label')}<Input.TextArea autoSize value={q.label} onChange={(e) => setQuestion(i, { label: e.target.value })} /></label>
        <label>{t('editor.hint')}<Input value={q.hint} onChange={(e) => setQuestion(i, { hint: e.target.value })} /></label>
        <label>{t('editor.relevant')}<Input value={q.relevant} placeholder={t('editor.relevantHint')} onChange={(e) => setQuestion(i, { relevant: e.target.value })} /></label>
        {q.type !== 'note' && <Space><Switch checked={q.required} onChange={(required) => setQuestion(i, { required })} aria-label={t('editor.required')} />{t('editor.required')}</Space>}
      </Space>
    </Card>
  );

  const listCard = (list: string) => (
    <Card key={list} size="small" title={list} extra={<Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('editor.remove')} ${list}`} onClick={() => change((d) => void delete d.choices[list])} />}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {draft.choices[list]!.map((c, j) => (
          <Space.Compact key={j} style={{ width: '100%' }}>
            <Input style={{ width: '22%' }} aria-label={t('editor.choiceName')} placeholder={t('editor.choiceName')} value={c.name} onChange={(e) => change((d) => void (d.choices[list]![j] = { ...d.choices[list]![j]!, name: e.target.value }))} />
            <Input style={{ width: '50%' }} aria-label={t('editor.choiceLabel')} placeholder={t('editor.choiceLabel')} value={c.label} onChange={(e) => change((d) => void (d.choices[list]![j] = { ...d.choices[list]![j]!, label: e.target.value }))} />
            <Input style={{ width: '20%' }} aria-label={t('editor.weight')} placeholder={t('editor.weightHint')} value={c.weight ?? ''} onChange={(e) => change((d) => void (d.choices[list]![j] = { ...d.choices[list]![j]!, weight: e.target.value }))} />
            <Button danger icon={<DeleteOutlined />} aria-label={t('editor.remove')} onClick={() => change((d) => void d.choices[list]!.splice(j, 1))} />
          </Space.Compact>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => change((d) => void d.choices[list]!.push({ name: '', label: '' }))}>{t('editor.addChoice')}</Button>
      </Space>
    </Card>
  );

  return (
    <Drawer open title={t('editor.title', { code: questionnaire.code })} width="min(960px, 100vw)" onClose={onClose} destroyOnHidden
      extra={<Button type="primary" loading={save.isPending} onClick={() => void submit()}>{t('editor.save')}</Button>}>
      {conflict && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('editor.conflict', { number: conflict.current?.number })} />}
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('editor.problems', { count: problems.length })}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p, i) => <li key={i}><code>{p.path}</code>: {p.message}</li>)}</ul>} />
      )}
      {error != null && !conflict && problems.length === 0 && <SaveError error={error} />}
      <label>{t('editor.formTitle')}<Input value={draft.title} onChange={(e) => change((d) => void (d.title = e.target.value))} style={{ marginBottom: 12 }} /></label>
      <Tabs items={[
        {
          key: 'questions', label: t('editor.questions'),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {draft.questions.map(questionCard)}
              <Button icon={<PlusOutlined />} onClick={() => change((d) => void d.questions.push({ name: `cau_${d.questions.length + 1}`, type: 'likert', label: '', required: true, list: lists[0] }))}>
                {t('editor.addQuestion')}
              </Button>
            </Space>
          ),
        },
        {
          key: 'lists', label: t('editor.lists'),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {lists.map(listCard)}
              <Space.Compact>
                <Input aria-label={t('editor.newList')} placeholder={t('editor.newList')} value={newList} onChange={(e) => setNewList(e.target.value.trim())} />
                <Button icon={<PlusOutlined />} disabled={!newList || newList in draft.choices} onClick={() => { change((d) => void (d.choices[newList] = [])); setNewList(''); }}>{t('editor.addList')}</Button>
              </Space.Compact>
            </Space>
          ),
        },
        { key: 'preview', label: t('editor.preview'), children: <QuestionnairePreview questionnaire={documentOf(draft)} criteria={questionnaire.criteria} /> },
      ]} />
    </Drawer>
  );
}
