/**
 * Targets (issue 12 §3): a plan's targets for a year — baseline, the year's milestone, the value
 * reached and its status — with "met / total"; a target opens its history (drawer). The plan's
 * administrator adds, edits and deletes targets (or imports them, or values) and edits the plan. Search: `plan` (id), `year`, `target` (open drawer).
 */
import { useEffect, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Card, Empty, Grid, List, Select, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMe } from '../../../api/hooks';
import { useTargetPlan, useTargetPlans, type TargetImportKind, type TargetPlanDetail, type TargetView } from '../../../api/targets';
import { preloadECharts } from '../../../components/charts/EChart';
import type { FollowUpSearch } from '../search';
import { StatusTag, SummaryCounts, useFigure } from './parts';
import { TargetDrawer } from './TargetDrawer';
import { TargetImportModal } from './TargetImportModal';
import { PlanFormModal } from './PlanFormModal';
import { TargetFormModal } from './TargetFormModal';
import { useTargetsT } from './i18n';

export function TargetsPage({ search }: { search: FollowUpSearch }) {
  const { t } = useTargetsT();
  const navigate = useNavigate();
  const plans = useTargetPlans();
  useEffect(() => preloadECharts(), []);
  const planId = search.plan ?? plans.data?.[0]?.id;
  const plan = useTargetPlan(planId);
  const go = (next: FollowUpSearch) => void navigate({ to: '/follow-up/targets', search: next, replace: true });
  const me = useMe();
  const [creating, setCreating] = useState(false);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('intro')}</Typography.Paragraph>
      </div>
      <Space wrap style={{ width: '100%' }}>
        {plans.isLoading ? <Skeleton.Input active /> : plans.data?.length === 0 ? <Empty description={t('empty')} /> : (
          <Select
            aria-label={t('plan')}
            style={{ width: 'min(720px, calc(100vw - 48px))' }}
            value={planId}
            onChange={(id) => go({ plan: id })}
            options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        {me?.roles.includes('admin') && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('newPlan')}</Button>}
      </Space>
      {creating && <PlanFormModal onClose={() => setCreating(false)} onCreated={(p) => { setCreating(false); go({ plan: p.id }); }} />}
      {plan.error != null && <Alert type="error" showIcon message={String((plan.error as Error).message)} />}
      {plan.data && (
        <PlanView
          plan={plan.data}
          year={search.year ? Number(search.year) : undefined}
          openId={search.target}
          onChange={(next) => go({ plan: plan.data.id, year: search.year, target: search.target, ...next })}
        />
      )}
    </Space>
  );
}

function PlanView({ plan, year: asked, openId, onChange }: {
  plan: TargetPlanDetail;
  year: number | undefined;
  openId: string | undefined;
  onChange: (next: FollowUpSearch) => void;
}) {
  const { t } = useTargetsT();
  const phone = !Grid.useBreakpoint().md;
  const [importing, setImporting] = useState<TargetImportKind | null>(null);
  /** The target being edited ('new': one being added). */
  const [editing, setEditing] = useState<TargetView | 'new' | null>(null);
  const [editingPlan, setEditingPlan] = useState(false);
  const onEdit = plan.may.edit ? (x: TargetView) => setEditing(x) : undefined;
  const years = Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
  const thisYear = new Date().getFullYear();
  const year = asked ?? plan.summary.year ?? Math.min(Math.max(thisYear, plan.startYear), plan.endYear);
  const open = plan.targets.find((x) => x.id === openId);
  const s = plan.summary;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{plan.name}</Typography.Title>
          <Space wrap size={[8, 4]}>
            {plan.documentNumber && <Tag>{t('document', { number: plan.documentNumber })}</Tag>}
            <Tag>{t('period', { start: plan.startYear, end: plan.endYear })}</Tag>
            {plan.owner && <Tag>{plan.owner.name}</Tag>}
          </Space>
          {s.year === null ? <Typography.Text type="secondary">{t('noYear')}</Typography.Text> : (
            <Space wrap align="baseline" size={[8, 0]} data-testid="targets-summary">
              <Typography.Text strong style={{ fontSize: 28 }}>{t('summary', { met: s.met, total: s.total })}</Typography.Text>
              <Typography.Text>{t('summaryLabel')} {t('summaryYear', { year: s.year })}</Typography.Text>
              <SummaryCounts summary={s} />
            </Space>
          )}
          <Space wrap style={{ marginTop: 8 }}>
            <span>{t('year')}</span>
            <Select aria-label={t('year')} value={year} style={{ width: 100 }} onChange={(y) => onChange({ year: String(y) })} options={years.map((y) => ({ value: y, label: String(y) }))} />
            {plan.may.edit && (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('targetForm.add')}</Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting('values')}>{t('importValues')}</Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting('targets')}>{t('importTargets')}</Button>
                <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)}>{t('editPlan')}</Button>
              </>
            )}
          </Space>
        </Space>
      </Card>
      {phone ? <TargetCards targets={plan.targets} year={year} onOpen={(id) => onChange({ target: id })} onEdit={onEdit} /> : <TargetTable targets={plan.targets} year={year} onOpen={(id) => onChange({ target: id })} onEdit={onEdit} />}
      {open && <TargetDrawer target={open} plan={plan} year={year} onClose={() => onChange({ target: undefined })} />}
      {editing && <TargetFormModal plan={plan} target={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {editingPlan && <PlanFormModal plan={plan} onCreated={() => setEditingPlan(false)} onClose={() => setEditingPlan(false)} />}
      {importing && <TargetImportModal plan={plan} kind={importing} year={year} onClose={() => setImporting(null)} />}
    </Space>
  );
}

