import { Button, Select, Space, Typography } from 'antd';
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
              <Select<BoundKind> aria-label={t('rule.lowerKind', { n: i + 1 })} size="small" style={{ width: 88 }} disabled={readOnly}
                value={boundKind(tier.lower)}
                options={[{ value: 'incl', label: '≥' }, { value: 'excl', label: '>' }, { value: 'none', label: '—', title: t('rule.unbounded') }]}
                onChange={(k) => setBound(i, 'lower', k)} />
              {tier.lower && (
                <DecimalInput kind="percent" size="small" style={{ width: 72 }} aria-label={t('rule.lowerPercent', { n: i + 1 })}
                  value={tier.lower.percent} disabled={readOnly} suffix="%"
                  onChange={(v) => setBound(i, 'lower', boundKind(tier.lower), v)} />
              )}
              <Typography.Text type="secondary">{t('rule.and')}</Typography.Text>
              <Select<BoundKind> aria-label={t('rule.upperKind', { n: i + 1 })} size="small" style={{ width: 88 }} disabled={readOnly}
                value={boundKind(tier.upper)}
                options={[{ value: 'incl', label: '≤' }, { value: 'excl', label: '<' }, { value: 'none', label: '—', title: t('rule.unbounded') }]}
                onChange={(k) => setBound(i, 'upper', k)} />
              {tier.upper && (
                <DecimalInput kind="percent" size="small" style={{ width: 72 }} aria-label={t('rule.upperPercent', { n: i + 1 })}
                  value={tier.upper.percent} disabled={readOnly} suffix="%"
                  onChange={(v) => setBound(i, 'upper', boundKind(tier.upper), v)} />
              )}
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
