/**
 * The names of workflow states, actions and roles in each language, for messages and the UI.
 * The Vietnamese tables are the ones the workflow exports (UNIT_STATE_LABELS…).
 */
import type { WorkflowRole } from '../workflow/actor.ts';
import type { CriterionCommandType, CriterionStatus } from '../workflow/criterion.ts';
import type { UnitAction, UnitState } from '../workflow/unit-states.ts';

export type MessageLang = 'vi' | 'en';
export const MESSAGE_LANGS: readonly MessageLang[] = ['vi', 'en'];

export interface LabelTables {
  readonly unitState: Readonly<Record<UnitState, string>>;
  readonly unitAction: Readonly<Record<UnitAction, string>>;
  /** Lower case: they stand inside sentences ("Chỉ cán bộ đơn vị được …"). */
  readonly role: Readonly<Record<WorkflowRole, string>>;
  readonly criterionStatus: Readonly<Record<CriterionStatus, string>>;
  readonly criterionCommand: Readonly<Record<CriterionCommandType, string>>;
}

export const LABELS: Readonly<Record<MessageLang, LabelTables>> = {
  vi: {
    unitState: {
      draft: 'Đang tự đánh giá',
      submitted: 'Đã gửi',
      in_appraisal: 'Đang thẩm định',
      explanation_requested: 'Yêu cầu giải trình',
      explained: 'Đã giải trình',
      appraised: 'Đã thẩm định',
      council_reviewed: 'Hội đồng đã xem xét',
      approved: 'Đã phê duyệt',
      published: 'Đã công bố',
      returned_for_revision: 'Trả lại để chỉnh sửa',
    },
    unitAction: {
      edit: 'Cập nhật tự đánh giá',
      submit: 'Gửi kết quả tự đánh giá',
      withdraw: 'Rút lại để chỉnh sửa',
      start_appraisal: 'Bắt đầu thẩm định',
      request_explanation: 'Yêu cầu giải trình',
      submit_explanation: 'Gửi giải trình',
      complete_appraisal: 'Hoàn thành thẩm định',
      return_for_revision: 'Trả lại để chỉnh sửa',
      mark_not_submitted: 'Ghi nhận đơn vị không nộp',
      submit_on_behalf: 'Nộp thay đơn vị',
      record_council_review: 'Ghi nhận Hội đồng đã xem xét',
      approve: 'Phê duyệt kết quả',
      publish: 'Công bố kết quả',
    },
    role: {
      unit_officer: 'cán bộ đơn vị',
      unit_head: 'thủ trưởng đơn vị',
      appraiser: 'cơ quan thẩm định',
      council_member: 'thành viên Hội đồng thẩm định',
      admin: 'quản trị (Sở Nội vụ)',
      leader_viewer: 'lãnh đạo (chỉ xem)',
    },
    criterionStatus: {
      draft: 'Đang tự đánh giá',
      pending: 'Chờ thẩm định',
      explanation_requested: 'Yêu cầu giải trình',
      explained: 'Đã giải trình',
      appraised: 'Đã thẩm định',
      council_proposed: 'Hội đồng đề xuất',
      council_approved: 'Chủ tịch Hội đồng đã duyệt',
    },
    criterionCommand: {
      save_self: 'Lưu tự đánh giá',
      request_explanation: 'Yêu cầu giải trình, bổ sung tài liệu',
      answer: 'Trả lời giải trình',
      decide: 'Quyết định điểm thẩm định',
      propose_final: 'Đề xuất điểm cuối cùng',
      approve_final: 'Phê duyệt điểm cuối cùng',
      reject_proposal: 'Không phê duyệt đề xuất',
    },
  },
  en: {
    unitState: {
      draft: 'Self-assessing',
      submitted: 'Submitted',
      in_appraisal: 'In appraisal',
      explanation_requested: 'Explanation requested',
      explained: 'Explained',
      appraised: 'Appraised',
      council_reviewed: 'Reviewed by the council',
      approved: 'Approved',
      published: 'Published',
      returned_for_revision: 'Returned for revision',
    },
    unitAction: {
      edit: 'Update the self-assessment',
      submit: 'Submit the self-assessment',
      withdraw: 'Withdraw for editing',
      start_appraisal: 'Start the appraisal',
      request_explanation: 'Request an explanation',
      submit_explanation: 'Send explanation',
      complete_appraisal: 'Complete the appraisal',
      return_for_revision: 'Return for revision',
      mark_not_submitted: 'Record as not submitted',
      submit_on_behalf: "Submit on the unit's behalf",
      record_council_review: "Record the council's review",
      approve: 'Approve the results',
      publish: 'Publish the results',
    },
    role: {
      unit_officer: 'unit officers',
      unit_head: 'heads of unit',
      appraiser: 'appraising agencies',
      council_member: 'appraisal council members',
      admin: 'the administrator (Home Affairs)',
      leader_viewer: 'leaders (view only)',
    },
    criterionStatus: {
      draft: 'Self-assessing',
      pending: 'Awaiting appraisal',
      explanation_requested: 'Explanation requested',
      explained: 'Explained',
      appraised: 'Appraised',
      council_proposed: 'Council proposal',
      council_approved: 'Approved',
    },
    criterionCommand: {
      save_self: 'Save the self-assessment',
      request_explanation: 'Request an explanation or evidence',
      answer: 'Answer the request',
      decide: 'Decide the appraised points',
      propose_final: 'Propose the final points',
      approve_final: 'Approve the final points',
      reject_proposal: 'Reject the proposal',
    },
  },
};
