import { Alert, Card, Col, Descriptions, Input, Radio, Row, Space, Statistic, Switch, Tag, Typography } from 'antd';
import { type Framework, type FrameworkNode, formatPoints, rationalToFixedString, tierText } from '@chiso/core';
import type { CriterionView } from '../../api/assessments';
import { DecimalInput } from '../frameworks/parts';
import { DataFeedValue } from '../cycles/DataFeedValue';
import { EvidenceField } from './EvidenceField';
import { type Draft, liveLeaf, pointsText } from './model';
import { useAsT } from './parts';

/** One leaf: guidance, the input its rule asks for, live points, explanation, evidence, not applicable. */
export function LeafEditor({ framework, node, view, draft, dirty, held, readOnly, unitId, onChange }: {
  framework: Framework;
  node: FrameworkNode;
  view: CriterionView | undefined;
  draft: Draft;
  dirty: boolean;
  held?: string;
  readOnly: boolean;
  unitId: string;
  onChange: (d: Draft) => void;
}) {
  const { t } = useAsT();
  const rule = node.rule;
  const id = (f: string) => `leaf-${node.key}-${f}`;
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const setForm = (patch: Partial<Draft['form']>) => set({ form: { ...draft.form, ...patch } });
  const evaluation = liveLeaf(framework, node, draft);
  const mayNa = !!node.applicability?.mayDeclareNotApplicable;

  let fields: React.ReactNode = null;
  const rateField = (labels: { numeratorLabel: string; denominatorLabel: string }) => (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <label htmlFor={id('num')}>{labels.numeratorLabel}</label>
        <DecimalInput id={id('num')} kind="quantity" value={draft.form.numerator ?? ''} disabled={readOnly}
          onChange={(v) => setForm({ numerator: v })} />
      </Col>
      <Col xs={24} md={12}>
        <label htmlFor={id('den')}>{labels.denominatorLabel}</label>
        <DecimalInput id={id('den')} kind="quantity" value={draft.form.denominator ?? ''} disabled={readOnly}
          onChange={(v) => setForm({ denominator: v })} />
      </Col>
      <Col span={24} style={{ marginTop: 8 }}>
        <Typography.Text data-testid="rate-value">
          {t('leaf.rate')}:{' '}
          <strong>{evaluation?.ratePercent ? `${rationalToFixedString(evaluation.ratePercent, 2).replace('.', ',')}%` : '—'}</strong>
        </Typography.Text>
      </Col>
    </Row>
  );
  const countField = (label: string) => (
    <>
      <label htmlFor={id('count')}>{label}</label>
      <DecimalInput id={id('count')} kind="count" style={{ width: 160, display: 'block' }} disabled={readOnly}
        value={draft.form.occurrences ?? ''} onChange={(v) => setForm({ occurrences: v })} />
    </>
  );

  switch (rule?.type) {
    case 'choice':
      fields = (
        <Radio.Group aria-label={t('leaf.choice')} value={draft.form.option} disabled={readOnly}
          onChange={(e) => setForm({ option: e.target.value as string })} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={rule.options.map((o) => ({ value: o.key, label: `${o.label} (${t('leaf.pointsN', { points: formatPoints(o.points) })})` }))} />
      );
      break;
    case 'yes_no':
      fields = (
        <Radio.Group aria-label={t('leaf.yesNo')} value={draft.form.yes} disabled={readOnly} onChange={(e) => setForm({ yes: e.target.value as boolean })}
          options={[
            { value: true, label: `${t('leaf.yes')} (${t('leaf.pointsN', { points: formatPoints(rule.yesPoints) })})` },
            { value: false, label: `${t('leaf.no')} (${t('leaf.pointsN', { points: formatPoints(rule.noPoints) })})` },
          ]} />
      );
      break;
    case 'rate_tiers':
      fields = (
        <>
          {rateField(rule)}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('leaf.tiers')}: {rule.tiers.map((x) => `${tierText(x)} → ${formatPoints(x.points)}`).join('; ')}
          </Typography.Paragraph>
        </>
      );
      break;
    case 'proportional':
      fields = rateField(rule);
      break;
    case 'data_feed':
      fields = <DataFeedValue node={node} unitId={unitId} />;
      break;
    case 'manual':
      fields = (
        <>
          <label htmlFor={id('points')}>{t('leaf.manual', { min: formatPoints(rule.min), max: formatPoints(rule.max), step: formatPoints(rule.step) })}</label>
          <DecimalInput id={id('points')} style={{ width: 160, display: 'block' }} value={draft.form.points ?? ''} disabled={readOnly}
            onChange={(v) => setForm({ points: v })} />
        </>
      );
      break;
    case 'deduction':
      fields = (
        <>
          <Typography.Paragraph type="secondary">
            {t('leaf.deduction', { start: formatPoints(rule.start), per: formatPoints(rule.perOccurrence), floor: formatPoints(rule.floor) })}
          </Typography.Paragraph>
          {countField(rule.occurrenceLabel || t('leaf.occurrences'))}
        </>
      );
      break;
    case 'bonus':
      fields = rule.mode === 'per_occurrence'
        ? countField(rule.occurrenceLabel || t('leaf.occurrences'))
        : (
          <Radio.Group aria-label={t('leaf.awarded')} value={draft.form.awarded} disabled={readOnly} onChange={(e) => setForm({ awarded: e.target.value as boolean })}
            options={[{ value: true, label: t('leaf.awardedYes', { points: formatPoints(rule.points) }) }, { value: false, label: t('leaf.awardedNo') }]} />
        );
      break;
    case 'survey':
      fields = <Alert type="info" showIcon title={t('leaf.survey')} />;
      break;
    default:
      fields = null;
  }

  const serverPoints = view?.self.points ?? null;
  return (
    <Card
      className="as-leaf"
      title={<span><span className="as-code">{node.code}</span> {node.name}</span>}
      extra={<Tag>{t('leaf.max', { points: formatPoints(node.maxPoints) })}</Tag>}
      aria-label={`${node.code} ${node.name}`}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {(node.guidance || node.evidenceExpected) && (
          <Descriptions size="small" column={1} bordered>
            {node.guidance && <Descriptions.Item label={t('leaf.guidance')}>{node.guidance}</Descriptions.Item>}
            {node.evidenceExpected && <Descriptions.Item label={t('leaf.evidenceExpected')}>{node.evidenceExpected}</Descriptions.Item>}
          </Descriptions>
        )}

        {mayNa && (
          <div>
            <Space>
              <Switch id={id('na')} checked={draft.notApplicable} disabled={readOnly} onChange={(v) => set({ notApplicable: v })} />
              <label htmlFor={id('na')}>{t('leaf.notApplicable')}</label>
            </Space>
            {node.applicability?.condition && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('leaf.naCondition', { condition: node.applicability.condition })}</Typography.Paragraph>}
            {draft.notApplicable && (
              <div style={{ marginTop: 8 }}>
                <label htmlFor={id('naReason')}>{t('leaf.naReason')}</label>
                <Input.TextArea id={id('naReason')} autoSize={{ minRows: 2 }} value={draft.naReason} disabled={readOnly}
                  status={held === 'naReason' ? 'error' : undefined} onChange={(e) => set({ naReason: e.target.value })} />
                {held === 'naReason' && <Typography.Text type="danger">{t('leaf.naReasonRequired')}</Typography.Text>}
              </div>
            )}
          </div>
        )}

        {!draft.notApplicable && fields && <section aria-label={t('leaf.input')}>{fields}</section>}
        {(held === 'number' || held === 'count' || held === 'invalid') && <Typography.Text type="danger" role="alert">{t(`leaf.held.${held}`)}</Typography.Text>}
        {held === 'incomplete' && <Typography.Text type="secondary">{t('leaf.held.incomplete')}</Typography.Text>}

        <div aria-live="polite" data-testid="leaf-points" className="as-points">
          <Space align="baseline" wrap>
            <Statistic
              title={dirty ? t('leaf.livePoints') : t('leaf.serverPoints')}
              value={dirty || serverPoints === null ? (evaluation && evaluation.status !== 'not_applicable' ? formatPoints(evaluation.points) : draft.notApplicable ? t('tree.na') : '—') : pointsText(serverPoints)}
              suffix={`/ ${formatPoints(node.maxPoints)}`}
            />
            {evaluation && <Tag color={evaluation.status === 'scored' ? 'blue' : evaluation.status === 'invalid' ? 'red' : 'default'}>{t(`leaf.status.${evaluation.status}`)}</Tag>}
          </Space>
          {evaluation && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{evaluation.explanation}</Typography.Paragraph>}
        </div>

        <div>
          <label htmlFor={id('explanation')}>{t('leaf.explanation')}</label>
          <Input.TextArea id={id('explanation')} autoSize={{ minRows: 3 }} value={draft.explanation} disabled={readOnly}
            placeholder={t('leaf.explanationHint')} onChange={(e) => set({ explanation: e.target.value })} />
        </div>

        <div>
          <label htmlFor={id('evidence')}>{t('leaf.evidence')}</label>
          <EvidenceField id={id('evidence')} unitId={unitId} value={draft.evidenceIds} known={view?.self.evidence ?? []} readOnly={readOnly}
            onChange={(ids) => set({ evidenceIds: ids })} />
        </div>
      </Space>
    </Card>
  );
}
