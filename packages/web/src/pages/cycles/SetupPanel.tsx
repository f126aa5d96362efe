import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import { frameworkVersionQuery, useFrameworks } from '../../api/frameworks';
import { useUnits, useUsers } from '../../api/hooks';
import {
  CALENDAR_FIELDS, dayToInstant, instantToDay, useExtendDeadline, useGroupSets, useOpenCycle, useReassignCriterion,
  useSetCycleAgencies, useSetCycleGroups, useSetCycleUnits, useUpdateCycle, type Cycle, type CycleUnit,
} from '../../api/cycles';
import { SaveError, useErrorMessage } from '../../components/errors';
import { formatDate } from '../../format';
import { UnitSelect } from '../units/UnitSelect';
import { flatten, toDoc } from '../frameworks/model';
import { CalendarFields, calendarFromDays, type CalendarDays } from './CyclesPage';
import { DayPicker, UnitStateTag, useCyT } from './parts';
import { OpenCyclePanel } from './OpenCyclePanel';
import { NonSubmittedPolicyCard } from './NonSubmission';
import { participatesUnder, reachOf } from './owner-scope';

/** Cycle set-up (administrator): calendar, groups → framework versions, agencies, participants, extensions, opening. */
export function SetupPanel({ cycle }: { cycle: Cycle }) {
  const { t } = useCyT();
  const editable = cycle.may.edit;
  const inSetup = cycle.status === 'setup';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {!inSetup && <Alert type="info" showIcon title={t('setup.readOnly')} />}
      {cycle.status === 'open' && editable && <OpenCyclePanel cycle={cycle} />}
      <GeneralCard cycle={cycle} editable={editable} />
      <GroupsCard cycle={cycle} editable={editable && inSetup} />
      <AgenciesCard cycle={cycle} editable={editable} />
      <ParticipantsCard cycle={cycle} editable={editable && inSetup} />
      <ExtensionsCard cycle={cycle} editable={editable} />
      <NonSubmittedPolicyCard cycle={cycle} editable={editable && inSetup} />
      <ChairCard cycle={cycle} editable={editable} />
      {inSetup && cycle.may.open && <OpenButton cycle={cycle} />}
    </Space>
  );
}

function useSaved() {
  const { t } = useCyT();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  return {
    ok: () => void message.success(t('common.saved')),
    fail: (e: unknown) => void message.error(isApiError(e) && e.status === 409 ? t('common.conflictShort') : errMsg(e)),
  };
}

function GeneralCard({ cycle, editable }: { cycle: Cycle; editable: boolean }) {
  const { t } = useCyT();
  const update = useUpdateCycle();
  const saved = useSaved();
  const [form] = Form.useForm<{ name: string; calendar: CalendarDays }>();
  const initial = useMemo(() => ({
    name: cycle.name,
    calendar: Object.fromEntries(CALENDAR_FIELDS.map((f) => [f, instantToDay(cycle.calendar[f])])) as CalendarDays,
  }), [cycle]);
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  return (
    <Card size="small" title={`${t('setup.general')} · ${t('calendar.title')}`}>
      <SaveError error={update.error} />
      <Form form={form} layout="vertical" initialValues={initial} disabled={!editable}
        onFinish={(v) => update.mutate({ id: cycle.id, version: cycle.version, name: v.name.trim(), calendar: calendarFromDays(v.calendar) }, { onSuccess: saved.ok, onError: saved.fail })}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <CalendarFields />
        {editable && <Button type="primary" htmlType="submit" loading={update.isPending}>{t('common.save')}</Button>}
      </Form>
    </Card>
  );
}

