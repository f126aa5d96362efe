import { useMemo, useState } from 'react';
import { App as AntApp, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMe, useUnits } from '../../api/hooks';
import { useFrameworkPrograms } from '../../api/frameworks';
import {
  CALENDAR_END_OF_DAY, CALENDAR_FIELDS, dayToInstant, useCreateCycle, useCycles, useGroupSets,
  type Calendar, type CalendarField, type Cycle, type CycleSummary,
} from '../../api/cycles';
import { QueryError, SaveError } from '../../components/errors';
import { applyServerErrors } from '../../lib/forms';
import { formatDate, formatInteger } from '../../format';
import { CycleStatusTag, DayPicker, useCyT } from './parts';
import { groupSetsForOwner, reachOf } from './owner-scope';
import { ImportedTag, ImportPublishedButton } from '../results/ImportPublishedModal';

/** The owner filter's value for the province's own cycles (as GET /api/cycles?owner= takes it). */
const PROVINCE = 'province';
const ownerKey = (c: CycleSummary) => c.owner?.id ?? PROVINCE;

/** Who organises a cycle: a unit (its name), or the province (Sở Nội vụ). */
export function CycleOwnerName({ owner }: { owner: CycleSummary['owner'] }) {
  const { t } = useCyT();
  return owner ? <span title={owner.code}>{owner.name}</span> : <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{t('list.province')}</Tag>;
}

/** A cycle's progress in one line: submitted of participants, published. */
function CountsCell({ counts }: { counts: CycleSummary['counts'] }) {
  const { t } = useCyT();
  if (!counts) return null;
  if (counts.units === 0) return <Typography.Text type="secondary">{t('list.noUnits')}</Typography.Text>;
  return <>{t('list.counts', { units: formatInteger(counts.units), submitted: formatInteger(counts.submitted), published: formatInteger(counts.published) })}</>;
}

/**
 * Every cycle the user sees. For the province's administrator (and council, leadership) it is the
 * consolidated view of every level's cycles side by side, with their organising unit and progress;
 * an organising unit's administrator sees its own; a unit's staff those it takes part in.
 */
