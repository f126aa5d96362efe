/** A new resolution or plan with targets (the administrator): code, name, number, period; its targets then come from a file. */
import { useState } from 'react';
import { App as AntApp, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useCreateTargetPlan, type TargetPlanDetail } from '../../../api/targets';
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

export function PlanFormModal({ onCreated, onClose }: { onCreated: (plan: TargetPlanDetail) => void; onClose: () => void }) {
  const { t } = useTargetsT();
  const { message } = AntApp.useApp();
  const create = useCreateTargetPlan();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const required = [{ required: true, whitespace: true, message: t('entry.required') }];
  const thisYear = new Date().getFullYear();
  const onFinish = (v: Values) =>
    create.mutate({ ...v, documentNumber: v.documentNumber?.trim() || undefined }, {
      onSuccess: (plan) => {
        void message.success(t('planForm.created'));
        onCreated(plan);
      },
      onError: (e) => setExtra(applyServerErrors(form, e, FIELDS)),
    });
  return (
    <Modal open title={t('planForm.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('planForm.save')} cancelText={t('planForm.cancel')}
      confirmLoading={create.isPending} width={640} destroyOnHidden>
      <SaveError error={create.error} extra={extra} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ startYear: thisYear, endYear: thisYear + 5 }}>
        <Form.Item name="name" label={t('planForm.name')} rules={required}><Input maxLength={500} placeholder={t('planForm.nameHint')} /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}><Form.Item name="code" label={t('planForm.code')} rules={required}><Input maxLength={50} placeholder="NQ-CCHC-2026-2030" /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="documentNumber" label={t('planForm.documentNumber')}><Input maxLength={100} placeholder="60-NQ/TU" /></Form.Item></Col>
          <Col xs={12}><Form.Item name="startYear" label={t('planForm.startYear')} rules={[{ required: true, message: t('entry.required') }]}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12}><Form.Item name="endYear" label={t('planForm.endYear')} rules={[{ required: true, message: t('entry.required') }]}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
