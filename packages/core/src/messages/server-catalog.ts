/**
 * The server's messages (error envelope `message`, per-detail messages). Those without parameters
 * are also found by their Vietnamese text (`messageIdOfText`), so a service that raises
 * `forbidden('Bạn chỉ xem được …')` sends their id without naming it.
 */
import type { MessageTemplates } from './catalog-types.ts';

export const NOT_FOUND_SUBJECTS = {
  cycle: { vi: 'kỳ đánh giá', en: 'assessment cycle' },
  cycleUnit: { vi: 'đơn vị trong kỳ đánh giá', en: 'unit in the assessment cycle' },
  account: { vi: 'tài khoản', en: 'account' },
  cycleGroup: { vi: 'nhóm trong kỳ đánh giá', en: 'group in the assessment cycle' },
  groupPublication: { vi: 'kết quả đã công bố của nhóm này', en: 'published results of this group' },
  groupSet: { vi: 'bộ nhóm', en: 'group set' },
  unit: { vi: 'đơn vị', en: 'unit' },
  evidence: { vi: 'tài liệu kiểm chứng', en: 'evidence document' },
  criterion: { vi: 'tiêu chí', en: 'criterion' },
  frameworkVersion: { vi: 'phiên bản bộ tiêu chí', en: 'framework version' },
  cycleAgency: { vi: 'cơ quan thẩm định trong kỳ đánh giá', en: 'appraising agency in the assessment cycle' },
  publishedUnit: { vi: 'đơn vị trong kết quả đã công bố', en: 'unit in the published results' },
  unitCriterion: { vi: 'tiêu chí của đơn vị trong kỳ đánh giá', en: 'criterion of the unit in the assessment cycle' },
  notification: { vi: 'thông báo', en: 'notification' },
  group: { vi: 'nhóm', en: 'group' },
  apiToken: { vi: 'mã truy cập', en: 'access token' },
  framework: { vi: 'bộ tiêu chí', en: 'framework' },
} as const satisfies Record<string, MessageTemplates>;

export type NotFoundSubject = keyof typeof NOT_FOUND_SUBJECTS;

