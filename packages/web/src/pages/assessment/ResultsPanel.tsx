/**
 * The unit's results once the appraisal is complete for it (issue 7, blocker 5): totals self vs
 * after appraisal, after publication the official index, rank and class; per criterion the self,
 * appraised, council and counted points with every reason. Tables on a wide screen, cards on a phone.
 */
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Grid, List, Row, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { type Framework, walkNodes } from '@chiso/core';
import type { OutcomeLeaf, UnitOutcome } from '../../api/unit-outcome';
import { formatDate } from '../../format';
import { indexText, pointsText } from './model';
import { useResultsT } from './results-i18n';
import './work-card.css';

interface Row extends OutcomeLeaf {
  name: string;
}

const changed = (r: OutcomeLeaf) => r.reasons.length > 0 || Number(r.difference) !== 0;

export function ResultsPanel({ outcome, framework, onOpenCriterion }: { outcome: UnitOutcome; framework: Framework; onOpenCriterion: (key: string) => void }) {
  const { t } = useResultsT();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const v of walkNodes(framework.nodes)) {
      const leaf = outcome.leaves[v.node.key];
      if (leaf) out.push({ ...leaf, name: v.node.name });
    }
    return out;
  }, [framework, outcome]);
  const shown = onlyChanged ? rows.filter(changed) : rows;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="unit-results">
      <Totals outcome={outcome} />
      <Card className="as-results-card" title={t('criteria')} extra={
        <Space>
          <Switch id="results-only-changed" size="small" checked={onlyChanged} onChange={setOnlyChanged} />
          <label htmlFor="results-only-changed">{t('onlyChanged')}</label>
        </Space>
      }>
        {onlyChanged && shown.length === 0 ? <Typography.Text type="secondary">{t('noneChanged')}</Typography.Text> : <LeafResults rows={shown} onOpen={onOpenCriterion} />}
      </Card>
    </Space>
  );
}

function Totals({ outcome }: { outcome: UnitOutcome }) {
  const { t } = useResultsT();
  const p = outcome.published;
  const stage = p ? t('stage.published', { date: formatDate(p.publishedAt) }) : t(`stage.${outcome.state}`, { defaultValue: '' });
  const decision = p ? [p.decisionNumber ? t('decision', { number: p.decisionNumber }) : null, p.number > 1 ? t('amendment', { number: p.number - 1 }) : null].filter(Boolean).join(' · ') : '';
  return (
    <Card title={t('summary')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {stage && <Alert type={p ? 'success' : 'info'} showIcon title={stage} description={decision || undefined} />}
        {p && (
          <Row gutter={[24, 16]} data-testid="published-result">
            <Col xs={12} md={6}><Statistic title={t('publishedIndex')} value={indexText(p.index)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('rank')} value={t('rankOf', { rank: p.rank, of: p.rankOf })} /><Typography.Text type="secondary">{t('rankIn', { group: p.groupName })}</Typography.Text></Col>
            <Col xs={24} md={12}><Statistic title={t('class')} value={p.classLabel ?? '—'} /></Col>
          </Row>
        )}
        <Row gutter={[24, 16]} data-testid="result-totals">
          <Col xs={12} md={6}><Statistic title={t('selfTotal')} value={pointsText(outcome.self.achieved)} suffix={`/ ${pointsText(outcome.self.applicableMax)}`} /></Col>
          <Col xs={12} md={6}><Statistic title={t('selfIndex')} value={indexText(outcome.self.index)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('finalTotal')} value={pointsText(outcome.final.achieved)} suffix={`/ ${pointsText(outcome.final.applicableMax)}`} /></Col>
          <Col xs={12} md={6}>
            <Statistic title={t('finalIndex')} value={indexText(outcome.final.index)} />
            {!p && outcome.finalClass && <Tag>{t('class')}: {outcome.finalClass.label}</Tag>}
          </Col>
        </Row>
      </Space>
    </Card>
  );
}

function points(v: string | null, na: boolean, naText: string): string {
  if (na) return naText;
  return pointsText(v);
}

function Reasons({ r }: { r: OutcomeLeaf }) {
  const { t } = useResultsT();
  if (r.reasons.length === 0) return null;
  return (
    <Space orientation="vertical" size={2}>
      {r.reasons.map((x, i) => (
        <Typography.Text key={i}><Typography.Text strong>{t(`reason.${x.kind}`)}:</Typography.Text> {x.text}</Typography.Text>
      ))}
    </Space>
  );
}

function Effective({ r }: { r: OutcomeLeaf }) {
  const { t } = useResultsT();
  const diff = Number(r.difference);
  return (
    <span>
      <Typography.Text strong>{pointsText(r.effective)}</Typography.Text>
      {diff !== 0 && <Typography.Text type={diff < 0 ? 'danger' : 'success'}> ({diff > 0 ? '+' : ''}{pointsText(r.difference)})</Typography.Text>}
      <br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`level.${r.level}`)}</Typography.Text>
    </span>
  );
}

function LeafResults({ rows, onOpen }: { rows: Row[]; onOpen: (key: string) => void }) {
  const { t } = useResultsT();
  const wide = Grid.useBreakpoint().md ?? true;
  const na = t('na');
  const title = (r: Row) => <Typography.Link onClick={() => onOpen(r.nodeKey)}><span className="as-code">{r.code}</span> {r.name}</Typography.Link>;
  if (!wide) {
    return (
      <List
        dataSource={rows}
        rowKey="nodeKey"
        renderItem={(r) => (
          <List.Item data-testid={`result-${r.nodeKey}`}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              {title(r)}
              <Typography.Text>
                {t('col.self')} {points(r.self, r.selfNotApplicable, na)} · {t('col.appraised')} {points(r.appraised, r.appraisedNotApplicable, na)}
                {r.council !== null && <> · {t('col.council')} {pointsText(r.council)}</>}
              </Typography.Text>
              <span>{t('col.effective')}: <Effective r={r} /></span>
              <Reasons r={r} />
            </Space>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<Row>
      size="small"
      rowKey="nodeKey"
      dataSource={rows}
      pagination={false}
      onRow={(r) => ({ 'data-testid': `result-${r.nodeKey}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'criterion', title: t('col.criterion'), render: (_, r) => title(r) },
        { key: 'self', title: t('col.self'), align: 'right', width: 90, render: (_, r) => points(r.self, r.selfNotApplicable, na) },
        { key: 'appraised', title: t('col.appraised'), align: 'right', width: 100, render: (_, r) => points(r.appraised, r.appraisedNotApplicable, na) },
        { key: 'council', title: t('col.council'), align: 'right', width: 90, render: (_, r) => pointsText(r.council) },
        { key: 'effective', title: t('col.effective'), align: 'right', width: 130, render: (_, r) => <Effective r={r} /> },
        { key: 'reasons', title: t('col.reasons'), width: '32%', render: (_, r) => <Reasons r={r} /> },
      ]}
    />
  );
}

export function ResultsTabLabel() {
  const { t } = useResultsT();
  return <span>{t('tab')}</span>;
}
