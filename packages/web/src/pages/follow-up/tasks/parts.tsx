/** Pieces the notices' and tasks' pages share: a task's status, its links, the tasks table, a unit picker. */
import { Grid, List, Select, Space, Table, Tag, Typography, type SelectProps, type TableColumnsType } from 'antd';
import { Link } from '@tanstack/react-router';
import type { Task, TaskLink } from '../../../api/follow-up-tasks';
import { useUnits } from '../../../api/hooks';
import { formatDate } from '../../../format';
import { useOpenCycles, useRiskReader } from '../risk/parts';
import { useTasksT } from './i18n';
import { sortTasks } from './task-view';

const STATUS_COLORS: Record<Task['status'], string> = { open: 'default', in_progress: 'processing', done: 'success', cancelled: 'default' };

/** "Đang thực hiện" and, once the deadline has passed, a red "Quá hạn". */
export function TaskStatusTag({ task }: { task: Pick<Task, 'status' | 'overdue'> }) {
  const { t } = useTasksT();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[task.status]} style={{ marginInlineEnd: 0 }}>{t(`status.${task.status}`)}</Tag>
      {task.overdue && <Tag color="error" style={{ marginInlineEnd: 0 }}>{t('overdue')}</Tag>}
    </Space>
  );
}

/** The deadline, red once the task is overdue. */
export function TaskDeadline({ task }: { task: Pick<Task, 'deadline' | 'overdue'> }) {
  return task.overdue ? <Typography.Text type="danger">{formatDate(task.deadline)}</Typography.Text> : <>{formatDate(task.deadline)}</>;
}

export function taskLinkText(link: TaskLink, t: ReturnType<typeof useTasksT>['t']): string {
  switch (link.kind) {
    case 'criterion': return `${t('link.criterion', { code: link.code })} ${link.name}`;
    case 'target': return `${t('link.target', { code: link.code })} ${link.name}`;
    // The server names it "index – component".
    case 'external_component': return link.name;
  }
}

/** What a task is about; with `unitId` (the responsible unit), a criterion opens in that unit's self-assessment for its staff. */
export function TaskLinks({ links, unitId }: { links: readonly TaskLink[]; unitId?: string }) {
  const { t } = useTasksT();
  if (links.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {links.map((l, i) => (l.kind === 'criterion' && unitId
        ? <CriterionLink key={i} link={l} unitId={unitId} />
        : <Tag key={i} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>{taskLinkText(l, t)}</Tag>))}
    </Space>
  );
}

/** A link to the criterion in the unit's self-assessment of its program's open cycle, as the risk page links; text for anyone else. */
function CriterionLink({ link, unitId }: { link: Extract<TaskLink, { kind: 'criterion' }>; unitId: string }) {
  const { t } = useTasksT();
  const { ownUnitId } = useRiskReader();
  const { list } = useOpenCycles(undefined);
  const cycle = ownUnitId === unitId ? list.find((c) => c.program.code === link.programCode) : undefined;
  const text = taskLinkText(link, t);
  if (!cycle) return <Typography.Text>{text}</Typography.Text>;
  return <Link to="/assessments/$cycleId/$unitId" params={{ cycleId: cycle.id, unitId }} search={{ node: link.nodeKey }}>{text}</Link>;
}

/**
 * Tasks, overdue first: a table on wide screens, a list on phones (the table's eight columns do not fit).
 * `actions` (an administrator's buttons) go last in each row.
 */
export function TasksTable({ tasks, loading, showNotice, actions }: {
  tasks: readonly Task[];
  loading?: boolean;
  showNotice?: boolean;
  actions?: { title: string; render: (task: Task) => React.ReactNode };
}) {
  const { t } = useTasksT();
  const screens = Grid.useBreakpoint();
  if (screens.md === false) return <TaskItems tasks={sortTasks(tasks)} loading={loading} withUnit withStatus actions={actions?.render} />;
  const columns: TableColumnsType<Task> = [
    {
      title: t('col.title'), key: 'title', width: 300,
      render: (_v, task) => <Link to="/follow-up/tasks/$taskId" params={{ taskId: task.id }}>{task.title}</Link>,
    },
    ...(showNotice ? [{
      title: t('col.notice'), key: 'notice', width: 140,
      render: (_v: unknown, task: Task) => <Link to="/follow-up/notices/$noticeId" params={{ noticeId: task.noticeId }}>{task.noticeNumber}</Link>,
    }] : []),
    { title: t('col.responsible'), key: 'responsible', width: 160, render: (_v, task) => task.responsibleUnit.name },
    {
      title: t('col.cooperating'), key: 'cooperating', width: 170,
      render: (_v, task) => (task.cooperatingUnits.length ? task.cooperatingUnits.map((u) => u.name).join('; ') : '—'),
    },
    { title: t('col.deadline'), key: 'deadline', width: 105, render: (_v, task) => <TaskDeadline task={task} /> },
    { title: t('col.status'), key: 'status', width: 140, render: (_v, task) => <TaskStatusTag task={task} /> },
    {
      title: t('col.lastReport'), key: 'lastReport', width: 120,
      render: (_v, task) => (task.lastReportedAt ? formatDate(task.lastReportedAt) : <Typography.Text type="secondary">{t('noReport')}</Typography.Text>),
    },
    ...(actions ? [{ title: actions.title, key: 'actions', width: 96, render: (_v: unknown, task: Task) => actions.render(task) }] : []),
  ];
  return (
    <Table<Task>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={sortTasks(tasks)}
      columns={columns}
      pagination={tasks.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t('none') }}
    />
  );
}

/** Tasks as a short list: the title, then (the unit ·) the notice · the deadline, and the status. */
export function TaskItems({ tasks, loading, withUnit, withStatus, actions }: {
  tasks: readonly Task[];
  loading?: boolean;
  withUnit?: boolean;
  withStatus?: boolean;
  actions?: (task: Task) => React.ReactNode;
}) {
  const { t } = useTasksT();
  return (
    <List<Task>
      size="small"
      loading={loading}
      dataSource={[...tasks]}
      rowKey="id"
      locale={{ emptyText: t('none') }}
      renderItem={(task) => (
        <List.Item>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Link to="/follow-up/tasks/$taskId" params={{ taskId: task.id }}>{task.title}</Link>
            <Typography.Text type="secondary">
              {withUnit && `${task.responsibleUnit.name} · `}{task.noticeNumber} · <TaskDeadline task={task} />
            </Typography.Text>
            {(withStatus || actions) && (
              <Space wrap size={8}>
                {withStatus && <TaskStatusTag task={task} />}
                {actions?.(task)}
              </Space>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Units to pick from (the province's open units), searchable by name or code. */
export function UnitSelect({ exclude, ...rest }: Omit<SelectProps<string | string[]>, 'options' | 'loading' | 'showSearch'> & { exclude?: string }) {
  const units = useUnits({});
  return (
    <Select<string | string[]>
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      loading={units.isLoading}
      options={(units.data?.items ?? []).filter((u) => u.id !== exclude).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
    />
  );
}
