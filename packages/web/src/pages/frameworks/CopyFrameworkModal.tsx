import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useCopyFramework, type FrameworkSummary } from '../../api/frameworks';
import { SaveError } from '../../components/errors';
import { openCreatedFramework, useFwT } from './parts';

interface Values {
  year: number;
  name: string;
}

export function CopyFrameworkModal({
  framework, onClose, onCopied,
}: { framework: FrameworkSummary; onClose: () => void; onCopied: (versionId: string) => void }) {
  const { t } = useFwT();
  const [form] = Form.useForm<Values>();
  const copy = useCopyFramework();
  const nextYear = framework.year + 1;
  const submit = (v: Values) =>
    copy.mutate(
      { id: framework.id, year: v.year, name: v.name?.trim() || undefined },
      openCreatedFramework(form, onClose, onCopied),
    );
  return (
    <Modal
      open
      title={t('copy.title', { name: framework.name })}
      okText={t('copy.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={copy.isPending}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('copy.text')}</Typography.Paragraph>
      <SaveError error={copy.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ year: nextYear, name: framework.name.replaceAll(String(framework.year), String(nextYear)) }}
      >
        <Form.Item name="year" label={t('library.year')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={2000} max={2999} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="name" label={t('library.name')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
