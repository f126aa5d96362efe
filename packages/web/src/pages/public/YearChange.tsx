import { Space, Tooltip, Typography } from 'antd';
import type { UnitYearOverYear } from '../../api/public-results';
import { viDecimal } from '../../components/charts/figures';
import { changeSign, formatChange, formatRankArrow } from '../../format';
import { usePublicT } from './public-i18n';

const TONES = { 1: 'success', [-1]: 'danger', 0: 'secondary' } as const;
/** The text type of a change: a rise green, a fall red, none (zero) neutral. */
export const changeTone = (change: string | number) => TONES[changeSign(change)];

/** "+2,50" / "−7,21" coloured by direction; the earlier index (and how it compares) in the tooltip. */
export function IndexChange({ u }: { u: UnitYearOverYear }) {
  const { t } = usePublicT();
  if (!u.change || !u.previous) return <Typography.Text type="secondary">—</Typography.Text>;
  const hint = [t('previousIndex', { year: u.previous.year, index: viDecimal(u.previous.index) }), u.previous.basis !== 'same' ? t(u.previous.basis) : null].filter(Boolean).join(' · ');
  return (
    <Tooltip title={hint}>
      <Typography.Text type={changeTone(u.change.index)} strong data-testid="public-index-change" aria-label={`${formatChange(u.change.index)} (${hint})`}>
        {formatChange(u.change.index)}{u.previous.basis !== 'same' && <sup>*</sup>}
      </Typography.Text>
    </Tooltip>
  );
}

/** "↑2" / "↓3" / "=" (places gained); nothing when ranks do not compare (a merged unit). */
export function RankChange({ u }: { u: UnitYearOverYear }) {
  const { t } = usePublicT();
  const r = u.change?.rank;
  if (r === null || r === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const label = r > 0 ? t('rankUp', { n: r }) : r < 0 ? t('rankDown', { n: -r }) : t('rankSame');
  return (
    <Typography.Text type={changeTone(r)} data-testid="public-rank-change" title={label} aria-label={label}>
      {formatRankArrow(r)}
    </Typography.Text>
  );
}

/** The class against last year's: "↑ từ Khá", "↓ từ Tốt", "="; nothing when it does not compare. */
export function ClassChange({ u }: { u: UnitYearOverYear }) {
  const { t } = usePublicT();
  const c = u.change?.classChange;
  const from = u.previous?.classLabel;
  if (!c || !from) return <Typography.Text type="secondary">—</Typography.Text>;
  if (c === 'same') return <Typography.Text type="secondary" data-testid="public-class-change">{t('classSame')}</Typography.Text>;
  return (
    <Typography.Text type={c === 'up' ? 'success' : 'danger'} data-testid="public-class-change">
      {c === 'up' ? '↑' : '↓'} {t(c === 'up' ? 'classUp' : 'classDown', { from })}
    </Typography.Text>
  );
}

/** The three changes in one line (a phone's card), against the unit's own earlier year. */
export function UnitChanges({ u }: { u: UnitYearOverYear }) {
  const { t } = usePublicT();
  if (!u.change || !u.previous) return null;
  return (
    <Space size={[12, 2]} wrap data-testid="public-change">
      <Typography.Text type="secondary">{t('compared', { year: u.previous.year })}:</Typography.Text>
      <IndexChange u={u} />
      <RankChange u={u} />
      {u.change.classChange && <ClassChange u={u} />}
    </Space>
  );
}

