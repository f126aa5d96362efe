/**
 * A unit that never submits (issue 7, blocker 3): the administrator's per-unit actions in the
 * progress table (submit on its behalf, record as not submitted, return for revision), the
 * appraiser's "return for revision" in the appraisal page, each with a reason dialog; the tag that
 * shows how a submission came about; the cycle's policy for units recorded as not submitted.
 * What is allowed is the server's (core) decision; this only offers it.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Dropdown, Form, Input, Modal, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { DownOutlined, RollbackOutlined } from '@ant-design/icons';
import { transitionsFor, type UnitState, type WorkflowRole } from '@chiso/core';
import { dayToInstant, useUnitAction, useUpdateCycle, type Cycle, type UnitNotes, type UnitProgress } from '../../api/cycles';
import { useMe } from '../../api/hooks';
import { useErrorMessage } from '../../components/errors';
import { useCatalogText } from '../../components/catalog-text';
import { DayPicker } from './parts';
import { useNsT, useOrganiserT } from './non-submission-i18n';

export type AfterDeadlineAction = 'submit_on_behalf' | 'mark_not_submitted' | 'return_for_revision';
type Scoring = NonNullable<Cycle['policy']['nonSubmittedScoring']>;

/**
 * "Không nộp (… ghi nhận)" / "… nộp thay" next to a unit's state, naming the cycle's organiser (Sở Nội vụ
 * for the province's cycles); nothing for the unit's own submission.
 */
export function SubmissionModeTag({ mode, owner }: { mode: UnitNotes['submissionMode']; owner: Cycle['owner'] | undefined }) {
  const { t, organiser } = useOrganiserT(owner);
  if (mode !== 'not_submitted' && mode !== 'on_behalf') return null;
  const hint = t(mode === 'not_submitted' ? 'mode.notSubmittedHint' : 'mode.onBehalfHint', { organiser });
  return (
    <Tooltip title={hint}>
      <Tag color={mode === 'not_submitted' ? 'volcano' : 'purple'} data-testid="submission-mode" aria-label={hint}>{t(`mode.${mode}`, { organiser })}</Tag>
    </Tooltip>
  );
}

