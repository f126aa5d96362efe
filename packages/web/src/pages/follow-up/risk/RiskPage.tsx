/**
 * Mid-year risk (§5): the criteria that may lose points at a date during an open cycle. Administrators,
 * the council and leaders see the sums per unit and per appraising agency and open a unit's list; a
 * unit's staff land on their own list.
 */
import { Alert, Button, Card, Col, DatePicker, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useCycleRisk, useUnitRisk, type CycleRiskView } from '../../../api/mid-year-risk';
import { QueryError } from '../../../components/errors';
import { DATE_INPUT_FORMAT, formatDate, formatInteger } from '../../../format';
import type { FollowUpSearch } from '../search';
import { useRiskT } from './i18n';
import { KindCounts, RiskLines, riskPoints, useOpenCycles, useRiskReader } from './parts';

export function RiskPage({ search }: { search: FollowUpSearch; id?: string }) {
  const { t } = useRiskT();
  const navigate = useNavigate();
  const { me, readsAll, ownUnitId } = useRiskReader();
  const { cycles, list, cycleId } = useOpenCycles(search.cycle);
  const asOf = search.asOf && /^\d{4}-\d{2}-\d{2}$/.test(search.asOf) ? search.asOf : undefined;
  const go = (patch: FollowUpSearch) => void navigate({ to: '/follow-up/risk', search: { ...search, ...patch }, replace: true });
  const all = useCycleRisk(cycleId, asOf, readsAll);
  const own = useUnitRisk(cycleId, ownUnitId, asOf, !!me && !readsAll);
  const shownAsOf = asOf ?? (readsAll ? all.data?.asOf : own.data?.asOf);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('intro')}</Typography.Paragraph>
      </div>
      <Space wrap size="middle" style={{ width: '100%' }}>
        <Select<string> aria-label={t('cycle')} placeholder={t('chooseCycle')} style={{ width: 320, maxWidth: '100%' }} value={cycleId} loading={cycles.isLoading}
          options={list.map((c) => ({ value: c.id, label: c.name }))} onChange={(v) => go({ cycle: v, unit: undefined })} />
        <Space size={8}>
          <Typography.Text>{t('asOf')}</Typography.Text>
          <DatePicker aria-label={t('asOf')} format={DATE_INPUT_FORMAT} allowClear={!!asOf} value={shownAsOf ? dayjs(shownAsOf) : null}
            onChange={(d) => go({ asOf: d ? d.format('YYYY-MM-DD') : undefined })} />
        </Space>
      </Space>
      {cycles.error ? <QueryError error={cycles.error} onRetry={() => void cycles.refetch()} />
        : !cycleId ? (cycles.isLoading ? <Skeleton active /> : <Alert type="info" showIcon title={t('noCycle')} />)
          : readsAll ? <AllUnits cycleId={cycleId} query={all} unitId={search.unit} onUnit={(unit) => go({ unit })} />
            : <OwnList cycleId={cycleId} query={own} />}
    </Space>
  );
}

function Horizon({ days, deadline }: { days: number; deadline: string }) {
  const { t } = useRiskT();
  return <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('horizon', { days, deadline: formatDate(deadline) })}</Typography.Paragraph>;
}

