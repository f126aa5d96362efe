/**
 * The bottom line of a unit's card in "my work": while it may still edit, its deadline; once
 * submitted, its state (never "overdue"); once published, the official index, rank and class of
 * the published snapshot (issue 7, blocker 5).
 */
import { Col, Row, Statistic, Typography } from 'antd';
import type { MyAssessment } from '../../api/assessments';
import { Deadline, StateTag, useAsT } from './parts';
import { indexText } from './model';
import { useResultsT } from './results-i18n';
import './work-card.css';

const EDITING = new Set(['draft', 'returned_for_revision']);

/** While the unit may still enter its self-assessment, its deadline matters; after, never "overdue". */
export const showsDeadline = (state: string) => EDITING.has(state);
const APPRAISED = new Set(['appraised', 'council_reviewed', 'approved']);

export function WorkStatus({ a }: { a: MyAssessment }) {
  const { t: at } = useAsT();
  const { t } = useResultsT();
  const p = a.published;
  if (p) {
    return (
      <div data-testid="my-published">
        <Typography.Text strong>{t('work.published')}</Typography.Text>
        <Row gutter={[16, 8]}>
          <Col xs={12} sm={8}><Statistic title={t('publishedIndex')} value={indexText(p.index)} /></Col>
          <Col xs={12} sm={8}><Statistic title={t('rank')} value={t('rankOf', { rank: p.rank, of: p.rankOf })} /></Col>
          <Col xs={24} sm={8}><Statistic title={t('class')} value={p.classLabel ?? '—'} /></Col>
        </Row>
      </div>
    );
  }
  if (showsDeadline(a.state)) {
    return (
      <div>
        <Typography.Text type="secondary">{at('myWork.deadline')}: </Typography.Text>
        <Deadline value={a.deadline} />
      </div>
    );
  }
  return (
    <div data-testid="my-state">
      <Typography.Text type="secondary">{t('work.state')}: </Typography.Text>
      <StateTag state={a.state} />
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        {APPRAISED.has(a.state) ? t('work.appraisedHint') : t('work.awaiting')}
      </Typography.Paragraph>
    </div>
  );
}
