import { Alert, Card, Checkbox, Col, Radio, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import { formatPoints, formatPointsFigure, parsePoints } from '@chiso/core';
import { type Doc, type DocNode, type PreviewInput, previewLeaf } from './model';
import { DecimalInput } from './parts';
import { useFwT } from './parts';

/** Sample inputs for one leaf and the points the core computes from them, as they are typed. */
export function LivePreview({ doc, node, input, onInput }: {
  doc: Doc; node: DocNode; input: PreviewInput; onInput: (p: PreviewInput) => void;
}) {
  const { t } = useFwT();
  const rule = node.rule;
  if (!rule) return null;
  const id = (f: string) => `preview-${node.key}-${f}`;
  const set = (patch: Partial<PreviewInput>) => onInput({ ...input, ...patch });
  const result = previewLeaf(doc, node, input);

  let fields: React.ReactNode = null;
  const rateFields = (
    <Row gutter={8}>
      <Col span={12}>
        <label htmlFor={id('num')}>{String(rule.numeratorLabel ?? t('preview.numerator'))}</label>
        <DecimalInput id={id('num')} kind="quantity" value={input.numerator ?? ''} onChange={(v) => set({ numerator: v })} />
      </Col>
      <Col span={12}>
        <label htmlFor={id('den')}>{String(rule.denominatorLabel ?? t('preview.denominator'))}</label>
        <DecimalInput id={id('den')} kind="quantity" value={input.denominator ?? ''} onChange={(v) => set({ denominator: v })} />
      </Col>
    </Row>
  );
  const countField = (label: string) => (
    <>
      <label htmlFor={id('count')}>{label}</label>
      <DecimalInput id={id('count')} kind="count" value={input.occurrences ?? ''} onChange={(v) => set({ occurrences: v })} />
    </>
  );
  switch (rule.type) {
    case 'choice': {
      const options = (Array.isArray(rule.options) ? rule.options : []) as { key: string; label: string }[];
      fields = (
        <>
          <label htmlFor={id('option')}>{t('preview.option')}</label>
          <Select id={id('option')} style={{ width: '100%' }} allowClear value={input.option}
            options={options.map((o) => ({ value: o.key, label: o.label || o.key }))}
            onChange={(v?: string) => set({ option: v })} />
        </>
      );
      break;
    }
    case 'yes_no':
      fields = (
        <Radio.Group aria-label={t('preview.answer')} value={input.yes} onChange={(e) => set({ yes: e.target.value as boolean })}
          options={[{ value: true, label: t('preview.yes') }, { value: false, label: t('preview.no') }]} />
      );
      break;
    case 'rate_tiers':
    case 'proportional':
    case 'data_feed':
      fields = rateFields;
      break;
    case 'manual':
    case 'survey':
      fields = (
        <>
          <label htmlFor={id('points')}>{rule.type === 'survey' ? t('preview.surveyPoints') : t('preview.points')}</label>
          <DecimalInput id={id('points')} value={input.points ?? ''} onChange={(v) => set({ points: v })} />
        </>
      );
      break;
    case 'deduction':
      fields = countField(String(rule.occurrenceLabel || t('preview.occurrences')));
      break;
    case 'bonus':
      fields = rule.mode === 'per_occurrence'
        ? countField(String(rule.occurrenceLabel || t('preview.occurrences')))
        : (
          <Radio.Group aria-label={t('preview.awarded')} value={input.awarded} onChange={(e) => set({ awarded: e.target.value as boolean })}
            options={[{ value: true, label: t('preview.awardedYes') }, { value: false, label: t('preview.awardedNo') }]} />
        );
      break;
  }

  const max = parsePoints(node.maxPoints);
  return (
    <Card size="small" title={t('preview.title')} className="fw-preview" aria-label={t('preview.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('preview.hint')}</Typography.Text>
        {fields}
        {node.applicability?.mayDeclareNotApplicable && (
          <Checkbox checked={!!input.notApplicable} onChange={(e) => set({ notApplicable: e.target.checked })}>
            {t('preview.notApplicable')}
          </Checkbox>
        )}
        <div aria-live="polite" data-testid="preview-result">
          {result.ok ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space align="baseline" wrap>
                <Statistic
                  title={t('preview.result')}
                  value={formatPointsFigure(result.evaluation.exact)}
                  suffix={max !== null ? `/ ${formatPoints(max)}` : undefined}
                />
                <Tag color={result.evaluation.status === 'scored' ? 'blue' : result.evaluation.status === 'invalid' ? 'red' : 'default'}>
                  {t(`preview.status.${result.evaluation.status}`)}
                </Tag>
                {result.evaluation.capped && <Tag color="orange">{t('preview.capped')}</Tag>}
              </Space>
              <Typography.Text>{result.evaluation.explanation}</Typography.Text>
            </Space>
          ) : (
            <Alert type="warning" showIcon title={t('preview.cannot')}
              description={result.issues.slice(0, 3).map((i) => i.message).join('; ')} />
          )}
        </div>
      </Space>
    </Card>
  );
}
