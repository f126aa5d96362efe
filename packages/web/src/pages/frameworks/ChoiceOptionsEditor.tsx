import { Button, Col, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type DocOption, withNewOption } from './model';
import type { FieldErrors } from './FormField';
import { DecimalInput, useFwT } from './parts';

/** A choice rule's options: key, label and points of each. */
export function ChoiceOptionsEditor({ options, readOnly, errorsFor, onChange }: {
  options: DocOption[]; readOnly: boolean; errorsFor: FieldErrors; onChange: (options: DocOption[]) => void;
}) {
  const { t } = useFwT();
  const setOpt = (i: number, patch: Partial<DocOption>) => onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const status = (i: number, f: keyof DocOption) => (errorsFor(`rule.options[${i}].${f}`).length ? 'error' : undefined);
  return (
    <div role="group" aria-label={t('rule.options')}>
      <Typography.Text strong>{t('rule.options')}</Typography.Text>
      {options.map((o, i) => (
        <Row gutter={8} key={i} align="top" style={{ marginTop: 8 }}>
          <Col span={6}>
            <Input aria-label={t('rule.optionKey', { n: i + 1 })} value={o.key} disabled={readOnly} placeholder={t('rule.key')}
              status={status(i, 'key')} onChange={(e) => setOpt(i, { key: e.target.value })} />
          </Col>
          <Col span={11}>
            <Input aria-label={t('rule.optionLabel', { n: i + 1 })} value={o.label} disabled={readOnly} placeholder={t('rule.label')}
              status={status(i, 'label')} onChange={(e) => setOpt(i, { label: e.target.value })} />
          </Col>
          <Col span={5}>
            <DecimalInput aria-label={t('rule.optionPoints', { n: i + 1 })} value={o.points} disabled={readOnly}
              status={status(i, 'points')} onChange={(v) => setOpt(i, { points: v })} />
          </Col>
          <Col span={2}>
            {!readOnly && (
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('rule.removeOption', { n: i + 1 })}
                onClick={() => onChange(options.filter((_, j) => j !== i))} />
            )}
          </Col>
        </Row>
      ))}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => onChange(withNewOption(options))}>
          {t('rule.addOption')}
        </Button>
      )}
    </div>
  );
}
