/**
 * One remediation plan (issue 12 §2): its items — criterion (or field), points lost, cause — with the
 * unit's action, responsible and deadline, editable while a draft or returned; the head submits, the
 * administrator accepts or returns; once accepted, the unit reports each item per quarter.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Popconfirm, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { QueryError, SaveError } from '../../../components/errors';
import { DATE_INPUT_FORMAT, formatDate, formatDateTime } from '../../../format';
import {
  type RemediationItem, type RemediationPlan, type RemediationProgressStatus,
  useDecideRemediationPlan, useRemediationPlan, useReportRemediationProgress, useSubmitRemediationPlan, useUpdateRemediationPlan,
} from '../../../api/remediation';
import type { FollowUpSearch } from '../search';
import { useRemediationT } from './i18n';
import { PROGRESS_COLOURS, PlanStatusTag, planPoints, romanQuarter } from './parts';

/** An item as the unit edits it (own items have no id until saved). */
interface EditItem {
  key: string;
  id?: string;
  source: RemediationItem['source'];
  code: string;
  name: string;
  pointsLost: string | null;
  cause: string | null;
  action: string;
  responsible: string;
  deadline: string | null;
}

const toEdit = (i: RemediationItem): EditItem => ({
  key: i.id, id: i.id, source: i.source, code: i.code, name: i.name, pointsLost: i.pointsLost, cause: i.cause, action: i.action, responsible: i.responsible, deadline: i.deadline,
});

export function PlanPage({ id }: { search: FollowUpSearch; id?: string }) {
  const { t } = useRemediationT();
  const q = useRemediationPlan(id ?? '');
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const plan = q.data;
  if (!plan) return <Skeleton active />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="remediation-plan">
      <div>
        <Link to="/follow-up/plans">← {t('back')}</Link>
        <Typography.Title level={1} style={{ fontSize: 24, margin: '4px 0 0' }}>{plan.title}</Typography.Title>
        <Space wrap size={[8, 4]}>
          <PlanStatusTag status={plan.status} />
          <Typography.Text strong>{plan.unit.unitName}</Typography.Text>
          <Typography.Text type="secondary">{t('fromResults', { cycle: plan.cycleName, group: plan.groupName, n: plan.snapshotNumber })}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ margin: '4px 0 0' }}>
          {t('headline', { items: plan.itemCount, points: planPoints(plan.pointsAtStake), year: plan.planYear })}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {[
            plan.submittedBy && plan.submittedAt ? t('submittedBy', { name: plan.submittedBy, at: formatDateTime(plan.submittedAt) }) : null,
            plan.decidedBy && plan.decidedAt ? t('decidedBy', { name: plan.decidedBy, at: formatDateTime(plan.decidedAt) }) : null,
          ].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
      {plan.status === 'returned' && plan.reason && <Alert type="warning" showIcon title={t('returned')} description={plan.reason} />}
      {plan.snapshotNumber < plan.latestSnapshotNumber && (
        <Alert type="warning" showIcon data-testid="plan-amended" title={t('amended', { n: plan.snapshotNumber, latest: plan.latestSnapshotNumber })} />
      )}
      {plan.detail === 'fields' && <Alert type="info" showIcon title={t('fieldsDetail', { year: plan.year })} />}
      {/* A newer plan from the server (saved, submitted, decided) starts the edits afresh. */}
      <Items key={plan.version} plan={plan} />
      <Decision plan={plan} />
      <Progress plan={plan} />
    </Space>
  );
}

