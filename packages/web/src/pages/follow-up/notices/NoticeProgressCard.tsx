/**
 * The notices' card of the follow-up dashboard: administrators and leaders see each recent notice's
 * progress ("12/18 nhiệm vụ hoàn thành, 3 quá hạn") and the overdue tasks; a unit's staff their own open
 * and overdue tasks. Nothing for a reader who sees neither.
 */
import { Card, Spin, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useNotices, useTasks, type Task } from '../../../api/follow-up-tasks';
import { useMe } from '../../../api/hooks';
import { QueryError } from '../../../components/errors';
import { formatInteger } from '../../../format';
import { useTasksT } from '../tasks/i18n';
import { TaskItems } from '../tasks/parts';
import { isOpenTask, sortTasks } from '../tasks/task-view';
import { useNoticesT } from './i18n';
import { NoticeItems } from './parts';

const RECENT = 5;

export function NoticeProgressCard() {
  const me = useMe();
  if (!me) return null;
  const readsAll = me.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer');
  return readsAll ? <NoticesProgress /> : <UnitTasks />;
}

function NoticesProgress() {
  const { t } = useNoticesT();
  const notices = useNotices();
  const overdue = useTasks({ overdue: true });
  const recent = [...(notices.data?.items ?? [])].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn)).slice(0, RECENT);
  return (
    <Card title={t('card.title')} extra={<Link to="/follow-up/notices">{t('card.more')}</Link>} role="region" aria-label={t('card.title')}>
      {notices.error ? <QueryError error={notices.error} onRetry={() => void notices.refetch()} /> : (
        <NoticeItems notices={recent} loading={notices.isLoading} emptyText={t('card.noNotices')} />
      )}
      <OverdueTasks tasks={overdue.data?.items} loading={overdue.isLoading} withUnit />
    </Card>
  );
}

function UnitTasks() {
  const { t } = useTasksT();
  const tasks = useTasks({});
  const open = (tasks.data?.items ?? []).filter(isOpenTask);
  const overdue = open.filter((x) => x.overdue);
  return (
    <Card title={t('card.unitTitle')} extra={<Link to="/follow-up/tasks">{t('card.more')}</Link>} role="region" aria-label={t('card.unitTitle')}>
      {tasks.error ? <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} /> : (
        // While loading, only the spinner: "no task left" would be said before it is known.
        tasks.isLoading ? <div style={{ textAlign: 'center', padding: 24 }}><Spin /></div> : (
          <>
            <Typography.Paragraph type={overdue.length ? 'danger' : undefined}>
              {open.length ? t('card.unitSummary', { open: formatInteger(open.length), overdue: formatInteger(overdue.length) }) : t('card.allOpen')}
            </Typography.Paragraph>
            {open.length > 0 && <TaskItems tasks={sortTasks(open).slice(0, RECENT)} withStatus />}
          </>
        )
      )}
    </Card>
  );
}

function OverdueTasks({ tasks, loading, withUnit }: { tasks: Task[] | undefined; loading: boolean; withUnit?: boolean }) {
  const { t } = useTasksT();
  return (
    <section aria-label={t('card.overdueTitle')} style={{ marginTop: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>{t('card.overdueTitle')}</Typography.Title>
      {tasks && tasks.length === 0 ? <Typography.Text type="secondary">{t('card.noOverdue')}</Typography.Text>
        : <TaskItems tasks={sortTasks(tasks ?? []).slice(0, RECENT)} loading={loading} withUnit={withUnit} />}
      {tasks && tasks.length > RECENT && <Link to="/follow-up/tasks" search={{ overdue: 'true' }}>{t('card.more')} ({formatInteger(tasks.length)})</Link>}
    </section>
  );
}
