/**
 * One task (§1): what the notice asks, its reports, and — for the responsible unit's staff — the progress
 * report form with evidence from the unit's library or a new upload (the self-assessment's evidence field).
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, List, Radio, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useReportTask, useTask, type TaskDetail, type TaskReport } from '../../../api/follow-up-tasks';
import { EvidenceLinks } from '../../../components/EvidenceLinks';
import { QueryError, SaveError } from '../../../components/errors';
import { applyServerErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../format';
import { EvidenceField } from '../../assessment/EvidenceField';
import type { FollowUpSearch } from '../search';
import { useTasksT } from './i18n';
import { TaskDeadline, TaskLinks, TaskStatusTag } from './parts';
import { isOpenTask } from './task-view';

export function TaskPage({ id }: { search: FollowUpSearch; id?: string }) {
  const q = useTask(id);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  return <Task task={q.data} />;
}

function Task({ task }: { task: TaskDetail }) {
  const { t } = useTasksT();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/follow-up/tasks"><ArrowLeftOutlined /> {t('back')}</Link>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{task.title}</Typography.Title>
        <Space wrap style={{ marginTop: 4 }}>
          <TaskStatusTag task={task} />
          <Typography.Text type="secondary">{task.responsibleUnit.name}</Typography.Text>
        </Space>
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('detail.notice')}>
          <Link to="/follow-up/notices/$noticeId" params={{ noticeId: task.noticeId }}>{task.noticeNumber}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('col.deadline')}><TaskDeadline task={task} /></Descriptions.Item>
        <Descriptions.Item label={t('col.responsible')}>{task.responsibleUnit.name}</Descriptions.Item>
        <Descriptions.Item label={t('col.cooperating')}>{task.cooperatingUnits.map((u) => u.name).join('; ') || '—'}</Descriptions.Item>
        {task.description && (
          <Descriptions.Item label={t('detail.description')} span={{ xs: 1, md: 2 }}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{task.description}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('detail.links')} span={{ xs: 1, md: 2 }}><TaskLinks links={task.links} unitId={task.responsibleUnit.id} /></Descriptions.Item>
      </Descriptions>

      {task.status === 'done'
        ? <Alert type="success" showIcon title={t('report.finished')} />
        : task.may.report && isOpenTask(task) && <ReportForm task={task} />}

      <section aria-labelledby="task-reports">
        <Typography.Title level={2} id="task-reports" style={{ fontSize: 18 }}>{t('detail.reports')}</Typography.Title>
        <List<TaskReport>
          bordered
          dataSource={[...task.reports].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))}
          locale={{ emptyText: t('detail.noReports') }}
          renderItem={(r) => (
            <List.Item>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <TaskStatusTag task={{ status: r.status, overdue: false }} />
                  <Typography.Text type="secondary">{t('detail.reportedBy', { who: r.reportedBy, at: formatDateTime(r.reportedAt) })}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.text}</Typography.Paragraph>
                {r.evidence.length > 0 && <EvidenceLinks evidence={r.evidence} />}
              </Space>
            </List.Item>
          )}
        />
      </section>
    </Space>
  );
}

interface ReportValues {
  status: 'in_progress' | 'done';
  text: string;
}

function ReportForm({ task }: { task: TaskDetail }) {
  const { t } = useTasksT();
  const { message } = AntApp.useApp();
  const report = useReportTask(task.id);
  const [form] = Form.useForm<ReportValues>();
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [extra, setExtra] = useState<{ message: string }[]>([]);

  const onFinish = (v: ReportValues) => report.mutate({ status: v.status, text: v.text, evidenceDocumentIds: evidenceIds, version: task.version }, {
    onSuccess: () => {
      void message.success(t('report.done'));
      form.resetFields();
      setEvidenceIds([]);
      setExtra([]);
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ['status', 'text'])),
  });

  return (
    <Card title={t('report.title')} size="small" role="region" aria-label={t('report.title')}>
      <SaveError error={report.error} extra={extra} />
      <Form<ReportValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ status: 'in_progress' }}>
        <Form.Item name="status" label={t('report.status')}>
          <Radio.Group options={[
            { value: 'in_progress', label: t('status.in_progress') },
            { value: 'done', label: t('status.done') },
          ]} />
        </Form.Item>
        <Form.Item name="text" label={t('report.text')} rules={[{ required: true, whitespace: true, message: t('report.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} placeholder={t('report.textHint')} />
        </Form.Item>
        <Form.Item label={t('report.evidence')} htmlFor="task-report-evidence">
          <EvidenceField id="task-report-evidence" unitId={task.responsibleUnit.id} value={evidenceIds} onChange={setEvidenceIds} known={[]} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={report.isPending}>{t('report.submit')}</Button>
      </Form>
    </Card>
  );
}