function GroupsCard({ cycle, editable }: { cycle: Cycle; editable: boolean }) {
  const { t } = useCyT();
  const sets = useGroupSets();
  const frameworks = useFrameworks({ program: cycle.program.code });
  const save = useSetCycleGroups();
  const saved = useSaved();
  const set = sets.data?.items.find((s) => s.id === cycle.groupSetId);
  const [choice, setChoice] = useState<Record<string, string | undefined>>(() => Object.fromEntries(cycle.groups.map((g) => [g.groupId, g.frameworkVersionId])));
  const options = (frameworks.data?.items ?? []).flatMap((f) => f.versions.filter((v) => v.status === 'published').map((v) => ({
    value: v.id, label: `${t('setup.versionLabel', { name: f.name, number: v.number })} (${f.year})`,
  })));
  const groups = set?.groups ?? cycle.groups.map((g) => ({ id: g.groupId, name: g.groupName }));
  return (
    <Card size="small" title={t('setup.groups')}>
      <Typography.Paragraph type="secondary">{t('setup.groupsHint')}</Typography.Paragraph>
      <SaveError error={save.error} />
      <Table size="small" rowKey="id" pagination={false} dataSource={groups}
        columns={[
          { title: t('common.group'), dataIndex: 'name', width: 260 },
          { title: t('setup.frameworkVersion'), render: (_v, g) => (
            <Select aria-label={`${t('setup.frameworkVersion')}: ${g.name}`} style={{ width: '100%' }} allowClear disabled={!editable}
              loading={frameworks.isLoading} value={choice[g.id]} options={options} onChange={(v?: string) => setChoice((c) => ({ ...c, [g.id]: v }))} />
          ) },
        ]} />
      {editable && (
        <Button type="primary" style={{ marginTop: 12 }} loading={save.isPending}
          onClick={() => save.mutate({
            id: cycle.id, version: cycle.version,
            groups: Object.entries(choice).filter((e): e is [string, string] => !!e[1]).map(([groupId, frameworkVersionId]) => ({ groupId, frameworkVersionId })),
          }, { onSuccess: saved.ok, onError: saved.fail })}>
          {t('common.save')}
        </Button>
      )}
    </Card>
  );
}

/** Agency codes and leaves of the cycle's framework versions (for agencies and reassignments). */
function useCycleFrameworks(cycle: Cycle) {
  const results = useQueries({ queries: cycle.groups.map((g) => frameworkVersionQuery(g.frameworkVersionId)) });
  {
    const agencies = new Map<string, string>();
    const leaves: { versionId: string; key: string; code: string; name: string; agency?: string }[] = [];
    results.forEach((r, i) => {
      if (!r.data) return;
      const doc = toDoc(r.data.document, { id: r.data.id, name: '' });
      for (const a of doc.agencies ?? []) agencies.set(a.code, a.name);
      for (const row of flatten(doc.nodes)) {
        const n = row.node;
        if (n.appraisingAgency && !agencies.has(n.appraisingAgency)) agencies.set(n.appraisingAgency, n.appraisingAgency);
        if (!n.children?.length && n.rule) leaves.push({ versionId: cycle.groups[i]!.frameworkVersionId, key: n.key, code: n.code, name: n.name, agency: n.appraisingAgency });
      }
    });
    return { agencies, leaves };
  }
}

