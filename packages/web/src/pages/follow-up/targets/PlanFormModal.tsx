/**
 * A resolution or plan with targets (the administrator): code, name, number, period when new; its name
 * and number afterwards (a change made meanwhile by someone else shows the conflict).
 */
import { useState } from 'react';
import { App as AntApp, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { isApiError } from '../../../api/client';
import { useCreateTargetPlan, useUpdateTargetPlan, type TargetPlanDetail } from '../../../api/targets';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { SaveError } from '../../../components/errors';
import { applyServerErrors } from '../../../lib/forms';
import { useTargetsT } from './i18n';

interface Values {
  code: string;
  name: string;
  documentNumber?: string;
  startYear: number;
  endYear: number;
}

const FIELDS = ['code', 'name', 'documentNumber', 'startYear', 'endYear'];

export function PlanFormModal({ plan, onCreated, onClose }: { plan?: TargetPlanDetail; onCreated: (plan: TargetPlanDetail) => void; onClose: () => void }) {
  const { t } = useTargetsT();
  const { message } = AntApp.useApp();
  const create = useCreateTargetPlan();
  const update = useUpdateTargetPlan(plan?.id ?? '');
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const [version, setVersion] = useState(plan?.version ?? 0);
  const [conflict, setConflict] = useState<TargetPlanDetail | null>(null);
  const required = [{ required: true, whitespace: true, message: t('entry.required') }];
  const thisYear = new Date().getFullYear();
  const onError = (e: unknown) => {
    if (plan && isApiError(e) && e.status === 409 && e.code === 'CONFLICT') {
      setConflict((e.details[0]?.current as TargetPlanDetail | undefined) ?? null);
      setExtra([]);
      return;
    }
    setExtra(applyServerErrors(form, e, FIELDS));
  };
  const onSaved = (text: string) => (saved: TargetPlanDetail) => {
    void message.success(text);
    onCreated(saved);
  };
  const submit = (v: Values, withVersion = version) => {
    const documentNumber = v.documentNumber?.trim() || undefined;
    if (plan) update.mutate({ version: withVersion, name: v.name, documentNumber: documentNumber ?? '' }, { onSuccess: onSaved(t('planForm.saved')), onError });
    else create.mutate({ ...v, documentNumber }, { onSuccess: onSaved(t('planForm.created')), onError });
  };
  const settle = (current: TargetPlanDetail, reapply: boolean) => {
    setVersion(current.version);
    setConflict(null);
    if (reapply) submit(form.getFieldsValue(true) as Values, current.version);
    else form.setFieldsValue({ name: current.name, documentNumber: current.documentNumber ?? '' });
  };
  return (
    <Modal open title={plan ? t('planForm.editTitle') : t('planForm.title')} onCancel={onClose} onOk={() => form.submit()} okText={plan ? t('targetForm.save') : t('planForm.save')} cancelText={t('planForm.cancel')}
      confirmLoading={create.isPending || update.isPending} okButtonProps={{ disabled: !!conflict }} width={640} destroyOnHidden>
      <SaveError error={conflict ? null : (create.error ?? update.error)} extra={extra} />
      {conflict && (
        <ConflictNotice
          current={[[t('planForm.name'), conflict.name], [t('planForm.documentNumber'), conflict.documentNumber ?? '—']]}
          onReapply={() => settle(conflict, true)}
          onUseCurrent={() => settle(conflict, false)}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => submit(v)}
        initialValues={plan ? { code: plan.code, name: plan.name, documentNumber: plan.documentNumber ?? '', startYear: plan.startYear, endYear: plan.endYear } : { startYear: thisYear, endYear: thisYear + 5 }}>
        <Form.Item name="name" label={t('planForm.name')} rules={required}><Input maxLength={500} placeholder={t('planForm.nameHint')} /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}><Form.Item name="code" label={t('planForm.code')} rules={required}><Input maxLength={50} placeholder="NQ-CCHC-2026-2030" disabled={!!plan} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="documentNumber" label={t('planForm.documentNumber')}><Input maxLength={100} placeholder="60-NQ/TU" /></Form.Item></Col>
          <Col xs={12}><Form.Item name="startYear" label={t('planForm.startYear')} rules={[{ required: true, message: t('entry.required') }]}><InputNumber min={2000} max={2100} style={{ width: '100%' }} disabled={!!plan} /></Form.Item></Col>
          <Col xs={12}><Form.Item name="endYear" label={t('planForm.endYear')} rules={[{ required: true, message: t('entry.required') }]} extra={plan ? t('planForm.yearsFixed') : undefined}><InputNumber min={2000} max={2100} style={{ width: '100%' }} disabled={!!plan} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
