import { useState } from 'react';
import { App as AntApp, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMe } from '../../api/hooks';
import { useFrameworkPrograms } from '../../api/frameworks';
import {
  CALENDAR_END_OF_DAY, CALENDAR_FIELDS, dayToInstant, useCreateCycle, useCycles, useGroupSets,
  type Calendar, type CalendarField, type Cycle, type CycleSummary,
} from '../../api/cycles';
import { QueryError, SaveError } from '../../components/errors';
import { applyServerErrors } from '../../lib/forms';
import { formatDate } from '../../format';
import { CycleStatusTag, DayPicker, useCyT } from './parts';

export function CyclesPage() {
  const { t } = useCyT();
  const me = useMe();
  const cycles = useCycles();
  const [creating, setCreating] = useState(false);
  const isAdmin = !!me?.roles.includes('admin');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('list.title')}</Typography.Title>
        {isAdmin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('list.create')}</Button>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('list.intro')}</Typography.Paragraph>
      {cycles.error ? <QueryError error={cycles.error} onRetry={() => void cycles.refetch()} /> : (
        <Table<CycleSummary>
          rowKey="id"
          loading={cycles.isLoading}
          dataSource={cycles.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('common.noCycle') }}
          columns={[
            { title: t('common.name'), dataIndex: 'name', render: (_v, c) => <Link to="/cycles/$cycleId" params={{ cycleId: c.id }}>{c.name}</Link> },
            { title: t('common.program'), render: (_v, c) => c.program.name },
            { title: t('common.year'), dataIndex: 'year', width: 80 },
            { title: t('common.state'), dataIndex: 'status', width: 150, render: (s: CycleSummary['status']) => <CycleStatusTag status={s} /> },
            { title: t('calendar.selfAssessmentDeadline'), width: 150, render: (_v, c) => formatDate(c.calendar.selfAssessmentDeadline) },
            { title: t('calendar.publicationDate'), width: 130, render: (_v, c) => formatDate(c.calendar.publicationDate) },
          ]}
        />
      )}
      {creating && <CreateCycleModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

export type CalendarDays = Partial<Record<CalendarField, string>>;

/** Calendar of picked days → instants (deadlines to the end of their day). */
export function calendarFromDays(days: CalendarDays): Calendar {
  const out: Record<string, string | null> = {};
  for (const f of CALENDAR_FIELDS) {
    const d = days[f];
    out[f] = d ? dayToInstant(d, CALENDAR_END_OF_DAY.includes(f)) : null;
  }
  if (!out.selfAssessmentOpens) delete out.selfAssessmentOpens;
  return out as unknown as Calendar;
}

export function CalendarFields({ disabled }: { disabled?: boolean }) {
  const { t } = useCyT();
  return (
    <Row gutter={12}>
      {CALENDAR_FIELDS.map((f) => (
        <Col xs={24} sm={12} key={f}>
          <Form.Item name={['calendar', f]} label={t(`calendar.${f}`)} rules={f === 'selfAssessmentOpens' ? [] : [{ required: true, message: t('common.required') }]}>
            <DayPicker style={{ width: '100%' }} disabled={disabled} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

interface CreateValues {
  programCode: string;
  year: number;
  name: string;
  groupSetId: string;
  calendar: CalendarDays;
  evidenceRequiredForPoints: boolean;
  explanationRequiredWithoutEvidence: boolean;
}

function CreateCycleModal({ onClose }: { onClose: () => void }) {
  const { t } = useCyT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const programs = useFrameworkPrograms();
  const groupSets = useGroupSets();
  const create = useCreateCycle();
  const [form] = Form.useForm<CreateValues>();
  const [extra, setExtra] = useState<{ message: string }[]>([]);

  const onFinish = (v: CreateValues) => {
    create.mutate(
      {
        programCode: v.programCode, year: v.year, name: v.name.trim(), groupSetId: v.groupSetId,
        calendar: calendarFromDays(v.calendar),
        policy: { evidenceRequiredForPoints: v.evidenceRequiredForPoints, explanationRequiredWithoutEvidence: v.explanationRequiredWithoutEvidence },
      },
      {
        onSuccess: (c: Cycle) => {
          void message.success(t('create.done'));
          onClose();
          void navigate({ to: '/cycles/$cycleId', params: { cycleId: c.id } });
        },
        onError: (e) => setExtra(applyServerErrors(form, e, ['programCode', 'year', 'name', 'groupSetId', 'calendar'])),
      },
    );
  };

  return (
    <Modal open title={t('create.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('list.create')}
      cancelText={t('common.cancel')} confirmLoading={create.isPending} width={720} destroyOnHidden>
      <SaveError error={create.error} extra={extra} />
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish}
        initialValues={{ year: new Date().getFullYear(), evidenceRequiredForPoints: true, explanationRequiredWithoutEvidence: true, calendar: {} }}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="programCode" label={t('common.program')} rules={[{ required: true, message: t('common.required') }]}>
              <Select loading={programs.isLoading} options={(programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="year" label={t('common.year')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input placeholder={t('create.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="groupSetId" label={t('create.groupSet')} rules={[{ required: true, message: t('common.required') }]}>
          <Select loading={groupSets.isLoading} options={(groupSets.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('calendar.title')}</Typography.Title>
        <CalendarFields />
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('create.policy')}</Typography.Title>
        <Form.Item name="evidenceRequiredForPoints" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t('create.evidenceRequiredForPoints')}</Checkbox>
        </Form.Item>
        <Form.Item name="explanationRequiredWithoutEvidence" valuePropName="checked">
          <Checkbox>{t('create.explanationRequiredWithoutEvidence')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
