/** One what-if in words, with the rank and class changes highlighted. */
import { Tag } from 'antd';
import { viChange, viDecimal } from '../../components/charts';
import { pts } from '../cycles/parts';
import type { WhatIfOptionView } from './report-card-api';
import { useReportCardT } from './report-card-i18n';

/** "+2,50 điểm ở 5.2 → chỉ số 71,25 (+20,00) → hạng 7 → 5, Khá → Tốt". */
export function WhatIfText({ o }: { o: WhatIfOptionView }) {
  const { t } = useReportCardT();
  const rankMoved = o.placesGained > 0;
  return (
    <span>
      <strong>{t('whatIfLine', { gain: pts(o.gain), code: o.code })}</strong>
      {o.target === 'next_tier' && <Tag style={{ marginInlineStart: 6 }}>{t('whatIfNextTier')}</Tag>}
      {' → '}{t('whatIfIndex', { index: viDecimal(o.after.index), gain: viChange(o.indexGain) })}
      {' → '}
      {rankMoved
        ? <Tag color="green">{t('whatIfRank', { from: o.before.rank, to: o.after.rank })}</Tag>
        : <span>{t('whatIfRankSame', { rank: o.before.rank })}</span>}
      {o.classChanged && (
        <>, <Tag color="green">{t('whatIfClass', { from: o.before.classLabel ?? t('unclassified'), to: o.after.classLabel ?? t('unclassified') })}</Tag></>
      )}
    </span>
  );
}

