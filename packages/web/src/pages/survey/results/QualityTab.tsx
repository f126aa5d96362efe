/**
 * The survey's quality (issue 13 §4): response rates per questionnaire × unit against the quota
 * (a progress bar each), the flagged or excluded responses with their answers (never who gave
 * them), excluding or including one with a reason; and, for the survey's administrator, closing
 * it, reopening it, rescoring it and counting duplicates again, with what the rescore did.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Form, Grid, Input, Modal, Popconfirm, Progress, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, CopyOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { SURVEY_FLAGS, type SurveyFlag } from '@chiso/core';
import { QueryError, SaveError } from '../../../components/errors';
import { formatDate, formatInteger, formatPercent } from '../../../format';
import { useSurvey } from '../api';
import {
  type RescoreResultView, type SurveyFlaggedResponse, type SurveyQuality, useCloseSurvey, useRecountDuplicates, useReopenSurvey, useRescoreSurvey,
  useResponseExclusion, useSurveyQuality,
} from './api';
import { useResultsT } from './i18n';
import { CONFIRM_ROOT } from '../confirm-width';

type Row = SurveyQuality['rows'][number];

export function QualityTab({ surveyId }: { surveyId: string }) {
  const { t } = useResultsT();
  const [filter, setFilter] = useState<{ unitId?: string; flag?: SurveyFlag }>({});
  const [rescored, setRescored] = useState<{ rescore: RescoreResultView; duplicates?: number } | null>(null);
  const q = useSurveyQuality(surveyId, filter);
  const manage = useSurvey(surveyId).data?.may.manage ?? false;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const d = q.data;
  const units = [...new Map(d.rows.map((r) => [r.unitId, `${r.unitCode} · ${r.unitName}`])).entries()];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="survey-quality">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('quality.intro')}</Typography.Paragraph>
      {manage && <Actions quality={d} surveyId={surveyId} onDone={setRescored} />}
      {rescored && <RescoreAlert result={rescored.rescore} duplicates={rescored.duplicates} onClose={() => setRescored(null)} />}
      <Typography.Text>
        {t('quality.totals', {
          responses: formatInteger(d.totals.responses), valid: formatInteger(d.totals.valid), quota: formatInteger(d.totals.quota), excluded: formatInteger(d.totals.excluded),
        })}
      </Typography.Text>
      <Card size="small" title={t('quality.rates')}>
        <RatesTable rows={d.rows} />
      </Card>
      <Card size="small" title={t('quality.flagged')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select style={{ width: 260, maxWidth: '80vw' }} allowClear showSearch optionFilterProp="label" placeholder={t('quality.allUnits')} value={filter.unitId}
            aria-label={t('quality.unitFilter')} onChange={(unitId?: string) => setFilter((f) => ({ ...f, unitId }))} options={units.map(([value, label]) => ({ value, label }))} />
          <Select style={{ width: 220, maxWidth: '80vw' }} allowClear placeholder={t('quality.allFlags')} value={filter.flag} aria-label={t('quality.flagFilter')}
            onChange={(flag?: SurveyFlag) => setFilter((f) => ({ ...f, flag }))} options={SURVEY_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))} />
        </Space>
        <FlaggedTable quality={d} surveyId={surveyId} manage={manage} onRescored={(rescore) => setRescored({ rescore })} />
      </Card>
    </Space>
  );
}

function Actions({ quality, surveyId, onDone }: { quality: SurveyQuality; surveyId: string; onDone: (r: { rescore: RescoreResultView; duplicates?: number }) => void }) {
  const { t } = useResultsT();
  const { message } = AntApp.useApp();
  const close = useCloseSurvey(surveyId);
  const rescore = useRescoreSurvey(surveyId);
  const duplicates = useRecountDuplicates(surveyId);
  const [reopening, setReopening] = useState(false);
  const s = quality.survey;
  const error = close.error ?? rescore.error ?? duplicates.error;
  return (
    <>
      <Space wrap>
        {s.status === 'open' && (
          <Popconfirm title={t('quality.close')} description={t('quality.closeConfirm')} styles={{ root: CONFIRM_ROOT }} okText={t('quality.close')} cancelText={t('quality.cancel')}
            onConfirm={() => close.mutateAsync(s.version).then((r) => { onDone(r); void message.success(t('quality.closed', { duplicates: r.duplicates })); }, () => undefined)}>
            <Button type="primary" icon={<LockOutlined />} loading={close.isPending}>{t('quality.close')}</Button>
          </Popconfirm>
        )}
        {s.status === 'closed' && <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)}>{t('quality.reopen')}</Button>}
        {s.status !== 'draft' && (
          <Popconfirm title={t('quality.rescore')} description={t('quality.rescoreConfirm')} styles={{ root: CONFIRM_ROOT }} okText={t('quality.rescore')} cancelText={t('quality.cancel')}
            onConfirm={() => rescore.mutateAsync().then((r) => onDone(r), () => undefined)}>
            <Button icon={<CalculatorOutlined />} loading={rescore.isPending}>{t('quality.rescore')}</Button>
          </Popconfirm>
        )}
        <Button icon={<CopyOutlined />} loading={duplicates.isPending}
          onClick={() => duplicates.mutateAsync().then((r) => void message.success(t('quality.duplicatesDone', r)), () => undefined)}>{t('quality.duplicates')}</Button>
      </Space>
      {error != null && <SaveError error={error} />}
      {reopening && <ReopenModal surveyId={surveyId} version={s.version} onClose={() => setReopening(false)} />}
    </>
  );
}

function ReopenModal({ surveyId, version, onClose }: { surveyId: string; version: number; onClose: () => void }) {
  const { t } = useResultsT();
  const { message } = AntApp.useApp();
  const reopen = useReopenSurvey(surveyId);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open title={t('quality.reopenTitle')} okText={t('quality.reopen')} cancelText={t('quality.cancel')} confirmLoading={reopen.isPending} onCancel={onClose}
      onOk={() => form.validateFields().then((v) => reopen.mutateAsync({ version, reason: v.reason }).then(() => { void message.success(t('quality.reopened')); onClose(); }, () => undefined), () => undefined)}>
      <Typography.Paragraph>{t('quality.reopenText')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('quality.reason')} rules={[{ required: true, whitespace: true, message: t('quality.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      {reopen.error != null && <SaveError error={reopen.error} />}
    </Modal>
  );
}

/** What a rescore (or the closing) did: counts, what went to the cycle, and what the cycle's rules kept out. */
export function RescoreAlert({ result, duplicates, onClose }: { result: RescoreResultView; duplicates?: number; onClose?: () => void }) {
  const { t } = useResultsT();
  const r = result;
  return (
    <Alert type={r.skipped.length > 0 ? 'warning' : 'success'} showIcon closable={!!onClose} onClose={onClose} data-testid="rescore-result"
      title={<>
        {duplicates !== undefined && <div>{t('quality.closed', { duplicates })}</div>}
        {t('quality.rescored', { scores: r.scores, units: r.units, changed: r.changed, below: r.belowMinimum })}
      </>}
      description={<>
        <div>{t('quality.fed', { fed: r.fed, removed: r.removed })}</div>
        {r.skipped.length > 0 && <SkippedPairs skipped={r.skipped} />}
      </>} />
  );
}

