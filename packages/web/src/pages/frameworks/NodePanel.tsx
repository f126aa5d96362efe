import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import type { RuleType } from '@chiso/core';
import { type Analysis, type Doc, type DocApplicability, type DocNode, type PreviewInput, SOURCES, childrenSum, defaultPointsDecimals, defaultRule, sourceFor, viDecimal } from './model';
import { DecimalInput, useFwT } from './parts';
import { F } from './FormField';
import { RuleForm } from './RuleForm';
import { LivePreview } from './LivePreview';

interface Props {
  doc: Doc;
  node: DocNode;
  analysis: Analysis;
  readOnly: boolean;
  onChange: (fn: (n: DocNode) => DocNode) => void;
  preview: PreviewInput;
  onPreview: (p: PreviewInput) => void;
  inheritedAgency?: string;
}

export function NodePanel({ doc, node, analysis, readOnly, onChange, preview, onPreview, inheritedAgency }: Props) {
  const { t } = useFwT();
  const issues = analysis.byKey.get(node.key) ?? [];
  const errorsFor = (prefix: string) =>
    issues.filter((i) => i.field !== undefined && (i.field === prefix || i.field.startsWith(prefix + '.') || i.field.startsWith(prefix + '['))).map((i) => i.message);
  const id = (f: string) => `node-${node.key}-${f}`;
  const isLeaf = !node.children || node.children.length === 0;
  const set = (patch: Partial<DocNode>) => onChange((n) => {
    const out: DocNode = { ...n, ...patch };
    for (const k of Object.keys(patch) as (keyof DocNode)[]) if (patch[k] === undefined) delete out[k];
    return out;
  });
  const app: DocApplicability = node.applicability ?? { mayDeclareNotApplicable: false };
  const setApp = (patch: Partial<DocApplicability>) => {
    const next: DocApplicability = { ...app, ...patch };
    if (!next.unitGroups?.length) delete next.unitGroups;
    if (!next.unitTypes?.length) delete next.unitTypes;
    if (!next.condition) delete next.condition;
    const empty = !next.mayDeclareNotApplicable && !next.unitGroups && !next.unitTypes && !next.condition;
    set({ applicability: empty ? undefined : next });
  };
  const sum = isLeaf ? null : childrenSum(node);
  const agencies = doc.agencies ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {issues.length > 0 && (
        <Alert
          type={issues.some((i) => i.severity === 'error') ? 'error' : 'warning'}
          showIcon
          title={t('panel.issues', { count: issues.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {issues.map((i, k) => <li key={k}>{i.message}</li>)}
            </ul>
          }
        />
      )}
      <Card size="small" title={t('panel.general')}>
        <Form layout="vertical" component="div">
          <Row gutter={8}>
            <Col span={8}>
              <F id={id('code')} label={t('fields.code')} errors={errorsFor('code')}>
                <Input id={id('code')} value={node.code} disabled={readOnly} onChange={(e) => set({ code: e.target.value })} />
              </F>
            </Col>
            <Col span={16}>
              <F id={id('maxPoints')} label={t('fields.maxPoints')} errors={errorsFor('maxPoints')}
                extra={sum !== null ? (
                  <Space size={4}>
                    {t('panel.childrenSum', { sum: viDecimal(sum) })}
                    {!readOnly && sum !== node.maxPoints && (
                      <Button size="small" type="link" onClick={() => set({ maxPoints: sum })}>{t('panel.useSum')}</Button>
                    )}
                  </Space>
                ) : undefined}>
                <DecimalInput id={id('maxPoints')} value={node.maxPoints} disabled={readOnly} onChange={(v) => set({ maxPoints: v })} />
              </F>
            </Col>
          </Row>
          <F id={id('name')} label={t('fields.name')} errors={errorsFor('name')}>
            <Input.TextArea id={id('name')} autoSize={{ minRows: 1, maxRows: 4 }} value={node.name} disabled={readOnly}
              onChange={(e) => set({ name: e.target.value })} />
          </F>
          <Row gutter={8}>
            <Col span={12}>
              <F id={id('agency')} label={t('fields.appraisingAgency')} errors={errorsFor('appraisingAgency')}>
                <Select id={id('agency')} allowClear disabled={readOnly} value={node.appraisingAgency}
                  placeholder={inheritedAgency ? t('panel.inherited', { code: inheritedAgency }) : t('panel.noAgency')}
                  options={[
                    ...agencies.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` })),
                    ...(node.appraisingAgency && !agencies.some((a) => a.code === node.appraisingAgency)
                      ? [{ value: node.appraisingAgency, label: node.appraisingAgency }] : []),
                  ]}
                  onChange={(v?: string) => set({ appraisingAgency: v })} />
              </F>
            </Col>
            <Col span={12}>
              <F id={id('source')} label={t('fields.source')} errors={errorsFor('source')}>
                <Select id={id('source')} allowClear={!isLeaf} disabled={readOnly} value={node.source}
                  options={SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
                  onChange={(v?: string) => set({ source: v })} />
              </F>
            </Col>
          </Row>
          <F id={id('guidance')} label={t('fields.guidance')} errors={errorsFor('guidance')}>
            <Input.TextArea id={id('guidance')} autoSize={{ minRows: 2, maxRows: 8 }} value={node.guidance ?? ''} disabled={readOnly}
              onChange={(e) => set({ guidance: e.target.value || undefined })} />
          </F>
          <F id={id('evidence')} label={t('fields.evidenceExpected')} errors={errorsFor('evidenceExpected')}>
            <Input.TextArea id={id('evidence')} autoSize={{ minRows: 1, maxRows: 6 }} value={node.evidenceExpected ?? ''} disabled={readOnly}
              onChange={(e) => set({ evidenceExpected: e.target.value || undefined })} />
          </F>
        </Form>
      </Card>

      <Card size="small" title={t('panel.applicability')}>
        <Form layout="vertical" component="div">
          <Row gutter={8}>
            <Col span={12}>
              <F id={id('groups')} label={t('fields.unitGroups')} errors={errorsFor('applicability.unitGroups')}>
                <Select id={id('groups')} mode="tags" disabled={readOnly} value={app.unitGroups ?? []} placeholder={t('panel.allUnits')}
                  onChange={(v: string[]) => setApp({ unitGroups: v })} />
              </F>
            </Col>
            <Col span={12}>
              <F id={id('types')} label={t('fields.unitTypes')} errors={errorsFor('applicability.unitTypes')}>
                <Select id={id('types')} mode="tags" disabled={readOnly} value={app.unitTypes ?? []} placeholder={t('panel.allUnits')}
                  onChange={(v: string[]) => setApp({ unitTypes: v })} />
              </F>
            </Col>
          </Row>
          <Space align="center" style={{ marginBottom: 12 }}>
            <Switch id={id('mayNa')} checked={app.mayDeclareNotApplicable} disabled={readOnly}
              onChange={(v) => setApp({ mayDeclareNotApplicable: v })} />
            <label htmlFor={id('mayNa')}>{t('fields.mayDeclareNotApplicable')}</label>
          </Space>
          {app.mayDeclareNotApplicable && (
            <F id={id('condition')} label={t('fields.condition')} errors={errorsFor('applicability.condition')}>
              <Input id={id('condition')} value={app.condition ?? ''} disabled={readOnly} placeholder={t('panel.conditionPlaceholder')}
                onChange={(e) => setApp({ condition: e.target.value })} />
            </F>
          )}
        </Form>
      </Card>

      {isLeaf ? (
        <>
          <Card size="small" title={t('panel.rule')}>
            <Form layout="vertical" component="div">
              {node.rule ? (
                <RuleForm
                  rule={node.rule}
                  nodeKey={node.key}
                  frameworkDecimals={defaultPointsDecimals(doc)}
                  readOnly={readOnly}
                  errorsFor={errorsFor}
                  onChange={(rule) => set({ rule })}
                  onTypeChange={(type: RuleType) => set({ rule: defaultRule(type, node.maxPoints), source: sourceFor(type) })}
                />
              ) : (
                <Space orientation="vertical">
                  <Typography.Text type="danger">{t('panel.noRule')}</Typography.Text>
                  {!readOnly && (
                    <Button onClick={() => set({ rule: defaultRule('yes_no', node.maxPoints), source: 'self_assessment' })}>
                      {t('panel.addRule')}
                    </Button>
                  )}
                </Space>
              )}
            </Form>
          </Card>
          {node.rule && <LivePreview doc={doc} node={node} input={preview} onInput={onPreview} />}
        </>
      ) : (
        node.rule && (
          <Alert type="error" showIcon title={t('panel.innerWithRule')}
            action={!readOnly ? <Button size="small" onClick={() => set({ rule: undefined })}>{t('panel.removeRule')}</Button> : undefined} />
        )
      )}
    </Space>
  );
}
