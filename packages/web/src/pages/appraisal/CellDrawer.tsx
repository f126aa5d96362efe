import { useState } from 'react';
import { App as AntApp, Alert, Button, Descriptions, Drawer, Form, Input, List, Radio, Space, Tag, Timeline, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { formatPoints, parsePoints, pointsToString } from '@chiso/core';
import { isApiError } from '../../api/client';
import {
  evidenceUrl, useDecide, useRequestExplanation, type AppraisalCriterion, type AppraisalMatrix, type ScoreValue,
} from '../../api/appraisal';
import { dayToInstant, instantToDay, type CriterionView } from '../../api/cycles';
import type { Evidence } from '../../api/evidence';
import { useErrorMessage } from '../../components/errors';
import { formatDate, formatDateTime } from '../../format';
import { LivePreview } from '../frameworks/LivePreview';
import { checkTypedPoints, previewLeaf, toNodeInput, type Doc, type DocNode, type DocRule, type PreviewInput } from '../frameworks/model';
import { CriterionStatusTag, DayPicker, conflictText, pts, useCyT } from '../cycles/parts';
import { claimReason, drawerModes, type DrawerMode } from './claims';

type Unit = AppraisalMatrix['units'][number];

/** The criterion as a one-leaf framework document, so the frameworks' live preview (core scoreLeaf) can score it. */
export function leafDoc(c: Pick<AppraisalCriterion, 'nodeKey' | 'code' | 'name' | 'maxPoints' | 'rule'>): { doc: Doc; node: DocNode } {
  const node: DocNode = { key: c.nodeKey, code: c.code, name: c.name, maxPoints: String(c.maxPoints), rule: c.rule as DocRule };
  return { doc: { formatVersion: 1, id: 'appraisal', name: c.name, nodes: [node] }, node };
}

/** What the unit typed, in words. */
export function describeInput(rule: AppraisalCriterion['rule'], input: Record<string, unknown> | null | undefined, t: (k: string) => string): string {
  if (!input) return '—';
  switch (input.kind) {
    case 'choice': {
      const opts = (Array.isArray(rule.options) ? rule.options : []) as { key: string; label: string }[];
      return opts.find((o) => o.key === input.option)?.label ?? String(input.option);
    }
    case 'yes_no':
    case 'awarded':
      return input.value ? t('appraisal.inputYes') : t('appraisal.inputNo');
    case 'rate':
      return `${String(input.numerator).replace('.', ',')} / ${String(input.denominator).replace('.', ',')}`;
    case 'count':
      return String(input.occurrences);
    case 'not_applicable':
      return `${t('appraisal.notApplicable')}: ${String(input.reason ?? '')}`;
    default:
      return input.points !== undefined ? pts(String(input.points)) : JSON.stringify(input);
  }
}

function EvidenceList({ items }: { items: Evidence[] }) {
  const { t } = useCyT();
  if (items.length === 0) return <Typography.Text type="secondary">{t('appraisal.noEvidence')}</Typography.Text>;
  return (
    <List size="small" dataSource={items} renderItem={(e) => (
      <List.Item>
        <a href={evidenceUrl(e.id)} target="_blank" rel="noreferrer"><PaperClipOutlined aria-hidden /> {e.title || e.originalName}</a>
        <Typography.Text type="secondary">
          {[e.documentNumber, e.documentDate ? formatDate(e.documentDate) : null, e.issuer].filter(Boolean).join(' · ')}
        </Typography.Text>
      </List.Item>
    )} />
  );
}

interface AdjustValues { reason?: string; points?: string; message?: string; deadline?: string; kind?: 'explanation' | 'evidence' }

/** Decisions on an ordinary self-score, on a not-applicable claim (confirm / refuse), and the request. */
type Mode = DrawerMode;
/** Form fields a 422 may point at (the server's paths → the form's names). */
const FIELD_OF: Record<string, keyof AdjustValues> = { deadline: 'deadline', message: 'message', 'decision.reason': 'reason', 'decision.value': 'points' };

/** The unit's claim, shown before anything else: its reason and the framework's condition. */
function ClaimNotice({ reason, condition }: { reason: string; condition: string | null | undefined }) {
  const { t } = useCyT();
  return (
    <Alert type="warning" showIcon data-testid="na-claim" title={t('appraisal.na.claimed')} description={(
      <>
        <div><strong>{t('appraisal.na.unitReason')}:</strong> {reason || '—'}</div>
        {condition ? <div><strong>{t('appraisal.na.condition')}:</strong> {condition}</div> : null}
      </>
    )} />
  );
}

export function CellDrawer({ cycleId, criterion, unit, view, explanationTo, onClose }: {
  /** `explanationTo`: when the cycle's explanation window closes — the default and latest answer deadline. */
  cycleId: string; criterion: AppraisalCriterion; unit: Unit; view: CriterionView; explanationTo?: string; onClose: () => void;
}) {
  const { t } = useCyT();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const decide = useDecide();
  const request = useRequestExplanation();
  const claim = claimReason(view);
  const modes = drawerModes(claim !== null, view.may);
  const [picked, setMode] = useState<Mode | undefined>(undefined);
  // The choice stays valid when the cell's permissions change (a window closes): else the first offered.
  const mode: Mode = picked !== undefined && modes.includes(picked) ? picked : (modes[0] ?? 'accept');
  const [valueMode, setValueMode] = useState<'byRule' | 'byPoints'>(criterion.rule.type === 'manual' ? 'byPoints' : 'byRule');
  const [input, setInput] = useState<PreviewInput>({});
  const [form] = Form.useForm<AdjustValues>();
  const [conflict, setConflict] = useState<string | null>(null);
  const pointsText = Form.useWatch('points', form);
  const { doc, node } = leafDoc(criterion);
  const self = view.self.points === null ? null : parsePoints(view.self.points);

  let value: ScoreValue | null = null;
  let previewPoints: number | null = null;
  let pointsProblem: string | null = null;
  if (valueMode === 'byRule') {
    const ni = toNodeInput(criterion.rule as DocRule, input);
    const p = previewLeaf(doc, node, input);
    if (ni && p.ok && p.evaluation.status !== 'invalid') {
      value = { input: ni };
      previewPoints = p.evaluation.points;
    }
  } else if (pointsText) {
    // The server's check, from the core: readable points the leaf's rule can give.
    const p = checkTypedPoints(doc, node, pointsText);
    if (p.ok) {
      value = { points: pointsToString(p.points) };
      previewPoints = p.points;
    } else pointsProblem = p.message;
  }
  const differs = previewPoints !== null && previewPoints !== self;
  const ref = { cycleId, unitId: unit.unitId, nodeKey: criterion.nodeKey, version: view.version };

  // A refused value has a field only when typed as points (the rule's inputs are the preview's).
  const fieldOf = (path: string | undefined) => (path === undefined || (path === 'decision.value' && valueMode !== 'byPoints') ? undefined : FIELD_OF[path]);
  const onError = (e: unknown) => {
    const c = conflictText(e);
    if (c !== null) setConflict(t('common.conflict', { current: c }));
    else if (isApiError(e) && e.status === 422 && e.fieldErrors().some((f) => fieldOf(f.path) !== undefined)) {
      // A refusal about a field of the form: shown on the field itself.
      form.setFields(e.fieldErrors().filter((f) => fieldOf(f.path) !== undefined)
        .map((f) => ({ name: fieldOf(f.path)!, errors: [f.message] })));
    } else void message.error(errMsg(e));
  };

  /** The answer is due at the end of the chosen day, but never after the explanation window closes (an instant, maybe earlier that day). */
  const deadlineOf = (day: string): string => {
    const end = dayToInstant(day, true);
    if (!explanationTo || day !== instantToDay(explanationTo)) return end;
    const closes = new Date(explanationTo).toISOString();
    return Date.parse(closes) < Date.parse(end) ? closes : end;
  };

  const submit = (v: AdjustValues) => {
    setConflict(null);
    if (mode === 'accept') {
      decide.mutate({ ...ref, decision: { kind: 'accept' } }, { onSuccess: () => void message.success(t('appraisal.accepted')), onError });
    } else if (mode === 'adjust') {
      if (!value) return;
      decide.mutate({ ...ref, decision: { kind: 'adjust', value, reason: v.reason?.trim() || undefined } },
        { onSuccess: () => { void message.success(t('appraisal.adjusted')); form.resetFields(['reason']); }, onError });
    } else if (mode === 'confirmNa') {
      decide.mutate({ ...ref, decision: { kind: 'confirm_not_applicable' } }, { onSuccess: () => void message.success(t('appraisal.na.confirmed')), onError });
    } else if (mode === 'refuseNa') {
      if (!value) return;
      decide.mutate({ ...ref, decision: { kind: 'reject_not_applicable', value, reason: (v.reason ?? '').trim() } },
        { onSuccess: () => { void message.success(t('appraisal.na.refused')); form.resetFields(['reason']); }, onError });
    } else {
      request.mutate({ ...ref, kind: v.kind ?? 'explanation', message: (v.message ?? '').trim(), deadline: deadlineOf(v.deadline!) },
        { onSuccess: () => { void message.success(t('appraisal.requested')); form.resetFields(['message']); }, onError });
    }
  };

  const scoring = mode === 'adjust' || mode === 'refuseNa';
  const modeLabel: Record<Mode, string> = {
    accept: t('appraisal.accept'), adjust: t('appraisal.adjust'), confirmNa: t('appraisal.na.confirm'), refuseNa: t('appraisal.na.refuse'), request: t('appraisal.request'),
  };
  const submitLabel: Record<Mode, string> = {
    accept: t('appraisal.accept'), adjust: t('appraisal.adjust'), confirmNa: t('appraisal.na.confirm'), refuseNa: t('appraisal.na.refuseSubmit'), request: t('appraisal.send'),
  };

  return (
    <Drawer open onClose={onClose} size={620} title={`${criterion.code} — ${unit.name}`} destroyOnHidden>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>{criterion.name}</Typography.Paragraph>
        {claim !== null && <ClaimNotice reason={claim} condition={criterion.notApplicableCondition} />}
        <Descriptions size="small" column={1} bordered items={[
          { key: 's', label: t('common.state'), children: <CriterionStatusTag status={view.status} /> },
          { key: 'i', label: t('appraisal.selfInput'), children: describeInput(criterion.rule, view.self.input, t) },
          { key: 'p', label: t('appraisal.selfScore'), children: claim !== null ? t('appraisal.notApplicable') : `${pts(view.self.points)} / ${pts(criterion.maxPoints)}` },
          { key: 'e', label: t('appraisal.explanation'), children: view.self.explanation || '—' },
          ...(view.appraisal ? [{ key: 'a', label: t('appraisal.appraisedScore'), children: (
            <>{view.appraisal.kind === 'confirm_not_applicable' ? t('appraisal.notApplicable') : pts(view.appraisal.points)} <Tag>{t('appraisal.decidedBy', { kind: t(`appraisal.kind.${view.appraisal.kind}`, { defaultValue: view.appraisal.kind }) })}</Tag>
              {view.appraisal.reason && <div>{t('common.reason')}: {view.appraisal.reason}</div>}</>
          ) }] : []),
        ]} />
        <div>
          <Typography.Title level={3} style={{ fontSize: 15 }}>{t('appraisal.evidence')}</Typography.Title>
          <EvidenceList items={view.self.evidence} />
        </div>
        <div>
          <Typography.Title level={3} style={{ fontSize: 15 }}>{t('appraisal.requests')}</Typography.Title>
          {view.requests.length === 0 ? <Typography.Text type="secondary">{t('appraisal.noRequests')}</Typography.Text> : (
            <Timeline items={view.requests.map((r) => ({
              key: r.id,
              color: r.answer ? 'green' : 'orange',
              content: (
                <div>
                  <Tag>{t(`appraisal.requestKind.${r.kind}`)}</Tag> {formatDateTime(r.requestedAt)} · {t('appraisal.deadline')}: {formatDate(r.deadline)}
                  <div>{r.message}</div>
                  {r.answer ? (
                    <div style={{ marginTop: 4 }}>
                      <strong>{t('appraisal.answer')}</strong> ({formatDateTime(r.answer.answeredAt)}): {r.answer.text}
                      {r.answer.evidence.length > 0 && <EvidenceList items={r.answer.evidence} />}
                    </div>
                  ) : <Typography.Text type="warning">{t('appraisal.notAnswered')}</Typography.Text>}
                </div>
              ),
            }))} />
          )}
        </div>
        {conflict && <Alert type="warning" showIcon role="alert" title={conflict} />}
        {modes.length > 0 ? (
          <Form<AdjustValues> form={form} layout="vertical" onFinish={submit}
            initialValues={{ kind: 'explanation', deadline: instantToDay(explanationTo) }}>
            <Form.Item label={t('appraisal.decision')}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} optionType="button"
                options={modes.map((m) => ({ value: m, label: modeLabel[m] }))} />
            </Form.Item>
            {mode === 'confirmNa' && <Typography.Paragraph type="secondary">{t('appraisal.na.confirmHint')}</Typography.Paragraph>}
            {mode === 'refuseNa' && <Typography.Paragraph type="secondary">{t('appraisal.na.refuseHint')}</Typography.Paragraph>}
            {scoring && (
              <>
                <Form.Item label={t('appraisal.valueMode')}>
                  <Radio.Group value={valueMode} onChange={(e) => setValueMode(e.target.value as typeof valueMode)} options={[
                    { value: 'byRule', label: t('appraisal.byRule') }, { value: 'byPoints', label: t('appraisal.byPoints') },
                  ]} />
                </Form.Item>
                {valueMode === 'byRule'
                  ? <LivePreview doc={doc} node={node} input={input} onInput={setInput} />
                  : (
                    <Form.Item name="points" label={t('appraisal.pointsLabel')} rules={[{ required: true, message: t('common.required') }]}>
                      <Input inputMode="decimal" style={{ width: 160 }} />
                    </Form.Item>
                  )}
                <div aria-live="polite" style={{ margin: '8px 0' }}>
                  {previewPoints !== null
                    ? <Typography.Text strong>{t('appraisal.preview', { points: formatPoints(previewPoints as never), max: pts(criterion.maxPoints) })}</Typography.Text>
                    : (valueMode === 'byPoints' && pointsText ? <Typography.Text type="danger" role="alert">{pointsProblem ?? t('appraisal.previewInvalid')}</Typography.Text> : null)}
                </div>
                <Form.Item name="reason" label={mode === 'refuseNa' ? t('appraisal.na.refuseReason') : t('appraisal.reasonWhenDifferent')}
                  rules={[{ required: mode === 'refuseNa' || differs, whitespace: true, message: t('common.reasonRequired') }]}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </>
            )}
            {mode === 'request' && (
              <>
                <Form.Item name="kind" label={t('appraisal.request')}>
                  <Radio.Group options={[
                    { value: 'explanation', label: t('appraisal.requestKind.explanation') }, { value: 'evidence', label: t('appraisal.requestKind.evidence') },
                  ]} />
                </Form.Item>
                <Form.Item name="message" label={t('appraisal.message')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name="deadline" label={t('appraisal.deadline')} rules={[{ required: true, message: t('common.required') }]}>
                  <DayPicker />
                </Form.Item>
              </>
            )}
            <Button type="primary" htmlType="submit" danger={mode === 'refuseNa'} loading={decide.isPending || request.isPending} disabled={scoring && !value}>
              {submitLabel[mode]}
            </Button>
          </Form>
        ) : <Typography.Text type="secondary">{t('appraisal.cannotDecide')}</Typography.Text>}
      </Space>
    </Drawer>
  );
}
