/**
 * The anonymous survey form behind a single-use link (issue 13 §3): no login, no app frame, made for
 * a phone. Questions as a short scrolling list of cards, choices as big buttons, skip logic live
 * (core `visibleQuestions`), answers kept on the phone on every change, a send that survives a
 * dropped connection (same client key on every try), then a thank-you page. A used or closed link
 * shows a friendly page instead.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Progress, Result, Spin } from 'antd';
import { MAX_TEXT_ANSWER, questionChoices, readAnswer, visibleQuestions, type Questionnaire, type SurveyQuestion } from '@chiso/core';
import { isApiError } from '../../api/client';
import { fetchSurveyForm, goneReason, sendSurveyResponse, type PublicSurveyForm } from './api';
import { clearDraft, loadDraft, saveDraft, type SurveyDraft } from './draft-store';
import { useSurveyFormT } from './i18n';
import './survey-form.css';

type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'offline' } | { kind: 'busy'; seconds: number } | { kind: 'done' } | { kind: 'gone'; reason: string };

const GONE_REASONS = ['used', 'revoked', 'closed', 'not_open', 'not_ready', 'unknown'] as const;

function GonePage({ reason }: { reason: string }) {
  const { t } = useSurveyFormT();
  const key = (GONE_REASONS as readonly string[]).includes(reason) ? reason : 'closed';
  return (
    <main className="survey-form survey-form-page">
      <Result status={key === 'used' ? 'success' : key === 'unknown' ? '404' : 'info'} title={t(`gone.${key}.title`)} subTitle={t(`gone.${key}.text`)} />
    </main>
  );
}

export function SurveyFormPage({ token }: { token: string }) {
  const { t } = useSurveyFormT();
  const form = useQuery({
    queryKey: ['survey-form', token],
    queryFn: () => fetchSurveyForm(token),
    retry: (count, error) => goneReason(error) === null && count < 2,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (form.isPending) return <main className="survey-form survey-form-page"><Spin size="large" /><p>{t('loading')}</p></main>;
  if (form.isError) {
    const reason = goneReason(form.error);
    if (reason) return <GonePage reason={reason} />;
    return (
      <main className="survey-form survey-form-page">
        <Alert type="error" showIcon title={t('loadFailed')} action={<Button onClick={() => void form.refetch()}>{t('retry')}</Button>} />
      </main>
    );
  }
  return <SurveyForm token={token} form={form.data} />;
}

function ChoiceButtons({ question, q, value, onChange }: { question: SurveyQuestion; q: Questionnaire; value: string; onChange: (v: string) => void }) {
  const { t } = useSurveyFormT();
  const multiple = question.type === 'select_multiple';
  const picked = new Set(value.split(' ').filter(Boolean));
  const toggle = (name: string) => {
    if (!multiple) return onChange(value === name ? '' : name);
    const next = new Set(picked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    onChange(questionChoices(q, question).map((c) => c.name).filter((n) => next.has(n)).join(' '));
  };
  return (
    <div role={multiple ? 'group' : 'radiogroup'} aria-labelledby={`${question.name}-label`} className={`survey-choices${question.type === 'yes_no' ? ' survey-choices-inline' : ''}`}>
      {multiple && <div className="survey-hint">{t('multiple')}</div>}
      {questionChoices(q, question).map((c) => {
        const on = picked.has(c.name);
        return (
          <button key={c.name} type="button" role={multiple ? 'checkbox' : 'radio'} aria-checked={on} className={`survey-choice${on ? ' is-on' : ''}`} onClick={() => toggle(c.name)}>
            {c.label}
          </button>
        );
      })}
    </div>
  );
}

function NumberInput({ question, value, onChange }: { question: SurveyQuestion; value: string; onChange: (v: string) => void }) {
  const { t } = useSurveyFormT();
  const { min, max } = question;
  const range = min && max ? t('numberRange', { min, max }) : min ? t('numberMin', { min }) : max ? t('numberMax', { max }) : t('numberHint');
  return (
    <div>
      <Input size="large" inputMode={question.type === 'integer' ? 'numeric' : 'decimal'} value={value} onChange={(e) => onChange(e.target.value)} aria-labelledby={`${question.name}-label`} className="survey-number" />
      <div className="survey-hint">{range}</div>
    </div>
  );
}

/** The typed numbers the questionnaire refuses, by question: core's reading, the server's own message, with a capital. */
function numberProblemsOf(q: Questionnaire, questions: readonly SurveyQuestion[], answers: Readonly<Record<string, string>>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const question of questions) {
    if (question.type !== 'integer' && question.type !== 'decimal') continue;
    const read = readAnswer(q, question, answers[question.name] ?? '');
    if ('error' in read) problems[question.name] = read.error.charAt(0).toUpperCase() + read.error.slice(1);
  }
  return problems;
}

