import { Space, Tooltip, Typography } from 'antd';
import type { UnitYearOverYear } from '../../api/public-results';
import { viChange, viDecimal } from '../../components/charts/figures';
import { usePublicT } from './public-i18n';

const tone = (n: number) => (n > 0 ? 'success' : n < 0 ? 'danger' : 'secondary') as 'success' | 'danger' | 'secondary';

/** "+2,50" / "−7,21" coloured by direction; the earlier index (and how it compares) in the tooltip. */
export function IndexChange({ u }: { u: UnitYearOverYear }) {
  const { t } = usePublicT();
  if (!u.change || !u.previous) return <Typography.Text type="secondary">—</Typography.Text>;
  const n = Number(u.change.index);
  const hint = [t('previousIndex', { year: u.previous.year, index: viDecimal(u.previous.index) }), u.previous.basis !== 'same' ? t(u.previous.basis) : null].filter(Boolean).join(' · ');
  return (
    <Tooltip title={hint}>
      <Typography.Text type={tone(n)} strong data-testid="public-index-change" aria-label={`${viChange(u.change.index)} (${hint})`}>
        {viChange(u.change.index)}{u.previous.basis !== 'same' && <sup>*</sup>}
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
    <Typography.Text type={tone(r)} data-testid="public-rank-change" title={label} aria-label={label}>
      {r > 0 ? `↑${r}` : r < 0 ? `↓${-r}` : '='}
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

/** A count change as "+5" / "−2" / "0". */
export function countChange(n: number | null): string {
  if (n === null) return '—';
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0';
}