/** The pairs the rescore left as they were, grouped by why (another survey's points, a published group, a closed cycle). */
function SkippedPairs({ skipped }: { skipped: RescoreResultView['skipped'] }) {
  const { t } = useResultsT();
  const byReason = new Map<string, RescoreResultView['skipped']>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  return (
    <div data-testid="rescore-skipped" style={{ marginTop: 8 }}>
      <Typography.Text strong>{t('quality.skipped', { count: skipped.length })}</Typography.Text>
      {[...byReason].map(([reason, pairs]) => (
        <div key={reason} style={{ marginTop: 4 }}>
          <Typography.Text>{reason}</Typography.Text>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {pairs.slice(0, SKIPPED_SHOWN).map((s) => <li key={`${s.unitCode}:${s.criterionCode}`}>{t('quality.skippedRow', { unit: `${s.unitCode} ${s.unitName}`.trim(), criterion: s.criterionCode })}</li>)}
            {pairs.length > SKIPPED_SHOWN && <li>{t('quality.skippedMore', { count: pairs.length - SKIPPED_SHOWN })}</li>}
          </ul>
        </div>
      ))}
    </div>
  );
}
const SKIPPED_SHOWN = 30;

function RatesTable({ rows }: { rows: Row[] }) {
  const { t } = useResultsT();
  // On a phone the rate goes under the unit's name: no sideways scrolling to find it.
  const phone = !Grid.useBreakpoint().md;
  const unit = (r: Row) => <span><Typography.Text type="secondary">{r.unitCode}</Typography.Text> {r.unitName}{phone && <> <Tag>{r.questionnaireCode}</Tag></>}</span>;
  return (
    <Table<Row> size="small" rowKey={(r) => `${r.questionnaireId}:${r.unitId}`} dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20 } : false}
      data-testid="survey-rates"
      columns={phone ? [{ title: t('quality.col.unit'), key: 'unit', render: (_, r) => <>{unit(r)}<RateBar row={r} /><div><FlagCounts row={r} /></div></> }] : [
        { title: t('quality.col.unit'), key: 'unit', render: (_, r) => unit(r) },
        { title: t('quality.col.questionnaire'), key: 'q', render: (_, r) => <Tag>{r.questionnaireCode}</Tag> },
        { title: t('quality.col.rate'), key: 'rate', width: 240, render: (_, r) => <RateBar row={r} /> },
        { title: t('quality.col.flags'), key: 'flags', render: (_, r) => <FlagCounts row={r} /> },
      ]} />
  );
}

