/** What the risk page and the dashboard card share: who reads what, the open cycles, the points and the list of criteria. */
import { List, Space, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import type { RiskKindValue, RiskLineView } from '../../../api/mid-year-risk';
import { useCycles } from '../../../api/cycles';
import { useMe } from '../../../api/hooks';
import { formatDecimal } from '../../../format';
import { useRiskT } from './i18n';

/** Administrators, council members and leaders read every unit; a unit's staff its own list. */
export function useRiskReader() {
  const me = useMe();
  const readsAll = me?.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer') ?? false;
  const staff = me?.roles.some((r) => r === 'unit_officer' || r === 'unit_head') ?? false;
  return { me, readsAll, ownUnitId: staff ? me?.unit.id : undefined };
}

/** The open cycles run on chiso (the risk is about points still to be earned), and the one chosen. */
export function useOpenCycles(chosen: string | undefined) {
  const cycles = useCycles();
  const list = (cycles.data?.items ?? []).filter((c) => c.status === 'open' && c.origin === 'chiso');
  const cycleId = chosen && list.some((c) => c.id === chosen) ? chosen : list[0]?.id;
  return { cycles, list, cycleId };
}

/** "3,50" (two decimals at least, exact beyond). */
export const riskPoints = (text: string) => formatDecimal(text, { minDecimals: 2, group: true });

const KIND_COLOR: Record<RiskKindValue, string> = { evidence_missing: 'orange', feed_below_tier: 'blue', task_overdue: 'red' };

export function RiskKindTag({ kind }: { kind: RiskKindValue }) {
  const { t } = useRiskT();
  return <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0 }}>{t(`kind.${kind}`)}</Tag>;
}

/** The criteria at risk, one stacked item each (phones and wide screens alike): code and name, reason, points, links. */
export function RiskLines({ cycleId, lines, loading, withUnit }: { cycleId: string; lines: readonly RiskLineView[]; loading?: boolean; withUnit?: boolean }) {
  const { t } = useRiskT();
  return (
    <List<RiskLineView>
      loading={loading}
      dataSource={[...lines]}
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
    />
  );
}
