import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App as AntApp, Button, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useUnits } from '../../../api/hooks';
import { useAddComponentLink, useRemoveComponentLink, type ExternalComponentLinkView } from '../../../api/external-indices';
import { SaveError } from '../../../components/errors';
import { UnitSelect } from '../../units/UnitSelect';
import { useExternalT } from './i18n';

interface FormValues {
  unitId?: string;
  programCode?: string;
  nodeKey?: string;
  label?: string;
  note?: string;
}

/** The administrator links a component to a responsible unit or a criterion (program + node key), or removes a link. */
export function LinkModal({ indexKey, component, links, onClose }: {
  indexKey: string;
  component: { key: string; name: string };
  links: readonly ExternalComponentLinkView[];
  onClose: () => void;
}) {
  const { t } = useExternalT();
  const { t: tc } = useTranslation();
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<'unit' | 'criterion'>('unit');
  const [form] = Form.useForm<FormValues>();
  const units = useUnits({});
  const add = useAddComponentLink(indexKey);
  const remove = useRemoveComponentLink(indexKey);
  const own = links.filter((l) => l.componentKey === component.key && l.kind !== 'task');

  const submit = async (v: FormValues) => {
    await add.mutateAsync(kind === 'unit'
      ? { kind, componentKey: component.key, unitId: v.unitId!, note: v.note || undefined }
      : { kind, componentKey: component.key, programCode: v.programCode!.trim(), nodeKey: v.nodeKey!.trim(), label: v.label?.trim() || undefined, note: v.note || undefined });
    void message.success(t('linkSaved'));
    form.resetFields();
  };

  return (
    <Modal open title={t('linkTitle', { name: component.name })} onCancel={onClose} destroyOnHidden width={640}
      footer={<Space><Button onClick={onClose}>{tc('common.cancel')}</Button><Button type="primary" loading={add.isPending} onClick={() => form.submit()}>{t('linkAdd')}</Button></Space>}>
      {own.length > 0 && (
        <Space size={[4, 4]} wrap style={{ marginBottom: 16 }}>
          {own.map((l) => (
            <Tag key={l.id} closable closeIcon={<span aria-label={t('remove')}>×</span>} onClose={(e) => { e.preventDefault(); void remove.mutateAsync(l.id); }} style={{ whiteSpace: 'normal' }}>
              {l.kind === 'unit' ? `${t('linkUnit')}: ${l.unit?.name ?? ''}` : `${t('linkCriterion')}: ${l.label ?? l.nodeKey}`}
            </Tag>
          ))}
        </Space>
      )}
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as 'unit' | 'criterion')} style={{ marginBottom: 16 }}
        options={[{ value: 'unit', label: t('linkUnit') }, { value: 'criterion', label: t('linkCriterion') }]} optionType="button" />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v).catch(() => undefined)}>
        {kind === 'unit' ? (
          <Form.Item name="unitId" label={t('linkUnit')} rules={[{ required: true, message: t('linkUnit') }]}>
            <UnitSelect units={units.data?.items ?? []} aria-label={t('linkUnit')} />
          </Form.Item>
        ) : (
          <>
            <Space wrap>
              <Form.Item name="programCode" label={t('linkProgram')} initialValue="par-index" rules={[{ required: true }]}><Input style={{ width: 160 }} /></Form.Item>
              <Form.Item name="nodeKey" label={t('linkNodeKey')} rules={[{ required: true }]}><Input style={{ width: 260 }} /></Form.Item>
            </Space>
            <Form.Item name="label" label={t('linkLabel')}><Input /></Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('editionNote')}><Input /></Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('linkTasksHint')}</Typography.Paragraph>
      {(add.error ?? remove.error) != null && <SaveError error={add.error ?? remove.error} />}
    </Modal>
  );
}
