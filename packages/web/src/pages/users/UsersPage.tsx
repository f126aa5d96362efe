import { useDeferredValue, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe, useResetPassword, useUnits, useUsers } from '../../api/hooks';
import { ROLES, type Role, type User } from '../../api/types';
import { QueryError, useErrorMessage } from '../../components/errors';
import { UnitSelect } from '../units/UnitSelect';
import { unitsOfOwner } from '../cycles/owner-scope';
import { UsersTable } from './UsersTable';
import { UserFormModal } from './UserFormModal';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | null;

export function OneTimePassword({ username, password, onClose }: { username: string; password: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('users.oneTimeTitle')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('users.oneTimeDone')}
        </Button>
      }
      maskClosable={false}
    >
      <Typography.Paragraph>{t('users.oneTimeText', { username })}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text
          strong
          code
          copyable={{ text: password, tooltips: [t('common.copy'), t('common.copied')] }}
          style={{ fontSize: '1.3em' }}
          data-testid="one-time-password"
        >
          {password}
        </Typography.Text>
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('users.oneTimeWarning')} />
    </Modal>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const [q, setQ] = useState('');
  const dq = useDeferredValue(q.trim());
  const [unitId, setUnitId] = useState<string | null>(null);
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);
  const canManage = me?.may.manageUsers === true;
  const users = useUsers({ q: dq || undefined, unitId: unitId ?? undefined, role });
  const units = useUnits({}, canManage);
  // An organisation's administrator works with the units of its scope only.
  const scope = me?.scope ?? null;
  const allUnits = units.data?.items ?? [];
  const managedUnits = unitsOfOwner(allUnits, scope?.id);
  const reset = useResetPassword();

  if (users.isError && !users.data) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users.create')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Space wrap size="large">
          <Input.Search
            allowClear
            aria-label={t('users.search')}
            placeholder={t('users.searchPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 280 }}
          />
          {canManage && (
            <div style={{ width: 320 }}>
              <UnitSelect
                units={managedUnits}
                value={unitId}
                onChange={(v) => setUnitId(typeof v === 'string' ? v : null)}
                allowClear
                placeholder={t('users.filterUnit')}
                aria-label={t('users.filterUnit')}
              />
            </div>
          )}
          <Select<Role>
            allowClear
            aria-label={t('users.filterRole')}
            placeholder={t('users.filterRole')}
            style={{ width: 220 }}
            value={role}
            onChange={(v) => setRole(v)}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Space>
      </Card>
      <UsersTable
        users={users.data?.items ?? []}
        loading={users.isFetching}
        showUnit
        actions={(u) => (
          <Space size="small" wrap>
            {u.may.edit && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', user: u })}>
                {t('common.edit')}
              </Button>
            )}
            {u.may.resetPassword && (
              <Popconfirm
                title={t('users.resetConfirm', { username: u.username })}
                okText={t('users.resetPassword')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  reset.mutateAsync(u.id).then(
                    (r) => setOtp({ username: u.username, password: r.temporaryPassword }),
                    (e: unknown) => void message.error(errMsg(e)),
                  )
                }
              >
                <Button size="small" icon={<KeyOutlined />}>
                  {t('users.resetPassword')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      />
      {dialog && (
        <UserFormModal
          mode={dialog.kind}
          user={dialog.kind === 'edit' ? dialog.user : undefined}
          units={managedUnits}
          adminScope={scope}
          onClose={() => setDialog(null)}
          onCreated={(user, password) => {
            setDialog(null);
            if (password) setOtp({ username: user.username, password });
            else void message.success(t('users.saved', { username: user.username }));
          }}
          onSaved={(user) => {
            setDialog(null);
            void message.success(t('users.saved', { username: user.username }));
          }}
        />
      )}
      {otp && <OneTimePassword username={otp.username} password={otp.password} onClose={() => setOtp(null)} />}
    </Space>
  );
}
