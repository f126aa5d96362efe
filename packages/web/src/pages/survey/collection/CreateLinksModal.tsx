/** Making a batch of anonymous links for one rated unit or every unit of a questionnaire. */
import { App, Form, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { MAX_LINKS_PER_UNIT, type CreateInvitationsBody } from '@chiso/contract';
import { SaveError } from '../../../components/errors';
import { formatInteger } from '../../../format';
import { useCreateInvitations, type InvitationCounts, type InvitationOverview } from './api';
import { useCollectionT } from './i18n';

const ALL = '*';

interface Values {
  unit: string;
  count: number;
  channel: CreateInvitationsBody['channel'];
}

export function CreateLinksModal({ surveyId, questionnaire, units, onClose }: {
  surveyId: string; questionnaire: InvitationOverview['questionnaires'][number]; units: InvitationCounts[]; onClose: () => void;
}) {
  const { t } = useCollectionT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateInvitations(surveyId);
  const submit = async (v: Values) => {
    const body: CreateInvitationsBody = { questionnaireId: questionnaire.id, count: v.count, channel: v.channel, ...(v.unit === ALL ? { allUnits: true } : { unitId: v.unit }) };
    const r = await create.mutateAsync(body).catch(() => null);
    if (!r) return;
    void message.success(t('createForm.done', { created: formatInteger(r.created), units: formatInteger(r.units) }));
    onClose();
  };
  return (
    <Modal open title={`${t('createForm.title')} — ${questionnaire.code}`} okText={t('createForm.submit')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ unit: ALL, count: 10, channel: 'counter' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="unit" label={t('createForm.unit')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={[{ value: ALL, label: t('createForm.allUnits') }, ...units.map((u) => ({ value: u.unitId, label: u.unitName }))]} />
        </Form.Item>
        <Form.Item name="count" label={t('createForm.count')} rules={[{ required: true }]}>
          <InputNumber min={1} max={MAX_LINKS_PER_UNIT} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="channel" label={t('createForm.channel')}>
          <Radio.Group
            options={[
              { value: 'counter', label: <span>{t('channel.counter')} <Typography.Text type="secondary">— {t('createForm.counterHelp')}</Typography.Text></span> },
              { value: 'shared', label: <span>{t('channel.shared')} <Typography.Text type="secondary">— {t('createForm.sharedHelp')}</Typography.Text></span> },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('createForm.sampleNote')}</Typography.Paragraph>
        {create.error && <SaveError error={create.error} />}
      </Form>
    </Modal>
  );
}
