import { Col, Input, Row, Select, Typography } from 'antd';
import type { RuleType } from '@chiso/core';
import {
  type DocRule, type DocTier, RULE_TYPES, ZERO_DENOMINATOR, optionsOf, roundingChoice, scoringOf, scoringOfKind, withRounding,
} from './model';
import { ChoiceOptionsEditor } from './ChoiceOptionsEditor';
import { F, type FieldErrors } from './FormField';
import { DecimalInput, useFwT } from './parts';
import { TiersEditor } from './TiersEditor';

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

/** A leaf's rule: its type, then the parameters of that type. */
export function RuleForm(props: Props) {
  const { t } = useFwT();
  const { rule, nodeKey, readOnly, errorsFor, onTypeChange } = props;
  const id = `rule-${nodeKey}-type`;
  return (
    <div>
      <F id={id} label={t('rule.type')} errors={errorsFor('rule.type')}>
        <Select id={id} value={rule.type} disabled={readOnly}
          options={RULE_TYPES.map((r) => ({ value: r, label: t(`ruleType.${r}`) }))}
          onChange={(v: RuleType) => onTypeChange(v)} />
      </F>
      <RuleParameters {...props} />
    </div>
  );
}

/** The form's fields of one rule type. */
function RuleParameters(props: Props) {
  const { t } = useFwT();
  const { rule, readOnly, errorsFor } = props;
  const f = useRuleFields(props);
  switch (rule.type) {
    case 'choice':
      return <ChoiceOptionsEditor options={optionsOf(rule)} readOnly={readOnly} errorsFor={errorsFor} onChange={(options) => f.set({ options })} />;
    case 'yes_no':
      return (
        <Row gutter={8}>
          <Col span={12}>{f.points('yesPoints', t('rule.yesPoints'))}</Col>
          <Col span={12}>{f.points('noPoints', t('rule.noPoints'))}</Col>
        </Row>
      );
    case 'rate_tiers':
      return (
        <>
          {f.rateLabels}
          <TiersEditor tiers={(rule.tiers ?? []) as DocTier[]} readOnly={readOnly} prefix="rule.tiers" errorsFor={errorsFor}
            onChange={(tiers) => f.set({ tiers })} />
        </>
      );
    case 'proportional':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('rule.proportionalHint')}</Typography.Paragraph>
          {f.rateLabels}
          {f.rounding}
        </>
      );
    case 'manual':
      return (
        <Row gutter={8}>
          <Col span={8}>{f.points('min', t('rule.min'))}</Col>
          <Col span={8}>{f.points('max', t('rule.max'))}</Col>
          <Col span={8}>{f.points('step', t('rule.step'))}</Col>
        </Row>
      );
    case 'deduction':
      return (
        <>
          <Row gutter={8}>
            <Col span={8}>{f.points('start', t('rule.start'))}</Col>
            <Col span={8}>{f.points('perOccurrence', t('rule.perOccurrence'))}</Col>
            <Col span={8}>{f.points('floor', t('rule.floor'))}</Col>
          </Row>
          {f.text('occurrenceLabel', t('rule.occurrenceLabel'))}
        </>
      );
    case 'bonus':
      return <BonusParameters {...props} />;
    case 'survey':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('rule.surveyHint')}</Typography.Paragraph>
          {f.rounding}
        </>
      );
    case 'data_feed':
      return <DataFeedParameters {...props} />;
  }
}

function BonusParameters(props: Props) {
  const { t } = useFwT();
  const { rule, readOnly, errorsFor } = props;
  const f = useRuleFields(props);
  return (
    <>
      <F id={f.id('mode')} label={t('rule.bonusMode')} errors={errorsFor('rule.mode')}>
        <Select id={f.id('mode')} value={f.str('mode')} disabled={readOnly}
          options={(['fixed', 'per_occurrence'] as const).map((m) => ({ value: m, label: t(`rule.bonus.${m}`) }))}
          onChange={(v: string) => f.set({ mode: v })} />
      </F>
      <Row gutter={8}>
        <Col span={12}>{f.points('points', rule.mode === 'per_occurrence' ? t('rule.bonusPerOccurrence') : t('rule.bonusPoints'))}</Col>
        <Col span={12}>{f.points('cap', t('rule.cap'))}</Col>
      </Row>
      {rule.mode === 'per_occurrence' && f.text('occurrenceLabel', t('rule.occurrenceLabel'))}
    </>
  );
}

