import { useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, List, Modal, Select, Space, Spin, Typography } from 'antd';
import { useFrameworks } from '../../api/frameworks';
import { useUnits } from '../../api/hooks';
import { dayToInstant, useGroupSets, type Cycle } from '../../api/cycles';
import {
  useAddParticipant, useAdvanceDemoCalendar, useApplyCorrection, useCorrectionPreview, useCorrections, useDemoCalendar, type CorrectionPreview,
} from '../../api/corrections';
import { SaveError, useErrorMessage } from '../../components/errors';
import { formatDate } from '../../format';
import { UnitSelect } from '../units/UnitSelect';
import { DayPicker, useCyT } from './parts';
import { useCorrT } from './corrections-i18n';

type Group = Cycle['groups'][number];

/** What the administrator can change while the cycle is open: corrected framework versions, participants, the demo calendar. */
export function OpenCyclePanel({ cycle }: { cycle: Cycle }) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <DemoCalendarCard cycle={cycle} />
      <CorrectionsCard cycle={cycle} />
    </Space>
  );
}

/** Published versions of the framework each group uses that are newer than the one in use; every version's number. */
function useNewerVersions(cycle: Cycle) {
  const frameworks = useFrameworks({ program: cycle.program.code });
  return useMemo(() => {
    const byGroup = new Map<string, { current?: number; newer: { id: string; number: number; reason: string | null }[] }>();
    const numbers = new Map<string, number>();
    for (const f of frameworks.data?.items ?? []) for (const v of f.versions) numbers.set(v.id, v.number);
    for (const g of cycle.groups) {
      const f = frameworks.data?.items.find((x) => x.versions.some((v) => v.id === g.frameworkVersionId));
      const current = numbers.get(g.frameworkVersionId);
      const newer = (f?.versions ?? []).filter((v) => v.status === 'published' && current !== undefined && v.number > current).sort((a, b) => b.number - a.number);
      byGroup.set(g.groupId, { current, newer });
    }
    return { byGroup, numbers, loading: frameworks.isLoading };
  }, [cycle.groups, frameworks.data, frameworks.isLoading]);
}

