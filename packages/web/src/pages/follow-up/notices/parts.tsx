/** A notice's progress in one line and a bar ("12/18 nhiệm vụ hoàn thành, 3 quá hạn"), and notices as a short list. */
import { List, Progress, Space, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import type { Notice, TaskCounts } from '../../../api/follow-up-tasks';
import { formatDate, formatInteger } from '../../../format';
import { countedTasks, donePercent } from '../tasks/task-view';
import { useNoticesT } from './i18n';

export function useProgressText() {
  const { t } = useNoticesT();
  return (c: TaskCounts) => {
    const total = countedTasks(c);
    if (total === 0) return t('noTasks');
    const values = { done: formatInteger(c.done), total: formatInteger(total), overdue: formatInteger(c.overdue) };
    return c.overdue > 0 ? t('progressOverdue', values) : t('progress', values);
  };
}

export function NoticeProgress({ counts }: { counts: TaskCounts }) {
  const text = useProgressText();
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%', minWidth: 160 }}>
      <Typography.Text type={counts.overdue > 0 ? 'danger' : undefined}>{text(counts)}</Typography.Text>
      {countedTasks(counts) > 0 && (
        <Progress percent={donePercent(counts)} size="small" showInfo={false} status={counts.overdue > 0 ? 'exception' : 'normal'}
          aria-hidden />
      )}
    </Space>
  );
}

/** Notices as a list (the dashboard's card, the notices on a phone): number, subject, date and year, progress. */
export function NoticeItems({ notices, loading, emptyText }: { notices: readonly Notice[]; loading?: boolean; emptyText: string }) {
  const { t } = useNoticesT();
  return (
    <List<Notice>
      loading={loading}
      dataSource={[...notices]}
      rowKey="id"
      locale={{ emptyText }}
      renderItem={(n) => (
        <List.Item>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Link to="/follow-up/notices/$noticeId" params={{ noticeId: n.id }}>{n.number}</Link>
            <Typography.Text type="secondary" ellipsis={{ tooltip: n.title }} style={{ maxWidth: '100%' }}>{n.title}</Typography.Text>
            <Typography.Text type="secondary">{formatDate(n.issuedOn)} · {t('col.year')} {n.year}</Typography.Text>
            <NoticeProgress counts={n.tasks} />
          </Space>
        </List.Item>
      )}
    />
  );
}
