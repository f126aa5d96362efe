import { Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UnitState } from '@chiso/core';
import { formatDate } from '../../format';
import { useErrorMessage } from '../../components/errors';
import type { SaveState } from './autosave';
import { daysUntil } from './model';
import { NS } from './i18n';

export function useAsT() {
  return useTranslation(NS);
}

const STATE_COLORS: Partial<Record<UnitState, string>> = {
  draft: 'gold', submitted: 'blue', in_appraisal: 'processing', explanation_requested: 'orange', explained: 'cyan',
  appraised: 'geekblue', council_reviewed: 'purple', approved: 'green', published: 'success', returned_for_revision: 'red',
};

export function StateTag({ state }: { state: UnitState }) {
  const { t } = useAsT();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{t(`state.${state}`, { defaultValue: state })}</Tag>;
}

/** "15/11/2025 (còn 5 ngày)"; red once passed. */
export function Deadline({ value }: { value: string | null | undefined }) {
  const { t } = useAsT();
  if (!value) return <span>—</span>;
  const d = daysUntil(value);
  const rel = d > 0 ? t('deadline.left', { count: d }) : d === 0 ? t('deadline.today') : t('deadline.passed', { count: -d });
  return (
    <span>
      {formatDate(value)}{' '}
      <Typography.Text type={d < 0 ? 'danger' : d <= 3 ? 'warning' : 'secondary'}>({rel})</Typography.Text>
    </span>
  );
}

function hhmm(d: Date): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** The autosave status, read out politely to screen readers. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useAsT();
  const errMsg = useErrorMessage();
  let body: React.ReactNode = null;
  switch (state.kind) {
    case 'idle':
      body = <Typography.Text type="secondary">{t('save.idle')}</Typography.Text>;
      break;
    case 'saving':
      body = <Typography.Text type="secondary"><LoadingOutlined /> {t('save.saving')}</Typography.Text>;
      break;
    case 'saved':
      body = <Typography.Text type="success"><CheckCircleOutlined /> {t('save.savedAt', { time: hhmm(state.at) })}</Typography.Text>;
      break;
    case 'error':
      body = (
        <Tooltip title={errMsg(state.error)}>
          <Typography.Text type="danger"><CloseCircleOutlined /> {t('save.error')} </Typography.Text>
          <Typography.Link onClick={onRetry}>{t('save.retry')}</Typography.Link>
        </Tooltip>
      );
      break;
    case 'conflict':
      body = <Typography.Text type="warning"><ExclamationCircleOutlined /> {t('save.conflict')}</Typography.Text>;
      break;
  }
  return (
    <span role="status" aria-live="polite" data-testid="save-status">
      {body}
    </span>
  );
}
