/**
 * One target of a plan, added or changed by the plan's administrator: its number, content, kind,
 * baseline, a milestone per year of the plan, final value, responsible unit and source. Figures are
 * typed the Vietnamese way ("52,5"); a change made meanwhile by someone else shows the conflict; a
 * target is deleted with a reason.
 */
import { useState } from 'react';
import { App as AntApp, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { TargetDirection, TargetMeasure, TargetSource } from '@chiso/core';
import { isApiError } from '../../../api/client';
import { useExternalIndices } from '../../../api/external-indices';
import { useCreateTarget, useDeleteTarget, useUpdateTarget, type NewTarget, type TargetPlanDetail, type TargetView } from '../../../api/targets';
import { ConflictNotice } from '../../../components/ConflictNotice';
import { SaveError } from '../../../components/errors';
import { applyServerErrors } from '../../../lib/forms';
import { DecimalInput } from '../../frameworks/parts';
import { UnitSelect } from '../tasks/parts';
import { useFigure } from './parts';
import { useTargetsT } from './i18n';

interface Values {
  code: string;
  name: string;
  measure: TargetMeasure;
  unitLabel?: string;
  direction: TargetDirection;
  baselineValue?: string;
  baselineYear?: number | null;
  /** A milestone per year of the plan (plain decimal text; empty: none). */
  milestones?: Record<string, string | undefined>;
  finalValue?: string;
  responsibleUnitId?: string | null;
  source: TargetSource;
  sourceNote?: string;
  sourceIndexKey?: string | null;
  sourceFigure?: 'value' | 'rank' | null;
}

const FIELDS = ['code', 'name', 'measure', 'unitLabel', 'direction', 'baselineValue', 'baselineYear', 'finalValue', 'responsibleUnitId', 'source', 'sourceNote', 'sourceIndexKey', 'sourceFigure'];
const MEASURES: TargetMeasure[] = ['rate', 'count', 'rank', 'index'];
const SOURCES: TargetSource[] = ['entered', 'imported', 'chiso'];

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** The form's values of a stored target. */
function valuesOf(target: TargetView): Values {
  return {
    code: target.code, name: target.name, measure: target.measure, unitLabel: target.unitLabel, direction: target.direction,
    baselineValue: target.baselineValue ?? undefined, baselineYear: target.baselineYear, finalValue: target.finalValue ?? undefined,
    // The end year's milestone falls back to the final value: only the years' own are the target's milestones.
    milestones: Object.fromEntries(target.years.filter((y) => y.milestone !== null && !(y.year === target.years.at(-1)?.year && y.milestone === target.finalValue)).map((y) => [String(y.year), y.milestone!])),
    responsibleUnitId: target.responsibleUnit?.id ?? null, source: target.source, sourceNote: target.sourceNote ?? undefined,
    sourceIndexKey: target.sourceIndexKey, sourceFigure: target.sourceFigure,
  };
}

/** The request body of the form's values. */
function bodyOf(v: Values, years: number[]): NewTarget {
  const chiso = v.source === 'chiso';
  return {
    code: v.code.trim(), name: v.name.trim(), measure: v.measure, unitLabel: v.unitLabel?.trim() ?? '', direction: v.direction,
    baselineValue: blank(v.baselineValue), baselineYear: v.baselineYear ?? null, finalValue: blank(v.finalValue),
    milestones: years.flatMap((year) => {
      const value = blank(v.milestones?.[String(year)]);
      return value === null ? [] : [{ year, value }];
    }),
    responsibleUnitId: v.responsibleUnitId ?? null, source: v.source, sourceNote: v.sourceNote?.trim() || undefined,
    sourceIndexKey: chiso ? (v.sourceIndexKey ?? null) : null, sourceFigure: chiso ? (v.sourceFigure ?? null) : null,
  };
}

export function TargetFormModal({ plan, target, onClose }: { plan: TargetPlanDetail; target?: TargetView; onClose: () => void }) {
  const { t } = useTargetsT();
  const { message } = AntApp.useApp();
  const figure = useFigure();
  const create = useCreateTarget(plan.id);
  const update = useUpdateTarget();
  const remove = useDeleteTarget();
  const indices = useExternalIndices();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const [version, setVersion] = useState(target?.version ?? 0);
  const [conflict, setConflict] = useState<TargetView | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [reason, setReason] = useState('');
  const source = Form.useWatch('source', form);
  const years = Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
  const required = [{ required: true, whitespace: true, message: t('entry.required') }];
  const pending = create.isPending || update.isPending || remove.isPending;
  const error = create.error ?? update.error ?? remove.error;

  const onError = (e: unknown) => {
    if (isApiError(e) && e.status === 409 && e.code === 'CONFLICT' && target) {
      const current = (e.details[0]?.current as TargetPlanDetail | undefined)?.targets.find((x) => x.id === target.id);
      if (current) setConflict(current);
      setExtra([]);
      return;
    }
    setExtra(applyServerErrors(form, e, FIELDS));
  };
  const done = (text: string) => {
    void message.success(text);
    onClose();
  };
  const submit = (v: Values, withVersion = version) => {
    const body = bodyOf(v, years);
    if (target) update.mutate({ ...body, id: target.id, version: withVersion }, { onSuccess: () => done(t('targetForm.saved', { code: body.code })), onError });
    else create.mutate(body, { onSuccess: () => done(t('targetForm.added', { code: body.code })), onError });
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
    form.resetFields();
    form.setFieldsValue(valuesOf(conflict));
    setConflict(null);
  };
  const confirmDelete = () => {
    if (!target) return;
    remove.mutate({ id: target.id, version, reason: reason.trim() }, { onSuccess: () => done(t('targetForm.deleted', { code: target.code })), onError });
  };

  const footer = (
    <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
      {target ? <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)} disabled={deleting || !!conflict}>{t('targetForm.delete')}</Button> : <span />}
      <Space wrap>
        <Button onClick={onClose}>{t('planForm.cancel')}</Button>
        <Button type="primary" loading={create.isPending || update.isPending} disabled={!!conflict || deleting} onClick={() => form.submit()}>{target ? t('targetForm.save') : t('targetForm.add')}</Button>
      </Space>
    </Space>
  );

  return (
    <Modal open title={target ? t('targetForm.editTitle', { code: target.code }) : t('targetForm.title')} onCancel={onClose} footer={footer} width={760} destroyOnHidden>
      <SaveError error={conflict ? null : error} extra={extra} />
      {conflict && (
        <ConflictNotice
          current={[
            [t('targetForm.code'), conflict.code],
            [t('targetForm.name'), conflict.name],
            [t('targetForm.finalValue'), figure(conflict.finalValue, conflict)],
            [t('columns.unit'), conflict.responsibleUnit?.name ?? '—'],
          ]}
          onReapply={reapply}
          onUseCurrent={useCurrent}
        />
      )}
      {deleting && target && (
        <div style={{ marginBottom: 16 }} data-testid="target-delete">
          <Typography.Paragraph strong>{t('targetForm.deleteText', { code: target.code })}</Typography.Paragraph>
          <Input.TextArea rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('targetForm.deleteReason')} aria-label={t('targetForm.deleteReason')} />
          <Space wrap style={{ marginTop: 8 }}>
            <Button danger type="primary" loading={remove.isPending} disabled={reason.trim() === ''} onClick={confirmDelete}>{t('targetForm.confirmDelete')}</Button>
            <Button onClick={() => setDeleting(false)}>{t('planForm.cancel')}</Button>
          </Space>
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={pending || deleting}
        onFinish={(v) => submit(v)}
        initialValues={target ? valuesOf(target) : { measure: 'rate', unitLabel: '%', direction: 'higher', source: 'entered', milestones: {} }}
        onValuesChange={(changed: Partial<Values>) => {
          // A rank is better when lower; the others when higher (the administrator may still choose).
          if (changed.measure) form.setFieldValue('direction', changed.measure === 'rank' ? 'lower' : 'higher');
        }}
        data-testid="target-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={6}><Form.Item name="code" label={t('targetForm.code')} rules={required}><Input maxLength={20} placeholder="1" /></Form.Item></Col>
          <Col xs={24} sm={18}><Form.Item name="name" label={t('targetForm.name')} rules={required}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} /></Form.Item></Col>
          <Col xs={12} sm={8}>
            <Form.Item name="measure" label={t('kind')} rules={[{ required: true, message: t('entry.required') }]}>
              <Select options={MEASURES.map((m) => ({ value: m, label: t(`measure.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="direction" label={t('targetForm.direction')} rules={[{ required: true, message: t('entry.required') }]}>
              <Select options={(['higher', 'lower'] as const).map((d) => ({ value: d, label: t(`direction.${d}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}><Form.Item name="unitLabel" label={t('targetForm.unitLabel')}><Input maxLength={50} placeholder={t('targetForm.unitLabelHint')} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="baselineValue" label={t('targetForm.baselineValue')}><DecimalInput kind="quantity" value={undefined} onChange={() => undefined} placeholder={t('entry.valueHint')} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="baselineYear" label={t('targetForm.baselineYear')}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="finalValue" label={t('targetForm.finalValue')} extra={t('targetForm.finalHint', { year: plan.endYear })}><DecimalInput kind="quantity" value={undefined} onChange={() => undefined} /></Form.Item></Col>
        </Row>
        <Typography.Text strong>{t('targetForm.milestones')}</Typography.Text>
        <Row gutter={[12, 0]} style={{ marginTop: 8 }}>
          {years.map((year) => (
            <Col xs={8} sm={6} md={4} key={year}>
              <Form.Item name={['milestones', String(year)]} label={String(year)}><DecimalInput kind="quantity" value={undefined} onChange={() => undefined} aria-label={t('columns.milestone', { year })} /></Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="responsibleUnitId" label={t('columns.unit')}>
          <UnitSelect allowClear placeholder={t('targetForm.unitHint')} aria-label={t('columns.unit')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="source" label={t('columns.source')}>
              <Select options={SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}><Form.Item name="sourceNote" label={t('targetForm.sourceNote')}><Input maxLength={500} placeholder={t('targetForm.sourceNoteHint')} /></Form.Item></Col>
        </Row>
        {source === 'chiso' && (
          <Row gutter={16}>
            <Col xs={24} sm={16}>
              <Form.Item name="sourceIndexKey" label={t('targetForm.sourceIndex')} rules={[{ required: true, message: t('entry.required') }]}>
                <Select loading={indices.isLoading} showSearch={{ optionFilterProp: 'label' }} options={(indices.data ?? []).map((x) => ({ value: x.key, label: x.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="sourceFigure" label={t('targetForm.sourceFigure')}>
                <Select allowClear options={(['value', 'rank'] as const).map((f) => ({ value: f, label: t(`targetForm.figure.${f}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Modal>
  );
}
