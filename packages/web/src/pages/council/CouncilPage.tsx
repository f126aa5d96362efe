import { useState } from 'react';
import { App as AntApp, Alert, Button, Form, Input, Modal, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { councilExportUrl, useAmendGroup, useCouncilTable, usePublishGroup, type CouncilRow, type DisputedCriterion } from '../../api/council';
import { useCycle, useCycles, useUnitAction, type CycleSummary } from '../../api/cycles';
import { useMe } from '../../api/hooks';
import { resultDocumentUrl, usePublishedResults } from '../../api/results';
import { QueryError, SaveError, useErrorMessage } from '../../components/errors';
import { useCatalogText } from '../../components/catalog-text';
import { formatDate } from '../../format';
import { UnitStateTag, idx, pts, useCyT } from '../cycles/parts';
import { SubmissionModeTag } from '../cycles/NonSubmission';
import { choiceAmong } from '../../lib/choice';
import { useCouncilT } from './i18n';
import { AppraisedCell, PendingProposals, ProposalActions, ProposalCell, useWide } from './Proposals';
import { TraceDrawer } from './TraceDrawer';

export interface CouncilSearch {
  cycle?: string;
  group?: string;
}

/** The council's consolidated table per group; the chair approves; the administrator publishes. */
export function CouncilPage({ search }: { search: CouncilSearch }) {
  const { t } = useCyT();
  const me = useMe();
  const navigate = useNavigate();
  const cycles = useCycles();
  const list = (cycles.data?.items ?? []).filter((c) => c.status !== 'setup');
  const cycleId = search.cycle ?? list[0]?.id;
  const cycleQ = useCycle(cycleId);
  const groups = cycleQ.data?.groups ?? [];
  const cycleError = cycleQ.error;
  const groupId = search.group ?? groups[0]?.groupId;
  const table = useCouncilTable(cycleId, groupId);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [traced, setTraced] = useState<{ id: string; name: string } | null>(null);
  const setSearch = (s: CouncilSearch) => void navigate({ to: '/council', search: s });
  const isAdmin = !!me?.roles.includes('admin');
  const summary = list.find((c) => c.id === cycleId);
  const wide = useWide();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('council.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('council.intro')}</Typography.Paragraph>
      <Space wrap>
        <Select aria-label={t('common.cycle')} placeholder={t('common.chooseCycle')} style={{ width: 300 }} value={choiceAmong(cycleId, list.map((c) => c.id))} loading={cycles.isLoading}
          options={list.map((c) => ({ value: c.id, label: c.name }))} onChange={(v: string) => setSearch({ cycle: v })} />
        <Select aria-label={t('common.group')} placeholder={t('common.group')} style={{ width: 260 }} value={choiceAmong(groupId, groups.map((g) => g.groupId))}
          options={groups.map((g) => ({ value: g.groupId, label: g.groupName }))} onChange={(v: string) => setSearch({ cycle: cycleId, group: v })} />
        {cycleId && groupId && (
          <Button icon={<DownloadOutlined />} href={councilExportUrl(cycleId, groupId)}>{t('common.export')}</Button>
        )}
      </Space>
      {cycleId && table.data && <PendingProposals cycleId={cycleId} rows={table.data.rows} />}
      {cycleError ? <QueryError error={cycleError} /> : table.error ? <QueryError error={table.error} onRetry={() => void table.refetch()} />
        : !table.data ? (cycleId ? <Skeleton active /> : <Alert type="info" showIcon title={t('common.noCycle')} />) : (
          <Table<CouncilRow>
            tableLayout="fixed"
            // A fixed unit column (names wrap to at most two lines, the rest behind a tooltip); the figures scroll sideways.
            scroll={{ x: TABLE_WIDTH }}
            rowKey={(r) => r.unit.id}
            size="small"
            dataSource={table.data.rows}
            pagination={false}
            locale={{ emptyText: t('council.noRows') }}
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: (k) => setExpanded(k as string[]),
              rowExpandable: (r) => r.disputed.length > 0,
              expandedRowRender: (r) => cycleId ? <Disputed cycleId={cycleId} row={r} /> : null,
            }}
            columns={[
              { title: t('council.rank'), dataIndex: 'rank', width: 56, fixed: wide ? 'left' : undefined, render: (v: number | null) => v ?? '—' },
              { title: t('common.unit'), width: wide ? UNIT_WIDTH : 150, fixed: wide ? 'left' : undefined, render: (_v, r) => <UnitName name={r.unit.name} /> },
              { title: t('common.state'), width: 130, render: (_v, r) => <Space size={4} wrap><UnitStateTag state={r.state} /><SubmissionModeTag mode={r.submissionMode} owner={cycleQ.data?.owner} /></Space> },
              { title: t('council.selfTotal'), width: 90, align: 'right', render: (_v, r) => pts(r.selfTotal) },
              { title: t('council.finalTotal'), width: 90, align: 'right', render: (_v, r) => pts(r.finalTotal) },
              { title: t('council.difference'), width: 90, align: 'right', render: (_v, r) => {
                const n = Number(r.difference);
                return <span style={{ color: n < 0 ? '#cf1322' : undefined }}>{pts(r.difference)}</span>;
              } },
              { title: t('council.index'), width: 80, align: 'right', render: (_v, r) => idx(r.index) },
              { title: t('council.class'), width: 90, render: (_v, r) => r.classLabel ?? '—' },
              { title: t('council.disputed'), width: 100, render: (_v, r) => (r.disputed.length ? <Tag color="orange">{t('council.disputedCount', { count: r.disputed.length })}</Tag> : '—') },
              { title: '', width: 180, fixed: wide ? 'right' : undefined, render: (_v, r) => !cycleId ? null : r.state === 'published' ? (
                <Button size="small" onClick={() => setTraced(r.unit)}>{t('council.trace.button')}</Button>
              ) : <RowActions cycleId={cycleId} row={r} /> },
            ]}
          />
        )}
      {cycleId && groupId && <TraceDrawer cycleId={cycleId} groupId={groupId} unit={traced} onClose={() => setTraced(null)} />}
      {isAdmin && summary && groupId && <PublicationPanel cycle={summary} groupId={groupId} groupName={groups.find((g) => g.groupId === groupId)?.groupName ?? ''} />}
    </Space>
  );
}

