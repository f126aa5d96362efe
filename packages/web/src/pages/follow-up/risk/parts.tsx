/** What the risk page and the dashboard card share: who reads what, the open cycles, the points and the list of criteria. */
import { Collapse, List, Space, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { formatPointsFigure, parseDecimal, rationalFromDecimal, sumRational } from '@chiso/core';
import type { CycleSummary } from '@chiso/contract';
import type { RiskKindValue, RiskLineView } from '../../../api/mid-year-risk';
import { useCycles } from '../../../api/cycles';
import { useMe } from '../../../api/hooks';
import { formatDecimal, formatInteger } from '../../../format';
import { useRiskT } from './i18n';

/** Administrators, council members and leaders read every unit; a unit's staff its own list. */
export function useRiskReader() {
  const me = useMe();
  const readsAll = me?.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer') ?? false;
  const staff = me?.roles.some((r) => r === 'unit_officer' || r === 'unit_head') ?? false;
  return { me, readsAll, ownUnitId: staff ? me?.unit.id : undefined };
}

/**
 * The cycle a reader of every unit lands on: among those whose progress it reads, its own level's
 * (the province's for the province's readers, its organisation's for a scoped one), then the one with
 * the most participants, then the newest. A unit's staff: its own unit's cycles are the open ones.
 */
export function defaultCycle(list: readonly CycleSummary[], scopeId: string | null | undefined): CycleSummary | undefined {
  const own = (c: CycleSummary) => ((c.owner?.id ?? null) === (scopeId ?? null) ? 1 : 0);
  return [...list].sort((a, b) => own(b) - own(a) || (b.counts?.units ?? 0) - (a.counts?.units ?? 0) || b.year - a.year || a.name.localeCompare(b.name, 'vi'))[0];
}

/** The open cycles run on chiso (the risk is about points still to be earned), and the one chosen. */
export function useOpenCycles(chosen: string | undefined) {
  const cycles = useCycles();
  const { me, readsAll } = useRiskReader();
  // A reader of every unit only reads the cycles it sees the progress of (a scoped administrator: its organisation's).
  const list = (cycles.data?.items ?? []).filter((c) => c.status === 'open' && c.origin === 'chiso' && (!readsAll || c.counts !== null));
  const cycleId = chosen && list.some((c) => c.id === chosen) ? chosen : (readsAll ? defaultCycle(list, me?.scope?.id) : list[0])?.id;
  return { cycles, list, cycleId };
}

/** "3,50" (two decimals at least, exact beyond). */
export const riskPoints = (text: string) => formatDecimal(text, { minDecimals: 2, group: true });

/** Exact: a blank criterion risks its maximum, a terminating decimal. */
const sumPointsText = (lines: readonly RiskLineView[]) => formatPointsFigure(sumRational(lines.map((l) => rationalFromDecimal(parseDecimal(l.pointsAtRisk)!))), 0, 'plain');

const KIND_COLOR: Record<RiskKindValue, string> = { evidence_missing: 'orange', not_assessed: 'default', feed_below_tier: 'blue', task_overdue: 'red' };

export function RiskKindTag({ kind, count }: { kind: RiskKindValue; count?: number }) {
  const { t } = useRiskT();
  return <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0 }}>{t(`kind.${kind}`)}{count === undefined ? '' : `: ${formatInteger(count)}`}</Tag>;
}

/** How many criteria each reason holds (the lines counted), the concrete reasons first. */
export function KindCounts({ lines }: { lines: readonly RiskLineView[] }) {
  const order: RiskKindValue[] = ['task_overdue', 'evidence_missing', 'feed_below_tier', 'not_assessed'];
  const counts = order.map((k) => [k, lines.filter((l) => l.counted && l.kind === k).length] as const).filter(([, n]) => n > 0);
  if (counts.length === 0) return null;
  return <Space wrap size={6}>{counts.map(([k, n]) => <RiskKindTag key={k} kind={k} count={n} />)}</Space>;
}