function QuestionCard({ question, q, n, total, value, error, onChange }: {
  question: SurveyQuestion; q: Questionnaire; n: number; total: number; value: string; error: string | undefined; onChange: (v: string) => void;
}) {
  const { t } = useSurveyFormT();
  if (question.type === 'note') return <section className="survey-note">{question.label}</section>;
  const input = question.type === 'integer' || question.type === 'decimal'
    ? <NumberInput question={question} value={value} onChange={onChange} />
    : question.type === 'text'
      ? <Input.TextArea value={value} onChange={(e) => onChange(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={MAX_TEXT_ANSWER} placeholder={t('textPlaceholder')} aria-labelledby={`${question.name}-label`} />
      : <ChoiceButtons question={question} q={q} value={value} onChange={onChange} />;
  return (
    <section className={`survey-card${error ? ' has-error' : ''}`} id={`cau-${question.name}`} data-question={question.name}>
      <div className="survey-number-label">{t('questionNumber', { n, total })}</div>
      <h2 id={`${question.name}-label`} className="survey-question">
        {question.label}
        {question.required && <span className="survey-required" aria-label={t('required')} title={t('required')}> *</span>}
      </h2>
      {question.hint && <div className="survey-hint">{question.hint}</div>}
      {input}
      {error && <div className="survey-error" role="alert">{error}</div>}
    </section>
  );
}

function SurveyForm({ token, form }: { token: string; form: PublicSurveyForm }) {
  const { t } = useSurveyFormT();
  const q = form.questionnaire as Questionnaire;
  const [draft, setDraft] = useState<SurveyDraft>(() => loadDraft(token));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<SendState>({ kind: 'idle' });
  const [online, setOnline] = useState(() => navigator.onLine);
  const visible = useMemo(() => visibleQuestions(q, draft.answers), [q, draft.answers]);
  const asked = visible.filter((question) => question.type !== 'note');
  // A number out of its bounds (or not whole for an integer question) is marked on the page, as the server would refuse it, and not counted as answered.
  const numberProblems = useMemo(() => numberProblemsOf(q, visible, draft.answers), [q, visible, draft.answers]);
  const answered = asked.filter((question) => (draft.answers[question.name] ?? '').trim() !== '' && !numberProblems[question.name]).length;

  const change = (name: string, value: string) => {
    setDraft((d) => {
      const next = { ...d, answers: { ...d.answers, [name]: value } };
      saveDraft(token, next);
      return next;
    });
    setErrors(({ [name]: _dropped, ...rest }) => rest);
  };

  const send = useCallback(async (current: SurveyDraft) => {
    const shown = visibleQuestions(q, current.answers);
    const missing = {
      ...numberProblemsOf(q, shown, current.answers),
      ...Object.fromEntries(shown.filter((x) => x.required && x.type !== 'note' && !(current.answers[x.name] ?? '').trim()).map((x) => [x.name, t('requiredMissing')])),
    };
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      document.getElementById(`cau-${Object.keys(missing)[0]}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    const answers = Object.fromEntries(shown.filter((x) => (current.answers[x.name] ?? '').trim() !== '').map((x) => [x.name, current.answers[x.name]!]));
    setState({ kind: 'sending' });
    try {
      await sendSurveyResponse(token, { clientKey: current.clientKey, startedAt: current.startedAt, answers });
      clearDraft(token);
      setState({ kind: 'done' });
      window.scrollTo(0, 0);
    } catch (error) {
      const reason = goneReason(error);
      if (reason) return setState({ kind: 'gone', reason });
      if (isApiError(error) && error.status === 422) {
        setErrors(Object.fromEntries(error.details.filter((d) => d.path?.startsWith('answers.')).map((d) => [d.path!.slice('answers.'.length), d.message])));
        return setState({ kind: 'idle' });
      }
      if (isApiError(error) && error.status === 429) return setState({ kind: 'busy', seconds: error.retryAfter ?? 60 });
      // No network, a dropped connection, a server that did not answer: the answers stay on the phone.
      setState({ kind: 'offline' });
    }
  }, [q, t, token]);

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  // Back online after a failed send: try again by itself.
  useEffect(() => {
    if (state.kind !== 'offline') return;
    const retry = () => void send(draft);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [state.kind, draft, send]);

  if (state.kind === 'gone') return <GonePage reason={state.reason} />;
  if (state.kind === 'done') {
    return <main className="survey-form survey-form-page"><Result status="success" title={t('thanksTitle')} subTitle={t('thanksText')} /></main>;
  }
  const errorCount = Object.keys({ ...numberProblems, ...errors }).length;
  return (
    <main className="survey-form">
      <header className="survey-head">
        <div className="survey-name">{form.surveyName}</div>
        <h1 className="survey-title">{q.title}</h1>
        <div className="survey-unit">{t('rated', { unit: form.unitName })}</div>
        <p className="survey-intro">{t('anonymous')}</p>
      </header>
      <div className="survey-progress" aria-live="polite">
        <span>{t('progress', { answered, total: asked.length })}</span>
        <Progress percent={asked.length ? Math.round((answered / asked.length) * 100) : 0} showInfo={false} size="small" />
      </div>
      {visible.map((question) => (
        <QuestionCard key={question.name} question={question} q={q} n={asked.indexOf(question) + 1} total={asked.length}
          value={draft.answers[question.name] ?? ''} error={errors[question.name] ?? numberProblems[question.name]} onChange={(v) => change(question.name, v)} />
      ))}
      <footer className="survey-submit">
        {!online && state.kind !== 'offline' && <Alert type="warning" showIcon title={t('offlineNow')} />}
        {state.kind === 'offline' && <Alert type="error" showIcon title={t('offline')} data-testid="survey-offline" />}
        {state.kind === 'busy' && <Alert type="warning" showIcon title={t('tooMany', { seconds: state.seconds })} />}
        {errorCount > 0 && <Alert type="error" showIcon title={t('checkAnswers', { count: errorCount })} />}
        <Button type="primary" size="large" block loading={state.kind === 'sending'} onClick={() => void send(draft)} className="survey-send">
          {state.kind === 'sending' ? t('sending') : state.kind === 'offline' || state.kind === 'busy' ? t('retry') : t('submit')}
        </Button>
      </footer>
    </main>
  );
}
