/**
 * Points at risk now on the follow-up dashboard (§5): administrators and leaders see the open cycle's
 * total and the units with the most points at risk; a unit's staff their own count, points and first
 * criteria, with the way to their whole list. Nothing for a reader who sees neither.
 */
import { useState } from 'react';
import { Card, List, Select, Skeleton, Space, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { useCycleRisk, useUnitRisk } from '../../../api/mid-year-risk';
import { QueryError } from '../../../components/errors';
import { formatInteger } from '../../../format';
import { useRiskT } from './i18n';
import { KindCounts, RiskKindTag, riskPoints, useOpenCycles, useRiskReader } from './parts';

const TOP = 5;

export function RiskSummaryCard() {
  const { t } = useRiskT();
  const { readsAll, ownUnitId } = useRiskReader();
  const [chosen, setChosen] = useState<string>();
  const { cycleId, list, cycles } = useOpenCycles(chosen);
  if (!readsAll && !ownUnitId) return null;
  const picker = <CyclePicker cycleId={cycleId} cycles={list} onChange={setChosen} />;
  // Until the cycles are known, "no open cycle" would be a false statement.
  const none = cycles.isLoading ? <Skeleton active paragraph={{ rows: 2 }} /> : <Typography.Text type="secondary">{t('noCycle')}</Typography.Text>;
  return readsAll ? <TopUnits cycleId={cycleId} picker={picker} none={none} /> : <OwnTop cycleId={cycleId} picker={picker} none={none} unitId={ownUnitId!} />;
}

/** Several cycles open at once (the departments', the communes'…): the card reads one, chosen here. */
function CyclePicker({ cycleId, cycles, onChange }: { cycleId: string | undefined; cycles: readonly { id: string; name: string }[]; onChange: (id: string) => void }) {
  const { t } = useRiskT();
  if (cycles.length === 0) return null;
  if (cycles.length === 1) return <Typography.Text type="secondary">{cycles[0]!.name}</Typography.Text>;
  return (
    <Select<string> aria-label={t('cycle')} size="small" value={cycleId} onChange={onChange} style={{ width: '100%' }}
      options={cycles.map((c) => ({ value: c.id, label: c.name }))} />
  );
}

function RiskCard({ title, cycleId, children }: { title: string; cycleId: string | undefined; children: React.ReactNode }) {
  const { t } = useRiskT();
  return (
    <Card title={title} role="region" aria-label={title}
      extra={<Link to="/follow-up/risk" search={cycleId ? { cycle: cycleId } : {}}>{t('card.more')}</Link>}>
      {children}
    </Card>
  );
}

function TopUnits({ cycleId, picker, none }: { cycleId: string | undefined; picker: React.ReactNode; none: React.ReactNode }) {
  const { t } = useRiskT();
  const risk = useCycleRisk(cycleId, undefined);
  const v = risk.data;
  return (
    <RiskCard title={t('card.title')} cycleId={cycleId}>
      {!cycleId ? none
        : risk.error ? <QueryError error={risk.error} onRetry={() => void risk.refetch()} /> : (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {picker}
            {v && (
              <Typography.Text strong type={v.total.criteria ? 'danger' : undefined}>
                {v.total.criteria ? t('total', { points: riskPoints(v.total.points), criteria: formatInteger(v.total.criteria), units: formatInteger(v.units.length) }) : t('nothing')}
              </Typography.Text>
            )}
            {v && <KindCounts lines={v.lines} />}
            {(!v || v.units.length > 0) && <Typography.Text type="secondary">{t('card.topUnits')}</Typography.Text>}
            {(!v || v.units.length > 0) && <List
              size="small" loading={risk.isLoading} dataSource={(v?.units ?? []).slice(0, TOP)}
              renderItem={(u) => (
                <List.Item extra={<Typography.Text style={{ whiteSpace: 'nowrap' }}>{t('points', { points: riskPoints(u.points) })}</Typography.Text>}>
                  <Link to="/follow-up/risk" search={{ cycle: cycleId, unit: u.unitId }}>{u.unitName}</Link>
                </List.Item>
              )}
            />}
          </Space>
        )}
    </RiskCard>
  );
}

function OwnTop({ cycleId, picker, none, unitId }: { cycleId: string | undefined; picker: React.ReactNode; none: React.ReactNode; unitId: string }) {
  const { t } = useRiskT();
  const risk = useUnitRisk(cycleId, unitId, undefined);
  const v = risk.data;
  const notParticipating = (risk.error as { status?: number } | null)?.status === 404;
  return (
    <RiskCard title={t('card.unitTitle')} cycleId={cycleId}>
      {!cycleId ? none
        : notParticipating ? <Typography.Text type="secondary">{t('notParticipating')}</Typography.Text>
          : risk.error ? <QueryError error={risk.error} onRetry={() => void risk.refetch()} /> : (
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {picker}
              {v && (
                <Typography.Text strong type={v.total.criteria ? 'danger' : undefined}>
                  {v.total.criteria ? t('unitTotal', { points: riskPoints(v.total.points), criteria: formatInteger(v.total.criteria) }) : t('nothing')}
                </Typography.Text>
              )}
              {v && <KindCounts lines={v.lines} />}
              {v && v.lines.length > 0 && <Typography.Text type="secondary">{t('card.topLines')}</Typography.Text>}
              {/* The server lists a unit's lines by points at risk, largest first. */}
              {(!v || v.lines.length > 0) && <List
                size="small" loading={risk.isLoading} dataSource={(v?.lines ?? []).filter((l) => l.counted).slice(0, TOP)}
                renderItem={(l) => (
                  <List.Item extra={<Typography.Text style={{ whiteSpace: 'nowrap' }}>{t('points', { points: riskPoints(l.pointsAtRisk) })}</Typography.Text>}>
                    <Space orientation="vertical" size={2}>
                      <Link to="/assessments/$cycleId/$unitId" params={{ cycleId: cycleId!, unitId }} search={{ node: l.nodeKey }}>{l.code}. {l.name}</Link>
                      <RiskKindTag kind={l.kind} />
                    </Space>
                  </List.Item>
                )}
              />}
            </Space>
          )}
    </RiskCard>
  );
}
