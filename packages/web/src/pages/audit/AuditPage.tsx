import { useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { useAudit, useUnits, type AuditParams } from '../../api/hooks';
import { QueryError } from '../../components/errors';
import { DATE_INPUT_FORMAT, formatInteger } from '../../format';
import { AuditLines } from './AuditLines';

interface Filters {
  entityType?: string;
  unitId?: string;
  criterion?: string;
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ENTITY_TYPES = ['criterion_record', 'cycle_unit', 'cycle', 'unit', 'unit_operation', 'user', 'group_set', 'unit_group', 'framework', 'framework_version', 'evidence_document',
  'survey', 'survey_questionnaire', 'survey_paper_batch', 'survey_paper_form', 'survey_import'];
const ACTIONS = ['save_self', 'decide', 'request_explanation', 'answer', 'propose_final', 'approve_final', 'reject_proposal', 'submit', 'return_for_revision', 'create', 'update', 'close', 'merge', 'split', 'set_members', 'login', 'login_failed', 'logout', 'lock', 'reset_password', 'password_change', 'publish', 'new_version'];

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 50 });
  const audit = useAudit(params);
  const units = useUnits({});

  const label = (group: 'entity' | 'action', v: string) => {
    const key = `audit.${group}.${v}`;
    return i18n.exists(key) ? t(key) : v;
  };

  const apply = (f: Filters) => {
    setParams({
      page: 1,
      pageSize: params.pageSize,
      entityType: f.entityType?.trim() || undefined,
      unitId: f.unitId || undefined,
      criterion: f.criterion?.trim() || undefined,
      actor: f.actor?.trim() || undefined,
      action: f.action?.trim() || undefined,
      from: f.range?.[0]?.format('YYYY-MM-DD'),
      to: f.range?.[1]?.format('YYYY-MM-DD'),
    });
  };

  if (audit.isError && !audit.data) return <QueryError error={audit.error} onRetry={() => void audit.refetch()} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card size="small">
        <Form<Filters> form={form} layout="inline" onFinish={apply} style={{ rowGap: 12 }}>
          <Form.Item name="entityType" label={t('audit.fields.entityType')}>
            <AutoComplete
              style={{ width: 170 }}
              // The labels ("Tệp câu trả lời điều tra (survey_import)") are longer than the field.
              popupMatchSelectWidth={320}
              allowClear
              options={ENTITY_TYPES.map((v) => ({ value: v, label: `${label('entity', v)} (${v})` }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t('audit.fields.unit')}>
            <Select style={{ width: 240, maxWidth: '100%' }} allowClear showSearch optionFilterProp="label"
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="criterion" label={t('audit.fields.criterion')}>
            <Input style={{ width: 110 }} allowClear placeholder="2.1" />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.fields.actor')}>
            <Input style={{ width: 170 }} allowClear placeholder={t('audit.actorPlaceholder')} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.fields.action')}>
            <AutoComplete
              style={{ width: 170 }}
              // The labels ("Tệp câu trả lời điều tra (survey_import)") are longer than the field.
              popupMatchSelectWidth={320}
              allowClear
              options={ACTIONS.map((v) => ({ value: v, label: `${label('action', v)} (${v})` }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.fields.range')}>
            <DatePicker.RangePicker format={DATE_INPUT_FORMAT} allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.filter')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  apply({});
                }}
              >
                {t('common.clear')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <AuditLines
        events={audit.data?.items ?? []}
        loading={audit.isFetching}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('audit.total', { count: total, formatted: formatInteger(total) }),
          onChange: (page, pageSize) => setParams((p) => ({ ...p, page: pageSize !== p.pageSize ? 1 : page, pageSize })),
        }}
      />
    </Space>
  );
}
