/**
 * Remediation plans (issue 12 §2): a unit sees its plans and drafts one from a published result not
 * yet planned; the administrator, council and leaders see every unit's plan with its status and
 * quarterly progress.
 */
import { useState } from 'react';
import { Alert, Button, Empty, List, Modal, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from '@tanstack/react-router';
import { QueryError, SaveError } from '../../../components/errors';
import { useDraftRemediationPlan, useRemediationPlans, type RemediationPlans, type RemediationPlanSummary } from '../../../api/remediation';
import type { FollowUpSearch } from '../search';
import { useFollowUpT } from '../i18n';
import { useRemediationT } from './i18n';
import { PlanStatusTag, planPoints } from './parts';

export function PlansPage({ search }: { search: FollowUpSearch; id?: string }) {
  const { t } = useRemediationT();
  const { t: followUp } = useFollowUpT();
  const q = useRemediationPlans();
  // Opened from a report card: the drafting dialog, that result first.
  const [drafting, setDrafting] = useState(!!search.cycle);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const { plans, candidates, readsAll } = q.data;
  const staff = !readsAll || candidates.length > 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="remediation-plans">
      <div>
        <Link to="/follow-up">← {followUp('title')}</Link>
        <Typography.Title level={1} style={{ fontSize: 24, margin: '4px 0 0' }}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('intro')}</Typography.Paragraph>
      </div>
      {staff && (
        <div>
          <Button type="primary" onClick={() => setDrafting(true)}>{t('draft')}</Button>
        </div>
      )}
      {plans.length === 0 ? <Empty description={t('empty')} /> : <PlansTable plans={plans} readsAll={readsAll} />}
      {drafting && <DraftModal candidates={candidates} first={search.cycle} firstGroup={search.group} onClose={() => setDrafting(false)} />}
    </Space>
  );
}

function QuarterCells({ plan }: { plan: RemediationPlanSummary }) {
  const { t } = useRemediationT();
  if (plan.status !== 'accepted') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      {plan.quarters.map((q) => (
        <Tag key={q.quarter} color={plan.itemCount > 0 && q.done === plan.itemCount ? 'green' : q.done > 0 ? 'gold' : 'default'}>
          {t('quarterShort', { q: q.quarter })}: {t('quarterDone', { done: q.done, total: plan.itemCount })}
        </Tag>
      ))}
    </Space>
  );
}

function PlansTable({ plans, readsAll }: { plans: RemediationPlanSummary[]; readsAll: boolean }) {
  const { t } = useRemediationT();
  return (
    <Table<RemediationPlanSummary>
      rowKey="id"
      size="middle"
      dataSource={plans}
      pagination={plans.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        ...(readsAll ? [{ key: 'unit', title: t('col.unit'), render: (_: unknown, p: RemediationPlanSummary) => p.unit.unitName }] : []),
        {
          key: 'results', title: t('col.results'),
          render: (_, p) => <Link to="/follow-up/plans/$planId" params={{ planId: p.id }}>{t('resultsOf', { year: p.year, group: p.groupName })}</Link>,
        },
        { key: 'status', title: t('col.status'), render: (_, p) => <PlanStatusTag status={p.status} /> },
        { key: 'items', title: t('col.items'), align: 'right', responsive: ['md'], render: (_, p) => p.itemCount },
        { key: 'lost', title: t('col.lost'), align: 'right', render: (_, p) => planPoints(p.pointsAtStake) },
        { key: 'progress', title: t('col.progress'), responsive: ['lg'], render: (_, p) => <QuarterCells plan={p} /> },
      ]}
    />
  );
}

function DraftModal({ candidates, first, firstGroup, onClose }: { candidates: RemediationPlans['candidates']; first?: string; firstGroup?: string; onClose: () => void }) {
  const { t } = useRemediationT();
  const draft = useDraftRemediationPlan();
  const navigate = useNavigate();
  const isFirst = (c: RemediationPlans['candidates'][number]) => c.cycleId === first && (!firstGroup || c.groupId === firstGroup);
  const sorted = [...candidates.filter(isFirst), ...candidates.filter((c) => !isFirst(c))];
  return (
    <Modal open title={t('draftTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('draftHelp')}</Typography.Paragraph>
      {draft.error && <SaveError error={draft.error} />}
      {sorted.length === 0 ? (
        <Alert type="info" showIcon title={t('noCandidates')} />
      ) : (
        <List
          dataSource={sorted}
          renderItem={(c) => (
            <List.Item
              actions={[
                <Button key="draft" type={isFirst(c) ? 'primary' : 'default'} loading={draft.isPending && draft.variables?.cycleId === c.cycleId}
                  aria-label={`${t('draftOne')} ${c.cycleName}`}
                  onClick={() => draft.mutate({ cycleId: c.cycleId, groupId: c.groupId, unitId: c.unitId }, {
                    onSuccess: (plan) => void navigate({ to: '/follow-up/plans/$planId', params: { planId: plan.id } }),
                  })}>
                  {t('draftOne')}
                </Button>,
              ]}
            >
              <List.Item.Meta title={c.cycleName} description={<>{t('resultsOf', { year: c.year, group: c.groupName })}{c.imported ? ` · ${t('imported')}` : ''}{c.previousPlanId ? ` · ${t('amendedCandidate', { n: c.snapshotNumber })}` : ''}</>} />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
