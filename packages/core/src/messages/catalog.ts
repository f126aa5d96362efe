/**
 * The message catalog: every message a person may read from the core or the server, by a stable
 * id, with a Vietnamese and an English template. Placeholders are `{name}` or `{name|format}`
 * (formats: number, datetime, scoreValue, unitAction, unitState, roles, criterionStatus,
 * criterionCommand; `|lower` lower-cases the result), filled by `formatMessage`. Both templates of an
 * id use the same placeholders (test/messages.test.ts checks it).
 */
import type { MessageTemplates } from './catalog-types.ts';
import { SERVER_MESSAGES } from './server-catalog.ts';

const workflow = {
  'workflow.notOwnUnit': {
    vi: 'Chỉ cán bộ, thủ trưởng của chính đơn vị được thực hiện',
    en: 'Only the officers and the head of the unit itself may do this',
  },
  'workflow.unitNotAssigned': {
    vi: 'Cơ quan của bạn không được phân công thẩm định tiêu chí nào của đơn vị này',
    en: 'Your agency is not assigned to appraise any criterion of this unit',
  },
  'workflow.notChairApprove': {
    vi: 'Chỉ Chủ tịch Hội đồng thẩm định được phê duyệt',
    en: 'Only the chair of the appraisal council may approve',
  },
  'workflow.roleOnlyUnitAction': {
    vi: 'Chỉ {roles|roles} được "{action|unitAction|lower}"',
    en: 'Only {roles|roles} may "{action|unitAction|lower}"',
  },
  'workflow.roleOnlyCriterionCommand': {
    vi: 'Chỉ {roles|roles} được "{command|criterionCommand|lower}"',
    en: 'Only {roles|roles} may "{command|criterionCommand|lower}"',
  },
  'workflow.unitActionState': {
    vi: 'Không thể "{action|unitAction|lower}" khi hồ sơ ở trạng thái "{state|unitState}"',
    en: 'Cannot "{action|unitAction|lower}" while the file is "{state|unitState}"',
  },
  'workflow.selfAssessmentNotOpen': {
    vi: 'Chưa đến thời gian tự đánh giá (bắt đầu từ {opens|datetime})',
    en: 'The self-assessment has not opened yet (it opens on {opens|datetime})',
  },
  'workflow.selfAssessmentDeadlinePassed': {
    vi: 'Đã quá hạn tự đánh giá ({deadline|datetime}); đề nghị Sở Nội vụ gia hạn cho đơn vị nếu cần',
    en: 'The self-assessment deadline has passed ({deadline|datetime}); ask the Department of Home Affairs to extend it for the unit if needed',
  },
  'workflow.revisionDeadlinePassed': {
    vi: 'Đã quá hạn chỉnh sửa tự đánh giá ({deadline|datetime}); đề nghị Sở Nội vụ gia hạn cho đơn vị nếu cần',
    en: 'The revision deadline of the self-assessment has passed ({deadline|datetime}); ask the Department of Home Affairs to extend it for the unit if needed',
  },
  'workflow.extendedDeadlinePassed': {
    vi: 'Đã quá hạn đã gia hạn tự đánh giá ({deadline|datetime}); đề nghị Sở Nội vụ gia hạn cho đơn vị nếu cần',
    en: 'The extended self-assessment deadline has passed ({deadline|datetime}); ask the Department of Home Affairs to extend it for the unit if needed',
  },
  'workflow.afterSelfAssessmentOnly': {
    vi: 'Đơn vị còn hạn tự đánh giá đến {deadline|datetime}; chỉ thực hiện được sau hạn này',
    en: 'The unit may self-assess until {deadline|datetime}; this can only be done after that',
  },
  'workflow.appraisalNotOpen': {
    vi: 'Chưa đến thời gian thẩm định (bắt đầu từ {opens|datetime})',
    en: 'The appraisal has not opened yet (it opens on {opens|datetime})',
  },
  'workflow.appraisalClosed': {
    vi: 'Đã hết thời gian thẩm định ({closes|datetime})',
    en: 'The appraisal period has ended ({closes|datetime})',
  },
  'workflow.explanationWindowClosed': {
    vi: 'Đã hết thời gian giải trình ({closes|datetime}): không thể yêu cầu giải trình thêm',
    en: 'The explanation period has ended ({closes|datetime}): no more explanations can be requested',
  },
  'workflow.explanationDeadlinePassed': {
    vi: 'Đã quá hạn giải trình ({deadline|datetime})',
    en: 'The explanation deadline has passed ({deadline|datetime})',
  },
  'workflow.waitForExplanation': {
    vi: 'Đơn vị còn thời gian giải trình đến {deadline|datetime}; hãy chờ đơn vị trả lời',
    en: 'The unit may explain until {deadline|datetime}; wait for its answer',
  },
  'workflow.councilHasMet': {
    vi: 'Đã đến ngày họp Hội đồng thẩm định ({date|datetime}): không thể thay đổi kết quả thẩm định',
    en: 'The appraisal council meets on {date|datetime}: the appraisal results can no longer change',
  },
  'workflow.councilNotYet': {
    vi: 'Chưa đến ngày họp Hội đồng thẩm định ({date|datetime})',
    en: 'The appraisal council has not met yet (it meets on {date|datetime})',
  },
  'workflow.publicationNotYet': {
    vi: 'Chưa đến ngày công bố ({date|datetime})',
    en: 'Publication day has not come yet ({date|datetime})',
  },
  'workflow.submissionErrors': {
    vi: 'Còn {count|number} vấn đề cần khắc phục trước khi gửi (xem danh sách kiểm tra)',
    en: 'Problems to fix before submitting: {count|number} (see the checklist)',
  },
  'workflow.pendingDecisions': {
    vi: 'Còn {count|number} tiêu chí chưa có kết quả thẩm định',
    en: 'Criteria without an appraisal result yet: {count|number}',
  },
  'workflow.unansweredRequests': {
    vi: 'Còn {count|number} yêu cầu giải trình chưa trả lời',
    en: 'Requests for explanation not answered yet: {count|number}',
  },
  'workflow.pendingProposals': {
    vi: 'Còn {count|number} đề xuất của Hội đồng chưa được Chủ tịch quyết định',
    en: 'Council proposals the chair has not decided yet: {count|number}',
  },
  'workflow.reasonRequired': { vi: 'Cần nêu lý do', en: 'A reason is required' },
  'workflow.revisionDeadlineInPast': {
    vi: 'Hạn chỉnh sửa phải sau thời điểm hiện tại',
    en: 'The revision deadline must be later than now',
  },
  'workflow.cycleNotOpen': { vi: 'Kỳ đánh giá chưa mở hoặc đã kết thúc.', en: 'The assessment cycle is not open or has ended.' },
  'workflow.cycleClosed': { vi: 'Kỳ đánh giá đã kết thúc: không thể thay đổi.', en: 'The assessment cycle has ended: nothing can change.' },
  'workflow.cycleOpened': {
    vi: 'Kỳ đánh giá đã mở: không thể thay đổi phần này nữa.',
    en: 'The assessment cycle is open: this part can no longer change.',
  },
  'cycle.nonSubmittedPolicyFixed': {
    vi: 'Kỳ đánh giá đã mở: không thể đổi cách chấm đơn vị không nộp.',
    en: 'The cycle is open: how units that do not submit are scored can no longer change.',
  },
  'cycle.closedNoSurveyPoints': { vi: 'Kỳ đánh giá đã kết thúc: không thể nhập điểm điều tra', en: 'The cycle has ended: survey points can no longer be imported' },
  'cycle.closedNoFeedImport': { vi: 'Kỳ đánh giá đã kết thúc: không thể nhập số liệu', en: 'The cycle has ended: data can no longer be imported' },
  'cycle.closedNoFeedFetch': { vi: 'Kỳ đánh giá đã kết thúc: không thể lấy thêm số liệu.', en: 'The cycle has ended: no more data can be fetched.' },
  'cycle.closedNoFeedPush': { vi: 'Kỳ đánh giá đã kết thúc: không nhận thêm số liệu.', en: 'The cycle has ended: no more data is accepted.' },
  'cycle.demoCalendarOpenCycle': { vi: 'Chỉ dời lịch mẫu của kỳ đánh giá đang mở.', en: 'Only an open cycle\'s demo calendar can be shifted.' },
  'cycle.addParticipantSetup': {
    vi: 'Kỳ đánh giá đang thiết lập: hãy chọn đơn vị trong mục “Đơn vị tham gia”.',
    en: 'The cycle is being set up: choose the units under “Participating units”.',
  },
  'cycle.addParticipantClosed': { vi: 'Kỳ đánh giá đã kết thúc: không bổ sung đơn vị được nữa.', en: 'The cycle has ended: no more units can be added.' },
  'cycle.correctFrameworkSetup': {
    vi: 'Chỉ áp dụng phiên bản điều chỉnh cho kỳ đánh giá đang mở; khi đang thiết lập, hãy chọn lại phiên bản trong mục “Bộ tiêu chí”.',
    en: 'A corrected version applies only to an open cycle; while setting up, choose the version again under “Framework”.',
  },
  'cycle.correctFrameworkClosed': {
    vi: 'Kỳ đánh giá đã kết thúc: không áp dụng phiên bản điều chỉnh được nữa.',
    en: 'The cycle has ended: a corrected version can no longer be applied.',
  },
  'cycle.publishSetup': { vi: 'Kỳ đánh giá chưa mở: chưa có kết quả để công bố.', en: 'The cycle is not open: there are no results to publish yet.' },
  'cycle.publishClosed': { vi: 'Kỳ đánh giá đã kết thúc: không công bố thêm được.', en: 'The cycle has ended: nothing more can be published.' },
  'cycle.amendSetup': { vi: 'Kỳ đánh giá chưa mở: chưa có kết quả để điều chỉnh.', en: 'The cycle is not open: there are no results to amend yet.' },
  'cycle.amendClosed': {
    vi: 'Kỳ đánh giá đã kết thúc: không điều chỉnh kết quả đã công bố được nữa. Nếu vẫn cần đính chính, hãy mở lại kỳ đánh giá (có lý do).',
    en: 'The cycle has ended: published results can no longer be amended. If a correction is still needed, reopen the cycle (with a reason).',
  },
  'cycle.closeSetup': { vi: 'Kỳ đánh giá chưa mở: chưa thể kết thúc.', en: 'The cycle is not open: it cannot be closed yet.' },
  'cycle.alreadyClosed': { vi: 'Kỳ đánh giá đã kết thúc.', en: 'The cycle has ended.' },
  'cycle.reopenNotClosed': { vi: 'Kỳ đánh giá chưa kết thúc: không có gì để mở lại.', en: 'The cycle has not ended: there is nothing to reopen.' },
  'cycle.closeNothingPublished': {
    vi: 'Kỳ đánh giá chưa có đơn vị nào được công bố kết quả: chưa thể kết thúc.',
    en: 'No unit of the cycle has published results yet: it cannot be closed.',
  },
  'cycle.closeUnpublished': {
    vi: 'Chưa thể kết thúc kỳ đánh giá: còn {waiting|number}/{total|number} đơn vị chưa được công bố kết quả. Hãy công bố kết quả của mọi nhóm trước khi kết thúc.',
    en: 'The cycle cannot be closed yet: {waiting|number} of {total|number} units have no published results. Publish every group\'s results first.',
  },
} as const satisfies Record<string, MessageTemplates>;