function CorrectionsCard({ cycle }: { cycle: Cycle }) {
  const { t } = useCorrT();
  const { t: tc } = useCyT();
  const versions = useNewerVersions(cycle);
  const history = useCorrections(cycle.id, true);
  const [group, setGroup] = useState<Group | null>(null);
  const [adding, setAdding] = useState(false);
  const groupName = (id: string) => cycle.groups.find((g) => g.groupId === id)?.groupName ?? '—';
  // Lists rather than tables: they wrap on a phone instead of hiding the button off-screen.
  return (
    <Card size="small" title={t('card.title')}>
      <Typography.Paragraph type="secondary">{t('card.hint')}</Typography.Paragraph>
      <List bordered size="small" dataSource={cycle.groups} rowKey="groupId"
        renderItem={(g) => {
          const v = versions.byGroup.get(g.groupId);
          return (
            <List.Item data-testid={`correction-group-${g.groupId}`}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong>{g.groupName}</Typography.Text>
                <Typography.Text type="secondary">{t('card.versionNumber', { name: g.frameworkName, number: v?.current ?? '…' })}</Typography.Text>
                {v?.newer.length
                  ? <Button onClick={() => setGroup(g)}>{t('card.apply')}</Button>
                  : <Typography.Text type="secondary">{versions.loading ? '…' : t('card.noNewer')}</Typography.Text>}
              </Space>
            </List.Item>
          );
        }} />
      <Button style={{ marginTop: 12 }} onClick={() => setAdding(true)}>{t('card.addParticipant')}</Button>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 20 }}>{t('card.history')}</Typography.Title>
      <List size="small" loading={history.isLoading} dataSource={history.data?.items ?? []} rowKey="id" locale={{ emptyText: t('card.historyEmpty') }}
        renderItem={(c) => (
          <List.Item>
            <Space orientation="vertical" size={2}>
              <Typography.Text strong>
                {t('card.historyTitle', { date: formatDate(c.createdAt), group: groupName(c.groupId), from: versions.numbers.get(c.fromVersionId) ?? '…', to: versions.numbers.get(c.toVersionId) ?? '…' })}
              </Typography.Text>
              <Typography.Text>{tc('common.reason')}: {c.reason}</Typography.Text>
              <Typography.Text type="secondary">
                {t('card.historySummary', { flagged: c.summary.flagged ?? 0, created: c.summary.created ?? 0, retired: c.summary.retired ?? 0 })}{c.createdBy ? ` · ${c.createdBy}` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )} />
      {group && <CorrectionModal cycle={cycle} group={group} options={versions.byGroup.get(group.groupId)?.newer ?? []} onClose={() => setGroup(null)} />}
      {adding && <AddParticipantModal cycle={cycle} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function CorrectionModal({ cycle, group, options, onClose }: { cycle: Cycle; group: Group; options: { id: string; number: number; reason: string | null }[]; onClose: () => void }) {
  const { t } = useCorrT();
  const { t: tc } = useCyT();
  const { message } = AntApp.useApp();
  const [versionId, setVersionId] = useState<string | undefined>(options[0]?.id);
  const preview = useCorrectionPreview(cycle.id, group.groupId, versionId);
  const apply = useApplyCorrection();
  const errMsg = useErrorMessage();
  const [form] = Form.useForm<{ reason: string }>();
  const p = preview.data;
  return (
    <Modal open title={t('dialog.title', { group: group.groupName })} width={720} onCancel={onClose} onOk={() => form.submit()}
      okText={t('dialog.confirm')} cancelText={tc('common.cancel')} confirmLoading={apply.isPending}
      okButtonProps={{ disabled: !p || !!p.refusal }} destroyOnHidden>
      <SaveError error={apply.error} />
      <Form form={form} layout="vertical"
        onFinish={(v) => versionId && apply.mutate({ cycleId: cycle.id, groupId: group.groupId, frameworkVersionId: versionId, reason: v.reason.trim(), version: cycle.version },
          { onSuccess: () => { void message.success(t('dialog.applied', { number: p?.to.number ?? '' })); onClose(); } })}>
        <Form.Item label={t('dialog.version')}>
          <Select aria-label={t('dialog.version')} value={versionId} onChange={setVersionId}
            options={options.map((o) => ({ value: o.id, label: t('dialog.versionOption', { name: group.frameworkName, number: o.number }) }))} />
        </Form.Item>
        {preview.isLoading && <Spin />}
        {preview.isError && <Alert type="error" showIcon title={errMsg(preview.error)} />}
        {p && <PreviewSummary p={p} />}
        <Form.Item name="reason" label={t('dialog.reason')} rules={[{ required: true, whitespace: true, message: tc('common.reasonRequired') }]}>
          <Input.TextArea rows={2} placeholder={t('dialog.reasonHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PreviewSummary({ p }: { p: CorrectionPreview }) {
  const { t } = useCorrT();
  const nodes = (items: { key: string; code: string; name: string }[]) => (
    <List size="small" dataSource={items} renderItem={(n) => <List.Item style={{ padding: '2px 0' }}><Typography.Text strong>{n.code}</Typography.Text>&nbsp;{n.name}</List.Item>} />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {p.to.reason && <Typography.Text type="secondary">{t('dialog.versionReason', { reason: p.to.reason })}</Typography.Text>}
      {p.refusal && <Alert type="warning" showIcon title={p.refusal} />}
      {p.plan.changed.length > 0 && <div><Typography.Text strong>{t('dialog.changed', { count: p.plan.changed.length })}</Typography.Text>{nodes(p.plan.changed)}</div>}
      {p.plan.added.length > 0 && <div><Typography.Text strong>{t('dialog.added', { count: p.plan.added.length })}</Typography.Text>{nodes(p.plan.added)}</div>}
      {p.plan.removed.length > 0 && <div><Typography.Text strong>{t('dialog.removed', { count: p.plan.removed.length })}</Typography.Text>{nodes(p.plan.removed)}</div>}
      {p.plan.reworded > 0 && <Typography.Text type="secondary">{t('dialog.reworded', { count: p.plan.reworded })}</Typography.Text>}
      {p.plan.frameworkChanges.length > 0 && <Typography.Text type="secondary">{t('dialog.settings', { list: p.plan.frameworkChanges.map((k) => t(`parts.${k}`, { defaultValue: k })).join(', ') })}</Typography.Text>}
      <Descriptions size="small" bordered column={1} title={t('dialog.entries')}
        items={[
          { key: 'u', label: t('dialog.units'), children: p.entries.units },
          { key: 'f', label: t('dialog.flagged'), children: p.entries.flagged },
          { key: 'i', label: t('dialog.inputInvalid'), children: p.entries.inputInvalid },
          { key: 'a', label: t('dialog.appraisalReset'), children: p.entries.appraisalReset },
          { key: 'c', label: t('dialog.created'), children: p.entries.created },
          { key: 'r', label: t('dialog.retired'), children: p.entries.retired },
        ]} />
    </Space>
  );
}

function AddParticipantModal({ cycle, onClose }: { cycle: Cycle; onClose: () => void }) {
  const { t } = useCorrT();
  const { t: tc } = useCyT();
  const { message } = AntApp.useApp();
  const sets = useGroupSets();
  const units = useUnits({});
  const add = useAddParticipant();
  const [form] = Form.useForm<{ unitId: string; reason: string; until?: string }>();
  const set = sets.data?.items.find((s) => s.id === cycle.groupSetId);
  const taking = new Set(cycle.units.map((u) => u.unitId));
  const groups = new Set(cycle.groups.map((g) => g.groupId));
  const members = new Set(set?.groups.filter((g) => groups.has(g.id)).flatMap((g) => g.memberIds.filter((id) => !taking.has(id))) ?? []);
  const candidates = (units.data?.items ?? []).filter((u) => members.has(u.id));
  const loading = sets.isLoading || units.isLoading;
  return (
    <Modal open title={t('participant.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('participant.confirm')}
      cancelText={tc('common.cancel')} confirmLoading={add.isPending} okButtonProps={{ disabled: !loading && candidates.length === 0 }} destroyOnHidden>
      <SaveError error={add.error} />
      {!loading && candidates.length === 0 && <Alert type="info" showIcon title={t('participant.none')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical"
        onFinish={(v) => add.mutate(
          { cycleId: cycle.id, unitId: v.unitId, reason: v.reason.trim(), version: cycle.version, ...(v.until ? { extensionUntil: dayToInstant(v.until, true) } : {}) },
          { onSuccess: () => { void message.success(t('participant.added', { unit: candidates.find((u) => u.id === v.unitId)?.name ?? '' })); onClose(); } },
        )}>
        <Form.Item name="unitId" label={t('participant.unit')} extra={t('participant.unitHint')} rules={[{ required: true, message: tc('common.required') }]}>
          <UnitSelect aria-label={t('participant.unit')} units={candidates} />
        </Form.Item>
        <Form.Item name="reason" label={t('participant.reason')} rules={[{ required: true, whitespace: true, message: tc('common.reasonRequired') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="until" label={t('participant.extension')} extra={t('participant.extensionHint', { date: formatDate(cycle.calendar.selfAssessmentDeadline) })}>
          <DayPicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DemoCalendarCard({ cycle }: { cycle: Cycle }) {
  const { t } = useCorrT();
  const { t: tc } = useCyT();
  const { modal, message } = AntApp.useApp();
  const demo = useDemoCalendar(cycle.id, true);
  const advance = useAdvanceDemoCalendar();
  const errMsg = useErrorMessage();
  const d = demo.data;
  if (!d?.available) return null;
  return (
    <Card size="small" title={t('demo.title')}>
      <Space orientation="vertical">
        <Typography.Text>{t('demo.phase', { phase: d.phaseLabel })}</Typography.Text>
        {d.nextLabel ? <Typography.Text type="secondary">{t('demo.next', { phase: d.nextLabel })}</Typography.Text> : <Typography.Text type="secondary">{t('demo.last')}</Typography.Text>}
        {d.nextLabel && (
          <Button type="primary" loading={advance.isPending}
            onClick={() => modal.confirm({
              title: t('demo.confirmTitle', { phase: d.nextLabel }),
              content: t('demo.confirmText'),
              okText: t('demo.advance'),
              cancelText: tc('common.cancel'),
              onOk: () => advance.mutateAsync({ cycleId: cycle.id, version: cycle.version }).then(
                () => void message.success(t('demo.done', { phase: d.nextLabel })),
                (e: unknown) => void modal.error({ title: t('demo.advance'), content: errMsg(e) }),
              ),
            })}>
            {t('demo.advance')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
