/**
 * A cycle's lifecycle: set up (đang thiết lập) → open (đang diễn ra) → closed (đã kết thúc).
 * Opening (the administrator, with its participants and appraising agencies ready) creates the
 * units' criterion records; once open, what the records are built from (frameworks, how a unit
 * that does not submit is scored) stays; the unit and criterion workflows run only while open.
 *
 * Closing ends the year once every participant's results are published: a closed cycle is read
 * only — no configuration, workflow, data feeds, survey points, framework corrections, late
 * participants, publication or amendment — while its published results stay public. A closed cycle
 * is reopened (with a reason) when a published figure must still be amended: a correction is an
 * amendment, never a silent edit, so reopening is the one way to it.
 */
import { textMessage } from '../messages/format.ts';
import { type Refusal, type UnitState, refuse } from './unit-states.ts';

export type CycleStatus = 'setup' | 'open' | 'closed';

export const CYCLE_STATUSES: readonly CycleStatus[] = ['setup', 'open', 'closed'];

/**
 * What is done to a cycle: `configure` its calendar, settings, council…; `configure_setup` what
 * is fixed once it opens; `open` it; run its `workflow` (unit actions, criterion commands); add a
 * late participant; apply a framework correction; move the demo calendar; take in values from
 * outside (data feeds imported, pushed or pulled from chiso, survey points); publish a group and
 * amend it; `close` it and `reopen` it.
 */
export type CycleActivity =
  | 'configure'
  | 'configure_setup'
  | 'set_non_submitted_scoring'
  | 'open'
  | 'workflow'
  | 'add_participant'
  | 'correct_framework'
  | 'advance_demo_calendar'
  | 'import_data_feeds'
  | 'push_data_feeds'
  | 'pull_chiso_feeds'
  | 'import_supplied_points'
  | 'publish'
  | 'amend'
  | 'close'
  | 'reopen';

export const CYCLE_ACTIVITIES: readonly CycleActivity[] = [
  'configure', 'configure_setup', 'set_non_submitted_scoring', 'open', 'workflow', 'add_participant', 'correct_framework',
  'advance_demo_calendar', 'import_data_feeds', 'push_data_feeds', 'pull_chiso_feeds', 'import_supplied_points',
  'publish', 'amend', 'close', 'reopen',
];

const CLOSED = 'Kỳ đánh giá đã kết thúc: không thể thay đổi.';
const OPENED = 'Kỳ đánh giá đã mở: không thể thay đổi phần này nữa.';
const NOT_OPEN = 'Kỳ đánh giá chưa mở hoặc đã kết thúc.';

interface Rule {
  readonly allowed: readonly CycleStatus[];
  /** The refusal in each status it is not allowed in. */
  readonly refused: Partial<Record<CycleStatus, string>>;
}

/** The lifecycle table: in which statuses each activity is allowed, and what the others say. */
const RULES: Readonly<Record<CycleActivity, Rule>> = {
  configure: { allowed: ['setup', 'open'], refused: { closed: CLOSED } },
  configure_setup: { allowed: ['setup'], refused: { open: OPENED, closed: CLOSED } },
  set_non_submitted_scoring: {
    allowed: ['setup'],
    refused: { open: 'Kỳ đánh giá đã mở: không thể đổi cách chấm đơn vị không nộp.', closed: CLOSED },
  },
  open: { allowed: ['setup'], refused: { open: OPENED, closed: CLOSED } },
  workflow: { allowed: ['open'], refused: { setup: NOT_OPEN, closed: NOT_OPEN } },
  add_participant: {
    allowed: ['open'],
    refused: {
      setup: 'Kỳ đánh giá đang thiết lập: hãy chọn đơn vị trong mục “Đơn vị tham gia”.',
      closed: 'Kỳ đánh giá đã kết thúc: không bổ sung đơn vị được nữa.',
    },
  },
  correct_framework: {
    allowed: ['open'],
    refused: {
      setup: 'Chỉ áp dụng phiên bản điều chỉnh cho kỳ đánh giá đang mở; khi đang thiết lập, hãy chọn lại phiên bản trong mục “Bộ tiêu chí”.',
      closed: 'Kỳ đánh giá đã kết thúc: không áp dụng phiên bản điều chỉnh được nữa.',
    },
  },
  advance_demo_calendar: {
    allowed: ['open'],
    refused: { setup: 'Chỉ dời lịch mẫu của kỳ đánh giá đang mở.', closed: 'Chỉ dời lịch mẫu của kỳ đánh giá đang mở.' },
  },
  import_data_feeds: { allowed: ['setup', 'open'], refused: { closed: 'Kỳ đánh giá đã kết thúc: không thể nhập số liệu' } },
  push_data_feeds: { allowed: ['setup', 'open'], refused: { closed: 'Kỳ đánh giá đã kết thúc: không nhận thêm số liệu.' } },
  pull_chiso_feeds: { allowed: ['setup', 'open'], refused: { closed: 'Kỳ đánh giá đã kết thúc: không thể lấy thêm số liệu.' } },
  import_supplied_points: { allowed: ['setup', 'open'], refused: { closed: 'Kỳ đánh giá đã kết thúc: không thể nhập điểm điều tra' } },
  publish: {
    allowed: ['open'],
    refused: { setup: 'Kỳ đánh giá chưa mở: chưa có kết quả để công bố.', closed: 'Kỳ đánh giá đã kết thúc: không công bố thêm được.' },
  },
  amend: {
    allowed: ['open'],
    refused: {
      setup: 'Kỳ đánh giá chưa mở: chưa có kết quả để điều chỉnh.',
      closed: 'Kỳ đánh giá đã kết thúc: không điều chỉnh kết quả đã công bố được nữa. Nếu vẫn cần đính chính, hãy mở lại kỳ đánh giá (có lý do).',
    },
  },
  close: {
    allowed: ['open'],
    refused: { setup: 'Kỳ đánh giá chưa mở: chưa thể kết thúc.', closed: 'Kỳ đánh giá đã kết thúc.' },
  },
  reopen: { allowed: ['closed'], refused: { setup: 'Kỳ đánh giá chưa kết thúc: không có gì để mở lại.', open: 'Kỳ đánh giá chưa kết thúc: không có gì để mở lại.' } },
};

/**
 * Why the activity is refused in this status (Vietnamese), or null when it is allowed. Closing
 * also needs the states of the cycle's participants: every one published.
 */
export function cycleRefusal(status: CycleStatus, activity: Exclude<CycleActivity, 'close'>): Refusal | null;
export function cycleRefusal(status: CycleStatus, activity: 'close', unitStates: readonly UnitState[]): Refusal | null;
export function cycleRefusal(status: CycleStatus, activity: CycleActivity, unitStates: readonly UnitState[] = []): Refusal | null {
  const rule = RULES[activity];
  if (!rule.allowed.includes(status)) return { code: 'state', ...textMessage(rule.refused[status] ?? CLOSED) };
  if (activity === 'close') return closeRefusal(unitStates);
  return null;
}

function closeRefusal(unitStates: readonly UnitState[]): Refusal | null {
  if (unitStates.length === 0) return refuse('state', 'cycle.closeNothingPublished');
  const waiting = unitStates.filter((s) => s !== 'published').length;
  if (waiting === 0) return null;
  return refuse('state', 'cycle.closeUnpublished', { waiting, total: unitStates.length });
}

/** The status an activity moves the cycle to, when it moves it. */
export function cycleStatusAfter(activity: CycleActivity): CycleStatus | null {
  switch (activity) {
    case 'open':
    case 'reopen':
      return 'open';
    case 'close':
      return 'closed';
    default:
      return null;
  }
}
