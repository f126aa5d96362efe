import { Button, Select, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type BoundKind, type DocTier, NEW_TIER, boundKind, boundOf } from './model';
import type { FieldErrors } from './FormField';
import { DecimalInput, useFwT } from './parts';

/** The tiers of a rate rule: each a range of percentages (bounds inclusive, exclusive or open) and its points. */
export function TiersEditor({ tiers, readOnly, prefix, errorsFor, onChange }: {
  tiers: DocTier[]; readOnly: boolean; prefix: string; errorsFor: FieldErrors; onChange: (t: DocTier[]) => void;
}) {
  const { t } = useFwT();
  const setTier = (i: number, patch: Partial<DocTier>) => onChange(tiers.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const setBound = (i: number, side: 'lower' | 'upper', kind: BoundKind, percent?: string) =>
    setTier(i, { [side]: boundOf(tiers[i]![side], kind, percent) });
  return (
    <div role="group" aria-label={t('rule.tiers')}>
      <Typography.Text strong>{t('rule.tiers')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('rule.tiersHint')}</Typography.Paragraph>
      {tiers.map((tier, i) => {
        const errs = errorsFor(`${prefix}[${i}]`);
        return (
          <div key={i} style={{ marginBottom: 8 }}>
            <Space wrap size={4} align="center">
              <Typography.Text type="secondary">{t('rule.tierN', { n: i + 1 })}</Typography.Text>
              {boundFields(t, tier, 'lower', i + 1, readOnly, (k, v) => setBound(i, 'lower', k, v))}
              <Typography.Text type="secondary">{t('rule.and')}</Typography.Text>
              {boundFields(t, tier, 'upper', i + 1, readOnly, (k, v) => setBound(i, 'upper', k, v))}
              <Typography.Text type="secondary">→</Typography.Text>
              <DecimalInput size="small" style={{ width: 72 }} aria-label={t('rule.tierPoints', { n: i + 1 })}
                value={tier.points} disabled={readOnly} onChange={(v) => setTier(i, { points: v })} />
              <Typography.Text type="secondary">{t('rule.pointsUnit')}</Typography.Text>
              {!readOnly && (
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('rule.removeTier', { n: i + 1 })}
                  onClick={() => onChange(tiers.filter((_, j) => j !== i))} />
              )}
            </Space>
            {errs.length > 0 && <div className="ant-form-item-explain-error">{errs.join('; ')}</div>}
          </div>
        );
      })}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...tiers, NEW_TIER])}>
          {t('rule.addTier')}
        </Button>
      )}
    </div>
  );
}

const BOUND_SIGNS = { lower: { incl: '≥', excl: '>' }, upper: { incl: '≤', excl: '<' } } as const;

/**
 * One bound of tier `n`: its kind (≥ > or open, ≤ < or open) and its percentage. A fragment, not a
 * component, so that the surrounding Space spaces the two inputs like the others.
 */
function boundFields(t: TFunction, tier: DocTier, side: 'lower' | 'upper', n: number, readOnly: boolean, onChange: (kind: BoundKind, percent?: string) => void) {
  const bound = tier[side];
  const signs = BOUND_SIGNS[side];
  return (
    <>
      <Select<BoundKind> aria-label={t(`rule.${side}Kind`, { n })} size="small" style={{ width: 88 }} disabled={readOnly}
        value={boundKind(bound)}
        options={[{ value: 'incl', label: signs.incl }, { value: 'excl', label: signs.excl }, { value: 'none', label: '—', title: t('rule.unbounded') }]}
        onChange={(k) => onChange(k)} />
      {bound && (
        <DecimalInput kind="percent" size="small" style={{ width: 72 }} aria-label={t(`rule.${side}Percent`, { n })}
          value={bound.percent} disabled={readOnly} suffix="%"
          onChange={(v) => onChange(boundKind(bound), v)} />
      )}
    </>
  );
}