function AgenciesCard({ cycle, editable }: { cycle: Cycle; editable: boolean }) {
  const { t } = useCyT();
  const units = useUnits({});
  const save = useSetCycleAgencies();
  const reassign = useReassignCriterion();
  const saved = useSaved();
  const { agencies, leaves } = useCycleFrameworks(cycle);
  const [stored, setStored] = useState<{ agencyCode: string; unitId?: string }[]>(() => cycle.agencies.map((a) => ({ agencyCode: a.agencyCode, unitId: a.unitId })));
  // Agency codes named in the frameworks but not assigned yet are listed too.
  const have = new Set(stored.map((x) => x.agencyCode));
  const rows = [...stored, ...[...agencies.keys()].filter((c) => !have.has(c)).map((c) => ({ agencyCode: c }) as { agencyCode: string; unitId?: string })];
  const setRows = (fn: (r: typeof rows) => typeof rows) => setStored(fn(rows));
  const [moving, setMoving] = useState(false);
  const [form] = Form.useForm<{ leaf: string; agencyCode: string; reason: string }>();
  const codes = rows.map((r) => r.agencyCode).filter(Boolean);
  // Appraising agencies are chosen within the cycle's owner (the province's cycle: any unit); a unit
  // already assigned stays shown by its name.
  const agencyUnits = useMemo(() => {
    const all = units.data?.items ?? [];
    const inside = reachOf(all, cycle.owner?.id);
    const assigned = new Set(cycle.agencies.map((a) => a.unitId));
    return all.filter((u) => inside.has(u.id) || assigned.has(u.id));
  }, [units.data, cycle.owner, cycle.agencies]);

  return (
    <Card size="small" title={t('setup.agencies')}>
      <Typography.Paragraph type="secondary">{t('setup.agenciesHint')}</Typography.Paragraph>
      <SaveError error={save.error} />
      <Table size="small" rowKey={(_r, i) => String(i)} pagination={false} dataSource={rows}
        columns={[
          { title: t('setup.agencyCode'), width: 280, render: (_v, r, i) => (
            <Input aria-label={t('setup.agencyCode')} value={r.agencyCode} disabled={!editable}
              suffix={agencies.get(r.agencyCode) && agencies.get(r.agencyCode) !== r.agencyCode ? <Typography.Text type="secondary">{agencies.get(r.agencyCode)}</Typography.Text> : undefined}
              onChange={(e) => setRows((all) => all.map((x, j) => (j === i ? { ...x, agencyCode: e.target.value.trim() } : x)))} />
          ) },
          { title: t('setup.agencyUnit'), render: (_v, r, i) => (
            editable
              ? <UnitSelect aria-label={`${t('setup.agencyUnit')}: ${r.agencyCode}`} units={agencyUnits} value={r.unitId ?? null}
                  onChange={(v) => setRows((all) => all.map((x, j) => (j === i ? { ...x, unitId: typeof v === 'string' ? v : undefined } : x)))} />
              : cycle.agencies.find((a) => a.agencyCode === r.agencyCode)?.unitName ?? '—'
          ) },
        ]} />
      {editable && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button onClick={() => setRows((r) => [...r, { agencyCode: '' }])}>{t('setup.addAgency')}</Button>
          <Button type="primary" loading={save.isPending}
            onClick={() => save.mutate({
              id: cycle.id, version: cycle.version,
              agencies: rows.filter((r): r is { agencyCode: string; unitId: string } => !!r.agencyCode && !!r.unitId),
            }, { onSuccess: saved.ok, onError: saved.fail })}>{t('common.save')}</Button>
        </Space>
      )}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 20 }}>{t('setup.reassignments')}</Typography.Title>
      <Table size="small" rowKey="id" pagination={false} dataSource={cycle.reassignments} locale={{ emptyText: t('common.none') }}
        columns={[
          { title: t('setup.criterion'), dataIndex: 'nodeCode', width: 120 },
          { title: t('setup.toAgency'), dataIndex: 'agencyCode', width: 160 },
          { title: t('common.reason'), dataIndex: 'reason' },
          { title: t('common.date'), dataIndex: 'createdAt', width: 120, render: (d: string) => formatDate(d) },
        ]} />
      {editable && <Button style={{ marginTop: 12 }} onClick={() => setMoving(true)}>{t('setup.reassign')}</Button>}
      <Modal open={moving} title={t('setup.reassign')} onCancel={() => setMoving(false)} onOk={() => form.submit()} okText={t('setup.reassign')}
        cancelText={t('common.cancel')} confirmLoading={reassign.isPending} destroyOnHidden>
        <SaveError error={reassign.error} />
        <Form form={form} layout="vertical" preserve={false}
          onFinish={(v) => {
            const [versionId, key] = v.leaf.split('|') as [string, string];
            reassign.mutate({ id: cycle.id, frameworkVersionId: versionId, nodeKey: key, agencyCode: v.agencyCode, reason: v.reason.trim() },
              { onSuccess: () => { saved.ok(); setMoving(false); } });
          }}>
          <Form.Item name="leaf" label={t('setup.criterion')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={leaves.map((l) => ({ value: `${l.versionId}|${l.key}`, label: `${l.code} ${l.name}${l.agency ? ` (${l.agency})` : ''}` }))} />
          </Form.Item>
          <Form.Item name="agencyCode" label={t('setup.toAgency')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={codes.map((c) => ({ value: c, label: agencies.get(c) && agencies.get(c) !== c ? `${c} — ${agencies.get(c)}` : c }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function ParticipantsCard({ cycle, editable }: { cycle: Cycle; editable: boolean }) {
  const { t } = useCyT();
  const sets = useGroupSets();
  const units = useUnits({});
  const save = useSetCycleUnits();
  const saved = useSaved();
  const set = sets.data?.items.find((s) => s.id === cycle.groupSetId);
  // The set's members that may take part: under the cycle's owner (a province's set used by a department holds others too).
  const members = useMemo(() => {
    const ownerId = cycle.owner?.id ?? null;
    const reach = reachOf(units.data?.items ?? [], ownerId);
    return new Set(set?.groups.flatMap((g) => g.memberIds).filter((id) => participatesUnder(ownerId, reach, id)) ?? []);
  }, [set, units.data, cycle.owner]);
  const [ids, setIds] = useState<string[]>(() => cycle.units.map((u) => u.unitId));
  const candidates = (units.data?.items ?? []).filter((u) => members.has(u.id) || ids.includes(u.id));
  return (
    <Card size="small" title={t('setup.participants')}>
      <Typography.Paragraph type="secondary">{t('setup.participantsHint')}</Typography.Paragraph>
      <SaveError error={save.error} />
      <UnitSelect multiple aria-label={t('setup.participants')} units={candidates} value={ids} onChange={(v) => editable && setIds(Array.isArray(v) ? v : [])} />
      <Space style={{ marginTop: 12 }} wrap>
        <Typography.Text type="secondary">{t('setup.selected', { count: ids.length })}</Typography.Text>
        {editable && <Button onClick={() => setIds([...members])}>{t('setup.selectAll')}</Button>}
        {editable && (
          <Button type="primary" loading={save.isPending}
            onClick={() => save.mutate({ id: cycle.id, version: cycle.version, unitIds: ids }, { onSuccess: saved.ok, onError: saved.fail })}>
            {t('common.save')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function ExtensionsCard({ cycle, editable }: { cycle: Cycle; editable: boolean }) {
  const { t } = useCyT();
  const extend = useExtendDeadline();
  const saved = useSaved();
  const [unit, setUnit] = useState<CycleUnit | null>(null);
  const [form] = Form.useForm<{ until: string; reason: string }>();
  return (
    <Card size="small" title={t('setup.extensions')}>
      <Table<CycleUnit> size="small" rowKey="unitId" dataSource={cycle.units} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('common.unit'), render: (_v, u) => `${u.name} (${u.code})` },
          { title: t('common.group'), width: 180, render: (_v, u) => cycle.groups.find((g) => g.groupId === u.groupId)?.groupName ?? '—' },
          { title: t('common.state'), width: 180, render: (_v, u) => <UnitStateTag state={u.state} /> },
          { title: t('setup.extensionUntil'), width: 130, render: (_v, u) => formatDate(u.extensionUntil) },
          { title: t('common.reason'), dataIndex: 'extensionReason', render: (r: string | null) => r ?? '' },
          ...(editable ? [{ title: '', width: 110, render: (_v: unknown, u: CycleUnit) => <Button size="small" onClick={() => setUnit(u)}>{t('setup.extend')}</Button> }] : []),
        ]} />
      <Modal open={!!unit} title={t('setup.extendTitle', { unit: unit?.name ?? '' })} onCancel={() => setUnit(null)} onOk={() => form.submit()}
        okText={t('setup.extend')} cancelText={t('common.cancel')} confirmLoading={extend.isPending} destroyOnHidden>
        <SaveError error={extend.error} />
        <Form form={form} layout="vertical" preserve={false}
          onFinish={(v) => unit && extend.mutate({ id: cycle.id, unitId: unit.unitId, until: dayToInstant(v.until, true), reason: v.reason.trim() },
            { onSuccess: () => { saved.ok(); setUnit(null); } })}>
          <Form.Item name="until" label={t('setup.extensionUntil')} rules={[{ required: true, message: t('common.required') }]}>
            <DayPicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function OpenButton({ cycle }: { cycle: Cycle }) {
  const { t } = useCyT();
  const { modal, message } = AntApp.useApp();
  const open = useOpenCycle();
  const errMsg = useErrorMessage();
  return (
    <Button type="primary" size="large" loading={open.isPending}
      onClick={() => modal.confirm({
        title: t('setup.openTitle', { name: cycle.name }),
        content: t('setup.openText'),
        okText: t('setup.openCycle'),
        cancelText: t('common.cancel'),
        onOk: () => open.mutateAsync({ id: cycle.id, version: cycle.version }).then(
          () => void message.success(t('setup.opened')),
          (e: unknown) => void modal.error({ title: t('setup.openCycle'), content: errMsg(e) }),
        ),
      })}>
      {t('setup.openCycle')}
    </Button>
  );
}

function ChairCard({ cycle, editable }: { cycle: Cycle; editable: boolean }) {
  const { t } = useCyT();
  const members = useUsers({ role: 'council_member' });
  const update = useUpdateCycle();
  const saved = useSaved();
  return (
    <Card size="small" title={t('setup.chair')}>
      <Typography.Paragraph type="secondary">{t('setup.chairHint')}</Typography.Paragraph>
      <Select aria-label={t('setup.chair')} style={{ width: 360 }} allowClear disabled={!editable} loading={members.isLoading || update.isPending}
        value={cycle.councilChairUserId ?? undefined}
        options={(members.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.fullName} (${u.unit.name})` }))}
        onChange={(v?: string) => update.mutate({ id: cycle.id, version: cycle.version, councilChairUserId: v ?? null }, { onSuccess: saved.ok, onError: saved.fail })} />
    </Card>
  );
}
