/**
 * Creating a survey (its cycle, name, dates, thresholds) or changing it; the sample's seed is drawn
 * by the server and may be changed here while the survey is being prepared. A stale version shows
 * the stored values and lets the official re-apply their own.
 */
import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App as AntApp, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { SurveyDetail } from '@chiso/contract';
import { useCycles } from '../../../api/cycles';
import { isApiError } from '../../../api/client';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { SaveError } from '../../../components/errors';
import { DATE_INPUT_FORMAT, formatDate } from '../../../format';
import { useCreateSurvey, useUpdateSurvey } from '../api';
import { useSurveyT } from '../i18n';

interface Values {
  cycleId?: string;
  name: string;
  opensOn?: Dayjs | null;
  closesOn?: Dayjs | null;
  minSeconds?: number;
  personalDataDays?: number;
  seed?: number;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const valuesOf = (s: SurveyDetail): Values => ({
  name: s.name, opensOn: s.opensOn ? dayjs(s.opensOn) : null, closesOn: s.closesOn ? dayjs(s.closesOn) : null,
  minSeconds: s.minSeconds, personalDataDays: s.personalDataDays, seed: s.seed,
});

export function SurveyFormModal({ survey, cycleId, onClose, onSaved }: {
  /** The survey being changed; absent: a new one. */
  survey?: SurveyDetail;
  /** The cycle a new survey is proposed for. */
  cycleId?: string;
  onClose: () => void;
  onSaved: (survey: SurveyDetail) => void;
}) {
  const { t } = useSurveyT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const cycles = useCycles();
  const create = useCreateSurvey();
  const update = useUpdateSurvey(survey?.id ?? '');
  const [conflict, setConflict] = useState<SurveyDetail | null>(null);
  const [base, setBase] = useState(survey);
  const error = survey ? update.error : create.error;

  const save = async (v: Values) => {
    const common = { name: v.name, opensOn: day(v.opensOn), closesOn: day(v.closesOn), minSeconds: v.minSeconds, personalDataDays: v.personalDataDays };
    try {
      const saved = base
        ? await update.mutateAsync({ version: base.version, ...common, ...(base.status === 'draft' ? { seed: v.seed } : {}) })
        : await create.mutateAsync({ cycleId: v.cycleId!, ...common });
      void message.success(t(base ? 'form.saved' : 'form.created'));
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') setConflict(e.details[0]?.current as SurveyDetail);
    }
  };

  const open = (cycles.data?.items ?? []).filter((c) => c.origin === 'chiso' && c.status !== 'closed');
  return (
    <Modal open title={t(survey ? 'form.editTitle' : 'form.title')} onCancel={onClose} okText={t(survey ? 'form.saveChanges' : 'form.save')} cancelText={t('form.cancel')}
      onOk={() => form.submit()} confirmLoading={create.isPending || update.isPending} destroyOnHidden maskClosable={false}>
      {conflict && (
        <ConflictNotice
          current={[[t('form.name'), conflict.name], [t('form.opensOn'), formatDate(conflict.opensOn)], [t('form.closesOn'), formatDate(conflict.closesOn)], [t('form.seed'), conflict.seed]]}
          onReapply={() => { setBase(conflict); setConflict(null); form.submit(); }}
          onUseCurrent={() => { setBase(conflict); form.setFieldsValue(valuesOf(conflict)); setConflict(null); }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={survey ? valuesOf(survey) : { cycleId, minSeconds: 60, personalDataDays: 30 }}>
        {!survey && (
          <Form.Item name="cycleId" label={t('form.cycle')} rules={[{ required: true, message: t('form.cycleHint') }]}>
            <Select showSearch optionFilterProp="label" placeholder={t('form.cycleHint')} loading={cycles.isLoading} options={open.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('form.name')} rules={[{ required: true, whitespace: true, message: t('form.nameHint') }]}>
          <Input placeholder={t('form.nameHint')} maxLength={300} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="opensOn" label={t('form.opensOn')} style={{ flex: '1 1 160px' }}>
            <DatePicker format={DATE_INPUT_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="closesOn" label={t('form.closesOn')} style={{ flex: '1 1 160px' }}>
            <DatePicker format={DATE_INPUT_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="minSeconds" label={t('form.minSeconds')} extra={t('form.minSecondsHelp')}>
          <InputNumber min={0} max={3600} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="personalDataDays" label={t('form.personalDataDays')} extra={t('form.personalDataHelp')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {survey && (
          <Form.Item name="seed" label={t('form.seed')} extra={t('form.seedHelp')}>
            <InputNumber min={1} max={2147483647} precision={0} style={{ width: 200 }} disabled={survey.status !== 'draft'} />
          </Form.Item>
        )}
      </Form>
      {error != null && !conflict && <SaveError error={error} />}
    </Modal>
  );
}
