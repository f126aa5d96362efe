import { Card, Descriptions, Input, Space, Statistic, Switch, Tag, Typography } from 'antd';
import { type Framework, type FrameworkNode, formatPoints } from '@chiso/core';
import type { CriterionView } from '../../api/assessments';
import { EvidenceField } from './EvidenceField';
import { type Draft, liveLeaf } from './model';
import { heldReport, shownPoints, statusColor } from './leaf-view';
import { LeafRuleInput, inputId } from './LeafRuleInput';
import { useAsT } from './parts';
import { TaskEvidenceOffer } from './TaskEvidenceOffer';

/** One leaf: guidance, the input its rule asks for, live points, explanation, evidence, not applicable. */
export function LeafEditor({ framework, node, view, draft, dirty, held, readOnly, unitId, cycleId, onChange }: {
  framework: Framework;
  node: FrameworkNode;
  view: CriterionView | undefined;
  draft: Draft;
  dirty: boolean;
  held?: string;
  readOnly: boolean;
  unitId: string;
  /** The cycle filled in, for the evidence offered from the unit's completed tasks. */
  cycleId?: string;
  onChange: (d: Draft) => void;
}) {
  const { t } = useAsT();
  const id = (f: string) => inputId(node, f);
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const evaluation = liveLeaf(framework, node, draft);
  const fields = (
    <LeafRuleInput node={node} form={draft.form} evaluation={evaluation} readOnly={readOnly} unitId={unitId}
      onForm={(patch) => set({ form: { ...draft.form, ...patch } })} />
  );
  const report = heldReport(held);

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

        {node.applicability?.mayDeclareNotApplicable && (
          <NotApplicableField node={node} draft={draft} held={held} readOnly={readOnly} onChange={set} />
        )}

        {!draft.notApplicable && node.rule && <section aria-label={t('leaf.input')}>{fields}</section>}
        {report === 'alert' && <Typography.Text type="danger" role="alert">{t(`leaf.held.${held}`)}</Typography.Text>}
        {report === 'note' && <Typography.Text type="secondary">{t('leaf.held.incomplete')}</Typography.Text>}

        <div aria-live="polite" data-testid="leaf-points" className="as-points">
          <Space align="baseline" wrap>
            <Statistic
              title={dirty ? t('leaf.livePoints') : t('leaf.serverPoints')}
              value={shownPoints({ dirty, serverPoints: view?.self.points ?? null, evaluation, notApplicable: draft.notApplicable, naLabel: t('tree.na') })}
              suffix={`/ ${formatPoints(node.maxPoints)}`}
            />
            {evaluation && <Tag color={statusColor(evaluation.status)}>{t(`leaf.status.${evaluation.status}`)}</Tag>}
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
        {cycleId && (
          <TaskEvidenceOffer cycleId={cycleId} unitId={unitId} nodeKey={node.key} attachedIds={draft.evidenceIds} readOnly={readOnly}
            onAttach={(eid) => set({ evidenceIds: [...draft.evidenceIds.filter((x) => x !== eid), eid] })} />
        )}
      </Space>
    </Card>
  );
}

/** The "not applicable" switch of a leaf that may be declared so, with its condition and the reason asked for. */
function NotApplicableField({ node, draft, held, readOnly, onChange }: {
  node: FrameworkNode; draft: Draft; held?: string; readOnly: boolean; onChange: (patch: Partial<Draft>) => void;
}) {
  const { t } = useAsT();
  const id = (f: string) => inputId(node, f);
  return (
    <div>
      <Space>
        <Switch id={id('na')} checked={draft.notApplicable} disabled={readOnly} onChange={(v) => onChange({ notApplicable: v })} />
        <label htmlFor={id('na')}>{t('leaf.notApplicable')}</label>
      </Space>
      {node.applicability?.condition && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('leaf.naCondition', { condition: node.applicability.condition })}</Typography.Paragraph>}
      {draft.notApplicable && (
        <div style={{ marginTop: 8 }}>
          <label htmlFor={id('naReason')}>{t('leaf.naReason')}</label>
          <Input.TextArea id={id('naReason')} autoSize={{ minRows: 2 }} value={draft.naReason} disabled={readOnly}
            status={held === 'naReason' ? 'error' : undefined} onChange={(e) => onChange({ naReason: e.target.value })} />
          {held === 'naReason' && <Typography.Text type="danger">{t('leaf.naReasonRequired')}</Typography.Text>}
        </div>
      )}
    </div>
  );
}
