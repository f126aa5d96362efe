import { useState } from 'react';
import { Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { formatDateTime } from '../../format';

/** The roles, and where the organisation-wide ones apply (the province, or a unit) when the user has any. */
export function RoleTags({ roles, scope }: { roles: User['roles']; scope?: User['scope'] }) {
  const { t } = useTranslation();
  const organisationWide = roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer');
  return (
    <Space size={[4, 4]} wrap>
      {roles.map((r) => (
        <Tag key={r} color={r === 'admin' ? 'red' : 'blue'}>
          {t(`roles.${r}`)}
        </Tag>
      ))}
      {organisationWide && scope !== undefined && (
        <Tag color={scope ? 'purple' : 'default'} title={scope ? scope.name : undefined}>
          {scope ? t('users.scopeTag', { code: scope.code }) : t('users.scopeProvinceTag')}
        </Tag>
      )}
    </Space>
  );
}

function isLocked(user: User, now: number): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > now;
}

export function StatusTags({ user }: { user: User }) {
  const { t } = useTranslation();
  const [now] = useState(() => Date.now());
  const locked = isLocked(user, now);
  return (
    <Space size={[4, 4]} wrap>
      {user.active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
      {locked && <Tag color="orange">{t('users.locked')}</Tag>}
      {user.mustChangePassword && <Tag color="gold">{t('users.mustChange')}</Tag>}
    </Space>
  );
}

export function UsersTable({
  users,
  loading,
  showUnit,
  actions,
}: {
  users: User[];
  loading?: boolean;
  showUnit?: boolean;
  actions?: (u: User) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const columns: ColumnsType<User> = [
    { title: t('users.fields.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.fields.fullName'), dataIndex: 'fullName', key: 'fullName' },
    ...(showUnit ? [{ title: t('users.fields.unit'), key: 'unit', render: (_: unknown, u: User) => u.unit.name }] : []),
    { title: t('users.fields.roles'), key: 'roles', render: (_: unknown, u: User) => <RoleTags roles={u.roles} scope={u.scope} /> },
    { title: t('users.fields.status'), key: 'status', render: (_: unknown, u: User) => <StatusTags user={u} /> },
    { title: t('users.fields.lastLogin'), key: 'lastLoginAt', render: (_: unknown, u: User) => formatDateTime(u.lastLoginAt) },
    ...(actions ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, u: User) => actions(u) }] : []),
  ];
  return (
    <Table<User>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={users}
      pagination={users.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('users.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