/** A unit's criteria not yet assessed, folded into one line: early in a cycle it is nearly every criterion. */
function NotAssessedLine({ cycleId, lines, withUnit }: { cycleId: string; lines: readonly RiskLineView[]; withUnit: boolean }) {
  const { t } = useRiskT();
  const first = lines[0]!;
  return (
    <List.Item>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap size={8} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong>{withUnit ? `${first.unitName}: ` : ''}{t('blank.line', { n: formatInteger(lines.length) })}</Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('atRisk', { points: riskPoints(sumPointsText(lines)) })}</Typography.Text>
        </Space>
        <Space wrap size={8}><RiskKindTag kind="not_assessed" /></Space>
        {/* A unit's blank criteria share one explanation: the deadline. */}
        <Typography.Text>{first.explanation}</Typography.Text>
        <Collapse ghost size="small" items={[{
          key: 'codes', label: t('blank.show'),
          children: <Typography.Text type="secondary">{lines.map((l) => `${l.code}. ${l.name}`).join('; ')}</Typography.Text>,
        }]} />
        <Link to="/assessments/$cycleId/$unitId" params={{ cycleId, unitId: first.unitId }}>{t('blank.open')}</Link>
      </Space>
    </List.Item>
  );
}

/**
 * The criteria at risk, one stacked item each (phones and wide screens alike): code and name, reason,
 * points, links — the concrete reasons first, then per unit one line for what it has not assessed yet.
 */
export function RiskLines({ cycleId, lines, withUnit = false, pageSize }: { cycleId: string; lines: readonly RiskLineView[]; withUnit?: boolean; pageSize?: number }) {
  const { t } = useRiskT();
  const concrete = lines.filter((l) => l.kind !== 'not_assessed');
  const blank = new Map<string, RiskLineView[]>();
  for (const l of lines) if (l.kind === 'not_assessed') blank.set(l.unitId, [...(blank.get(l.unitId) ?? []), l]);
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      {(concrete.length > 0 || blank.size === 0) && <List<RiskLineView>
        dataSource={concrete}
        pagination={pageSize && concrete.length > pageSize ? { pageSize, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: t('nothing') }}
        rowKey={(l) => `${l.unitId}:${l.nodeKey}:${l.kind}:${l.taskId ?? ''}`}
        renderItem={(l) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={8} style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>{l.code}. {l.name}</Typography.Text>
                <Typography.Text type={l.counted ? 'danger' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>{t('atRisk', { points: riskPoints(l.pointsAtRisk) })}</Typography.Text>
              </Space>
              <Space wrap size={8}>
                <RiskKindTag kind={l.kind} />
                {withUnit && <Typography.Text type="secondary">{l.unitName}</Typography.Text>}
                <Typography.Text type="secondary">{l.agencyName ?? t('noAgency')}</Typography.Text>
              </Space>
              <Typography.Text>{l.explanation}</Typography.Text>
              {!l.counted && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('notCounted')}</Typography.Text>}
              <Space wrap size={16}>
                <Link to="/assessments/$cycleId/$unitId" params={{ cycleId, unitId: l.unitId }} search={{ node: l.nodeKey }}>{t('openCriterion')}</Link>
                {l.taskId && <Link to="/follow-up/tasks/$taskId" params={{ taskId: l.taskId }}>{t('openTask')}</Link>}
              </Space>
            </Space>
          </List.Item>
        )}
      />}
      {blank.size > 0 && <List
        dataSource={[...blank.values()]}
        pagination={pageSize && blank.size > pageSize ? { pageSize, size: 'small', showSizeChanger: false } : false}
        rowKey={(ls) => ls[0]!.unitId}
        renderItem={(ls) => <NotAssessedLine cycleId={cycleId} lines={ls} withUnit={withUnit} />}
      />}
    </Space>
  );
}
