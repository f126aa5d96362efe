/**
 * The province's view of a published group (issue 11 §4–5): the criteria where most points are
 * lost across units, the weak fields (lowest average index) and how sensitive each rank is to
 * single criteria. Shown only to those who read every unit of the cycle (the server refuses
 * others; the panel then shows nothing). Mountable on any page: `<WeakCriteriaPanel cycleId groupId />`.
 */
import { Card, Col, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { Link } from '@tanstack/react-router';
import { QueryError } from '../../components/errors';
import { ClassTag, viDecimal } from '../../components/charts';
import { pts } from '../cycles/parts';
import { useRankSensitivity, useWeakCriteria, type RankSensitivity, type WeakCriteria } from './report-card-api';
import { useReportCardT } from './report-card-i18n';
import { WhatIfText } from './WhatIfText';

const percent = (text: string) => `${viDecimal(text)}%`;

export function WeakCriteriaPanel({ cycleId, groupId, sensitivity = true }: { cycleId: string; groupId: string; sensitivity?: boolean }) {
  const weak = useWeakCriteria(cycleId, groupId);
  const sens = useRankSensitivity(cycleId, groupId, sensitivity && weak.data !== null && weak.data !== undefined);
  if (weak.error) return <QueryError error={weak.error} onRetry={() => void weak.refetch()} />;
  if (weak.isLoading) return <Skeleton active />;
  if (!weak.data) return null;
  return (
    <>
      <Weak data={weak.data} />
      {sensitivity && (sens.error ? <QueryError error={sens.error} /> : sens.data ? <Sensitivity data={sens.data} /> : sens.isLoading ? <Skeleton active /> : null)}
    </>
  );
}

function Weak({ data }: { data: WeakCriteria }) {
  const { t } = useReportCardT();
  return (
    <Card title={t('weak.title')} data-testid="weak-criteria">
      <Typography.Paragraph type="secondary">{t('weak.help', { group: data.groupName })}</Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={9}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>{t('weak.fields')}</Typography.Title>
          <Table rowKey="fieldKey" size="small" pagination={false} dataSource={data.fields} scroll={{ x: 360 }}
            columns={[
              { title: t('col.field'), render: (_v, f) => `${f.code}. ${f.name}` },
              { title: t('col.average'), align: 'right', width: 100, render: (_v, f) => <strong>{viDecimal(f.averageIndex)}</strong> },
              { title: t('col.lostPercent'), align: 'right', width: 90, render: (_v, f) => percent(f.lostPercent) },
            ]} />
        </Col>
        <Col xs={24} lg={15}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>{t('weak.criteria')}</Typography.Title>
          <Table rowKey="nodeKey" size="small" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={data.criteria} scroll={{ x: 640 }}
            columns={[
              { title: t('col.criterion'), width: 260, render: (_v, c) => <><strong>{c.code}</strong> {c.name}</> },
              { title: t('col.totalLost'), align: 'right', width: 90, render: (_v, c) => <strong>{pts(c.totalLost)}</strong> },
              { title: t('col.units'), align: 'right', width: 100, render: (_v, c) => t('weak.unitsLosing', { losing: c.unitsLosing, of: c.applicableUnits }) },
              { title: t('col.lostPercent'), align: 'right', width: 80, render: (_v, c) => percent(c.lostPercent) },
              { title: t('col.why'), width: 180, render: (_v, c) => c.kinds.map((k) => <Tag key={k.kind}>{t(`kinds.${k.kind}`)} ({k.units})</Tag>) },
            ]} />
        </Col>
      </Row>
    </Card>
  );
}

function Sensitivity({ data }: { data: RankSensitivity }) {
  const { t } = useReportCardT();
  const movers = data.criteria.slice(0, 5).map((c) => t('weak.moverItem', { code: c.code, count: c.unitsMovedUp })).join('; ');
  return (
    <Card title={t('weak.sensitivity')} data-testid="rank-sensitivity">
      <Typography.Paragraph type="secondary">
        {t('weak.sensitivityHelp')}{movers ? ` ${t('weak.movers', { list: movers })}` : ''}
      </Typography.Paragraph>
      <Table rowKey="unitId" size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={data.units} scroll={{ x: 720 }}
        columns={[
          { title: t('rank'), width: 60, align: 'right', dataIndex: 'rank' },
          { title: t('col.unit'), width: 220, render: (_v, u) => (
            <Link to="/results/$cycleId/$groupId/units/$unitId" params={{ cycleId: data.cycleId, groupId: data.groupId, unitId: u.unitId }}>{u.unitName}</Link>
          ) },
          { title: t('index'), width: 80, align: 'right', render: (_v, u) => viDecimal(u.index) },
          { title: t('class'), width: 110, render: (_v, u) => <ClassTag label={u.classLabel} /> },
          { title: t('col.smallest'), render: (_v, u) => (u.smallest ? <WhatIfText o={u.smallest} /> : t('weak.none')) },
        ]} />
    </Card>
  );
}
