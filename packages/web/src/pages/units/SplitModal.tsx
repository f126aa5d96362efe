import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useSplitUnit } from '../../api/hooks';
import type { Unit } from '../../api/types';
import { SaveError } from '../../components/errors';
import { applyServerErrors } from '../../lib/forms';
import { DATE_INPUT_FORMAT } from '../../format';
import { cleanNewUnit, NewUnitFields, type NewUnitValues } from './NewUnitFields';

interface Values {
  date: Dayjs;
  into: NewUnitValues[];
  reason: string;
}

export function SplitModal({
  unit,
  units,
  onClose,
  onDone,
}: {
  unit: Unit;
  units: Unit[];
  onClose: () => void;
  onDone: (firstId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const split = useSplitUnit();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const openUnits = units.filter((u) => !u.validTo && u.id !== unit.id);
  const blank = { typeCode: unit.typeCode, parentId: unit.parentId } as Partial<NewUnitValues>;

  const onFinish = (v: Values) => {
    setError(null);
    split.mutate(
      { id: unit.id, date: v.date.format('YYYY-MM-DD'), into: v.into.map(cleanNewUnit), reason: v.reason.trim() },
      {
        onSuccess: (r) => {
          void message.success(t('units.splitOk', { name: unit.name, count: r.units.length }));
          const first = r.units[0];
          if (first) onDone(first.id);
          else onClose();
        },
        onError: (e) => {
          setError(e);
          setExtra(applyServerErrors(form, e, ['date', 'into', 'reason']));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('units.splitTitle', { name: unit.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('units.actions.splitConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={split.isPending}
      width={820}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph>{t('units.splitText')}</Typography.Paragraph>
      <SaveError error={error} extra={extra} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={split.isPending}
        initialValues={{ date: dayjs(), into: [blank, blank] }}
      >
        <Form.Item name="date" label={t('units.fields.operationDate')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={DATE_INPUT_FORMAT} />
        </Form.Item>
        <Form.List
          name="into"
          rules={[
            {
              validator: (_r, v: unknown[] | undefined) =>
                (v?.length ?? 0) >= 2 ? Promise.resolve() : Promise.reject(new Error(t('validation.splitTwo'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('units.newUnitN', { n: i + 1 })}
                  extra={
                    fields.length > 2 ? (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('units.removeNewUnit', { n: i + 1 })}
                        onClick={() => remove(f.name)}
                      />
                    ) : null
                  }
                >
                  <NewUnitFields prefix={[f.name]} units={openUnits} />
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(blank)} style={{ marginBottom: 12 }}>
                {t('units.addNewUnit')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Form.Item
          name="reason"
          label={t('common.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('units.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