/** The reason dialog of one action (and, for a return, an optional revision deadline). */
export function UnitActionDialog({ cycleId, owner, unit, action, scoring, onClose }: {
  cycleId: string; owner?: Cycle['owner']; unit: { unitId: string; name: string }; action: AfterDeadlineAction; scoring?: Scoring; onClose: () => void;
}) {
  const { t, organiser } = useOrganiserT(owner);
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const run = useUnitAction();
  const [form] = Form.useForm<{ reason: string; revisionDeadline?: string }>();
  const label = t(`action.${action}`);
  const explain = action === 'mark_not_submitted' ? `dialog.explain.mark_not_submitted_${scoring ?? 'entries'}` : `dialog.explain.${action}`;
  const finish = (v: { reason: string; revisionDeadline?: string }) =>
    run.mutate({
      cycleId, unitId: unit.unitId, action, reason: v.reason.trim(),
      ...(action === 'return_for_revision' && v.revisionDeadline ? { revisionDeadline: dayToInstant(v.revisionDeadline, true) } : {}),
    }, {
      onSuccess: () => {
        void message.success(t('action.done', { action: label, unit: unit.name }));
        onClose();
      },
    });
  return (
    <Modal open title={t('dialog.title', { action: label, unit: unit.name })} onCancel={onClose} okText={t('dialog.confirm')} cancelText={t('dialog.cancel')}
      okButtonProps={{ danger: action !== 'submit_on_behalf', loading: run.isPending }} onOk={() => form.submit()} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t(explain, { organiser })}</Typography.Paragraph>
        {run.error && <Alert type="error" showIcon title={errMsg(run.error)} />}
        <Form form={form} layout="vertical" onFinish={finish}>
          <Form.Item name="reason" label={t('dialog.reason')} rules={[{ required: true, whitespace: true, message: t('dialog.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('dialog.reasonPlaceholder')} autoFocus />
          </Form.Item>
          {action === 'return_for_revision' && (
            <Form.Item name="revisionDeadline" label={t('dialog.revisionDeadline')} extra={t('dialog.revisionDeadlineHint')}>
              <DayPicker style={{ width: '100%' }} aria-label={t('dialog.revisionDeadline')} />
            </Form.Item>
          )}
        </Form>
      </Space>
    </Modal>
  );
}

/** Refusals that only say "not now" (or "not with these problems"): the item is shown, disabled, with why. */
const SHOWN_REFUSALS = new Set(['not_yet_open', 'deadline_passed', 'window_closed', 'submission_errors', 'pending_decisions']);

/** The progress table's header of the actions column. */
export function ActionsTitle() {
  const { t } = useNsT();
  return <>{t('action.menu')}</>;
}

/** The administrator's menu for one unit of the progress table. */
export function UnitActionsMenu({ cycle, row, name }: { cycle: Cycle; row: UnitProgress; name: string }) {
  const { t } = useNsT();
  const text = useCatalogText();
  const [open, setOpen] = useState<AfterDeadlineAction | null>(null);
  const shown = (row.actions ?? []).filter((a) => a.allowed || SHOWN_REFUSALS.has(a.refusal?.code ?? ''));
  if (shown.length === 0) return null;
  return (
    <>
      <Dropdown trigger={['click']} menu={{
        items: shown.map((a) => ({
          key: a.action,
          disabled: !a.allowed,
          label: a.allowed ? t(`action.${a.action}`) : (
            <span>{t(`action.${a.action}`)}<br /><Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>{a.refusal ? text(a.refusal) : null}</Typography.Text></span>
          ),
        })),
        onClick: ({ key }) => setOpen(key as AfterDeadlineAction),
        style: { maxWidth: 360 },
      }}>
        <Button size="small" aria-label={t('action.menuFor', { unit: name })}>{t('action.menu')} <DownOutlined /></Button>
      </Dropdown>
      {open && <UnitActionDialog cycleId={cycle.id} owner={cycle.owner} unit={{ unitId: row.unitId, name }} action={open} scoring={cycle.policy.nonSubmittedScoring} onClose={() => setOpen(null)} />}
    </>
  );
}

/** States from which the person's roles may return a unit for revision (the core's table). */
function returnableStates(roles: readonly string[]): Set<string> {
  return new Set(transitionsFor('return_for_revision').filter((r) => roles.includes(r.role as WorkflowRole)).flatMap((r) => r.from));
}

/** "Trả lại để chỉnh sửa" in the appraisal page's unit header (the server checks agency and calendar). */
export function ReturnForRevisionButton({ cycleId, unit }: { cycleId: string; unit: { unitId: string; name: string; state: string } }) {
  const { t } = useNsT();
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!me || !returnableStates(me.roles).has(unit.state as UnitState)) return null;
  return (
    <>
      <Button size="small" danger icon={<RollbackOutlined aria-hidden />} onClick={() => setOpen(true)}
        aria-label={`${t('action.return_for_revision')}: ${unit.name}`}>{t('action.return_for_revision')}</Button>
      {open && <UnitActionDialog cycleId={cycleId} unit={unit} action="return_for_revision" onClose={() => setOpen(false)} />}
    </>
  );
}

/** Set-up: how a unit recorded as not submitted is appraised (fixed once the cycle is open). */
export function NonSubmittedPolicyCard({ cycle, editable }: { cycle: Cycle; editable: boolean }) {
  const { t, organiser } = useOrganiserT(cycle.owner);
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const update = useUpdateCycle();
  const current: Scoring = cycle.policy.nonSubmittedScoring ?? 'entries';
  const [value, setValue] = useState<Scoring>(current);
  return (
    <Card size="small" title={t('policy.title')}>
      {update.error && <Alert type="error" showIcon title={errMsg(update.error)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph id="non-submitted-policy">{t('policy.label', { organiser })}</Typography.Paragraph>
      <Radio.Group aria-labelledby="non-submitted-policy" value={value} disabled={!editable} onChange={(e) => setValue(e.target.value as Scoring)}
        options={[{ value: 'entries', label: t('policy.entries') }, { value: 'nothing', label: t('policy.nothing') }]} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('policy.hint')}</Typography.Paragraph>
      {editable && value !== current && (
        <Button type="primary" loading={update.isPending}
          onClick={() => update.mutate({ id: cycle.id, version: cycle.version, policy: { ...cycle.policy, nonSubmittedScoring: value } },
            { onSuccess: () => void message.success(t('policy.saved')) })}>
          {t('policy.save')}
        </Button>
      )}
    </Card>
  );
}
