import { useEffect } from 'react';
import { Alert } from 'antd';
import { useCorrectionFlags } from '../../api/corrections';
import { formatDate } from '../../format';
import { useCorrT } from '../cycles/corrections-i18n';

/**
 * "Tiêu chí đã được điều chỉnh — vui lòng kiểm tra lại": the open correction flags of one criterion
 * of the unit (a framework correction applied to the open cycle). A save of the criterion answers
 * them, so they are fetched again when the record's version moves.
 */
export function CorrectionFlag({ cycleId, unitId, nodeKey, version }: { cycleId: string; unitId: string; nodeKey: string; version: number }) {
  const { t } = useCorrT();
  const flags = useCorrectionFlags(cycleId, unitId);
  const { refetch } = flags;
  useEffect(() => {
    void refetch();
  }, [version, refetch]);
  const open = (flags.data?.items ?? []).filter((f) => f.nodeKey === nodeKey && f.open);
  if (open.length === 0) return null;
  const first = open[0]!;
  const details = open.filter((f) => f.kind !== 'changed').map((f) => f.message);
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="correction-flag"
      title={t('flag.changed')}
      description={[...details, `${t('flag.reason', { reason: first.reason })} (${formatDate(first.flaggedAt)})`].join(' · ')} />
  );
}
