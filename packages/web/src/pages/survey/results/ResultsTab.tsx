/**
 * The survey's results (issue 13 §6): filters by rated unit and respondent group, one card per
 * question with its chart (counts and shares per choice), the weighted mean and the means per
 * unit; the points per unit × criterion with the "ít phiếu" flag; the files. A unit's staff see
 * the same view held to their own unit (`unitId`), without files.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { QueryError } from '../../../components/errors';
import { formatDecimal, formatInteger, formatPercent } from '../../../format';
import { aggregatedExportUrl, rawExportUrl, useSurveyResults, type SurveyQuestionResult, type SurveyResults, type SurveyUnitScore } from './api';
import { useResultsT } from './i18n';
import { QuestionChart } from './QuestionChart';

export function ResultsTab({ surveyId, unitId: heldUnit }: { surveyId: string; unitId?: string }) {
  const { t } = useResultsT();
  const [unitId, setUnitId] = useState<string | undefined>(heldUnit);
  const [group, setGroup] = useState<string | undefined>();
  const q = useSurveyResults(surveyId, { ...(unitId ? { unitId } : {}), ...(group ? { group } : {}) });
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const r = q.data;
  const codes = new Map(r.scores.map((s) => [s.nodeKey, s.criterionCode]));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="survey-results">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('results.intro')}</Typography.Paragraph>
      <Space wrap align="end">
        {!heldUnit && (
          <label>
            <div>{t('results.unit')}</div>
            <Select style={{ width: 280, maxWidth: '80vw' }} allowClear showSearch optionFilterProp="label" placeholder={t('results.allUnits')} value={unitId}
              onChange={(v?: string) => setUnitId(v)} options={r.units.map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))} aria-label={t('results.unit')} />
          </label>
        )}
        {r.groups.length > 1 && (
          <label>
            <div>{t('results.group')}</div>
            <Select style={{ width: 240, maxWidth: '80vw' }} allowClear placeholder={t('results.allGroups')} value={group} onChange={(v?: string) => setGroup(v)}
              options={r.groups.map((g) => ({ value: g.key, label: g.label }))} aria-label={t('results.group')} />
          </label>
        )}
        {r.mayExport && <ExportButtons surveyId={surveyId} />}
      </Space>
      <ScoresTable results={r} />
      {r.questionnaires.length === 0 && <Empty description={t('results.noQuestionnaires')} />}
      {r.questionnaires.map((qn) => (
        <Card key={qn.id} size="small" title={`${qn.code} · ${qn.title}`} extra={<Tag>{qn.respondentGroupLabel}</Tag>}>
          <Typography.Paragraph>{t('results.responses', { n: formatInteger(qn.responses) })}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {qn.questions.map((question) => (
              <Col key={question.name} xs={24} xl={12}>
                <QuestionCard question={question} units={r.units} showUnits={!unitId} criterionCode={codes.get(question.criterionKey ?? '')} />
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </Space>
  );
}

function ExportButtons({ surveyId }: { surveyId: string }) {
  const { t } = useResultsT();
  return (
    <Tooltip title={t('results.exportNote')}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={rawExportUrl(surveyId, 'xlsx')} download>{t('results.exportRawXlsx')}</Button>
        <Button icon={<DownloadOutlined />} href={rawExportUrl(surveyId, 'csv')} download>{t('results.exportRawCsv')}</Button>
        <Button icon={<DownloadOutlined />} href={aggregatedExportUrl(surveyId)} download>{t('results.exportAggregated')}</Button>
      </Space>
    </Tooltip>
  );
}

function QuestionCard({ question, units, showUnits, criterionCode }: { question: SurveyQuestionResult; units: SurveyResults['units']; showUnits: boolean; criterionCode?: string }) {
  const { t } = useResultsT();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const isNumber = question.type === 'integer' || question.type === 'decimal';
  const meanText = question.mean === null ? null : isNumber ? t('results.numberMean', { value: formatDecimal(question.mean) }) : t('results.mean', { value: formatPercent(question.mean) });
  return (
    <section aria-label={question.label} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, height: '100%' }}>
      <Typography.Text strong>{question.label}</Typography.Text>{' '}
      {question.criterionKey && <Tag color="blue">{t('results.criterion', { code: criterionCode ?? question.criterionKey })}</Tag>}
      <div><Typography.Text type="secondary">{t('results.answered', { n: formatInteger(question.n) })}{meanText ? ` · ${meanText}` : ''}</Typography.Text></div>
      {question.n === 0 ? <Typography.Paragraph type="secondary">{t('results.noAnswers')}</Typography.Paragraph>
        : question.choices.length > 0 ? <QuestionChart question={question} />
          : question.type === 'text' ? <Typography.Paragraph type="secondary">{t('results.textOnly', { count: question.n })}</Typography.Paragraph> : null}
      {showUnits && question.byUnit.length > 1 && question.byUnit.some((u) => u.mean !== null) && (
        <details>
          <summary>{t('results.byUnit')}</summary>
          <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
            {[...question.byUnit].sort((a, b) => (unitName.get(a.unitId) ?? '').localeCompare(unitName.get(b.unitId) ?? '', 'vi')).map((u) => (
              <li key={u.unitId}>{unitName.get(u.unitId) ?? u.unitId}: {u.mean === null ? '—' : isNumber ? formatDecimal(u.mean) : formatPercent(u.mean)} ({t('results.answered', { n: formatInteger(u.n) })})</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

interface ScoreRow { unitId: string; unitCode: string; unitName: string; scores: Map<string, SurveyUnitScore> }

/** The points as a table of units (rows) × survey criteria (columns): each cell the points, respondents and the "ít phiếu" flag. */
function ScoresTable({ results }: { results: SurveyResults }) {
  const { t } = useResultsT();
  if (results.scores.length === 0) return <Alert type="info" showIcon title={t('results.noScores')} />;
  const criteria = [...new Map(results.scores.map((s) => [s.nodeKey, s])).values()]
    .sort((a, b) => a.criterionCode.localeCompare(b.criterionCode, 'vi', { numeric: true }));
  const rows = new Map<string, ScoreRow>();
  for (const s of results.scores) {
    const row = rows.get(s.unitId) ?? { unitId: s.unitId, unitCode: s.unitCode, unitName: s.unitName, scores: new Map() };
    row.scores.set(s.nodeKey, s);
    rows.set(s.unitId, row);
  }
  // One unit (a unit's own view, or filtered): its criteria as rows, readable on a phone.
  if (rows.size === 1) {
    const [only] = [...rows.values()];
    return (
      <Card size="small" title={`${t('results.scores')} · ${only!.unitName}`}>
        <Table<SurveyUnitScore> size="small" rowKey="nodeKey" dataSource={criteria.map((c) => only!.scores.get(c.nodeKey)!).filter(Boolean)} pagination={false}
          data-testid="survey-scores"
          columns={[
            { title: t('results.col.criterion'), key: 'c', render: (_, s) => `${s.criterionCode} ${s.criterionName}` },
            { title: t('results.col.points'), key: 'p', align: 'right', render: (_, s) => <ScoreCell score={s} /> },
            { title: t('results.col.max'), key: 'm', align: 'right', render: (_, s) => formatDecimal(s.maxPoints), responsive: ['sm'] },
          ]} />
      </Card>
    );
  }
  return (
    <Card size="small" title={t('results.scores')}>
      <Table<ScoreRow> size="small" rowKey="unitId" dataSource={[...rows.values()]} pagination={rows.size > 25 ? { pageSize: 25 } : false}
        scroll={{ x: 'max-content' }} data-testid="survey-scores"
        columns={[
          {
            title: t('results.col.unit'), key: 'unit', fixed: 'left', width: 220,
            render: (_, r) => <span><Typography.Text type="secondary">{r.unitCode}</Typography.Text> {r.unitName}</span>,
          },
          ...criteria.map((c) => ({
            key: c.nodeKey, align: 'right' as const,
            title: <Tooltip title={`${c.criterionCode} ${c.criterionName} · ${t('results.col.max')} ${formatDecimal(c.maxPoints)}`}><span>{c.criterionCode}</span></Tooltip>,
            render: (_: unknown, r: ScoreRow) => <ScoreCell score={r.scores.get(c.nodeKey)} />,
          })),
        ]} />
    </Card>
  );
}

function ScoreCell({ score: s }: { score: SurveyUnitScore | undefined }) {
  const { t } = useResultsT();
  if (!s) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={`${t('results.col.exact')}: ${s.exact === null ? '—' : formatDecimal(s.exact)} · ${t('results.answered', { n: formatInteger(s.respondents) })}`}>
      <div style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text strong>{s.points === null ? t('results.withheld') : formatDecimal(s.points)}</Typography.Text>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('results.people', { n: formatInteger(s.respondents) })}</Typography.Text></div>
        {s.belowMinimum && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('results.fewRespondents')}</Tag>}
      </div>
    </Tooltip>
  );
}