function RowActions({ cycleId, row }: { cycleId: string; row: CouncilRow }) {
  const { t } = useCyT();
  const text = useCatalogText();
  const action = useUnitAction();
  const { message, modal } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const run = (act: CouncilUnitAction, label: string) =>
    action.mutate({ cycleId, unitId: row.unit.id, action: act }, {
      onSuccess: () => void message.success(label),
      onError: (e) => void modal.error({ title: row.unit.name, content: errMsg(e) }),
    });
  // The server's allowedActions decide: allowed → a button; refused only by the calendar or pending
  // work (the actor and the state are right) → disabled with the refusal; refused for role, scope
  // (e.g. not the chair) or state → not shown.
  const shown = row.allowedActions.filter(
    (x): x is typeof x & { action: CouncilUnitAction } =>
      Object.hasOwn(COUNCIL_ACTIONS, x.action) && (x.allowed || !HIDDEN_REFUSALS.has(x.refusal?.code ?? '')),
  );
  if (shown.length === 0) return null;
  return (
    <Space size="small">
      {shown.map((x) => {
        const label = t(COUNCIL_ACTIONS[x.action]);
        const button = (
          <Button key={x.action} size="small" type={x.action === 'approve' ? 'primary' : 'default'} disabled={!x.allowed}
            loading={x.allowed && action.isPending} onClick={() => run(x.action, label)}>{label}</Button>
        );
        return x.allowed ? button : <Tooltip key={x.action} title={x.refusal ? text(x.refusal) : undefined}><span>{button}</span></Tooltip>;
      })}
    </Space>
  );
}

/** Column widths of the consolidated table (all fit at 1440 px); below, rank, unit and actions stay put (from 768 px) and the figures scroll sideways. */
const UNIT_WIDTH = 220;
const TABLE_WIDTH = 1150;

/** A unit's name on at most two lines; the full name in a tooltip. */
function UnitName({ name }: { name: string }) {
  return (
    <Tooltip title={name} placement="topLeft">
      <span style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>{name}</span>
    </Tooltip>
  );
}

type CouncilUnitAction = 'record_council_review' | 'approve';
/** The unit actions of the council page and their button labels. */
const COUNCIL_ACTIONS: Record<CouncilUnitAction, string> = { record_council_review: 'council.reviewed', approve: 'council.approveUnit' };
const HIDDEN_REFUSALS = new Set(['role', 'not_own_unit', 'not_assigned', 'not_chair', 'state']);