function Items({ plan }: { plan: RemediationPlan }) {
  const { t } = useRemediationT();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<EditItem[]>(() => plan.items.map(toEdit));
  const [dirty, setDirty] = useState(false);
  const update = useUpdateRemediationPlan();
  const submit = useSubmitRemediationPlan();
  const change = (key: string, patch: Partial<EditItem>) => {
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
    setDirty(true);
  };
  const save = () => update.mutate({
    id: plan.id, version: plan.version,
    items: items.map((i) => ({ id: i.id, code: i.code, name: i.name, action: i.action, responsible: i.responsible, deadline: i.deadline })),
  }, { onSuccess: () => void message.success(t('saved')) });
  const editing = plan.may.edit;
  return (
    <Card size="small" title={t('title')} data-testid="plan-items">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {items.map((item, index) => (
          <ItemRow key={item.key} item={item} index={index} editing={editing} onChange={(patch) => change(item.key, patch)}
            onRemove={() => { setItems((all) => all.filter((i) => i.key !== item.key)); setDirty(true); }} />
        ))}
        {(update.error || submit.error) && <SaveError error={update.error ?? submit.error} />}
        {(editing || plan.may.submit) && (
          <Space wrap>
            {editing && (
              <Button icon={<PlusOutlined />} onClick={() => {
                setItems((all) => [...all, { key: `new-${Date.now()}`, source: 'own', code: '', name: '', pointsLost: null, cause: null, action: '', responsible: '', deadline: null }]);
                setDirty(true);
              }}>{t('addItem')}</Button>
            )}
            {editing && <Button type={dirty ? 'primary' : 'default'} loading={update.isPending} disabled={!dirty} onClick={save}>{t('save')}</Button>}
            {plan.may.submit && (
              <Popconfirm title={t('submitConfirm')} okText={t('submit')} cancelText={t('cancel')}
                onConfirm={() => submit.mutate({ id: plan.id, version: plan.version }, { onSuccess: () => void message.success(t('submitted')) })}>
                <Button type="primary" disabled={dirty} loading={submit.isPending}>{t('submit')}</Button>
              </Popconfirm>
            )}
            {dirty && <Typography.Text type="warning">{t('unsaved')}</Typography.Text>}
          </Space>
        )}
        {editing && !plan.may.submit && <Typography.Text type="secondary">{t('submitHint')}</Typography.Text>}
      </Space>
    </Card>
  );
}

function ItemRow({ item, index, editing, onChange, onRemove }: { item: EditItem; index: number; editing: boolean; onChange: (patch: Partial<EditItem>) => void; onRemove: () => void }) {
  const { t } = useRemediationT();
  const own = item.source === 'own';
  const label = `${t('col.item')} ${index + 1}`;
  return (
    <div data-testid="plan-item" style={{ borderTop: index > 0 ? '1px solid #f0f0f0' : undefined, paddingTop: index > 0 ? 12 : 0 }}>
      <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div style={{ minWidth: 0 }}>
          {own && editing ? (
            <Space.Compact style={{ width: '100%' }}>
              <Input aria-label={`${label}: ${t('ownCode')}`} placeholder={t('ownCode')} value={item.code} onChange={(e) => onChange({ code: e.target.value })} style={{ width: 80 }} />
              <Input aria-label={`${label}: ${t('ownName')}`} placeholder={t('ownName')} value={item.name} onChange={(e) => onChange({ name: e.target.value })} />
            </Space.Compact>
          ) : (
            <Typography.Text strong>{item.code ? `${item.code}. ` : ''}{item.name}</Typography.Text>
          )}
          <div>
            {own ? <Tag>{t('own')}</Tag> : <Tag color="red">{t('points', { points: planPoints(item.pointsLost) })}</Tag>}
            {item.cause && item.source === 'criterion' && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('cause')}: {item.cause}</Typography.Text>}
          </div>
        </div>
        {editing && <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={`${t('remove')} ${item.code}`} onClick={onRemove}>{t('remove')}</Button>}
      </Space>
      {editing ? (
        <Row gutter={[12, 8]} style={{ marginTop: 8 }}>
          <Col xs={24} lg={12}>
            <Input.TextArea aria-label={`${t('col.action')} ${item.code || label}`} placeholder={t('col.action')} autoSize={{ minRows: 1, maxRows: 6 }} value={item.action}
              onChange={(e) => onChange({ action: e.target.value })} />
          </Col>
          <Col xs={24} sm={14} lg={7}>
            <Input aria-label={`${t('col.responsible')} ${item.code || label}`} placeholder={t('col.responsible')} value={item.responsible} onChange={(e) => onChange({ responsible: e.target.value })} />
          </Col>
          <Col xs={24} sm={10} lg={5}>
            <DatePicker aria-label={`${t('col.deadline')} ${item.code || label}`} placeholder={t('col.deadline')} format={DATE_INPUT_FORMAT} style={{ width: '100%' }}
              value={item.deadline ? dayjs(item.deadline) : null} onChange={(d) => onChange({ deadline: d ? d.format('YYYY-MM-DD') : null })} />
          </Col>
        </Row>
      ) : (
        <div style={{ marginTop: 6 }}>
          {([['col.action', item.action || '—'], ['col.responsible', item.responsible || '—'], ['col.deadline', item.deadline ? formatDate(item.deadline) : '—']] as const).map(([label, value]) => (
            <div key={label}><Typography.Text type="secondary">{t(label)}: </Typography.Text>{value}</div>
          ))}
        </div>
      )}
    </div>
  );
}

