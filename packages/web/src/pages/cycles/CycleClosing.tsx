import { useState } from 'react';
import { App as AntApp, Alert, Button, Form, Input, Modal, Tooltip, Typography } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import type { Cycle } from '../../api/cycles';
import { useCloseCycle, useReopenCycle } from '../../api/corrections';
import { SaveError } from '../../components/errors';
import { useCyT } from './parts';
import { useCorrT } from './corrections-i18n';

/**
 * The administrator ends the year ("Đóng kỳ đánh giá") once every group is published, after a
 * confirmation; a closed cycle is reopened with a reason. The server decides (`may.close`,
 * `may.reopen`, `closeRefusal`); the button says why it is not available yet.
 */
export function CycleClosingButton({ cycle }: { cycle: Cycle }) {
  const { t } = useCorrT();
  const [dialog, setDialog] = useState<'close' | 'reopen' | null>(null);
  if (cycle.status === 'open') {
    const button = (
      <Button icon={<LockOutlined />} disabled={!cycle.may.close} onClick={() => setDialog('close')}>{t('closing.close')}</Button>
    );
    if (!cycle.may.close && !cycle.closeRefusal) return null;
    return (
      <>
        {cycle.may.close ? button : <Tooltip title={cycle.closeRefusal}><span>{button}</span></Tooltip>}
        {dialog === 'close' && <LifecycleModal cycle={cycle} kind="close" onClose={() => setDialog(null)} />}
      </>
    );
  }
  if (!cycle.may.reopen) return null;
  return (
    <>
      <Button icon={<UnlockOutlined />} onClick={() => setDialog('reopen')}>{t('closing.reopen')}</Button>
      {dialog === 'reopen' && <LifecycleModal cycle={cycle} kind="reopen" onClose={() => setDialog(null)} />}
    </>
  );
}

/** What a closed cycle means, for everyone who opens it. */
export function ClosedCycleNotice({ cycle }: { cycle: Cycle }) {
  const { t } = useCorrT();
  if (cycle.status !== 'closed') return null;
  return <Alert type="info" showIcon icon={<LockOutlined />} title={t('closing.closedTitle')} description={t('closing.closedText')} data-testid="cycle-closed" />;
}

function LifecycleModal({ cycle, kind, onClose }: { cycle: Cycle; kind: 'close' | 'reopen'; onClose: () => void }) {
  const { t } = useCorrT();
  const { t: tc } = useCyT();
  const { message } = AntApp.useApp();
  const close = useCloseCycle();
  const reopen = useReopenCycle();
  const mutation = kind === 'close' ? close : reopen;
  const [form] = Form.useForm<{ reason?: string }>();
  const done = () => { void message.success(t(`closing.${kind}Done`, { name: cycle.name })); onClose(); };
  const submit = ({ reason }: { reason?: string }) => {
    const text = reason?.trim() ?? '';
    if (kind === 'close') close.mutate({ cycleId: cycle.id, version: cycle.version, ...(text ? { reason: text } : {}) }, { onSuccess: done });
    else reopen.mutate({ cycleId: cycle.id, version: cycle.version, reason: text }, { onSuccess: done });
  };
  return (
    <Modal open title={t(`closing.${kind}Title`, { name: cycle.name })} onCancel={onClose} onOk={() => form.submit()}
      okText={t(`closing.${kind}`)} okButtonProps={kind === 'close' ? { danger: true } : {}} cancelText={tc('common.cancel')}
      confirmLoading={mutation.isPending} destroyOnHidden>
      <SaveError error={mutation.error} />
      <Typography.Paragraph>{t(`closing.${kind}Text`)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t(kind === 'close' ? 'closing.reasonOptional' : 'closing.reason')}
          rules={kind === 'reopen' ? [{ required: true, whitespace: true, message: tc('common.reasonRequired') }] : []}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