export function CyclesPage() {
  const { t } = useCyT();
  const me = useMe();
  const cycles = useCycles();
  const [creating, setCreating] = useState(false);
  const [owner, setOwner] = useState<string | undefined>(undefined);
  // Earlier years' results imported from published files are many, near-identical rows: hidden until asked for.
  const [withImported, setWithImported] = useState(false);
  const isAdmin = !!me?.roles.includes('admin');
  const all = useMemo(() => cycles.data?.items ?? [], [cycles.data]);
  const importedCount = useMemo(() => all.filter((c) => c.origin === 'imported').length, [all]);
  const items = useMemo(() => (withImported ? all : all.filter((c) => c.origin !== 'imported')), [all, withImported]);
  const owners = useMemo(() => {
    const seen = new Map<string, string>();
    for (const c of items) if (c.owner) seen.set(c.owner.id, c.owner.name);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  }, [items]);
  const levels = owners.length + (items.some((c) => !c.owner) ? 1 : 0);
  // An organiser whose only cycles were imported ones drops out of the filter when they are hidden again.
  const ownerShown = owner && items.some((c) => ownerKey(c) === owner) ? owner : undefined;
  const shown = ownerShown ? items.filter((c) => ownerKey(c) === ownerShown) : items;
  const withCounts = items.some((c) => c.counts !== null);
  const intro = me?.scope ? t('list.introScoped', { unit: me.scope.name }) : me && me.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer') ? t('list.introProvince') : t('list.intro');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('list.title')}</Typography.Title>
        {isAdmin && (
          <Space wrap>
            <ImportPublishedButton onImported={() => setWithImported(true)} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('list.create')}</Button>
          </Space>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{intro}</Typography.Paragraph>
      {(levels > 1 || importedCount > 0) && (
        <Space wrap size="middle" style={{ width: '100%' }}>
          {levels > 1 && (
            <Select<string>
              allowClear
              aria-label={t('list.ownerFilter')}
              placeholder={t('list.ownerFilter')}
              value={ownerShown}
              onChange={(v) => setOwner(v)}
              style={{ width: 360, maxWidth: '100%' }}
              options={[{ value: PROVINCE, label: t('list.province') }, ...owners.map(([id, name]) => ({ value: id, label: name }))]}
            />
          )}
          {importedCount > 0 && (
            <Checkbox checked={withImported} onChange={(e) => setWithImported(e.target.checked)}>
              {t('list.withImported', { n: formatInteger(importedCount) })}
            </Checkbox>
          )}
        </Space>
      )}
      {cycles.error ? <QueryError error={cycles.error} onRetry={() => void cycles.refetch()} /> : (
        <Table<CycleSummary>
          rowKey="id"
          loading={cycles.isLoading}
          dataSource={shown}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: shown.length === 0 && !withImported && importedCount > 0 ? t('list.onlyImported', { n: formatInteger(importedCount) }) : t('common.noCycle') }}
          columns={[
            { title: t('common.name'), dataIndex: 'name', render: (_v, c) => <><Link to="/cycles/$cycleId" params={{ cycleId: c.id }}>{c.name}</Link>{c.origin === 'imported' && <ImportedTag />}</> },
            { title: t('list.owner'), key: 'owner', render: (_v, c) => <CycleOwnerName owner={c.owner} /> },
            { title: t('common.program'), render: (_v, c) => c.program.name },
            { title: t('common.year'), dataIndex: 'year', width: 80 },
            { title: t('common.state'), dataIndex: 'status', width: 150, render: (s: CycleSummary['status']) => <CycleStatusTag status={s} /> },
            ...(withCounts ? [{ title: t('list.progress'), key: 'counts', render: (_v: unknown, c: CycleSummary) => <CountsCell counts={c.counts} /> }] : []),
            { title: t('calendar.selfAssessmentDeadline'), width: 150, render: (_v, c) => formatDate(c.calendar.selfAssessmentDeadline) },
            { title: t('calendar.publicationDate'), width: 130, render: (_v, c) => formatDate(c.calendar.publicationDate) },
          ]}
        />
      )}
      {creating && <CreateCycleModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

export type CalendarDays = Partial<Record<CalendarField, string>>;

/** Calendar of picked days → instants (deadlines to the end of their day). */
export function calendarFromDays(days: CalendarDays): Calendar {
  const out: Record<string, string | null> = {};
  for (const f of CALENDAR_FIELDS) {
    const d = days[f];
    out[f] = d ? dayToInstant(d, CALENDAR_END_OF_DAY.includes(f)) : null;
  }
  if (!out.selfAssessmentOpens) delete out.selfAssessmentOpens;
  return out as unknown as Calendar;
}

export function CalendarFields({ disabled }: { disabled?: boolean }) {
  const { t } = useCyT();
  return (
    <Row gutter={12}>
      {CALENDAR_FIELDS.map((f) => (
        <Col xs={24} sm={12} key={f}>
          <Form.Item name={['calendar', f]} label={t(`calendar.${f}`)} rules={f === 'selfAssessmentOpens' ? [] : [{ required: true, message: t('common.required') }]}>
            <DayPicker style={{ width: '100%' }} disabled={disabled} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

interface CreateValues {
  /** The province's administrator's choice: `province` or a unit's id. */
  owner: string;
  programCode: string;
  year: number;
  name: string;
  groupSetId: string;
  calendar: CalendarDays;
  evidenceRequiredForPoints: boolean;
  explanationRequiredWithoutEvidence: boolean;
}

function CreateCycleModal({ onClose }: { onClose: () => void }) {
  const { t } = useCyT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const programs = useFrameworkPrograms();
  const groupSets = useGroupSets();
  const create = useCreateCycle();
  const [form] = Form.useForm<CreateValues>();
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const scoped = me?.scope ?? null;
  const owners = useOrganisingUnits(!scoped);
  const chosen = Form.useWatch('owner', form) ?? PROVINCE;
  const ownerId = scoped ? scoped.id : chosen === PROVINCE ? null : chosen;
  // The cycle's group set: its owner's, or the province's that hold some of the owner's units.
  const allUnits = useUnits({}, ownerId !== null);
  const ownerUnits = useMemo(
    () => (ownerId && allUnits.data ? reachOf(allUnits.data.items, ownerId) : undefined),
    [ownerId, allUnits.data],
  );
  const sets = groupSetsForOwner(groupSets.data?.items ?? [], ownerId, ownerUnits);

  const onFinish = (v: CreateValues) => {
    create.mutate(
      {
        ...(scoped ? {} : { ownerUnitId: v.owner === PROVINCE ? null : v.owner }),
        programCode: v.programCode, year: v.year, name: v.name.trim(), groupSetId: v.groupSetId,
        calendar: calendarFromDays(v.calendar),
        policy: { evidenceRequiredForPoints: v.evidenceRequiredForPoints, explanationRequiredWithoutEvidence: v.explanationRequiredWithoutEvidence },
      },
      {
        onSuccess: (c: Cycle) => {
          void message.success(t('create.done'));
          onClose();
          void navigate({ to: '/cycles/$cycleId', params: { cycleId: c.id } });
        },
        onError: (e) => setExtra(applyServerErrors(form, e, ['programCode', 'year', 'name', 'groupSetId', 'calendar'])),
      },
    );
  };

  return (
    <Modal open title={t('create.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('list.create')}
      cancelText={t('common.cancel')} confirmLoading={create.isPending} width={720} destroyOnHidden>
      <SaveError error={create.error} extra={extra} />
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish}
        initialValues={{ owner: PROVINCE, year: new Date().getFullYear(), evidenceRequiredForPoints: true, explanationRequiredWithoutEvidence: true, calendar: {} }}>
        {scoped ? (
          <Form.Item label={t('create.owner')} extra={t('create.ownerFixed')}>
            <Input value={scoped.name} disabled aria-label={t('create.owner')} />
          </Form.Item>
        ) : (
          <Form.Item name="owner" label={t('create.owner')} extra={t('create.ownerHelp')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isLoading}
              onChange={() => form.setFieldValue('groupSetId', undefined)}
              options={[{ value: PROVINCE, label: t('list.province') }, ...owners.units.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))]}
            />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="programCode" label={t('common.program')} rules={[{ required: true, message: t('common.required') }]}>
              <Select loading={programs.isLoading} options={(programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="year" label={t('common.year')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input placeholder={t('create.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="groupSetId" label={t('create.groupSet')} rules={[{ required: true, message: t('common.required') }]}>
          <Select loading={groupSets.isLoading} options={sets.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('calendar.title')}</Typography.Title>
        <CalendarFields />
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('create.policy')}</Typography.Title>
        <Form.Item name="evidenceRequiredForPoints" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t('create.evidenceRequiredForPoints')}</Checkbox>
        </Form.Item>
        <Form.Item name="explanationRequiredWithoutEvidence" valuePropName="checked">
          <Checkbox>{t('create.explanationRequiredWithoutEvidence')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Units that may organise a cycle for the units under them (a department, a district committee): every
 * current unit with units under it, by name. Read only for the province's administrator's choice.
 */
function useOrganisingUnits(enabled: boolean) {
  const units = useUnits({}, enabled);
  const organising = useMemo(() => {
    const all = units.data?.items ?? [];
    const parents = new Set(all.map((u) => u.parentId).filter((p): p is string => p !== null));
    return all.filter((u) => parents.has(u.id)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [units.data]);
  return { units: organising, isLoading: units.isLoading };
}
