import { useState, type ReactNode } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Grid, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useApproveProposal, usePropose, useRejectProposal } from '../../api/appraisal';
import type { CouncilRow, CouncilProposal, DisputedCriterion } from '../../api/council';
import { useMe } from '../../api/hooks';
import { SaveError, useErrorMessage } from '../../components/errors';
import { conflictText, pts, useCyT } from '../cycles/parts';
import { useCouncilT } from './i18n';

/**
 * What the council decides on, with its people and reasons: the appraised score with the
 * appraiser's reason, the proposal with its reason and proposer, the buttons the server allows
 * (`may`), and the chair's list of proposals awaiting a decision.
 */

const small = { fontSize: 13 } as const;

/** Points, or "Không áp dụng". */
function usePoints() {
  const { t } = useCouncilT();
  return (points: string | null, notApplicable = false) => (notApplicable ? t('notApplicable') : pts(points));
}

/** The appraised score and, below it, the appraiser's reason. */
export function AppraisedCell({ d }: { d: DisputedCriterion }) {
  const { t } = useCouncilT();
  return (
    <>
      <div>{pts(d.appraised)}</div>
      {d.appraisalReason && <Typography.Text type="secondary" style={small}>{t('appraisalReason', { reason: d.appraisalReason })}</Typography.Text>}
    </>
  );
}

/** The proposal's status: approved, awaiting the chair, or the reader's own (which they may not decide). */
function ProposalStatus({ p }: { p: CouncilProposal }) {
  const { t } = useCouncilT();
  const me = useMe();
  if (p.approved) return <Tag color="green">{t('proposal.approved')}</Tag>;
  if (me && p.proposedBy?.id === me.id) {
    return <Tooltip title={t('proposal.ownHint')}><Tag color="blue">{t('proposal.own')}</Tag></Tooltip>;
  }
  return <Tag color="gold">{t('proposal.pending')}</Tag>;
}

/** The council's proposal in full: points, status, reason, who proposed, who approved. */
export function ProposalCell({ d }: { d: DisputedCriterion }) {
  const { t } = useCouncilT();
  const show = usePoints();
  const p = d.proposal;
  if (!p) return <>—</>;
  return (
    <Space orientation="vertical" size={2}>
      <span><strong>{show(p.points, p.notApplicable)}</strong> <ProposalStatus p={p} /></span>
      <Typography.Text style={small}>{p.reason}</Typography.Text>
      {p.proposedBy && <Typography.Text type="secondary" style={small}>{t('proposal.by', { name: p.proposedBy.name })}</Typography.Text>}
      {p.approvedBy && <Typography.Text type="secondary" style={small}>{t('proposal.approvedBy', { name: p.approvedBy.name })}</Typography.Text>}
    </Space>
  );
}

/** Propose (members), approve or reject (the chair, on another member's proposal) — as the server's `may` says. */
export function ProposalActions({ cycleId, row, d }: { cycleId: string; row: CouncilRow; d: DisputedCriterion }) {
  const { t } = useCyT();
  const approve = useApproveProposal();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const [open, setOpen] = useState<'propose' | 'reject' | null>(null);
  const ref = { cycleId, unitId: row.unit.id, nodeKey: d.nodeKey, version: d.version };
  const target = `${d.code} — ${row.unit.name}`;
  return (
    <>
      <Space wrap size="small">
        {d.may.propose && <Button size="small" aria-label={`${t('council.propose')} ${target}`} onClick={() => setOpen('propose')}>{t('council.propose')}</Button>}
        {d.may.approve && (
          <Button size="small" type="primary" aria-label={`${t('council.approve')} ${target}`} loading={approve.isPending}
            onClick={() => approve.mutate(ref, {
              onSuccess: () => void message.success(t('council.approved')),
              onError: (e) => void message.error(conflictText(e) !== null ? t('common.conflictShort') : errMsg(e)),
            })}>{t('council.approve')}</Button>
        )}
        {d.may.approve && <Button size="small" danger aria-label={`${t('council.reject')} ${target}`} onClick={() => setOpen('reject')}>{t('council.reject')}</Button>}
      </Space>
      {open === 'propose' && <ProposeModal target={ref} title={t('council.proposeTitle', { criterion: d.code, unit: row.unit.name })} d={d} onClose={() => setOpen(null)} />}
      {open === 'reject' && <RejectModal target={ref} title={`${t('council.rejectTitle')}: ${target}`} d={d} onClose={() => setOpen(null)} />}
    </>
  );
}

type Ref = { cycleId: string; unitId: string; nodeKey: string; version: number };

