import { useState } from 'react';
import { App as AntApp, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useMergeUnits } from '../../api/hooks';
import type { Unit } from '../../api/types';
import { SaveError } from '../../components/errors';
import { applyServerErrors } from '../../lib/forms';
import { DATE_INPUT_FORMAT } from '../../format';
import { UnitSelect } from './UnitSelect';
import { cleanNewUnit, NewUnitFields, type NewUnitValues } from './NewUnitFields';

interface Values {
  sourceIds: string[];
  date: Dayjs;
  mode: 'new' | 'existing';
  into: Partial<NewUnitValues> & { existingId?: string };
  reason: string;
}

export function MergeModal({
  units,
  initialSourceIds,
  onClose,
  onDone,
}: {
  units: Unit[];
  initialSourceIds: string[];
  onClose: () => void;
  onDone: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const merge = useMergeUnits();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const mode = Form.useWatch('mode', form) ?? 'new';
  const sourceIds = Form.useWatch('sourceIds', form) ?? initialSourceIds;
  const openUnits = units.filter((u) => !u.validTo);
  const firstSource = units.find((u) => u.id === initialSourceIds[0]);

  const onFinish = (v: Values) => {
    setError(null);
    const into =
      v.mode === 'existing' ? { existingId: v.into.existingId ?? '' } : cleanNewUnit(v.into as NewUnitValues);
    merge.mutate(
      { sourceIds: v.sourceIds, date: v.date.format('YYYY-MM-DD'), into, reason: v.reason.trim() },
      {
        onSuccess: (r) => {
          void message.success(t('units.mergedOk', { name: r.unit.name }));
          onDone(r.unit.id);
        },
        onError: (e) => {
          setError(e);
          setExtra(applyServerErrors(form, e, ['sourceIds', 'date', 'into', 'reason']));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('units.mergeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('units.actions.mergeConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={merge.isPending}
      width={760}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph>{t('units.mergeText')}</Typography.Paragraph>
      <SaveError error={error} extra={extra} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={merge.isPending}
        initialValues={{
          sourceIds: initialSourceIds,
          date: dayjs(),
          mode: 'new',
          into: { typeCode: firstSource?.typeCode, parentId: firstSource?.parentId ?? null },
        }}
      >
        <Form.Item
          name="sourceIds"
          label={t('units.fields.sources')}
          rules={[
            {
              validator: (_r, v: string[] | undefined) =>
                (v?.length ?? 0) >= (form.getFieldValue('mode') === 'existing' ? 1 : 2)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.mergeSources'))),
            },
          ]}
        >
          <UnitSelect units={openUnits} multiple />
        </Form.Item>
        <Form.Item name="date" label={t('units.fields.operationDate')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={DATE_INPUT_FORMAT} />
        </Form.Item>
        <Form.Item name="mode" label={t('units.fields.mergeInto')}>
          <Radio.Group
            options={[
              { value: 'new', label: t('units.mergeIntoNew') },
              { value: 'existing', label: t('units.mergeIntoExisting') },
            ]}
          />
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item
            name={['into', 'existingId']}
            label={t('units.fields.existingUnit')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <UnitSelect units={openUnits} exclude={sourceIds} />
          </Form.Item>
        ) : (
          <NewUnitFields prefix={['into']} units={openUnits} />
        )}
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
