/**
 * The links of one questionnaire × rated unit, for the administrator: state, channel and recipient
 * (never an answer), a copy button, the QR code of an unused link, the files, and revoking the
 * unused ones with a reason.
 */
import { useState } from 'react';
import { App, Button, Drawer, Form, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { CopyOutlined, StopOutlined } from '@ant-design/icons';
import { SaveError } from '../../../components/errors';
import { formatDate, formatInteger } from '../../../format';
import { qrPreviewUrl, useInvitationLinks, useRevokeInvitations, type InvitationCounts, type InvitationLink } from './api';
import { FileButtons } from './LinksTab';
import { useCollectionT } from './i18n';

const STATE_COLORS: Record<InvitationLink['state'], string> = { new: 'default', opened: 'processing', used: 'success', revoked: 'error' };

function RevokeModal({ surveyId, questionnaireId, row, onClose }: { surveyId: string; questionnaireId: string; row: InvitationCounts; onClose: () => void }) {
  const { t } = useCollectionT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevokeInvitations(surveyId);
  const submit = async ({ reason }: { reason: string }) => {
    const r = await revoke.mutateAsync({ questionnaireId, unitId: row.unitId, reason }).catch(() => null);
    if (!r) return;
    void message.success(t('revokeForm.done', { count: r.revoked }));
    onClose();
  };
  return (
    <Modal open title={t('revokeForm.title')} okText={t('drawer.revoke')} okButtonProps={{ danger: true }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={revoke.isPending}>
      <Typography.Paragraph>{t('revokeForm.text', { unit: row.unitName })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('revokeForm.reason')} rules={[{ required: true, whitespace: true, message: t('revokeForm.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
        </Form.Item>
      </Form>
      {revoke.error && <SaveError error={revoke.error} />}
    </Modal>
  );
}

export function LinksDrawer({ surveyId, questionnaireId, row, mayManage, mayRevoke, onClose }: {
  surveyId: string; questionnaireId: string; row: InvitationCounts; mayManage: boolean; mayRevoke: boolean; onClose: () => void;
}) {
  const { t } = useCollectionT();
  const { message } = App.useApp();
  const [state, setState] = useState<InvitationLink['state'] | 'all'>('all');
  const [revoking, setRevoking] = useState(false);
  const links = useInvitationLinks(surveyId, mayManage ? { questionnaireId, unitId: row.unitId, ...(state === 'all' ? {} : { state }) } : null);
  const unused = useInvitationLinks(surveyId, mayManage ? { questionnaireId, unitId: row.unitId, state: 'new' } : null);
  const preview = unused.data?.items[0];
  const copy = (url: string) => void navigator.clipboard?.writeText(url).then(() => message.success(t('drawer.copied')));
  const items = links.data?.items ?? [];
  return (
    <Drawer open title={t('drawer.title', { unit: row.unitName })} onClose={onClose} size="large" styles={{ body: { paddingTop: 8 } }}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <FileButtons surveyId={surveyId} questionnaireId={questionnaireId} unitId={row.unitId} />
        <div className="survey-qr-preview" data-testid="qr-preview">
          <Typography.Text strong>{t('drawer.preview')}</Typography.Text>
          {preview ? (
            <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginTop: 8 }}>
              <img src={qrPreviewUrl(surveyId, preview.id)} alt={preview.url} width={144} height={144} style={{ border: '1px solid #f0f0f0' }} />
              <Typography.Text copyable={{ text: preview.url }} style={{ wordBreak: 'break-all', maxWidth: 360 }}>{preview.url}</Typography.Text>
            </div>
          ) : <Typography.Paragraph type="secondary">{t('drawer.noPreview')}</Typography.Paragraph>}
        </div>
        <Space wrap>
          <Segmented value={state} onChange={(v) => setState(v as typeof state)}
            options={[{ value: 'all', label: t('drawer.all') }, ...(['new', 'opened', 'used', 'revoked'] as const).map((s) => ({ value: s, label: t(`state.${s}`) }))]} />
          {mayRevoke && <Button danger icon={<StopOutlined />} onClick={() => setRevoking(true)}>{t('drawer.revokeUnused')}</Button>}
        </Space>
        {links.data && links.data.total > items.length && <Typography.Text type="secondary">{t('drawer.shown', { shown: formatInteger(items.length), total: formatInteger(links.data.total) })}</Typography.Text>}
        <List<InvitationLink>
          loading={links.isLoading} dataSource={items} size="small"
          renderItem={(l) => (
            <List.Item actions={[<Button key="copy" size="small" icon={<CopyOutlined />} onClick={() => copy(l.url)} aria-label={t('drawer.copy')} />]}>
              <List.Item.Meta
                title={<Space size={4} wrap><Tag color={STATE_COLORS[l.state]}>{t(`state.${l.state}`)}</Tag><Typography.Text type="secondary">{t(`channel.${l.channel}`)}</Typography.Text>{l.respondentName && <span>· {l.respondentName}</span>}</Space>}
                description={
                  <span style={{ wordBreak: 'break-all' }}>
                    {l.url}
                    {l.sentAt && <Typography.Text type="secondary"> · {t('drawer.sentAt', { date: formatDate(l.sentAt) })}{l.remindedAt ? `, ${t('drawer.remindedAt', { date: formatDate(l.remindedAt) })}` : ''}</Typography.Text>}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      </Space>
      {revoking && <RevokeModal surveyId={surveyId} questionnaireId={questionnaireId} row={row} onClose={() => setRevoking(false)} />}
    </Drawer>
  );
}