/** What the deciding person reads in the dialog: the three scores and the reasons so far. */
function Summary({ d }: { d: DisputedCriterion }) {
  const { t } = useCouncilT();
  return (
    <Typography.Paragraph type="secondary" style={small}>
      {t('col.self')}: {pts(d.self)} · {t('col.appraised')}: {pts(d.appraised)}
      {d.appraisalReason ? ` (${d.appraisalReason})` : ''}
      {d.proposal && !d.proposal.approved ? <> · {t('col.proposed')}: {pts(d.proposal.points)} — {d.proposal.reason}{d.proposal.proposedBy ? ` (${d.proposal.proposedBy.name})` : ''}</> : null}
    </Typography.Paragraph>
  );
}

function ProposeModal({ target, title, d, onClose }: { target: Ref; title: string; d: DisputedCriterion; onClose: () => void }) {
  const { t } = useCyT();
  const { t: tc } = useCouncilT();
  const propose = usePropose();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ points: string; reason: string }>();
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()}
      okText={t('council.propose')} cancelText={t('common.cancel')} confirmLoading={propose.isPending} destroyOnHidden>
      <Summary d={d} />
      <SaveError error={propose.error} />
      <Form form={form} layout="vertical" onFinish={(v) => propose.mutate(
        { ...target, value: { points: v.points.trim().replace(',', '.') }, reason: v.reason.trim() },
        { onSuccess: () => { void message.success(t('council.proposed')); onClose(); } },
      )}>
        <Form.Item name="points" label={tc('proposedPoints')} rules={[{ required: true, message: t('common.required') }]}>
          <Input inputMode="decimal" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RejectModal({ target, title, d, onClose }: { target: Ref; title: string; d: DisputedCriterion; onClose: () => void }) {
  const { t } = useCyT();
  const reject = useRejectProposal();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()}
      okText={t('council.reject')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} confirmLoading={reject.isPending} destroyOnHidden>
      <Summary d={d} />
      <SaveError error={reject.error} />
      <Form form={form} layout="vertical" onFinish={(v) => reject.mutate(
        { ...target, reason: v.reason.trim() },
        { onSuccess: () => { void message.success(t('council.rejected')); onClose(); } },
      )}>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PendingItem {
  row: CouncilRow;
  d: DisputedCriterion;
}

/** One line per proposal awaiting the chair, across the group's units (a card each on a phone). */
export function PendingProposals({ cycleId, rows }: { cycleId: string; rows: CouncilRow[] }) {
  const { t } = useCouncilT();
  const wide = useWide();
  const items: PendingItem[] = rows.flatMap((row) => row.disputed.filter((d) => d.proposal && !d.proposal.approved).map((d) => ({ row, d })));
  if (items.length === 0) return null;
  const key = (i: PendingItem) => `${i.row.unit.id}:${i.d.nodeKey}`;
  const cell = (render: (i: PendingItem) => ReactNode) => (_v: unknown, i: PendingItem) => render(i);
  return (
    <section aria-label={t('pending.title')}>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {t('pending.title')} <Tag color="gold">{t('pending.count', { count: items.length })}</Tag>
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pending.intro')}</Typography.Paragraph>
      {wide ? (
        <Table<PendingItem> size="small" pagination={false} dataSource={items} rowKey={key} scroll={{ x: 1040 }} tableLayout="fixed"
          columns={[
            { title: t('col.unit'), width: 150, fixed: 'left', render: cell((i) => i.row.unit.name) },
            { title: t('col.criterion'), width: 210, render: cell((i) => <><strong>{i.d.code}</strong> {i.d.name}</>) },
            { title: t('col.self'), width: 80, align: 'right', render: cell((i) => pts(i.d.self)) },
            { title: t('col.appraised'), width: 190, render: cell((i) => <AppraisedCell d={i.d} />) },
            { title: t('col.proposal'), width: 260, render: cell((i) => <ProposalCell d={i.d} />) },
            { title: t('col.actions'), width: 150, fixed: 'right', render: cell((i) => <ProposalActions cycleId={cycleId} row={i.row} d={i.d} />) },
          ]} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {items.map((i) => (
            <Card key={key(i)} size="small" role="group" aria-label={`${i.d.code} — ${i.row.unit.name}`}
              title={<span style={{ whiteSpace: 'normal' }}><strong>{i.d.code}</strong> {i.d.name} — {i.row.unit.name}</span>}>
              <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 110 } }}
                items={[
                  { key: 'self', label: t('col.self'), children: pts(i.d.self) },
                  { key: 'appraised', label: t('col.appraised'), children: <div><AppraisedCell d={i.d} /></div> },
                  { key: 'proposal', label: t('col.proposal'), children: <ProposalCell d={i.d} /> },
                ]} />
              <ProposalActions cycleId={cycleId} row={i.row} d={i.d} />
            </Card>
          ))}
        </Space>
      )}
    </section>
  );
}

/** Tables with fixed columns from the md breakpoint (768 px); cards and plain tables below. */
export function useWide(): boolean {
  return Grid.useBreakpoint().md !== false;
}