function DataFeedParameters(props: Props) {
  const { t } = useFwT();
  const { rule, readOnly, errorsFor } = props;
  const f = useRuleFields(props);
  const scoring = scoringOf(rule);
  return (
    <>
      {f.text('feed', t('rule.feed'))}
      {f.rateLabels}
      <F id={f.id('scoring')} label={t('rule.scoring')} errors={errorsFor('rule.scoring.kind')}>
        <Select id={f.id('scoring')} value={scoring.kind} disabled={readOnly}
          options={(['proportional', 'tiers'] as const).map((k) => ({ value: k, label: t(`rule.scoringKind.${k}`) }))}
          onChange={(k: 'tiers' | 'proportional') => f.set({ scoring: scoringOfKind(scoring, k) })} />
      </F>
      {scoring.kind === 'tiers' ? (
        <TiersEditor tiers={scoring.tiers ?? []} readOnly={readOnly} prefix="rule.scoring.tiers" errorsFor={errorsFor}
          onChange={(tiers) => f.set({ scoring: { kind: 'tiers', tiers } })} />
      ) : f.rounding}
    </>
  );
}

/** The field builders the rule types share: text, points, the rate's labels and zero denominator, the rounding. */
function useRuleFields({ rule, nodeKey, frameworkDecimals, readOnly, onChange, errorsFor }: Props) {
  const { t } = useFwT();
  const id = (f: string) => `rule-${nodeKey}-${f}`;
  const set = (patch: Record<string, unknown>) => onChange({ ...rule, ...patch });
  const str = (f: string) => (typeof rule[f] === 'string' ? (rule[f] as string) : rule[f] === undefined ? '' : String(rule[f]));

  const text = (f: string, label: string) => (
    <F id={id(f)} label={label} errors={errorsFor(`rule.${f}`)}>
      <Input id={id(f)} value={str(f)} disabled={readOnly} onChange={(e) => set({ [f]: e.target.value })} />
    </F>
  );
  const points = (f: string, label: string) => (
    <F id={id(f)} label={label} errors={errorsFor(`rule.${f}`)}>
      <DecimalInput id={id(f)} value={rule[f]} disabled={readOnly} onChange={(v) => set({ [f]: v })} />
    </F>
  );
  const rateLabels = (
    <>
      {text('numeratorLabel', t('rule.numeratorLabel'))}
      {text('denominatorLabel', t('rule.denominatorLabel'))}
      <F id={id('zeroDenominator')} label={t('rule.zeroDenominator')} errors={errorsFor('rule.zeroDenominator')}>
        <Select
          id={id('zeroDenominator')}
          value={str('zeroDenominator') || undefined}
          disabled={readOnly}
          options={ZERO_DENOMINATOR.map((z) => ({ value: z, label: t(`rule.zero.${z}`) }))}
          onChange={(v: string) => set({ zeroDenominator: v })}
        />
      </F>
    </>
  );
  // A computed rule's own rounding ("làm tròn 2 chữ số"); without one its points stay exact.
  const rounding = (
    <F id={id('rounding')} label={t('rule.rounding')} errors={errorsFor('rule.rounding')} extra={t('rule.roundingHint')}>
      <Select
        id={id('rounding')}
        value={roundingChoice(rule)}
        disabled={readOnly}
        options={[
          { value: 'exact', label: frameworkDecimals === undefined ? t('rule.roundingExact') : t('rule.roundingFramework', { count: frameworkDecimals }) },
          ...[0, 1, 2, 3].map((d) => ({ value: String(d), label: t('rule.roundingDecimals', { count: d }) })),
        ]}
        onChange={(v: string) => onChange(withRounding(rule, v))}
      />
    </F>
  );
  return { id, set, str, text, points, rateLabels, rounding };
}
