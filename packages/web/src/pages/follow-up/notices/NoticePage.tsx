/**
 * One conclusion notice (§1): what it says, its file, its tasks (the administrator adds, edits and cancels
 * them) and, for the steering committee, how each responsible unit is getting on.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Grid, Input, List, Modal, Space, Spin, Table, Tooltip, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FileOutlined, PlusOutlined, StopOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useNotice, useUpdateTask, useUploadNoticeFile, type NoticeDetail, type Task } from '../../../api/follow-up-tasks';
import { QueryError, useErrorMessage } from '../../../components/errors';
import { formatDate, formatDateTime, formatInteger } from '../../../format';
import type { FollowUpSearch } from '../search';
import { TasksTable } from '../tasks/parts';
import { useNoticesT } from './i18n';
import { NoticeFormModal } from './NoticeForm';
import { NoticeProgress } from './parts';
import { TaskFormModal } from './TaskForm';

export function NoticePage({ id }: { search: FollowUpSearch; id?: string }) {
  const q = useNotice(id);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  return <Notice notice={q.data} />;
}

function Notice({ notice }: { notice: NoticeDetail }) {
  const { t } = useNoticesT();
  const [editing, setEditing] = useState(false);
  const [taskForm, setTaskForm] = useState<{ task?: Task } | null>(null);
  const [cancelling, setCancelling] = useState<Task | null>(null);
  const { message } = AntApp.useApp();
  const update = useUpdateTask();
  const errMsg = useErrorMessage();
  const mayEdit = notice.may.edit;

  const reopen = (task: Task) => update.mutate({ id: task.id, version: task.version, status: 'open' }, {
    onSuccess: () => void message.success(t('detail.reopened')),
    onError: (e) => void message.error(errMsg(e)),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/follow-up/notices"><ArrowLeftOutlined /> {t('back')}</Link>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('title')} {notice.number}</Typography.Title>
          <Typography.Text type="secondary">{notice.title}</Typography.Text>
        </div>
        {mayEdit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('detail.edit')}</Button>}
      </Space>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('col.number')}>{notice.number}</Descriptions.Item>
        <Descriptions.Item label={t('form.issuedOn')}>{formatDate(notice.issuedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('col.chairedBy')}>{notice.chairedBy}</Descriptions.Item>
        <Descriptions.Item label={t('col.year')}>{notice.year}</Descriptions.Item>
        <Descriptions.Item label={t('detail.owner')}>{notice.owner?.name ?? t('detail.province')}</Descriptions.Item>
        <Descriptions.Item label={t('detail.createdBy')}>{notice.createdBy}, {formatDateTime(notice.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.file')} span={{ xs: 1, md: 2 }}><NoticeFile notice={notice} /></Descriptions.Item>
        <Descriptions.Item label={t('col.progress')} span={{ xs: 1, md: 2 }}><NoticeProgress counts={notice.tasks} /></Descriptions.Item>
      </Descriptions>
      {notice.body && (
        <Card size="small" title={t('detail.body')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 8, expandable: true }}>{notice.body}</Typography.Paragraph>
        </Card>
      )}

      <section aria-labelledby="notice-tasks">
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
          <Typography.Title level={2} id="notice-tasks" style={{ fontSize: 18, margin: 0 }}>{t('detail.tasks')}</Typography.Title>
          {mayEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setTaskForm({})}>{t('detail.addTask')}</Button>}
        </Space>
        <TasksTable tasks={notice.taskList} actions={mayEdit ? {
          title: t('detail.actions'),
          render: (task: Task) => task.may.edit && (
            <Space size={4}>
              <IconButton title={t('detail.editTask')} icon={<EditOutlined />} onClick={() => setTaskForm({ task })} />
              {task.status === 'cancelled' || task.status === 'done'
                ? <IconButton title={t('detail.reopenTask')} icon={<UndoOutlined />} onClick={() => reopen(task)} />
                : <IconButton title={t('detail.cancelTask')} icon={<StopOutlined />} danger onClick={() => setCancelling(task)} />}
            </Space>
          ),
        } : undefined} />
      </section>

      {notice.byUnit.length > 0 && (
        <section aria-labelledby="notice-by-unit">
          <Typography.Title level={2} id="notice-by-unit" style={{ fontSize: 18 }}>{t('detail.byUnit')}</Typography.Title>
          <ByUnit rows={notice.byUnit} />
        </section>
      )}

      {editing && <NoticeFormModal notice={notice} onClose={() => setEditing(false)} />}
      {taskForm && <TaskFormModal noticeId={notice.id} task={taskForm.task} onClose={() => setTaskForm(null)} />}
      {cancelling && <CancelTaskModal task={cancelling} onClose={() => setCancelling(null)} />}
    </Space>
  );
}

/** Each responsible unit's tasks: a table, or on a phone one compact item per unit (no column cut off). */
function ByUnit({ rows }: { rows: NoticeDetail['byUnit'] }) {
  const { t } = useNoticesT();
  const phone = Grid.useBreakpoint().md === false;
  if (phone) {
    return (
      <List
        size="small"
        dataSource={[...rows]}
        rowKey={(r) => r.unit.id}
        renderItem={(r) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong>{r.unit.name}</Typography.Text>
              <NoticeProgress counts={r.counts} />
              {r.counts.inProgress > 0 && <Typography.Text type="secondary">{t('detail.inProgress')}: {formatInteger(r.counts.inProgress)}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table
      rowKey={(r) => r.unit.id}
      size="small"
      pagination={false}
      dataSource={[...rows]}
      scroll={{ x: 520 }}
      columns={[
        { title: t('detail.unit'), key: 'unit', width: 150, fixed: 'left', render: (_v, r) => r.unit.name },
        { title: t('detail.total'), key: 'total', width: 80, align: 'right', render: (_v, r) => formatInteger(r.counts.total - r.counts.cancelled) },
        { title: t('detail.done'), key: 'done', width: 100, align: 'right', render: (_v, r) => formatInteger(r.counts.done) },
        { title: t('detail.inProgress'), key: 'inProgress', width: 100, align: 'right', render: (_v, r) => formatInteger(r.counts.inProgress) },
        {
          title: t('detail.overdue'), key: 'overdue', width: 80, align: 'right',
          render: (_v, r) => (r.counts.overdue > 0 ? <Typography.Text type="danger" strong>{formatInteger(r.counts.overdue)}</Typography.Text> : '0'),
        },
      ]}
    />
  );
}

/** A row's action as an icon, named for screen readers and on hover. */
function IconButton({ title, ...rest }: { title: string; icon: React.ReactNode; danger?: boolean; onClick: () => void }) {
  return <Tooltip title={title}><Button size="small" aria-label={title} {...rest} /></Tooltip>;
}

function NoticeFile({ notice }: { notice: NoticeDetail }) {
  const { t } = useNoticesT();
  const { message } = AntApp.useApp();
  const upload = useUploadNoticeFile();
  const errMsg = useErrorMessage();
  return (
    <Space wrap>
      {notice.file
        ? <a href={notice.file.url} target="_blank" rel="noreferrer"><FileOutlined /> {notice.file.name}</a>
        : <Typography.Text type="secondary">{t('detail.noFile')}</Typography.Text>}
      {notice.may.edit && (
        <Upload accept=".pdf,.doc,.docx,.jpg,.jpeg,.png" maxCount={1} showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate({ id: notice.id, file }, {
              onSuccess: () => void message.success(t('detail.uploaded')),
              onError: (e) => void message.error(errMsg(e)),
            });
            return false;
          }}>
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{notice.file ? t('detail.replace') : t('detail.upload')}</Button>
        </Upload>
      )}
    </Space>
  );
}

function CancelTaskModal({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useNoticesT();
  const { message } = AntApp.useApp();
  const update = useUpdateTask();
  const errMsg = useErrorMessage();
  const [reason, setReason] = useState('');
  return (
    <Modal open title={t('detail.cancelTitle')} onCancel={onClose} okText={t('detail.cancelTask')} okButtonProps={{ danger: true, disabled: !reason.trim() }}
      cancelText={t('form.cancel')} confirmLoading={update.isPending}
      onOk={() => update.mutate({ id: task.id, version: task.version, status: 'cancelled', reason: reason.trim() }, {
        onSuccess: () => {
          void message.success(t('detail.cancelled'));
          onClose();
        },
      })}>
      <Typography.Paragraph>{task.title}</Typography.Paragraph>
      <label htmlFor="cancel-reason">{t('detail.cancelReason')}</label>
      <Input.TextArea id="cancel-reason" autoSize={{ minRows: 2 }} value={reason} onChange={(e) => setReason(e.target.value)} />
      {update.error && <Typography.Text type="danger" role="alert">{errMsg(update.error)}</Typography.Text>}
    </Modal>
  );
}
