import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App as AntApp, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useSaveExternalEdition, type ExternalIndexDetail } from '../../../api/external-indices';
import { SaveError } from '../../../components/errors';
import { formatDecimal } from '../../../format';
import { useExternalT } from './i18n';

interface FormValues {
  maxValue: string;
  rankOf: number | null;
  note: string;
  components: { key: string; name: string; maxPoints: string }[];
}

/** The administrator edits a year's edition (components, maxima, number ranked) or starts the next year from the latest. */
export function EditionModal({ index, onClose }: { index: ExternalIndexDetail; onClose: () => void }) {
  const { t } = useExternalT();
  const { t: tc } = useTranslation();
  const { message } = AntApp.useApp();
  const save = useSaveExternalEdition(index.key);
  const latest = index.editions.at(-1);
  const nextYear = (latest?.year ?? new Date().getFullYear() - 1) + 1;
  const [year, setYear] = useState(latest?.year ?? nextYear);
  const edition = index.editions.find((e) => e.year === year);
  const [form] = Form.useForm<FormValues>();
  const source = edition ?? latest;
  const initial = useMemo<FormValues>(() => ({
    maxValue: source?.maxValue ? formatDecimal(source.maxValue, {}) : '',
    rankOf: source?.rankOf ?? null,
    note: edition?.note ?? '',
    components: (source?.components ?? []).map((c) => ({ key: c.key, name: c.name, maxPoints: c.maxPoints ? formatDecimal(c.maxPoints, {}) : '' })),
  }), [source, edition]);
  useEffect(() => form.setFieldsValue(initial), [form, initial]);

  const submit = async (v: FormValues) => {
    await save.mutateAsync({
      year,
      body: {
        components: v.components.map((c) => ({ key: c.key, name: c.name, maxPoints: c.maxPoints?.trim() ? c.maxPoints.trim() : null })),
        maxValue: v.maxValue?.trim() ? v.maxValue.trim() : null, rankOf: v.rankOf ?? null, note: v.note?.trim() ? v.note.trim() : null,
        ...(edition ? { version: edition.version } : {}),
      },
    });
    void message.success(t('saved', { year }));
    onClose();
  };

  return (
    <Modal open title={t('editionTitle', { label: index.label })} onCancel={onClose} width={760} destroyOnHidden maskClosable={false}
      footer={<Space><Button onClick={onClose}>{tc('common.cancel')}</Button><Button type="primary" loading={save.isPending} onClick={() => form.submit()}>{t('save')}</Button></Space>}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v).catch(() => undefined)}>
        <Form.Item label={t('editionYear')}>
          <Select
            value={year}
            onChange={setYear}
            options={[...index.editions.map((e) => ({ value: e.year, label: String(e.year) })), ...(index.editions.some((e) => e.year === nextYear) ? [] : [{ value: nextYear, label: t('editionNew', { year: nextYear }) }])]}
            style={{ maxWidth: 200 }}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="maxValue" label={t('editionMax')}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="rankOf" label={t('editionRankOf')}><InputNumber min={1} max={1000} style={{ width: 160 }} /></Form.Item>
        </Space>
        <Form.List name="components">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: t('componentKey') }]}><Input placeholder={t('componentKey')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('componentName') }]}><Input placeholder={t('componentName')} style={{ width: 360, maxWidth: '70vw' }} /></Form.Item>
                  <Form.Item name={[f.name, 'maxPoints']}><Input placeholder={t('maxPoints')} style={{ width: 90 }} /></Form.Item>
                  <Button aria-label={t('remove')} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', maxPoints: '' })}>{t('addComponent')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('editionNote')} style={{ marginTop: 16 }}><Input.TextArea rows={2} /></Form.Item>
      </Form>
      {save.error != null && <SaveError error={save.error} />}
    </Modal>
  );
}
