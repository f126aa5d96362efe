/** Shared fixtures for the workflow tests: a small framework, a 2025 calendar, actors. */
import {
  type CycleCalendar, type Framework, type UnitWorkflowContext, type WorkflowActor, NO_FACTS, endOfDayVn, startOfDayVn,
} from '../../src/index.ts';
import { framework, group, leaf, primerTiers } from '../helpers.ts';

const na = { applicability: { mayDeclareNotApplicable: true, condition: 'Đơn vị không có TTHC' } };

/**
 * Field 1 (Sở Nội vụ appraises): 1.1 choice 2, 1.2 tiers 2, 1.3 manual 6.
 * Field 2 (Sở Tư pháp appraises): 2.1 proportional 4, 2.2 yes/no 3 (may be N/A), 2.3 deduction 3.
 */
export const fw: Framework = framework([
  group('f1', '1', '10', [
    leaf('c11', '1.1', '2', {
      type: 'choice', options: [
        { key: 'on_time', label: 'Ban hành đúng hạn', points: '2' },
        { key: 'late', label: 'Ban hành chậm', points: '1' },
        { key: 'none', label: 'Không ban hành', points: '0' },
      ],
    }),
    leaf('c12', '1.2', '2', primerTiers),
    leaf('c13', '1.3', '6', { type: 'manual', min: '0', max: '6', step: '0.25' }),
  ], { appraisingAgency: 'SNV' }),
  group('f2', '2', '10', [
    leaf('c21', '2.1', '4', { type: 'proportional', numeratorLabel: 'số TTHC trực tuyến', denominatorLabel: 'tổng số TTHC', zeroDenominator: 'full_points' },
      { evidenceExpected: 'Báo cáo thống kê từ Hệ thống thông tin giải quyết TTHC' }),
    leaf('c22', '2.2', '3', { type: 'yes_no', yesPoints: '3', noPoints: '0' }, na),
    leaf('c23', '2.3', '3', { type: 'deduction', start: '3', perOccurrence: '0.5', floor: '0', occurrenceLabel: 'số công chức bị kỷ luật' }),
  ], { appraisingAgency: 'STP' }),
], {
  rounding: { pointsDecimals: 2, indexDecimals: 2 },
  classification: {
    bands: [
      { key: 'xuat_sac', label: 'Xuất sắc', minPercent: '90' },
      { key: 'tot', label: 'Tốt', minPercent: '80' },
      { key: 'kha', label: 'Khá', minPercent: '70' },
      { key: 'trung_binh', label: 'Trung bình', minPercent: '50' },
      { key: 'yeu', label: 'Yếu', minPercent: '0' },
    ],
  },
});

export const calendar: CycleCalendar = {
  selfAssessmentOpens: startOfDayVn(2025, 10, 1),
  selfAssessmentDeadline: endOfDayVn(2025, 10, 15),
  extensions: [{ unitId: 'u2', until: endOfDayVn(2025, 10, 20), reason: 'Đơn vị mới sáp nhập' }],
  appraisal: { opens: startOfDayVn(2025, 10, 16), closes: endOfDayVn(2025, 10, 31) },
  explanation: { opens: startOfDayVn(2025, 10, 20), closes: endOfDayVn(2025, 10, 27) },
  councilDate: startOfDayVn(2025, 11, 5),
  publicationDate: startOfDayVn(2025, 11, 15),
};

const noon = (m: number, d: number) => startOfDayVn(2025, m, d) + 12 * 3_600_000;

/** Moments of the year. */
export const T = {
  beforeOpen: noon(9, 30),
  self: noon(10, 10),
  lastMinute: endOfDayVn(2025, 10, 15),
  afterDeadline: endOfDayVn(2025, 10, 15) + 1,
  extended: noon(10, 18),
  appraisal: noon(10, 22),
  afterExplanation: noon(10, 29),
  afterAppraisal: noon(11, 2),
  council: noon(11, 6),
  publication: noon(11, 16),
} as const;
export type Moment = keyof typeof T;

export const A = {
  officer: { roles: ['unit_officer'], unitId: 'u1' },
  head: { roles: ['unit_head'], unitId: 'u1' },
  head2: { roles: ['unit_head'], unitId: 'u2' },
  otherHead: { roles: ['unit_head'], unitId: 'u9' },
  appraiser: { roles: ['appraiser'], agency: 'STP' },
  snv: { roles: ['appraiser'], agency: 'SNV' },
  otherAppraiser: { roles: ['appraiser'], agency: 'SCT' },
  member: { roles: ['council_member'] },
  chair: { roles: ['council_member'], chair: true },
  admin: { roles: ['admin'] },
  viewer: { roles: ['leader_viewer'] },
} satisfies Record<string, WorkflowActor>;
export type ActorName = keyof typeof A;

export function unitCtx(over: Partial<UnitWorkflowContext> & Pick<UnitWorkflowContext, 'state' | 'actor'>): UnitWorkflowContext {
  return {
    unitId: over.actor.unitId === 'u2' ? 'u2' : 'u1',
    calendar,
    now: T.self,
    appraisingAgencies: ['SNV', 'STP'],
    facts: NO_FACTS,
    ...over,
  };
}