const general = {
  'error.notFound': { vi: 'Không tìm thấy {subject|subject}.', en: 'Not found: {subject|subject}.' },
  'error.publicationNotFound': {
    vi: 'Không tìm thấy kết quả công bố lần {number} của nhóm này.',
    en: 'Publication {number} of this group was not found.',
  },
  'error.forbidden': { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  'error.staleVersion': {
    vi: 'Dữ liệu đã được người khác thay đổi sau khi bạn mở. Hãy xem giá trị hiện tại rồi lưu lại.',
    en: 'Someone else changed this after you opened it. Look at the current values, then save again.',
  },
  'error.staleVersionDetail': { vi: 'Phiên bản cũ', en: 'Outdated version' },
  'error.validationFailed': {
    vi: 'Dữ liệu gửi lên không hợp lệ. Hãy kiểm tra các trường được đánh dấu.',
    en: 'The data sent is not valid. Check the marked fields.',
  },
  'error.invalidValue': { vi: 'Giá trị không hợp lệ', en: 'Invalid value' },
  'error.tooFast': { vi: 'Bạn thao tác quá nhanh. Hãy chờ một lát rồi thử lại.', en: 'Too many requests. Wait a moment, then try again.' },
  'error.payloadTooLarge': { vi: 'Tệp hoặc dữ liệu gửi lên quá lớn.', en: 'The file or data sent is too large.' },
  'error.badRequest': { vi: 'Yêu cầu không hợp lệ: {detail}', en: 'Invalid request: {detail}' },
  'error.internal': {
    vi: 'Đã có lỗi ở máy chủ. Dữ liệu của bạn chưa được lưu; hãy thử lại hoặc báo quản trị viên.',
    en: 'Something went wrong on the server. Your data was not saved; try again or tell the administrator.',
  },
  'error.loginRateLimited': {
    vi: 'Có quá nhiều lần đăng nhập từ địa chỉ này trong một phút. Thử lại sau {seconds|number} giây.',
    en: 'Too many sign-in attempts from this address in a minute. Try again in {seconds|number} seconds.',
  },
  'error.uploadRateLimited': {
    vi: 'Bạn đã tải lên quá {limit|number} tệp trong một phút. Hãy thử lại sau {seconds|number} giây.',
    en: 'You uploaded more than {limit|number} files in a minute. Try again in {seconds|number} seconds.',
  },
  'error.pushRateLimited': {
    vi: 'Quá {limit|number} lần gửi số liệu trong một phút từ cùng một địa chỉ. Hãy gộp các giá trị vào ít lần gửi hơn rồi thử lại sau một phút.',
    en: 'More than {limit|number} data pushes in a minute from one address. Send the values in fewer pushes and try again in a minute.',
  },
  'error.fieldTooLong': { vi: 'Trường “{name}” quá dài. Chưa nhập gì.', en: 'Field “{name}” is too long. Nothing was imported.' },
  'error.fileTooLarge': { vi: 'Tệp vượt quá dung lượng cho phép.', en: 'The file is larger than allowed.' },
  'conflict.username': { vi: 'Tên đăng nhập "{username}" đã có người dùng.', en: 'The username "{username}" is already taken.' },
  'conflict.usernameField': { vi: 'Tên đăng nhập đã có người dùng.', en: 'This username is already taken.' },
  'conflict.cycleName': {
    vi: '{owner} đã có kỳ đánh giá “{name}” của chương trình này năm {year}. Hãy đặt tên khác.',
    en: '{owner} already has the assessment cycle “{name}” of this program in {year}. Choose another name.',
  },
  'conflict.sameName': { vi: 'Trùng tên kỳ đánh giá', en: 'Same cycle name' },
  'conflict.framework': {
    vi: 'Đã có bộ tiêu chí của chương trình “{program}” năm {year} cho nhóm “{group}”.',
    en: 'Program “{program}” already has a framework in {year} for the group “{group}”.',
  },
  'conflict.unitCode': { vi: 'Mã đơn vị “{code}” đã được dùng. Hãy chọn mã khác.', en: 'The unit code “{code}” is already used. Choose another one.' },
  'conflict.codeExists': { vi: 'Mã đã tồn tại', en: 'This code already exists' },
  'error.importErrors': {
    vi: 'Tệp có {count|number} lỗi; chưa nhập dòng nào. Hãy sửa rồi nhập lại.',
    en: 'The file has {count|number} errors; no row was imported. Fix them and import again.',
  },
} as const satisfies Record<string, MessageTemplates>;

/** Constant messages that services raise as literal text. */
const constant = {
  'auth.unauthenticated': { vi: 'Bạn cần đăng nhập để tiếp tục.', en: 'Sign in to continue.' },
  'auth.invalidCredentials': { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  'auth.passwordChangeRequired': { vi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.', en: 'Change your password before you continue.' },
  'auth.csrfLogin': {
    vi: 'Yêu cầu đăng nhập không đến từ trang của chiso. Hãy mở lại trang đăng nhập rồi thử lại.',
    en: 'The sign-in request did not come from chiso\'s page. Open the sign-in page again and retry.',
  },
  'auth.csrfMissing': {
    vi: 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo). Hãy tải lại trang rồi thử lại.',
    en: 'Invalid session (the anti-forgery token is missing). Reload the page and try again.',
  },
  'auth.accountDisabled': {
    vi: 'Tài khoản này đã ngừng hoạt động. Hãy liên hệ quản trị viên nếu bạn cần dùng lại.',
    en: 'This account is disabled. Contact the administrator if you need it again.',
  },
  'auth.wrongCurrentPassword': { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  'access.adminOnly': { vi: 'Chỉ quản trị viên (Sở Nội vụ) được thực hiện thao tác này.', en: 'Only the administrator (Home Affairs) may do this.' },
  'access.notYourUnitFile': { vi: 'Bạn không có quyền với hồ sơ đánh giá của đơn vị này.', en: 'You have no rights on this unit\'s assessment file.' },
  'access.cannotSeeUnitFile': { vi: 'Bạn không xem được hồ sơ của đơn vị này.', en: 'You cannot see this unit\'s file.' },
  'access.cannotSeeUnitData': { vi: 'Bạn không được xem số liệu của đơn vị này.', en: 'You may not see this unit\'s data.' },
  'access.ownUnitDataOnly': { vi: 'Bạn chỉ xem được dữ liệu của đơn vị mình.', en: 'You can only see your own unit\'s data.' },
  'access.ownUnitAccountsOnly': { vi: 'Bạn chỉ xem được tài khoản của đơn vị mình.', en: 'You can only see your own unit\'s accounts.' },
  'access.noAccountList': { vi: 'Bạn không có quyền xem danh sách tài khoản.', en: 'You may not see the list of accounts.' },
  'access.ownSelfAssessmentOnly': {
    vi: 'Bạn chỉ xem được kết quả tự đánh giá của đơn vị mình (hoặc các tiêu chí được phân công thẩm định).',
    en: 'You can only see your own unit\'s self-assessment (or the criteria you are assigned to appraise).',
  },
  'access.ownUnitUploadsOnly': { vi: 'Bạn chỉ tải được tài liệu kiểm chứng cho đơn vị mình.', en: 'You can only upload evidence for your own unit.' },
  'access.evidenceOwnerOnly': {
    vi: 'Tài liệu kiểm chứng chỉ đơn vị sở hữu (và cơ quan thẩm định tiêu chí mà tài liệu chứng minh) mới xem được.',
    en: 'Only the unit that owns the evidence (and the agency appraising its criterion) may see it.',
  },
  'access.assignedAgencyMatrix': {
    vi: 'Chỉ cơ quan thẩm định được phân công trong kỳ này (hoặc quản trị) xem được bảng thẩm định.',
    en: 'Only the appraising agencies of this cycle (or the administrator) may see the appraisal table.',
  },
  'access.councilTable': {
    vi: 'Chỉ Hội đồng thẩm định, quản trị (Sở Nội vụ) và lãnh đạo được xem bảng tổng hợp.',
    en: 'Only the appraisal council, the administrator (Home Affairs) and leaders may see the summary table.',
  },
  'access.progress': {
    vi: 'Chỉ quản trị viên, Hội đồng thẩm định và lãnh đạo xem được tiến độ.',
    en: 'Only the administrator, the appraisal council and leaders may see the progress.',
  },
  'access.report': {
    vi: 'Chỉ đơn vị, lãnh đạo, Hội đồng thẩm định và Sở Nội vụ được xuất báo cáo tự đánh giá của đơn vị.',
    en: 'Only the unit, leaders, the appraisal council and Home Affairs may export the unit\'s self-assessment report.',
  },
  'access.publishedDetail': {
    vi: 'Chi tiết điểm công bố chỉ quản trị viên, Hội đồng thẩm định, lãnh đạo và chính đơn vị mới xem được.',
    en: 'Only the administrator, the appraisal council, leaders and the unit itself may see the published points in detail.',
  },
  'access.acceptAppraiserOnly': {
    vi: 'Chỉ cơ quan thẩm định được chấp nhận kết quả tự đánh giá.',
    en: 'Only appraising agencies may accept self-assessed results.',
  },
  'access.confirmNaAppraiserOnly': {
    vi: 'Chỉ cơ quan thẩm định được giao tiêu chí được xác nhận việc không áp dụng.',
    en: 'Only the agency assigned to a criterion may confirm it does not apply.',
  },
  'access.criterionNotYours': {
    vi: 'Tiêu chí này không thuộc phạm vi thẩm định của cơ quan bạn.',
    en: 'This criterion is not among those your agency appraises.',
  },
  'access.unitNotInCycle': { vi: 'Đơn vị của bạn không tham gia kỳ đánh giá này.', en: 'Your unit does not take part in this cycle.' },
  'access.ownerAdminOnly': {
    vi: 'Chỉ quản trị viên của đơn vị tổ chức đánh giá được thực hiện thao tác này.',
    en: 'Only an administrator of the organising unit may do this.',
  },
  'access.cycleOfOtherOwner': {
    vi: 'Kỳ đánh giá này do đơn vị khác tổ chức, không thuộc phạm vi của bạn.',
    en: 'This cycle is organised by another unit, outside your scope.',
  },
  'access.cycleOwnerOutOfScope': {
    vi: 'Bạn chỉ tạo được kỳ đánh giá cho đơn vị mình quản trị hoặc đơn vị trực thuộc.',
    en: 'You can only create cycles for the unit you administer or a unit under it.',
  },
  'validation.cycleUnitOutsideOwner': {
    vi: 'Đơn vị {unit} không trực thuộc {owner}: chỉ chọn được các đơn vị thuộc đơn vị tổ chức kỳ đánh giá.',
    en: 'Unit {unit} is not under {owner}: only units under the cycle\'s organising unit may be chosen.',
  },
  'validation.cycleAgencyOutsideOwner': {
    vi: 'Cơ quan thẩm định {unit} không thuộc {owner}: chỉ chọn được {owner} hoặc đơn vị trực thuộc.',
    en: 'Appraising agency {unit} is not within {owner}: only {owner} or a unit under it may be chosen.',
  },
  'validation.cycleChairOutsideOwner': {
    vi: 'Chủ tịch Hội đồng phải là người của {owner} hoặc của đơn vị trực thuộc.',
    en: 'The council chair must belong to {owner} or a unit under it.',
  },
  'validation.cycleChairCouncilScope': {
    vi: 'Chủ tịch Hội đồng phải là thành viên Hội đồng thẩm định của {owner}: vai trò Hội đồng của tài khoản này thuộc phạm vi khác.',
    en: 'The council chair must be a council member of {owner}: this account’s council role applies elsewhere.',
  },
  'validation.cycleFrameworkOfOtherOwner': {
    vi: 'Bộ tiêu chí “{framework}” thuộc đơn vị tổ chức khác: kỳ đánh giá của {owner} chỉ dùng bộ tiêu chí của {owner} hoặc của cấp tỉnh.',
    en: 'Framework “{framework}” belongs to another organising unit: a cycle of {owner} uses only frameworks of {owner} or of the province.',
  },
  'validation.cycleGroupSetOfOtherOwner': {
    vi: 'Bộ nhóm xếp hạng “{groupSet}” thuộc đơn vị tổ chức khác: kỳ đánh giá của {owner} chỉ dùng bộ nhóm của {owner} hoặc của cấp tỉnh.',
    en: 'Group set “{groupSet}” belongs to another organising unit: a cycle of {owner} uses only group sets of {owner} or of the province.',
  },
  'validation.notUnderOwner': { vi: 'Không thuộc đơn vị tổ chức', en: 'Not under the organising unit' },
  'validation.instant': {
    vi: 'Thời điểm không hợp lệ (ISO 8601, ví dụ 2025-11-15T23:59:59+07:00)',
    en: 'Invalid time (ISO 8601, for example 2025-11-15T23:59:59+07:00)',
  },
  'validation.day': { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)', en: 'Invalid date (format YYYY-MM-DD)' },
  'validation.id': { vi: 'Mã định danh không hợp lệ', en: 'Invalid identifier' },
  'validation.evidenceId': { vi: 'Mã tài liệu không hợp lệ', en: 'Invalid document identifier' },
  'validation.notificationMode': {
    vi: 'Chọn “immediate” (từng thông báo) hoặc “daily_digest” (tóm tắt mỗi ngày)',
    en: 'Choose “immediate” (each notification) or “daily_digest” (a summary each day)',
  },
  'validation.noSuchUnit': { vi: 'Không có đơn vị này.', en: 'There is no such unit.' },
  'validation.versionNotInCycle': { vi: 'Phiên bản bộ tiêu chí không thuộc kỳ đánh giá.', en: 'The framework version is not of this cycle.' },
  'validation.groupNotInCycleSet': {
    vi: 'Nhóm không thuộc bộ nhóm xếp hạng của kỳ đánh giá.',
    en: 'The group is not in the cycle\'s ranking group set.',
  },
  'validation.unitOnce': { vi: 'Mỗi đơn vị chỉ được chọn một lần.', en: 'Each unit may be chosen only once.' },
  'validation.groupOnce': { vi: 'Mỗi nhóm chỉ được chọn một lần.', en: 'Each group may be chosen only once.' },
  'validation.agencyCodeEmptyOrDuplicate': {
    vi: 'Mã cơ quan thẩm định trống hoặc bị trùng.',
    en: 'An appraising agency code is empty or repeated.',
  },
  'validation.noSuchCriterion': { vi: 'Không có tiêu chí này trong bộ tiêu chí.', en: 'There is no such criterion in the framework.' },
  'validation.noSuchVersion': { vi: 'Không có phiên bản bộ tiêu chí này.', en: 'There is no such framework version.' },
  'validation.noSuchGroupSet': { vi: 'Không có bộ nhóm xếp hạng này.', en: 'There is no such ranking group set.' },
  'validation.answerDeadline': { vi: 'Hạn trả lời không hợp lệ.', en: 'Invalid answer deadline.' },
  'validation.revisionDeadline': { vi: 'Hạn chỉnh sửa không hợp lệ.', en: 'Invalid revision deadline.' },
  'validation.extensionReason': { vi: 'Cần nêu lý do gia hạn.', en: 'Give a reason for the extension.' },
  'validation.agencyChangeReason': { vi: 'Cần nêu lý do chuyển cơ quan thẩm định.', en: 'Give a reason for changing the appraising agency.' },
  'validation.chairMustBeMember': {
    vi: 'Chủ tịch Hội đồng phải là thành viên Hội đồng thẩm định đang hoạt động.',
    en: 'The council chair must be an active member of the appraisal council.',
  },
  'rule.lastAdmin': { vi: 'Phải còn ít nhất một quản trị viên đang hoạt động.', en: 'At least one active administrator must remain.' },
  'rule.publishedVersionReadOnly': {
    vi: 'Phiên bản đã ban hành không được sửa. Hãy tạo phiên bản mới (kèm lý do) để điều chỉnh.',
    en: 'A published version cannot be edited. Create a new version (with a reason) to change it.',
  },
  'rule.versionAlreadyPublished': { vi: 'Phiên bản này đã được ban hành.', en: 'This version is already published.' },
  'rule.groupWithoutUnits': { vi: 'Nhóm không có đơn vị nào tham gia kỳ đánh giá.', en: 'No unit of the group takes part in the cycle.' },
  'rule.expiryInPast': { vi: 'Ngày hết hạn phải sau thời điểm hiện tại.', en: 'The expiry date must be later than now.' },
  'rule.tokenAlreadyRevoked': { vi: 'Mã truy cập này đã bị thu hồi trước đó.', en: 'This access token was already revoked.' },
  'rule.demoCalendarLastPhase': {
    vi: 'Lịch mẫu đã ở giai đoạn công bố: không còn giai đoạn tiếp theo.',
    en: 'The demo calendar is at publication: there is no next phase.',
  },
  'rule.alreadyPublished': {
    vi: 'Kết quả của nhóm này đã được công bố; để sửa, hãy điều chỉnh (có lý do) — một bản công bố mới sẽ được tạo.',
    en: 'This group\'s results are published; to change them, amend them (with a reason) — a new publication will be made.',
  },
  'rule.notPublishedYet': {
    vi: 'Kết quả của nhóm này chưa được công bố: hãy công bố trước khi điều chỉnh.',
    en: 'This group\'s results are not published yet: publish them before amending.',
  },
  'rule.parentCycle': {
    vi: 'Không thể chọn đơn vị cha là chính đơn vị này hoặc một đơn vị trực thuộc nó (sẽ tạo vòng lặp).',
    en: 'The parent cannot be the unit itself or one of its subunits (that would make a loop).',
  },
  'rule.tokenNameRequired': {
    vi: 'Hãy đặt tên cho mã truy cập (ví dụ tên hệ thống sẽ dùng nó).',
    en: 'Name the access token (for example after the system that will use it).',
  },
  'rule.useChangePassword': {
    vi: 'Hãy dùng chức năng “Đổi mật khẩu” cho tài khoản của chính bạn.',
    en: 'Use “Change password” for your own account.',
  },
  'rule.cannotDisableSelf': { vi: 'Bạn không thể tự ngừng tài khoản của chính mình.', en: 'You cannot disable your own account.' },
  'rule.amendReasonRequired': { vi: 'Cần nêu lý do điều chỉnh kết quả đã công bố', en: 'Give a reason for amending the published results' },
  'rule.newVersionFromPublished': {
    vi: 'Chỉ tạo phiên bản mới từ một phiên bản đã ban hành; bản nháp thì sửa trực tiếp.',
    en: 'A new version is made only from a published one; edit a draft directly.',
  },
  'rule.demoCalendarOnly': {
    vi: 'Chỉ dời lịch được trên dữ liệu mẫu; với dữ liệu thật, hãy sửa lịch của kỳ đánh giá.',
    en: 'Only the demo data\'s calendar can be shifted; with real data, edit the cycle\'s calendar.',
  },
  'rule.publishedVersionsOnly': {
    vi: 'Chỉ dùng được phiên bản bộ tiêu chí đã ban hành (published).',
    en: 'Only a published framework version can be used.',
  },
  'rule.noParticipants': { vi: 'Chưa có đơn vị tham gia kỳ đánh giá.', en: 'No unit takes part in the cycle yet.' },
  'rule.frameworkOtherProgram': {
    vi: 'Bộ tiêu chí thuộc chương trình khác với kỳ đánh giá.',
    en: 'The framework is of another program than the cycle.',
  },
  'rule.noChisoFeed': {
    vi: 'Bộ tiêu chí của kỳ này không có tiêu chí nào lấy số liệu từ kết quả chiso đã công bố.',
    en: 'No criterion of this cycle\'s framework takes data from chiso\'s published results.',
  },
  'import.missingColumn': { vi: 'Thiếu cột “{column}” ({key})', en: 'Column “{column}” ({key}) is missing' },
  'import.noDataRow': { vi: 'Không có dòng dữ liệu', en: 'No data row' },
  'import.unitCodeMissing': { vi: 'Thiếu mã đơn vị', en: 'The unit code is missing' },
  'import.unitNotInCycle': { vi: 'Đơn vị “{unit}” không tham gia kỳ đánh giá này', en: 'Unit “{unit}” does not take part in this cycle' },
  'import.unitWithoutFramework': {
    vi: 'Nhóm của đơn vị “{unit}” chưa được gán bộ tiêu chí',
    en: 'The group of unit “{unit}” has no framework yet',
  },
  'import.criterionMissing': { vi: 'Thiếu mã tiêu chí', en: 'The criterion code is missing' },
  'import.noSuchCriterion': {
    vi: 'Không có tiêu chí “{criterion}” trong bộ tiêu chí của đơn vị',
    en: 'There is no criterion “{criterion}” in the unit\'s framework',
  },
  'import.notSurveyCriterion': {
    vi: 'Tiêu chí {code} không phải tiêu chí điều tra xã hội học',
    en: 'Criterion {code} is not a sociological survey criterion',
  },
  'import.pointsMissing': { vi: 'Thiếu điểm', en: 'The points are missing' },
  'import.pointsInvalid': {
    vi: '“{text}” không phải số điểm hợp lệ (số không âm, tối đa {decimals|number} chữ số thập phân, dấu phẩy hoặc dấu chấm)',
    en: '“{text}” is not a valid number of points (not negative, at most {decimals|number} decimals, a comma or a point)',
  },
  'import.pointsAboveMax': {
    vi: 'Tiêu chí {code}: {points|number} điểm vượt điểm tối đa {max|number}',
    en: 'Criterion {code}: {points|number} points exceeds the maximum of {max|number}',
  },
  'import.duplicateRow': {
    vi: 'Trùng với dòng {line|number}: đơn vị {unit}, tiêu chí {code}',
    en: 'Repeats line {line|number}: unit {unit}, criterion {code}',
  },
  'import.allBlankPoints': { vi: 'Mọi dòng đều để trống điểm', en: 'Every line leaves the points blank' },
  'import.allBlankOrUnchangedPoints': {
    vi: 'Mọi dòng đều để trống điểm hoặc giữ nguyên điểm đã công bố',
    en: 'Every line leaves the points blank or keeps the published points',
  },
  'import.allBlankFeed': { vi: 'Mọi dòng đều để trống tử số và mẫu số', en: 'Every line leaves the numerator and denominator blank' },
  'import.unsupportedFormat': { vi: 'Định dạng tệp không được hỗ trợ', en: 'This file format is not supported' },
  'upload.fileTooLarge': {
    vi: 'Tệp quá lớn: tối đa {max} MB. Chưa nhập gì; hãy chia nhỏ tệp rồi tải lên lại.',
    en: 'The file is too large: at most {max} MB. Nothing was imported; split the file and upload again.',
  },
  'upload.namedFileTooLarge': {
    vi: 'Tệp quá lớn (“{file}”): tối đa {max} MB. Chưa nhập gì; hãy chia nhỏ tệp rồi tải lên lại.',
    en: 'The file is too large (“{file}”): at most {max} MB. Nothing was imported; split the file and upload again.',
  },
  'auth.loginThrottled': {
    vi: 'Đã nhập sai mật khẩu nhiều lần. Thử lại sau {seconds|number} giây.',
    en: 'Too many wrong passwords. Try again in {seconds|number} seconds.',
  },
  'auth.loginThrottledLong': {
    vi: 'Đã nhập sai mật khẩu nhiều lần. Thử lại sau {seconds|number} giây (khoảng {minutes|number} phút).',
    en: 'Too many wrong passwords. Try again in {seconds|number} seconds (about {minutes|number} minutes).',
  },
  'auth.retryAfter': { vi: 'Thử lại sau {seconds|number} giây', en: 'Try again in {seconds|number} seconds' },
  'auth.retryAfterLong': {
    vi: 'Thử lại sau {seconds|number} giây (khoảng {minutes|number} phút)',
    en: 'Try again in {seconds|number} seconds (about {minutes|number} minutes)',
  },
  'import.missingColumns': { vi: 'Tệp thiếu cột bắt buộc', en: 'The file lacks required columns' },
  'import.noRows': { vi: 'Tệp không có dòng dữ liệu nào', en: 'The file has no data rows' },
  'import.noPoints': { vi: 'Tệp chưa có điểm nào để nhập', en: 'The file has no points to import' },
  'import.noValues': { vi: 'Tệp chưa có số liệu nào để nhập', en: 'The file has no values to import' },
  'import.frameworkInvalid': {
    vi: 'Tệp bộ tiêu chí có lỗi; chưa nhập gì. Hãy sửa các lỗi được liệt kê rồi nhập lại.',
    en: 'The framework file has errors; nothing was imported. Fix the errors listed and import again.',
  },
  'import.csvOrXlsxOnly': { vi: 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).', en: 'Only CSV (UTF-8) or Excel (.xlsx) files are accepted.' },
  'import.unitCodeRace': {
    vi: 'Một mã đơn vị vừa được người khác tạo trong lúc nhập. Hãy nhập lại.',
    en: 'Someone else just created one of the unit codes during the import. Import again.',
  },
  'upload.fileField': { vi: 'Hãy gửi tệp trong trường “file” (multipart/form-data).', en: 'Send the file in the “file” field (multipart/form-data).' },
  'upload.inputsField': {
    vi: 'Hãy gửi tệp dữ liệu trong trường “inputs” (multipart/form-data).',
    en: 'Send the data file in the “inputs” field (multipart/form-data).',
  },
  'upload.noFile': {
    vi: 'Chưa có tệp nào được gửi lên. Hãy chọn tệp tài liệu kiểm chứng.',
    en: 'No file was sent. Choose an evidence file.',
  },
  'upload.contentMissing': {
    vi: 'Tệp nội dung của tài liệu này không còn trong kho. Hãy báo quản trị viên.',
    en: 'This document\'s file is no longer in the store. Tell the administrator.',
  },
} as const satisfies Record<string, MessageTemplates>;

export const SERVER_MESSAGES = { ...general, ...constant } as const;
