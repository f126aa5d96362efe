/**
 * What the unit must know about its record beyond its state: returned for revision (why, until
 * when), recorded as not submitted, or submitted on its behalf — by the cycle's organiser (`owner`: its
 * organising unit; null, the province's Sở Nội vụ; undefined while unknown).
 */
import { Alert } from 'antd';
import type { CycleSummary, UnitNotes } from '../../api/cycles';
import { formatDate } from '../../format';
import { useOrganiserT } from '../cycles/non-submission-i18n';

export function UnitNotice({ a, owner, compact }: { a: UnitNotes & { state: string }; owner: CycleSummary['owner'] | undefined; compact?: boolean }) {
  const { t, organiser } = useOrganiserT(owner);
  if (a.state === 'returned_for_revision' && a.returnReason) {
    const lines = [t('notice.reason', { reason: a.returnReason }), ...(a.revisionDeadline ? [t('notice.deadline', { date: formatDate(a.revisionDeadline) })] : [])];
    return (
      <Alert type="warning" showIcon data-testid="unit-notice" title={t('notice.returnedTitle')}
        description={lines.map((l) => <div key={l}>{l}</div>)} />
    );
  }
  if (a.submissionMode === 'not_submitted') {
    return <Alert type="error" showIcon data-testid="unit-notice" title={t('notice.notSubmittedTitle', { organiser })} description={compact ? undefined : t('notice.notSubmittedText')} />;
  }
  if (a.submissionMode === 'on_behalf') return <Alert type="info" showIcon data-testid="unit-notice" title={t('notice.onBehalfTitle', { organiser })} />;
  return null;
}
