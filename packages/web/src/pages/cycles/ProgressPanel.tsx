import { useMemo, useState } from 'react';
import { Alert, Card, Checkbox, Col, Grid, Input, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Cycle, UnitProgress, UnitState } from '../../api/cycles';
import { useCycleProgress } from '../../api/cycles';
import { QueryError } from '../../components/errors';
import { formatDate, formatInteger } from '../../format';
import { foldVietnamese, matchesQuery } from '../../lib/text';
import { UnitStateTag, useCyT } from './parts';
import { ActionsTitle, SubmissionModeTag, UnitActionsMenu } from './NonSubmission';

/** The administrator's dashboard: per unit and per appraising agency, how far along. */
export function ProgressPanel({ cycle }: { cycle: Cycle }) {
  const { t } = useCyT();
  const progress = useCycleProgress(cycle.status === 'setup' ? undefined : cycle.id);
  const [q, setQ] = useState('');
  const [state, setState] = useState<UnitState | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [group, setGroup] = useState<string | undefined>();
  // On a wide screen the unit's name stays in place while the figures scroll; a phone needs the room.
  const wide = Grid.useBreakpoint().md === true;

  const names = useMemo(() => new Map(cycle.units.map((u) => [u.unitId, u])), [cycle.units]);
  const agencyNames = useMemo(() => new Map(cycle.agencies.map((a) => [a.agencyCode, a.agencyName || a.unitName])), [cycle.agencies]);
  const folded = foldVietnamese(q);
  const rows = (progress.data?.units ?? []).filter((u) => {
    const info = names.get(u.unitId);
    if (state && u.state !== state) return false;
    if (overdueOnly && u.overdue.length === 0) return false;
    if (group && info?.groupId !== group) return false;
    return matchesQuery(`${info?.code ?? u.code} ${info?.name ?? u.name}`, folded);
  });

  if (cycle.status === 'setup') return <Alert type="info" showIcon title={t('progress.notOpen')} />;
  if (progress.error) return <QueryError error={progress.error} onRetry={() => void progress.refetch()} />;
  const totals = progress.data?.totals;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('progress.units')} value={totals ? formatInteger(totals.units) : '—'} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('progress.submitted')} value={totals ? formatInteger(totals.submitted) : '—'} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('progress.appraised')} value={totals ? formatInteger(totals.appraised) : '—'} /></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('progress.overdue')} value={totals ? formatInteger(totals.overdue) : '—'}
              styles={{ content: { color: totals && totals.overdue > 0 ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('progress.byUnit')}</Typography.Title>
      <Space wrap>
        <Input.Search allowClear placeholder={t('common.search')} aria-label={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 240 }} />
        <Select allowClear placeholder={t('common.group')} aria-label={t('common.group')} value={group} onChange={setGroup} style={{ width: 200 }}
          options={cycle.groups.map((g) => ({ value: g.groupId, label: g.groupName }))} />
        <Select<UnitState> allowClear placeholder={t('progress.stateFilter')} aria-label={t('progress.stateFilter')} value={state} onChange={setState} style={{ width: 220 }}
          options={['draft', 'submitted', 'in_appraisal', 'explanation_requested', 'explained', 'appraised', 'council_reviewed', 'approved', 'published', 'returned_for_revision']
            .map((s) => ({ value: s as UnitState, label: t(`unitState.${s}`) }))} />
        <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)}>{t('progress.overdueOnly')}</Checkbox>
      </Space>
      <Table<UnitProgress>
        rowKey="unitId"
        size="small"
        loading={progress.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(u) => ({ style: u.overdue.length ? { color: '#a8071a', background: '#fff1f0' } : undefined })}
        columns={[
          { title: t('common.unit'), width: 260, fixed: wide ? 'left' as const : undefined, render: (_v, u) => names.get(u.unitId)?.name ?? u.name },
          { title: t('progress.criteriaFilled'), width: 180, render: (_v, u) => (
            <Space>
              <Progress percent={u.applicableLeaves ? Math.round((u.filledLeaves / u.applicableLeaves) * 100) : 0} size="small" style={{ width: 90 }} showInfo={false}
                aria-label={`${u.filledLeaves}/${u.applicableLeaves}`} />
              <span>{u.filledLeaves}/{u.applicableLeaves}</span>
            </Space>
          ) },
          { title: t('common.state'), width: 170, render: (_v, u) => <Space size={4} wrap><UnitStateTag state={u.state} /><SubmissionModeTag mode={u.submissionMode} owner={cycle.owner} /></Space> },
          { title: t('setup.deadline'), width: 110, render: (_v, u) => formatDate(typeof u.deadline === 'number' ? new Date(u.deadline).toISOString() : u.deadline) },
          { title: t('progress.openRequests'), width: 110, dataIndex: 'openRequests' },
          { title: t('progress.overdue'), width: 150, render: (_v, u) => u.overdue.map((k) => <Tag color="red" key={k}>{t(`progress.overdueKind.${k}`)}</Tag>) },
          ...(rows.some((u) => (u.actions ?? []).length > 0) ? [{ key: 'actions', width: 120, fixed: wide ? 'right' as const : undefined, title: <ActionsTitle />, render: (_v: unknown, u: UnitProgress) => <UnitActionsMenu cycle={cycle} row={u} name={names.get(u.unitId)?.name ?? u.name ?? u.unitId} /> }] : []),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('progress.byAgency')}</Typography.Title>
      <Table
        rowKey="agency"
        size="small"
        loading={progress.isLoading}
        dataSource={progress.data?.agencies ?? []}
        pagination={false}
        columns={[
          { title: t('common.agency'), render: (_v, a) => agencyNames.get(a.agency) ?? a.unitName ?? a.agency },
          { title: t('progress.units'), dataIndex: 'units', width: 90 },
          { title: t('progress.assigned'), dataIndex: 'assigned', width: 100 },
          { title: t('progress.appraised'), dataIndex: 'appraised', width: 120 },
          { title: t('progress.pending'), dataIndex: 'pending', width: 130 },
          { title: t('progress.openRequests'), dataIndex: 'openRequests', width: 110 },
          { title: t('progress.overdue'), dataIndex: 'overdue', width: 100, render: (n: number) => (n > 0 ? <Typography.Text type="danger" strong>{n}</Typography.Text> : n) },
        ]}
      />
    </Space>
  );
}
