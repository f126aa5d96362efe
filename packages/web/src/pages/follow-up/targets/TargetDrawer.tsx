/**
 * A target's history: its milestones and values by year (chart and table), every value entered with
 * who, when and why; the plan's administrator enters a value with its basis (the latest counts), or
 * takes a chiso figure from the external index.
 */
import { App as AntApp, Button, Descriptions, Drawer, Form, Grid, Input, List, Select, Space, Table, Typography } from 'antd';
import { useRecordTargetValue, usePullTarget, useTargetHistory, type TargetPlanDetail, type TargetView } from '../../../api/targets';
import { SaveError } from '../../../components/errors';
import { formatDateTime } from '../../../format';
import { StatusTag, TargetTrend, useFigure } from './parts';
import { useTargetsT } from './i18n';

export function TargetDrawer({ target, plan, year, onClose }: { target: TargetView; plan: TargetPlanDetail; year: number; onClose: () => void }) {
  const { t } = useTargetsT();
  const phone = !Grid.useBreakpoint().md;
  const figure = useFigure();
  const history = useTargetHistory(target.id);
  const current = history.data?.target ?? target;
  const final = current.years.at(-1);
  return (
    <Drawer open onClose={onClose} width={phone ? '100%' : 720} title={t('history.title', { code: current.code })} data-testid="target-drawer">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{current.name}</Typography.Title>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('columns.unit')}>{current.responsibleUnit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('columns.baseline')}>{current.baselineValue === null ? '—' : t('baselineOf', { value: figure(current.baselineValue, current), year: current.baselineYear ?? '—' })}</Descriptions.Item>
          <Descriptions.Item label={t('kind')}>{t('kindOf', { measure: t(`measure.${current.measure}`), direction: t(`direction.${current.direction}`) })}</Descriptions.Item>
          {final?.milestone && <Descriptions.Item label={t('final', { year: final.year })}>{figure(final.milestone, current)}</Descriptions.Item>}
          <Descriptions.Item label={t('columns.source')}>{t(`source.${current.source}`)}{current.sourceNote ? ` — ${current.sourceNote}` : ''}</Descriptions.Item>
        </Descriptions>
        <div>
          <Typography.Title level={5}>{t('history.byYear')}</Typography.Title>
          <TargetTrend target={current} />
          <Table
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={current.years}
            data-testid="target-years"
            columns={[
              { title: t('year'), dataIndex: 'year', width: 70 },
              { title: t('history.chartMilestone'), align: 'right', render: (_, y) => figure(y.milestone, current) },
              { title: t('history.chartValue'), align: 'right', render: (_, y) => figure(y.value, current) },
              { title: t('columns.status'), render: (_, y) => <StatusTag status={y.status} /> },
            ]}
          />
        </div>
        {plan.may.edit && <ValueEntry target={current} plan={plan} year={year} />}
        <div>
          <Typography.Title level={5}>{t('history.entries')}</Typography.Title>
          <List
            size="small"
            loading={history.isLoading}
            dataSource={history.data?.values ?? []}
            locale={{ emptyText: t('history.noEntries') }}
            data-testid="target-history"
            renderItem={(v) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{t('history.entry', { year: v.year, value: figure(v.value, current) })} · {t(`source.${v.source}`)}</Typography.Text>
                  <Typography.Text>{v.reason}</Typography.Text>
                  <Typography.Text type="secondary">{t('history.by', { who: v.recordedBy ?? t('history.system'), at: formatDateTime(v.recordedAt) })}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      </Space>
    </Drawer>
  );
}

function ValueEntry({ target, plan, year }: { target: TargetView; plan: TargetPlanDetail; year: number }) {
  const { t } = useTargetsT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ year: number; value: string; reason: string }>();
  const record = useRecordTargetValue(target.id);
  const pull = usePullTarget(target.id);
  const years = target.years.map((y) => y.year);
  const save = async (v: { year: number; value: string; reason: string }) => {
    await record.mutateAsync({ ...v, version: target.version });
    void message.success(t('entry.saved', { year: v.year }));
    form.resetFields(['value', 'reason']);
  };
  return (
    <div>
      <Typography.Title level={5}>{t('entry.title')}</Typography.Title>
      <Form form={form} layout="vertical" initialValues={{ year: years.includes(year) ? year : plan.startYear }} onFinish={(v) => void save(v).catch(() => undefined)} data-testid="target-entry">
        <Space wrap align="start">
          <Form.Item name="year" label={t('entry.year')} rules={[{ required: true, message: t('entry.required') }]}>
            <Select style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))} />
          </Form.Item>
          <Form.Item name="value" label={t('entry.value')} rules={[{ required: true, whitespace: true, message: t('entry.required') }]}>
            <Input placeholder={t('entry.valueHint')} style={{ width: 160 }} inputMode="decimal" />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('entry.reason')} rules={[{ required: true, whitespace: true, message: t('entry.required') }]}>
          <Input.TextArea rows={2} placeholder={t('entry.reasonHint')} maxLength={2000} />
        </Form.Item>
        {record.error != null && <div style={{ marginBottom: 12 }}><SaveError error={record.error} /></div>}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={record.isPending}>{t('entry.save')}</Button>
          {target.source === 'chiso' && target.sourceIndexKey && (
            <Button loading={pull.isPending} onClick={() => void pull.mutateAsync().then((r) => message.success(t('history.pulled', r)), () => undefined)}>{t('history.pull')}</Button>
          )}
        </Space>
        {pull.error != null && <div style={{ marginTop: 12 }}><SaveError error={pull.error} /></div>}
      </Form>
    </div>
  );
}
