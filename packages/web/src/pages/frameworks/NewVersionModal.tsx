import { Form, Input, Modal, Select, Typography } from 'antd';
import { useNewFrameworkVersion, type FrameworkSummary } from '../../api/frameworks';
import { SaveError } from '../../components/errors';
import { applyServerErrors } from '../../lib/forms';
import { useFwT } from './parts';

interface Values {
  fromVersionId: string;
  reason: string;
}

export function NewVersionModal({
  framework, fromVersionId, onClose, onCreated,
}: { framework: FrameworkSummary; fromVersionId?: string; onClose: () => void; onCreated: (versionId: string) => void }) {
  const { t } = useFwT();
  const [form] = Form.useForm<Values>();
  const create = useNewFrameworkVersion();
  // Only a published version is copied into a new one (a draft is edited directly).
  const versions = [...framework.versions].filter((v) => v.status === 'published').sort((a, b) => b.number - a.number);
  const submit = (v: Values) =>
    create.mutate(
      { frameworkId: framework.id, fromVersionId: v.fromVersionId, reason: v.reason.trim() },
      {
        onSuccess: (nv) => {
          onClose();
          onCreated(nv.id);
        },
        onError: (e) => applyServerErrors(form, e),
      },
    );
  return (
    <Modal
      open
      title={t('newVersion.title', { name: framework.name })}
      okText={t('newVersion.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('newVersion.text')}</Typography.Paragraph>
      <SaveError error={create.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ fromVersionId: versions.some((v) => v.id === fromVersionId) ? fromVersionId : versions[0]?.id }}
      >
        <Form.Item name="fromVersionId" label={t('newVersion.from')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            options={versions.map((v) => ({
              value: v.id,
              label: `${t('library.versionN', { number: v.number })} — ${t(`status.${v.status}`)}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('newVersion.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}
          extra={t('newVersion.reasonHint')}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} placeholder={t('newVersion.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
