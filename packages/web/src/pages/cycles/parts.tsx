import { DatePicker, Tag, Typography } from 'antd';
import type { DatePickerProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatPoints, parsePoints } from '@chiso/core';
import { isApiError } from '../../api/client';
import type { CriterionStatus, CycleStatus, UnitState } from '../../api/cycles';
import { DATE_INPUT_FORMAT, formatNumber } from '../../format';
import { NS } from './i18n';

export function useCyT() {
  return useTranslation(NS);
}

const STATE_COLORS: Record<UnitState, string> = {
  draft: 'default', submitted: 'blue', in_appraisal: 'processing', explanation_requested: 'orange', explained: 'cyan',
  appraised: 'green', council_reviewed: 'geekblue', approved: 'purple', published: 'success', returned_for_revision: 'red',
};
const CRITERION_COLORS: Record<CriterionStatus, string> = {
  draft: 'default', pending: 'blue', explanation_requested: 'orange', explained: 'cyan', appraised: 'green',
  council_proposed: 'gold', council_approved: 'purple',
};

export function UnitStateTag({ state }: { state: UnitState }) {
  const { t } = useCyT();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{t(`unitState.${state}`, { defaultValue: state })}</Tag>;
}

export function CriterionStatusTag({ status }: { status: CriterionStatus }) {
  const { t } = useCyT();
  return <Tag color={CRITERION_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>{t(`criterionStatus.${status}`, { defaultValue: status })}</Tag>;
}

export function CycleStatusTag({ status }: { status: CycleStatus }) {
  const { t } = useCyT();
  return <Tag color={status === 'open' ? 'green' : status === 'closed' ? 'default' : 'gold'}>{t(`status.${status}`)}</Tag>;
}

/** Points given as a decimal string ("0.750") or a number → "0,75" (the core's display of points). */
export function pts(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = parsePoints(value);
  if (p !== null) return formatPoints(p);
  const n = Number(value);
  return Number.isFinite(n) ? formatNumber(n, 2) : String(value);
}

/** An index (percent) with two decimals and a decimal comma: 73,79. */
export function idx(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? formatNumber(n, 2) : String(value);
}

/** A dd/MM/yyyy date picker whose value is YYYY-MM-DD text. */
export function DayPicker({ value, onChange, ...rest }: { value?: string; onChange?: (v: string | undefined) => void } & Omit<DatePickerProps, 'value' | 'onChange' | 'format'>) {
  return (
    <DatePicker
      {...rest}
      format={DATE_INPUT_FORMAT}
      value={value ? dayjs(value) : null}
      onChange={(d: unknown) => onChange?.(dayjs.isDayjs(d) ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}

/** The current value carried by a 409 CONFLICT, as readable text. */
export function conflictText(e: unknown): string | null {
  if (!isApiError(e) || e.status !== 409) return null;
  const cur = e.details[0]?.current as Record<string, unknown> | undefined;
  if (!cur) return '';
  const appraisal = cur.appraisal as { points?: string } | undefined;
  const self = cur.self as { points?: string } | undefined;
  const status = typeof cur.status === 'string' ? cur.status : '';
  return [status, appraisal?.points ? pts(appraisal.points) : self?.points ? pts(self.points) : ''].filter(Boolean).join(' — ');
}

export function Muted({ children }: { children: React.ReactNode }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
