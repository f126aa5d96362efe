/**
 * A unit's report card (phiếu kết quả) on a published result (issue 11 §4–5): index, rank, class
 * and the change from last year; field indexes against the group's average; the lost points
 * ledger, biggest first, each line one click from its inputs and evidence; what-if per criterion.
 * For those who read every unit, the group's weak criteria and rank sensitivity below.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Grid, List, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { QueryError } from '../../components/errors';
import { ClassTag, FieldRadar, viChange, viDecimal } from '../../components/charts';
import { pts } from '../cycles/parts';
import { TraceDrawer } from '../council/TraceDrawer';
import { changeTone, TONE_COLOURS } from './change-tone';
import { CriterionDrawer } from './CriterionDrawer';
import { WeakCriteriaPanel } from './WeakCriteriaPanel';
import { useReportCard, type LostPointsLineView, type ReportCard, type WhatIfOptionView } from './report-card-api';
import { useReportCardT } from './report-card-i18n';
import { WhatIfText } from './WhatIfText';
import { DraftPlanLink } from '../follow-up/remediation/parts';

const KIND_COLOURS: Record<string, string> = {
  below_tier: 'gold', appraisal_change: 'volcano', missing_evidence: 'red', deduction: 'magenta', not_achieved: 'default', survey: 'geekblue',
};
const WHAT_IF_SHOWN = 8;

export function ReportCardPage({ cycleId, groupId, unitId }: { cycleId: string; groupId: string; unitId: string }) {
  const { t } = useReportCardT();
  const q = useReportCard(cycleId, groupId, unitId);
  const [open, setOpen] = useState<string | null>(null);
  const [fullTrace, setFullTrace] = useState(false);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const card = q.data;
  if (!card) return <Skeleton active />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="report-card">
      <div>
        <Link to="/results" search={{ cycle: cycleId, group: groupId }}>← {t('back')}</Link>
        <Typography.Title level={1} style={{ fontSize: 24, margin: '4px 0 0' }}>
          {t('title', { year: card.year })}: {card.unit.unitName}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('published', { program: card.program.name, group: card.groupName, number: card.snapshotNumber })}
          {card.decisionNumber ? ` · ${t('decision', { number: card.decisionNumber })}` : ''}
        </Typography.Text>
        <DraftPlanLink cycleId={cycleId} groupId={groupId} unitId={unitId} />
      </div>
      {card.note && <Alert type="warning" showIcon title={t('notExact')} description={card.note} />}
      <Headline card={card} />
      <Fields card={card} />
      {card.detail === 'criteria' ? (
        <>
          <Ledger card={card} onOpen={setOpen} />
          <WhatIf options={card.whatIf} />
          {card.readsGroup && <WeakCriteriaPanel cycleId={cycleId} groupId={groupId} />}
        </>
      ) : (
        // Imported from a published decision: field figures only, no per-criterion ledger, what-if or weak criteria.
        <Alert type="info" showIcon data-testid="fields-only" title={t('fieldsOnly', { year: card.year })}
          description={t('fieldsOnlyLost', { total: pts(card.ledger.totalLost), max: pts(card.applicableMax) })} />
      )}
      <CriterionDrawer cycleId={cycleId} groupId={groupId} unitId={unitId} nodeKey={open} onClose={() => setOpen(null)}
        onFullTrace={() => { setOpen(null); setFullTrace(true); }} />
      <TraceDrawer cycleId={cycleId} groupId={groupId} unit={fullTrace ? { id: unitId, name: card.unit.unitName } : null} onClose={() => setFullTrace(false)} />
    </Space>
  );
}

function Headline({ card }: { card: ReportCard }) {
  const { t } = useReportCardT();
  const mine = card.yearOverYear;
  const change = mine?.change ?? null;
  const previous = mine?.previous ?? null;
  const previousYear = previous?.year ?? null;
  const rank = change?.rank ?? null;
  const tone = change ? changeTone(change.index) : 'same';
  const ToneIcon = tone === 'up' ? ArrowUpOutlined : tone === 'down' ? ArrowDownOutlined : MinusOutlined;
  return (
    <Card>
      <Row gutter={[24, 16]}>
        <Col xs={12} md={5}><Statistic title={t('index')} value={viDecimal(card.index)} valueStyle={{ fontWeight: 700 }} /></Col>
        <Col xs={12} md={4}><Statistic title={t('rank')} value={t('rankOf', { rank: card.rank, of: card.rankedUnits })} /></Col>
        <Col xs={12} md={4}>
          <Statistic title={t('class')} valueRender={() => <ClassTag label={card.classLabel ?? t('unclassified')} testId="card-class" />} />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('points')} value={t('pointsOf', { achieved: pts(card.achieved), max: pts(card.applicableMax) })} />
          {card.bonus !== '0' && <Typography.Text type="secondary">{t('bonus', { bonus: pts(card.bonus) })}</Typography.Text>}
        </Col>
        <Col xs={24} md={6}>
          {change && previousYear !== null ? (
            <Statistic title={t('change', { year: previousYear })} valueRender={() => (
              <span data-testid="card-change">
                <span style={{ color: TONE_COLOURS[tone], fontWeight: 600 }} data-tone={tone}>
                  <ToneIcon /> {t('changeIndex', { change: viChange(change.index) })}
                </span>
                {rank !== null && <div style={{ fontSize: 14 }}>{rank > 0 ? t('rankUp', { count: rank }) : rank < 0 ? t('rankDown', { count: -rank }) : t('rankSame')}</div>}
                {rank === null && previous?.rank != null && previous.rankedUnits !== null && (
                  // Ranked in another cohort last year: both places, no change in places.
                  <div style={{ fontSize: 14 }} data-testid="card-rank-cohorts">
                    {t('rankCohorts', { from: `${previous.rank}/${previous.rankedUnits}`, to: `${card.rank}/${card.rankedUnits}` })}
                  </div>
                )}
              </span>
            )} />
          ) : (
            <Statistic title={t('change', { year: card.year - 1 })} value={t('noPrevious')} valueStyle={{ fontSize: 16, color: '#595959' }} />
          )}
        </Col>
      </Row>
    </Card>
  );
}

function Fields({ card }: { card: ReportCard }) {
  const { t } = useReportCardT();
  const averages = useMemo(() => new Map(card.fields.map((f) => [f.fieldKey, f.groupAverageIndex])), [card.fields]);
  const row = card.fields.length > 0 ? { unitName: card.unit.unitName, fields: card.fields } : null;
  return (
    <Card title={t('fields')}>
      <Row gutter={[24, 16]}>
        {row && (
          <Col xs={24} lg={11}>
            <Typography.Text type="secondary">{t('radar')}</Typography.Text>
            <FieldRadar unit={row} averages={averages} testId="card-radar" />
          </Col>
        )}
        <Col xs={24} lg={row ? 13 : 24}>
          <Table rowKey="fieldKey" size="small" pagination={false} dataSource={card.fields}
            columns={[
              { title: t('col.field'), render: (_v, f) => `${f.code}. ${f.name}` },
              { title: t('col.points'), align: 'right', width: 110, responsive: ['sm'], render: (_v, f) => `${pts(f.achieved)} / ${pts(f.applicableMax)}` },
              { title: t('col.index'), align: 'right', width: 80, render: (_v, f) => <strong>{viDecimal(f.componentIndex)}</strong> },
              { title: t('col.average'), align: 'right', width: 100, render: (_v, f) => viDecimal(f.groupAverageIndex) },
              { title: t('col.lost'), align: 'right', width: 90, responsive: ['sm'], render: (_v, f) => (f.lost === '0' ? '—' : t('lost', { points: pts(f.lost) })) },
            ]} />
        </Col>
      </Row>
    </Card>
  );
}

/** Why a line lost its points, in words. */
function useWhy() {
  const { t } = useReportCardT();
  return (l: LostPointsLineView): string[] => {
    const out: string[] = [];
    const main = l.causes.length > 1 ? l.causes : [];
    for (const c of l.causes) {
      let text: string;
      switch (c.kind) {
        case 'below_tier':
          text = l.nextTier ? t('why.below_tier', { interval: l.nextTier.interval, points: pts(l.nextTier.points), gain: pts(l.nextTier.gain) }) : t('why.below_tier_top');
          break;
        case 'appraisal_change':
        case 'missing_evidence':
          text = t(`why.${c.kind}`, { self: pts(l.self), achieved: pts(l.achieved) });
          break;
        case 'deduction':
          text = l.occurrences !== null ? t('why.deduction', { count: l.occurrences }) : t('why.deduction_points', { points: pts(c.points) });
          break;
        default:
          text = t(`why.${c.kind}`, { achieved: pts(l.achieved), max: pts(l.maxPoints) });
      }
      out.push(main.length > 0 ? `${t('why.part', { kind: t(`kinds.${c.kind}`), points: pts(c.points) })} — ${text}` : text);
    }
    if (l.reason) out.push(t('why.reason', { reason: l.reason }));
    return out;
  };
}

