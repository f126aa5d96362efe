import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Grid, Input, Modal, Popconfirm, Radio, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { endOfDayVn } from '@chiso/core';
import type { CycleSummary } from '../../api/cycles';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from '../../api/data-feeds';
import { QueryError, SaveError } from '../../components/errors';
import { formatDate, formatDateTime } from '../../format';
import { useDfT } from './data-feeds-i18n';
import { DayPicker } from './parts';

const STATUS_COLORS: Record<ApiToken['status'], string> = { active: 'green', expired: 'default', revoked: 'red' };

/**
 * API tokens for other systems to push data-feed figures (administrator): create one (shown once),
 * see when each was last used, revoke.
 */
export function ApiTokensPanel({ cycle }: { cycle: CycleSummary }) {
  const { t } = useDfT();
  const { message } = AntApp.useApp();
  const q = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const wide = Grid.useBreakpoint().md !== false;
  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', title: t('tokens.colName'), render: (_, r) => <><Typography.Text strong>{r.name}</Typography.Text><br /><Typography.Text type="secondary" code>{r.prefix}…</Typography.Text></> },
    ...(wide ? [
      { key: 'scope', title: t('tokens.colScope'), render: (_: unknown, r: ApiToken) => (r.cycleId ? r.cycleName ?? r.cycleId : t('tokens.scopeAll')) },
      { key: 'expires', title: t('tokens.colExpires'), width: 110, render: (_: unknown, r: ApiToken) => (r.expiresAt ? formatDate(r.expiresAt) : t('tokens.never')) },
      { key: 'used', title: t('tokens.colLastUsed'), width: 140, render: (_: unknown, r: ApiToken) => formatDateTime(r.lastUsedAt) },
    ] : []),
    { key: 'status', title: t('tokens.colStatus'), width: 110, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{t(`tokens.status.${r.status}`)}</Tag> },
    {
      key: 'actions', title: '', width: 100,
      render: (_, r) => r.status === 'active' && (
        <Popconfirm title={t('tokens.revokeConfirm', { name: r.name })} okText={t('tokens.revoke')} okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(r.id).then(() => void message.success(t('tokens.revoked', { name: r.name })))}>
          <Button danger size="small">{t('tokens.revoke')}</Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card size="small" title={<><KeyOutlined /> {t('tokens.title')}</>} extra={<Button onClick={() => setCreating(true)}>{t('tokens.create')}</Button>}>
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      {revoke.error ? <SaveError error={revoke.error} /> : null}
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<ApiToken> size="small" rowKey="id" columns={columns} dataSource={q.data ?? []} loading={q.isLoading} scroll={wide ? { x: 760 } : undefined}
          pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: t('tokens.none') }} />
      )}
      {creating && <CreateTokenModal cycle={cycle} onClose={() => setCreating(false)} onCreated={(token) => {
        setCreating(false);
        setCreated(token);
      }} />}
      {created && (
        <Modal open title={t('tokens.tokenLabel')} closable={false} maskClosable={false} onCancel={() => setCreated(null)}
          footer={<Button type="primary" onClick={() => setCreated(null)}>{t('tokens.close')}</Button>}>
          <Alert type="warning" showIcon title={t('tokens.shownOnce')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable={{ text: created, onCopy: () => void message.success(t('tokens.copied')), tooltips: [t('tokens.copy'), t('tokens.copied')] }}
            code data-testid="new-api-token" style={{ wordBreak: 'break-all' }}>{created}</Typography.Paragraph>
        </Modal>
      )}
    </Card>
  );
}

function CreateTokenModal({ cycle, onClose, onCreated }: { cycle: CycleSummary; onClose: () => void; onCreated: (token: string) => void }) {
  const { t } = useDfT();
  const [form] = Form.useForm<{ name: string; scope: 'cycle' | 'all'; expires?: string }>();
  const create = useCreateApiToken();
  const submit = async () => {
    const v = await form.validateFields();
    const expiresAt = v.expires ? new Date(endOfDayVn(...(v.expires.split('-').map(Number) as [number, number, number]))).toISOString() : null;
    const r = await create.mutateAsync({ name: v.name, cycleId: v.scope === 'cycle' ? cycle.id : null, expiresAt });
    onCreated(r.token);
  };
  return (
    <Modal open title={t('tokens.create')} onCancel={onClose} onOk={() => void submit().catch(() => undefined)} okText={t('tokens.create')}
      confirmLoading={create.isPending} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" initialValues={{ scope: 'cycle' }} requiredMark="optional">
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="scope" label={t('tokens.scope')}>
          <Radio.Group options={[{ value: 'cycle', label: `${t('tokens.scopeCycle')} (${cycle.name})` }, { value: 'all', label: t('tokens.scopeAll') }]}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
        </Form.Item>
        <Form.Item name="expires" label={t('tokens.expires')}>
          <DayPicker style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {create.error ? <SaveError error={create.error} /> : null}
    </Modal>
  );
}
