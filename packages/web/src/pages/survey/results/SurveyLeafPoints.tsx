/**
 * A survey criterion on the unit's self-assessment page: the points the sociological survey
 * supplied, which survey gave them and from how many respondents, with a way to the unit's own
 * survey results once the survey is closed (a drawer, held to the unit). Before any survey has
 * scored the unit, it says the points come from the survey.
 */
import { useState } from 'react';
import { Alert, Button, Drawer, Grid, Space, Tag, Typography } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { useParams } from '@tanstack/react-router';
import type { FrameworkNode } from '@chiso/core';
import { formatDecimal, formatInteger } from '../../../format';
import { useUnitSurveyPoints, type UnitSurveyPoints } from './api';
import { useResultsT } from './i18n';
import { ResultsTab } from './ResultsTab';

export function SurveyLeafPoints({ node, unitId }: { node: FrameworkNode; unitId: string }) {
  const { t } = useResultsT();
  const { cycleId } = useParams({ strict: false }) as { cycleId?: string };
  const q = useUnitSurveyPoints(cycleId, unitId);
  const [open, setOpen] = useState<UnitSurveyPoints | null>(null);
  const phone = !Grid.useBreakpoint().md;
  const rows = (q.data ?? []).filter((r) => r.nodeKey === node.key);
  if (rows.length === 0) return <Alert type="info" showIcon title={t('unit.title')} description={q.data ? t('unit.none') : undefined} />;
  return (
    <section aria-label={t('unit.title')} data-testid="survey-leaf-points">
      <Typography.Text strong>{t('unit.title')}</Typography.Text>
      {rows.map((r) => (
        <div key={r.surveyId} style={{ marginTop: 8 }}>
          <Space wrap>
            <Typography.Text strong style={{ fontSize: 18 }}>{r.points === null ? '—' : t('unit.points', { points: formatDecimal(r.points) })}</Typography.Text>
            {r.belowMinimum && <Tag color="orange">{t('results.fewRespondents')}</Tag>}
            {r.status !== 'closed' && <Tag>{t('unit.notClosed')}</Tag>}
          </Space>
          <div><Typography.Text type="secondary">{t('unit.from', { survey: r.surveyName, count: formatInteger(r.respondents) })}</Typography.Text></div>
          {r.mayOpenResults && <Button type="link" icon={<BarChartOutlined />} style={{ paddingInline: 0 }} onClick={() => setOpen(r)}>{t('unit.open')}</Button>}
        </div>
      ))}
      {open && (
        <Drawer open width={phone ? '100%' : 960} title={t('unit.drawer', { survey: open.surveyName })} onClose={() => setOpen(null)}>
          <ResultsTab surveyId={open.surveyId} unitId={unitId} />
        </Drawer>
      )}
    </section>
  );
}
