import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useFrameworkPrograms, useCreateFramework } from '../../api/frameworks';
import { SaveError } from '../../components/errors';
import { openCreatedFramework, useFwT } from './parts';

interface Values {
  programCode: string;
  year: number;
  groupLabel: string;
  name: string;
}

export function NewFrameworkModal({
  onClose, onCreated, defaultProgram,
}: { onClose: () => void; onCreated: (versionId: string) => void; defaultProgram?: string }) {
  const { t } = useFwT();
  const [form] = Form.useForm<Values>();
  const programs = useFrameworkPrograms();
  const create = useCreateFramework();

  const submit = (v: Values) =>
    create.mutate(v, openCreatedFramework(form, onClose, onCreated));

  return (
    <Modal
      open
      title={t('create.title')}
      okText={t('create.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      maskClosable={false}
      destroyOnHidden
    >
      <SaveError error={create.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ programCode: defaultProgram, year: new Date().getFullYear() }}
      >
        <ProgramYearGroupName programs={(programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} />
      </Form>
    </Modal>
  );
}

/** The four fields a framework is filed under (also used by the import dialog). */
export function ProgramYearGroupName({ programs, nameOptional }: { programs: { value: string; label: string }[]; nameOptional?: boolean }) {
  const { t } = useFwT();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <>
      <Form.Item name="programCode" label={t('library.program')} rules={required}>
        <Select options={programs} />
      </Form.Item>
      <Form.Item name="year" label={t('library.year')} rules={required}>
        <InputNumber min={2000} max={2999} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="groupLabel" label={t('library.group')} rules={required} extra={t('create.groupHint')}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="name" label={t('library.name')} rules={nameOptional ? [] : required} extra={nameOptional ? t('import.nameHint') : undefined}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
      </Form.Item>
    </>
  );
}