/** The criteria of one unit the council looks at: three scores with their reasons, the proposal and its proposer. */
function Disputed({ cycleId, row }: { cycleId: string; row: CouncilRow }) {
  const { t } = useCouncilT();
  return (
    <Table<DisputedCriterion> rowKey="nodeKey" size="small" pagination={false} dataSource={row.disputed} scroll={{ x: 1000 }} tableLayout="fixed"
      columns={[
        { title: t('col.criterion'), width: 240, render: (_v, d) => <><strong>{d.code}</strong> {d.name}</> },
        { title: t('col.self'), width: 100, align: 'right', render: (_v, d) => pts(d.self) },
        { title: t('col.appraised'), width: 220, render: (_v, d) => <AppraisedCell d={d} /> },
        { title: t('col.proposal'), width: 260, render: (_v, d) => <ProposalCell d={d} /> },
        { title: t('col.actions'), width: 200, render: (_v, d) => <ProposalActions cycleId={cycleId} row={row} d={d} /> },
      ]} />
  );
}

/** Publication of one group (administrator): publish with the decision number, or amend with a reason; the versions so far. */
function PublicationPanel({ cycle, groupId, groupName }: { cycle: CycleSummary; groupId: string; groupName: string }) {
  const { t } = useCyT();
  const published = usePublishedResults();
  const publish = usePublishGroup();
  const amend = useAmendGroup();
  const { modal, message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const [amending, setAmending] = useState(false);
  const [form] = Form.useForm<{ reason: string; decisionNumber?: string }>();
  const entry = published.data?.items.find((p) => p.cycleId === cycle.id && p.groupId === groupId);
  const numbers = entry ? Array.from({ length: entry.latestNumber }, (_v, i) => entry.latestNumber - i) : [];

  const confirmPublish = () => modal.confirm({
    title: t('council.publishTitle', { group: groupName }),
    content: (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('council.publishText')}</Typography.Paragraph>
        <label htmlFor="decision-number">{t('council.decisionNumber')}</label>
        <Input id="decision-number" />
      </Space>
    ),
    okText: t('council.publish'),
    cancelText: t('common.cancel'),
    onOk: () => publish.mutateAsync({ cycleId: cycle.id, groupId, decisionNumber: (document.getElementById('decision-number') as HTMLInputElement | null)?.value.trim() || undefined }).then(
      (s) => void message.success(t('council.published', { number: s.number })),
      (e: unknown) => void modal.error({ title: t('council.publish'), content: errMsg(e) }),
    ),
  });

  return (
    <section aria-label={t('council.publication')}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('council.publication')} — {groupName}</Typography.Title>
      <Space wrap>
        {!entry && <Button type="primary" onClick={confirmPublish} loading={publish.isPending}>{t('council.publish')}</Button>}
        {entry && <Button onClick={() => setAmending(true)}>{t('council.amend')}</Button>}
        <Link to="/cong-khai" search={{ cycle: cycle.id, group: groupId }}>{t('council.viewPublic')}</Link>
      </Space>
      {entry && (
        <Space wrap style={{ marginTop: 12, display: 'flex' }}>
          <Button icon={<DownloadOutlined />} href={resultDocumentUrl(cycle.id, groupId, 'appraisal-report.docx')}>{t('council.documentReport')}</Button>
          <Button icon={<DownloadOutlined />} href={resultDocumentUrl(cycle.id, groupId, 'publication-decision.docx')}>{t('council.documentDecision')}</Button>
          <Button icon={<DownloadOutlined />} href={resultDocumentUrl(cycle.id, groupId, 'publication-decision.pdf')}>{t('council.documentDecisionPdf')}</Button>
        </Space>
      )}
      {entry && (
        <Table size="small" style={{ marginTop: 12 }} rowKey={(n) => String(n)} pagination={false} dataSource={numbers}
          columns={[
            { title: t('council.snapshots'), render: (_v, n: number) => (
              <Link to="/cong-khai" search={{ cycle: cycle.id, group: groupId, number: n }}>{t('council.snapshot', { number: n })}</Link>
            ) },
            { title: t('common.date'), render: (_v, n: number) => (n === entry.latestNumber ? formatDate(entry.publishedAt) : '') },
          ]} />
      )}
      <Modal open={amending} title={t('council.amendTitle')} onCancel={() => setAmending(false)} onOk={() => form.submit()}
        okText={t('council.amend')} cancelText={t('common.cancel')} confirmLoading={amend.isPending} destroyOnHidden>
        <SaveError error={amend.error} />
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => amend.mutate(
          { cycleId: cycle.id, groupId, reason: v.reason.trim(), decisionNumber: v.decisionNumber?.trim() || undefined },
          { onSuccess: (s) => { void message.success(t('council.amended', { number: s.number })); setAmending(false); } },
        )}>
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="decisionNumber" label={t('council.decisionNumber')}><Input /></Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