function FlagCounts({ row: r }: { row: Row }) {
  const { t } = useResultsT();
  return (
    <Typography.Text type={r.flags.too_fast + r.flags.straight_lining + r.flags.duplicate + r.excluded > 0 ? undefined : 'secondary'}>
      {t('quality.flagsOf', { fast: r.flags.too_fast, straight: r.flags.straight_lining, dup: r.flags.duplicate })}
      {r.excluded > 0 ? ` · ${t('quality.excluded')} ${r.excluded}` : ''}
    </Typography.Text>
  );
}

function RateBar({ row: r }: { row: Row }) {
  const { t } = useResultsT();
  return r.rate === null
    ? <Typography.Text type="secondary">{formatInteger(r.valid)} · {t('quality.noQuota')}</Typography.Text>
    : (
      <div style={{ minWidth: 160 }}>
        <Progress percent={Math.min(100, Number(r.rate))} size="small" status={Number(r.rate) >= 100 ? 'success' : 'normal'} showInfo={false} aria-label={formatPercent(r.rate)} />
        <Typography.Text>{formatInteger(r.valid)}/{formatInteger(r.quota)} · {formatPercent(r.rate)}</Typography.Text>
      </div>
    );
}

function FlaggedTable({ quality, surveyId, manage, onRescored }: { quality: SurveyQuality; surveyId: string; manage: boolean; onRescored: (r: RescoreResultView) => void }) {
  const { t } = useResultsT();
  const [deciding, setDeciding] = useState<SurveyFlaggedResponse | null>(null);
  const phone = !Grid.useBreakpoint().md;
  const flagTags = (r: SurveyFlaggedResponse) => r.flags.map((f) => <Tag key={f} color="orange">{t(`flag.${f}`)}</Tag>);
  const state = (r: SurveyFlaggedResponse) => r.excluded ? <Tag color="red" title={r.excludedReason ?? undefined}>{t('quality.excluded')}</Tag> : <Tag color="green">{t('quality.counted')}</Tag>;
  const action = (r: SurveyFlaggedResponse) => manage
    ? <Button size="small" danger={!r.excluded} onClick={() => setDeciding(r)}>{r.excluded ? t('quality.include') : t('quality.exclude')}</Button>
    : null;
  if (quality.flagged.length === 0) return <Typography.Text type="secondary">{t('quality.noFlagged')}</Typography.Text>;
  return (
    <>
      {quality.flaggedTotal > quality.flagged.length && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('quality.flaggedMore', { shown: quality.flagged.length, total: quality.flaggedTotal })} />}
      <Table<SurveyFlaggedResponse> size="small" rowKey="id" dataSource={quality.flagged} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="survey-flagged"
        expandable={{ expandedRowRender: (r) => <Answers response={r} /> }}
        columns={phone ? [{
          title: t('quality.col.number'), key: 'all',
          render: (_, r) => (
            <Space orientation="vertical" size={4}>
              <span><Typography.Text strong>{r.id}</Typography.Text> · {r.unitName} <Tag>{r.questionnaireCode}</Tag></span>
              <Space size={4} wrap>{flagTags(r)}{state(r)}</Space>
              {action(r)}
            </Space>
          ),
        }] : [
          { title: t('quality.col.number'), dataIndex: 'id', key: 'id' },
          { title: t('quality.col.unit'), key: 'unit', render: (_, r) => <span>{r.unitName} <Tag>{r.questionnaireCode}</Tag></span> },
          { title: t('quality.col.submitted'), key: 'day', render: (_, r) => formatDate(r.submittedOn) },
          { title: t('quality.col.channel'), key: 'channel', render: (_, r) => t(`channel.${r.channel}`) },
          { title: t('quality.col.flags'), key: 'flags', render: (_, r) => <Space size={4} wrap>{flagTags(r)}</Space> },
          { title: t('quality.col.state'), key: 'state', render: (_, r) => state(r) },
          ...(manage ? [{ key: 'act', title: '', render: (_: unknown, r: SurveyFlaggedResponse) => action(r) }] : []),
        ]} />
      {deciding && <ExclusionModal surveyId={surveyId} response={deciding} onClose={() => setDeciding(null)} onDone={onRescored} />}
    </>
  );
}

