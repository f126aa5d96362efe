/**
 * The audit trail in words: one Vietnamese sentence per event ("Nguyễn Văn A (Sở Tư pháp) đã sửa
 * điểm tự đánh giá tiêu chí 2.1 của Sở Y tế từ 0,5 lên 1 — lý do: …"), and successive autosaves
 * of one criterion by one person grouped into one line for display. Pure: the caller supplies
 * the names (people, units) it has looked up; every event is still kept and listed.
 */
import { formatPoints, parsePoints } from '../decimal/points.ts';

/** One audit event with the names a reader needs. */
export interface AuditFacts {
  readonly id: number;
  /** ISO timestamp. */
  readonly at: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  /** Who: full name (or user name); null for the system's own work. */
  readonly actorName: string | null;
  readonly actorUnit?: string | null;
  /** The unit the event is about (an assessment's unit, a unit record), when known. */
  readonly unitName?: string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** "0.500" → "0,5"; null when not points. */
function pts(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  const p = parsePoints(typeof v === 'number' ? v : String(v));
  return p === null ? null : formatPoints(p);
}

function fromTo(before: string | null, after: string | null): string {
  if (before === null && after === null) return '';
  if (before === null) return `: ${after} điểm`;
  if (after === null) return ` (bỏ điểm ${before})`;
  if (before === after) return ` (điểm không đổi: ${after})`;
  const up = parsePoints(after.replace(',', '.'))! > parsePoints(before.replace(',', '.'))!;
  return ` từ ${before} ${up ? 'lên' : 'xuống'} ${after}`;
}

const STATES: Record<string, string> = {
  not_started: 'chưa bắt đầu', in_progress: 'đang tự đánh giá', self_assessment: 'đang tự đánh giá', submitted: 'đã gửi',
  in_appraisal: 'đang thẩm định', returned_for_revision: 'trả lại để chỉnh sửa', appraised: 'đã thẩm định',
  council_review: 'hội đồng xem xét', finalized: 'đã có kết quả', published: 'đã công bố', not_submitted: 'không nộp',
};
const state = (v: unknown) => { const s = str(v); return s ? (STATES[s] ?? s) : null; };

const UNIT_ACTIONS: Record<string, string> = {
  submit: 'gửi hồ sơ tự đánh giá', start_appraisal: 'bắt đầu thẩm định hồ sơ', return_for_revision: 'trả lại hồ sơ để chỉnh sửa',
  publish: 'công bố kết quả', extend_deadline: 'gia hạn', record_not_submitted: 'ghi nhận không nộp hồ sơ',
  mark_not_submitted: 'ghi nhận không nộp hồ sơ',
  submit_on_behalf: 'gửi hồ sơ thay', finish_appraisal: 'kết thúc thẩm định hồ sơ', reopen: 'mở lại hồ sơ',
};

const VERBS: Record<string, string> = {
  create: 'thêm', update: 'sửa', close: 'giải thể', merge: 'sáp nhập', split: 'chia tách', set_members: 'đặt thành viên của',
  reset_password: 'cấp lại mật khẩu cho', password_change: 'đổi mật khẩu', publish: 'ban hành', new_version: 'tạo phiên bản mới của',
  lock: 'khoá', unlock: 'mở khoá đăng nhập của', amend: 'đính chính', reassign_criterion: 'giao lại tiêu chí trong', delete: 'xoá', revoke: 'thu hồi',
};
/** A cycle's own moves read differently from a unit's ("giải thể" is a unit's closure). */
const CYCLE_VERBS: Record<string, string> = { open: 'mở', close: 'kết thúc', reopen: 'mở lại' };
const ENTITIES: Record<string, string> = {
  unit: 'đơn vị', unit_operation: 'thao tác sắp xếp đơn vị', unit_group: 'nhóm đơn vị', user: 'tài khoản', group_set: 'bộ nhóm',
  framework: 'bộ tiêu chí', framework_version: 'phiên bản bộ tiêu chí', evidence_document: 'tài liệu kiểm chứng', cycle: 'kỳ đánh giá',
  cycle_unit: 'hồ sơ', result_snapshot: 'kết quả công bố', criterion_record: 'tiêu chí', api_token: 'mã truy cập API',
  survey: 'cuộc điều tra XHH', survey_questionnaire: 'phiếu hỏi', survey_paper_batch: 'lô phiếu giấy', survey_paper_form: 'phiếu giấy',
  survey_import: 'tệp câu trả lời',
};
/** The survey's own moves (its questionnaires, paper forms and imports): "đã đóng cuộc điều tra XHH", "đã chọn mẫu người trả lời của phiếu hỏi". */
const SURVEY_VERBS: Record<string, string> = {
  open: 'mở', close: 'đóng', reopen: 'mở lại', rescore: 'tính lại điểm của', recount_duplicates: 'đếm lại phiếu trùng của',
  exclude_response: 'loại một phiếu trả lời khỏi', include_response: 'tính lại một phiếu trả lời vào',
  mail_respondents: 'gửi thư mời người trả lời của', purge_personal_data: 'xoá thông tin cá nhân người trả lời của',
  create_links: 'tạo đường dẫn trả lời cho', export_links: 'tải danh sách đường dẫn trả lời của', revoke_links: 'thu hồi đường dẫn trả lời của',
  set_quotas: 'đặt số phiếu cần thu của', draw_sample: 'chọn mẫu người trả lời của', import_respondents: 'nhập danh sách người trả lời của',
  upload_version: 'tải lên phiên bản mới của', author_version: 'soạn phiên bản mới của',
  enter: 'nhập', correct_entry: 'sửa lần nhập', agree: 'khớp hai lần nhập', reconcile: 'đối chiếu hai lần nhập', import: 'nhập',
};

function who(e: AuditFacts): string {
  if (!e.actorName) return 'Hệ thống';
  return e.actorUnit ? `${e.actorName} (${e.actorUnit})` : e.actorName;
}

function criterionSentence(e: AuditFacts): string {
  const b = obj(e.before);
  const a = obj(e.after);
  const code = str(a.nodeCode) ?? str(b.nodeCode) ?? '?';
  const of = `tiêu chí ${code}${e.unitName ? ` của ${e.unitName}` : ''}`;
  switch (e.action) {
    case 'save_self': {
      const na = obj(a.input).kind === 'not_applicable';
      if (na) return `đã khai báo ${of} không áp dụng${str(obj(a.input).reason) ? ` (${str(obj(a.input).reason)})` : ''}`;
      const before = pts(b.points);
      const after = pts(a.points);
      if (before === null && after !== null) return `đã nhập điểm tự đánh giá ${of}: ${after} điểm`;
      if (before !== after) return `đã sửa điểm tự đánh giá ${of}${fromTo(before, after)}`;
      return `đã lưu tự đánh giá ${of}${after !== null ? ` (điểm không đổi: ${after})` : ''}`;
    }
    case 'decide': {
      const ap = obj(a.appraisal);
      const kind = str(ap.kind);
      const self = pts(a.selfPoints);
      const val = pts(ap.points);
      if (kind === 'accept') return `đã chấp nhận điểm tự đánh giá ${of}${self !== null ? ` (${self} điểm)` : ''}`;
      if (kind === 'confirm_not_applicable') return `đã xác nhận ${of} không áp dụng`;
      if (kind === 'refuse_not_applicable') return `đã không chấp nhận khai báo không áp dụng ${of}`;
      return `đã điều chỉnh điểm thẩm định ${of}${fromTo(self, val)}`;
    }
    case 'request_explanation':
      return `đã yêu cầu giải trình ${of}`;
    case 'answer':
      return `đã trả lời yêu cầu giải trình ${of}`;
    case 'propose_final':
      return `đã đề xuất điểm cuối cùng ${of}${fromTo(pts(obj(a.appraisal).points) ?? pts(a.selfPoints), pts(obj(a.council).points))}`;
    case 'approve_final':
      return `đã phê duyệt điểm cuối cùng ${of}${pts(obj(a.council).points) !== null ? `: ${pts(obj(a.council).points)} điểm` : ''}`;
    case 'reject_proposal':
      return `đã không duyệt đề xuất điểm ${of}`;
    default:
      return `đã ${e.action} ${of}`;
  }
}

function cycleUnitSentence(e: AuditFacts): string {
  const from = state(obj(e.before).state);
  const to = state(obj(e.after).state);
  const whose = e.unitName ? ` của ${e.unitName}` : '';
  const change = from && to && from !== to ? ` (${from} → ${to})` : '';
  if (e.action.startsWith('auto:')) return `đã chuyển hồ sơ${whose} sang “${state(e.action.slice(5))}”${change}`;
  const verb = UNIT_ACTIONS[e.action] ?? e.action;
  return `đã ${verb}${whose}${change}`;
}

function genericSentence(e: AuditFacts): string {
  const b = obj(e.before);
  const a = obj(e.after);
  switch (e.action) {
    case 'login': return 'đã đăng nhập';
    case 'logout': return 'đã đăng xuất';
    case 'login_failed': return `đăng nhập không thành công${e.unitName ? ` (${e.unitName})` : ''}`;
  }
  const entity = ENTITIES[e.entityType] ?? e.entityType;
  const name = str(a.name) ?? str(b.name) ?? str(a.username) ?? str(b.username) ?? str(a.code) ?? str(b.code) ?? str(a.fileName) ?? e.unitName ?? null;
  const ownVerbs = e.entityType === 'cycle' ? CYCLE_VERBS : e.entityType.startsWith('survey') ? SURVEY_VERBS : undefined;
  const verb = ownVerbs?.[e.action] ?? VERBS[e.action] ?? e.action;
  // A paper form is known by its number within its batch ("<batch id>:<number>").
  if (e.entityType === 'survey_paper_form') return `đã ${verb} ${entity} số ${e.entityId.slice(e.entityId.indexOf(':') + 1)}`;
  return `đã ${verb} ${entity}${name ? ` “${name}”` : ''}`;
}

/** The event as one sentence in Vietnamese: who did what to which unit and criterion, from what to what, why. */
export function describeAuditEvent(e: AuditFacts): string {
  const what = e.entityType === 'criterion_record' ? criterionSentence(e)
    : e.entityType === 'cycle_unit' ? cycleUnitSentence(e)
      : genericSentence(e);
  const reason = e.reason?.trim();
  return `${who(e)} ${what}${reason ? ` — lý do: ${reason}` : ''}`;
}

/** A line of the trail: one event, or successive autosaves of one criterion by one person. */
export type AuditLine<E extends AuditFacts = AuditFacts> =
  | { readonly kind: 'event'; readonly event: E }
  | { readonly kind: 'autosaves'; readonly events: readonly E[]; readonly first: E; readonly last: E };

function autosaveKey(e: AuditFacts): string | null {
  if (e.entityType !== 'criterion_record' || e.action !== 'save_self' || !e.actorName) return null;
  return `${e.entityId}|${e.actorName}`;
}

/**
 * Groups runs of successive autosaves (same criterion record, same person, nothing else between
 * them in the list) into one line. The list's order is kept; a run of one stays an event.
 */
export function groupAutosaves<E extends AuditFacts>(events: readonly E[]): AuditLine<E>[] {
  const lines: AuditLine<E>[] = [];
  let run: E[] = [];
  const flush = () => {
    if (run.length === 1) lines.push({ kind: 'event', event: run[0]! });
    else if (run.length > 1) {
      const byTime = [...run].sort((x, y) => x.at.localeCompare(y.at) || x.id - y.id);
      lines.push({ kind: 'autosaves', events: run, first: byTime[0]!, last: byTime[byTime.length - 1]! });
    }
    run = [];
  };
  for (const e of events) {
    const key = autosaveKey(e);
    if (key === null) {
      flush();
      lines.push({ kind: 'event', event: e });
      continue;
    }
    if (run.length > 0 && autosaveKey(run[0]!) !== key) flush();
    run.push(e);
  }
  flush();
  return lines;
}

/** "Đinh Thị Thảo (Sở Tư pháp): 12 lần lưu tự động tiêu chí 1.1.2 của Sở Tư pháp từ 0 lên 1" for a group. */
export function describeAutosaves(line: Extract<AuditLine, { kind: 'autosaves' }>): string {
  const { first, last } = line;
  const code = str(obj(last.after).nodeCode) ?? '?';
  const change = fromTo(pts(obj(first.before).points), pts(obj(last.after).points));
  return `${who(last)}: ${line.events.length} lần lưu tự động tiêu chí ${code}${last.unitName ? ` của ${last.unitName}` : ''}${change}`;
}