const yearOf = (target: TargetView, year: number) => target.years.find((y) => y.year === year);

interface ListProps {
  targets: TargetView[];
  year: number;
  onOpen: (id: string) => void;
  /** The plan's administrator edits a target. */
  onEdit?: (target: TargetView) => void;
}

function EditButton({ target, onEdit }: { target: TargetView; onEdit: (target: TargetView) => void }) {
  const { t } = useTargetsT();
  return <Button size="small" icon={<EditOutlined />} aria-label={`${t('targetForm.edit')} ${target.code}`} onClick={() => onEdit(target)}>{t('targetForm.edit')}</Button>;
}

function TargetTable({ targets, year, onOpen, onEdit }: ListProps) {
  const { t } = useTargetsT();
  const figure = useFigure();
  const columns: TableColumnsType<TargetView> = [
    { title: t('columns.code'), dataIndex: 'code', width: 64 },
    {
      title: t('columns.name'), dataIndex: 'name',
      render: (name: string, x) => <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onOpen(x.id)}>{name}</Button>,
    },
    { title: t('columns.baseline'), width: 140, render: (_, x) => (x.baselineValue === null ? '—' : x.baselineYear ? t('baselineOf', { value: figure(x.baselineValue, x), year: x.baselineYear }) : figure(x.baselineValue, x)) },
    { title: t('columns.milestone', { year }), width: 110, align: 'right', render: (_, x) => figure(yearOf(x, year)?.milestone, x) },
    { title: t('columns.value', { year }), width: 110, align: 'right', render: (_, x) => <Typography.Text strong>{figure(yearOf(x, year)?.value, x)}</Typography.Text> },
    { title: t('columns.status'), width: 130, render: (_, x) => <StatusTag status={yearOf(x, year)?.status ?? 'no_value'} /> },
    { title: t('columns.unit'), width: 180, render: (_, x) => x.responsibleUnit?.name ?? '—' },
    { title: t('columns.source'), width: 120, render: (_, x) => t(`source.${x.source}`) },
    ...(onEdit ? [{ key: 'edit', width: 90, render: (_: unknown, x: TargetView) => <EditButton target={x} onEdit={onEdit} /> }] : []),
  ];
  return (
    <Table<TargetView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={targets}
      pagination={false}
      data-testid="targets-table"
      scroll={{ x: 900 }}
    />
  );
}

function TargetCards({ targets, year, onOpen, onEdit }: ListProps) {
  const { t } = useTargetsT();
  const figure = useFigure();
  return (
    <List
      dataSource={targets}
      rowKey="id"
      data-testid="targets-cards"
      renderItem={(x) => {
        const y = yearOf(x, year);
        return (
          <Card size="small" style={{ marginBottom: 8 }} data-code={x.code}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onOpen(x.id)}>
                {x.code}. {x.name}
              </Button>
              <Space wrap size={[12, 4]}>
                <StatusTag status={y?.status ?? 'no_value'} />
                <span>{t('columns.value', { year })}: <Typography.Text strong>{figure(y?.value, x)}</Typography.Text></span>
                <span>{t('columns.milestone', { year })}: {figure(y?.milestone, x)}</span>
              </Space>
              <Typography.Text type="secondary">{x.responsibleUnit?.name ?? '—'} · {t(`source.${x.source}`)}</Typography.Text>
              {onEdit && <EditButton target={x} onEdit={onEdit} />}
            </Space>
          </Card>
        );
      }}
    />
  );
}
