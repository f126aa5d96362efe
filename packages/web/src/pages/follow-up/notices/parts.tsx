/** A notice's progress in one line and a bar: "12/18 nhiệm vụ hoàn thành, 3 quá hạn". */
import { Progress, Space, Typography } from 'antd';
import type { TaskCounts } from '../../../api/follow-up-tasks';
import { formatInteger } from '../../../format';
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