function OwnList({ cycleId, query }: { cycleId: string; query: ReturnType<typeof useUnitRisk> }) {
  const { t } = useRiskT();
  if (query.error) {
    const notFound = (query.error as { status?: number }).status === 404;
    return notFound ? <Alert type="info" showIcon title={t('notParticipating')} /> : <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <Skeleton active />;
  const v = query.data;
  return (
    <Card title={v.unitName}>
      <Typography.Paragraph strong type={v.total.criteria ? 'danger' : undefined}>
        {v.total.criteria ? t('unitTotal', { points: riskPoints(v.total.points), criteria: formatInteger(v.total.criteria) }) : t('nothing')}
      </Typography.Paragraph>
      <Space orientation="vertical" size={8}>
        <KindCounts lines={v.lines} />
        <Horizon days={v.horizonDays} deadline={v.selfAssessmentDeadline} />
      </Space>
      {v.lines.length > 0 && <RiskLines cycleId={cycleId} lines={v.lines} />}
    </Card>
  );
}

function AllUnits({ cycleId, query, unitId, onUnit }: { cycleId: string; query: ReturnType<typeof useCycleRisk>; unitId: string | undefined; onUnit: (unitId: string | undefined) => void }) {
  const { t } = useRiskT();
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const v = query.data;
  const unit = unitId ? v.units.find((u) => u.unitId === unitId) : undefined;
  const concrete = v.lines.filter((l) => l.kind !== 'not_assessed');
  if (unit) {
    return (
      <Card title={unit.unitName} extra={<Button type="link" onClick={() => onUnit(undefined)}>{t('backToUnits')}</Button>}>
        <Typography.Paragraph strong type="danger">{t('unitTotal', { points: riskPoints(unit.points), criteria: formatInteger(unit.criteria) })}</Typography.Paragraph>
        <KindCounts lines={v.lines.filter((l) => l.unitId === unit.unitId)} />
        <RiskLines cycleId={cycleId} lines={v.lines.filter((l) => l.unitId === unit.unitId)} />
      </Card>
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Paragraph strong type={v.total.criteria ? 'danger' : undefined} style={{ fontSize: 16, marginBottom: 4 }}>
          {v.total.criteria ? t('total', { points: riskPoints(v.total.points), criteria: formatInteger(v.total.criteria), units: formatInteger(v.units.length) }) : t('nothing')}
        </Typography.Paragraph>
        <Space orientation="vertical" size={8}>
          <KindCounts lines={v.lines} />
          <Horizon days={v.horizonDays} deadline={v.selfAssessmentDeadline} />
        </Space>
      </div>
      {concrete.length > 0 && (
        <Card title={t('concrete')} size="small" role="region" aria-label={t('concrete')}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('concreteHint')}</Typography.Paragraph>
          <RiskLines cycleId={cycleId} lines={concrete} withUnit pageSize={20} />
        </Card>
      )}
      {v.units.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}><UnitTable view={v} onUnit={onUnit} /></Col>
          <Col xs={24} xl={10}><AgencyTable view={v} /></Col>
        </Row>
      )}
    </Space>
  );
}

function UnitTable({ view, onUnit }: { view: CycleRiskView; onUnit: (unitId: string) => void }) {
  const { t } = useRiskT();
  const blank = new Map<string, number>();
  for (const l of view.lines) if (l.kind === 'not_assessed') blank.set(l.unitId, (blank.get(l.unitId) ?? 0) + 1);
  return (
    <Card title={t('byUnit')} size="small" role="region" aria-label={t('byUnit')}>
      <Table<CycleRiskView['units'][number]>
        size="small" pagination={false} rowKey="unitId" dataSource={view.units}
        columns={[
          { title: t('col.unit'), render: (_v, u) => <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onUnit(u.unitId)}>{u.unitName}</Button> },
          { title: t('col.points'), align: 'right', width: 110, render: (_v, u) => riskPoints(u.points) },
          { title: t('col.criteria'), align: 'right', width: 80, render: (_v, u) => formatInteger(u.criteria) },
          { title: t('col.blank'), align: 'right', width: 90, render: (_v, u) => formatInteger(blank.get(u.unitId) ?? 0) },
        ]}
      />
    </Card>
  );
}

function AgencyTable({ view }: { view: CycleRiskView }) {
  const { t } = useRiskT();
  return (
    <Card title={t('byAgency')} size="small" role="region" aria-label={t('byAgency')}>
      <Table<CycleRiskView['agencies'][number]>
        size="small" pagination={false} rowKey={(a) => a.agency ?? ''} dataSource={view.agencies}
        columns={[
          { title: t('col.agency'), render: (_v, a) => a.agencyName ?? t('noAgency') },
          { title: t('col.points'), align: 'right', width: 110, render: (_v, a) => riskPoints(a.points) },
          { title: t('col.criteria'), align: 'right', width: 80, render: (_v, a) => formatInteger(a.criteria) },
        ]}
      />
    </Card>
  );
}
