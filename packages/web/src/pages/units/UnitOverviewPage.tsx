import { Alert, Card, Space, Spin, Typography } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useUnit, useUnitUsers } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { QueryError, useErrorMessage } from '../../components/errors';
import { UnitDescriptions } from './UnitDescriptions';
import { UsersTable } from '../users/UsersTable';

/** A unit and its users: "your unit" for officers and heads, or any unit (/units/:id). */
export function UnitOverviewPage({ unitId, own }: { unitId: string; own?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errMsg = useErrorMessage();
  const unit = useUnit(unitId);
  const users = useUnitUsers(unitId);
  const parent = useUnit(unit.data?.parentId ?? undefined);

  const usersForbidden = isApiError(users.error) && users.error.status === 403;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {own ? t('myUnit.title') : t('myUnit.unitTitle')}
      </Typography.Title>
      {unit.isError ? (
        <QueryError error={unit.error} onRetry={() => void unit.refetch()} />
      ) : !unit.data ? (
        <Spin />
      ) : (
        <Card size="small" title={<span role="heading" aria-level={2}>{unit.data.name}</span>}>
          <UnitDescriptions
            unit={unit.data}
            parentName={parent.data?.name ?? null}
            onOpenUnit={(id) => void navigate({ to: '/units/$unitId', params: { unitId: id } })}
          />
        </Card>
      )}
      <Card size="small" title={<span role="heading" aria-level={2}>{t('myUnit.users')}</span>}>
        {usersForbidden ? (
          <Alert type="error" showIcon role="alert" title={t('errors.forbiddenTitle')} description={t('myUnit.usersForbidden')} />
        ) : users.isError ? (
          <Alert type="error" showIcon role="alert" title={errMsg(users.error)} />
        ) : (
          <UsersTable users={users.data?.items ?? []} loading={users.isPending} />
        )}
      </Card>
    </Space>
  );
}
