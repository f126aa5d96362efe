import { Button, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { RuleType } from '@chiso/core';
import { type DocRule, type DocTier, RULE_TYPES, ZERO_DENOMINATOR } from './model';
import { DecimalInput, useFwT } from './parts';

type FieldErrors = (prefix: string) => string[];

interface Props {
  rule: DocRule;
  nodeKey: string;
  /** The framework's default rounding of computed points, if it declares one. */
  frameworkDecimals?: number | undefined;
  readOnly: boolean;
  onChange: (rule: DocRule) => void;
  onTypeChange: (type: RuleType) => void;
  errorsFor: FieldErrors;
}

/** A labelled field with the validator's messages under it. */
export function F({ id, label, errors, children, extra }: {
  id: string; label: string; errors?: string[]; children: React.ReactNode; extra?: React.ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      validateStatus={errors && errors.length ? 'error' : undefined}
      help={errors && errors.length ? errors.join('; ') : undefined}
      extra={extra}
      style={{ marginBottom: 12 }}
    >
      {children}
    </Form.Item>
  );
}

export function RuleForm({ rule, nodeKey, frameworkDecimals, readOnly, onChange, onTypeChange, errorsFor }: Props) {
  const { t } = useFwT();
  const id = (f: string) => `rule-${nodeKey}-${f}`;
  const set = (patch: Record<string, unknown>) => onChange({ ...rule, ...patch });
  const str = (f: string) => (typeof rule[f] === 'string' ? (rule[f] as string) : rule[f] === undefined ? '' : String(rule[f]));

  const text = (f: string, label: string) => (
    <F id={id(f)} label={label} errors={errorsFor(`rule.${f}`)}>
      <Input id={id(f)} value={str(f)} disabled={readOnly} onChange={(e) => set({ [f]: e.target.value })} />
    </F>
  );
  const pts = (f: string, label: string) => (
    <F id={id(f)} label={label} errors={errorsFor(`rule.${f}`)}>
      <DecimalInput id={id(f)} value={rule[f]} disabled={readOnly} onChange={(v) => set({ [f]: v })} />
    </F>
  );
  const zero = (
    <F id={id('zeroDenominator')} label={t('rule.zeroDenominator')} errors={errorsFor('rule.zeroDenominator')}>
      <Select
        id={id('zeroDenominator')}
        value={str('zeroDenominator') || undefined}
        disabled={readOnly}
        options={ZERO_DENOMINATOR.map((z) => ({ value: z, label: t(`rule.zero.${z}`) }))}
        onChange={(v: string) => set({ zeroDenominator: v })}
      />
    </F>
  );
  // A computed rule's own rounding ("làm tròn 2 chữ số"); without one its points stay exact.
  const decimals = (rule.rounding as { decimals?: number } | undefined)?.decimals;
  const rounding = (
    <F id={id('rounding')} label={t('rule.rounding')} errors={errorsFor('rule.rounding')} extra={t('rule.roundingHint')}>
      <Select
        id={id('rounding')}
        value={decimals === undefined ? 'exact' : String(decimals)}
        disabled={readOnly}
        options={[
          { value: 'exact', label: frameworkDecimals === undefined ? t('rule.roundingExact') : t('rule.roundingFramework', { count: frameworkDecimals }) },
          ...[0, 1, 2, 3].map((d) => ({ value: String(d), label: t('rule.roundingDecimals', { count: d }) })),
        ]}
        onChange={(v: string) => {
          const { rounding: _old, ...rest } = rule;
          onChange(v === 'exact' ? (rest as DocRule) : { ...rest, type: rule.type, rounding: { decimals: Number(v) } });
        }}
      />
    </F>
  );
  const rateLabels = (
    <>
      {text('numeratorLabel', t('rule.numeratorLabel'))}
      {text('denominatorLabel', t('rule.denominatorLabel'))}
      {zero}
    </>
  );

  let body: React.ReactNode = null;
  switch (rule.type) {
    case 'choice': {
      const options = (Array.isArray(rule.options) ? rule.options : []) as { key: string; label: string; points: string }[];
      const setOpt = (i: number, patch: Partial<{ key: string; label: string; points: string }>) =>
        set({ options: options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
      body = (
        <div role="group" aria-label={t('rule.options')}>
          <Typography.Text strong>{t('rule.options')}</Typography.Text>
          {options.map((o, i) => (
            <Row gutter={8} key={i} align="top" style={{ marginTop: 8 }}>
              <Col span={6}>
                <Input aria-label={t('rule.optionKey', { n: i + 1 })} value={o.key} disabled={readOnly} placeholder={t('rule.key')}
                  status={errorsFor(`rule.options[${i}].key`).length ? 'error' : undefined}
                  onChange={(e) => setOpt(i, { key: e.target.value })} />
              </Col>
              <Col span={11}>
                <Input aria-label={t('rule.optionLabel', { n: i + 1 })} value={o.label} disabled={readOnly} placeholder={t('rule.label')}
                  status={errorsFor(`rule.options[${i}].label`).length ? 'error' : undefined}
                  onChange={(e) => setOpt(i, { label: e.target.value })} />
              </Col>
              <Col span={5}>
                <DecimalInput aria-label={t('rule.optionPoints', { n: i + 1 })} value={o.points} disabled={readOnly}
                  status={errorsFor(`rule.options[${i}].points`).length ? 'error' : undefined}
                  onChange={(v) => setOpt(i, { points: v })} />
              </Col>
              <Col span={2}>
                {!readOnly && (
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('rule.removeOption', { n: i + 1 })}
                    onClick={() => set({ options: options.filter((_, j) => j !== i) })} />
                )}
              </Col>
            </Row>
          ))}
          {!readOnly && (
            <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }}
              onClick={() => set({ options: [...options, { key: `muc-${options.length + 1}`, label: '', points: '0' }] })}>
              {t('rule.addOption')}
            </Button>
          )}
        </div>
      );
      break;
    }
    case 'yes_no':
      body = (
        <Row gutter={8}>
          <Col span={12}>{pts('yesPoints', t('rule.yesPoints'))}</Col>
          <Col span={12}>{pts('noPoints', t('rule.noPoints'))}</Col>
        </Row>
      );
      break;
    case 'rate_tiers':
      body = (
        <>
          {rateLabels}
          <TiersEditor tiers={(rule.tiers ?? []) as DocTier[]} readOnly={readOnly} prefix="rule.tiers" errorsFor={errorsFor}
            onChange={(tiers) => set({ tiers })} />
        </>
      );
      break;
    case 'proportional':
      body = (
        <>
          <Typography.Paragraph type="secondary">{t('rule.proportionalHint')}</Typography.Paragraph>
          {rateLabels}
          {rounding}
        </>
      );
      break;
    case 'manual':
      body = (
        <Row gutter={8}>
          <Col span={8}>{pts('min', t('rule.min'))}</Col>
          <Col span={8}>{pts('max', t('rule.max'))}</Col>
          <Col span={8}>{pts('step', t('rule.step'))}</Col>
        </Row>
      );
      break;
    case 'deduction':
      body = (
        <>
          <Row gutter={8}>
            <Col span={8}>{pts('start', t('rule.start'))}</Col>
            <Col span={8}>{pts('perOccurrence', t('rule.perOccurrence'))}</Col>
            <Col span={8}>{pts('floor', t('rule.floor'))}</Col>
          </Row>
          {text('occurrenceLabel', t('rule.occurrenceLabel'))}
        </>
      );
      break;
    case 'bonus':
      body = (
        <>
          <F id={id('mode')} label={t('rule.bonusMode')} errors={errorsFor('rule.mode')}>
            <Select id={id('mode')} value={str('mode')} disabled={readOnly}
              options={(['fixed', 'per_occurrence'] as const).map((m) => ({ value: m, label: t(`rule.bonus.${m}`) }))}
              onChange={(v: string) => set({ mode: v })} />
          </F>
          <Row gutter={8}>
            <Col span={12}>{pts('points', rule.mode === 'per_occurrence' ? t('rule.bonusPerOccurrence') : t('rule.bonusPoints'))}</Col>
            <Col span={12}>{pts('cap', t('rule.cap'))}</Col>
          </Row>
          {rule.mode === 'per_occurrence' && text('occurrenceLabel', t('rule.occurrenceLabel'))}
        </>
      );
      break;
    case 'survey':
      body = (
        <>
          <Typography.Paragraph type="secondary">{t('rule.surveyHint')}</Typography.Paragraph>
          {rounding}
        </>
      );
      break;
    case 'data_feed': {
      const scoring = (rule.scoring ?? { kind: 'proportional' }) as { kind: 'tiers' | 'proportional'; tiers?: DocTier[] };
      body = (
        <>
          {text('feed', t('rule.feed'))}
          {rateLabels}
          <F id={id('scoring')} label={t('rule.scoring')} errors={errorsFor('rule.scoring.kind')}>
            <Select id={id('scoring')} value={scoring.kind} disabled={readOnly}
              options={(['proportional', 'tiers'] as const).map((k) => ({ value: k, label: t(`rule.scoringKind.${k}`) }))}
              onChange={(k: 'tiers' | 'proportional') => set({ scoring: k === 'tiers' ? { kind: k, tiers: scoring.tiers ?? [] } : { kind: k } })} />
          </F>
          {scoring.kind === 'tiers' ? (
            <TiersEditor tiers={scoring.tiers ?? []} readOnly={readOnly} prefix="rule.scoring.tiers" errorsFor={errorsFor}
              onChange={(tiers) => set({ scoring: { kind: 'tiers', tiers } })} />
          ) : rounding}
        </>
      );
      break;
    }
  }

  return (
    <div>
      <F id={id('type')} label={t('rule.type')} errors={errorsFor('rule.type')}>
        <Select id={id('type')} value={rule.type} disabled={readOnly}
          options={RULE_TYPES.map((r) => ({ value: r, label: t(`ruleType.${r}`) }))}
          onChange={(v: RuleType) => onTypeChange(v)} />
      </F>
      {body}
    </div>
  );
}