function Decision({ plan }: { plan: RemediationPlan }) {
  const { t } = useRemediationT();
  const { message } = AntApp.useApp();
  const decide = useDecideRemediationPlan();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!plan.may.decide) return null;
  return (
    <Card size="small">
      {decide.error && <SaveError error={decide.error} />}
      <Space wrap>
        <Button type="primary" loading={decide.isPending && decide.variables?.decision === 'accept'}
          onClick={() => decide.mutate({ id: plan.id, version: plan.version, decision: 'accept' }, { onSuccess: () => void message.success(t('accepted')) })}>
          {t('accept')}
        </Button>
        <Button danger onClick={() => setReturning(true)}>{t('return')}</Button>
      </Space>
      <Modal open={returning} title={t('returnTitle')} okText={t('return')} cancelText={t('cancel')} okButtonProps={{ danger: true, loading: decide.isPending }}
        onCancel={() => setReturning(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={({ reason }) => decide.mutate({ id: plan.id, version: plan.version, decision: 'return', reason }, { onSuccess: () => setReturning(false) })}>
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

interface ReportTarget { item: RemediationItem; quarter: number }

function Progress({ plan }: { plan: RemediationPlan }) {
  const { t } = useRemediationT();
  const [target, setTarget] = useState<ReportTarget | null>(null);
  const accepted = plan.status === 'accepted';
  return (
    <Card size="small" title={t('progress', { year: plan.planYear })} data-testid="plan-progress">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{accepted ? t('progressHelp') : t('progressAfterAccept')}</Typography.Paragraph>
      {accepted && (
        <>
          <Space wrap size={[16, 4]} style={{ marginBottom: 12 }}>
            {plan.quarters.map((q) => (
              <Typography.Text key={q.quarter}>
                <b>{t('quarter', { q: romanQuarter(q.quarter), n: q.quarter })}</b>: {t('recovered', { done: q.done, total: plan.itemCount, points: planPoints(q.pointsRecovered) })}
              </Typography.Text>
            ))}
          </Space>
          <Table<RemediationItem>
            rowKey="id"
            size="small"
            dataSource={plan.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'code', title: t('col.code'), fixed: 'left', render: (_, i) => i.code || '—' },
              { key: 'name', title: t('col.name'), responsive: ['md'], render: (_, i) => <Typography.Text ellipsis={{ tooltip: i.name }} style={{ maxWidth: 320 }}>{i.name}</Typography.Text> },
              ...[1, 2, 3, 4].map((quarter) => ({
                key: `q${quarter}`,
                title: t('quarterShort', { q: quarter }),
                render: (_: unknown, i: RemediationItem) => <QuarterCell item={i} quarter={quarter} mayReport={plan.may.report} onReport={() => setTarget({ item: i, quarter })} />,
              })),
            ]}
          />
        </>
      )}
      {target && <ReportModal plan={plan} target={target} onClose={() => setTarget(null)} />}
    </Card>
  );
}

function QuarterCell({ item, quarter, mayReport, onReport }: { item: RemediationItem; quarter: number; mayReport: boolean; onReport: () => void }) {
  const { t } = useRemediationT();
  const report = item.progress.find((p) => p.quarter === quarter);
  const tag = report ? <Tag color={PROGRESS_COLOURS[report.status]} title={report.note || undefined}>{t(`progressStatus.${report.status}`)}</Tag> : null;
  if (!mayReport) return tag ?? <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Button size="small" type={report ? 'text' : 'dashed'} onClick={onReport} aria-label={`${t('report')} ${item.code} ${t('quarterShort', { q: quarter })}`}>
      {tag ?? t('report')}
    </Button>
  );
}

function ReportModal({ plan, target, onClose }: { plan: RemediationPlan; target: ReportTarget; onClose: () => void }) {
  const { t } = useRemediationT();
  const { message } = AntApp.useApp();
  const report = useReportRemediationProgress();
  const current = target.item.progress.find((p) => p.quarter === target.quarter);
  const [form] = Form.useForm<{ status: RemediationProgressStatus; note: string }>();
  return (
    <Modal open title={t('reportTitle', { code: target.item.code || target.item.name, q: romanQuarter(target.quarter), n: target.quarter, year: plan.planYear })} okText={t('report')} cancelText={t('cancel')}
      okButtonProps={{ loading: report.isPending }} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {report.error && <SaveError error={report.error} />}
      <Typography.Paragraph type="secondary">{target.item.name}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ status: current?.status ?? 'in_progress', note: current?.note ?? '' }}
        onFinish={(v) => report.mutate({ id: plan.id, itemId: target.item.id, quarter: target.quarter, status: v.status, note: v.note ?? '', version: current?.version },
          { onSuccess: () => { void message.success(t('reported')); onClose(); } })}>
        <Form.Item name="status" label={t('col.status')}>
          <Select options={(['not_started', 'in_progress', 'done'] as const).map((s) => ({ value: s, label: t(`progressStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