function Answers({ response }: { response: SurveyFlaggedResponse }) {
  const { t } = useResultsT();
  const phone = !Grid.useBreakpoint().md;
  // Held to the page's width: long answers wrap instead of widening the table.
  return (
    <div style={{ maxWidth: 'min(900px, calc(100vw - 96px))', whiteSpace: 'normal' }}>
      {response.excludedReason && <Typography.Paragraph><Typography.Text strong>{t('quality.reason')}:</Typography.Text> {response.excludedReason}</Typography.Paragraph>}
      {response.durationSeconds !== null && <Typography.Paragraph type="secondary">{t('quality.duration', { seconds: formatInteger(response.durationSeconds) })}</Typography.Paragraph>}
      <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: phone ? '1fr' : 'minmax(120px, 40%) 1fr', gap: phone ? 0 : '2px 12px' }} aria-label={t('quality.answers')}>
        {response.answers.map((a) => (
          <div key={a.question} style={{ display: 'contents' }}>
            <dt style={{ color: 'rgba(0,0,0,.6)' }}>{a.label}</dt>
            <dd style={{ margin: phone ? '0 0 8px' : 0, fontWeight: phone ? 500 : undefined }}>{a.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ExclusionModal({ surveyId, response, onClose, onDone }: { surveyId: string; response: SurveyFlaggedResponse; onClose: () => void; onDone: (r: RescoreResultView) => void }) {
  const { t } = useResultsT();
  const exclusion = useResponseExclusion(surveyId);
  const [form] = Form.useForm<{ reason: string }>();
  const excluding = !response.excluded;
  return (
    <Modal open title={t(excluding ? 'quality.excludeTitle' : 'quality.includeTitle', { id: response.id })} okText={excluding ? t('quality.exclude') : t('quality.include')}
      okButtonProps={{ danger: excluding }} cancelText={t('quality.cancel')} confirmLoading={exclusion.isPending} onCancel={onClose}
      onOk={() => form.validateFields().then((v) => exclusion.mutateAsync({ responseId: response.id, excluded: excluding, reason: v.reason })
        .then((r) => { onDone(r.rescore); onClose(); }, () => undefined), () => undefined)}>
      <Answers response={response} />
      <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item name="reason" label={t('quality.reason')} rules={[{ required: true, whitespace: true, message: t('quality.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
      {exclusion.error != null && <SaveError error={exclusion.error} />}
    </Modal>
  );
}
