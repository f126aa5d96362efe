/**
 * One criterion of a published result, from the report card's ledger: its published points and
 * their source, the data-feed figures, the evidence and the decisions up to the publication (the
 * published trace of the unit, one leaf of it); the whole trace one click further.
 */
import { Descriptions, Drawer, Empty, Skeleton, Tag, Typography } from 'antd';
import { EvidenceLinks, LIST_STYLE } from '../../components/EvidenceLinks';
import { usePublishedTrace } from '../../api/results';
import { QueryError } from '../../components/errors';
import { formatDateTime } from '../../format';
import { pts, useCyT } from '../cycles/parts';
import { useReportCardT } from './report-card-i18n';


export function CriterionDrawer({ cycleId, groupId, unitId, nodeKey, onClose, onFullTrace }: {
  cycleId: string;
  groupId: string;
  unitId: string;
  nodeKey: string | null;
  onClose: () => void;
  onFullTrace: () => void;
}) {
  const { t } = useReportCardT();
  const { t: cy } = useCyT();
  const trace = usePublishedTrace(cycleId, groupId, nodeKey ? unitId : null);
  const leaf = trace.data?.leaves.find((l) => l.nodeKey === nodeKey);
  return (
    <Drawer open={!!nodeKey} onClose={onClose} size={560} destroyOnHidden
      title={leaf ? t('drawer.title', { code: leaf.code, name: leaf.name }) : ''}>
      {trace.error ? <QueryError error={trace.error} /> : !trace.data ? <Skeleton active /> : !leaf ? <Empty /> : (
        <div data-testid="criterion-drawer">
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('drawer.max')}>{pts(leaf.maxPoints)}</Descriptions.Item>
            <Descriptions.Item label={t('drawer.self')}>{pts(leaf.selfPoints)}</Descriptions.Item>
            <Descriptions.Item label={t('drawer.published')}>
              <strong>{leaf.notApplicable ? t('drawer.notApplicable') : pts(leaf.effectivePoints)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('drawer.source')}>
              <Tag>{t(`levels.${leaf.level}`, { defaultValue: leaf.level })}</Tag>
              {leaf.feed && (
                <div><Typography.Text type="secondary">
                  {t('drawer.feed', { numerator: leaf.feed.numerator, denominator: leaf.feed.denominator, source: leaf.feed.source, period: leaf.feed.period })}
                </Typography.Text></div>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={3} style={{ fontSize: 16 }}>{t('drawer.evidence')}</Typography.Title>
          {leaf.evidence.length === 0 ? <Typography.Paragraph type="secondary">{t('drawer.noEvidence')}</Typography.Paragraph> : (
            <EvidenceLinks evidence={leaf.evidence} />
          )}
          <Typography.Title level={3} style={{ fontSize: 16 }}>{t('drawer.decisions')}</Typography.Title>
          {leaf.decisions.length === 0 ? <Typography.Paragraph type="secondary">{t('drawer.noDecisions')}</Typography.Paragraph> : (
            <ul style={LIST_STYLE}>
              {leaf.decisions.map((d, i) => (
                <li key={i}>
                  <Typography.Text type="secondary">{formatDateTime(d.at)}</Typography.Text> {d.actor ?? ''}: {cy(`council.trace.actions.${d.action}`, { defaultValue: d.action })}
                  {d.reason ? <> — <em>{d.reason}</em></> : null}
                </li>
              ))}
            </ul>
          )}
          <Typography.Link onClick={onFullTrace} style={{ display: 'inline-block', marginTop: 8 }}>{t('drawer.fullTrace')}</Typography.Link>
        </div>
      )}
    </Drawer>
  );
}
