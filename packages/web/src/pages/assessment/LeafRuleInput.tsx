import { Col, Radio, Row, Typography } from 'antd';
import { type FrameworkNode, type LeafEvaluation, formatPoints, tierText } from '@chiso/core';
import { DecimalInput } from '../frameworks/parts';
import { DataFeedValue } from '../cycles/DataFeedValue';
import { SurveyLeafPoints } from '../survey/results/SurveyLeafPoints';
import type { Draft } from './model';
import { rateText } from './leaf-view';
import { useAsT } from './parts';

type Form = Draft['form'];
interface Props {
  node: FrameworkNode;
  form: Form;
  evaluation: LeafEvaluation | null;
  readOnly: boolean;
  unitId: string;
  onForm: (patch: Partial<Form>) => void;
}

/** The input a leaf's rule asks for (a choice, yes or no, a rate, points, a count…); null for a leaf without a rule. */
export function LeafRuleInput(props: Props): React.ReactNode {
  const { t } = useAsT();
  const { node, form, readOnly, unitId, onForm } = props;
  const rule = node.rule;
  switch (rule?.type) {
    case 'choice':
      return (
        <Radio.Group aria-label={t('leaf.choice')} value={form.option} disabled={readOnly}
          onChange={(e) => onForm({ option: e.target.value as string })} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={rule.options.map((o) => ({ value: o.key, label: `${o.label} (${t('leaf.pointsN', { points: formatPoints(o.points) })})` }))} />
      );
    case 'yes_no':
      return (
        <Radio.Group aria-label={t('leaf.yesNo')} value={form.yes} disabled={readOnly} onChange={(e) => onForm({ yes: e.target.value as boolean })}
          options={[
            { value: true, label: `${t('leaf.yes')} (${t('leaf.pointsN', { points: formatPoints(rule.yesPoints) })})` },
            { value: false, label: `${t('leaf.no')} (${t('leaf.pointsN', { points: formatPoints(rule.noPoints) })})` },
          ]} />
      );
    case 'rate_tiers':
      return (
        <>
          <RateField {...props} labels={rule} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('leaf.tiers')}: {rule.tiers.map((x) => `${tierText(x)} → ${formatPoints(x.points)}`).join('; ')}
          </Typography.Paragraph>
        </>
      );
    case 'proportional':
      return <RateField {...props} labels={rule} />;
    case 'data_feed':
      return <DataFeedValue node={node} unitId={unitId} />;
    case 'manual':
      return (
        <>
          <label htmlFor={inputId(node, 'points')}>{t('leaf.manual', { min: formatPoints(rule.min), max: formatPoints(rule.max), step: formatPoints(rule.step) })}</label>
          <DecimalInput id={inputId(node, 'points')} style={{ width: 160, display: 'block' }} value={form.points ?? ''} disabled={readOnly}
            onChange={(v) => onForm({ points: v })} />
        </>
      );
    case 'deduction':
      return (
        <>
          <Typography.Paragraph type="secondary">
            {t('leaf.deduction', { start: formatPoints(rule.start), per: formatPoints(rule.perOccurrence), floor: formatPoints(rule.floor) })}
          </Typography.Paragraph>
          <CountField {...props} label={rule.occurrenceLabel || t('leaf.occurrences')} />
        </>
      );
    case 'bonus':
      return rule.mode === 'per_occurrence'
        ? <CountField {...props} label={rule.occurrenceLabel || t('leaf.occurrences')} />
        : (
          <Radio.Group aria-label={t('leaf.awarded')} value={form.awarded} disabled={readOnly} onChange={(e) => onForm({ awarded: e.target.value as boolean })}
            options={[{ value: true, label: t('leaf.awardedYes', { points: formatPoints(rule.points) }) }, { value: false, label: t('leaf.awardedNo') }]} />
        );
    case 'survey':
      return <SurveyLeafPoints node={node} unitId={unitId} />;
    default:
      return null;
  }
}

/** The ids of a leaf's inputs, for their labels. */
export function inputId(node: FrameworkNode, field: string): string {
  return `leaf-${node.key}-${field}`;
}

function RateField({ node, form, evaluation, readOnly, onForm, labels }: Props & { labels: { numeratorLabel: string; denominatorLabel: string } }) {
  const { t } = useAsT();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <label htmlFor={inputId(node, 'num')}>{labels.numeratorLabel}</label>
        <DecimalInput id={inputId(node, 'num')} kind="quantity" value={form.numerator ?? ''} disabled={readOnly}
          onChange={(v) => onForm({ numerator: v })} />
      </Col>
      <Col xs={24} md={12}>
        <label htmlFor={inputId(node, 'den')}>{labels.denominatorLabel}</label>
        <DecimalInput id={inputId(node, 'den')} kind="quantity" value={form.denominator ?? ''} disabled={readOnly}
          onChange={(v) => onForm({ denominator: v })} />
      </Col>
      <Col span={24} style={{ marginTop: 8 }}>
        <Typography.Text data-testid="rate-value">
          {t('leaf.rate')}:{' '}
          <strong>{rateText(evaluation)}</strong>
        </Typography.Text>
      </Col>
    </Row>
  );
}

function CountField({ node, form, readOnly, onForm, label }: Props & { label: string }) {
  return (
    <>
      <label htmlFor={inputId(node, 'count')}>{label}</label>
      <DecimalInput id={inputId(node, 'count')} kind="count" style={{ width: 160, display: 'block' }} disabled={readOnly}
        value={form.occurrences ?? ''} onChange={(v) => onForm({ occurrences: v })} />
    </>
  );
}
