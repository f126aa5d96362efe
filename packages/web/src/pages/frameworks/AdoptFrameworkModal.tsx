import { useCallback, useEffect, useRef } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useAdoptFramework, type FrameworkSummary } from '../../api/frameworks';
import { useMe, useUnit, useUnits } from '../../api/hooks';
import { SaveError } from '../../components/errors';
import { UnitSelect } from '../units/UnitSelect';
import { openCreatedFramework, useFwT } from './parts';
import { adoptDefaults, ownerShortName } from './adopt-defaults';

interface Values {
  versionId: string;
  ownerUnitId?: string;
  year: number;
  groupLabel: string;
  name: string;
}

/**
 * “Copy to my organisation” (issue 10 §2): an organisation's administrator starts its own framework
 * from the province's template — a draft copy of one published version, owned by its scope unit,
 * to which it then adds its own criteria. The province's administrator names the organising unit.
 */
export function AdoptFrameworkModal({
  framework, onClose, onAdopted,
}: { framework: FrameworkSummary; onClose: () => void; onAdopted: (versionId: string) => void }) {
  const { t } = useFwT();
  const me = useMe();
  const scope = me?.scope ?? null;
  const units = useUnits({}, scope === null);
  const scopeUnit = useUnit(scope?.id);
  const [form] = Form.useForm<Values>();
  // The copy is named after its owner (the scoped administrator's unit, or the unit the province's
  // administrator picks): a field still holding the last default follows the owner; one the person
  // edited stays as it is.
  const owned = (owner: { name: string; shortName?: string | null }) => adoptDefaults(framework.name, ownerShortName(owner), t);
  const scopeDefaults = scope ? owned(scopeUnit.data ?? scope) : null;
  const defaultName = scopeDefaults?.name ?? framework.name;
  const defaultGroup = scopeDefaults?.groupLabel ?? framework.groupLabel;
  const lastDefaults = useRef({ name: defaultName, groupLabel: defaultGroup });
  const follow = useCallback((next: { name: string; groupLabel: string }) => {
    for (const f of ['name', 'groupLabel'] as const) if (form.getFieldValue(f) === lastDefaults.current[f]) form.setFieldValue(f, next[f]);
    lastDefaults.current = next;
  }, [form]);
  // Again once the scope unit's short name is known.
  useEffect(() => follow({ name: defaultName, groupLabel: defaultGroup }), [follow, defaultName, defaultGroup]);
  const ownerPicked = (id: string) => {
    const u = units.data?.items.find((x) => x.id === id);
    if (u) follow(owned(u));
  };
  const adopt = useAdoptFramework();
  const published = [...framework.versions].filter((v) => v.status === 'published').sort((a, b) => b.number - a.number);
  const submit = (v: Values) =>
    adopt.mutate(
      {
        id: framework.id,
        versionId: v.versionId,
        ownerUnitId: scope ? undefined : v.ownerUnitId,
        year: v.year,
        groupLabel: v.groupLabel.trim(),
        name: v.name.trim(),
      },
      openCreatedFramework(form, onClose, onAdopted),
    );
  return (
    <Modal
      open
      title={t('adopt.title', { name: framework.name })}
      okText={t('adopt.ok')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: published.length === 0 }}
      confirmLoading={adopt.isPending}
      maskClosable={false}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph>{scope ? t('adopt.text', { owner: scope.name }) : t('adopt.textProvince')}</Typography.Paragraph>
      {published.length === 0 && <Alert type="warning" showIcon title={t('adopt.noPublished')} style={{ marginBottom: 16 }} />}
      <SaveError error={adopt.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ versionId: published[0]?.id, year: framework.year, groupLabel: defaultGroup, name: defaultName }}
      >
        <Form.Item name="versionId" label={t('adopt.version')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={published.map((v) => ({ value: v.id, label: t('library.versionN', { number: v.number }) }))} />
        </Form.Item>
        {!scope && (
          <Form.Item name="ownerUnitId" label={t('adopt.owner')} rules={[{ required: true, message: t('validation.required') }]}>
            <UnitSelect units={(units.data?.items ?? []).filter((u) => !u.validTo)} aria-label={t('adopt.owner')}
              onChange={(v) => typeof v === 'string' && ownerPicked(v)} />
          </Form.Item>
        )}
        <Form.Item name="year" label={t('library.year')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={2000} max={2999} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="groupLabel" label={t('library.group')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="name" label={t('library.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