type BoundKind = 'incl' | 'excl' | 'none';

function TiersEditor({ tiers, readOnly, prefix, errorsFor, onChange }: {
  tiers: DocTier[]; readOnly: boolean; prefix: string; errorsFor: FieldErrors; onChange: (t: DocTier[]) => void;
}) {
  const { t } = useFwT();
  const setTier = (i: number, patch: Partial<DocTier>) => onChange(tiers.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const boundKind = (b: DocTier['lower']): BoundKind => (b ? (b.inclusive ? 'incl' : 'excl') : 'none');
  const setBound = (i: number, side: 'lower' | 'upper', kind: BoundKind, percent?: string) => {
    const cur = tiers[i]![side];
    setTier(i, { [side]: kind === 'none' ? null : { percent: percent ?? cur?.percent ?? '0', inclusive: kind === 'incl' } });
  };
  return (
    <div role="group" aria-label={t('rule.tiers')}>
      <Typography.Text strong>{t('rule.tiers')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('rule.tiersHint')}</Typography.Paragraph>
      {tiers.map((tier, i) => {
        const errs = errorsFor(`${prefix}[${i}]`);
        return (
          <div key={i} style={{ marginBottom: 8 }}>
            <Space wrap size={4} align="center">
              <Typography.Text type="secondary">{t('rule.tierN', { n: i + 1 })}</Typography.Text>
              <Select<BoundKind> aria-label={t('rule.lowerKind', { n: i + 1 })} size="small" style={{ width: 88 }} disabled={readOnly}
                value={boundKind(tier.lower)}
                options={[{ value: 'incl', label: '≥' }, { value: 'excl', label: '>' }, { value: 'none', label: '—', title: t('rule.unbounded') }]}
                onChange={(k) => setBound(i, 'lower', k)} />
              {tier.lower && (
                <DecimalInput kind="percent" size="small" style={{ width: 72 }} aria-label={t('rule.lowerPercent', { n: i + 1 })}
                  value={tier.lower.percent} disabled={readOnly} suffix="%"
                  onChange={(v) => setBound(i, 'lower', boundKind(tier.lower), v)} />
              )}
              <Typography.Text type="secondary">{t('rule.and')}</Typography.Text>
              <Select<BoundKind> aria-label={t('rule.upperKind', { n: i + 1 })} size="small" style={{ width: 88 }} disabled={readOnly}
                value={boundKind(tier.upper)}
                options={[{ value: 'incl', label: '≤' }, { value: 'excl', label: '<' }, { value: 'none', label: '—', title: t('rule.unbounded') }]}
                onChange={(k) => setBound(i, 'upper', k)} />
              {tier.upper && (
                <DecimalInput kind="percent" size="small" style={{ width: 72 }} aria-label={t('rule.upperPercent', { n: i + 1 })}
                  value={tier.upper.percent} disabled={readOnly} suffix="%"
                  onChange={(v) => setBound(i, 'upper', boundKind(tier.upper), v)} />
              )}
              <Typography.Text type="secondary">→</Typography.Text>
              <DecimalInput size="small" style={{ width: 72 }} aria-label={t('rule.tierPoints', { n: i + 1 })}
                value={tier.points} disabled={readOnly} onChange={(v) => setTier(i, { points: v })} />
              <Typography.Text type="secondary">{t('rule.pointsUnit')}</Typography.Text>
              {!readOnly && (
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('rule.removeTier', { n: i + 1 })}
                  onClick={() => onChange(tiers.filter((_, j) => j !== i))} />
              )}
            </Space>
            {errs.length > 0 && <div className="ant-form-item-explain-error">{errs.join('; ')}</div>}
          </div>
        );
      })}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />}
          onClick={() => onChange([...tiers, { lower: { percent: '0', inclusive: true }, upper: null, points: '0' }])}>
          {t('rule.addTier')}
        </Button>
      )}
    </div>
  );
}
