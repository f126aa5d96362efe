import { useState } from 'react';
import { App as AntApp, DatePicker, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCloseUnit } from '../../api/hooks';
import type { Unit } from '../../api/types';
import { SaveError } from '../../components/errors';
import { applyServerErrors } from '../../lib/forms';
import { DATE_INPUT_FORMAT } from '../../format';

interface Values {
  date: Dayjs;
  reason: string;
}

export function CloseUnitModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const close = useCloseUnit();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<{ message: string }[]>([]);

  const onFinish = (v: Values) => {
    setError(null);
    close.mutate(
      { id: unit.id, date: v.date.format('YYYY-MM-DD'), reason: v.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('units.closedOk', { name: unit.name }));
          onClose();
        },
        onError: (e) => {
          setError(e);
          setExtra(applyServerErrors(form, e, ['date', 'reason']));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('units.closeTitle', { name: unit.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('units.actions.close')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={close.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph>{t('units.closeText')}</Typography.Paragraph>
      <SaveError error={error} extra={extra} />
      <Form<Values> form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={onFinish} disabled={close.isPending}>
        <Form.Item name="date" label={t('units.fields.closeDate')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={DATE_INPUT_FORMAT} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('common.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