function Why({ l }: { l: LostPointsLineView }) {
  const { t } = useReportCardT();
  const why = useWhy();
  return (
    <>
      <Tag color={KIND_COLOURS[l.kind]}>{t(`kinds.${l.kind}`)}</Tag>
      {why(l).map((s, i) => <div key={i}><Typography.Text type={i === 0 ? undefined : 'secondary'}>{s}</Typography.Text></div>)}
    </>
  );
}

function Ledger({ card, onOpen }: { card: ReportCard; onOpen: (nodeKey: string) => void }) {
  const { t } = useReportCardT();
  const narrow = !Grid.useBreakpoint().md;
  const { ledger } = card;
  return (
    <Card title={t('ledger')} data-testid="ledger">
      <Typography.Paragraph type="secondary">
        {t('ledgerHelp', { total: pts(ledger.totalLost), max: pts(card.applicableMax) })}
        {ledger.cappedOut !== '0' ? ` ${t('ledgerCapped', { points: pts(ledger.cappedOut) })}` : ''}
      </Typography.Paragraph>
      {ledger.lines.length === 0 ? <Empty description={t('ledgerEmpty')} /> : narrow ? (
        <List size="small" dataSource={ledger.lines} pagination={ledger.lines.length > 20 ? { pageSize: 20, size: 'small' } : false} renderItem={(l) => (
          <List.Item data-testid={`ledger-${l.code}`} onClick={() => onOpen(l.nodeKey)} style={{ cursor: 'pointer', display: 'block' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span><strong>{l.code}</strong> {l.name}</span>
              <strong style={{ color: '#a8071a', whiteSpace: 'nowrap' }}>{t('lost', { points: pts(l.lost) })}</strong>
            </div>
            <Why l={l} />
          </List.Item>
        )} />
      ) : (
        <Table<LostPointsLineView> rowKey="nodeKey" size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={ledger.lines}
          onRow={(l) => ({ onClick: () => onOpen(l.nodeKey), style: { cursor: 'pointer' }, 'data-testid': `ledger-${l.code}` } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('col.criterion'), width: '36%', render: (_v, l) => <><strong>{l.code}</strong> {l.name}</> },
            { title: t('col.lost'), width: 90, align: 'right', render: (_v, l) => <strong style={{ color: '#a8071a' }}>{t('lost', { points: pts(l.lost) })}</strong> },
            { title: t('col.achieved'), width: 100, align: 'right', render: (_v, l) => `${pts(l.achieved)} / ${pts(l.maxPoints)}` },
            { title: t('col.why'), render: (_v, l) => <Why l={l} /> },
            { title: '', width: 90, render: (_v, l) => <Button size="small" onClick={(e) => { e.stopPropagation(); onOpen(l.nodeKey); }}>{t('open')}</Button> },
          ]} />
      )}
    </Card>
  );
}

function WhatIf({ options }: { options: WhatIfOptionView[] }) {
  const { t } = useReportCardT();
  const [all, setAll] = useState(false);
  const shown = all ? options : options.slice(0, WHAT_IF_SHOWN);
  return (
    <Card title={t('whatIf')} data-testid="what-if">
      <Typography.Paragraph type="secondary">{t('whatIfHelp')}</Typography.Paragraph>
      {options.length === 0 ? <Empty description={t('whatIfEmpty')} /> : (
        <>
          <List size="small" dataSource={shown} renderItem={(o) => (
            <List.Item data-testid={`what-if-${o.code}-${o.target}`}>
              <div>
                <WhatIfText o={o} />
                <div><Typography.Text type="secondary">{o.code}. {o.name}</Typography.Text></div>
              </div>
            </List.Item>
          )} />
          {options.length > WHAT_IF_SHOWN && (
            <Button type="link" onClick={() => setAll(!all)}>{all ? t('whatIfLess') : t('whatIfMore', { count: options.length })}</Button>
          )}
        </>
      )}
    </Card>
  );
}
