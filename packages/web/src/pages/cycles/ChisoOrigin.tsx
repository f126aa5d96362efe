import { Popover, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { ChisoOrigin } from '@chiso/contract';
import { idx } from './parts';
import { useHistoryT } from '../public/history-i18n';

/**
 * Where a figure pulled from chiso came from: the source cycle and its organiser, and — behind a
 * popover — every published figure it was taken from (for an average: each unit's index), with
 * the publication (or amendment) and decision it comes from.
 */
export function ChisoOriginNote({ origin }: { origin: ChisoOrigin }) {
  const { t } = useHistoryT();
  const head = origin.source === 'units_under'
    ? t(origin.decimals === null ? 'origin.average' : 'origin.averageRounded', { count: origin.figures.length, cycle: origin.cycleName, decimals: origin.decimals })
    : t('origin.own', { cycle: origin.cycleName });
  const figures = (
    <div style={{ maxWidth: 420 }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{origin.ownerName ? t('origin.owner', { name: origin.ownerName }) : t('origin.ownerProvince')}</Typography.Paragraph>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {origin.figures.map((f) => (
          <li key={f.unitId}>
            {t(f.decisionNumber ? 'origin.figureDecision' : 'origin.figure', { code: f.unitCode, name: f.unitName, index: idx(f.index), number: f.snapshotNumber, decision: f.decisionNumber })}
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <span data-testid="chiso-origin">
      <Typography.Text type="secondary">{head}</Typography.Text>{' '}
      <Popover title={t('origin.details')} content={figures} trigger={['click', 'hover']}>
        <Typography.Link aria-label={t('origin.details')}><InfoCircleOutlined /></Typography.Link>
      </Popover>
    </span>
  );
}
