import { useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { useAudit, type AuditParams } from '../../api/hooks';
import type { AuditEvent } from '../../api/types';
import { QueryError } from '../../components/errors';
import { DATE_INPUT_FORMAT, formatDateTime, formatInteger } from '../../format';
import { DiffView } from './DiffView';

interface Filters {
  entityType?: string;
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ENTITY_TYPES = ['unit', 'unit_operation', 'user', 'group_set', 'unit_group', 'framework', 'framework_version', 'evidence_document'];
const ACTIONS = ['create', 'update', 'close', 'merge', 'split', 'set_members', 'login', 'login_failed', 'logout', 'lock', 'reset_password', 'password_change', 'publish', 'new_version'];

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 50 });
  const audit = useAudit(params);

  const label = (group: 'entity' | 'action', v: string) => {
    const key = `audit.${group}.${v}`;
    return i18n.exists(key) ? t(key) : v;
  };

  const apply = (f: Filters) => {
    setParams({
      page: 1,
      pageSize: params.pageSize,
      entityType: f.entityType?.trim() || undefined,
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
              allowClear
              options={ENTITY_TYPES.map((v) => ({ value: v, label: `${label('entity', v)} (${v})` }))}
            />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.fields.actor')}>
            <Input style={{ width: 170 }} allowClear placeholder={t('audit.actorPlaceholder')} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.fields.action')}>
            <AutoComplete
              style={{ width: 170 }}
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
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        loading={audit.isFetching}
        dataSource={audit.data?.items ?? []}
        tableLayout="fixed"
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('audit.empty') }}
        expandable={{
          expandedRowRender: (e) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {e.reason && (
                <Typography.Text>
                  <strong>{t('common.reason')}:</strong> {e.reason}
                </Typography.Text>
              )}
              <DiffView before={e.before} after={e.after} />
            </Space>
          ),
          expandRowByClick: false,
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('audit.total', { count: total, formatted: formatInteger(total) }),
          onChange: (page, pageSize) => setParams((p) => ({ ...p, page: pageSize !== p.pageSize ? 1 : page, pageSize })),
        }}
        columns={[
          { title: t('audit.fields.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 140 },
          {
            title: t('audit.fields.actor'),
            key: 'actor',
            render: (_, e) => e.actor?.username ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
          },
          {
            title: t('audit.fields.entityType'),
            dataIndex: 'entityType',
            render: (v: string) => label('entity', v),
          },
          {
            title: t('audit.fields.entityId'),
            dataIndex: 'entityId',
            width: 150,
            ellipsis: { showTitle: true },
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          { title: t('audit.fields.action'), dataIndex: 'action', render: (v: string) => <Tag>{label('action', v)}</Tag> },
          {
            title: t('common.reason'),
            dataIndex: 'reason',
            width: 320,
            ellipsis: { showTitle: true },
            render: (v: string | null) => v ?? '—',
          },
          { title: t('audit.fields.ip'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}
