/** Tasks (§1): a unit's own, or — for administrators and leaders — every task, by unit, status and overdue. */
import { Checkbox, Select, Space, Typography } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { TASK_STATUSES, useTasks, type TaskListParams, type TaskStatus } from '../../../api/follow-up-tasks';
import { useMe } from '../../../api/hooks';
import { QueryError } from '../../../components/errors';
import { choiceAmong } from '../../../lib/choice';
import type { FollowUpSearch } from '../search';
import { useTasksT } from './i18n';
import { TasksTable, UnitSelect } from './parts';

export function TasksPage({ search }: { search: FollowUpSearch; id?: string }) {
  const { t } = useTasksT();
  const me = useMe();
  const navigate = useNavigate();
  const readsAll = me?.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer') ?? false;
  const params: TaskListParams = {
    unitId: readsAll ? search.unit : undefined,
    status: choiceAmong(search.status, TASK_STATUSES) as TaskStatus | undefined,
    overdue: search.overdue === 'true' ? true : undefined,
  };
  const tasks = useTasks(params, !!me);
  const go = (patch: FollowUpSearch) => void navigate({ to: '/follow-up/tasks', search: { ...search, ...patch }, replace: true });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {readsAll ? t('introAll') : t('introUnit', { unit: me?.unit.name ?? '' })}
      </Typography.Paragraph>
      <Space wrap size="middle" style={{ width: '100%' }}>
        {readsAll && (
          <UnitSelect aria-label={t('filter.unit')} placeholder={t('filter.unit')} allowClear value={params.unitId}
            onChange={(v) => go({ unit: typeof v === 'string' ? v : undefined })} style={{ width: 320, maxWidth: '100%' }} />
        )}
        <Select<string> aria-label={t('filter.status')} placeholder={t('filter.status')} allowClear value={params.status}
          onChange={(v) => go({ status: v })} style={{ width: 200, maxWidth: '100%' }}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <Checkbox checked={params.overdue === true} onChange={(e) => go({ overdue: e.target.checked ? 'true' : undefined })}>
          {t('filter.overdue')}
        </Checkbox>
      </Space>
      {tasks.error ? <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
        : <TasksTable tasks={tasks.data?.items ?? []} loading={tasks.isLoading} showNotice />}
    </Space>
  );
}