const criterion = {
  'criterion.notAssigned': {
    vi: 'Tiêu chí {code} không thuộc phạm vi thẩm định của cơ quan bạn',
    en: 'Criterion {code} is not among those your agency appraises',
  },
  'criterion.agencyOwnUnit': {
    vi: 'Tiêu chí {code} của chính đơn vị bạn: cơ quan không tự thẩm định; Sở Nội vụ (quản trị) hoặc Hội đồng thẩm định thẩm định thay',
    en: 'Criterion {code} is of your own unit: an agency does not appraise itself; the Department of Home Affairs (administrator) or the appraisal council appraises it instead',
  },
  'criterion.assignedAgencyAppraises': {
    vi: 'Tiêu chí {code} do cơ quan thẩm định được phân công thẩm định',
    en: 'Criterion {code} is appraised by its assigned agency',
  },
  'criterion.substituteOwnUnit': {
    vi: 'Tiêu chí {code} của chính đơn vị bạn: bạn không tự thẩm định; cần người của đơn vị khác',
    en: 'Criterion {code} is of your own unit: you do not appraise it yourself; someone of another unit must',
  },
  'criterion.notChair': {
    vi: 'Chỉ Chủ tịch Hội đồng thẩm định được quyết định đề xuất',
    en: 'Only the chair of the appraisal council decides on proposals',
  },
  'criterion.ownProposal': {
    vi: 'Tiêu chí {code}: bạn là người đề xuất điểm này nên không tự phê duyệt hay bác bỏ; cần một thành viên khác của Hội đồng đề xuất',
    en: 'Criterion {code}: you proposed these points, so you may not approve or reject them yourself; another council member must propose',
  },
  'criterion.unitState': {
    vi: 'Không thể thực hiện khi hồ sơ đơn vị ở trạng thái "{state|unitState}"',
    en: 'Not possible while the unit\'s file is "{state|unitState}"',
  },
  'criterion.status': {
    vi: 'Không thể thực hiện khi tiêu chí {code} ở trạng thái "{status|criterionStatus}"',
    en: 'Not possible while criterion {code} is "{status|criterionStatus}"',
  },
  'criterion.claimedNotApplicable': {
    vi: 'Tiêu chí {code}: đơn vị khai báo không áp dụng — hãy xác nhận hoặc không chấp nhận việc không áp dụng',
    en: 'Criterion {code}: the unit declared it not applicable — confirm or reject that',
  },
  'criterion.noSelfValue': {
    vi: 'Tiêu chí {code}: đơn vị chưa có điểm tự đánh giá hợp lệ để chấp nhận; hãy chấm điểm khác và nêu lý do',
    en: 'Criterion {code}: the unit has no valid self-assessed points to accept; give other points and a reason',
  },
  'criterion.notClaimedNotApplicable': {
    vi: 'Tiêu chí {code}: đơn vị không khai báo không áp dụng',
    en: 'Criterion {code}: the unit did not declare it not applicable',
  },
  'criterion.adjustReasonRequired': {
    vi: 'Tiêu chí {code}: điểm thẩm định ({appraised|scoreValue}) khác điểm tự đánh giá ({self|scoreValue}) — cần nêu lý do',
    en: 'Criterion {code}: the appraised points ({appraised|scoreValue}) differ from the self-assessed ones ({self|scoreValue}) — a reason is required',
  },
  'criterion.rejectNaReasonRequired': {
    vi: 'Tiêu chí {code}: cần nêu lý do không chấp nhận việc không áp dụng',
    en: 'Criterion {code}: say why the declaration "not applicable" is rejected',
  },
  'criterion.rejectNaPointsRequired': {
    vi: 'Tiêu chí {code}: cần chấm điểm cho tiêu chí khi không chấp nhận việc không áp dụng',
    en: 'Criterion {code}: give points when rejecting the declaration "not applicable"',
  },
  'criterion.recordMismatch': { vi: 'Bản ghi không thuộc tiêu chí này', en: 'The record is not of this criterion' },
  'criterion.requestMessageRequired': { vi: 'Cần nêu nội dung yêu cầu giải trình', en: 'Say what the unit should explain' },
  'criterion.requestDeadlineInPast': { vi: 'Hạn trả lời phải sau thời điểm hiện tại', en: 'The answer deadline must be later than now' },
  'criterion.requestDeadlineAfterWindow': {
    vi: 'Hạn trả lời không được sau khi hết thời gian giải trình ({closes|datetime})',
    en: 'The answer deadline may not be after the end of the explanation period ({closes|datetime})',
  },
  'criterion.answerEmpty': {
    vi: 'Cần nhập nội dung giải trình hoặc đính kèm tài liệu',
    en: 'Type an explanation or attach a document',
  },
  'criterion.answerNeedsEvidence': {
    vi: 'Yêu cầu bổ sung tài liệu kiểm chứng: cần đính kèm ít nhất một tài liệu',
    en: 'Evidence was requested: attach at least one document',
  },
  'criterion.proposalReasonRequired': {
    vi: 'Tiêu chí {code}: đề xuất của Hội đồng cần nêu lý do',
    en: 'Criterion {code}: a council proposal needs a reason',
  },
  'criterion.rejectionReasonRequired': { vi: 'Cần nêu lý do không phê duyệt đề xuất', en: 'Say why the proposal is rejected' },
  'criterion.pointsNotProducible': {
    vi: 'Tiêu chí {code}: {points|number} điểm không phải mức điểm mà quy tắc chấm của tiêu chí có thể cho',
    en: 'Criterion {code}: {points|number} points is not a value the criterion\'s scoring rule can give',
  },
  'criterion.notApplicableNotAllowed': {
    vi: 'Tiêu chí {code} không được khai báo không áp dụng',
    en: 'Criterion {code} may not be declared not applicable',
  },
  'criterion.notApplicableReasonMissing': {
    vi: 'Tiêu chí {code}: cần nêu lý do không áp dụng',
    en: 'Criterion {code}: say why it does not apply',
  },
  'criterion.invalidInput': { vi: 'Tiêu chí {code}: dữ liệu không hợp lệ', en: 'Criterion {code}: invalid data' },
  'submission.missingInput': { vi: 'Tiêu chí {code}: chưa chấm điểm', en: 'Criterion {code}: not scored yet' },
  'submission.evidenceMissing': {
    vi: 'Tiêu chí {code}: có điểm nhưng chưa có tài liệu kiểm chứng',
    en: 'Criterion {code}: has points but no evidence yet',
  },
  'submission.evidenceMissingExpected': {
    vi: 'Tiêu chí {code}: có điểm nhưng chưa có tài liệu kiểm chứng ({expected})',
    en: 'Criterion {code}: has points but no evidence yet ({expected})',
  },
  'submission.explanationMissing': {
    vi: 'Tiêu chí {code}: không có tài liệu kiểm chứng thì cần giải trình',
    en: 'Criterion {code}: without evidence, an explanation is needed',
  },
  'submission.unknownNode': { vi: 'Mục "{key}" không thuộc bộ tiêu chí', en: 'Item "{key}" is not in the framework' },
  'scoring.missingInput': { vi: 'Tiêu chí {code} chưa có dữ liệu chấm điểm', en: 'Criterion {code} has no scoring data yet' },
  'scoring.unknownInputKey': {
    vi: 'Dữ liệu chấm điểm cho khóa "{key}" không thuộc bộ tiêu chí',
    en: 'Scoring data for key "{key}" is not in the framework',
  },
  'scoring.nothingApplicable': {
    vi: 'Không có tiêu chí nào áp dụng cho đơn vị: không tính được chỉ số',
    en: 'No criterion applies to the unit: the index cannot be computed',
  },
} as const satisfies Record<string, MessageTemplates>;

export const MESSAGES = { ...workflow, ...criterion, ...SERVER_MESSAGES } as const;

export type MessageId = keyof typeof MESSAGES;

