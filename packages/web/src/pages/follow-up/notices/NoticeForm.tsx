/** The notice's form (record a new one, or edit it): number, date, who chaired, subject, conclusions, year. */
import { useState } from 'react';
import { App as AntApp, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useCreateNotice, useUpdateNotice, type Notice } from '../../../api/follow-up-tasks';
import { SaveError } from '../../../components/errors';
import { applyServerErrors } from '../../../lib/forms';
import { todayIso } from '../../../format';
import { DayPicker } from '../../cycles/parts';
import { useNoticesT } from './i18n';

interface Values {
  number: string;
  issuedOn: string;
  chairedBy: string;
  title: string;
  body?: string;
  year: number;
}

const FIELDS = ['number', 'issuedOn', 'chairedBy', 'title', 'body', 'year'];

export function NoticeFormModal({ notice, onClose }: { notice?: Notice; onClose: () => void }) {
  const { t } = useNoticesT();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const create = useCreateNotice();
  const update = useUpdateNotice();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const pending = create.isPending || update.isPending;
  const required = [{ required: true, whitespace: true, message: t('form.required') }];

  const onFinish = (v: Values) => {
    const body = { ...v, body: v.body?.trim() || undefined };
    const onError = (e: unknown) => setExtra(applyServerErrors(form, e, FIELDS));
    if (notice) {
      update.mutate({ id: notice.id, version: notice.version, ...body }, {
        onSuccess: () => {
          void message.success(t('form.saved'));
          onClose();
        },
        onError,
      });
    } else {
      create.mutate(body, {
        onSuccess: (n) => {
          void message.success(t('form.created'));
          onClose();
          void navigate({ to: '/follow-up/notices/$noticeId', params: { noticeId: n.id } });
        },
        onError,
      });
    }
  };

  return (
    <Modal open title={notice ? t('form.editTitle') : t('form.createTitle')} onCancel={onClose} onOk={() => form.submit()}
      okText={t('form.save')} cancelText={t('form.cancel')} confirmLoading={pending} width={720} destroyOnHidden>
      <SaveError error={create.error ?? update.error} extra={extra} />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}
        initialValues={notice
          ? { number: notice.number, issuedOn: notice.issuedOn, chairedBy: notice.chairedBy, title: notice.title, body: notice.body ?? '', year: notice.year }
          : { issuedOn: todayIso(), year: new Date().getFullYear() - 1 }}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="number" label={t('form.number')} rules={required}>
              <Input placeholder="125/TB-UBND" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="issuedOn" label={t('form.issuedOn')} rules={[{ required: true, message: t('form.required') }]}>
              <DayPicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="year" label={t('form.year')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="chairedBy" label={t('form.chairedBy')} rules={required}>
          <Input placeholder={t('form.chairedByHint')} maxLength={300} />
        </Form.Item>
        <Form.Item name="title" label={t('form.title')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="body" label={t('form.body')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
