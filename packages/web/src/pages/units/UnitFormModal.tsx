import { useState } from 'react';
import { App as AntApp, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCreateUnit, useUnitTypes, useUpdateUnit } from '../../api/hooks';
import { isApiError } from '../../api/client';
import type { Unit } from '../../api/types';
import { SaveError } from '../../components/errors';
import { ConflictNotice } from '../../components/ConflictNotice';
import { applyServerErrors } from '../../lib/forms';
import { DATE_INPUT_FORMAT } from '../../format';
import { UnitSelect } from './UnitSelect';

interface Values {
  code: string;
  name: string;
  shortName?: string;
  typeCode: string;
  parentId: string | null;
  validFrom: Dayjs;
  reason?: string;
}

type Props =
  /** parentRequired: an organisation's administrator places a new unit under one of its own (`units`). */
  | { mode: 'create'; units: Unit[]; defaultParentId?: string; parentRequired?: boolean; onClose: () => void; onSaved: (u: Unit) => void; unit?: undefined }
  | { mode: 'edit'; unit: Unit; units: Unit[]; onClose: () => void; onSaved: (u: Unit) => void; defaultParentId?: undefined; parentRequired?: undefined };

const FIELDS = ['code', 'name', 'shortName', 'typeCode', 'parentId', 'validFrom', 'reason'];

export function UnitFormModal(props: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const types = useUnitTypes();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const [version, setVersion] = useState(props.unit?.version ?? 0);
  const [conflict, setConflict] = useState<Unit | null>(null);
  const editing = props.mode === 'edit';
  const pending = create.isPending || update.isPending;

  const initial: Partial<Values> = editing
    ? {
        name: props.unit.name,
        shortName: props.unit.shortName ?? '',
        typeCode: props.unit.typeCode,
        parentId: props.unit.parentId,
      }
    : { parentId: props.defaultParentId ?? null, validFrom: dayjs() };

  const onError = (e: unknown) => {
    setError(e);
    if (isApiError(e) && e.status === 409 && e.code === 'CONFLICT') {
      const current = e.details[0]?.current as Unit | undefined;
      if (current) setConflict(current);
      setExtra([]);
      return;
    }
    setExtra(applyServerErrors(form, e, FIELDS));
  };

  const submit = (v: Values, withVersion = version) => {
    setError(null);
    if (props.mode === 'create') {
      create.mutate(
        {
          code: v.code.trim(),
          name: v.name.trim(),
          shortName: v.shortName?.trim() || undefined,
          typeCode: v.typeCode,
          parentId: v.parentId ?? null,
          validFrom: v.validFrom.format('YYYY-MM-DD'),
        },
        {
          onSuccess: (u) => {
            void message.success(t('units.saved', { name: u.name }));
            props.onSaved(u);
          },
          onError,
        },
      );
    } else {
      update.mutate(
        {
          id: props.unit.id,
          version: withVersion,
          name: v.name.trim(),
          shortName: v.shortName?.trim() || null,
          typeCode: v.typeCode,
          parentId: v.parentId ?? null,
          reason: v.reason?.trim() || undefined,
        },
        {
          onSuccess: (u) => {
            void message.success(t('units.saved', { name: u.name }));
            props.onSaved(u);
          },
          onError,
        },
      );
    }
  };

  const reapply = () => {
    if (!conflict) return;
    setVersion(conflict.version);
    setConflict(null);
    submit(form.getFieldsValue(true) as Values, conflict.version);
  };

  const useCurrent = () => {
    if (!conflict) return;
    setVersion(conflict.version);
    form.setFieldsValue({
      name: conflict.name,
      shortName: conflict.shortName ?? '',
      typeCode: conflict.typeCode,
      parentId: conflict.parentId,
    });
    setConflict(null);
    setError(null);
  };

  const parentName = (id: string | null) => (id ? (props.units.find((u) => u.id === id)?.name ?? id) : '—');

  return (
    <Modal
      open
      title={editing ? t('units.editTitle', { name: props.unit.name }) : t('units.createTitle')}
      onCancel={props.onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={pending}
      okButtonProps={{ disabled: !!conflict }}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      {conflict ? (
        <ConflictNotice
          current={[
            [t('units.fields.name'), conflict.name],
            [t('units.fields.shortName'), conflict.shortName || '—'],
            [t('units.fields.type'), conflict.typeName],
            [t('units.fields.parent'), parentName(conflict.parentId)],
          ]}
          onReapply={reapply}
          onUseCurrent={useCurrent}
        />
      ) : (
        <SaveError error={error} extra={extra} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => submit(v)} disabled={pending}>
        {!editing && (
          <Form.Item
            name="code"
            label={t('units.fields.code')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input autoFocus maxLength={50} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('units.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input autoFocus={editing} maxLength={300} />
        </Form.Item>
        <Form.Item name="shortName" label={t('units.fields.shortName')}>
          <Input maxLength={150} />
        </Form.Item>
        <Form.Item name="typeCode" label={t('units.fields.type')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            loading={types.isPending}
            options={(types.data?.items ?? []).map((ty) => ({ value: ty.code, label: ty.name }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.fields.parent')} rules={props.parentRequired ? [{ required: true, message: t('validation.required') }] : []}>
          <UnitSelect units={props.units} allowClear={!props.parentRequired} exclude={editing ? [props.unit.id] : undefined} />
        </Form.Item>
        {!editing && (
          <Form.Item name="validFrom" label={t('units.fields.validFrom')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker format={DATE_INPUT_FORMAT} />
          </Form.Item>
        )}
        {editing && (
          <Form.Item name="reason" label={t('common.reason')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
